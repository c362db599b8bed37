"""How I attach: choosing an instrument, answering page by page, the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.accounts.models import display_name
from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.couples.selectors import current_partner
from haven.reflection import engine, results, selectors, services
from haven.reflection.forms import (
    AnswerPageForm,
    AutosaveAnswerForm,
    PageQuery,
    ResultNoteForm,
    ShareForm,
    StartForm,
)
from haven.reflection.models import InstrumentResponse
from haven.reflection.views.common import instrument_or_404, is_fetch, saved_message
from haven.safety.selectors import individual_path

ANSWER_CONFLICT = gettext_lazy(
    "Some answers on this page were changed somewhere else (another tab or device). "
    "The saved answer is shown under each of them; choose again and save."
)


def _page_url(pk: int, page: int) -> str:
    return f"{reverse('reflection:answer', args=[pk])}?page={page}"


def _progress(response: InstrumentResponse) -> dict:
    instrument = engine.get(response.instrument)
    assert instrument is not None  # selectors.unfinished skips unknown instruments
    return {
        "response": response,
        "instrument": instrument,
        "target": instrument.target(response.target),
        "answered": len(instrument.items) - len(engine.missing(instrument, response.answers)),
        "total": len(instrument.items),
    }


@login_required
@require_http_methods(["GET", "POST"])
def attach(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            response = services.start(
                author=request.user,
                instrument=form.cleaned_data["instrument_obj"],
                target=form.cleaned_data["target"],
            )
            return redirect(_page_url(response.pk, 1))
        status = 400
    user = request.user
    partner = current_partner(user)
    mine = results.summaries(selectors.results_for(user, user))
    context = {
        "form": form,
        "instruments": engine.available(),
        "unfinished": [_progress(response) for response in selectors.unfinished(user)],
        "mine": list(reversed(mine)),
        "partner": partner,
        "theirs": (
            list(reversed(results.summaries(selectors.results_for(user, partner))))
            if partner is not None
            else []
        ),
    }
    return render(request, "reflection/attach.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    response = policy.get_or_404(request.user, InstrumentResponse, Action.CHANGE, pk=pk)
    instrument = instrument_or_404(response.instrument)
    page = PageQuery(request.GET).page_for(instrument)
    target = instrument.target(response.target)

    def page_form(data=None) -> AnswerPageForm:
        return AnswerPageForm(
            data,
            instrument=instrument,
            items=instrument.page(page),
            target=target,
            response=response,
        )

    form = page_form(request.POST or None)
    context = {
        "response": response,
        "instrument": instrument,
        "target": target,
        "instructions": instrument.render_instructions(target),
        "page": page,
    }
    if request.method == "GET":
        return render(request, "reflection/answer.html", {**context, "form": form})
    if not form.is_valid():
        return render(request, "reflection/answer.html", {**context, "form": form}, status=400)
    try:
        response = services.save_answers(
            response=response,
            instrument=instrument,
            answers=form.answers(),
            expected_revision=form.cleaned_data.get("revision"),
        )
    except services.AnswerConflict as conflict:
        data = request.POST.copy()
        data["revision"] = str(conflict.current.revision)
        messages.error(request, ANSWER_CONFLICT)
        saved = {key: instrument.scale.label(value) for key, value in conflict.saved.items()}
        context.update(form=page_form(data), conflicts=saved)
        return render(request, "reflection/answer.html", context, status=409)

    if "back" in request.POST:
        return redirect(_page_url(pk, max(1, page - 1)))
    if "stop" in request.POST:
        messages.success(request, _("Saved. You can continue where you left off."))
        return redirect("reflection:attach")
    if "finish" in request.POST or page >= instrument.page_count:
        try:
            services.complete(response=response, instrument=instrument)
        except services.NotComplete as missing:
            count = len(missing.missing)
            messages.info(
                request,
                ngettext(
                    "%(count)d statement still needs an answer before you can see your result.",
                    "%(count)d statements still need an answer before you can see your result.",
                    count,
                )
                % {"count": count},
            )
            return redirect(_page_url(pk, instrument.page_of(missing.missing[0])))
        return redirect("reflection:result", pk=pk)
    return redirect(_page_url(pk, page + 1))


@login_required
@require_POST
def answer_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one answer as soon as it is chosen (reflection.js); JSON for fetch, else redirect."""
    response = policy.get_or_404(request.user, InstrumentResponse, Action.CHANGE, pk=pk)
    instrument = instrument_or_404(response.instrument)
    form = AutosaveAnswerForm(request.POST, instrument=instrument)
    fetch = is_fetch(request)
    if not form.is_valid():
        if fetch:
            return JsonResponse({"error": _("That answer could not be saved.")}, status=400)
        return redirect(_page_url(pk, 1))
    item, value = form.cleaned_data["item"], form.cleaned_data["value"]
    try:
        response = services.save_answers(
            response=response,
            instrument=instrument,
            answers={item: value},
            expected_revision=form.cleaned_data.get("revision"),
        )
    except services.AnswerConflict as conflict:
        if fetch:
            saved = conflict.saved[item]
            return JsonResponse(
                {
                    "conflict": True,
                    "item": item,
                    "value": saved,
                    "revision": conflict.current.revision,
                    "message": _(
                        "This answer was changed somewhere else to “%(label)s”. "
                        "That saved answer is selected now; change it if you like."
                    )
                    % {"label": instrument.scale.label(saved)},
                },
                status=409,
            )
        messages.error(request, ANSWER_CONFLICT)
        return redirect(_page_url(pk, instrument.page_of(item)))
    if fetch:
        return JsonResponse({"revision": response.revision, "message": saved_message()})
    return redirect(_page_url(pk, instrument.page_of(item)))


