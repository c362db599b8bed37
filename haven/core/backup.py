"""Backing up and restoring the embedded SQLite database with its keys.

A backup is one gzip-compressed tar file (`haven-backup-<UTC time>.tar.gz`):

    manifest.json     what is inside, when and by which Haven it was made,
                      and a SHA-256 checksum per file
    haven.sqlite3     a consistent copy of the database
    encryption_keys   the keys that open the text people wrote (unless left out)
    secret_key        Django's secret key (unless left out)

The database is copied with SQLite's online backup API: it reads one snapshot
while `haven serve` keeps working (WAL mode lets readers and a writer run at
once), so a transaction that is half done when the copy starts is not in it.

Free text is stored encrypted (haven.core.crypto): a database without its keys
holds nobody's words in readable form. That is why the keys travel with the
backup by default, and why a restore checks that the keys it ends up with
actually open the text before it writes anything. See docs/backup.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from haven.core import crypto

FORMAT = "haven-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "haven.sqlite3"
ENCRYPTION_KEYS = "encryption_keys"
SECRET_KEY = "secret_key"
KEY_FILES = (ENCRYPTION_KEYS, SECRET_KEY)
# The environment variables that, when set, take the place of each key file.
KEY_VARIABLES = {ENCRYPTION_KEYS: "HAVEN_ENCRYPTION_KEYS", SECRET_KEY: "SECRET_KEY"}

# How a key file is accounted for in the manifest.
INCLUDED = "included"
LEFT_OUT = "left-out"
FROM_ENVIRONMENT = "environment"
MISSING = "missing"

_CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something the person running the command has to fix; the message says what."""


@dataclass(frozen=True)
class DataFolder:
    """Where this Haven keeps its data, and where its keys come from."""

    path: Path
    database: Path
    encryption_keys: tuple[str, ...]
    keys_from_environment: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls) -> DataFolder:
        from django.conf import settings

        return cls(
            path=Path(settings.DATA_DIR),
            database=Path(settings.DATABASES["default"]["NAME"]),
            encryption_keys=tuple(settings.ENCRYPTION_KEYS),
            keys_from_environment=frozenset(
                name
                for name, variable in KEY_VARIABLES.items()
                if os.environ.get(variable) or os.environ.get(f"{variable}_FILE")
            ),
        )

    def key_file(self, name: str) -> Path:
        return self.path / name

    def variable_for(self, name: str) -> str:
        return KEY_VARIABLES[name]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict[str, Any]

    @property
    def keys(self) -> dict[str, str]:
        return self.manifest["keys"]


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict[str, Any]
    database: Path
    accounts: int
    tables: int
    rows: int
    encryption_keys: tuple[str, ...]
    secret_key: str | None
    restored_files: list[Path] = field(default_factory=list)
    kept_aside: list[Path] = field(default_factory=list)
    # Files that held something before the restore (their old content is kept aside).
    replaced: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked_values: int = 0


# --- SQLite -------------------------------------------------------------------


def copy_database(source: Path, target: Path, *, standalone: bool = True) -> None:
    """Copy one consistent snapshot of `source` into `target` (created if needed).

    Safe while other processes write to `source`. When `target` is a live
    database (standalone=False), its readers see either the old or the new
    content, never a mix, and its journal mode is left alone.
    """
    try:
        reader = sqlite3.connect(source, timeout=20)
    except sqlite3.Error as exc:
        raise BackupError(f"Cannot open the database {source}: {exc}") from None
    try:
        if not target.exists():
            # Private from the start; SQLite gives its -wal/-shm the same mode.
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        writer = sqlite3.connect(target, timeout=20)
        try:
            # pages=-1 copies everything in one step, inside one read
            # transaction: the copy is one snapshot of the source.
            reader.backup(writer, pages=-1)
            if standalone:
                # A self-contained file, without a -wal beside it.
                writer.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            writer.close()
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"Copying the database {source} to {target} failed: {exc}") from None
    finally:
        reader.close()


def check_integrity(path: Path) -> None:
    try:
        db = sqlite3.connect(path, timeout=20)
        try:
            result = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} is not a readable SQLite database: {exc}") from None
    if result != ["ok"]:
        raise BackupError(f"{path.name} failed SQLite's integrity check: {'; '.join(result[:5])}")


@contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to an unpacked (non-WAL) database, closed afterwards."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield db
    finally:
        db.close()


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [row[0] for row in rows]


