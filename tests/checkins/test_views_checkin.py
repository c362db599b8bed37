"""The daily check-in: private by default, one a day, today's can be changed."""

from __future__ import annotations

import datetime
import html

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from haven.checkins import services
from haven.checkins.models import CheckIn, CheckInDetails, NeverShared
from haven.core.editing import EditConflict
from haven.core.models import Visibility
from haven.needs import services as needs
from tests.checkins.helpers import check_in
from tests.conftest import make_user
from tests.needs.helpers import put_on_individual_path

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return html.unescape(response.content.decode())


def test_the_check_in_asks_a_couple_about_the_two_of_them(client_a):
    html = _html(client_a.get(reverse("checkins:today")))
    assert "How much of the time did it feel good between you today?" in html
    assert "Did you notice your partner reaching for you?" in html
    # Under a minute: eleven one-tap choices, everything else folded away.
    assert html.count('name="percent"') == 11
    assert '<details class="checkin-more">' in html
    assert "<script>" not in html and 'style="' not in html


def test_a_solo_person_checks_in_on_their_relationship_with_themselves(client, solo_user):
    client.force_login(solo_user)
    html = _html(client.get(reverse("checkins:today")))
    assert "How much of the time did you feel at ease with yourself today?" in html
    assert "partner" not in html.split("<main")[1].lower()


def test_on_the_individual_path_nothing_asks_about_turning_towards_the_partner(client_a, partner_a):
    put_on_individual_path(partner_a)
    html = _html(client_a.get(reverse("checkins:today")))
    assert "Did you notice your partner reaching for you?" not in html
    assert "with yourself" in html


def test_the_check_in_in_dutch(client, db):
    noor = make_user("noor@example.org", "Noor", language="nl")
    client.force_login(noor)
    html = _html(client.get(reverse("checkins:today")))
    assert "Hoeveel van de tijd voelde je je vandaag goed bij jezelf?" in html
    assert "Een dag overgeslagen? Er gaat niets verloren." in html
    assert "warmte in mijn borst" in html  # the felt-sense vocabulary, in Dutch


