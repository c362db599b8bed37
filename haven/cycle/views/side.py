"""My side of the cycle: overview, the one-page map, a side's page, sharing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.cycle import selectors, services, vocabulary
from haven.cycle.forms import PastForm, ShareForm, SideForm
from haven.cycle.models import CycleSide
from haven.cycle.views.common import base_context, language
from haven.reflection.views.common import saved_message


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    lang = language()
    context = base_context(request)
    side = selectors.own_side(request.user)
    theirs = selectors.partner_side(request.user)
    context.update(
        {
            "intro": vocabulary.prompt_text("intro", lang),
            "solo_intro": vocabulary.prompt_text("solo_intro", lang),
            "share_text": vocabulary.prompt_text("share", lang),
            "side": side,
            "mine": selectors.summary(side, request.user, lang) if side else None,
            "theirs": theirs,
            "cycle": selectors.couple_cycle(request.user, lang, mine=side, theirs=theirs),
            "loop": _solo_loop(side, request.user, lang),
        }
    )
    return render(request, "cycle/index.html", context)


def _solo_loop(side: CycleSide | None, user, lang: str) -> str:
    """ "When it gets tense, I ...": the person's own loop, told without the partner."""
    if side is None:
        return ""
    from haven.cycle import narrative

    return narrative.loop_sentence(selectors.side_words(side, user, lang), None, lang)


def _edit_context(request: HttpRequest, form: SideForm, side: CycleSide | None) -> dict:
    lang = language()
    context = base_context(request)
    context.update(
        {
            "form": form,
            "side": side,
            "intro": vocabulary.prompt_text("intro", lang),
            "steps": {step.key: step for step in vocabulary.steps(lang)},
            "longings": vocabulary.longings(lang),
            "chosen": {name: form.chosen(name) for name in services.LIST_FIELDS},
        }
    )
    return context


def _save(request: HttpRequest, form: SideForm) -> CycleSide:
    """Store a valid side form over the revision it was made from (raises EditConflict)."""
    return services.save_side(
        author=request.user,
        values=form.values(),
        expected_revision=form.cleaned_data.get("revision"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest) -> HttpResponse:
    side = selectors.own_side(request.user)
    form = SideForm(request.POST or None, author=request.user, language=language(), side=side)
    if request.method == "GET":
        return render(request, "cycle/edit.html", _edit_context(request, form, side))
    if not form.is_valid():
        return render(request, "cycle/edit.html", _edit_context(request, form, side), status=400)
    try:
        side = _save(request, form)
    except EditConflict as conflict:
        # Keep what was typed; the next save starts from the stored revision.
        data = request.POST.copy()
        data["revision"] = str(conflict.current.revision)
        form = SideForm(data, author=request.user, language=language(), side=side)
        form.is_valid()
        messages.error(request, CONFLICT_MESSAGE)
        context = _edit_context(request, form, side)
        context["conflict"] = selectors.summary(conflict.current, request.user, language())
        return render(request, "cycle/edit.html", context, status=409)
    except services.CycleError:
        form.add_error(
            None, _("Something you chose is no longer available. Please check and save again.")
        )
        return render(request, "cycle/edit.html", _edit_context(request, form, side), status=400)
    messages.success(request, _("Saved. Only you can see your side until you share it."))
    return redirect("cycle:side", pk=side.pk)


@login_required
@require_POST
def autosave(request: HttpRequest) -> HttpResponse:
    """Keep my side on the server while I write it (form-draft.js); always JSON."""
    side = selectors.own_side(request.user)
    form = SideForm(request.POST, author=request.user, language=language(), side=side)
    if not form.is_valid():
        return JsonResponse({"error": _("This draft could not be saved yet.")}, status=400)
    try:
        side = _save(request, form)
    except EditConflict as conflict:
        return JsonResponse(
            {
                "conflict": True,
                "revision": conflict.current.revision,
                "message": _(
                    "Your side was changed somewhere else (another tab or device). Your text "
                    "stays here; saving it will replace the other version."
                ),
            },
            status=409,
        )
    except services.CycleError:
        return JsonResponse({"error": _("This draft could not be saved yet.")}, status=400)
    return JsonResponse({"revision": side.revision, "message": saved_message()})


@login_required
@require_GET
def side_detail(request: HttpRequest, pk: int) -> HttpResponse:
    side = policy.get_or_404(request.user, CycleSide, Action.VIEW, pk=pk)
    lang = language()
    context = base_context(request)
    is_author = side.author_id == request.user.pk
    context.update(
        {
            "side": side,
            "words": selectors.summary(side, request.user, lang),
            "steps": {step.key: step for step in vocabulary.steps(lang)},
            "is_author": is_author,
            "share_text": vocabulary.prompt_text("share", lang),
            # The reflection on past partners is never shown to anyone but the author.
            "past": _past_rows(side, lang) if is_author else [],
        }
    )
    return render(request, "cycle/side.html", context)


def _past_rows(side: CycleSide, lang: str) -> list[tuple[vocabulary.Step, str]]:
    return [
        (prompt, getattr(side, prompt.key))
        for prompt in vocabulary.solo_prompts(lang)
        if getattr(side, prompt.key)
    ]


@login_required
@require_POST
def side_share(request: HttpRequest, pk: int) -> HttpResponse:
    side = policy.get_or_404(request.user, CycleSide, Action.SHARE, pk=pk)
    form = ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    services.set_visibility(side=side, shared=shared)
    if shared:
        messages.success(request, _("Your side is shared with your partner."))
    else:
        messages.success(request, _("Only you can see your side now."))
    return redirect("cycle:side", pk=side.pk)


@login_required
@require_http_methods(["GET", "POST"])
def side_delete(request: HttpRequest, pk: int) -> HttpResponse:
    side = policy.get_or_404(request.user, CycleSide, Action.DELETE, pk=pk)
    if request.method == "POST":
        services.delete_side(side=side)
        messages.success(request, _("Deleted."))
        return redirect("cycle:index")
    return render(request, "cycle/side_delete.html", {**base_context(request), "side": side})


@login_required
@require_http_methods(["GET", "POST"])
def solo(request: HttpRequest) -> HttpResponse:
    """Looking back at past relationships: for people on their own, and anyone who wants it."""
    lang = language()
    side = selectors.own_side(request.user)
    form = PastForm(request.POST or None, language=lang, side=side)
    context = base_context(request)
    context.update(
        {
            "form": form,
            "side": side,
            "solo_intro": vocabulary.prompt_text("solo_intro", lang),
            "loop": _solo_loop(side, request.user, lang),
            "mine": selectors.summary(side, request.user, lang) if side else None,
        }
    )
    if request.method == "GET":
        return render(request, "cycle/solo.html", context)
    if not form.is_valid():
        return render(request, "cycle/solo.html", context, status=400)
    try:
        services.save_side(
            author=request.user,
            values=form.values(),
            expected_revision=form.cleaned_data.get("revision"),
        )
    except EditConflict as conflict:
        data = request.POST.copy()
        data["revision"] = str(conflict.current.revision)
        context["form"] = PastForm(data, language=lang, side=side)
        context["form"].is_valid()
        context["conflict"] = _past_rows(conflict.current, lang)
        messages.error(request, CONFLICT_MESSAGE)
        return render(request, "cycle/solo.html", context, status=409)
    messages.success(request, _("Saved. This reflection is yours alone."))
    return redirect("cycle:solo")
