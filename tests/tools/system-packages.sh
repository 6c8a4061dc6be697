#!/usr/bin/env bash
# Installs the Debian packages the test suite needs: PostgreSQL (server), Redis, Varnish, Caddy (the
# edge proxy's test), docker-compose (validates compose.yaml without an engine), wrk (the benchmark's
# load generator), Chromium and fonts for the browser tests (Arabic and Chinese glyphs in
# screenshots), Java for the Nu HTML Checker. Idempotent and quiet when all is there.
# Without root it cannot install: it says so loudly, and under CI (CI=true) it fails.
set -euo pipefail

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need+=(fonts-noto-core)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ] || need+=(varnish)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v caddy >/dev/null 2>&1 || need+=(caddy)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!! Missing Debian packages: ${need[*]}" >&2
  echo "!! Not root, so they cannot be installed. Install them with:" >&2
  echo "!!   sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
  echo "!! Without them the PostgreSQL and browser tests are SKIPPED." >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  if [ "${CI:-}" = "true" ]; then
    echo "CI=true: nothing may be skipped; failing." >&2
    exit 1
  fi
  exit 0
fi

echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed: ${need[*]}"
