"""The path, one module, marking it done, sharing progress, and reflections on a module."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.core import policy
from haven.core.navigation import safe_next
from haven.core.policy import Action
from haven.couples.selectors import current_partner
from haven.learn import content, guided, selectors, services, tools
from haven.learn.forms import ReflectionForm
from haven.learn.loading import text
from haven.learn.models import ModuleReflection
from haven.learn.views.common import language, module_or_404
from haven.safety.selectors import individual_path


@login_required
@require_GET
def path(request: HttpRequest) -> HttpResponse:
    lang = language()
    partner = current_partner(request.user)
    mine, theirs = selectors.progress_of_both(request.user, partner)
    context = {
        "path": selectors.path_for(request.user, lang, selectors.own_progress(request.user, mine)),
        "partner": partner,
        "partner_done": selectors.partner_done(request.user, partner, lang, rows=theirs),
        "sharing": services.shares_progress(request.user),
        "sharing_text": text("sharing", lang),
        "individual_text": text("individual", lang),
    }
    return render(request, "learn/path.html", context)


def _exercise_box(module: content.Module, lang: str) -> dict:
    exercise = module.exercise
    box: dict = {"exercise": exercise}
    if exercise.kind == "tool":
        tool = tools.get(exercise.tool)
        box["tool_label"] = tool.title(lang) if tool else exercise.tool
        box["tool_url"] = tool.url() if tool else None
    elif exercise.kind == "guided":
        found = guided.get(exercise.guided, lang)
        box["guided"] = found
    return box


@login_required
@require_GET
def module(request: HttpRequest, slug: str) -> HttpResponse:
    lang = language()
    current = module_or_404(slug, lang)
    row = services.open_module(author=request.user, slug=current.slug)
    modules = selectors.modules_for(request.user, lang)
    slugs = [m.slug for m in modules]
    place = slugs.index(current.slug) if current.slug in slugs else None
    mine, theirs = selectors.reflections_for(request.user, current.slug)
    own_path = individual_path(request.user)
    context = {
        "module": current,
        "html": content.html(current.slug, lang),
        "done": row.is_done,
        "box": _exercise_box(current, lang),
        "help_first": text("help_first", lang) if current.professional_help_first else "",
        "joint_note": text("joint_on_own_path", lang) if own_path and not current.solo else "",
        "previous": modules[place - 1] if place else None,
        "next": modules[place + 1] if place is not None and place + 1 < len(modules) else None,
        "position": (place + 1) if place is not None else None,
        "total": len(modules),
        "my_reflections": mine,
        "partner_reflections": theirs,
    }
    return render(request, "learn/module.html", context)


@login_required
@require_POST
def done(request: HttpRequest, slug: str) -> HttpResponse:
    lang = language()
    current = module_or_404(slug, lang)
    finished = request.POST.get("done", "1") != "0"
    services.set_done(author=request.user, slug=current.slug, done=finished)
    if not finished:
        messages.success(request, _("Marked as not done yet."))
        return redirect("learn:module", slug=current.slug)
    messages.success(request, _("Well done. This module is marked as done."))
    upcoming = selectors.continue_with(request.user, lang)
    if upcoming is not None:
        return redirect("learn:module", slug=upcoming.slug)
    return redirect("learn:path")


@login_required
@require_POST
def sharing(request: HttpRequest) -> HttpResponse:
    shared = request.POST.get("shared") == "1"
    services.set_progress_sharing(author=request.user, shared=shared)
    if shared:
        messages.success(request, _("Your partner can now see which modules you finished."))
    else:
        messages.success(request, _("Your progress is private again."))
    return redirect(safe_next(request, "") or "learn:path")


@login_required
@require_http_methods(["GET", "POST"])
def reflection(request: HttpRequest, slug: str) -> HttpResponse:
    lang = language()
    current = module_or_404(slug, lang)
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_reflection(
            author=request.user, slug=current.slug, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Saved. Only you can see this reflection."))
        return redirect("learn:module", slug=current.slug)
    prompt = (
        current.exercise.prompt
        if current.exercise.kind == "reflection"
        else text("reflection_prompt", lang)
    )
    mine, theirs = selectors.reflections_for(request.user, current.slug)
    context = {
        "module": current,
        "form": form,
        "prompt": prompt,
        "my_reflections": mine,
        "partner_reflections": theirs,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "learn/reflection.html", context, status=status)


@login_required
@require_GET
def reflection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = policy.get_or_404(request.user, ModuleReflection, Action.VIEW, pk=pk)
    context = {
        "item": item,
        "module": content.get(item.slug, language()),
        "is_author": item.author_id == request.user.pk,
    }
    return render(request, "learn/reflection_detail.html", context)


@login_required
@require_POST
def reflection_share(request: HttpRequest, pk: int) -> HttpResponse:
    item = policy.get_or_404(request.user, ModuleReflection, Action.SHARE, pk=pk)
    shared = request.POST.get("shared") == "1"
    services.set_visibility(item=item, shared=shared)
    if shared:
        messages.success(request, _("Shared with your partner."))
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect("learn:reflection_detail", pk=item.pk)


@login_required
@require_http_methods(["GET", "POST"])
def reflection_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = policy.get_or_404(request.user, ModuleReflection, Action.DELETE, pk=pk)
    if request.method == "POST":
        slug = item.slug
        item.delete()
        messages.success(request, _("Deleted."))
        if content.get(slug, language()) is not None:
            return redirect("learn:module", slug=slug)
        return redirect("learn:path")
    return render(request, "learn/reflection_delete.html", {"item": item})
