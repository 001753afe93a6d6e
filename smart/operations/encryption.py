"""GPG encryption of backup archives (python-gnupg over Debian's gpg).

Archives are encrypted to one public key, read from a file named in settings
(``SMART_BACKUP_GPG_PUBLIC_KEY``) into a throwaway keyring for each run, so the
server needs no keyring of its own and never holds the private key. Decryption
uses the keyring in ``SMART_BACKUP_GPG_HOME`` (the operator's, with the private
key), which is never part of a backup.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import gnupg
from django.conf import settings


class EncryptionError(Exception):
    pass


def _kill_agent(home: str) -> None:
    # gpg may start an agent for the throwaway keyring; it must not outlive it.
    subprocess.run(["gpgconf", "--homedir", home, "--kill", "all"], capture_output=True,
                   check=False)


def _import_public_key(gpg: gnupg.GPG) -> str:
    """Import the configured public key; returns the fingerprint to encrypt to."""
    key_file = settings.SMART_BACKUP_GPG_PUBLIC_KEY
    if not key_file or not Path(key_file).is_file():
        raise EncryptionError(
            "Kunci publik GPG untuk cadangan belum diatur (SMART_BACKUP_GPG_PUBLIC_KEY): "
            "cadangan tidak dibuat tanpa enkripsi.")
    imported = gpg.import_keys(Path(key_file).read_text())
    fingerprints = [f for f in imported.fingerprints if f]
    wanted = settings.SMART_BACKUP_GPG_RECIPIENT.replace(" ", "").upper()
    if not fingerprints or (wanted and wanted not in fingerprints):
        raise EncryptionError(
            "Berkas kunci publik GPG tidak memuat kunci dengan sidik jari "
            "SMART_BACKUP_GPG_RECIPIENT.")
    return wanted or fingerprints[0]


@contextlib.contextmanager
def _throwaway_keyring() -> Iterator[gnupg.GPG]:
    home = tempfile.mkdtemp(prefix="smart-gpg-")
    try:
        yield gnupg.GPG(gnupghome=home)
    finally:
        _kill_agent(home)
        shutil.rmtree(home, ignore_errors=True)


def check_public_key() -> str:
    """Refuse early (before any copying) when the key is missing or not the one named."""
    with _throwaway_keyring() as gpg:
        return _import_public_key(gpg)


def encrypt_file(source: Path, target: Path) -> str:
    """Encrypt ``source`` into ``target``; returns the recipient's fingerprint."""
    with _throwaway_keyring() as gpg:
        recipient = _import_public_key(gpg)
        with source.open("rb") as stream:
            result = gpg.encrypt_file(stream, recipients=[recipient], always_trust=True,
                                      armor=False, output=str(target))
        if not result.ok:
            raise EncryptionError(f"Enkripsi GPG gagal: {result.status}")
        return recipient


def decrypt_file(source: Path, target: Path) -> None:
    home = settings.SMART_BACKUP_GPG_HOME or None
    gpg = gnupg.GPG(gnupghome=home)
    with source.open("rb") as stream:
        result = gpg.decrypt_file(stream, output=str(target))
    if not result.ok:
        target.unlink(missing_ok=True)
        raise EncryptionError(
            f"Arsip cadangan {source.name} tidak dapat didekripsi ({result.status or 'rusak'}): "
            "berkas rusak atau kunci privat tidak tersedia.")
