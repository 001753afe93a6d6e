"""A throwaway GPG key pair for the demo regency's backups.

Production encrypts backups to the operator's public key, created away from the
server (docs/operations.md). The demo has no operator, so ``make run`` makes one
key pair under ``DATA_DIR/demo/gnupg`` once: the scheduled backup, the restore
drill and ``/sehat/`` then work out of the box. Never use it for real data.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import gnupg
from django.conf import settings


@dataclass(frozen=True)
class DemoKey:
    home: Path
    fingerprint: str
    public_key: Path


def demo_backup_key() -> DemoKey | None:
    """The demo key pair, made on first use; ``None`` when gpg is not installed."""
    home = Path(settings.DATA_DIR) / "demo" / "gnupg"
    public = home / "demo-backup-public.asc"
    fingerprint_file = home / "fingerprint"
    if public.is_file() and fingerprint_file.is_file():
        return DemoKey(home, fingerprint_file.read_text().strip(), public)
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        gpg = gnupg.GPG(gnupghome=str(home))
        key = gpg.gen_key(gpg.gen_key_input(
            key_type="EDDSA", key_curve="ed25519", subkey_type="ECDH", subkey_curve="cv25519",
            name_real="SMART demo backup", name_email="demo-backup@example.invalid",
            no_protection=True, expire_date=0,
        ))
    except (OSError, ValueError):
        return None
    if not key.fingerprint:
        return None
    public.write_text(gpg.export_keys(key.fingerprint))
    fingerprint_file.write_text(key.fingerprint)
    subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"],  # noqa: S607
                   check=False, capture_output=True)
    return DemoKey(home, key.fingerprint, public)
