#!/usr/bin/env bash
# Guide 1, "Your first connector in ten minutes": every command of the guide, in order. The docs
# tests run this file as it is, in a fresh clone (REPOSITORY is that clone's source), and check
# what each step printed.
set -euo pipefail

# #region clone
git clone "$REPOSITORY" tributary
cd tributary
npm ci
npm run build
# #endregion clone

# #region new
npx tributary new source-acme --dir connectors
cd connectors/source-acme
npm install
npm run build
# #endregion new

# #region commands
mkdir -p secrets
echo '{"api_key": "my-first-key", "count": 500}' > secrets/config.json
node dist/main.js spec
node dist/main.js check --config secrets/config.json
node dist/main.js discover --config secrets/config.json
# #endregion commands

# #region read
cat > secrets/catalog.json <<'JSON'
{
  "streams": [
    {
      "stream": { "name": "items", "json_schema": {}, "supported_sync_modes": ["full_refresh", "incremental"] },
      "sync_mode": "incremental",
      "destination_sync_mode": "append_dedup"
    }
  ]
}
JSON
node dist/main.js read --config secrets/config.json --catalog secrets/catalog.json | tail -3
# #endregion read

# #region sync
npx tributary sync . --config secrets/config.json
npx tributary sql source-acme "SELECT status, count(*) AS items, max(updated_at) AS latest FROM items GROUP BY ALL ORDER BY status"
# #endregion sync

# #region sync-again
echo '{"api_key": "my-first-key", "count": 520}' > secrets/config.json
npx tributary sync . --config secrets/config.json
# #endregion sync-again

# #region test
npm test
npx tributary test . --config secrets/config.json --invalid-config '{"count": 5}'
# #endregion test
