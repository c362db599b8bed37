"""My history: guided reflection, section by section, saved as a draft while typing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.reflection import content, selectors, services
from haven.reflection.content import Section
from haven.reflection.forms import HistoryAutosaveForm, SectionQuery, ShareForm, section_forms
from haven.reflection.models import HistoryAnswer
from haven.reflection.views.common import is_fetch, saved_message
from haven.safety.selectors import individual_path


def _section_url(section: str, anchor: str = "") -> str:
    return f"{reverse('reflection:history')}?section={section}{anchor}"


def _neighbours(section: Section) -> tuple[Section | None, Section | None]:
    sections = content.history().sections
    index = sections.index(section)
    before = sections[index - 1] if index > 0 else None
    after = sections[index + 1] if index + 1 < len(sections) else None
    return before, after


@login_required
@require_http_methods(["GET", "POST"])
def history(request: HttpRequest) -> HttpResponse:
    texts = content.history()
    query = SectionQuery(request.GET)
    key = query.cleaned_data.get("section") if query.is_valid() else ""
    section = texts.section(key or "") or texts.sections[0]
    individual = individual_path(request.user)
    saved = selectors.drafts(request.user, section.key)
    forms = section_forms(section, saved, individual=individual, data=request.POST or None)
    before, after = _neighbours(section)
    status, conflicts = 200, {}

    if request.method == "POST":
        if all(form.is_valid() for form in forms):
            outcome = services.save_history_section(
                author=request.user,
                section=section.key,
                # Only prompts the form sent: a missing field is no reason to
                # empty a saved answer.
                answers={
                    form.prompt.key: (form.cleaned_data["text"], form.cleaned_data.get("revision"))
                    for form in forms
                    if form.add_prefix("text") in request.POST
                },
            )
            if not outcome.conflicts:
                messages.success(request, _("Saved."))
                if "continue" in request.POST and after is not None:
                    return redirect(_section_url(after.key))
                return redirect(_section_url(section.key))
            # Keep what was typed, show the saved versions, and start the next
            # save from the revisions that are stored now.
            conflicts = outcome.conflicts
            data = request.POST.copy()
            for prompt, answer in {**outcome.saved, **conflicts}.items():
                data[f"{prompt}-revision"] = str(answer.revision)
            saved = selectors.drafts(request.user, section.key)
            forms = section_forms(section, saved, individual=individual, data=data)
            messages.error(request, CONFLICT_MESSAGE)
            status = 409
        else:
            status = 400

    context = {
        "care": texts.care,
        "sections": texts.sections,
        "section": section,
        "forms": forms,
        "conflicts": conflicts,
        "answered": [
            (form.prompt, saved[form.prompt.key])
            for form in forms
            if form.prompt.key in saved and saved[form.prompt.key].text.strip()
        ],
        "before": before,
        "after": after,
        "individual": individual,
    }
    return render(request, "reflection/history.html", context, status=status)


@login_required
@require_POST
def history_autosave(request: HttpRequest) -> HttpResponse:
    """Save one answer while typing (reflection.js); JSON for fetch, else redirect."""
    form = HistoryAutosaveForm(request.POST)
    fetch = is_fetch(request)
    section = None
    if form.is_valid():
        section = content.history().section(form.cleaned_data["section"])
        if section is not None and section.prompt(form.cleaned_data["prompt"]) is None:
            section = None
    if section is None:
        if fetch:
            return JsonResponse({"error": _("This answer could not be saved.")}, status=400)
        return redirect("reflection:history")
    try:
        answer = services.save_history_answer(
            author=request.user,
            section=section.key,
            prompt=form.cleaned_data["prompt"],
            text=form.cleaned_data["text"],
            expected_revision=form.cleaned_data.get("revision"),
        )
    except EditConflict as conflict:
        if fetch:
            return JsonResponse(
                {
                    "conflict": True,
                    "text": conflict.current.text,  # type: ignore[attr-defined]
                    "revision": conflict.current.revision,
                    "message": _(
                        "This answer was changed somewhere else (another tab or device). "
                        "The saved version is shown below; your text stays in the box."
                    ),
                },
                status=409,
            )
        messages.error(request, CONFLICT_MESSAGE)
        return redirect(_section_url(section.key))
    if fetch:
        revision = answer.revision if answer is not None else None
        return JsonResponse({"revision": revision, "message": saved_message()})
    messages.success(request, _("Saved."))
    return redirect(_section_url(section.key))


@login_required
@require_POST
def history_share(request: HttpRequest, pk: int) -> HttpResponse:
    answer = policy.get_or_404(request.user, HistoryAnswer, Action.SHARE, pk=pk)
    form = ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    services.set_visibility(item=answer, shared=shared)
    if shared:
        messages.success(request, _("Shared with your partner."))
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect(_section_url(answer.section, "#sharing"))
