#!/usr/bin/env bash
# The README's first command: sets everything up and starts the portal
# (frontend http://localhost:3000, backend http://localhost:7007) on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/node-env.sh
./scripts/install-deps.sh

# Scripts may call the API as an admin with this static token (see README).
if [ -n "${BACKEND_STATIC_TOKEN:-}" ]; then
  export APP_CONFIG_backend_auth_externalAccess="[{\"type\":\"static\",\"options\":{\"token\":\"${BACKEND_STATIC_TOKEN}\",\"subject\":\"emails-scripts\"}}]"
  echo "[start] static token access enabled for scripts (subject emails-scripts)" >&2
fi

exec npx backstage-cli repo start "$@"
