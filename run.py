#!/usr/bin/env python3
"""Install Haven into a private virtual environment and run it.

    python3 run.py serve [options]   install the app and start it (http://127.0.0.1:8000)
    python3 run.py test [pytest args] install the test tools and run the whole suite
    python3 run.py haven ARGS...      any other `haven` command (demo, migrate, coach, ...)

Only the Python standard library is used here, so a fresh machine needs nothing
but Python 3.11+ and git. Dependencies come from the hash-locked files under
requirements/; a stamp file makes repeated runs skip the install step.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("HAVEN_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def _ensure_venv() -> None:
    if not _python().exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)


def _install(lockfile: str) -> None:
    lock = ROOT / "requirements" / lockfile
    digest = hashlib.sha256(lock.read_bytes() + (ROOT / "pyproject.toml").read_bytes())
    stamp = VENV / f".installed-{lockfile}"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    pip = [str(_python()), "-m", "pip", "--disable-pip-version-check"]
    print(f"Installing locked dependencies from requirements/{lockfile} ...", flush=True)
    subprocess.run([*pip, "install", "--quiet", "--require-hashes", "-r", str(lock)], check=True)
    subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", str(ROOT)],
        check=True,
    )
    for other in (VENV).glob(".installed-*"):
        other.unlink()
    stamp.write_text(digest.hexdigest())


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    _ensure_venv()
    if command == "test":
        _install("test.txt")
        os.chdir(ROOT)
        return subprocess.call([str(_python()), "-m", "pytest", *rest])
    _install("app.txt" if not (VENV / ".installed-test.txt").exists() else "test.txt")
    if command == "serve":
        return subprocess.call([str(BIN / "haven"), "serve", *rest])
    if command == "haven":
        return subprocess.call([str(BIN / "haven"), *rest])
    print(f"Unknown command {command!r}. Try: python3 run.py --help", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
