"""Running real `haven serve` processes against the local PostgreSQL in tests.

Used by the database-restart test and the many-processes test: find the
cluster the suite runs on (or skip saying why), start servers, and talk to
them like a browser would (cookies, CSRF tokens, no redirects followed).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    password: str
    version: str
    cluster: str


def postgres() -> Server:
    """The PostgreSQL server the suite runs on (cluster unknown), or skip saying why not."""
    parts = urllib.parse.urlsplit(os.environ.get("DATABASE_URL", ""))
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        pytest.skip("needs DATABASE_URL pointing to PostgreSQL (the suite runs on SQLite)")
    return Server(
        parts.hostname or "127.0.0.1",
        parts.port or 5432,
        parts.username or "postgres",
        parts.password or "",
        "",
        "",
    )


def local_postgres() -> Server:
    """The local PostgreSQL cluster the suite runs on, one this user may restart, or skip."""
    server = postgres()
    if server.host not in {"127.0.0.1", "localhost", "::1"}:
        pytest.skip(f"PostgreSQL at {server.host} is not on this machine; cannot restart it")
    for tool in ("pg_ctlcluster", "pg_lsclusters"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (Debian's postgresql-common)")
    listing = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
    )
    for line in listing.stdout.splitlines():
        version, name, cluster_port, status, owner, *_ = line.split()
        if int(cluster_port) == server.port and status == "online":
            break
    else:
        pytest.skip(f"no online cluster on port {server.port} in pg_lsclusters")
    if os.geteuid() != 0 and os.environ.get("USER") != owner:
        pytest.skip(f"only root or {owner} may restart the cluster {version}/{name}")
    return Server(server.host, server.port, server.user, server.password, version, name)


def admin(server: Server, sql: str) -> None:
    import psycopg

    with psycopg.connect(
        host=server.host,
        port=server.port,
        user=server.user,
        password=server.password or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    ) as conn:
        conn.execute(sql)


def cluster(server: Server, action: str) -> None:
    result = subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", server.version, server.cluster, action],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"pg_ctlcluster {action}: {result.stderr}"


def cluster_is_up(server: Server) -> bool:
    ready = subprocess.run(
        ["pg_isready", "-q", "-h", server.host, "-p", str(server.port)], check=False
    )
    return ready.returncode == 0


def wait_until(predicate, what: str, seconds: float = 60, report=lambda: "") -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what} {report()}")
        time.sleep(0.2)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Browser:
    base: str
    jar: CookieJar = field(default_factory=CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)

    def csrf_token(self, path: str) -> str:
        status, page, _headers = self.request(path)
        assert status == 200, (status, page[:500])
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def haven_env(server: Server, data_dir: Path, database: str, workers: int = 2) -> dict[str, str]:
    credentials = server.user + (f":{server.password}" if server.password else "")
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        {
            "DATABASE_URL": f"postgres://{credentials}@{server.host}:{server.port}/{database}",
            "HAVEN_DATA_DIR": str(data_dir),
            "HAVEN_WORKERS": str(workers),
            "PYTHONPATH": str(REPO),
        }
    )
    return env


def shell(env: dict[str, str], script: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "haven", "shell", "-c", script],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen:
    """`haven serve` on a port, its output to a file (a pipe nobody reads could block it)."""
    with log_path.open("w") as log_file:
        return subprocess.Popen(
            [sys.executable, "-m", "haven", "serve", "--port", str(port)],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )


def stop_serve(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_serving(process: subprocess.Popen, browser: Browser, log_path: Path) -> None:
    def answering() -> bool:
        if process.poll() is not None:
            raise AssertionError(log_path.read_text())
        try:
            return browser.request("/")[0] in {200, 302}
        except OSError:
            return False

    wait_until(answering, "haven serve to answer", seconds=120)


@contextmanager
def serving(env: dict[str, str], tmp_path: Path, count: int = 2) -> Iterator[list[int]]:
    """`count` `haven serve` processes on free ports, stopped again at the end.

    Started one after the other, since each applies migrations on start.
    """
    ports = [free_port() for _ in range(count)]
    processes: list[subprocess.Popen] = []
    try:
        for number, port in enumerate(ports):
            log = tmp_path / f"serve-{number}.log"
            processes.append(start_serve(env, port, log))
            wait_until_serving(processes[-1], Browser(f"http://127.0.0.1:{port}"), log)
        yield ports
    finally:
        for process in processes:
            stop_serve(process)
