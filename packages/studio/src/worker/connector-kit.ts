/**
 * The parts of Tributary a run uses, as the project itself resolves them: a connector package's
 * own `@tributary/cdk` (its test kit and runtime, so the classes, the secret masker and the
 * default HTTP dispatcher are the connector's), or, for a manifest, the CDK that
 * `@tributary/declarative` runs on.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Source } from '@tributary/cdk';
import type { ProjectTarget } from '../runs/job.js';

export type TestingModule = typeof import('@tributary/cdk/testing');
export type RuntimeModule = typeof import('@tributary/cdk/runtime');

export interface ConnectorKit {
  testing: TestingModule;
  runtime: RuntimeModule;
  /** A fresh source of the project. */
  createSource(): Source;
}

export async function loadKit(project: ProjectTarget): Promise<ConnectorKit> {
  if (project.kind === 'manifest') return manifestKit(project.file);
  const dir = resolve(project.dir);
  const { testing, runtime } = await cdkFrom(join(dir, 'package.json'));
  const connector = await testing.loadConnector(dir);
  return { testing, runtime, createSource: () => connector.create() };
}

async function manifestKit(file: string): Promise<ConnectorKit> {
  const declarative = await import('@tributary/declarative');
  const { testing, runtime } = await cdkFrom(createRequire(import.meta.url).resolve('@tributary/declarative'));
  return { testing, runtime, createSource: () => new declarative.DeclarativeSource(file) as unknown as Source };
}

/** `@tributary/cdk/testing` and `/runtime` resolved from `from` (a file), else Studio's own. */
async function cdkFrom(from: string): Promise<{ testing: TestingModule; runtime: RuntimeModule }> {
  const resolveFrom = existsSync(from) ? createRequire(from) : undefined;
  const load = async <T>(specifier: string, fallback: () => Promise<T>): Promise<T> => {
    let path: string | undefined;
    try {
      path = resolveFrom?.resolve(specifier);
    } catch {
      path = undefined;
    }
    return path === undefined ? fallback() : ((await import(pathToFileURL(path).href)) as T);
  };
  const testing = await load<TestingModule>('@tributary/cdk/testing', () => import('@tributary/cdk/testing'));
  const runtime = await load<RuntimeModule>('@tributary/cdk/runtime', () => import('@tributary/cdk/runtime'));
  if (typeof testing.recordHttp !== 'function' || typeof runtime.configProblems !== 'function') {
    throw new Error("the connector's @tributary/cdk is older than Studio needs (recordHttp, configProblems): update it");
  }
  return { testing, runtime };
}
