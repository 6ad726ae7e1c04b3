#!/usr/bin/env bash
# Make sure the system tools the test suite needs exist: gettext (msgfmt) and Debian's
# Chromium for the browser tests. Installs them with apt when we are root; otherwise explains.
set -euo pipefail

need_apt=()
command -v msgfmt >/dev/null 2>&1 || need_apt+=(gettext)

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    if [ -n "${CHROMIUM_PATH:-}" ]; then
        echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2
        exit 1
    fi
    need_apt+=(chromium)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> apt-get install ${need_apt[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq "${need_apt[@]}" >/dev/null 2>&1 || {
            apt-get update -qq >/dev/null && apt-get install -y -qq "${need_apt[@]}" >/dev/null
        }
    else
        cat >&2 <<MSG
The test suite needs: ${need_apt[*]}.
Install them (Debian/Ubuntu: sudo apt-get install ${need_apt[*]}), or point CHROMIUM_PATH
at a Chromium or Chrome binary. Playwright's own browser download is not used.
MSG
        exit 1
    fi
fi
