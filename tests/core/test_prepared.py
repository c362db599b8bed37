"""Prepared queries (haven.core.prepared): the ORM's SQL once, fresh answers always."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import DateTimeField
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from haven.core import policy
from haven.core.prepared import Prepared, RowCount, Slot
from haven.journal.models import Reflection
from haven.moments.models import Pause
from tests.factories import make_pause, make_reflection

pytestmark = pytest.mark.django_db


def _newest(limit: int) -> Prepared:
    return Prepared(lambda shape: Reflection.objects.filter(author_id=Slot("me"))[:limit])


def test_answers_like_the_orm_and_decrypts(partner_a, partner_b):
    for n in range(3):
        make_reflection(partner_a, "private", f"mine-{n}")
    make_reflection(partner_b, "private", "theirs")
    newest = _newest(2)
    found = newest.objects(me=partner_a.pk)
    expected = list(Reflection.objects.filter(author=partner_a)[:2])
    assert [r.pk for r in found] == [r.pk for r in expected]
    assert [r.title for r in found] == [r.title for r in expected]
    assert found[0].title.startswith("A reflection mine-")  # decrypted, not a token
    assert found[0]._state.adding is False  # a saved row, as the ORM makes it


def test_every_run_reads_the_database_afresh(partner_a):
    newest = _newest(10)
    assert newest.objects(me=partner_a.pk) == []
    first = make_reflection(partner_a, "private", "one")
    assert [r.pk for r in newest.objects(me=partner_a.pk)] == [first.pk]
    first.delete()
    assert newest.objects(me=partner_a.pk) == []


def test_sql_is_built_once_per_shape(partner_a):
    built = []

    def build(limit):
        built.append(limit)
        return Reflection.objects.filter(author_id=Slot("me"))[:limit]

    query = Prepared(build)
    for _ in range(3):
        query.objects(1, me=partner_a.pk)
        query.objects(2, me=partner_a.pk)
    assert built == [1, 2]


def test_each_run_is_one_query_through_django(partner_a):
    make_reflection(partner_a, "private", "x")
    newest = _newest(5)
    newest.objects(me=partner_a.pk)
    with CaptureQueriesContext(connection) as queries:
        newest.objects(me=partner_a.pk)
    assert len(queries) == 1
    assert "journal_reflection" in queries[0]["sql"]


def test_values_come_back_in_the_asked_order(partner_a):
    made = make_reflection(partner_a, "shared", "order")
    query = Prepared(
        lambda shape: Reflection.objects.filter(author_id=Slot("me")).values_list(
            "visibility", "pk", "title"
        )
    )
    assert query.rows(me=partner_a.pk) == [("shared", made.pk, made.title)]
    assert query.value(me=partner_a.pk) == "shared"
    assert query.value(me=-1) is None


def test_times_are_bound_for_the_database(partner_a):
    pause = make_pause(partner_a, "private")  # returns in 30 minutes
    due = Prepared(
        lambda shape: Pause.objects.filter(
            author_id=Slot("me"), return_at__lte=Slot("now", DateTimeField())
        )
    )
    now = timezone.now()
    assert due.objects(me=partner_a.pk, now=now) == []
    later = now + datetime.timedelta(minutes=31)
    assert [p.pk for p in due.objects(me=partner_a.pk, now=later)] == [pause.pk]
    assert due.first(me=partner_a.pk, now=later).return_at == pause.return_at


def test_counting_rows(partner_a):
    count = Prepared(
        lambda shape: (
            Reflection.objects.filter(author_id=Slot("me")).order_by().values_list(RowCount())
        )
    )
    assert count.value(me=partner_a.pk) == 0
    for n in range(4):
        make_reflection(partner_a, "private", str(n))
    assert count.value(me=partner_a.pk) == 4


def test_every_slot_needs_a_value(partner_a):
    newest = _newest(1)
    with pytest.raises(TypeError, match="me"):
        newest.objects(other=partner_a.pk)


def test_objects_refuses_a_query_of_values(partner_a):
    query = Prepared(lambda shape: Reflection.objects.values_list("pk"))
    with pytest.raises(TypeError):
        query.objects()


def test_visible_follows_the_couple_from_one_request_to_the_next(cast):
    """A prepared policy query never keeps an answer: unlinking counts at once."""
    anna, bram = cast.partner_a, cast.partner_b
    shared = make_reflection(anna, "shared", "for bram")
    make_reflection(anna, "private", "not for bram")
    query = policy.Visible(Reflection, lambda rows, _: rows.values_list("pk"))
    assert query.rows(bram) == [(shared.pk,)]

    from django.contrib.auth import get_user_model

    from haven.couples import services as couples

    couples.unlink(user=anna)
    fresh = get_user_model().objects.get(pk=bram.pk)  # the next request's user
    assert query.rows(fresh) == []
