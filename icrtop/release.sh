#!/bin/sh
# Release step, then the server: used as the container's command.
#   RUN_MIGRATIONS=0 skips the release step (for example when a separate job runs it).
set -e
if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
  python manage.py migrate --noinput
fi
exec gunicorn -c icrtop/gunicorn.conf.py icrtop.wsgi
