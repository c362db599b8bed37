"""The partner's answer to a shared need: written privately, sent on purpose."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.needs import catalogue, selectors, services
from haven.needs.forms import AcknowledgementForm
from haven.needs.models import Acknowledgement, Need
from haven.needs.views.common import language


def _back_to(request: HttpRequest, need: Need) -> HttpResponse:
    """To the need, if the person may still see it; else to the needs page."""
    if policy.can(request.user, need, Action.VIEW):
        return redirect("needs:detail", pk=need.pk)
    return redirect("needs:overview")


def _context(request: HttpRequest, need: Need, **extra) -> dict:
    lang = language()
    visible = policy.can(request.user, need, Action.VIEW)
    return {
        "need": need if visible else None,
        "sentence": need.display_sentence(lang) if visible else "",
        "answer_text": catalogue.text("answer", lang),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    need = policy.get_or_404(request.user, Need, Action.ANSWER, pk=pk)
    existing = selectors.own_answer(request.user, need)
    if existing is not None:
        return redirect("needs:answer_edit", pk=existing.pk)
    form = AcknowledgementForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.create_acknowledgement(
                    author=request.user, need=need, text=form.cleaned_data["text"]
                )
            except services.AlreadyAnswered as already:
                return redirect("needs:answer_edit", pk=already.answer.pk)
            messages.success(
                request, _("Your answer is saved. Only you can see it until you send it.")
            )
            return redirect("needs:detail", pk=need.pk)
        return render(request, "needs/answer.html", _context(request, need, form=form), status=400)
    return render(request, "needs/answer.html", _context(request, need, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ack = policy.get_or_404(request.user, Acknowledgement, Action.CHANGE, pk=pk)
    need = ack.need
    form = AcknowledgementForm(request.POST or None, instance=ack)
    if request.method == "POST":
        if form.is_valid():
            try:
                form.save_checked()
            except EditConflict as conflict:
                messages.error(request, CONFLICT_MESSAGE)
                context = _context(request, need, form=form, ack=ack, conflict=conflict.current)
                return render(request, "needs/answer.html", context, status=409)
            messages.success(request, _("Saved."))
            return _back_to(request, need)
        context = _context(request, need, form=form, ack=ack)
        return render(request, "needs/answer.html", context, status=400)
    return render(request, "needs/answer.html", _context(request, need, form=form, ack=ack))


@login_required
@require_http_methods(["GET", "POST"])
def answer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    ack = policy.get_or_404(request.user, Acknowledgement, Action.DELETE, pk=pk)
    need = ack.need
    if request.method == "POST":
        ack.delete()
        messages.success(request, _("Deleted."))
        return _back_to(request, need)
    return render(request, "needs/answer_delete.html", {"ack": ack})


@login_required
@require_POST
def answer_send(request: HttpRequest, pk: int) -> HttpResponse:
    ack = policy.get_or_404(request.user, Acknowledgement, Action.SHARE, pk=pk)
    shared = request.POST.get("shared") == "1"
    services.set_visibility(item=ack, shared=shared)
    if shared:
        messages.success(request, _("Sent. Your partner can read your answer now."))
    else:
        messages.success(request, _("Only you can see this now."))
    return _back_to(request, ack.need)
