import shutil
import subprocess
import tempfile
from pathlib import Path

import gnupg
import pytest


@pytest.fixture(scope="session")
def backup_key():
    """A throwaway GPG key pair in its own keyring (the operator's keyring in
    production): (keyring folder, fingerprint, public key file)."""
    home = tempfile.mkdtemp(prefix="smart-test-gpg-")
    gpg = gnupg.GPG(gnupghome=home)
    key = gpg.gen_key(gpg.gen_key_input(
        key_type="EDDSA", key_curve="ed25519", subkey_type="ECDH", subkey_curve="cv25519",
        name_real="SMART backup test", name_email="backup@example.invalid",
        no_protection=True, expire_date=0,
    ))
    assert key.fingerprint, key.stderr
    public = Path(home) / "backup-public.asc"
    public.write_text(gpg.export_keys(key.fingerprint))
    yield home, key.fingerprint, public
    subprocess.run(["gpgconf", "--homedir", home, "--kill", "all"], check=False)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def backup_settings(settings, backup_key, tmp_path):
    home, fingerprint, public = backup_key
    settings.SMART_BACKUP_DIR = tmp_path / "backups"
    settings.SMART_BACKUP_DR_DIR = ""
    settings.SMART_BACKUP_DR_S3_URL = ""
    settings.SMART_BACKUP_GPG_PUBLIC_KEY = str(public)
    settings.SMART_BACKUP_GPG_RECIPIENT = fingerprint
    settings.SMART_BACKUP_GPG_HOME = home
    settings.SMART_REPORT_DIR = tmp_path / "reports"
    return settings
