"""Model fields that keep their text encrypted in the database.

Use them for every field a person types free text into. They cannot be used in
lookups or ordering (the database only ever sees ciphertext); look items up by
author, date or id instead.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from haven.core import crypto


class EncryptedTextField(models.TextField):
    """A TextField stored as ciphertext; max_length limits the plain text in forms."""

    description = "Text, encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            # Nothing written: stored as nothing (a token for "" would only cost
            # about 100 bytes per field and row and hide no text).
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_internal_type(self) -> str:
        return "TextField"

    def db_parameters(self, connection):  # type: ignore[no-untyped-def]
        # Ciphertext is about 1.4x longer than the text: no length limit in SQL.
        return {"type": connection.data_types["TextField"], "check": None}


class EncryptedCharField(EncryptedTextField):
    """Short encrypted text, edited in a one-line input."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class EncryptedJSONField(models.TextField):
    """JSON (lists, dicts of chosen words or answers), encrypted at rest."""

    description = "JSON, encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        if value in ("", [], {}):
            return ""  # empty: read back as the field's default (an empty list or dict)
        return crypto.encrypt(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        if value == "":
            return self.get_default()
        text = crypto.decrypt(value)
        return json.loads(text) if text else None

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def value_to_string(self, obj: Any) -> str:
        return json.dumps(self.value_from_object(obj), cls=DjangoJSONEncoder)

    def get_internal_type(self) -> str:
        return "TextField"

    def formfield(self, **kwargs: Any) -> Any:
        return forms.JSONField(**kwargs)
