"""A bounded load run against gunicorn on loopback (issue 10, throughput).

Rules:

* gunicorn is started here with ``deploy/gunicorn.conf.py`` and 2 workers on
  a free loopback port, and stopped (this process's own child, by its id)
  when the run ends, also on errors.
* The run is bounded twice: at most ``seconds`` seconds and at most
  ``requests`` requests, by ``concurrency`` threads of plain ``http.client``
  keep-alive connections (no new dependency).
* The mix is employee self-service (own profile, own data, own requests)
  and verifier traffic (queue, employee list, a profile), in ``MIX``
  proportions; sessions are made in process (the second factor as in the
  benchmark), one per client and account, so no password is hashed during
  the run and no two clients wait for the same session row.
* Reported: requests per second, median and p95 in ms per kind and overall,
  the count of answers other than 200 (which fail the run's "ok"), and where
  the two cores went: CPU ms per request of gunicorn (master and workers), of
  PostgreSQL's processes on this machine and of this load generator, read
  from ``/proc`` before and after the run (Linux; left out elsewhere).
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from smart.access.models import Role
from smart.demo.bench import HOST, demo_user, employee_only_user, percentile, signed_in_client
from smart.people.models import Employee

# (kind, who, weight): self-service three quarters, verifier work one quarter.
MIX = (
    ("own profile", "employee", 30), ("own data", "employee", 25),
    ("own requests", "employee", 20), ("verifier queue", "verifier", 10),
    ("employee list", "verifier", 8), ("profile (verifier)", "verifier", 7),
)


@dataclass
class LoadResult:
    seconds: float
    requests: int
    failures: int
    requests_per_second: float
    median_ms: float
    p95_ms: float
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    cpu_ms_per_request: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _targets() -> dict[str, tuple[str, str]]:
    """kind → (URL, who)."""
    employee_user = employee_only_user()
    own = Employee.objects.filter(user=employee_user).only("pk").get()
    other = Employee.objects.order_by("nip").only("pk")[Employee.objects.count() // 3]
    urls = {
        "own profile": reverse("records:profile", args=[own.pk]),
        "own data": reverse("records:my_data"),
        "own requests": reverse("changes:mine"),
        "verifier queue": reverse("changes:queue"),
        "employee list": reverse("people:employee_list"),
        "profile (verifier)": reverse("records:profile", args=[other.pk]),
    }
    return {kind: (urls[kind], who) for kind, who, _ in MIX}


def _cookie(user) -> str:
    client = signed_in_client(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def start_gunicorn(port: int) -> subprocess.Popen:
    config = Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--config", str(config),
         "--workers", "2", "--bind", f"{HOST}:{port}", "--access-logfile", "/dev/null"],
        cwd=settings.BASE_DIR, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn berhenti sebelum siap.")
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError("gunicorn tidak siap dalam 30 detik.")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_load(*, seconds: float = 20, requests: int = 3000, concurrency: int = 8,
             seed: int = 1) -> LoadResult:
    targets = _targets()
    # One session per client and account, as real users have: a shared session
    # would make every request wait for the same session row's UPDATE.
    employee, verifier = employee_only_user(), demo_user(Role.VERIFIER)
    cookies = [{"employee": _cookie(employee), "verifier": _cookie(verifier)}
               for _ in range(concurrency)]
    port = _free_port()
    process = start_gunicorn(port)
    samples: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + seconds
    kinds = [kind for kind, _, _ in MIX]
    weights = [weight for _, _, weight in MIX]

    def worker(number: int) -> None:
        nonlocal issued
        rng = random.Random(f"{seed}:{number}")
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if issued >= requests:
                    break
                issued += 1
            kind = rng.choices(kinds, weights)[0]
            url, who = targets[kind]
            started = time.perf_counter()
            try:
                connection.request("GET", url, headers={"Cookie": cookies[number][who],
                                                        "Host": f"{HOST}:{port}"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=30)
                status = 0
            with lock:
                samples.append((kind, time.perf_counter() - started, status))
        connection.close()

    try:
        before = _cpu_seconds(process.pid)
        began = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        after = _cpu_seconds(process.pid)
    finally:
        stop(process)
    result = _summary(samples, elapsed)
    if before and after and samples:
        result.cpu_ms_per_request = {
            name: round((after[name] - before[name]) * 1000 / len(samples), 2)
            for name in before}
    return result


def _process_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (``/proc/<pid>/stat``)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_seconds(gunicorn_pid: int) -> dict[str, float]:
    """CPU seconds so far of gunicorn (master and workers), of the PostgreSQL
    processes and of this process; empty where ``/proc`` is not there."""
    if not os.path.isdir("/proc/self"):
        return {}
    found = {"gunicorn": 0.0, "postgresql": 0.0,
             "load generator": time.process_time()}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                name, rest = stat.read().split(" (", 1)[1].rsplit(")", 1)
            parent = int(rest.split()[1])
            if int(entry) == gunicorn_pid or parent == gunicorn_pid:
                found["gunicorn"] += _process_seconds(int(entry))
            elif name == "postgres":
                found["postgresql"] += _process_seconds(int(entry))
        except (OSError, ValueError, IndexError):  # a process that just ended
            continue
    return found


def _summary(samples: list[tuple[str, float, int]], elapsed: float) -> LoadResult:
    times = [duration for _, duration, _ in samples] or [0.0]
    by_kind = {}
    for kind, _, _ in MIX:
        own = [duration for name, duration, _ in samples if name == kind]
        if own:
            by_kind[kind] = {"requests": len(own),
                             "median_ms": round(statistics.median(own) * 1000, 1),
                             "p95_ms": round(percentile(own, 0.95) * 1000, 1)}
    return LoadResult(
        seconds=round(elapsed, 1), requests=len(samples),
        failures=sum(1 for _, _, status in samples if status != 200),
        requests_per_second=round(len(samples) / elapsed, 1) if elapsed else 0.0,
        median_ms=round(statistics.median(times) * 1000, 1),
        p95_ms=round(percentile(times, 0.95) * 1000, 1), by_kind=by_kind)
