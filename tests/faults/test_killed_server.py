"""Issue 8, faults: the server killed (SIGKILL) in the middle of a 10 MB upload.

A real gunicorn serves a real SQLite file in its own data folder; the upload is
sent over a socket and the server is killed while the body is arriving. Nothing
may be recorded, nothing may sit in the document store, and the upload sweep
removes the spool file the dead worker left.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.personas import PASSWORD

ROOT = Path(settings.BASE_DIR)
pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the server under test runs on its own SQLite file; one run is enough")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _manage(env, *args, code: str | None = None) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    if code:
        command += ["-c", code]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _wait_for(port: int, server: subprocess.Popen) -> None:
    for _ in range(150):
        assert server.poll() is None, "gunicorn ended before serving"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


def _signed_in(base: str, username: str) -> tuple[urllib.request.OpenerDirector, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/akun/masuk/", timeout=30).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    body = urllib.parse.urlencode({"username": username, "password": PASSWORD,
                                   "csrfmiddlewaretoken": token}).encode()
    opener.open(urllib.request.Request(f"{base}/akun/masuk/", data=body,  # noqa: S310 - loopback
                                       headers={"Referer": f"{base}/akun/masuk/"}),
                timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies, "sign-in failed"
    return opener, f"csrftoken={cookies['csrftoken']}; sessionid={cookies['sessionid']}"


def test_a_server_killed_mid_upload_leaves_no_record_and_the_sweep_leaves_no_orphan(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "SMART_DATA_DIR": str(data),
           "DJANGO_SETTINGS_MODULE": "config.settings_test"}  # static files without collectstatic
    env.pop("DATABASE_URL", None)
    _manage(env, "migrate", "--verbosity", "0")
    ids = _manage(env, "shell", "--verbosity", "0", code=(
        "from tests.personas import build_cast; c = build_cast(); "
        "print(c.employee.username, c.employee_record.pk)")).split()
    username, employee_id = ids[-2], ids[-1]
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "120"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        _wait_for(port, server)
        base = f"http://127.0.0.1:{port}"
        _, cookie = _signed_in(base, username)
        token = cookie.split(";")[0].split("=", 1)[1]
        boundary = "----smartfault"
        head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"dokumen-file\"; "
                f"filename=\"sk.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").encode()
        content = b"%PDF-1.7\n" + os.urandom(10 * 1024 * 1024)
        tail = f"\r\n--{boundary}--\r\n".encode()
        length = len(head) + len(content) + len(tail)
        path = f"/usulan/pegawai/{employee_id}/pangkat/usul/"
        request = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   f"Cookie: {cookie}\r\nX-CSRFToken: {token}\r\nReferer: {base}/\r\n"
                   f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                   f"Content-Length: {length}\r\n\r\n").encode()
        spool = data / "uploads-incomplete"
        with socket.create_connection(("127.0.0.1", port), timeout=30) as upload:
            upload.sendall(request + head + content[: 6 * 1024 * 1024])
            for _ in range(100):  # the worker is reading the body into its spool file
                if any(spool.iterdir()):
                    break
                time.sleep(0.1)
            assert any(spool.iterdir()), "the upload never reached the server's spool"
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    with sqlite3.connect(data / "smart.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM documents_document").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM changes_changerequest").fetchone() == (0,)
    store = data / "documents"
    assert not store.exists() or not [p for p in store.rglob("*") if p.is_file()]
    assert len(list(spool.iterdir())) == 1  # what the killed worker left behind
    out = _manage(env, "upload_sweep", "--grace-minutes", "0")
    assert "1 berkas unggahan yang terputus dihapus" in out
    assert list(spool.iterdir()) == []
