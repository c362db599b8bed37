"""A newcomer's first commands work on a fresh data folder: no "no such table"."""

import os
import subprocess
import sys

import pytest


def _haven(data_dir, *args):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env["HAVEN_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "haven", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("demo",), "password for all three"),
        (("worker", "--once"), "reminders"),
        (("rotate-keys",), ""),
    ],
)
def test_a_command_on_a_fresh_data_folder_prepares_the_database_first(tmp_path, args, says):
    result = _haven(tmp_path / "data", *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Prepared the database for its first use." in result.stdout
    assert says in result.stdout
    again = _haven(tmp_path / "data", *args)
    assert again.returncode == 0, again.stderr
    assert "Prepared the database" not in again.stdout
