#!/usr/bin/env bash
# Guide 9, "Declarative manifests": check, read, sync and test the manifest against a small local
# API (api.mjs), from the repository root after `npm ci && npm run build`. The docs tests run this
# file as it is, with DB and CONTEXT in a temporary folder, and compare what it prints with the guide.
set -euo pipefail
DB=$(realpath -m "${DB:-.tributary/tasks.duckdb}")
CONTEXT=$(realpath -m "${CONTEXT:-.tributary/source-tasks-image}")
cd docs/examples/declarative
trap 'kill $API_PID 2>/dev/null; rm -f api-url.txt config.json state.json' EXIT

# #region api
# Start the API on a free port of 127.0.0.1 (it prints its URL) and write the config for it.
start_api() {
  rm -f api-url.txt
  node api.mjs "$@" > api-url.txt &
  API_PID=$!
  until [ -s api-url.txt ]; do sleep 0.1; done
  cat > config.json <<JSON
{"api_url": "$(cat api-url.txt)", "api_key": "my-api-key", "start_date": "2024-01-01T00:00:00Z"}
JSON
}
start_api
# #endregion api

# #region check-read
npx source-declarative-manifest check --config config.json --manifest-path manifest.yaml
npx source-declarative-manifest read --config config.json --catalog catalog.json --manifest-path manifest.yaml \
  | grep -E '"type":"(RECORD|STATE)"'
# #endregion check-read

# #region incremental
# A day later, the API has one task changed and one new. The state the last read ended with:
cat > state.json <<JSON
[{"type": "STREAM", "stream": {"stream_descriptor": {"name": "tasks"}, "stream_state": {"updated_at": "2024-03-03T14:00:00Z"}}}]
JSON
kill $API_PID && start_api later
npx source-declarative-manifest read --config config.json --catalog catalog.json --state state.json --manifest-path manifest.yaml \
  | grep -E '"type":"(RECORD|STATE)"'
# #endregion incremental

# #region sync
npx tributary sync manifest.yaml --config config.json --to "$DB"
npx tributary sql "$DB" "SELECT id, title, done, updated_at FROM tasks ORDER BY id"
# #endregion sync

# #region test
npx tributary test manifest.yaml --config config.json
# #endregion test

# #region image
# The image context for the Airbyte platform (without --prepare-only, docker builds the image).
npx tributary build --manifest manifest.yaml --tag acme/source-tasks:0.1.0 --prepare-only --context-dir "$CONTEXT"
grep -E '^(ENTRYPOINT|USER)' "$CONTEXT/Dockerfile"
# #endregion image
