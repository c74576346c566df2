#!/usr/bin/env node
// The `source-declarative-manifest` command: runs the built entry point in dist/, which
// `npm run build` creates. This file is committed, so the link exists before the first build.
try {
  await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write('source-declarative-manifest is not built yet: run `npm run build` at the repository root first\n');
    process.exit(1);
  }
  throw error;
}
