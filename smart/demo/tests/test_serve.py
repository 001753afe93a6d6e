"""`make run` stops with one clear sentence, never a traceback, when it cannot start."""

import os
import socket
import subprocess
import sys

from django.conf import settings


def _serve(*args, **env):
    result = subprocess.run(
        [sys.executable, "manage.py", "serve_demo", *args], cwd=settings.BASE_DIR,
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
    )
    return result.returncode, result.stdout + result.stderr


def test_a_port_in_use_is_explained_in_one_sentence():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, output = _serve("--port", str(port))
    assert code != 0
    assert f"Port {port} sudah dipakai" in output
    assert f"PORT={port + 1} make run" in output
    assert "Traceback" not in output


def test_an_unreachable_database_is_explained_in_one_sentence():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    code, output = _serve(
        "--port", str(port),
        DATABASE_URL=f"postgres://nobody@127.0.0.1:{port}/missing",
    )
    assert code != 0
    assert "tidak dapat dibuka" in output and "DATABASE_URL" in output
    assert "Traceback" not in output


def test_an_impossible_port_is_explained_in_one_sentence():
    for port in ("99999", "abc"):
        code, output = _serve("--port", port)
        assert code != 0
        assert "PORT harus bilangan 1 sampai 65535" in output
        assert "Traceback" not in output
