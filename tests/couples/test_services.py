from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from haven.couples import selectors, services
from haven.couples.models import Couple, Invitation, Membership
from tests.conftest import link, make_user


@pytest.fixture
def anna(db):
    return make_user("anna@example.org", "Anna")


@pytest.fixture
def bram(db):
    return make_user("bram@example.org", "Bram")


def test_invitation_link_links_both_people(anna, bram):
    issued = services.create_invitation(inviter=anna)
    invitation = services.find_invitation(token=issued.token)
    services.accept_invitation(invitation_id=invitation.pk, user=bram)
    assert selectors.current_partner_id(anna) == bram.pk
    assert selectors.current_partner_id(bram) == anna.pk
    consents = Membership.objects.filter(active=True).values_list("consented_at", flat=True)
    assert len(consents) == 2 and all(consents)


def test_short_code_works_with_any_case_and_dashes(anna, bram):
    issued = services.create_invitation(inviter=anna)
    typed = issued.code.lower().replace("-", " ")
    assert services.find_invitation(code=typed).pk == issued.invitation.pk


def test_the_link_and_code_are_stored_only_hashed_and_encrypted(anna):
    from django.db import connection

    issued = services.create_invitation(inviter=anna)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM couples_invitation")
        stored = " ".join(str(v) for v in cursor.fetchone())
    assert issued.token not in stored
    assert issued.code.replace("-", "") not in stored


def test_invitation_is_single_use(anna, bram):
    issued = services.create_invitation(inviter=anna)
    services.accept_invitation(invitation_id=issued.invitation.pk, user=bram)
    assert services.find_invitation(token=issued.token) is None
    third = make_user("c@example.org", "Cas")
    with pytest.raises(services.LinkError):
        services.accept_invitation(invitation_id=issued.invitation.pk, user=third)


def test_expired_invitation_cannot_be_used(anna, bram):
    issued = services.create_invitation(inviter=anna)
    Invitation.objects.filter(pk=issued.invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert services.find_invitation(token=issued.token) is None
    with pytest.raises(services.LinkError):
        services.accept_invitation(invitation_id=issued.invitation.pk, user=bram)


def test_cannot_accept_own_invitation(anna):
    issued = services.create_invitation(inviter=anna)
    with pytest.raises(services.LinkError):
        services.accept_invitation(invitation_id=issued.invitation.pk, user=anna)


def test_a_linked_person_cannot_link_again(anna, bram):
    link(anna, bram)
    with pytest.raises(services.LinkError):
        services.create_invitation(inviter=anna)
    other = make_user("c@example.org", "Cas")
    issued = services.create_invitation(inviter=other)
    with pytest.raises(services.LinkError):
        services.accept_invitation(invitation_id=issued.invitation.pk, user=bram)


def test_new_invitation_replaces_the_old_one(anna):
    first = services.create_invitation(inviter=anna)
    services.create_invitation(inviter=anna)
    assert services.find_invitation(token=first.token) is None


def test_either_partner_unlinks_alone_and_nothing_is_sent(anna, bram):
    link(anna, bram)
    mail.outbox.clear()
    assert services.unlink(user=bram) is True
    assert selectors.current_partner_id(anna) is None
    assert selectors.current_partner_id(bram) is None
    assert Couple.objects.get().ended_at is not None
    assert mail.outbox == []


def test_relinking_needs_a_new_invitation_and_makes_a_new_couple(anna, bram):
    link(anna, bram)
    services.unlink(user=anna)
    assert selectors.were_partners(anna.pk, bram.pk)
    link(bram, anna)
    assert Couple.objects.count() == 2
    assert selectors.current_partner_id(anna) == bram.pk


def test_database_refuses_two_active_couples_for_one_person(anna, bram):
    from django.db import IntegrityError, transaction

    link(anna, bram)
    other = make_user("c@example.org", "Cas")
    couple = Couple.objects.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(couple=couple, user=anna, consented_at=timezone.now())
    Membership.objects.create(couple=couple, user=other, consented_at=timezone.now())
