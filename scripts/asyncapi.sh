#!/usr/bin/env bash
# The AsyncAPI CLI (npm @asyncapi/cli, pinned), installed once per machine into a cache outside
# git, with its usage analytics off. `scripts/asyncapi.sh install` only installs; anything else
# runs the CLI, e.g. `scripts/asyncapi.sh validate streams/contract/asyncapi.json`.
set -euo pipefail

VERSION=6.2.0
CACHE="$HOME/.cache/intyg/asyncapi-cli-$VERSION"
BIN="$CACHE/node_modules/.bin/asyncapi"

if [ ! -x "$BIN" ]; then
    command -v npm >/dev/null 2>&1 || { echo "asyncapi.sh: npm (Node.js) is needed" >&2; exit 1; }
    echo "asyncapi.sh: installing @asyncapi/cli@$VERSION into $CACHE (once per machine) ..." >&2
    mkdir -p "$CACHE"
    npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error \
        "@asyncapi/cli@$VERSION" >&2
fi
echo '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"intyg"}' \
    > "$CACHE/analytics.json"
[ "${1:-}" = "install" ] && exit 0

# node-config inside the CLI warns about a config folder it does not need; give it an empty one.
mkdir -p "$CACHE/config" && echo "{}" > "$CACHE/config/production.json"
export ASYNCAPI_METRICS_CONFIG_PATH="$CACHE/analytics.json" NODE_CONFIG_DIR="$CACHE/config" \
    SUPPRESS_NO_CONFIG_WARNING=1
exec "$BIN" "$@"
