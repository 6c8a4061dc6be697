#!/usr/bin/env bash
# Runs a command against a private, throw-away Redis server:
#   tests/tools/with-redis.sh pytest ...
# Debian's redis-server on a free loopback port, no persistence, data in a temporary folder,
# stopped and removed afterwards. Exports REDIS_URL for the command (the settings then use Django's
# Redis cache backend).
set -euo pipefail

if ! command -v redis-server >/dev/null 2>&1; then
  echo "!! redis-server not found (Debian package 'redis-server')." >&2
  if [ "${CI:-}" = "true" ]; then echo "CI=true: failing." >&2; exit 1; fi
  echo "!! Running WITHOUT Redis." >&2
  exec "$@"
fi

tmp=$(mktemp -d /tmp/icrtop-redis.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
redis-server --bind 127.0.0.1 --port "$port" --dir "$tmp" --save "" --appendonly no \
  --daemonize yes --pidfile "$tmp/redis.pid" --logfile "$tmp/redis.log"

cleanup() {
  if [ -f "$tmp/redis.pid" ]; then kill "$(cat "$tmp/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

for _ in $(seq 1 50); do
  redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
export REDIS_URL="redis://127.0.0.1:$port/0"
echo "Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
