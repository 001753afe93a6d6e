"""The health endpoint for the infrastructure monitor (R-OPS, R-ME "system health"):
public, 200/503, and nothing sensitive in the answer."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from smart.jobs.models import WorkerBeat
from smart.jobs.services import worker_seen
from smart.operations.models import Job, OperationRun

pytestmark = pytest.mark.django_db


def _backup_run(hours_ago: float, ok: bool = True) -> OperationRun:
    finished = timezone.now() - datetime.timedelta(hours=hours_ago)
    return OperationRun.objects.create(job=Job.BACKUP, started_at=finished, finished_at=finished,
                                       ok=ok, archive="smart-x.tar.gz.gpg")


@pytest.fixture(autouse=True)
def worker_alive():
    worker_seen()


def test_healthy_with_a_recent_backup_and_no_login_needed(client):
    _backup_run(hours_ago=3)
    response = client.get(reverse("operations:health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {
        "database": "ok", "storage": "ok", "worker": "ok",
        "backup": {"status": "ok", "age_hours": 3}}}
    assert "no-cache" in response["Cache-Control"]


def test_an_old_or_failed_backup_is_unhealthy(client, settings):
    _backup_run(hours_ago=settings.SMART_BACKUP_MAX_AGE_HOURS + 1)
    _backup_run(hours_ago=1, ok=False)
    response = client.get(reverse("operations:health"))
    assert response.status_code == 503
    assert response.json()["checks"]["backup"]["status"] == "gagal"


def test_unwritable_storage_is_unhealthy(client, settings, tmp_path):
    _backup_run(hours_ago=1)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker / "documents"
    response = client.get(reverse("operations:health"))
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "gagal"


def test_the_answer_reveals_no_paths_versions_or_people(client, settings, cast):
    _backup_run(hours_ago=2)
    body = client.get(reverse("operations:health")).content.decode()
    assert str(settings.MEDIA_ROOT) not in body and "/" not in body
    assert "smart-x" not in body and "django" not in body.lower()
    assert set(json.loads(body)) == {"status", "checks"}
    assert not list(settings.MEDIA_ROOT.glob(".sehat-*"))  # the probe leaves nothing


def test_a_silent_worker_is_unhealthy(client):
    """No background worker means no backups, imports or exports: the monitor must know."""
    _backup_run(hours_ago=1)
    WorkerBeat.objects.update(last_seen=timezone.now() - datetime.timedelta(minutes=6))
    response = client.get(reverse("operations:health"))
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "gagal"
    worker_seen()
    assert client.get(reverse("operations:health")).status_code == 200
