"""Requirements 14 (export: everything the user authored, JSON plus a page,
nothing of the partner's) and 15 (deletion leaves no row, session, token or
canary; the partner's view of formerly shared items is 404); both after the
password is typed again (11)."""

from __future__ import annotations

import json

from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse

from haven.core.models import Visibility
from haven.journal.models import Reflection
from tests.conftest import PASSWORD
from tests.factories import CONTENT_FACTORIES

MINE = "canary-export-mine-31c"
THEIRS = "canary-export-partner-9d2"


def _fill(cast):
    for label, factory in CONTENT_FACTORIES.items():
        factory(cast.partner_a, Visibility.PRIVATE, f"{MINE}-{label}-private")
        factory(cast.partner_a, Visibility.SHARED, f"{MINE}-{label}-shared")
        factory(cast.partner_b, Visibility.SHARED, f"{THEIRS}-{label}")


def test_export_needs_the_password(cast, client_a):
    _fill(cast)
    response = client_a.post(reverse("export"), {"password": "not it", "format": "json"})
    assert response.status_code == 400
    assert MINE not in response.content.decode()
    assert "not right" in response.content.decode()


def test_json_export_has_everything_i_wrote_and_nothing_of_my_partner(cast, client_a):
    _fill(cast)
    response = client_a.post(reverse("export"), {"password": PASSWORD, "format": "json"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    text = json.dumps(data, ensure_ascii=False)
    for label in CONTENT_FACTORIES:
        assert f"{MINE}-{label}-private" in text, label
        assert f"{MINE}-{label}-shared" in text, label
    assert THEIRS not in text
    assert data["account"]["email"] == cast.partner_a.email
    assert "password" not in text


def test_readable_export_page(cast, client_a):
    _fill(cast)
    response = client_a.post(reverse("export"), {"password": PASSWORD, "format": "page"})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{MINE}-journal.Reflection-private" in page
    assert THEIRS not in page
    assert response["Cache-Control"].count("no-store") == 1


def test_deletion_needs_password_and_confirmation(cast, client_a):
    response = client_a.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 400
    response = client_a.post(reverse("delete_account"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400
    assert type(cast.partner_a).objects.filter(pk=cast.partner_a.pk).exists()


def _every_value_in_the_database() -> list[tuple[str, tuple]]:
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows.extend((table, row) for row in cursor.fetchall())
    return rows


def _user_columns() -> list[tuple[str, str]]:
    """(table, column) of every foreign key to the user table."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.remote_field is not None and field.remote_field.model is user_model:
                found.append((model._meta.db_table, field.column))
    return found


def test_deletion_leaves_nothing_behind(cast, client_a, client_b):
    _fill(cast)
    user = cast.partner_a
    user_id, email = user.pk, user.email
    shared = Reflection.objects.filter(author=user, visibility="shared").first()
    assert client_b.get(reverse("journal:detail", args=[shared.pk])).status_code == 200
    # A second, real login (sessions and trusted-device token), then delete.
    other = Client()
    login = other.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert login.status_code == 302
    assert Session.objects.count() >= 2

    response = client_a.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200
    assert "Clear-Site-Data" in response

    # No row points at the user...
    with connection.cursor() as cursor:
        for table, column in _user_columns():
            cursor.execute(
                f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "
                f"WHERE {connection.ops.quote_name(column)} = %s",
                [user_id],
            )
            assert cursor.fetchone()[0] == 0, f"{table}.{column}"
    # ...no value anywhere holds the canary or the address...
    for table, row in _every_value_in_the_database():
        flat = repr(row)
        assert MINE not in flat, table
        assert email not in flat, table
    # ...no stored session belongs to the user...
    for session in Session.objects.all():
        assert str(session.get_decoded().get("_auth_user_id")) != str(user_id)
    # ...the other browser is logged out, and the partner gets 404.
    assert other.get(reverse("journal:list")).status_code == 302
    assert client_b.get(reverse("journal:detail", args=[shared.pk])).status_code == 404
    # The partner's own items are untouched.
    assert Reflection.objects.filter(author=cast.partner_b).exists()
