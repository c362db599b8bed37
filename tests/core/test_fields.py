"""Encrypted fields: text is ciphertext at rest; empty stays empty and reads back the same."""

from __future__ import annotations

import pytest
from django.db import connection

from haven.checkins.models import CheckInDetails
from haven.core import crypto
from haven.journal.models import Reflection
from tests.factories import make_checkin

pytestmark = pytest.mark.django_db


def _raw(item, column: str) -> str | None:
    meta = item._meta
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {meta.db_table} WHERE {meta.pk.column} = %s",
            [item.pk],
        )
        return cursor.fetchone()[0]


def test_written_text_is_ciphertext_and_empty_text_is_stored_empty(partner_a):
    item = Reflection.objects.create(author=partner_a, title="", body="My secret evening")
    assert _raw(item, "body").startswith(crypto.PREFIX)
    assert _raw(item, "title") == ""
    again = Reflection.objects.get(pk=item.pk)
    assert (again.title, again.body) == ("", "My secret evening")


def test_empty_lists_read_back_as_lists_and_filled_ones_are_encrypted(partner_a):
    details = CheckInDetails.objects.get(checkin=make_checkin(partner_a, "private"))
    details.emotions = []
    details.sensations = ["tight_chest"]
    details.save()
    assert _raw(details, "emotions") == ""
    assert _raw(details, "sensations").startswith(crypto.PREFIX)
    again = CheckInDetails.objects.get(pk=details.pk)
    assert again.emotions == [] and again.sensations == ["tight_chest"]
