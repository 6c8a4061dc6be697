#!/usr/bin/env bash
# The Dockerfile's steps, without Docker (no engine runs here): a fresh virtual environment from
# requirements.txt only, compilemessages, collectstatic under production settings with a throw-away
# key, the release step (migrate --noinput), then gunicorn with icrtop/gunicorn.conf.py serving pages,
# the health check and a hashed static file. Also proves production refuses to start without a secret.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d /tmp/icrtop-smoke.XXXXXX)
gunicorn_pid=""
cleanup() { [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

venv="${SMOKE_VENV:-.make/smoke-venv}"
if [ ! -x "$venv/bin/gunicorn" ] || [ requirements.txt -nt "$venv/.installed" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check --require-hashes -r requirements.txt
  touch "$venv/.installed"
fi
py="$venv/bin/python"

export DJANGO_SETTINGS_MODULE=icrtop.settings.production
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
export DATABASE_URL="${SMOKE_DATABASE_URL:-sqlite:///$work/db.sqlite3}"

echo "-- production settings refuse to start without SECRET_KEY"
if SECRET_KEY= ALLOWED_HOSTS=x "$py" manage.py check >"$work/nokey.log" 2>&1; then
  echo "FAIL: production started without SECRET_KEY" >&2; exit 1
fi
grep -q "SECRET_KEY must be set" "$work/nokey.log" || { cat "$work/nokey.log" >&2; exit 1; }

echo "-- build: compilemessages and collectstatic (as in the Dockerfile)"
DJANGO_SETTINGS_MODULE=icrtop.settings.dev "$py" manage.py compilemessages --ignore=.venv --ignore=.make >/dev/null
SECRET_KEY=collectstatic-only-dummy-key-0123456789-0123456789-0123456789 ALLOWED_HOSTS=build.invalid \
  "$py" manage.py collectstatic --noinput >/dev/null

export SECRET_KEY="$("$py" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 PORT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

echo "-- deploy checks"
# A mail server as .env gives one (without it core.W005 would stop this check, as it should).
SECURE_SSL_REDIRECT=1 EMAIL_URL="smtp://mail.example.invalid:587/?tls=True" \
  "$py" manage.py check --deploy --fail-level WARNING

echo "-- release step: migrate --noinput, initial content"
"$py" manage.py migrate --noinput >/dev/null
"$py" manage.py load_initial_content
echo "-- the scheduled jobs, once (compose's scheduler service runs them in a loop)"
"$py" manage.py run_scheduled_jobs

echo "-- gunicorn on 127.0.0.1:$PORT"
GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS=2 "$venv/bin/gunicorn" -c icrtop/gunicorn.conf.py icrtop.wsgi \
  >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
# Up to 60 s (a busy machine: the browser stage runs beside this), unless gunicorn has exited.
for _ in $(seq 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  kill -0 "$gunicorn_pid" 2>/dev/null || break
  sleep 0.2
done

fail() { echo "FAIL: $*" >&2; tail -30 "$work/gunicorn.log" >&2; exit 1; }
body=$(curl -fsS "http://127.0.0.1:$PORT/healthz") || fail "/healthz"
[[ "$body" == *'"status": "ok"'* ]] || fail "/healthz said $body"
home=$(curl -fsS -H 'Accept-Language: en' -L "http://127.0.0.1:$PORT/") || fail "home page"
[[ "$home" == *"Responsibility to Protect"* ]] || fail "home page content"
css=$(grep -o '/static/css/site\.[0-9a-f]*\.css' <<<"$home" | head -n 1)
[ -n "$css" ] || fail "no hashed stylesheet link on the home page"
curl -fsS -o /dev/null -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT$css" || fail "static file $css"
"$py" icrtop/healthcheck.py || fail "container health check script"
echo "-- production smoke test passed (gunicorn served /, /healthz and $css)"
