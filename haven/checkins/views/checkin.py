"""The daily check-in: today's form, a past day, sharing the percentage, deleting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.checkins import content, selectors, services
from haven.checkins.forms import CheckInForm, ShareForm
from haven.checkins.models import CheckIn, CheckInDetails, Reach, Turn
from haven.checkins.views.common import base_context, language
from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.needs import feltsense
from haven.needs.selectors import shared_needs_for


def _needs(user, lang: str) -> list[tuple[int, str]]:
    """The person's own needs (haven.needs), for "which of my needs felt met"."""
    return [(need.pk, need.fragment(lang)) for need in shared_needs_for(user, user)]


def _initial(checkin: CheckIn, details: CheckInDetails | None) -> dict:
    initial = {"percent": checkin.percent, "revision": checkin.revision}
    if details is not None:
        initial.update(
            sensations=details.sensations,
            emotions=details.emotions,
            needs_met=details.needs_met,
            reached=details.reached,
            turned=details.turned,
            note=details.note,
        )
    return initial


def _entry(form: CheckInForm) -> services.Entry:
    data = form.cleaned_data
    return services.Entry(
        percent=data["percent"],
        sensations=data["sensations"],
        emotions=data["emotions"],
        needs_met=data["needs_met"],
        reached=data["reached"],
        turned=data["turned"],
        note=data["note"],
    )


def summary(details: CheckInDetails | None, needs: dict[int, str], lang: str) -> dict:
    """The details of a check-in in words, for its author."""
    if details is None:
        return {}
    sensations = (feltsense.sensation(key, lang) for key in details.sensations or [])
    emotions = (feltsense.emotion(key, lang) for key in details.emotions or [])
    return {
        "sensations": [term.label for term in sensations if term is not None],
        "emotions": [term.label for term in emotions if term is not None],
        "needs": [needs[pk] for pk in details.needs_met or [] if pk in needs],
        "reached": Reach(details.reached).label if details.reached in Reach.values else "",
        "turned": Turn(details.turned).label if details.turned in Turn.values else "",
        "note": details.note,
    }


@login_required
@require_http_methods(["GET", "POST"])
def today(request: HttpRequest) -> HttpResponse:
    lang = language()
    context = base_context(request)
    day = services.today()
    checkin, details = selectors.checkin_on(request.user, day)
    needs = _needs(request.user, lang)
    form_kwargs = {"mode": context["mode"], "language": lang, "needs": needs}
    if request.method == "POST":
        form = CheckInForm(request.POST, **form_kwargs)
    else:
        initial = _initial(checkin, details) if checkin is not None else {}
        form = CheckInForm(initial=initial, **form_kwargs)
    context.update(
        {
            "form": form,
            "groups": form.term_groups(),
            "checkin": checkin,
            "day": day,
            "intro": content.text(f"intro_{context['mode']}", lang),
            "missing_text": content.text("missing", lang),
            "sharing_text": content.text("sharing", lang),
            "has_needs": bool(needs),
        }
    )
    if request.method == "GET":
        return render(request, "checkins/today.html", context)
    if not form.is_valid():
        return render(request, "checkins/today.html", context, status=400)
    try:
        saved = services.save_checkin(
            author=request.user,
            entry=_entry(form),
            day=day,
            expected_revision=form.cleaned_data.get("revision"),
        )
    except EditConflict as conflict:
        messages.error(request, CONFLICT_MESSAGE)
        current = conflict.current
        data = request.POST.copy()
        data["revision"] = str(current.revision)
        form = CheckInForm(data, **form_kwargs)
        form.is_valid()
        current_details = selectors.checkin_on(request.user, day)[1]
        context.update(
            form=form,
            groups=form.term_groups(),
            checkin=current,
            conflict=current,
            conflict_summary=summary(current_details, dict(needs), lang),
        )
        return render(request, "checkins/today.html", context, status=409)
    if checkin is None:
        messages.success(request, _("Checked in for today. Only you can see this."))
    else:
        messages.success(request, _("Today's check-in is updated."))
    return redirect("checkins:detail", pk=saved.pk)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One day's check-in, for its author alone (the details are never shared)."""
    details = policy.get_or_404(request.user, CheckInDetails, Action.VIEW, pk=pk)
    checkin = policy.get_or_404(request.user, CheckIn, Action.CHANGE, pk=details.pk)
    lang = language()
    context = base_context(request)
    needs = dict(_needs(request.user, lang))
    context.update(
        {
            "checkin": checkin,
            "details": summary(details, needs, lang),
            "is_today": checkin.day == services.today(),
            "sharing_text": content.text("sharing", lang),
            "questions": content.questions(context["mode"], lang),
        }
    )
    return render(request, "checkins/detail.html", context)


@login_required
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    """Share or stop sharing the day's percentage (only the percentage)."""
    checkin = policy.get_or_404(request.user, CheckIn, Action.SHARE, pk=pk)
    form = ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    services.set_shared(checkin=checkin, shared=shared)
    if shared:
        messages.success(request, _("Your partner can now see this day's percentage only."))
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect("checkins:detail", pk=checkin.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    checkin = policy.get_or_404(request.user, CheckIn, Action.DELETE, pk=pk)
    if request.method == "POST":
        services.delete_checkin(checkin=checkin)
        messages.success(request, _("Deleted."))
        return redirect("checkins:progress")
    return render(request, "checkins/delete.html", {"checkin": checkin})
