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
# Unit, store (SQLite + PostgreSQL) and integration suites (real Dovecot).
# The browser tests run on their own afterwards: they start the portal.
npx backstage-cli repo test --testPathIgnorePatterns '/packages/e2e-tests/' "$@"
# With arguments (a chosen subset) the browser tests are left out.
if [ $# -gt 0 ]; then exit 0; fi

# Browser tests: Debian's Chromium through playwright-core, against the
# portal started with scripts/start.sh (ports 3000 and 7007) and the test bed.
npx backstage-cli repo test packages/e2e-tests --runInBand
