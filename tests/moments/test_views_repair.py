"""The guided repair, end to end: saved as you go, checked by the coach, finished on purpose."""

from __future__ import annotations

import pytest
from django.urls import reverse

from haven.core.policy import Actor
from haven.moments.models import Moment, Repair
from tests.moments.helpers import linked, log

pytestmark = pytest.mark.django_db

FELT = "I felt alone with it, and scared that I do not matter to you."


def _step(client, repair, step: str, text: str, action: str = "next", revision: int | None = None):
    if revision is None:
        revision = Repair.objects.get(pk=repair.pk).revision
    field = "reflect_back" if step == "reflect" else step
    return client.post(
        reverse("moments:repair_step", args=[repair.pk]),
        {"step": step, field: text, "revision": revision, "action": action},
    )


def _start(client, moment, mode: str = "together") -> Repair:
    response = client.post(reverse("moments:repair_start", args=[moment.pk]), {"mode": mode})
    assert response.status_code == 302
    return Repair.objects.get(moment=moment)


def test_repair_from_start_to_finish_marks_the_moment_repaired(client_a, partner_a):
    moment = log(partner_a)
    assert client_a.get(reverse("moments:repair_start", args=[moment.pk])).status_code == 200
    repair = _start(client_a, moment)
    page = client_a.get(reverse("moments:repair_step", args=[repair.pk])).content.decode()
    assert "What I felt underneath" in page and "Step 1 of 6" in page
    answers = {
        "felt": FELT,
        "needed": "To feel close to you, I needed to hear that I matter.",
        "protected": "I raised my voice and kept explaining.",
        "next_time": "Say that I feel alone before I get sharp.",
        "reflect": "What I heard is that you felt you could not do it right.",
    }
    for step, text in answers.items():
        response = _step(client_a, repair, step, text)
        assert response.status_code == 302, (step, response.content.decode()[:500])
    assert response["Location"].endswith("?step=close")
    page = client_a.get(response["Location"]).content.decode()
    assert 'data-testid="closing"' in page and FELT in page
    assert 'data-testid="coach-ok"' in page  # the coach read the answers before sharing
    response = client_a.post(
        reverse("moments:repair_step", args=[repair.pk]), {"step": "close", "action": "finish"}
    )
    assert response["Location"] == reverse("moments:repair_detail", args=[repair.pk])
    moment.refresh_from_db()
    repair.refresh_from_db()
    assert moment.repaired_at is not None and repair.is_finished
    assert repair.visibility == "private"
    assert repair.reflect_back.startswith("What I heard")
    page = client_a.get(reverse("moments:detail", args=[moment.pk])).content.decode()
    assert "See your repair" in page and 'data-testid="repaired-state"' in page
    index = client_a.get(reverse("moments:index")).content.decode()
    assert 'data-testid="repaired"' in index and "1 of them is repaired" in index


def test_nothing_typed_is_lost_when_going_back_or_saving(client_a, partner_a):
    repair = _start(client_a, log(partner_a))
    _step(client_a, repair, "felt", FELT, action="save")
    assert Repair.objects.get().felt == FELT
    _step(client_a, repair, "needed", "Half a thought", action="back")
    assert Repair.objects.get().needed == "Half a thought"
    url = reverse("moments:repair_step", args=[repair.pk])
    assert "Half a thought" in client_a.get(url + "?step=needed").content.decode()
    # Coming back later, it opens on the first step without an answer.
    assert 'aria-current="step"><a href="?step=protected"' in client_a.get(url).content.decode()


def test_the_coach_checks_an_answer_before_going_on(client_a, partner_a):
    repair = _start(client_a, log(partner_a))
    protective = "You never listen to me and you always make it about yourself."
    response = _step(client_a, repair, "felt", protective)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="coach"' in page and 'data-testid="findings"' in page
    assert 'value="continue"' in page and protective in page
    assert Repair.objects.get().felt == protective  # saved, even before going on
    response = _step(client_a, repair, "felt", protective, action="continue")
    assert response.status_code == 302 and response["Location"].endswith("?step=needed")
    # On the last page, before sharing, the coach's findings are shown again.
    page = client_a.get(reverse("moments:repair_step", args=[repair.pk]) + "?step=close")
    assert 'data-testid="findings"' in page.content.decode()


