import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from haven.couples import selectors
from haven.journal.models import Reflection


@pytest.mark.django_db
def test_demo_creates_a_couple_and_a_solo_user_that_can_log_in():
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    password = re.search(r"password for all three: (\S+)\)", text).group(1)
    emails = re.findall(r"\S+@haven\.example", text)
    assert len(emails) == 3
    users = [authenticate(username=e, password=password) for e in emails]
    assert all(users), "every printed login must work"
    a, b, solo = users
    assert selectors.current_partner_id(a) == b.pk
    assert selectors.current_partner_id(solo) is None
    for user in users:
        assert Reflection.objects.filter(author=user).exists()
    assert Reflection.objects.filter(author=a, visibility="shared").exists()
    assert Reflection.objects.filter(author=a, visibility="private").exists()


@pytest.mark.django_db
def test_running_demo_twice_resets_instead_of_failing():
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    assert Reflection.objects.count() == 7
