"""Requirement 22: `haven backup` and `haven restore` round-trip, and refuse what is wrong.

Everything runs through the real command line in subprocesses, each with its
own data folder on the embedded SQLite default (whatever DATABASE_URL the
suite itself uses), the way an operator would run it.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CANARY = "canary-backup-5d1f"
LATE = "canary-late-write-9c2e"

# Prints everything a restore must bring back, as Haven reads it (decrypted).
DUMP = """
import json
from django.contrib.auth import get_user_model
from haven.accounts.consent import has_consented
from haven.couples import selectors
from haven.journal.models import Reflection
from tests.conftest import PASSWORD

users = get_user_model().objects.select_related("profile").order_by("email")
state = {
    "users": [
        {
            "email": u.email,
            "name": u.profile.display_name,
            "language": u.profile.language,
            "password_works": u.check_password(PASSWORD),
            "consented": has_consented(u.pk),
            "partner": getattr(selectors.current_partner(u), "email", None),
        }
        for u in users
    ],
    "reflections": sorted(
        [r.author.email, r.title, r.body, r.visibility]
        for r in Reflection.objects.select_related("author")
    ),
}
print("STATE " + json.dumps(state, sort_keys=True))
"""

# Fills a data folder, prints the state, then keeps a write transaction open
# (an uncommitted reflection) until it reads a line: the backup runs meanwhile.
SEED = (
    (
        """
import sys
from django.db import transaction
from haven.journal.services import create_reflection, set_visibility
from tests.conftest import link, make_user

anna = make_user("anna@example.org", "Anna", "nl")
bram = make_user("bram@example.org", "Bram")
sol = make_user("sol@example.org", "Sol")
link(anna, bram)
create_reflection(
    author=anna, title="Wat ik nodig heb CANARY", body="Dat je blijft 🌊\\nשלום CANARY"
)
shared = create_reflection(author=bram, title="", body="<b>not markup</b> CANARY")
set_visibility(reflection=shared, shared=True)
create_reflection(author=sol, title="Alone CANARY", body="x" * 5000 + " CANARY")
"""
        + DUMP
        + """
with transaction.atomic():
    create_reflection(author=anna, title="LATE", body="written while the backup ran")
    print("READY", flush=True)
    sys.stdin.readline()
"""
    )
    .replace("CANARY", CANARY)
    .replace("LATE", LATE)
)


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    keep_out = {
        "DATABASE_URL",
        "DEBUG",
        "HAVEN_ENCRYPTION_KEYS",
        "HAVEN_ENCRYPTION_KEYS_FILE",
        "SECRET_KEY",
        "SECRET_KEY_FILE",
    }
    env = {k: v for k, v in os.environ.items() if k not in keep_out}
    env.update({"HAVEN_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO)}, **extra)
    return env


def haven(data_dir: Path, *args: str, cwd: Path = REPO, **env: str):
    return subprocess.run(
        [sys.executable, "-m", "haven", *args],
        env=_env(data_dir, **env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
    )


def state_of(data_dir: Path) -> dict:
    result = haven(data_dir, "shell", "-c", DUMP)
    assert result.returncode == 0, result.stderr
    return _state(result.stdout)


def _state(output: str) -> dict:
    line = next(line for line in output.splitlines() if line.startswith("STATE "))
    return json.loads(line.removeprefix("STATE "))


def assert_clean_error(result, *phrases: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


@dataclass
class Source:
    data_dir: Path
    archive: Path
    state: dict
    backup_output: str


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Source:
    """A filled data folder, backed up while another process writes to it."""
    root = tmp_path_factory.mktemp("backup-source")
    data_dir = root / "data"
    migrate = haven(data_dir, "migrate", "-v", "0")
    assert migrate.returncode == 0, migrate.stderr
    writer = subprocess.Popen(
        [sys.executable, "-m", "haven", "shell", "-c", SEED],
        env=_env(data_dir),
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        for line in writer.stdout:
            lines.append(line)
            if line.startswith("READY"):
                break
        else:
            raise AssertionError("".join(lines) + writer.stderr.read())
        # The writer now holds an open write transaction on the database.
        out_dir = root / "out"
        out_dir.mkdir()
        made = haven(data_dir, "backup", cwd=out_dir)
        assert made.returncode == 0, made.stderr
        writer.stdin.write("done\n")
        writer.stdin.flush()
        assert writer.wait(timeout=60) == 0, writer.stderr.read()
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    (archive,) = out_dir.iterdir()
    return Source(data_dir, archive, _state("".join(lines)), made.stdout)


def test_backup_file_is_private_named_by_utc_time_and_holds_database_and_keys(source):
    assert re.fullmatch(r"haven-backup-\d{8}T\d{6}Z\.tar\.gz", source.archive.name)
    assert stat.S_IMODE(source.archive.stat().st_mode) == 0o600
    with tarfile.open(source.archive) as tar:
        names = sorted(tar.getnames())
        keys = tar.extractfile("encryption_keys").read().decode()
    assert names == ["encryption_keys", "haven.sqlite3", "manifest.json", "secret_key"]
    assert keys == (source.data_dir / "encryption_keys").read_text()
    assert str(source.archive) in source.backup_output


def test_restore_into_a_fresh_folder_brings_back_every_record_readable(source, tmp_path):
    expected = source.state
    # The comparison below is only worth something if the state is rich.
    assert len(expected["users"]) == 3 and len(expected["reflections"]) == 3
    assert {u["partner"] for u in expected["users"]} == {
        "anna@example.org",
        "bram@example.org",
        None,
    }
    assert all(CANARY in title + body for _a, title, body, _v in expected["reflections"])

    fresh = tmp_path / "fresh"
    restored = haven(fresh, "restore", str(source.archive))
    assert restored.returncode == 0, restored.stderr
    assert "3 accounts" in restored.stdout
    assert "restored" in restored.stdout

    state = state_of(fresh)
    assert state == expected
    assert all(u["password_works"] and u["consented"] for u in state["users"])
    assert LATE not in json.dumps(state)  # not committed when the copy was taken
    # Still encrypted at rest after the round trip, with the original keys.
    assert CANARY.encode() not in (fresh / "haven.sqlite3").read_bytes()
    for name in ("encryption_keys", "secret_key"):
        assert (fresh / name).read_text() == (source.data_dir / name).read_text()
        assert stat.S_IMODE((fresh / name).stat().st_mode) == 0o600


def test_the_source_kept_the_write_that_was_in_progress(source):
    # The backup neither blocked nor lost the concurrent transaction.
    assert LATE in json.dumps(state_of(source.data_dir))


def test_restore_refuses_to_replace_a_database_unless_forced(source, tmp_path):
    target = tmp_path / "target"
    assert haven(target, "restore", str(source.archive)).returncode == 0
    before = (target / "haven.sqlite3").read_bytes()

    again = haven(target, "restore", str(source.archive))
    assert_clean_error(again, "already holds a database", "--force")
    assert (target / "haven.sqlite3").read_bytes() == before

    forced = haven(target, "restore", "--force", str(source.archive))
    assert forced.returncode == 0, forced.stderr
    assert list(target.glob("haven.sqlite3.pre-restore-*"))
    assert state_of(target) == source.state


def _rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of `archive` whose members pass through change(name, data)."""
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    members = change(members)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def _damage_database(members: dict, *, fix_checksum: bool) -> dict:
    import hashlib

    db = bytearray(members["haven.sqlite3"])
    # Overwrite the middle of the file: b-tree pages of some table.
    middle = len(db) // 2 // 4096 * 4096
    db[middle : middle + 8192] = b"\xff" * 8192
    members["haven.sqlite3"] = bytes(db)
    if fix_checksum:
        manifest = json.loads(members["manifest.json"])
        manifest["files"]["haven.sqlite3"]["sha256"] = hashlib.sha256(db).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
    return members


