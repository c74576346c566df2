#!/usr/bin/env bash
# Guide 7, "Running locally": a session with the local runner, from the repository root after
# `npm ci && npm run build`. The docs tests run this file as it is, with DB in a temporary folder.
set -euo pipefail
DB=${DB:-.tributary/faker-guide.duckdb}

# #region first-sync
# A sync reads every stream into one DuckDB file: a table per stream, plus the bookkeeping.
npx tributary sync connectors/source-faker --config '{"count": 500, "clock": "2024-01-02T00:00:00Z"}' --to "$DB"
# #endregion first-sync

# #region look
npx tributary sql "$DB" "SELECT count(*) AS users, max(updated_at) AS latest FROM users"
npx tributary sql "$DB" "SELECT stream_name, state->>'$.stream.stream_state' AS state FROM _tributary_state ORDER BY stream_name"
npx tributary sql "$DB" --format json "SELECT id, name, address->>'$.country.name' AS country FROM users ORDER BY id LIMIT 2"
# #endregion look

# #region incremental
# The simulated clock moved a day: the next sync passes the stored state back, so the
# connector reads only the users that changed and the purchases made since.
npx tributary sync connectors/source-faker --config '{"count": 500, "clock": "2024-01-03T00:00:00Z"}' --to "$DB"
npx tributary sql "$DB" "SELECT sync_id, status, records_read, records_written FROM _tributary_syncs ORDER BY sync_id"
# #endregion incremental

# #region modes
# Only some streams, everything again (the stored state ignored, the tables replaced):
npx tributary sync connectors/source-faker --config '{"count": 500}' --streams products --full-refresh --to "$DB"
# Any Airbyte source executable, here the same connector run as a child process:
npx tributary sync --command "node connectors/source-faker/dist/main.js" --config '{"count": 500}' --streams products --to "$DB"
# #endregion modes
