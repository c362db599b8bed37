"""Read-only questions about the learning path, always answered through haven.core.policy."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from haven.core import policy
from haven.core.prepared import Slot
from haven.learn import content, tools
from haven.learn.content import Module
from haven.learn.models import ModuleProgress, ModuleReflection
from haven.safety.selectors import individual_path


@dataclass(frozen=True)
class Step:
    module: Module
    state: str  # "done", "started", "next" or "todo"
    url: str = ""  # the module's page


def _module_url():
    """reverse("learn:module", args=[slug]) for every slug, at the price of one reverse()."""
    from haven.core.converters import token

    marker = "haven-slug-marker"
    opaque = token("module", marker)  # the URL names a module by its token
    head, _marker, tail = reverse("learn:module", args=[marker]).partition(opaque)
    return lambda slug: f"{head}{token('module', slug)}{tail}"


@dataclass
class Part:
    number: int
    steps: list[Step] = field(default_factory=list)


@dataclass
class PathView:
    parts: list[Part]
    done: int
    total: int
    continue_with: Module | None  # None when every module is done
    individual: bool
    begun: bool  # opened at least one module


_PROGRESS = policy.Visible(
    ModuleProgress,
    lambda rows, both: rows.filter(
        Q(author_id=Slot("me")) | Q(author_id=Slot("other")) if both else Q(author_id=Slot("me"))
    ),
)


def progress_of_both(viewer, partner) -> tuple[list[ModuleProgress], list[ModuleProgress]]:
    """(the viewer's own progress rows, the partner's that the viewer may see), one query."""
    rows = (
        _PROGRESS.objects(viewer, False)
        if partner is None
        else _PROGRESS.objects(viewer, True, other=partner.pk)
    )
    return (
        [row for row in rows if row.author_id == viewer.pk],
        [row for row in rows if row.author_id != viewer.pk],
    )


def own_progress(user, rows: list[ModuleProgress] | None = None) -> dict[str, ModuleProgress]:
    """The user's own progress rows by module slug (a done row wins over an open one).

    `rows`: the user's own rows when already read (progress_of_both).
    """
    if rows is None:
        rows = _PROGRESS.objects(user, False)
    found: dict[str, ModuleProgress] = {}
    for row in rows:
        if row.slug not in found or (row.is_done and not found[row.slug].is_done):
            found[row.slug] = row
    return found


def modules_for(user, language: str) -> list[Module]:
    """The path this person walks: on the individual path only modules meant for one."""
    modules = content.path(language)
    if individual_path(user):
        return [module for module in modules if module.solo]
    return modules


def continue_with(
    user,
    language: str,
    progress: dict[str, ModuleProgress] | None = None,
    elsewhere: set[str] | None = None,
):
    """Where to pick up: the module opened last and not finished, else the first not done."""
    modules = modules_for(user, language)
    progress = own_progress(user) if progress is None else progress
    elsewhere = done_elsewhere(user, modules) if elsewhere is None else elsewhere
    open_rows = [
        row
        for row in progress.values()
        if not row.is_done
        and row.slug not in elsewhere
        and any(m.slug == row.slug for m in modules)
    ]
    if open_rows:
        latest = max(open_rows, key=lambda row: (row.started_at, row.pk))
        return next(m for m in modules if m.slug == latest.slug)
    done = {slug for slug, row in progress.items() if row.is_done} | elsewhere
    return next((m for m in modules if m.slug not in done), None)


def _evidence(module: Module) -> str:
    """What, made anywhere in Haven, shows this module's exercise was done ('' for nothing)."""
    exercise = module.exercise
    if exercise.kind == "tool" and exercise.tool:
        tool = tools.get(exercise.tool)
        return tool.done_when if tool is not None else ""
    return ""  # a reflection or guided exercise is done in the module itself


def done_elsewhere(user, modules: list[Module]) -> set[str]:
    """Modules whose exercise the person did in its own area, in one query.

    A module asking to choose needs counts once the person has a need, one
    asking to map the cycle once they wrote their side, and so on (the
    `done_when` of data/tools.toml); a module asking for a reflection counts
    once one is written for it. Only the person's own items count, so nothing
    of anyone else shapes their path.
    """
    wanted = {module.slug: _evidence(module) for module in modules}
    checks: dict[str, Exists] = {}
    for spec in sorted(set(filter(None, wanted.values()))):
        label, _, field_name = spec.partition(":")
        rows = apps.get_model(label)._default_manager.filter(author_id=OuterRef("pk"))
        if field_name:
            rows = rows.filter(**{f"{field_name}__isnull": False})
        checks[f"w{len(checks)}"] = Exists(rows)
    if not checks:
        return set()
    names = dict(zip(sorted(set(filter(None, wanted.values()))), checks, strict=True))
    found = get_user_model().objects.filter(pk=user.pk).annotate(**checks).values(*checks.keys())
    row = next(iter(found), None)
    if row is None:
        return set()
    return {slug for slug, spec in wanted.items() if spec and row[names[spec]]}


def path_for(user, language: str, progress: dict[str, ModuleProgress] | None = None) -> PathView:
    modules = modules_for(user, language)
    progress = own_progress(user) if progress is None else progress
    elsewhere = done_elsewhere(user, modules)
    upcoming = continue_with(user, language, progress, elsewhere)
    parts: dict[int, Part] = {}
    done = 0
    module_url = _module_url()
    for module in modules:
        row = progress.get(module.slug)
        if (row is not None and row.is_done) or module.slug in elsewhere:
            state = "done"
            done += 1
        elif upcoming is not None and module.slug == upcoming.slug:
            state = "next"
        elif row is not None:
            state = "started"
        else:
            state = "todo"
        step = Step(module, state, module_url(module.slug))
        parts.setdefault(module.part, Part(module.part)).steps.append(step)
    return PathView(
        parts=[parts[number] for number in sorted(parts)],
        done=done,
        total=len(modules),
        continue_with=upcoming,
        individual=individual_path(user),
        begun=bool(progress),
    )


def partner_done(
    viewer, partner, language: str, rows: list[ModuleProgress] | None = None
) -> list[Module] | None:
    """The modules the partner finished, as far as they share them; None if nothing is shared.

    Only "done" reaches the viewer: not when, not what was opened, nothing written.
    The partner's sharing choice itself is never read: the policy decides on the
    progress rows, whose visibility follows that choice. `rows`: the partner's
    rows as progress_of_both read them, through the policy.
    """
    if partner is None:
        return None
    if rows is None:
        rows = list(policy.visible(viewer, ModuleProgress).filter(author_id=partner.pk))
    if not rows:
        return None
    done = {row.slug for row in rows if row.is_done}
    return [module for module in content.path(language) if module.slug in done]


def reflections_for(viewer, slug: str) -> tuple[list[ModuleReflection], list[ModuleReflection]]:
    """(the viewer's own reflections on a module, the ones their partner shared)."""
    rows = [row for row in policy.visible(viewer, ModuleReflection) if row.slug == slug]
    mine = [row for row in rows if row.author_id == viewer.pk]
    return mine, [row for row in rows if row.author_id != viewer.pk]
