#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (tests/browser), as `make test` needs it.
# Playwright's own browser download cannot reach its host on these machines: never `playwright install`;
# the tests drive /usr/bin/chromium (or $SIMKIT_CHROMIUM) instead.
set -uo pipefail

CHROMIUM="${SIMKIT_CHROMIUM:-/usr/bin/chromium}"
fail() { echo "ensure_chromium: $*" >&2; exit 1; }

[ -x "$CHROMIUM" ] && exit 0
[ "$CHROMIUM" = /usr/bin/chromium ] || fail "SIMKIT_CHROMIUM=$CHROMIUM is not an executable file"

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    fail "/usr/bin/chromium is missing and cannot be installed without root: run 'sudo apt-get install -y chromium'"
fi
command -v apt-get >/dev/null 2>&1 || fail "/usr/bin/chromium is missing and this system has no apt-get: install Chromium"

echo "ensure_chromium: /usr/bin/chromium is missing; installing Debian's chromium with apt-get (about a minute)"
log="$(mktemp -t ensure-chromium.XXXXXX.log)"
if DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get update -q >"$log" 2>&1 \
    && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q chromium >>"$log" 2>&1 \
    && [ -x /usr/bin/chromium ]; then
    rm -f "$log"
    echo "ensure_chromium: installed $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
    exit 0
fi
tail -n 15 "$log" >&2
fail "could not install Debian's chromium with apt-get (full log: $log)"
