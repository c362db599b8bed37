import os
import subprocess
import sys

import pytest

from haven.conf import ImproperSetting, env_bool, env_int, env_list, env_secret


def test_bool_helper_rejects_values_it_does_not_understand(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperSetting, match="X_FLAG"):
        env_bool("X_FLAG")
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG") is True


def test_int_helper_names_the_variable(monkeypatch):
    monkeypatch.setenv("X_PORT", "eighty")
    with pytest.raises(ImproperSetting, match="X_PORT"):
        env_int("X_PORT", 1)
    monkeypatch.setenv("X_PORT", "0")
    with pytest.raises(ImproperSetting, match="at least 1"):
        env_int("X_PORT", 1, minimum=1)


def test_list_helper(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " a.example, b.example ,,")
    assert env_list("X_HOSTS", []) == ["a.example", "b.example"]


def test_secret_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("X_SECRET", raising=False)
    path = tmp_path / "secret"
    first = env_secret("X_SECRET", generated_file=path)
    assert len(first) >= 50
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert env_secret("X_SECRET", generated_file=path) == first


def test_secret_from_file(tmp_path, monkeypatch):
    monkeypatch.delenv("X_SECRET", raising=False)
    (tmp_path / "s").write_text("from-a-file\n")
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "s"))
    assert env_secret("X_SECRET") == "from-a-file"
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperSetting, match="X_SECRET_FILE"):
        env_secret("X_SECRET")


def _haven(args, data_dir, **env):
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update({"HAVEN_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "haven.settings"})
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "haven", *args], env=full_env, capture_output=True, text=True
    )


def test_bad_setting_stops_startup_with_a_clear_message(tmp_path):
    result = _haven(["check"], tmp_path, DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    code = (
        "from django.db import connection;"
        "c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.transaction_mode)"
    )
    result = _haven(["shell", "--no-imports", "-c", code], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"]


def test_database_url_switches_to_postgresql(tmp_path):
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['CONN_HEALTH_CHECKS'])"
    )
    result = _haven(
        ["shell", "--no-imports", "-c", code],
        tmp_path,
        DATABASE_URL="postgres://u:p@db.internal:5432/haven",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "haven", "True"]
