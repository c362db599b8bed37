"""Strict helpers that read settings from the environment.

A value that is present but malformed stops Haven at start-up with a message
naming the variable, instead of silently falling back to a default.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path


class ImproperSetting(ValueError):
    """Raised when an environment variable holds a value Haven cannot use."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperSetting(f"{name} must be one of true/false/1/0/yes/no/on/off, got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperSetting(f"{name} must be a whole number, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperSetting(f"{name} must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(
    name: str,
    *,
    generated_file: Path | None = None,
    generate: Callable[[], str] | None = None,
) -> str:
    """Read a secret from NAME, from the file named by NAME_FILE, or generate one.

    A generated secret is written once to `generated_file` (mode 0600) so that a
    restart keeps the same key and existing sessions stay valid.
    """
    value = os.environ.get(name)
    if value:
        return value
    file_var = f"{name}_FILE"
    path_value = os.environ.get(file_var)
    if path_value:
        path = Path(path_value)
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperSetting(
                f"{file_var} points to {path}, which cannot be read: {exc}"
            ) from None
        if not value:
            raise ImproperSetting(f"{file_var} points to {path}, which is empty")
        return value
    if generated_file is None:
        raise ImproperSetting(f"{name} (or {file_var}) must be set")
    if generated_file.exists():
        return generated_file.read_text(encoding="utf-8").strip()
    generated_file.parent.mkdir(parents=True, exist_ok=True)
    value = generate() if generate is not None else secrets.token_urlsafe(50)
    fd = os.open(generated_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
    return value


def default_data_dir() -> Path:
    """`data/` next to the source checkout, or the user's data folder when installed."""
    package_parent = Path(__file__).resolve().parent.parent
    if (package_parent / "pyproject.toml").exists():
        return package_parent / "data"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "haven"


def owner_only(path: Path, *, directory: bool = False) -> None:
    """Make `path` readable and writable by this user alone, if it exists.

    The data folder and the SQLite database hold everything people wrote
    (encrypted, but still): no other account on the machine may read them.
    Where the file system cannot do this (another owner, Windows), it is left
    as it is.
    """
    try:
        if directory:
            path.chmod(0o700)
            return
        if path.exists():
            path.chmod(0o600)
    except OSError:
        pass


# Static files are Haven's own CSS, scripts and images: they need nothing but
# themselves, and a file opened on its own (an SVG, say) may run nothing.
STATIC_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'"


def static_headers(headers, path: str, url: str) -> None:
    """WhiteNoise's hook (WHITENOISE_ADD_HEADERS_FUNCTION): page-like security headers."""
    headers["Content-Security-Policy"] = STATIC_CSP
    headers["X-Content-Type-Options"] = "nosniff"
