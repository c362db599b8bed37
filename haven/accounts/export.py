"""Everything a person wrote or chose in Haven, for them alone (GDPR Art. 20).

Content is found generically: every model with a foreign key named `author`
to the user (every ContentItem, including the safety check, which only ever
goes to its own author) is included, so a new kind of content is exported
without anyone remembering to add it. Nothing authored by the partner is
included, not even items the partner shared.

`export_for` is the JSON file; `sections_for` is what the readable page
shows (haven.accounts.export_readable), from the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from haven.accounts import export_readable

FORMAT_VERSION = 1
# Never exported: secrets and internal bookkeeping.
SKIPPED_FIELDS = {"id", "author", "user", "revision"}


@dataclass
class Section:
    label: str  # app_label.ModelName
    items: list[dict[str, Any]] = field(default_factory=list)


def authored_models() -> list[type[models.Model]]:
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("haven."):
            continue
        author = next((f for f in model._meta.concrete_fields if f.name == "author"), None)
        if author is not None and author.remote_field and author.remote_field.model is user_model:
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


def _value(model_field: models.Field, obj: models.Model) -> Any:
    value = model_field.value_from_object(obj)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    return {
        f.name: _value(f, obj)
        for f in obj._meta.concrete_fields
        if f.name not in SKIPPED_FIELDS and not f.name.endswith("_hash")
    }


def raw_sections(user) -> list[Section]:
    """Every row of the person, field by field: the sections of the JSON file."""
    from haven.accounts.models import Consent, Profile
    from haven.couples.models import Invitation, Membership

    sections: list[Section] = []

    def add(model: type[models.Model], queryset) -> None:
        sections.append(Section(model._meta.label, [_row(obj) for obj in queryset]))

    add(Profile, Profile.objects.filter(user=user))
    add(Consent, Consent.objects.filter(user=user).order_by("given_at"))
    add(Membership, Membership.objects.filter(user=user).order_by("pk"))
    add(Invitation, Invitation.objects.filter(inviter=user).order_by("pk"))
    for model in authored_models():
        add(model, model._default_manager.filter(author=user).order_by("pk"))
    return sections


def sections_for(user) -> export_readable.Page:
    """The readable page: its areas, in the page's language and the person's time zone."""
    return export_readable.page_for(user)


def export_for(user) -> dict[str, Any]:
    return {
        "format": "haven-export",
        "version": FORMAT_VERSION,
        "site": settings.SITE_NAME,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "sections": {section.label: section.items for section in raw_sections(user)},
    }
