"""The guided repair of a moment: four things to say, reflecting back, a closing word.

Every answer is saved the moment the person moves on (or presses Save), so
nothing typed is lost. Before moving on, the coach reads the answer; the
person may change it or keep it as it is. Finishing marks the moment repaired.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.accounts.models import Profile
from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.moments import content, selectors, services
from haven.moments.forms import RepairStartForm, RepairStepForm, StepChoiceForm
from haven.moments.models import Moment, Repair, RepairMode
from haven.moments.views.common import base_context, language, row
from haven.practise.services import practise
from haven.safety import helplines

REFLECT, CLOSE = "reflect", "close"


def steps_for(repair: Repair) -> list[str]:
    """The steps of this repair, in order: alone, there is nobody to reflect back."""
    steps = list(content.STEP_KEYS)
    if repair.mode != RepairMode.ALONE:
        steps.append(REFLECT)
    return [*steps, CLOSE]


def _field(step: str) -> str:
    return "reflect_back" if step == REFLECT else step


def _first_open(repair: Repair) -> str:
    for step in steps_for(repair):
        if step == CLOSE or not getattr(repair, _field(step)):
            return step
    return CLOSE


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, pk: int) -> HttpResponse:
    moment = policy.get_or_404(request.user, Moment, Action.CHANGE, pk=pk)
    lang = language()
    context = base_context(request)
    alone_only = context["individual_path"] or context["partner"] is None
    form = RepairStartForm(request.POST or None, alone_only=alone_only)
    if request.method == "POST" and form.is_valid():
        repair = services.start_repair(
            author=request.user, moment=moment, mode=form.cleaned_data["mode"]
        )
        return redirect(reverse("moments:repair_step", args=[repair.pk]))
    context.update(
        {
            **row(moment, lang),
            "form": form,
            "repair": selectors.own_repair(request.user, moment),
            "intro": content.repair_text("intro", lang),
            "modes": [
                (mode, content.repair_text(mode, lang))
                for mode in ("together", "apart", "alone")
                if not alone_only or mode == "alone"
            ],
        }
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "moments/repair_start.html", context, status=status)


def _step_form(repair: Repair, step: str, lang: str, data=None) -> RepairStepForm | None:
    if step == CLOSE:
        return None
    if step == REFLECT:
        label, hint = _("What I heard from you"), content.repair_text("reflect", lang)
    else:
        found = next(s for s in content.steps(lang) if s.key == step)
        label, hint = found.prompt, found.hint
    return RepairStepForm(data, instance=repair, field=_field(step), label=label, help_text=hint)


def _coach(text: str, lang: str, step: str = ""):
    """The coach's reading of one answer, or None for an empty one. On the step
    where the person says back what the partner said, the coach knows it."""
    if not text.strip():
        return None
    return practise(text, lang, context="reflect" if step == REFLECT else None)


def _help(request: HttpRequest, lang: str):
    country = Profile.objects.filter(user=request.user).values_list("country", flat=True).first()
    return helplines.for_country(country or "", lang)


def _step_context(request: HttpRequest, repair: Repair, step: str, lang: str, form, **extra):
    steps = steps_for(repair)
    index = steps.index(step)
    found = {s.key: s for s in content.steps(lang)}
    context = base_context(request)
    context.update(
        {
            **row(repair.moment, lang),
            "repair": repair,
            "step": step,
            "step_info": found.get(step),
            "steps": [
                {"key": key, "title": found[key].title if key in found else None} for key in steps
            ],
            "number": index + 1,
            "total": len(steps),
            "previous": steps[index - 1] if index > 0 else None,
            "form": form,
            "mode_text": content.repair_text(repair.mode, lang),
            "coach_text": content.repair_text("coach", lang),
            **extra,
        }
    )
    if step == REFLECT:
        theirs = selectors.partner_repair(request.user, repair.moment)
        context["reflect_prompts"] = [s.reflect for s in content.steps(lang)]
        context["partner_repair"] = theirs
        context["reflect_waiting"] = (
            content.repair_text("reflect_waiting", lang)
            if repair.mode == RepairMode.APART and theirs is None
            else ""
        )
    if step == CLOSE:
        context["closing"] = content.closing(lang, repair.pk)
        context["share_text"] = content.repair_text("share", lang)
        context["next_text"] = content.repair_text("next", lang)
        context["answers"] = _answers(repair, lang, check=not repair.is_shared)
    return context


def _answers(repair: Repair, lang: str, check: bool) -> list[dict]:
    titles = {s.key: s.title for s in content.steps(lang)}
    titles["reflect_back"] = _("What I heard from you")
    rows = []
    for field in services.REPAIR_FIELDS:
        text = getattr(repair, field)
        if field == "reflect_back" and repair.mode == RepairMode.ALONE:
            continue
        rows.append(
            {
                "field": field,
                "title": titles[field],
                "text": text,
                "coach": _coach(text, lang, REFLECT if field == "reflect_back" else "")
                if check
                else None,
            }
        )
    return rows


def _after(repair: Repair, step: str, action: str) -> str:
    steps = steps_for(repair)
    index = steps.index(step)
    if action == "back" and index > 0:
        target = steps[index - 1]
    elif action in ("next", "continue") and index + 1 < len(steps):
        target = steps[index + 1]
    else:
        target = step
    return reverse("moments:repair_step", args=[repair.pk]) + f"?step={target}"


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, pk: int) -> HttpResponse:
    repair = policy.get_or_404(request.user, Repair, Action.CHANGE, pk=pk)
    lang = language()
    choice = StepChoiceForm(request.POST if request.method == "POST" else request.GET)
    if not choice.is_valid():
        raise Http404
    current = choice.cleaned_data["step"] or _first_open(repair)
    if current not in steps_for(repair):
        raise Http404
    if request.method == "GET":
        form = _step_form(repair, current, lang)
        return render(
            request,
            "moments/repair_step.html",
            _step_context(request, repair, current, lang, form),
        )
    action = request.POST.get("action", "next")
    if current == CLOSE:
        return _close(request, repair, action)
    form = _step_form(repair, current, lang, request.POST)
    assert form is not None
    if not form.is_valid():
        context = _step_context(request, repair, current, lang, form)
        return render(request, "moments/repair_step.html", context, status=400)
    try:
        form.save_checked()
    except EditConflict as conflict:
        messages.error(request, CONFLICT_MESSAGE)
        saved = getattr(conflict.current, _field(current))
        context = _step_context(request, repair, current, lang, form, conflict=saved)
        return render(request, "moments/repair_step.html", context, status=409)
    if action == "next":
        checked = _coach(getattr(repair, _field(current)), lang, current)
        if checked is not None and (
            checked.analysis.safety or checked.analysis.tone == "protective"
        ):
            # Show what the coach found; the answer is saved, the person decides.
            form = _step_form(repair, current, lang)
            extra = {"checked": checked}
            if checked.analysis.safety:
                extra["help"] = _help(request, lang)
            context = _step_context(request, repair, current, lang, form, **extra)
            return render(request, "moments/repair_step.html", context)
    if action == "save":
        messages.success(request, _("Saved."))
    return redirect(_after(repair, current, action))


def _close(request: HttpRequest, repair: Repair, action: str) -> HttpResponse:
    if action == "back":
        return redirect(_after(repair, CLOSE, "back"))
    if action != "finish":
        return redirect(_after(repair, CLOSE, "stay"))
    services.finish_repair(repair=repair)
    if request.POST.get("share") == "1":
        services.set_visibility(item=repair, shared=True)
        messages.success(request, _("Repaired, and shared with your partner."))
    else:
        messages.success(request, _("Repaired. Only you can see your answers."))
    return redirect("moments:repair_detail", pk=repair.pk)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    repair = policy.get_or_404(request.user, Repair, Action.VIEW, pk=pk)
    lang = language()
    is_author = repair.author_id == request.user.pk
    moment_visible = policy.can(request.user, repair.moment, Action.VIEW)
    context = base_context(request)
    context.update(
        {
            "repair": repair,
            "is_author": is_author,
            "moment_row": row(repair.moment, lang) if moment_visible else None,
            "answers": _answers(repair, lang, check=is_author and not repair.is_shared),
            "share_text": content.repair_text("share", lang),
            "closing": content.closing(lang, repair.pk) if repair.is_finished else "",
        }
    )
    return render(request, "moments/repair_detail.html", context)


@login_required
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    repair = policy.get_or_404(request.user, Repair, Action.SHARE, pk=pk)
    shared = request.POST.get("shared") == "1"
    services.set_visibility(item=repair, shared=shared)
    if shared:
        messages.success(request, _("Shared with your partner."))
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect("moments:repair_detail", pk=repair.pk)
