"""The questionnaire engine: instruments as data files, validated and scored.

An instrument is a TOML file (format: haven/reflection/data/instruments/README.md)
with items per language, a response scale, subscales, reverse-keyed items,
optional targets, interpretation bands and, for attachment, the regions of
the anxiety x avoidance plane. Scores are item means after reverse-keying.
Nothing here knows about people or the database: any feature can use it.
"""

from haven.reflection.engine.loader import InstrumentError, load_instrument, parse_instrument
from haven.reflection.engine.model import (
    ANXIETY,
    AVOIDANCE,
    REGION_KEYS,
    Band,
    Instrument,
    Item,
    Region,
    Regions,
    Scale,
    Subscale,
    Target,
    Text,
)
from haven.reflection.engine.registry import available, catalogue, discover, get, reload
from haven.reflection.engine.scoring import (
    AnswerError,
    Score,
    band_for,
    check_answer,
    keyed,
    missing,
    region_for,
    score,
)

__all__ = [
    "ANXIETY",
    "AVOIDANCE",
    "REGION_KEYS",
    "AnswerError",
    "Band",
    "Instrument",
    "InstrumentError",
    "Item",
    "Region",
    "Regions",
    "Scale",
    "Score",
    "Subscale",
    "Target",
    "Text",
    "available",
    "band_for",
    "catalogue",
    "check_answer",
    "discover",
    "get",
    "keyed",
    "load_instrument",
    "missing",
    "parse_instrument",
    "region_for",
    "reload",
    "score",
]
