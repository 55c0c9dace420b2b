"""gunicorn configuration of the portal (`gunicorn -c deploy/gunicorn.conf.py portal.wsgi`).

Every value can be changed from the environment, so the same file serves
`make stack` and a real server (docs/operations.md, "Production").
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Processes: about two per core. Threads let one process overlap the waits on
# PostgreSQL, Redis and the search cluster; the GIL makes more processes,
# not more threads, the way to use more cores.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request that takes longer than this is stuck: the worker is restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
# Restarting a worker every N requests (a guard against slow leaks) is off
# by default: a gthread worker that reaches its limit closes the connections
# it has accepted but not yet read, and Varnish answers those requests 503
# ("HTC eof"). Measured with make stack and benchmarks/dossier_submit.py at
# GUNICORN_MAX_REQUESTS=300: 2-4 of 1,680 requests failed per run, none at 0.
# Set it only with a front that retries (Varnish retries GET and HEAD once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 2
# Load the application once in the master, then fork: less memory per worker
# and a broken deploy fails at start instead of on the first request.
preload_app = True
# Varnish (or nginx) on this machine adds X-Forwarded-For; trust it only from
# the proxy's address.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Uploads are written to a temporary file by Django past 2.5 MB; keep that on
# local disk rather than a tmpfs that may be small.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or None
