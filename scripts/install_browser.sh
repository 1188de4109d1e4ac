#!/usr/bin/env bash
# Debian's Chromium for the web app's browser tests (tests/web), installed through apt when
# /usr/bin/chromium is missing. Never fails the build: without root, sudo or apt the browser
# tests skip with their reason and everything else still runs.
set -u
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no apt-get here; the browser tests will skip" >&2
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "install_browser: not root and no password-less sudo; the browser tests will skip" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; then
    echo "install_browser: apt-get install chromium failed; the browser tests will skip" >&2
fi
exit 0
