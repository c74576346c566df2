import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { ConnectorError, type JsonSchema, resolveSchemaRefs } from '@tributary/cdk';
import type { SchemaLoader } from './schema-loader.js';

/**
 * `JsonFileSchemaLoader`: a JSON Schema file, with `$ref`s to `shared/` files inlined by the CDK's
 * resolver. Python reads `./<package>/schemas/<name>.json` from the connector's Python package;
 * here the path is taken relative to the manifest's folder, and a leading package folder
 * (`./source_x/`) is also tried without it, so both a manifest-only connector (`manifest.yaml`
 * beside `schemas/`) and an older connector layout find their files.
 */
export class JsonFileSchemaLoader implements SchemaLoader {
  constructor(
    /** The path after interpolation. */
    private readonly filePath: string,
    private readonly streamName: string,
    private readonly baseDirectory: string | undefined,
  ) {}

  /** The file that exists among the candidates, or undefined. */
  findFile(): string | undefined {
    return this.candidates().find((file) => existsSync(file));
  }

  getJsonSchema(): JsonSchema {
    const file = this.findFile();
    if (file === undefined) {
      throw ConnectorError.config(
        `Stream '${this.streamName}': the schema file '${this.filePath}' was not found (looked for ${this.candidates().join(', ')})`,
      );
    }
    return resolveSchemaRefs(file, dirname(file), this.streamName);
  }

  private candidates(): string[] {
    if (isAbsolute(this.filePath)) return [this.filePath];
    const base = this.baseDirectory ?? process.cwd();
    const parts = this.filePath.split('/').filter((part) => part !== '' && part !== '.');
    const files = [join(base, ...parts)];
    if (parts.length > 1) files.push(join(base, ...parts.slice(1)));
    if (this.baseDirectory !== undefined) files.push(join(process.cwd(), ...parts));
    return [...new Set(files)];
  }
}

/**
 * Python's `DefaultSchemaLoader`, for a stream without `schema_loader`: the default schema file
 * when there is one, else the empty schema `{}`.
 */
export class DefaultSchemaLoader implements SchemaLoader {
  constructor(private readonly fileLoader: JsonFileSchemaLoader) {}

  getJsonSchema(): JsonSchema {
    return this.fileLoader.findFile() === undefined ? {} : this.fileLoader.getJsonSchema();
  }
}
