"""Synthetic couples with a lived-in history, for benchmarks and load runs.

`haven seed --couples N --days D` writes, per couple, two linked people with
consent, profiles and verified addresses, and for each of them: daily
check-ins on most days (a noisy series that drifts, dips and recovers, as the
method says progress does), details on some of them, needs (some shared),
journal reflections, monthly measures and attachment reflections. Rocky
moments are added when the moments app is installed.

Rows go in through the fastest path the database has: binary COPY on PostgreSQL,
`executemany` elsewhere. Values still pass through each field's own
`get_db_prep_save`, so encrypted fields hold real ciphertext; to keep the run
fast, each distinct plain text is encrypted a few times and the tokens reused
(fine for synthetic data, never done for real writes).
"""

from __future__ import annotations

import datetime as dt
import queue as queue_module
import random
import time
import tomllib
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from haven.core.fields import EncryptedJSONField, EncryptedTextField

DATA = Path(__file__).resolve().parent / "data" / "seed.toml"
MEMO_SIZE = 4096  # converted values kept per column
TOKEN_BITS = 2
TOKENS_PER_TEXT = 2**TOKEN_BITS  # distinct ciphertexts kept per plain text
# The columns every content item has (see haven.core.models.ContentItem).
ITEM = ["author", "visibility", "shared_couple", "created_at", "updated_at", "revision"]


@dataclass
class SeedReport:
    couples: int = 0
    people: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def count(self, label: str, n: int) -> None:
        self.rows[label] = self.rows.get(label, 0) + n


class _Writer:
    """Insert rows in bulk: (model, attribute names, tuples of Python values).

    Each column gets a converter made once from its field: plain numbers and
    strings go through as they are, dates and times through the field's own
    `get_db_prep_save` (memoised: a year has 365 days), encrypted fields
    through a small pool of real ciphertexts per plain text.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.converters: dict[models.Field, Callable[[Any], Any]] = {}

    def _encrypter(self, fld: models.Field) -> Callable[[Any], Any]:
        """Plain text to one of TOKENS_PER_TEXT real ciphertexts of it, made once per text."""
        pools: dict[Any, list[Any]] = {}
        prepare = fld.get_db_prep_save
        pick = self.rng.getrandbits

        def convert(value: Any) -> Any:
            if value is None:
                return None
            if not value:
                return ""  # "", [] and {} are stored as "" (haven.core.fields), no ciphertext
            key = value if isinstance(value, str) else repr(value)
            pool = pools.get(key)
            if pool is None:
                pool = pools[key] = [prepare(value, connection) for _ in range(TOKENS_PER_TEXT)]
            return pool[pick(TOKEN_BITS)]

        return convert

    def _converter_for(self, fld: models.Field) -> Callable[[Any], Any]:
        """One converter per field for the whole run, so its pools and memos are kept."""
        convert = self.converters.get(fld)
        if convert is None:
            convert = self.converters[fld] = self._converter(fld)
        return convert

    def _converter(self, fld: models.Field) -> Callable[[Any], Any]:
        if isinstance(fld, EncryptedTextField | EncryptedJSONField):
            return self._encrypter(fld)
        plain = (
            models.ForeignKey,
            models.IntegerField,
            models.BooleanField,
            models.CharField,
            models.TextField,
        )
        if isinstance(fld, plain) and not isinstance(fld, models.JSONField):
            return _same
        if connection.vendor == "postgresql" and isinstance(fld, models.DateField):
            return _same  # psycopg adapts dates and aware datetimes itself
        # Memoised, but bounded: days repeat (a year has 365), while the
        # moments' times are nearly all different and would otherwise be
        # kept for the whole run.
        prepare = lru_cache(maxsize=MEMO_SIZE)(partial(fld.get_db_prep_save, connection=connection))

        def convert(value: Any) -> Any:
            try:
                return prepare(value)
            except TypeError:  # unhashable
                return fld.get_db_prep_save(value, connection)

        return convert

    def insert(self, model: type[models.Model], names: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        meta = model._meta
        fields = [meta.get_field(name) for name in names]
        converters = [self._converter_for(f) for f in fields]
        if all(c is _same for c in converters):
            prepared = rows
        else:
            # Column by column: one map() per column is far cheaper than a
            # generator per row.
            columns = [
                values if convert is _same else list(map(convert, values))
                for convert, values in zip(converters, zip(*rows, strict=True), strict=True)
            ]
            prepared = list(zip(*columns, strict=True))
        table = connection.ops.quote_name(meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Binary COPY: the database reads numbers and times as they
                # are instead of parsing their text.
                sql = f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"
                with cursor.cursor.copy(sql) as copy:
                    copy.set_types([_pg_type(f) for f in fields])
                    for row in prepared:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(fields))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
                cursor.executemany(sql, prepared)


def _pg_type(fld: models.Field) -> str:
    """The PostgreSQL type name of a column, without its modifier (varchar(200) -> varchar)."""
    name = (
        fld.db_type(connection) if not fld.is_relation else fld.target_field.rel_db_type(connection)
    )
    return name.split("(", 1)[0].strip()


def _same(value: Any) -> Any:
    return value


def _material() -> dict[str, Any]:
    with DATA.open("rb") as fh:
        return tomllib.load(fh)


def _series(rng: random.Random, days: int) -> list[int | None]:
    """A person's daily percentages, oldest first; None where they skipped."""
    base = rng.uniform(25, 65)
    drift = rng.uniform(-5, 20) / max(days, 1)
    presence = rng.uniform(0.45, 0.95)
    values: list[int | None] = []
    rough = 0
    for day in range(days):
        if rough == 0 and rng.random() < 0.02:
            rough = rng.randint(3, 10)  # a rough patch
        dip = -25 if rough else 0
        rough = max(0, rough - 1)
        if rng.random() > presence:
            values.append(None)
            continue
        value = base + drift * day + dip + rng.gauss(0, 12)
        values.append(int(min(100, max(0, round(value / 5) * 5))))
    return values


