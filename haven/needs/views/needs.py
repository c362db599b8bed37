from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.needs import catalogue, selectors, services
from haven.needs.forms import ChooseNeedsForm, SentenceForm
from haven.needs.models import Need
from haven.needs.views.common import base_context, language
from haven.safety.selectors import offers_joint


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    lang = language()
    context = base_context(request)
    mine = selectors.shared_needs_for(request.user, request.user)
    answers = selectors.answers_for(request.user, mine)
    context.update(
        {
            "mine": [
                {
                    "need": need,
                    "fragment": need.fragment(lang),
                    "answers": answers.get(need.pk, []),
                    "first": index == 0,
                    "last": index == len(mine) - 1,
                }
                for index, need in enumerate(mine)
            ],
            "theirs": selectors.partner_needs(request.user, context["partner"], lang),
            "intro": catalogue.text("intro", lang),
            "rank_text": catalogue.text("rank", lang),
        }
    )
    return render(request, "needs/overview.html", context)


def _choose_groups(form: ChooseNeedsForm, lang: str) -> list[dict]:
    picked = set(form.data.getlist("needs")) if form.is_bound else set()
    return [
        {
            "key": group.key,
            "title": group.title(lang),
            "needs": [
                {
                    "key": need.key,
                    "fragment": need.fragment(lang),
                    "about": need.explanation(lang),
                    "held": need.key in form.held,
                    "picked": need.key in picked,
                }
                for need in group.needs
            ],
        }
        for group in catalogue.groups()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    lang = language()
    form = ChooseNeedsForm(
        request.POST or None, language=lang, held=services.held_keys(request.user)
    )
    if request.method == "POST" and form.is_valid():
        created = services.add_needs(
            author=request.user,
            keys=form.cleaned_data["needs"],
            own_words=form.cleaned_data["own_words"],
        )
        count = len(created)
        messages.success(
            request,
            ngettext(
                "%(count)d need added to your list.", "%(count)d needs added to your list.", count
            )
            % {"count": count},
        )
        return redirect("needs:overview")
    context = {
        "form": form,
        "groups": _choose_groups(form, lang),
        "choose_text": catalogue.text("choose", lang),
        "own_text": catalogue.text("own", lang),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "needs/choose.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = policy.get_or_404(request.user, Need, Action.VIEW, pk=pk)
    lang = language()
    is_author = need.author_id == request.user.pk
    context = base_context(request)
    context.update(
        {
            "need": need,
            "is_author": is_author,
            "fragment": need.fragment(lang),
            "explanation": need.explanation(lang),
            "sentence": need.display_sentence(lang),
            "share_text": catalogue.text("share", lang),
            "answers": selectors.answers_for(request.user, [need]).get(need.pk, [])
            if is_author
            else [],
            "my_answer": None if is_author else selectors.own_answer(request.user, need),
            "can_answer": policy.can(request.user, need, Action.ANSWER)
            and offers_joint(request.user),
        }
    )
    return render(request, "needs/detail.html", context)


def _sentence_context(form: SentenceForm, need: Need, lang: str, **extra) -> dict:
    current = form["frame"].value()
    try:
        current = int(current)
    except (TypeError, ValueError):
        current = 0
    templates = catalogue.frames(lang)
    wordings = [
        {"value": value, "label": label, "template": templates[value]}
        for value, label in form.wording_choices()
    ]
    return {
        "form": form,
        "need": need,
        "fragment": need.fragment(lang),
        "wordings": wordings,
        "current_frame": current,
        "sentence_text": catalogue.text("sentence", lang),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def sentence(request: HttpRequest, pk: int) -> HttpResponse:
    """The sentence builder: pick a wording, make it your own, save it."""
    need = policy.get_or_404(request.user, Need, Action.CHANGE, pk=pk)
    lang = language()
    if request.method == "GET":
        form = SentenceForm(instance=need, language=lang)
        return render(request, "needs/sentence.html", _sentence_context(form, need, lang))
    if request.POST.get("action") == "wording":
        # Without JavaScript: fill in the chosen wording, save nothing yet. What
        # the person had written is kept on the page, with a way to put it back.
        data = _with_wording(request, need, lang)
        typed = request.POST.get("sentence", "").strip()
        previous = typed if typed and typed != data["sentence"].strip() else ""
        form = SentenceForm(data, instance=need, language=lang)
        context = _sentence_context(form, need, lang, previous=previous)
        return render(request, "needs/sentence.html", context)
    if request.POST.get("action") == "undo":
        data = request.POST.copy()
        data["sentence"] = request.POST.get("previous", "")
        form = SentenceForm(data, instance=need, language=lang)
        return render(request, "needs/sentence.html", _sentence_context(form, need, lang))
    form = SentenceForm(request.POST, instance=need, language=lang)
    if form.is_valid():
        try:
            form.save_checked()
        except EditConflict as conflict:
            messages.error(request, CONFLICT_MESSAGE)
            context = _sentence_context(form, need, lang, conflict=conflict.current)
            return render(request, "needs/sentence.html", context, status=409)
        messages.success(request, _("Your sentence is saved. Only you can see it."))
        return redirect("needs:detail", pk=need.pk)
    return render(request, "needs/sentence.html", _sentence_context(form, need, lang), status=400)


def _with_wording(request: HttpRequest, need: Need, lang: str):
    data = request.POST.copy()
    try:
        frame = int(data.get("frame", 0))
    except ValueError:
        frame = 0
    fragment = data.get("own_words", "").strip() if need.is_own else need.fragment(lang)
    data["sentence"] = catalogue.sentence(fragment, lang, frame)
    return data


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    need = policy.get_or_404(request.user, Need, Action.CHANGE, pk=pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.move_need(need=need, direction=direction)
    return redirect(reverse("needs:overview") + f"#need-{need.pk}")


@login_required
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    need = policy.get_or_404(request.user, Need, Action.SHARE, pk=pk)
    shared = request.POST.get("shared") == "1"
    services.set_visibility(item=need, shared=shared)
    if shared:
        messages.success(request, _("Shared with your partner."))
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect("needs:detail", pk=need.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    need = policy.get_or_404(request.user, Need, Action.DELETE, pk=pk)
    if request.method == "POST":
        services.delete_need(need=need)
        messages.success(request, _("Deleted."))
        return redirect("needs:overview")
    context = {"need": need, "fragment": need.fragment(language())}
    return render(request, "needs/delete.html", context)
