"""The audit's small ones (#21 item 9): owner-only data files, no control
characters in names, a CSP on static files, no activity signals for staff."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

from haven.accounts.forms import ProfileForm, clean_display_name
from tests.conftest import make_user

REPO = Path(__file__).resolve().parents[2]


def test_the_data_folder_and_sqlite_database_are_owner_only(tmp_path):
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update({"HAVEN_DATA_DIR": str(data), "PYTHONPATH": str(REPO)})
    subprocess.run(
        ["sh", "-c", f"umask 022 && {sys.executable} -m haven migrate -v 0"],
        env=env,
        cwd=REPO,
        check=True,
        timeout=300,
    )
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    database = data / "haven.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    for extra in ("haven.sqlite3-wal", "haven.sqlite3-shm"):
        if (data / extra).exists():
            assert stat.S_IMODE((data / extra).stat().st_mode) & 0o077 == 0, extra


def test_control_characters_never_reach_a_name():
    assert clean_display_name("Anna\x1b[31m\u202e\x00 de\tVries\n") == "Anna[31m de Vries"
    form = ProfileForm(data={"display_name": "\x07\u200b", "language": "en", "country": "NL"})
    assert not form.is_valid() and "display_name" in form.errors


def test_a_name_with_control_characters_is_saved_clean(client_a, partner_a):
    response = client_a.post(
        reverse("profile"),
        {"display_name": "Anna\r\nADMIN LOGIN OK", "language": "en", "country": "NL"},
    )
    assert response.status_code in (200, 302)
    partner_a.profile.refresh_from_db()
    assert "\n" not in partner_a.profile.display_name and "\r" not in partner_a.profile.display_name


def test_static_files_carry_a_content_security_policy(client):
    response = client.get("/static/haven/haven.css")
    assert response.status_code == 200
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_staff_do_not_see_when_someone_last_logged_in(db):
    owner = make_user("someone@example.org", "Sia")
    Client().post(reverse("account_login"), {"login": owner.email, "password": "x"})
    staff = make_user("root@example.org", "Root")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("admin:auth_user_change", args=[owner.pk])).content.decode()
    assert "last_login" not in page and "Last login" not in page
    listing = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "Last login" not in listing
