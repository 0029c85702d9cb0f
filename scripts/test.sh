#!/usr/bin/env bash
# The whole test suite from a fresh clone: virtual environment, PostgreSQL, the Kafka broker,
# static checks, then pytest. Stops the broker it started. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh
scripts/postgres.sh start
scripts/chromium.sh
scripts/asyncapi.sh install

kafka() { PYTHON=.venv/bin/python scripts/kafka.sh "$@"; }
kafka_started=""
if [ -x scripts/kafka.sh ] && [ "${INTYG_TEST_SKIP_KAFKA:-}" != "1" ]; then
    if ! kafka status >/dev/null 2>&1; then
        # A broker of our own, in a data dir of its own that starts empty: every test makes its
        # own topics, and the thousands a past run left would slow the broker's start past its
        # wait. A developer's broker (the default data dir) is never touched.
        export INTYG_KAFKA_DATA="${INTYG_TEST_KAFKA_DATA:-${INTYG_KAFKA_CACHE:-$HOME/.cache/intyg-kafka}/test-data}"
        kafka reset >/dev/null
        kafka start
        kafka_started=1
    fi
fi
cleanup() { if [ -n "$kafka_started" ]; then kafka stop || true; fi; }
trap cleanup EXIT

echo "== ruff" && .venv/bin/ruff check .
echo "== import layers" && .venv/bin/lint-imports
echo "== mypy" && .venv/bin/mypy
echo "== pytest"
export INTYG_TEST_POSTGRES=1
# Two workers (pytest-xdist), each test file kept on one worker: INTYG_TEST_WORKERS=0 runs serially.
.venv/bin/pytest -n "${INTYG_TEST_WORKERS:-2}" --dist loadfile "$@"
