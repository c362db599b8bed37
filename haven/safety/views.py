"""The safety check and the help page. Nothing here is ever shown to the partner,
and visiting these pages leaves no trace the partner could see."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.core import policy
from haven.core.navigation import safe_next
from haven.safety import helplines, screen, services
from haven.safety.forms import SafetyCheckForm
from haven.safety.models import SafetyCheck
from haven.safety.selectors import individual_path, latest_check


def _language() -> str:
    return translation.get_language() or "en"


@login_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = SafetyCheckForm(data, language=_language())
    if request.method == "POST" and form.is_valid():
        services.record_check(author=request.user, answers=form.answers())
        return redirect("safety:result")
    context = {"form": form, "screen": screen.screen(_language()), "next": safe_next(request)}
    status = 400 if request.method == "POST" else 200
    return render(request, "safety/check.html", context, status=status)


@login_required
@require_GET
def result(request: HttpRequest) -> HttpResponse:
    latest = latest_check(request.user)
    context = {
        "result": screen.result_text(latest.result, _language()) if latest else None,
        "danger": latest is not None and latest.indicates_danger,
        **_help_context(request),
    }
    return render(request, "safety/result.html", context)


def _help_context(request: HttpRequest) -> dict:
    language = _language()
    country = request.GET.get("country", "")
    if country not in helplines.countries():
        profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
        country = getattr(profile, "country", "") or helplines.FALLBACK_COUNTRY
    return {
        "help": helplines.for_country(country, language),
        "countries": [
            (code, helplines.for_country(code, language).name) for code in helplines.countries()
        ],
        "device": screen.device_advice(language),
        "individual": individual_path(request.user),
        "individual_text": screen.individual_text(language),
    }


@require_GET
def help_page(request: HttpRequest) -> HttpResponse:
    """Help lines and safe-device advice: open to anyone, logged in or not."""
    return render(request, "safety/help.html", _help_context(request))


@login_required
@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    """Delete every safety check this person took."""
    policy.visible(request.user, SafetyCheck, policy.Action.DELETE).delete()
    messages.success(request, _("Your safety check answers are deleted."))
    return redirect("safety:help")