@pytest.mark.parametrize(
    "heard",
    [
        "What I heard is that you think I never listen and I don't care about you.",
        "Wat ik hoorde is dat jij vindt dat ik nooit luister en dat het me niks kan schelen.",
    ],
)
def test_saying_back_what_the_partner_said_is_not_coded_as_the_writers_move(
    client_a, partner_a, heard
):
    repair = _start(client_a, log(partner_a))
    response = _step(client_a, repair, "reflect", heard)
    assert response.status_code == 302, "reflecting back is the exercise, not an attack"
    page = client_a.get(reverse("moments:repair_step", args=[repair.pk]) + "?step=close")
    assert 'data-testid="findings"' not in page.content.decode()


def test_the_reflect_context_still_hears_danger():
    from haven.coach import analyze

    heard = "What I heard is that you want to kill yourself when I leave."
    assert analyze(heard, "en", context="reflect").safety is True
    plain = analyze("You never listen to me.", "en", context="reflect")
    assert plain.tone == "neutral" and not plain.findings


def test_an_edit_from_another_tab_is_not_overwritten(client_a, partner_a):
    repair = _start(client_a, log(partner_a))
    assert _step(client_a, repair, "felt", "first", action="save", revision=0).status_code == 302
    response = _step(client_a, repair, "felt", "second", action="save", revision=0)
    assert response.status_code == 409
    assert "first" in response.content.decode() and "second" in response.content.decode()
    assert Repair.objects.get().felt == "first"


def test_a_bad_step_is_not_found(client_a, partner_a):
    repair = _start(client_a, log(partner_a), mode="alone")
    url = reverse("moments:repair_step", args=[repair.pk])
    assert client_a.get(url + "?step=nonsense").status_code == 404
    assert client_a.get(url + "?step=reflect").status_code == 404  # alone: no reflecting back
    assert client_a.get(url + "?step=close").status_code == 200


def test_a_repair_is_private_until_shared(cast, client_a, partner_a):
    repair = _start(client_a, log(partner_a))
    _step(client_a, repair, "felt", FELT)
    url = reverse("moments:repair_detail", args=[repair.pk])
    for actor in (Actor.PARTNER, Actor.EX_PARTNER, Actor.STRANGER):
        assert cast.client_for(actor).get(url).status_code == 404
    client_a.post(reverse("moments:repair_share", args=[repair.pk]), {"shared": "1"})
    page = cast.client_for(Actor.PARTNER).get(url)
    assert page.status_code == 200 and FELT in page.content.decode()
    for actor in (Actor.EX_PARTNER, Actor.STRANGER):
        assert cast.client_for(actor).get(url).status_code == 404
    partner = cast.client_for(Actor.PARTNER)
    assert partner.get(reverse("moments:repair_step", args=[repair.pk])).status_code == 404


def test_each_on_their_own_device_the_partners_shared_repair_shows_when_reflecting(
    client_a, client_b, partner_a, partner_b
):
    mine, theirs, _ = linked(partner_a, partner_b)
    bram = _start(client_b, theirs, mode="apart")
    _step(client_b, bram, "felt", "I felt I kept failing you.")
    anna = _start(client_a, mine, mode="apart")
    url = reverse("moments:repair_step", args=[anna.pk]) + "?step=reflect"
    page = client_a.get(url).content.decode()
    assert "has not shared their repair" in page and "kept failing" not in page
    client_b.post(reverse("moments:repair_share", args=[bram.pk]), {"shared": "1"})
    page = client_a.get(url).content.decode()
    assert 'data-testid="partner-repair"' in page and "I felt I kept failing you." in page
    # Bram's shared repair is reachable from his moment, which Anna can see.
    page = client_a.get(reverse("moments:detail", args=[theirs.pk])).content.decode()
    assert reverse("moments:repair_detail", args=[bram.pk]) in page


def test_finishing_and_sharing_in_one_go(client_a, partner_a):
    repair = _start(client_a, log(partner_a))
    client_a.post(
        reverse("moments:repair_step", args=[repair.pk]),
        {"step": "close", "action": "finish", "share": "1"},
    )
    assert Repair.objects.get().visibility == "shared"
    assert Moment.objects.get().is_repaired


def test_without_a_partner_the_repair_is_done_alone(client, solo_user):
    client.force_login(solo_user)
    moment = log(solo_user)
    page = client.get(reverse("moments:repair_start", args=[moment.pk])).content.decode()
    assert 'value="alone"' in page and 'value="together"' not in page
    assert (
        client.post(
            reverse("moments:repair_start", args=[moment.pk]), {"mode": "together"}
        ).status_code
        == 400
    )
