"""`import haven.coach` is cheap and Django-free; nothing reaches for the network."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    return completed.stdout.strip()


def test_import_needs_no_django_and_loads_no_rules():
    out = _python(
        "import sys, haven.coach as c; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules), "
        "'simplemma' in sys.modules, c.packs.get_pack.cache_info().currsize)"
    )
    assert out == "False False 0"


def test_engine_works_without_django_settings():
    out = _python("from haven.coach import analyze; print(analyze('You never listen').codes)")
    assert out == "['criticism', 'generalization']"


def test_analysis_opens_no_sockets():
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise RuntimeError('network')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from haven.coach import analyze\n"
        "print(analyze('Je luistert nooit', 'nl').tone, analyze('You never listen').tone)\n"
    )
    assert _python(code) == "protective protective"
