"""gunicorn settings for production (``gunicorn -c icrtop/gunicorn.conf.py icrtop.wsgi``).

Every value can be overridden from the environment, so the same file serves the Docker image, the
CI smoke test and the browser tests.
"""

import multiprocessing
import os
import shutil

# Where to listen. In a container, 0.0.0.0:$PORT on the private network; on a host, 127.0.0.1. Never
# publish this port: gunicorn's workers are few and wait for whole requests, so clients that send
# slowly would hold them all. Caddy and Varnish stand in front (compose.yaml, docs/operations.md).
bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")

# Synchronous workers: Django does blocking I/O. 2 x cores + 1 is gunicorn's own rule of thumb,
# capped so that a small machine is not swamped.
workers = int(os.environ.get("GUNICORN_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# gthread keeps connections alive (sync workers close every one) and lets a worker answer page-cache
# hits while another thread renders; the benchmark (tests/benchmarks/site_benchmark.py) compares.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")

# A request that takes longer than this is stuck: the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Keep-alive a little longer than a typical load balancer's idle timeout would be pointless here;
# a few seconds lets a phone reuse its connection for the stylesheet.
keepalive = 5

# Recycle workers now and then so that slow leaks cannot grow without bound (jitter avoids all
# workers restarting at once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100

# Logs to stdout/stderr, where containers and systemd collect them.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")

# LOG_FORMAT=json: gunicorn's own lines (access and error) are JSON objects too, with the site's
# formatter (icrtop.observability.JsonFormatter), like every line of the application.
if os.environ.get("LOG_FORMAT", "").lower() == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "icrtop.observability.JsonFormatter"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
            "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        },
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {
                "level": "INFO",
                "handlers": ["error_console"],
                "propagate": False,
                "qualname": "gunicorn.error",
            },
            "gunicorn.access": {
                "level": "INFO",
                "handlers": ["console"],
                "propagate": False,
                "qualname": "gunicorn.access",
            },
        },
    }

# Trust X-Forwarded-Proto only from the site's own proxies: TRUSTED_PROXIES, the setting the site
# itself reads for the visitor's address (core/proxies.py); loopback by default.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1"))

# Load the application before forking: workers share memory and start faster.
preload_app = True


def empty_prometheus_dir():
    """Prometheus' multiprocess mode (PROMETHEUS_MULTIPROC_DIR, with METRICS_TOKEN; compose sets it):
    every worker writes its counts to files in that folder and a scrape sums them. Files left by a
    previous run (a restarted container keeps its /tmp) would be counted again: the folder is emptied
    when gunicorn reads this file, before the application is loaded."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder, exist_ok=True)


empty_prometheus_dir()


def child_exit(server, worker):
    """Prometheus' multiprocess mode (PROMETHEUS_MULTIPROC_DIR, with METRICS_TOKEN): forget a worker's
    live gauges when it exits (docs/operations.md, "Errors, logs and metrics")."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
