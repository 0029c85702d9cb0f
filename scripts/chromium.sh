#!/usr/bin/env bash
# Debian's Chromium for the browser tests (/statistik, /docs, /redoc). Installs the
# package when it is missing and apt can be used (root, or sudo without a password); otherwise
# says so and lets the suite go on (those tests then report themselves skipped).
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
run_as_root=()
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        run_as_root=(sudo -n)
    else
        echo "chromium.sh: chromium is missing and apt needs root; the browser tests will skip" >&2
        exit 0
    fi
fi
echo "chromium.sh: installing Debian's chromium (once per machine) ..."
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get install -y -q chromium >/dev/null 2>&1 || {
    "${run_as_root[@]}" apt-get update -q >/dev/null 2>&1
    "${run_as_root[@]}" apt-get install -y -q chromium >/dev/null
}
chromium --version
