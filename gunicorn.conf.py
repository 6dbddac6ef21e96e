"""gunicorn settings for ALT Portal, read from the environment.

gunicorn reads this file when started from the project folder:

    DJANGO_DEBUG=false DJANGO_SECRET_KEY=... DJANGO_ALLOWED_HOSTS=... \
        .venv/bin/gunicorn

Options given on the command line win over this file.

- GUNICORN_BIND: address to listen on, default 127.0.0.1:8000 (put a TLS proxy
  in front; several addresses may be given, comma-separated).
- GUNICORN_WORKERS: worker processes, default 2 × CPU cores + 1, at most 8.
- GUNICORN_TIMEOUT: seconds a request may take before its worker is restarted
  (default 30); GUNICORN_GRACEFUL_TIMEOUT: seconds running requests get to
  finish on restart or shutdown (default 30).
- GUNICORN_FORWARDED_ALLOW_IPS: addresses of the proxies trusted to say that a
  request came over HTTPS (X-Forwarded-Proto: https), comma-separated; default
  127.0.0.1,::1 (a proxy on the same machine). docs/security.md has more.
- GUNICORN_CONTROL_SOCKET: path of gunicorn's control socket (for the
  gunicornc tool). Unset (the default): no control socket, so nothing else on the
  machine can resize or stop the server, and several servers never share one.
- GUNICORN_ACCESS_LOG: "true" (default) writes one line per request to stdout:
  time, method, path without its query string, protocol, status, size and
  duration. No client address, referrer or query string. "false" turns it off
  (Django logs every request as well, see alt_portal/request_logging.py).
"""

import os

from alt_portal.env import env_bool, env_int


def _default_workers():
    try:
        cores = len(os.sched_getaffinity(0))  # The cores this process may use.
    except AttributeError:  # Not on Linux.
        cores = os.cpu_count() or 1
    # Each sync worker holds a database connection and ~60 MB: 8 is plenty for
    # one clinic's site and keeps a large machine from opening dozens.
    return min(2 * cores + 1, 8)


wsgi_app = "alt_portal.wsgi:application"
proc_name = "alt_portal"

bind = [
    address.strip()
    for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
    if address.strip()
]
workers = env_int("GUNICORN_WORKERS", _default_workers(), minimum=1)

# Slow or stuck requests: restart the worker after `timeout`; on shutdown or
# reload, let running requests finish for up to `graceful_timeout`.
timeout = env_int("GUNICORN_TIMEOUT", 30, minimum=1)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
keepalive = 5
# Recycle workers now and then, so a slow memory leak cannot grow for ever.
max_requests = 1000
max_requests_jitter = 100
# Worker heartbeats in memory rather than on a possibly slow disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# The control socket (gunicornc) only when asked for.
if control_socket_path := os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip():
    control_socket = control_socket_path
else:
    control_socket_disable = True

# Which proxies may tell gunicorn that the original request was HTTPS.
forwarded_allow_ips = os.environ.get(
    "GUNICORN_FORWARDED_ALLOW_IPS",
    os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
)

# Logs go to stdout/stderr for the process manager. %(U)s is the path without
# the query string; %(r)s (the request line) and %(q)s would include it.
accesslog = "-" if env_bool("GUNICORN_ACCESS_LOG", True) else None
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info").strip().lower() or "info"
