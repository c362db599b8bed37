"""Scripts for hard conversations: filled from the person's own data, checked, saved, printed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from haven.accounts.models import Profile
from haven.learn import scripts, services, slots
from haven.learn.forms import ScriptForm
from haven.learn.loading import text
from haven.learn.scripts import Script
from haven.learn.views.common import language
from haven.practise import services as practise
from haven.safety import helplines
from haven.safety.selectors import without_joint


def _script_or_404(request: HttpRequest, key: str, lang: str) -> Script:
    found = scripts.get(key, lang)
    # A conversation with the partner is not proposed on the individual path.
    if found is None or not without_joint(request.user, [found]):
        raise Http404
    return found


@login_required
@require_GET
def script_list(request: HttpRequest) -> HttpResponse:
    lang = language()
    offered = without_joint(request.user, scripts.scripts(lang))
    drafts = {s.key for s in offered if services.script_draft(request.user, s.key)}
    context = {
        "scripts": offered,
        "drafts": drafts,
        "intro": text("scripts_intro", lang),
        "left_out": len(offered) < len(scripts.scripts(lang)),
    }
    return render(request, "learn/scripts.html", context)


def _starting_text(request: HttpRequest, script: Script, lang: str) -> tuple[str, slots.Filled]:
    """The person's saved version if there is one, else the script filled from their data."""
    filled = slots.fill(script.say, request.user, lang)
    draft = services.script_draft(request.user, script.key)
    return (draft.text if draft is not None else filled.text), filled


def _check(request: HttpRequest, context: dict, text_to_check: str, lang: str) -> None:
    practice = practise.practise(text_to_check, lang)
    context["practice"] = practice
    if practice.analysis.safety:
        country = (
            Profile.objects.filter(user=request.user).values_list("country", flat=True).first()
        )
        context["help"] = helplines.for_country(country or "", practice.analysis.language)


@login_required
@require_http_methods(["GET", "POST"])
def script(request: HttpRequest, key: str) -> HttpResponse:
    lang = language()
    current = _script_or_404(request, key, lang)
    start, filled = _starting_text(request, current, lang)
    draft = services.script_draft(request.user, current.key)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "forget":
        if services.forget_script_draft(author=request.user, key=current.key):
            messages.success(request, _("Your saved version is deleted."))
        return redirect("learn:script", key=current.key)
    form = ScriptForm(request.POST or None, initial={"text": start})
    context = {
        "script": current,
        "filled": filled,
        "form": form,
        "draft": draft,
    }
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "learn/script.html", context, status=400)
        typed = form.cleaned_data["text"]
        if action == "save":
            services.save_script_draft(author=request.user, key=current.key, text=typed)
            messages.success(request, _("Saved. Only you can see your version."))
            return redirect("learn:script", key=current.key)
        _check(request, context, typed, lang)
    return render(request, "learn/script.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def script_print(request: HttpRequest, key: str) -> HttpResponse:
    """A page to print: the text posted from the script page (not stored), or the saved one."""
    lang = language()
    current = _script_or_404(request, key, lang)
    if request.method == "POST":
        form = ScriptForm(request.POST)
        if not form.is_valid():
            _start, filled = _starting_text(request, current, lang)
            context = {
                "script": current,
                "filled": filled,
                "form": form,
                "draft": services.script_draft(request.user, current.key),
            }
            return render(request, "learn/script.html", context, status=400)
        body = form.cleaned_data["text"]
    else:
        body, _filled = _starting_text(request, current, lang)
    return render(request, "learn/script_print.html", {"script": current, "body": body})
