#!/usr/bin/env node
// The `tributary` command (node_modules/.bin/tributary after `npm ci`): runs the built CLI in
// dist/, which `npm run build` creates. This file is committed, so the link exists and is
// executable before the first build.
try {
  await import('../dist/main.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
    process.stderr.write('tributary is not built yet: run `npm run build` at the repository root first\n');
    process.exit(1);
  }
  throw error;
}
