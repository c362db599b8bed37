"""`haven serve` really serves: gunicorn, migrations, DEBUG off, data kept."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(data_dir, port):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update({"HAVEN_DATA_DIR": str(data_dir), "HAVEN_WORKERS": "1"})
    process = subprocess.Popen(
        [sys.executable, "-m", "haven", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                response.body = response.read()
                return process, response
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if process.poll() is not None:
                raise AssertionError(process.stdout.read()) from None
            time.sleep(0.3)
    process.kill()
    raise AssertionError("haven serve did not answer within 60 s")


def _stop(process):
    process.terminate()
    try:
        return process.communicate(timeout=20)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[0]


def test_serve_runs_gunicorn_on_sqlite_and_keeps_data_and_key(tmp_path):
    port = _free_port()
    process, response = _start(tmp_path, port)
    try:
        assert response.status == 200
        assert response.headers["Server"].startswith("gunicorn")
        assert b"Haven" in response.body
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/haven/haven.css")
        assert css.status == 200
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/")
        body = missing.value.read().decode()
        assert missing.value.code == 404
        assert "Traceback" not in body and "DEBUG = True" not in body
    finally:
        output = _stop(process)
    assert (tmp_path / "haven.sqlite3").exists()
    key = (tmp_path / "secret_key").read_text()
    assert f"127.0.0.1:{port}" in output

    process, response = _start(tmp_path, port)
    _stop(process)
    assert response.status == 200
    assert (tmp_path / "secret_key").read_text() == key
