#!/usr/bin/env bash
# Installs the member map's country shapes (Natural Earth through the world-atlas npm package, the
# exact version locked in package-lock.json) with npm ci, into pages/map_data/node_modules, where
# pages/member_map.py reads them. Idempotent and quiet when they are there and the lock has not
# changed. Installs Debian's nodejs and npm if they are missing (root only). Without them it says so:
# the map page then shows its table alone (and under CI=true it fails, so nothing is skipped there).
set -euo pipefail
cd "$(dirname "$0")"

stamp=node_modules/.icrtop-package-lock.json
if [ -f node_modules/world-atlas/countries-50m.json ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "!! npm missing and not root: install it (sudo apt-get install -y nodejs npm), then run make map-data." >&2
    echo "!! Until then the member map shows its table only." >&2
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

echo "Installing the member map's country shapes (npm ci in pages/map_data)"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
