"""`make run`: migrate, load the demo regency if empty, then serve with gunicorn.

Each thing that can go wrong before the server starts (database unreachable,
port taken, corrupted demo file) ends with one sentence saying what to do.
"""

import argparse
import contextlib
import ctypes
import io
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from smart.demo.backup_key import demo_backup_key


def _check_database() -> None:
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        where = "PostgreSQL (DATABASE_URL)" if os.environ.get("DATABASE_URL") else "SQLite"
        raise CommandError(
            f"Basis data {where} tidak dapat dibuka ({str(error).strip().splitlines()[0]}): "
            "periksa DATABASE_URL atau jalankan server basis datanya, lalu ulangi `make run`."
        ) from None


def _check_port(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise CommandError(
                f"Port {port} sudah dipakai program lain: hentikan program itu atau jalankan "
                f"`PORT={port + 1} make run`."
            ) from None


def _end_with_parent() -> None:
    """In the worker's child process (Linux): a SIGTERM when the server goes away."""
    # Elsewhere the worker outlives the server until Ctrl+C reaches both.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _start_worker() -> Path:
    """The background-job worker (huey) beside the web server; its log goes to a file."""
    log_path = Path(settings.DATA_DIR) / "worker.log"
    log = log_path.open("ab")
    subprocess.Popen(  # noqa: S603 - fixed argv, no user input
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "run_huey",
         "--workers", "2", "--worker-type", "thread"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        preexec_fn=_end_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
    )
    return log_path


def _use_demo_backup_key() -> str:
    """Unless a real key is configured, back the demo up with its throwaway key."""
    if settings.SMART_BACKUP_GPG_PUBLIC_KEY:
        return "Cadangan dienkripsi dengan kunci yang dikonfigurasi."
    key = demo_backup_key()
    if key is None:
        return "gpg tidak terpasang: cadangan demo tidak dibuat (pasang paket gnupg)."
    os.environ.update(SMART_BACKUP_GPG_PUBLIC_KEY=str(key.public_key),
                      SMART_BACKUP_GPG_RECIPIENT=key.fingerprint,
                      SMART_BACKUP_GPG_HOME=str(key.home))
    return (f"Cadangan demo dienkripsi dengan kunci GPG demo di {key.home} "
            "(produksi: kunci operator, lihat docs/operations.md).")


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(
            f"PORT harus bilangan 1 sampai 65535 (tertulis '{value}'), mis. `PORT=8080 make run`."
        )
    return int(value)


class Command(BaseCommand):
    help = "Prepare the database and the demo regency, then serve SMART on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=_port, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, port: int, workers: int, **options):
        _check_port(port)
        _check_database()
        self.stdout.write("Menyiapkan basis data...")
        call_command("migrate", verbosity=0, interactive=False)
        logins = io.StringIO()
        call_command("load_demo", stdout=logins)
        call_command("collectstatic", verbosity=0, interactive=False)
        backup_note = _use_demo_backup_key()
        worker_log = _start_worker()
        os.environ["SMART_READY_BANNER"] = "\n".join([
            "",
            f"SMART berjalan di http://127.0.0.1:{port}/",
            f"Data tersimpan di {settings.DATA_DIR}",
            "Login demo (peran: nama pengguna / kata sandi):",
            logins.getvalue().rstrip(),
            "Peran admin meminta kode masuk (TOTP) setelah kata sandi: lihat kodenya dengan",
            "  make otp   (atau: .venv/bin/python manage.py demo_otp)",
            f"Pekerja latar belakang (impor, ekspor, cadangan) berjalan; lognya: {worker_log}",
            backup_note,
            "Tekan Ctrl+C untuk berhenti.",
        ])
        os.environ.setdefault("SMART_SITE_URL", f"http://127.0.0.1:{port}")
        self.stdout.write("Menjalankan server...")
        sys.stdout.flush()
        # Replace this process, so Ctrl+C and signals reach gunicorn directly.
        os.execv(sys.executable, [  # noqa: S606 - fixed argv, no user input
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "--config", str(Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"),
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        ])
