from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.core import sharing
from haven.couples import selectors, services
from haven.couples.forms import AcceptForm, CodeForm, InviteForm, UnlinkForm


def _join_link(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("couples:join", args=[token]))


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    partner = selectors.current_partner(request.user)
    invitation = None if partner else selectors.open_invitation(request.user)
    # While it is open, the inviter can see and copy the link and code again.
    issued = services.reissued(invitation) if invitation else None
    return render(
        request,
        "couples/overview.html",
        {
            "partner": partner,
            "invitation": invitation,
            "link": _join_link(request, issued.token) if issued else "",
            "code": issued.code if issued else "",
            "invite_form": InviteForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        # Reloading the page that showed a new invitation: the overview, not a 405.
        return overview(request)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "couples/overview.html",
            {"partner": None, "invitation": None, "invite_form": form},
            status=400,
        )
    try:
        issued = services.create_invitation(inviter=request.user)
    except services.LinkError as exc:
        messages.error(request, str(exc))
        return redirect("couples:overview")
    return render(
        request,
        "couples/invitation.html",
        {
            "link": _join_link(request, issued.token),
            "code": issued.code,
            "invitation": issued.invitation,
        },
    )


@login_required
@require_POST
def cancel_invite(request: HttpRequest) -> HttpResponse:
    services.cancel_invitation(inviter=request.user)
    messages.success(request, _("The invitation was cancelled."))
    return redirect("couples:overview")


def _accept_page(
    request: HttpRequest, invitation, form, *, code: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "couples/accept.html",
        {
            "invitation": invitation,
            "form": form,
            "code": code,
            "pending_shared": sharing.pending_count(request.user.pk),
        },
        status=status,
    )


def _accept(request: HttpRequest, invitation) -> HttpResponse:
    form = AcceptForm(request.POST)
    if not form.is_valid():
        code = request.POST.get("code", "")
        return _accept_page(request, invitation, form, code=code, status=400)
    try:
        services.accept_invitation(invitation_id=invitation.pk, user=request.user)
    except services.LinkError as exc:
        messages.error(request, str(exc))
        return redirect("couples:overview")
    request.session.pop(selectors.PENDING_INVITATION_KEY, None)
    messages.success(request, _("You are now linked. Everything stays private until you share it."))
    return redirect("home")


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token=token)
    if not request.user.is_authenticated:
        # Most people who follow an invitation link are new: send them to sign
        # up. The invitation is kept in the session, so it is still offered
        # after sign-up, e-mail confirmation, consent and the safety check.
        if invitation is not None:
            request.session[selectors.PENDING_INVITATION_KEY] = token
        return redirect(f"{reverse('account_signup')}?{urlencode({'next': request.path})}")
    if invitation is None:
        return render(request, "couples/invalid_invitation.html", status=404)
    if request.method == "POST":
        return _accept(request, invitation)
    return _accept_page(request, invitation, AcceptForm())


def _code_attempt_allowed(request: HttpRequest) -> bool:
    """One more typed code for this account and address (the shared cache counts)."""
    from allauth.core.internal import ratelimit

    usage = ratelimit.consume(
        request,
        app="haven.couples",
        action="invitation_code",
        config={"invitation_code": settings.HAVEN_INVITATION_CODE_RATES},
        user=request.user,
    )
    return usage is not None


@login_required
@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and not _code_attempt_allowed(request):
        # The name of whoever made a code is shown only for a valid code, so
        # guessing codes would be a way to learn who uses Haven: limited.
        form = CodeForm(request.POST)
        form.is_valid()
        form.errors.clear()
        form.add_error(
            None,
            _(
                "You tried many codes in a short time. Wait an hour and try again, "
                "or ask your partner for the invitation link."
            ),
        )
        return render(request, "couples/enter_code.html", {"form": form}, status=429)
    if request.method == "POST" and "consent" in request.POST:
        invitation = services.find_invitation(code=request.POST.get("code", ""))
        if invitation is None:
            return render(request, "couples/invalid_invitation.html", status=404)
        return _accept(request, invitation)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.find_invitation(code=form.cleaned_data["code"])
        if invitation is not None:
            return _accept_page(request, invitation, AcceptForm(), code=form.cleaned_data["code"])
        form.add_error("code", _("This code is not valid. It may have expired or been used."))
    status = 400 if request.method == "POST" else 200
    return render(request, "couples/enter_code.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def unlink(request: HttpRequest) -> HttpResponse:
    partner = selectors.current_partner(request.user)
    if partner is None:
        return redirect("couples:overview")
    form = UnlinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.unlink(user=request.user)
        messages.success(request, _("Your accounts are no longer linked."))
        return redirect("couples:overview")
    status = 400 if request.method == "POST" else 200
    return render(request, "couples/unlink.html", {"form": form, "partner": partner}, status=status)
