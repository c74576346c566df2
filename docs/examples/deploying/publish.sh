#!/usr/bin/env bash
# Guide 8: building and publishing the image. These commands need a Docker engine and a registry;
# CI has neither, so the docs tests check this file's syntax only (npm run test:docker builds and
# runs the faker connector's image where Docker is available).
set -euo pipefail

# #region image
npx tributary build docs/examples/deploying --tag registry.example.com/acme/source-status-page:0.2.0 --metadata
docker run --rm registry.example.com/acme/source-status-page:0.2.0 spec
docker push registry.example.com/acme/source-status-page:0.2.0
# #endregion image
