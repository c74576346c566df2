// Installs faros-airbyte-cdk for case d into the git-ignored .bench/faros/, outside the npm
// workspaces, so `npm ci` at the repository root never installs it. The committed manifest and
// lockfile in bench/peers/faros/ pin it (and commander, lodash and faros-js-client, which it
// requires at run time without declaring them). Re-installs when the lockfile changed.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, farosDir } from './paths.mjs';

const manifestDir = join(benchDir, 'peers', 'faros');
const FILES = ['package.json', 'package-lock.json'];
export const FAROS_VERSION = '0.23.19';

/** Resolves to { ok: true, installed: boolean, ms } or { ok: false, reason }. Never throws. */
export async function ensureFarosInstalled(log) {
  if (isInstalled()) return { ok: true, installed: false, ms: 0 };
  const started = performance.now();
  log(`installing faros-airbyte-cdk@${FAROS_VERSION} into ${farosDir} (first run only) ...`);
  try {
    rmSync(farosDir, { recursive: true, force: true });
    mkdirSync(farosDir, { recursive: true });
    for (const file of FILES) copyFileSync(join(manifestDir, file), join(farosDir, file));
    const { code, output } = await npm(['ci', '--prefix', farosDir, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']);
    if (code !== 0) return { ok: false, reason: `npm ci in .bench/faros failed (exit ${code}): ${lastLines(output)}` };
  } catch (error) {
    return { ok: false, reason: `could not install faros-airbyte-cdk: ${error.message}` };
  }
  if (!isInstalled()) return { ok: false, reason: 'npm ci finished but faros-airbyte-cdk is not in .bench/faros/node_modules' };
  return { ok: true, installed: true, ms: performance.now() - started };
}

function isInstalled() {
  try {
    const pkg = JSON.parse(readFileSync(join(farosDir, 'node_modules', 'faros-airbyte-cdk', 'package.json'), 'utf8'));
    const sameLock =
      readFileSync(join(farosDir, 'package-lock.json'), 'utf8') === readFileSync(join(manifestDir, 'package-lock.json'), 'utf8');
    return pkg.version === FAROS_VERSION && sameLock && existsSync(join(farosDir, 'node_modules', 'faros-js-client'));
  } catch {
    return false;
  }
}

/** Runs npm (the one running `npm run bench`, else the one on PATH) without the root's npm_* settings. */
function npm(args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  const execPath = process.env.npm_execpath;
  const [command, commandArgs] = execPath?.endsWith('.js') ? [process.execPath, [execPath, ...args]] : ['npm', args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: farosDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk).slice(-8000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

function lastLines(text) {
  return text.trim().split('\n').slice(-6).join(' | ');
}
