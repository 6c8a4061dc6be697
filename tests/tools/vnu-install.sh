#!/usr/bin/env bash
# Installs the Nu HTML Checker (tests/vnu: the vnu-jar npm package at an exact version, locked in
# package-lock.json) for tests/browser/test_html_validity.py, which runs its vnu.jar with Debian's Java
# (default-jre-headless, tests/tools/system-packages.sh). Idempotent and quiet when it is there and the
# lock has not changed. --ignore-scripts: the package's own post-install step would download a Java
# runtime when none is found; the system's is used instead.
set -euo pipefail
cd "$(dirname "$0")/../vnu"

if ! command -v npm >/dev/null 2>&1; then
  echo "!! npm missing: bash tests/tools/lighthouse-install.sh installs Debian's nodejs and npm." >&2
  if [ "${CI:-}" = "true" ]; then
    echo "CI=true: nothing may be skipped; failing." >&2
    exit 1
  fi
  exit 0
fi

stamp=node_modules/.icrtop-package-lock.json
if [ -f node_modules/vnu-jar/build/dist/vnu.jar ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
echo "Installing the Nu HTML Checker (npm ci in tests/vnu)"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
echo "Installed: vnu.jar $(node -p 'require("./node_modules/vnu-jar/package.json").version')"
