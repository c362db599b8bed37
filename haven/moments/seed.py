"""Rocky moments for `haven seed`: about one every one to three weeks per person.

Some are shared, about half were repaired (a few hours to a few days later,
with a finished repair), and a few had a pause. Rows go in through the
seeder's bulk writer, so encrypted fields hold real ciphertext.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from haven.moments import content

DATA = Path(__file__).with_name("data") / "seed.toml"


@cache
def _texts() -> dict[str, list[str]]:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)["what_happened"]


def _moments_of(seeder: Any, user: Any, lang: str, moves: list[str]) -> list[tuple]:
    """(happened_at, repaired_at, visibility, topic, text, mine, theirs, ending, intensity,
    sensations, emotions) for one person, oldest first."""
    rng = seeder.rng
    first = seeder.now - dt.timedelta(days=seeder.days)
    topics = sorted(content.topic_keys())
    endings = sorted(content.ending_keys())
    rows = []
    when = first + dt.timedelta(days=rng.uniform(0, 14))
    while when < seeder.now - dt.timedelta(hours=1):
        when = when.replace(hour=rng.randint(7, 22), minute=rng.randint(0, 59))
        if when >= seeder.now:
            break
        repaired = None
        if rng.random() < 0.5:
            repaired = when + dt.timedelta(hours=rng.uniform(1, 96))
            if repaired > seeder.now:
                repaired = None
        rows.append(
            (
                when,
                repaired,
                "shared" if rng.random() < 0.4 else "private",
                rng.choice(topics),
                rng.choice(_texts()[lang]),
                rng.sample(moves, 2) if moves else [],
                rng.sample(moves, 1) if moves else [],
                rng.choice(endings),
                rng.randint(2, 9),
                rng.sample(seeder.sensations, 2),
                rng.sample(seeder.emotions, 2),
            )
        )
        when += dt.timedelta(days=rng.uniform(7, 21))
    return rows


def seed_moments(seeder: Any, users: list[Any]) -> None:
    from haven.core.seed import ITEM, _language
    from haven.moments.models import Moment, Pause, Repair
    from haven.moments.vocab import move_keys

    moves = sorted(move_keys())
    rows = []
    for user in users:
        for (
            when,
            repaired,
            visibility,
            *rest,
        ) in _moments_of(seeder, user, _language(user.pk), moves):
            rows.append((*seeder._item(user.pk, visibility), when, repaired, *rest))
    names = [
        *ITEM,
        "happened_at",
        "repaired_at",
        "topic",
        "what_happened",
        "my_moves",
        "partner_moves",
        "ending",
        "intensity",
        "sensations",
        "emotions",
    ]
    seeder._write(Moment, names, rows)

    # A finished repair for every repaired moment, and a pause before a few.
    repaired = (
        Moment.objects.filter(author_id__in=[u.pk for u in users], repaired_at__isnull=False)
        .values_list("pk", "author_id", "happened_at", "repaired_at")
        .order_by("pk")
    )
    repairs, pauses = [], []
    rng = seeder.rng
    for pk, author, happened, done in repaired:
        lang = _language(author)
        steps = {s.key: s.hint for s in content.steps(lang)}
        repairs.append(
            (
                *seeder._item(author, "shared" if rng.random() < 0.5 else "private"),
                pk,
                "together",
                steps["felt"],
                steps["needed"],
                steps["protected"],
                steps["next_time"],
                "",
                done,
            )
        )
        if rng.random() < 0.3:
            back = happened + dt.timedelta(minutes=rng.choice([20, 30, 60]))
            message = content.messages(lang)[0].filled(back.strftime("%H:%M"))
            pauses.append((*seeder._item(author, "private"), happened, back, message, True))
    names = [*ITEM, "moment", "mode", "felt", "needed", "protected", "next_time"]
    seeder._write(Repair, [*names, "reflect_back", "finished_at"], repairs)
    seeder._write(Pause, [*ITEM, "started_at", "return_at", "message", "done"], pauses)
