"""Consent to store what a person writes: recorded before the first item.

The text a person agrees to lives in data/consent.toml with a version. Creating
any content item without consent to the current version is refused at the
model layer (ContentItem.save), so no form, import or command can skip it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

PATH = Path(__file__).with_name("data") / "consent.toml"
LANGUAGES = ("en", "nl")


class ConsentRequired(Exception):
    """Content was about to be stored for someone who has not consented yet."""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str


@dataclass(frozen=True)
class ConsentText:
    version: str
    operator: str
    sections: tuple[Section, ...]
    agreement: str


@cache
def _data() -> dict:
    with PATH.open("rb") as handle:
        return tomllib.load(handle)


def current_version() -> str:
    return str(_data()["version"])


def text(language: str) -> ConsentText:
    data = _data()
    lang = language if language in LANGUAGES else "en"
    operator_name = getattr(settings, "OPERATOR", "")
    if operator_name:
        operator = data["operator"]["named"][lang].format(operator=operator_name)
    else:
        operator = data["operator"]["unnamed"][lang]
    sections = tuple(
        Section(id=s["id"], title=s["title"][lang], body=s["body"][lang]) for s in data["sections"]
    )
    return ConsentText(
        version=current_version(),
        operator=operator,
        sections=sections,
        agreement=data["agreement"]["label"][lang],
    )


def has_consented(user_id: int | None) -> bool:
    from haven.accounts.models import Consent

    if user_id is None:
        return False
    return Consent.objects.filter(user_id=user_id, version=current_version()).exists()


def require_consent(user_id: int | None) -> None:
    if not has_consented(user_id):
        raise ConsentRequired(f"user {user_id} has not consented to version {current_version()}")


def give_consent(user) -> None:
    from haven.accounts.models import Consent

    Consent.objects.get_or_create(user=user, version=current_version())
