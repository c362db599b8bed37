from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from haven.accounts import consent
from haven.accounts import export as export_data
from haven.accounts import services as account_services
from haven.accounts.forms import DeleteAccountForm, PasswordCheckForm, ProfileForm
from haven.accounts.models import Profile, display_name
from haven.core.guards import CLEAR_SITE_DATA
from haven.core.navigation import safe_next


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    instance, _created = Profile.objects.get_or_create(
        user=request.user, defaults={"display_name": display_name(request.user)}
    )
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            translation.activate(form.instance.language)
            messages.success(request, _("Your profile was saved."))
            return redirect("profile")
        return render(request, "accounts/profile.html", {"form": form}, status=400)
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def onboarding(request: HttpRequest) -> HttpResponse:
    """Who runs this server, what "private" means, and consent before anything is stored."""
    text = consent.text(translation.get_language() or "en")
    already = consent.has_consented(request.user.pk)
    error = ""
    if request.method == "POST":
        if request.POST.get("agree") == "yes":
            consent.give_consent(request.user)
            if already:
                return redirect(safe_next(request, reverse("home")))
            # First time: offer the safety check (answered alone, never shared).
            target = safe_next(request, "")
            check = reverse("safety:check")
            return redirect(f"{check}?{urlencode({'next': target})}" if target else check)
        error = _(
            "To write anything in Haven, please tick the box to agree. "
            "Help and settings work without it."
        )
    context = {
        "text": text,
        "already": already,
        "error": error,
        "next": safe_next(request, ""),
    }
    return render(request, "accounts/onboarding.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """Everything the person wrote, after they type their password again."""
    form = PasswordCheckForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            if request.POST.get("format") == "json":
                response = JsonResponse(
                    export_data.export_for(request.user),
                    json_dumps_params={"ensure_ascii": False, "indent": 2},
                )
                stamp = timezone.now().strftime("%Y%m%d")
                response["Content-Disposition"] = f'attachment; filename="haven-{stamp}.json"'
                return response
            sections = export_data.sections_for(request.user)
            return render(request, "accounts/export_page.html", {"sections": sections})
        return render(request, "accounts/export.html", {"form": form}, status=400)
    return render(request, "accounts/export.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            logout(request)
            account_services.delete_account(user)
            response = render(request, "accounts/deleted.html")
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
            return response
        return render(request, "accounts/delete.html", {"form": form}, status=400)
    return render(request, "accounts/delete.html", {"form": form})
