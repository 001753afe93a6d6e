"""Archive integrity (R-PROC-4): every document against its SHA-256, orphans both
ways, a report and a notice to the Pengelola SMART; nothing deleted."""

import json
from pathlib import Path

import pytest

from smart.documents.models import Document
from smart.documents.tests.samples import make_document
from smart.notifications.models import Notification
from smart.operations.jobs import archive_check_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(settings, tmp_path):
    settings.SMART_REPORT_DIR = tmp_path / "reports"
    return settings.SMART_REPORT_DIR


def test_an_intact_archive_is_reported_clean_and_nobody_is_bothered(cast, reports):
    make_document(cast.colleague_a, actor=cast.admin_a)
    run = archive_check_job()
    assert run.ok and run.details["checked"] == 1
    assert not Notification.objects.filter(user=cast.system_manager).exists()
    assert json.loads((reports / run.details["report"]).read_text())["missing"] == []


def test_changed_missing_and_orphaned_files_are_found_and_kept_r_proc_4(
        settings, cast, reports):
    changed = make_document(cast.colleague_a, actor=cast.admin_a)
    missing = make_document(cast.person_b, actor=cast.admin_b, name="ijazah.pdf")
    intact = make_document(cast.employee_record, actor=cast.employee)
    media = Path(settings.MEDIA_ROOT)
    changed_path = media / changed.file.name
    changed_path.write_bytes(changed_path.read_bytes() + b"%tambahan")
    (media / missing.file.name).unlink()
    orphan = media / "999" / "tanpa-baris.pdf"
    orphan.parent.mkdir()
    orphan.write_bytes(b"%PDF-1.4 yatim")

    run = archive_check_job()

    assert run.ok is False
    assert run.details["changed"] == [str(changed.uuid)]
    assert run.details["missing"] == [str(missing.uuid)]
    assert run.details["orphan_files"] == ["999/tanpa-baris.pdf"]
    report = json.loads((reports / run.details["report"]).read_text())
    assert report["orphan_files"] == ["999/tanpa-baris.pdf"]
    # Nothing is deleted or repaired automatically.
    assert orphan.exists() and changed_path.exists() and Document.objects.count() == 3
    assert (media / intact.file.name).exists()
    notice = Notification.objects.get(user=cast.system_manager)
    assert "1 tanpa berkas" in notice.message and "1 berkas yatim" in notice.message
    assert "dihapus" in notice.message
    assert not list(media.rglob("archive-check-*"))  # the report is not in the store


def test_the_command_exits_non_zero_on_findings(settings, cast, reports):
    from django.core.management import call_command

    document = make_document(cast.colleague_a, actor=cast.admin_a)
    (Path(settings.MEDIA_ROOT) / document.file.name).unlink()
    with pytest.raises(SystemExit):
        call_command("archive_check")
