/**
 * Ajv and ajv-formats, imported statically here so that this module, and with it ajv, can be
 * imported lazily (config-validator.ts) as ONE bundled chunk: ajv is CommonJS, and its named
 * exports survive bundling only as static imports.
 */
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';

export { Ajv };

/** ajv-formats' plugin (its CommonJS default export, whichever way it was interpreted). */
export const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as unknown as (ajv: Ajv) => void;
