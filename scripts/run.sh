#!/usr/bin/env bash
# Run the ledger with the embedded default (SQLite in ./var, no servers) on 127.0.0.1:8000.
# Extra arguments go to `intyg serve`, e.g. --port 8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh
exec .venv/bin/intyg serve "$@"