CORRUPTIONS = {
    "missing": (lambda archive, tmp: tmp / "nothing-here.tar.gz", "no such file"),
    "not gzip": (
        lambda archive, tmp: _write(tmp / "plain.tar.gz", b"just some text\n"),
        "not a Haven backup archive",
    ),
    "truncated": (
        lambda archive, tmp: _write(tmp / "cut.tar.gz", archive.read_bytes()[:4000]),
        "damaged",
    ),
    "other tar.gz": (
        lambda archive, tmp: _write(tmp / "other.tar.gz", _other_tarball()),
        "not a Haven backup archive",
    ),
    "bit flip": (
        lambda archive, tmp: _rewrite(
            archive, tmp / "flip.tar.gz", lambda m: _damage_database(m, fix_checksum=False)
        ),
        "does not match its checksum",
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _other_tarball() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo("notes.txt")
        info.size = 5
        tar.addfile(info, io.BytesIO(b"hello"))
    return gzip.compress(buffer.getvalue())


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_restore_rejects_a_bad_archive_clearly_and_writes_nothing(source, tmp_path, kind):
    make, phrase = CORRUPTIONS[kind]
    bad = make(source.archive, tmp_path)
    target = tmp_path / "target"
    result = haven(target, "restore", str(bad))
    assert_clean_error(result, phrase)
    assert not (target / "haven.sqlite3").exists()


def test_corrupt_database_is_caught_by_the_integrity_check(source, tmp_path):
    bad = _rewrite(
        source.archive, tmp_path / "c.tar.gz", lambda m: _damage_database(m, fix_checksum=True)
    )
    result = haven(tmp_path / "target", "restore", str(bad))
    assert_clean_error(result, "haven.sqlite3")
    assert "integrity check" in result.stderr or "not a readable SQLite" in result.stderr
    assert not (tmp_path / "target" / "haven.sqlite3").exists()


def test_backup_without_keys_needs_the_kept_keys_to_restore(source, tmp_path):
    archive = tmp_path / "nokeys.tar.gz"
    made = haven(source.data_dir, "backup", "--without-keys", "--output", str(archive))
    assert made.returncode == 0, made.stderr
    assert "does NOT contain the encryption keys" in made.stderr
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["haven.sqlite3", "manifest.json"]

    target = tmp_path / "target"
    refused = haven(target, "restore", str(archive))
    assert_clean_error(refused, "--without-keys", "encryption_keys")
    assert not (target / "haven.sqlite3").exists()

    # The operator puts back the keys they kept apart, and tries again.
    shutil.copy(source.data_dir / "encryption_keys", target / "encryption_keys")
    restored = haven(target, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert state_of(target) == state_of(source.data_dir)


def test_backup_and_restore_on_postgresql_point_to_pg_dump(tmp_path):
    url = "postgres://haven@127.0.0.1:5432/haven_backup_docs"
    made = haven(tmp_path, "backup", DATABASE_URL=url)
    assert_clean_error(made, "pg_dump --format=custom", "docs/backup.md", "encryption_keys")
    assert made.returncode == 2
    restored = haven(tmp_path, "restore", "whatever.tar.gz", DATABASE_URL=url)
    assert_clean_error(restored, "pg_restore", "docs/backup.md")
