"""The monthly reflection: a short questionnaire run through the reflection engine."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from haven.checkins import content, services
from haven.checkins.forms import MeasureForm
from haven.checkins.models import MonthlyMeasure
from haven.checkins.views.common import base_context, language
from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.reflection import engine


@login_required
@require_http_methods(["GET", "POST"])
def measure(request: HttpRequest) -> HttpResponse:
    lang = language()
    context = base_context(request)
    instrument = engine.get(content.measure_key(context["mode"]))
    if instrument is None:
        raise Http404
    month = services.first_of_month(services.today())
    existing = (
        policy.visible(request.user, MonthlyMeasure, Action.CHANGE)
        .filter(author_id=request.user.pk, month=month)
        .first()
    )
    initial = {}
    if existing is not None and existing.instrument == instrument.key:
        initial = {**existing.answers, "revision": existing.revision, "note": existing.note}
    elif existing is not None:
        initial = {"revision": existing.revision, "note": existing.note}
    form = MeasureForm(request.POST or None, instrument=instrument, language=lang, initial=initial)
    context.update(
        {
            "form": form,
            "instrument": instrument,
            "about": instrument.about.get(lang),
            "instructions": instrument.render_instructions(None, lang),
            "notice": instrument.notice.get(lang) if instrument.notice else "",
            "intro": content.text("measure", lang),
            "month": month,
            "existing": existing,
        }
    )
    if request.method == "GET":
        return render(request, "checkins/measure.html", context)
    if not form.is_valid():
        return render(request, "checkins/measure.html", context, status=400)
    try:
        services.save_measure(
            author=request.user,
            instrument=instrument,
            answers=form.answers(),
            note=form.cleaned_data["note"],
            month=month,
            expected_revision=form.cleaned_data.get("revision"),
        )
    except EditConflict as conflict:
        messages.error(request, CONFLICT_MESSAGE)
        data = request.POST.copy()
        data["revision"] = str(conflict.current.revision)
        context["form"] = MeasureForm(data, instrument=instrument, language=lang)
        context["form"].is_valid()
        return render(request, "checkins/measure.html", context, status=409)
    messages.success(request, _("Saved. Only you can see your answers."))
    return redirect("checkins:progress")


@login_required
@require_http_methods(["GET", "POST"])
def measure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = policy.get_or_404(request.user, MonthlyMeasure, Action.DELETE, pk=pk)
    if request.method == "POST":
        item.delete()
        messages.success(request, _("Deleted."))
        return redirect("checkins:progress")
    return render(request, "checkins/measure_delete.html", {"item": item})
