"""The demo's throwaway backup key: made once, and the backup and drill work with it."""

import pytest

from smart.demo.backup_key import demo_backup_key
from smart.operations.backups import backup_create
from smart.operations.drill import restore_drill

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_demo_key_is_made_once_and_a_backup_made_with_it_passes_the_drill(settings,
                                                                              tmp_path):
    settings.DATA_DIR = tmp_path
    settings.SMART_BACKUP_DIR = tmp_path / "backups"
    settings.SMART_REPORT_DIR = tmp_path / "reports"
    settings.SMART_BACKUP_DR_DIR = ""
    key = demo_backup_key()
    assert key is not None and key.public_key.read_text().startswith("-----BEGIN PGP PUBLIC")
    assert demo_backup_key() == key  # the same key at the next start
    settings.SMART_BACKUP_GPG_PUBLIC_KEY = str(key.public_key)
    settings.SMART_BACKUP_GPG_RECIPIENT = key.fingerprint
    settings.SMART_BACKUP_GPG_HOME = str(key.home)
    backup_create()
    result = restore_drill()
    assert result.ok, result.error
