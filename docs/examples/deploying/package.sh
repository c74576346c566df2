#!/usr/bin/env bash
# Guide 8, "Deploying to Airbyte": what is checked without a Docker engine, from the repository
# root after `npm ci && npm run build`. The docs tests run this file as it is, CONTEXT in a
# temporary folder.
set -euo pipefail
CONTEXT=${CONTEXT:-.tributary/status-page-image}

# #region build
npx tsc -p docs/examples/deploying                       # the connector's `npm run build`
node docs/examples/deploying/dist/main.js spec           # the compiled connector answers
# #endregion build

# #region metadata
npx tributary metadata docs/examples/deploying --stdout   # without --stdout: writes metadata.yaml beside package.json
# #endregion metadata

# #region context
# The build context `tributary build` hands to docker: the production bundle and the Dockerfile.
npx tributary build docs/examples/deploying --prepare-only --context-dir "$CONTEXT"
cat "$CONTEXT/Dockerfile"
# #endregion context
