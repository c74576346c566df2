#!/usr/bin/env bash
# Guide 9, "Declarative manifests": validate, spec and discover, from the repository root after
# `npm ci && npm run build`. The docs tests run this file as it is.
set -euo pipefail
cd docs/examples/declarative
echo '{"api_url": "https://api.tasks.example/v1", "api_key": "my-api-key", "start_date": "2024-01-01T00:00:00Z"}' > config.json

# #region validate
npx tributary manifest validate manifest.yaml
npx tributary manifest validate broken-manifest.yaml || echo "exit code $?"
# #endregion validate

# #region spec-discover
npx source-declarative-manifest spec --manifest-path manifest.yaml
npx source-declarative-manifest discover --config config.json --manifest-path manifest.yaml
# #endregion spec-discover
rm config.json
