# ICRtoP website: production image.
# The same steps (install, compilemessages, collectstatic under production settings, migrate,
# gunicorn serving a page) are run without Docker by `make smoke`, part of `make test`.

# --- build stage: a virtual environment and compiled translations ---------------------------
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
# gettext is only needed to compile the .po catalogues, npm to install the member map's country shapes
# (pages/map_data, locked); both stay in this stage.
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext nodejs npm \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY requirements.txt .
# --require-hashes: every file must match the hash locked in requirements.txt (`make lock`).
RUN pip install --require-hashes -r requirements.txt
COPY . .
RUN bash pages/map_data/install.sh \
 && python manage.py compilemessages --ignore=.venv \
 # collectstatic needs settings, not secrets: a throw-away key and host, never used at run time.
 && DJANGO_SETTINGS_MODULE=icrtop.settings.production \
    SECRET_KEY=collectstatic-only-dummy-key-0123456789-0123456789-0123456789 \
    ALLOWED_HOSTS=build.invalid DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput

# --- runtime stage --------------------------------------------------------------------------
FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=icrtop.settings.production PORT=8000 \
    MEDIA_ROOT=/app/media STATIC_ROOT=/app/staticfiles
RUN useradd --system --create-home --uid 1000 icrtop
COPY --from=build /venv /venv
COPY --from=build --chown=icrtop:icrtop /app /app
WORKDIR /app
RUN mkdir -p /app/media && chown icrtop:icrtop /app/media
USER icrtop
# gunicorn listens on $PORT (8000) for the proxies in front of it only: run the image behind Caddy and
# Varnish (compose.yaml), never with its port published to the internet (docs/operations.md).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["python", "icrtop/healthcheck.py"]
# Release step (migrate --noinput) then gunicorn with the commented settings in icrtop/gunicorn.conf.py.
CMD ["icrtop/release.sh"]
