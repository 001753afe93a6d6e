"""gunicorn settings for SMART (make run and production alike).

The start-up banner (URL and demo logins) is printed when the server really
accepts connections, not before, so the first click never meets a refusal.

Connections are closed after each answer (``keepalive = 0``, decision 217): a
gthread worker keeps a kept-alive connection to itself, and each worker is one
core at most (the GIL), so a few busy connections pinned to one worker left the
other idle (55 requests/s with 40 % of the CPU idle in the load run; 92
requests/s with both cores busy once every request was accepted afresh).
"""

import os
import sys

worker_class = "gthread"
threads = 4
keepalive = 0  # every request goes to the worker that accepts it first
loglevel = "warning"
accesslog = "-"


def when_ready(server):
    banner = os.environ.get("SMART_READY_BANNER")
    if banner:
        print(banner, file=sys.stdout, flush=True)