def encrypted_samples(path: Path) -> list[str]:
    """One encrypted value from every text column that holds any."""
    samples = []
    with _open(path) as db:
        for table in _tables(db):
            for column in db.execute(f"PRAGMA table_info({_quote(table)})").fetchall():
                name, declared = column[1], (column[2] or "").upper()
                if not any(kind in declared for kind in ("TEXT", "CHAR", "CLOB")):
                    continue
                row = db.execute(
                    f"SELECT {_quote(name)} FROM {_quote(table)} "
                    f"WHERE substr({_quote(name)}, 1, ?) = ? LIMIT 1",
                    [len(crypto.PREFIX), crypto.PREFIX],
                ).fetchone()
                if row is not None:
                    samples.append(row[0])
    return samples


def applied_migrations(path: Path) -> set[tuple[str, str]]:
    try:
        with _open(path) as db:
            rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.DatabaseError:
        raise BackupError(
            "The database in this archive is not a Haven database (it has no migration table)."
        ) from None
    return {(app, name) for app, name in rows}


def unknown_migrations(applied: set[tuple[str, str]]) -> list[str]:
    """Migrations in the backup that this version of Haven does not have."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {config.label for config in apps.get_app_configs()}
    return sorted(
        f"{app}.{name}" for app, name in applied if app in installed and (app, name) not in known
    )


def _counts(path: Path) -> tuple[int, int, int]:
    """(accounts, tables, rows) in a database, for the restore summary."""
    with _open(path) as db:
        tables = _tables(db)
        rows = sum(db.execute(f"SELECT count(*) FROM {_quote(t)}").fetchone()[0] for t in tables)
        accounts = db.execute("SELECT count(*) FROM auth_user").fetchone()[0]
    return accounts, len(tables), rows


def has_database(path: Path) -> bool:
    # SQLite creates an empty file on first connect; that holds nothing to lose.
    return path.exists() and path.stat().st_size > 0


# --- Keys ----------------------------------------------------------------------


def parse_keys(text: str) -> tuple[str, ...]:
    return tuple(key.strip() for key in text.split(",") if key.strip())


def keys_open(path: Path, keys: tuple[str, ...]) -> int:
    """How many sampled values `keys` decrypt; BackupError if any stays closed."""
    samples = encrypted_samples(path)
    if not samples:
        return 0
    try:
        opener = MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, UnicodeEncodeError):
        raise KeysDoNotFit("the encryption keys are not valid Fernet keys") from None
    for value in samples:
        try:
            opener.decrypt(value[len(crypto.PREFIX) :].encode("ascii"))
        except (InvalidToken, UnicodeEncodeError):
            raise KeysDoNotFit("the encryption keys do not open the text in this backup") from None
    return len(samples)


class KeysDoNotFit(BackupError):
    pass


# --- Writing a backup ------------------------------------------------------------


def timestamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def default_name(now: datetime) -> str:
    return f"haven-backup-{timestamp(now)}.tar.gz"


def _haven_version() -> str:
    try:
        return metadata.version("haven")
    except metadata.PackageNotFoundError:
        return "unknown"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def create_backup(
    folder: DataFolder,
    output: Path | None = None,
    *,
    include_keys: bool = True,
    now: datetime | None = None,
) -> BackupResult:
    now = now or datetime.now(UTC)
    if not has_database(folder.database):
        raise BackupError(f"There is no database at {folder.database} yet: nothing to back up.")
    target = _archive_path(output, now)

    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".haven-backup-") as tmp:
        copy = Path(tmp) / DATABASE
        copy_database(folder.database, copy)
        check_integrity(copy)
        members = {DATABASE: copy}
        keys = {}
        for name in KEY_FILES:
            if not include_keys:
                keys[name] = LEFT_OUT
            elif name in folder.keys_from_environment:
                keys[name] = FROM_ENVIRONMENT
            elif folder.key_file(name).is_file():
                members[name] = folder.key_file(name)
                keys[name] = INCLUDED
            else:
                keys[name] = MISSING
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": now.astimezone(UTC).isoformat(timespec="seconds"),
            "haven_version": _haven_version(),
            "database": {"engine": "sqlite", "file": DATABASE},
            "keys": keys,
            "files": {
                name: {"sha256": _sha256(path), "bytes": path.stat().st_size}
                for name, path in members.items()
            },
        }
        _write_archive(target, manifest, members, now)
    return BackupResult(path=target, manifest=manifest)


def _archive_path(output: Path | None, now: datetime) -> Path:
    if output is None:
        target = Path.cwd() / default_name(now)
    elif output.is_dir():
        target = output / default_name(now)
    else:
        target = output
    target = target.absolute()
    if target.exists():
        raise BackupError(f"{target} already exists; choose another name.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    return target


def _write_archive(
    target: Path, manifest: dict[str, Any], members: dict[str, Path], now: datetime
) -> None:
    partial = target.with_name(f".{target.name}.partial")
    # 0600 from the first byte: the archive can hold the keys to everyone's text.
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                body = json.dumps(manifest, indent=2).encode("utf-8")
                _add(tar, MANIFEST, len(body), now, _BytesReader(body))
                for name, path in members.items():
                    with path.open("rb") as handle:
                        _add(tar, name, path.stat().st_size, now, handle)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._pos + size
        chunk = self._data[self._pos : end]
        self._pos += len(chunk)
        return chunk


def _add(tar: tarfile.TarFile, name: str, size: int, now: datetime, handle: Any) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(now.timestamp())
    tar.addfile(info, handle)


# --- Reading a backup --------------------------------------------------------------


@dataclass(frozen=True)
class Archive:
    path: Path
    manifest: dict[str, Any]
    database: Path
    key_texts: dict[str, str]

    @property
    def created_at(self) -> str:
        return str(self.manifest.get("created_at", "unknown time"))


def open_archive(path: Path, workdir: Path) -> Archive:
    """Unpack and verify an archive into `workdir`; BackupError says what is wrong."""
    if not path.exists():
        raise BackupError(f"{path}: no such file.")
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    not_a_backup = f"{path} is not a Haven backup archive"
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            members = _check_members(tar, not_a_backup)
            manifest = _read_manifest(tar, members, not_a_backup)
            files = manifest.get("files")
            if not isinstance(files, dict) or DATABASE not in files:
                raise BackupError(f"{not_a_backup}: its manifest lists no database.")
            for name in files:
                if name not in members:
                    raise BackupError(f"The archive {path} is incomplete: {name} is missing.")
            for name, member in members.items():
                if name == MANIFEST:
                    continue
                if name not in files:
                    raise BackupError(f"{not_a_backup}: {name} is not in its manifest.")
                _extract_checked(tar, member, workdir / name, files[name], path)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(f"{not_a_backup}, or it is damaged ({exc}).") from None
    key_texts = {}
    for name in KEY_FILES:
        if (workdir / name).exists():
            try:
                key_texts[name] = (workdir / name).read_text(encoding="utf-8").strip()
            except UnicodeDecodeError:
                raise BackupError(f"{not_a_backup}: its {name} is not text.") from None
    return Archive(path=path, manifest=manifest, database=workdir / DATABASE, key_texts=key_texts)


def _check_members(tar: tarfile.TarFile, not_a_backup: str) -> dict[str, tarfile.TarInfo]:
    allowed = {MANIFEST, DATABASE, *KEY_FILES}
    members: dict[str, tarfile.TarInfo] = {}
    for member in tar.getmembers():
        # Only the known flat names, only regular files: nothing in the
        # archive decides where a file is written.
        if member.name not in allowed or not member.isfile() or member.name in members:
            raise BackupError(f"{not_a_backup}: unexpected entry {member.name!r}.")
        members[member.name] = member
    if MANIFEST not in members:
        raise BackupError(f"{not_a_backup}: it has no {MANIFEST}.")
    return members


def _read_manifest(
    tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo], not_a_backup: str
) -> dict[str, Any]:
    handle = tar.extractfile(members[MANIFEST])
    assert handle is not None  # a regular file, checked above
    try:
        manifest = json.loads(handle.read(1024 * 1024).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{not_a_backup}: its {MANIFEST} cannot be read.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{not_a_backup}: its {MANIFEST} is not Haven's.")
    version = manifest.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"This archive uses backup format {version!r}, which this Haven does not know "
            f"(it knows up to {FORMAT_VERSION}). Restore it with a newer Haven."
        )
    return manifest


def _extract_checked(
    tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path, expected: Any, archive: Path
) -> None:
    source = tar.extractfile(member)
    assert source is not None
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        _copy_hashing(source, out, digest)
    if not isinstance(expected, dict) or expected.get("sha256") != digest.hexdigest():
        raise BackupError(
            f"The archive {archive} is damaged: {member.name} does not match its checksum."
        )


def _copy_hashing(source: IO[bytes], out: IO[bytes], digest: Any) -> None:
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
        out.write(chunk)


# --- Restoring ---------------------------------------------------------------------


def restore_backup(
    folder: DataFolder, archive_path: Path, *, force: bool = False, now: datetime | None = None
) -> RestoreResult:
    """Check everything first, then put the database and key files in place."""
    now = now or datetime.now(UTC)
    target = folder.database
    if has_database(target) and not force:
        raise BackupError(
            f"{target} already holds a database; restoring would replace it. "
            "Stop Haven first, then run again with --force (the current database "
            "is kept beside it as a .pre-restore copy)."
        )
    folder.path.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.path, prefix=".restore-") as tmp:
        archive = open_archive(archive_path, Path(tmp))
        check_integrity(archive.database)
        newer = unknown_migrations(applied_migrations(archive.database))
        if newer:
            raise BackupError(
                "This backup was made by a newer Haven (it has migrations this version does "
                f"not know: {', '.join(newer[:5])}). Upgrade Haven, then restore."
            )
        keys, notes = _choose_keys(folder, archive)
        try:
            checked = _check_keys(folder, archive, keys)
            accounts, tables, rows = _counts(archive.database)
        except sqlite3.DatabaseError as exc:
            raise BackupError(
                f"The database in this archive is not a usable Haven database ({exc})."
            ) from None

        # Everything checked: from here on, write.
        stamp = timestamp(now)
        kept: list[Path] = []
        restored: list[Path] = []
        replaced: list[Path] = []
        if has_database(target):
            aside = target.with_name(f"{target.name}.pre-restore-{stamp}")
            copy_database(target, aside)
            kept.append(aside)
            replaced.append(target)
        copy_database(archive.database, target, standalone=False)
        check_integrity(target)
        restored.append(target)
        for name, text in archive.key_texts.items():
            if name in folder.keys_from_environment:
                notes.append(
                    f"{name} from the backup was not written: {folder.variable_for(name)} "
                    "is set and takes its place."
                )
                continue
            previous = _write_secret(folder.key_file(name), text, stamp)
            restored.append(folder.key_file(name))
            if previous is not None:
                kept.append(previous)
                replaced.append(folder.key_file(name))
    secret = None
    if SECRET_KEY not in folder.keys_from_environment:
        secret = archive.key_texts.get(SECRET_KEY)
    return RestoreResult(
        manifest=archive.manifest,
        database=target,
        accounts=accounts,
        tables=tables,
        rows=rows,
        encryption_keys=keys,
        secret_key=secret,
        restored_files=restored,
        kept_aside=kept,
        replaced=replaced,
        notes=notes,
        checked_values=checked,
    )


def _choose_keys(folder: DataFolder, archive: Archive) -> tuple[tuple[str, ...], list[str]]:
    """The encryption keys Haven will use after the restore."""
    from_archive = archive.key_texts.get(ENCRYPTION_KEYS)
    if ENCRYPTION_KEYS in folder.keys_from_environment or not from_archive:
        notes = []
        if not from_archive:
            notes.append(
                "The backup holds no encryption keys; the keys Haven already has are used."
            )
        return folder.encryption_keys, notes
    return parse_keys(from_archive), []


def _check_keys(folder: DataFolder, archive: Archive, keys: tuple[str, ...]) -> int:
    try:
        return keys_open(archive.database, keys)
    except KeysDoNotFit as exc:
        variable = folder.variable_for(ENCRYPTION_KEYS)
        if ENCRYPTION_KEYS in folder.keys_from_environment:
            advice = (
                f"{variable} (or {variable}_FILE) is set, so its keys are used, and "
                f"{exc.args[0]}. "
                + (
                    "The backup carries its own encryption_keys: unset the variable or put "
                    "those keys in it, then run restore again."
                    if ENCRYPTION_KEYS in archive.key_texts
                    else "Set it to the keys this backup was made with, then run restore again."
                )
            )
        elif ENCRYPTION_KEYS in archive.key_texts:
            advice = f"The archive is damaged: {exc.args[0]}."
        else:
            advice = (
                "This backup was made without its encryption keys (--without-keys), and the "
                f"keys in {folder.key_file(ENCRYPTION_KEYS)} do not open its text (Haven "
                "generates new keys there on first start). Replace that file with the "
                f"encryption_keys you kept apart (or set {variable}), then run restore again."
            )
        raise BackupError(advice) from None


def _write_secret(path: Path, text: str, stamp: str) -> Path | None:
    """Write a key file (0600); a different one already there is kept, renamed."""
    previous = None
    if path.exists():
        if path.read_text(encoding="utf-8").strip() == text:
            return None
        previous = path.with_name(f"{path.name}.pre-restore-{stamp}")
        shutil.copy2(path, previous)
        os.chmod(previous, 0o600)
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(partial, path)
    return previous