class Seeder:
    def __init__(
        self,
        *,
        days: int,
        prefix: str,
        password: str,
        rng_seed: int = 1,
        first: int | None = None,
    ) -> None:
        """`first`: the number of the first couple (default: after the prefix's last one)."""
        self.days = days
        self.prefix = prefix
        self.couple_of: dict[int, int] = {}  # user id -> couple id, for binding shares
        self.password_hash = make_password(password)
        self.rng = random.Random(rng_seed)
        self.writer = _Writer(self.rng)
        self.material = _material()
        self.today = timezone.localdate()
        self.report = SeedReport()
        self.first = first
        self._superuser: bool | None = None
        self.now = timezone.now()
        self._answer_pool: dict[str, list[tuple[dict, dict]]] = {}
        from haven.accounts.consent import current_version

        self.consent_version = current_version()
        from haven.needs import catalogue, feltsense

        self.need_keys = [n.key for n in catalogue.catalogue().needs]
        self.sensations = [t.key for t in feltsense.sensations("en")]
        self.emotions = [t.key for t in feltsense.emotions("en")]

    def _write(self, model: type[models.Model], names: list[str], rows: list[tuple]) -> None:
        self.writer.insert(model, names, rows)
        self.report.count(model._meta.label, len(rows))

    def _item(self, author_id: int, visibility: str) -> tuple:
        """The columns every content item has, in the order of ITEM.

        A shared item is bound to its author's couple (haven.core.sharing).
        """
        couple = self.couple_of.get(author_id) if visibility == "shared" else None
        return (author_id, visibility, couple, self.now, self.now, 0)

    # --- people -------------------------------------------------------------

    def _people(self, start: int, couples: int) -> list[Any]:
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        from haven.accounts.models import Consent, Profile
        from haven.couples.models import Couple, Membership

        User = get_user_model()
        now = self.now
        users = []
        for i in range(start, start + couples):
            for side in "ab":
                email = f"{self.prefix}-{i}{side}@example.test"
                users.append(
                    User(username=email, email=email, password=self.password_hash, date_joined=now)
                )
        users = User.objects.bulk_create(users)
        if users[0].pk is None:  # a backend that cannot return ids
            emails = [u.email for u in users]
            users = list(User.objects.filter(email__in=emails).order_by("id"))
        self.report.count("auth.User", len(users))
        profiles, consents, addresses = [], [], []
        for user in users:
            lang = _language(user.pk)
            country = "NL" if lang == "nl" else self.rng.choice(["GB", "US", "BE"])
            name = self.rng.choice(self.material["names"][lang])
            profiles.append((user.pk, name, lang, country))
            consents.append((user.pk, self.consent_version, now))
            addresses.append((user.pk, user.email, True, True))
        self._write(Profile, ["user", "display_name", "language", "country"], profiles)
        self._write(Consent, ["user", "version", "given_at"], consents)
        self._write(EmailAddress, ["user", "email", "verified", "primary"], addresses)
        couple_rows = Couple.objects.bulk_create([Couple(created_at=now) for _ in range(couples)])
        if couple_rows[0].pk is None:
            couple_rows = list(Couple.objects.order_by("-id")[:couples])[::-1]
        self.report.count("couples.Couple", len(couple_rows))
        members = []
        for n, couple in enumerate(couple_rows):
            for user in users[2 * n : 2 * n + 2]:
                members.append((couple.pk, user.pk, True, now))
                self.couple_of[user.pk] = couple.pk
        self._write(Membership, ["couple", "user", "active", "consented_at"], members)
        return users

    # --- content ------------------------------------------------------------

    def _content(self, users: list[Any]) -> None:
        writers: list[Callable[[list[Any]], None]] = [
            self._checkins,
            self._needs,
            self._journal,
            self._measures,
        ]
        if apps.is_installed("haven.moments"):
            writers.append(self._moments)
        for write in writers:
            write(users)

    def _checkins(self, users: list[Any]) -> None:
        from haven.checkins.models import CheckIn, CheckInDetails

        checkins, details_for = [], []
        first = self.today - dt.timedelta(days=self.days - 1)
        days = [first + dt.timedelta(days=n) for n in range(self.days)]
        for user in users:
            visibility = "shared" if self.rng.random() < 0.6 else "private"
            item = self._item(user.pk, visibility)
            for day, value in zip(days, _series(self.rng, self.days), strict=True):
                if value is None:
                    continue
                checkins.append((*item, day, value))
                details_for.append((user.pk, day))
        self._write(CheckIn, [*ITEM, "day", "percent"], checkins)
        # Every check-in has its (private) details row, as in the app; about a
        # quarter say more than the percentage.
        ids = {
            (author, day): pk
            for pk, author, day in CheckIn.objects.filter(
                author_id__in=[u.pk for u in users]
            ).values_list("pk", "author_id", "day")
        }
        notes = self.material["notes"]
        rng = self.rng
        details = []
        for author, day in details_for:
            item = self._item(author, "private")
            if rng.random() >= 0.25:
                details.append((*item, ids[(author, day)], [], [], [], "", "", ""))
                continue
            details.append(
                (
                    *item,
                    ids[(author, day)],
                    rng.sample(self.sensations, 2),
                    rng.sample(self.emotions, 2),
                    [],
                    rng.choice(["yes", "no", ""]),
                    rng.choice(["yes", "partly", ""]),
                    rng.choice(notes[_language(author)]) if rng.random() < 0.3 else "",
                )
            )
        names = [
            *ITEM,
            "checkin",
            "sensations",
            "emotions",
            "needs_met",
            "reached",
            "turned",
            "note",
        ]
        self._write(CheckInDetails, names, details)

    def _needs(self, users: list[Any]) -> None:
        from haven.needs import catalogue
        from haven.needs.models import Need

        needs = []
        for user in users:
            lang = _language(user.pk)
            for rank, key in enumerate(self.rng.sample(self.need_keys, self.rng.randint(3, 7))):
                fragment = catalogue.need(key).fragment(lang)  # type: ignore[union-attr]
                visibility = "shared" if self.rng.random() < 0.5 else "private"
                sentence = catalogue.sentence(fragment, lang)
                needs.append((*self._item(user.pk, visibility), key, "", rank, 0, sentence))
        names = [*ITEM, "catalogue_key", "own_words", "rank", "frame", "sentence"]
        self._write(Need, names, needs)

    def _journal(self, users: list[Any]) -> None:
        from haven.journal.models import Reflection

        rows = []
        texts = self.material["reflections"]
        for user in users:
            lang = _language(user.pk)
            for _ in range(max(1, self.days // 30)):
                visibility = "shared" if self.rng.random() < 0.3 else "private"
                rows.append((*self._item(user.pk, visibility), "", self.rng.choice(texts[lang])))
        self._write(Reflection, [*ITEM, "title", "body"], rows)

    def _measures(self, users: list[Any]) -> None:
        from haven.checkins.models import MonthlyMeasure
        from haven.reflection import engine
        from haven.reflection.models import InstrumentResponse

        satisfaction = engine.get("haven-satisfaction")
        attachment = engine.get("haven-attachment")
        assert satisfaction is not None and attachment is not None
        months = sorted(
            {(self.today - dt.timedelta(days=d)).replace(day=1) for d in range(0, self.days, 28)}
        )
        measures, responses = [], []
        for user in users:
            for month in months:
                if self.rng.random() < 0.6:
                    answers, scores = self._answers(satisfaction)
                    measures.append(
                        (
                            *self._item(user.pk, "private"),
                            month,
                            satisfaction.key,
                            satisfaction.version,
                            answers,
                            scores,
                            "",
                        )
                    )
            for _ in range(1 + self.days // 120):
                answers, scores = self._answers(attachment)
                visibility = "shared" if self.rng.random() < 0.4 else "private"
                responses.append(
                    (
                        *self._item(user.pk, visibility),
                        attachment.key,
                        attachment.version,
                        "partner",
                        answers,
                        scores,
                        self.now,
                        "",
                    )
                )
        names = [*ITEM, "month", "instrument", "instrument_version", "answers", "scores", "note"]
        self._write(MonthlyMeasure, names, measures)
        names = [*ITEM, "instrument", "instrument_version", "target", "answers", "scores"]
        self._write(InstrumentResponse, [*names, "completed_at", "note"], responses)

    def _answers(self, instrument: Any) -> tuple[dict, dict]:
        """One of a few answer sets per instrument (scored once each), picked at random."""
        pool = self._answer_pool.setdefault(instrument.key, [])
        if len(pool) < 50:
            low, high = instrument.scale.min, instrument.scale.max
            answers = {i.key: self.rng.randint(low, high) for i in instrument.items}
            pool.append((answers, engine_score(instrument, answers)))
            return pool[-1]
        return self.rng.choice(pool)

    def _moments(self, users: list[Any]) -> None:  # pragma: no cover - until moments lands
        from haven.moments.seed import seed_moments

        seed_moments(self, users)

    # --- run ----------------------------------------------------------------

    def run(
        self, couples: int, batch: int = 500, progress: Callable[[SeedReport], None] | None = None
    ) -> SeedReport:
        started = time.perf_counter()
        first = next_couple(self.prefix) if self.first is None else self.first
        for start in _batches(couples, batch):
            size = min(batch, couples - start)
            with transaction.atomic():
                self._skip_row_triggers()
                users = self._people(first + start, size)
                self._content(users)
            self.report.couples += size
            self.report.people += 2 * size
            self.report.seconds = time.perf_counter() - started
            if progress is not None:
                progress(self.report)
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _skip_row_triggers(self) -> None:
        """On PostgreSQL, skip per-row foreign-key triggers for this transaction only.

        The seeder makes every referenced row itself, in the same transaction,
        so checking each reference again row by row only costs time (it is
        about a third of the work). This is what `pg_restore --disable-triggers`
        does; PostgreSQL allows it to superusers only, so for any other role the
        checks simply stay on. `tests/core/test_seed.py` proves that every
        reference in a seeded database holds.
        """
        if connection.vendor != "postgresql" or not self.may_skip_triggers():
            return
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")

    def may_skip_triggers(self) -> bool:
        if self._superuser is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                row = cursor.fetchone()
            self._superuser = bool(row and row[0])
        return self._superuser


def next_couple(prefix: str) -> int:
    """The number of the first new couple: after the ones this prefix already has."""
    from django.contrib.auth import get_user_model

    taken = get_user_model().objects.filter(email__startswith=f"{prefix}-").count()
    return taken // 2


def run_parallel(
    *,
    couples: int,
    jobs: int,
    days: int,
    prefix: str,
    password: str,
    rng_seed: int = 1,
    batch: int = 500,
    progress: Callable[[SeedReport], None] | None = None,
) -> SeedReport:
    """Seed with `jobs` processes, each writing its own range of couples.

    PostgreSQL only: each process has its own connection and its own
    transactions, so the database works on several batches at once (SQLite
    has one writer at a time and would only make them queue). A process that
    fails stops after its last whole batch; the others finish, and the error
    is raised here. The workers are forked, so call this from a plain
    command process (`haven seed`), not from one running threads or an event
    loop, which a fork copies in an unusable state.
    """
    import multiprocessing

    from django.db import connections

    if connection.vendor != "postgresql":
        raise ValueError("Seeding with several processes needs PostgreSQL.")
    jobs = max(1, min(jobs, couples))
    first = next_couple(prefix)
    shares = [couples // jobs + (1 if n < couples % jobs else 0) for n in range(jobs)]
    starts = [first + sum(shares[:n]) for n in range(jobs)]
    connections.close_all()  # never share a connection across fork()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [
        context.Process(
            target=_job,
            args=(
                queue,
                n,
                dict(
                    days=days, prefix=prefix, password=password, rng_seed=rng_seed + n, first=start
                ),
                share,
                batch,
            ),
        )
        for n, (start, share) in enumerate(zip(starts, shares, strict=True))
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    total = SeedReport()
    latest: dict[int, SeedReport] = {}
    errors: list[str] = []
    finished: set[int] = set()
    while len(finished) < len(workers):
        try:
            kind, n, payload = queue.get(timeout=5)
        except queue_module.Empty:
            # A process killed from outside (out of memory, a signal) says nothing.
            for n, worker in enumerate(workers):
                if n not in finished and not worker.is_alive() and worker.exitcode != 0:
                    errors.append(f"process {n}: stopped with exit code {worker.exitcode}")
                    finished.add(n)
            continue
        if kind == "error":
            errors.append(f"process {n}: {payload}")
            finished.add(n)
            continue
        latest[n] = payload
        if kind == "done":
            finished.add(n)
        total = _combined(latest.values(), time.perf_counter() - started)
        if progress is not None and kind == "progress":
            progress(total)
    for worker in workers:
        worker.join()
    if errors:
        raise RuntimeError("; ".join(errors))
    return total


def _job(queue: Any, n: int, options: dict, couples: int, batch: int) -> None:
    try:
        seeder = Seeder(**options)
        report = seeder.run(couples, batch=batch, progress=lambda r: queue.put(("progress", n, r)))
        queue.put(("done", n, report))
    except Exception as exc:  # reported to the parent, which raises it
        where = traceback.extract_tb(exc.__traceback__)[-1]
        queue.put(("error", n, f"{type(exc).__name__}: {exc} ({where.filename}:{where.lineno})"))


def _combined(reports: Iterable[SeedReport], seconds: float) -> SeedReport:
    total = SeedReport(seconds=seconds)
    for report in reports:
        total.couples += report.couples
        total.people += report.people
        for label, n in report.rows.items():
            total.count(label, n)
    return total


def engine_score(instrument: Any, answers: dict) -> dict:
    from haven.reflection import engine

    return engine.score(instrument, answers).as_data()


def _language(user_id: int) -> str:
    """Half the seeded people use Haven in Dutch, half in English."""
    return "nl" if user_id % 2 else "en"


def _batches(total: int, size: int) -> Iterable[int]:
    return range(0, total, size)
