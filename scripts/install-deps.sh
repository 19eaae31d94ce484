#!/usr/bin/env bash
# Installs the npm packages with the committed lockfile, and rebuilds native
# addons when they were built for another Node.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh

stamp=node_modules/.emails-install-stamp
want="$(node --version) $({ cat package-lock.json 2>/dev/null || true; } | sha256sum | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "[setup] npm packages are up to date" >&2
  exit 0
fi
# Exactly the committed lockfile, which stays as it is (npm ci never
# rewrites it), so a clean checkout is still clean after the first start.
npm ci --no-audit --no-fund
# A better-sqlite3 built for another Node does not load: rebuild it for this one.
if ! node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
  npm rebuild better-sqlite3
  node -e "new (require('better-sqlite3'))(':memory:').close()" || {
    echo "[setup] better-sqlite3 does not load on node $(node --version) even after a rebuild (nodedir: ${npm_config_nodedir:-unset})" >&2
    exit 1
  }
fi
echo "$want" > "$stamp"