@login_required
@require_GET
def result(request: HttpRequest, pk: int) -> HttpResponse:
    response = policy.get_or_404(request.user, InstrumentResponse, Action.VIEW, pk=pk)
    is_author = response.author_id == request.user.pk
    summary = results.summarise(response)
    if summary is None:
        if is_author and engine.get(response.instrument) is not None:
            return redirect(_page_url(pk, 1))
        raise Http404
    context = {
        "summary": summary,
        "response": response,
        "is_author": is_author,
        "owner_name": "" if is_author else display_name(response.author),
        "plane": results.plane_for(request.user, response, summary.instrument),
        "individual": individual_path(request.user),
    }
    return render(request, "reflection/result.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def result_note(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's own note on a result; edits never overwrite a newer version."""
    response = policy.get_or_404(request.user, InstrumentResponse, Action.CHANGE, pk=pk)
    form = ResultNoteForm(request.POST or None, instance=response)
    context = {"form": form, "response": response, "summary": results.summarise(response)}
    if request.method == "POST":
        if form.is_valid():
            try:
                form.save_checked()
            except EditConflict as conflict:
                data = request.POST.copy()
                data["revision"] = str(conflict.current.revision)
                messages.error(request, CONFLICT_MESSAGE)
                context.update(
                    form=ResultNoteForm(data, instance=response), conflict=conflict.current
                )
                return render(request, "reflection/result_note.html", context, status=409)
            messages.success(request, _("Saved."))
            return redirect("reflection:result", pk=pk)
        return render(request, "reflection/result_note.html", context, status=400)
    return render(request, "reflection/result_note.html", context)


@login_required
@require_POST
def result_share(request: HttpRequest, pk: int) -> HttpResponse:
    response = policy.get_or_404(request.user, InstrumentResponse, Action.SHARE, pk=pk)
    form = ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    if shared and not response.is_complete:
        messages.error(request, _("Finish the reflection first; then you can share its result."))
        return redirect(_page_url(pk, 1))
    services.set_visibility(item=response, shared=shared)
    if shared:
        messages.success(
            request, _("Your partner can now see this result and your note, not your answers.")
        )
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect("reflection:result", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def result_delete(request: HttpRequest, pk: int) -> HttpResponse:
    response = policy.get_or_404(request.user, InstrumentResponse, Action.DELETE, pk=pk)
    if request.method == "POST":
        response.delete()
        messages.success(request, _("Deleted."))
        return redirect("reflection:attach")
    context = {"response": response, "summary": results.summarise(response)}
    return render(request, "reflection/result_delete.html", context)
