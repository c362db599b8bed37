"""`haven coach-train`: fit the safety layer's learned model from Haven's own corpus."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from haven.coach.model import LANGUAGES
from haven.coach.train import train_language, write_model


class Command(BaseCommand):
    help = (
        "Train the safety layer's model per language from the safety corpus's dev split "
        "and write haven/coach/safety/model-{lang}.json (fixed seed: same data, same weights)."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--lang", choices=LANGUAGES, help="one language (default: all)")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, **options):
        languages = [options["lang"]] if options["lang"] else list(LANGUAGES)
        for language in languages:
            data = train_language(language, seed=options["seed"])
            path = write_model(data)
            self.stdout.write(
                f"{language}: {data['trained_on']} messages, {len(data['weights'])} weights, "
                f"threshold {data['threshold']}, veto {data['veto']}, "
                f"{path.stat().st_size / 1e6:.2f} MB -> {path}"
            )
