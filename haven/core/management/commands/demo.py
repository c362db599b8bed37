"""`haven demo`: a lived-in Haven to look around in."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from haven.accounts.consent import give_consent
from haven.core.database import prepare_database
from haven.core.demo_data import DEMO_PEOPLE
from haven.couples import services as couple_services
from haven.couples.models import Couple, Membership
from haven.journal import services as journal_services
from haven.journal.models import Reflection


class Command(BaseCommand):
    help = "Create (or reset) a demo couple and a solo user with sample data, and print logins."

    def handle(self, *args, **options):
        # Outside the transaction: SQLite cannot migrate inside one.
        prepare_database(self.stdout)
        self._create()

    @transaction.atomic
    def _create(self):
        User = get_user_model()
        password = secrets.token_urlsafe(9)
        users = {}
        for person in DEMO_PEOPLE:
            User.objects.filter(email=person["email"]).delete()
            user = User.objects.create_user(
                username=person["email"], email=person["email"], password=password
            )
            profile = user.profile
            profile.display_name = person["name"]
            profile.language = person["language"]
            profile.country = person["country"]
            profile.save()
            users[person["key"]] = user
            give_consent(user)
            now = timezone.now()
            for days_ago, item in enumerate(person["reflections"]):
                # Created private like everything else; then shared the way a
                # person would share it.
                reflection = journal_services.create_reflection(
                    author=user, title=item["title"], body=item["body"]
                )
                if item["visibility"] == "shared":
                    journal_services.set_visibility(reflection=reflection, shared=True)
                Reflection.objects.filter(pk=reflection.pk).update(
                    created_at=now - timedelta(days=3 * days_ago + 1)
                )
        couple = Couple.objects.create()
        for key in ("a", "b"):
            Membership.objects.create(couple=couple, user=users[key], consented_at=timezone.now())
        assert couple_services.is_linked(users["a"])
        self.stdout.write(f"Demo accounts (password for all three: {password})")
        for person in DEMO_PEOPLE:
            self.stdout.write(f"  {person['label']:<14} {person['email']}")
