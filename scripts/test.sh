#!/usr/bin/env bash
# The README's second command: installs what the tests need and runs all of
# them (unit, stores on SQLite and PostgreSQL, integration against the real
# Dovecot test bed).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-system-deps.sh
. scripts/node-env.sh
./scripts/install-deps.sh
. scripts/postgres-env.sh

export CI=true
npx backstage-cli repo test "$@"
# With arguments (a chosen subset) the browser tests are left out.
if [ $# -gt 0 ]; then exit 0; fi

# Browser tests: Debian's Chromium through playwright-core against the local
# portal, which they start and stop themselves (ports 3000 and 7007).
node --test --test-reporter=spec --test-concurrency=1 packages/app/e2e-tests/*.e2e.mts