def test_checking_in_stores_a_private_check_in_with_its_details(client_a, partner_a):
    need = needs.add_needs(author=partner_a, keys=["understood"])[0]
    response = client_a.post(
        reverse("checkins:today"),
        {
            "percent": "40",
            "sensations": ["warm_chest"],
            "emotions": ["hopeful"],
            "needs_met": [str(need.pk)],
            "reached": "yes",
            "turned": "partly",
            "note": "  Dinner   was nice.  ",
        },
    )
    checkin = CheckIn.objects.get(author=partner_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("checkins:detail", args=[checkin.pk])
    assert checkin.day == timezone.localdate() and checkin.percent == 40
    assert checkin.visibility == Visibility.PRIVATE
    details = CheckInDetails.objects.get(pk=checkin.pk)
    assert details.sensations == ["warm_chest"]
    assert details.needs_met == [need.pk]
    assert (details.reached, details.turned, details.note) == ("yes", "partly", "Dinner was nice.")

    page = _html(client_a.get(response["Location"]))
    assert "40%" in page and "Dinner was nice." in page
    assert "warmth in my chest" in page and "hopeful" in page
    assert "The feeling that you understand me" in page or "understand" in page
    assert "Only you can see this check-in." in page


def test_the_service_drops_words_and_needs_it_does_not_know(partner_a, partner_b):
    theirs = needs.add_needs(author=partner_b, keys=["understood"])[0]
    entry = services.Entry(
        percent=50,
        sensations=["warm_chest", "no_such_word"],
        emotions=["hopeful", "hopeful"],
        needs_met=[theirs.pk],
        reached="maybe",
        note="a\x00b " + "x" * 400,
    )
    checkin = services.save_checkin(author=partner_a, entry=entry)
    details = CheckInDetails.objects.get(pk=checkin.pk)
    assert details.sensations == ["warm_chest"] and details.emotions == ["hopeful"]
    assert details.needs_met == [] and details.reached == ""
    assert len(details.note) == 300


def test_needs_of_someone_else_cannot_be_ticked(client_a, partner_a, partner_b):
    theirs = needs.add_needs(author=partner_b, keys=["understood"])[0]
    client_a.post(reverse("checkins:today"), {"percent": "50", "needs_met": [str(theirs.pk)]})
    assert CheckIn.objects.filter(author=partner_a).exists() is False


def test_only_the_percentage_is_required(client_a, partner_a):
    assert client_a.post(reverse("checkins:today"), {"percent": "0"}).status_code == 302
    assert CheckIn.objects.get(author=partner_a).percent == 0


@pytest.mark.parametrize("value", ["", "101", "-10", "55", "lots"])
def test_an_invalid_percentage_is_refused(client_a, value):
    response = client_a.post(reverse("checkins:today"), {"percent": value})
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


def test_today_can_be_changed_and_the_form_shows_what_was_saved(client_a, partner_a):
    client_a.post(reverse("checkins:today"), {"percent": "30", "note": "first"})
    form = _html(client_a.get(reverse("checkins:today")))
    assert "Today's check-in" in form
    assert 'value="30" ' in form and "checked" in form and 'value="first"' in form
    checkin = CheckIn.objects.get(author=partner_a)
    response = client_a.post(
        reverse("checkins:today"),
        {"percent": "70", "note": "better later", "revision": str(checkin.revision)},
    )
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.percent == 70 and CheckIn.objects.count() == 1
    assert CheckInDetails.objects.get(pk=checkin.pk).note == "better later"


def test_two_open_edits_do_not_silently_overwrite(client_a, partner_a):
    client_a.post(reverse("checkins:today"), {"percent": "30"})
    stale = CheckIn.objects.get(author=partner_a).revision
    client_a.post(reverse("checkins:today"), {"percent": "60", "revision": str(stale)})
    response = client_a.post(
        reverse("checkins:today"), {"percent": "10", "note": "typed", "revision": str(stale)}
    )
    assert response.status_code == 409
    html = _html(response)
    assert "Felt good: 60%" in html and 'value="typed"' in html
    assert CheckIn.objects.get(author=partner_a).percent == 60


def test_one_check_in_per_person_per_day_is_a_database_rule(partner_a):
    check_in(partner_a, 50)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(author=partner_a, day=timezone.localdate(), percent=20)


def test_a_second_check_in_without_the_revision_is_a_conflict_not_a_duplicate(partner_a):
    check_in(partner_a, 50)
    with pytest.raises(EditConflict):
        services.save_checkin(author=partner_a, entry=services.Entry(percent=10))
    assert CheckIn.objects.get(author=partner_a).percent == 50


def test_the_details_can_never_be_shared(partner_a):
    checkin = check_in(partner_a, 50, note="mine alone")
    details = CheckInDetails.objects.get(pk=checkin.pk)
    details.visibility = Visibility.SHARED
    with pytest.raises(NeverShared):
        details.save()
    with pytest.raises(NeverShared):
        CheckInDetails.objects.filter(pk=checkin.pk).update(visibility=Visibility.SHARED)


def test_a_past_day_can_be_seen_but_not_changed(client_a, partner_a):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    old = check_in(partner_a, 20, day=yesterday, note="yesterday")
    page = _html(client_a.get(reverse("checkins:detail", args=[old.pk])))
    assert "yesterday" in page and "Change today" not in page
    # The form only ever writes today.
    client_a.post(reverse("checkins:today"), {"percent": "90"})
    old.refresh_from_db()
    assert old.percent == 20


def test_sharing_is_its_own_step_and_shares_only_the_percentage(client_a, partner_a):
    checkin = check_in(partner_a, 50)
    page = _html(client_a.get(reverse("checkins:detail", args=[checkin.pk])))
    assert "Share only the percentage" in page
    client_a.post(reverse("checkins:share", args=[checkin.pk]), {"shared": "1"})
    checkin.refresh_from_db()
    assert checkin.is_shared
    assert CheckInDetails.objects.get(pk=checkin.pk).visibility == Visibility.PRIVATE
    page = _html(client_a.get(reverse("checkins:detail", args=[checkin.pk])))
    assert "Your partner can see this day's percentage. Nothing else." in page
    client_a.post(reverse("checkins:share", args=[checkin.pk]), {"shared": "0"})
    checkin.refresh_from_db()
    assert not checkin.is_shared


def test_no_share_button_without_a_partner_or_on_the_individual_path(client, solo_user, cast):
    client.force_login(solo_user)
    mine = check_in(solo_user, 50)
    assert "Share only" not in _html(client.get(reverse("checkins:detail", args=[mine.pk])))
    put_on_individual_path(cast.partner_a)
    client.force_login(cast.partner_a)
    theirs = check_in(cast.partner_a, 50)
    assert "Share only" not in _html(client.get(reverse("checkins:detail", args=[theirs.pk])))


def test_deleting_a_check_in_removes_its_details(client_a, partner_a):
    checkin = check_in(partner_a, 50, note="gone")
    assert client_a.get(reverse("checkins:delete", args=[checkin.pk])).status_code == 200
    response = client_a.post(reverse("checkins:delete", args=[checkin.pk]))
    assert response.status_code == 302
    assert not CheckIn.objects.exists() and not CheckInDetails.objects.exists()


def test_the_home_page_shows_the_week_without_shaming(client_a, partner_a):
    html = _html(client_a.get(reverse("home")))
    assert "A daily check-in takes less than a minute" in html
    today = timezone.localdate()
    for ago, percent in ((0, 60), (2, 40), (9, 20)):
        check_in(partner_a, percent, day=today - datetime.timedelta(days=ago))
    html = _html(client_a.get(reverse("home")))
    assert "You checked in on 2 days in the last seven days." in html
    assert "On average it felt good 50% of the time." in html
    assert "A little more than the week before. Small gains count." in html
    assert "Change today's check-in" in html
    assert "missed" not in html.lower()
    # The other sections are still there.
    assert "About to say something hard?" in html and "Your latest reflections" in html


def test_the_home_page_after_a_quiet_week(client_a, partner_a):
    check_in(partner_a, 50, day=timezone.localdate() - datetime.timedelta(days=20))
    html = _html(client_a.get(reverse("home")))
    assert "That is fine: pick it up again whenever you like." in html


def test_the_home_page_offers_the_monthly_reflection_until_it_is_done(client_a, partner_a):
    assert 'data-testid="measure-due"' not in _html(client_a.get(reverse("home")))
    check_in(partner_a, 40)
    html = _html(client_a.get(reverse("home")))
    assert "This month's short reflection is ready whenever you are." in html
    answers = {f"sat0{n}": "4" for n in range(1, 9)}
    assert client_a.post(reverse("checkins:measure"), answers).status_code == 302
    assert 'data-testid="measure-due"' not in _html(client_a.get(reverse("home")))
