"""gunicorn settings for SMART (make run and production alike).

The start-up banner (URL and demo logins) is printed when the server really
accepts connections, not before, so the first click never meets a refusal.
"""

import os
import sys

worker_class = "gthread"
threads = 4
loglevel = "warning"
accesslog = "-"


def when_ready(server):
    banner = os.environ.get("SMART_READY_BANNER")
    if banner:
        print(banner, file=sys.stdout, flush=True)
