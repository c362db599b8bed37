"""Guided exercises: one step at a time (?step=N) without JavaScript; guided.js adds a timer."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from haven.learn import content, guided
from haven.learn.forms import StepForm
from haven.learn.loading import text
from haven.learn.views.common import language
from haven.safety.selectors import without_joint


@login_required
@require_GET
def exercises(request: HttpRequest) -> HttpResponse:
    lang = language()
    offered = without_joint(request.user, guided.exercises(lang))
    context = {
        "exercises": offered,
        "intro": text("exercises_intro", lang),
        "left_out": len(offered) < len(guided.exercises(lang)),
    }
    return render(request, "learn/exercises.html", context)


@login_required
@require_GET
def exercise(request: HttpRequest, key: str) -> HttpResponse:
    current = guided.get(key, language())
    if current is None or not without_joint(request.user, [current]):
        raise Http404
    form = StepForm(request.GET)
    if not form.is_valid():
        raise Http404
    # 0: the introduction; 1..n: the steps; n + 1: the closing words.
    last = len(current.steps) + 1
    step = min(form.cleaned_data["step"] or 0, last)
    back_to = content.get(form.cleaned_data["module"] or "", language())
    context = {
        "module": back_to,
        "carry": f"&module={back_to.slug}" if back_to else "",
        "exercise": current,
        "step": step,
        "prompt": current.steps[step - 1] if 1 <= step < last else "",
        "timer": current.timer_for(step) if 1 <= step < last else 0,
        "count": len(current.steps),
        "is_intro": step == 0,
        "is_closing": step == last,
        "previous_step": step - 1 if step > 0 else None,
        "next_step": step + 1 if step < last else None,
    }
    return render(request, "learn/exercise.html", context)
