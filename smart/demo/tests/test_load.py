"""The load run's account of where the CPU went (issue 10): gunicorn's
processes, PostgreSQL's and the load generator's, read from /proc."""

import os
import time

import pytest
from django.db import connection

from smart.demo.load import _cpu_seconds, _process_seconds

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="Linux /proc")


def _burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_a_process_and_its_children_are_counted_as_gunicorn():
    first = _process_seconds(os.getpid())
    _burn(0.3)
    assert _process_seconds(os.getpid()) - first >= 0.2
    # This process stands in for gunicorn's master: its own time is counted.
    counted = _cpu_seconds(os.getpid())
    assert counted["gunicorn"] >= _process_seconds(os.getpid()) - 0.05
    assert counted["load generator"] == pytest.approx(time.process_time(), abs=0.05)


@pytest.mark.django_db
def test_postgresql_time_on_this_machine_is_counted():
    if connection.vendor != "postgresql" or connection.settings_dict["HOST"] not in (
            "127.0.0.1", "localhost", ""):
        pytest.skip("PostgreSQL on this machine")
    before = _cpu_seconds(os.getpid())["postgresql"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM generate_series(1, 4000000) AS n WHERE n % 7 = 0")
    assert _cpu_seconds(os.getpid())["postgresql"] - before >= 0.1
