"""The nightly upload sweep (smart.operations) also deletes uploaded national
exports whose import went no further (smart.integrations, named in
SMART_UPLOAD_SWEEPS). Here, a layer above both apps, since neither may import
the other (pyproject.toml's layers)."""

from __future__ import annotations

import os
import time

import pytest

from smart.access.models import Role
from smart.integrations.imports import batch_path, import_dir
from smart.integrations.models import ImportBatch
from smart.integrations.tests.importing import GOOD_ROW, batch_from, csv_bytes
from smart.operations.sweep import upload_sweep
from tests.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    return make_user("pengelola", Role.SYSTEM_MANAGER)


def test_the_upload_sweep_deletes_old_exports_of_imports_that_went_no_further(manager):
    """Refused/abandoned uploads are deleted after SMART_IMPORT_KEEP_DAYS (7);
    a running import's file, and a recent one, stay."""
    def aged(batch, days):
        stamp = time.time() - days * 86400
        os.utime(batch_path(batch), (stamp, stamp))
        return batch

    data = csv_bytes([GOOD_ROW])
    refused = aged(batch_from(data, manager), 8)
    ImportBatch.objects.filter(pk=refused.pk).update(status=ImportBatch.Status.REFUSED)
    previewed = aged(batch_from(data, manager), 8)
    ImportBatch.objects.filter(pk=previewed.pk).update(status=ImportBatch.Status.PREVIEWED)
    applying = aged(batch_from(data, manager), 8)
    ImportBatch.objects.filter(pk=applying.pk).update(status=ImportBatch.Status.APPLYING)
    recent = aged(batch_from(data, manager), 6)
    orphan = import_dir() / "0c5e7f9e-0000-4000-8000-000000000000.upload"
    orphan.write_bytes(data)
    os.utime(orphan, (time.time() - 9 * 86400,) * 2)

    result = upload_sweep()
    assert sorted(result.others_removed) == sorted(
        [refused.stored_name, previewed.stored_name, orphan.name])
    assert "3 berkas impor lama dihapus" in result.summary
    assert {path.name for path in import_dir().iterdir()} == {
        applying.stored_name, recent.stored_name}
