#!/usr/bin/env bash
# Installs Lighthouse (tests/lighthouse: an exact version, locked in package-lock.json) for
# tests/browser/test_lighthouse.py. Idempotent and quiet when it is there and the lock has not changed.
# Never downloads a browser: the test points Lighthouse at Debian's /usr/bin/chromium
# (tests/tools/system-packages.sh). Installs Debian's nodejs and npm if they are missing (root only;
# otherwise it says so loudly, and under CI=true it fails).
set -euo pipefail
cd "$(dirname "$0")/../lighthouse"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!! node/npm missing and not root: install them with" >&2
    echo "!!   sudo apt-get update && sudo apt-get install -y nodejs npm" >&2
    echo "!! Without them the Lighthouse tests are SKIPPED." >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    if [ "${CI:-}" = "true" ]; then
      echo "CI=true: nothing may be skipped; failing." >&2
      exit 1
    fi
    exit 0
  fi
  echo "Installing Debian packages: nodejs npm"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

# npm ci records the lock it installed from; reinstall when the lock differs from that copy.
stamp=node_modules/.icrtop-package-lock.json
if [ -x node_modules/.bin/lighthouse ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
echo "Installing Lighthouse (npm ci in tests/lighthouse)"
# PUPPETEER_SKIP_DOWNLOAD: belt and braces, no browser download even if a dependency would try.
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
echo "Installed: $(node_modules/.bin/lighthouse --version | head -1) (lighthouse)"
