"""Finding the instruments: every *.toml in the data folders.

Haven ships its own instrument in haven/reflection/data/instruments/. A
practitioner with a licence for another instrument can drop its data file in
`<HAVEN_DATA_DIR>/instruments/` (no code change) and restart; it is scored the
same way. A broken file is refused: it is not offered, a warning naming the
file and the problems is logged, and `haven check` reports it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings

from haven.reflection.engine.loader import InstrumentError, load_instrument
from haven.reflection.engine.model import DEFAULT_PURPOSE, Instrument

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "data" / "instruments"
logger = logging.getLogger(__name__)


def instrument_dirs() -> list[Path]:
    dirs = [PACKAGE_DIR]
    # Other apps ship their own instruments in <app>/data/instruments/
    # (e.g. haven.checkins' monthly reflection), scored by the same engine.
    for config in apps.get_app_configs():
        folder = Path(config.path) / "data" / "instruments"
        if config.name.startswith("haven.") and folder.is_dir() and folder != PACKAGE_DIR:
            dirs.append(folder)
    extra = Path(settings.DATA_DIR) / "instruments"
    if extra.is_dir():
        dirs.append(extra)
    return dirs


@dataclass
class Catalogue:
    instruments: dict[str, Instrument] = field(default_factory=dict)
    errors: list[InstrumentError] = field(default_factory=list)

    def available(self, purpose: str = DEFAULT_PURPOSE) -> list[Instrument]:
        """Instruments to offer people for `purpose`: everything except test material."""
        return [i for i in self.instruments.values() if not i.test and i.purpose == purpose]


def discover(dirs: list[Path] | None = None) -> Catalogue:
    """Load every instrument file in `dirs`; broken ones become errors, not instruments."""
    catalogue = Catalogue()
    for folder in dirs if dirs is not None else instrument_dirs():
        for path in sorted(folder.glob("*.toml")):
            try:
                instrument = load_instrument(path)
            except InstrumentError as error:
                catalogue.errors.append(error)
                continue
            other = catalogue.instruments.get(instrument.key)
            if other is not None:
                catalogue.errors.append(
                    InstrumentError(
                        path, [f"key '{instrument.key}' is already used by {other.source}"]
                    )
                )
                continue
            catalogue.instruments[instrument.key] = instrument
    return catalogue


@cache
def catalogue() -> Catalogue:
    found = discover()
    for error in found.errors:
        logger.warning("instrument refused: %s", error)
    return found


def get(key: str) -> Instrument | None:
    return catalogue().instruments.get(key)


def available(purpose: str = DEFAULT_PURPOSE) -> list[Instrument]:
    return catalogue().available(purpose)


def reload() -> Catalogue:
    catalogue.cache_clear()
    return catalogue()
