"""The felt sense: two one-minute exercises and notes of what the body did."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.needs import feltsense, selectors, services
from haven.needs.forms import ExerciseChoiceForm, FeltSenseNoteForm, NewNoteForm
from haven.needs.models import FeltSenseNote
from haven.needs.views.common import base_context, language


def _exercise_note(context: dict, lang: str) -> str:
    """The note above the exercises: picture someone else when the partner is not safe to
    picture (individual path), or when there is no partner."""
    if context["individual_path"]:
        return feltsense.text("individual", lang)
    if context["partner"] is None:
        return feltsense.text("solo", lang)
    return ""


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    lang = language()
    context = base_context(request)
    mine, theirs = selectors.notes_for(request.user)
    context.update(
        {
            "intro": feltsense.text("intro", lang),
            "exercises_text": feltsense.text("exercises", lang),
            "daily_text": feltsense.text("daily", lang),
            "exercise_note": _exercise_note(context, lang),
            "exercises": feltsense.exercises(lang),
            "mine": [_note_row(note, lang) for note in mine],
            "theirs": [_note_row(note, lang) for note in theirs],
        }
    )
    return render(request, "needs/feltsense.html", context)


@login_required
@require_GET
def exercise(request: HttpRequest) -> HttpResponse:
    lang = language()
    choice = ExerciseChoiceForm(request.GET)
    if not choice.is_valid():
        raise Http404
    key = choice.cleaned_data["exercise"] or feltsense.exercises(lang)[0].key
    current = feltsense.exercise(key, lang)
    if current is None:
        raise Http404
    context = base_context(request)
    form = NewNoteForm(language=lang, initial={"exercise": current.key})
    context.update(
        {
            "exercise": current,
            "next_exercise": feltsense.next_exercise(current.key, lang),
            "exercise_note": _exercise_note(context, lang),
            "note_text": feltsense.text("note", lang),
            "form": form,
            "groups": form.groups(first=current.notice),
        }
    )
    return render(request, "needs/exercise.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_new(request: HttpRequest) -> HttpResponse:
    lang = language()
    form = NewNoteForm(request.POST or None, language=lang)
    if request.method == "POST" and form.is_valid():
        note = services.create_note(
            author=request.user,
            exercise=form.cleaned_data["exercise"],
            sensations=form.cleaned_data["sensations"],
            emotions=form.cleaned_data["emotions"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Saved. Only you can see this note."))
        return redirect("needs:note_detail", pk=note.pk)
    context = {
        "form": form,
        "groups": form.groups(),
        "note_text": feltsense.text("note", lang),
        "daily_text": feltsense.text("daily", lang),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "needs/note_form.html", context, status=status)


def _labels(keys: list[str], lookup, lang: str) -> list[str]:
    terms = (lookup(key, lang) for key in keys or [])
    return [term.label for term in terms if term is not None]


def _note_row(note: FeltSenseNote, lang: str) -> dict:
    found = feltsense.exercise(note.exercise, lang) if note.exercise else None
    return {
        "note": note,
        "exercise": found,
        "sensations": _labels(note.sensations, feltsense.sensation, lang),
        "emotions": _labels(note.emotions, feltsense.emotion, lang),
    }


@login_required
@require_GET
def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = policy.get_or_404(request.user, FeltSenseNote, Action.VIEW, pk=pk)
    lang = language()
    is_author = note.author_id == request.user.pk
    context = base_context(request)
    row = _note_row(note, lang)
    context.update(
        {
            **row,
            "row": row,
            "is_author": is_author,
            "next_exercise": (
                feltsense.next_exercise(note.exercise, lang)
                if is_author and note.exercise
                else None
            ),
        }
    )
    return render(request, "needs/note_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = policy.get_or_404(request.user, FeltSenseNote, Action.CHANGE, pk=pk)
    lang = language()
    form = FeltSenseNoteForm(request.POST or None, instance=note, language=lang)
    context = {"form": form, "note": note, "note_text": feltsense.text("note", lang)}
    if request.method == "POST":
        if form.is_valid():
            try:
                form.save_checked()
            except EditConflict as conflict:
                messages.error(request, CONFLICT_MESSAGE)
                context.update(conflict=_note_row(conflict.current, lang), groups=form.groups())
                return render(request, "needs/note_form.html", context, status=409)
            messages.success(request, _("Saved."))
            return redirect("needs:note_detail", pk=note.pk)
        context["groups"] = form.groups()
        return render(request, "needs/note_form.html", context, status=400)
    context["groups"] = form.groups()
    return render(request, "needs/note_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_delete(request: HttpRequest, pk: int) -> HttpResponse:
    note = policy.get_or_404(request.user, FeltSenseNote, Action.DELETE, pk=pk)
    if request.method == "POST":
        note.delete()
        messages.success(request, _("Deleted."))
        return redirect("needs:feltsense")
    return render(request, "needs/note_delete.html", {"note": note})


@login_required
@require_POST
def note_share(request: HttpRequest, pk: int) -> HttpResponse:
    note = policy.get_or_404(request.user, FeltSenseNote, Action.SHARE, pk=pk)
    shared = request.POST.get("shared") == "1"
    services.set_visibility(item=note, shared=shared)
    if shared:
        messages.success(request, _("Shared with your partner."))
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect("needs:note_detail", pk=note.pk)
