"""Reminder settings, and turning reminders off from the link in an e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from haven.checkins import content, reminders
from haven.checkins.forms import ReminderForm, StopForm
from haven.checkins.views.common import language


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    current = reminders.reminder_for(request.user)
    initial = {"enabled": current.enabled, "time": current.time, "timezone": current.timezone}
    form = ReminderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        reminders.save_reminder(
            author=request.user,
            enabled=form.cleaned_data["enabled"],
            at=form.cleaned_data["time"],
            zone=form.cleaned_data["timezone"],
            site_url=request.build_absolute_uri("/"),
        )
        if form.cleaned_data["enabled"]:
            messages.success(request, _("Reminders are on."))
        else:
            messages.success(request, _("Reminders are off."))
        return redirect("checkins:reminders")
    context = {
        "form": form,
        "reminder": current,
        "explanation": content.text("reminders", language()),
        "has_email": bool(request.user.email),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "checkins/reminders.html", context, status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop(request: HttpRequest) -> HttpResponse:
    """The link in every reminder e-mail: turn reminders off without logging in.

    GET only asks (mail scanners open links); POST turns them off. Exempt from
    CSRF on purpose: mail programs send the one-click POST (RFC 8058) without
    a token, and the only thing it can do is stop the token owner's reminders.
    The page says nothing about whose reminders they are.
    """
    # A mail program's one-click POST keeps the token in the link's query string.
    token = request.POST.get("t") or request.GET.get("t", "")
    form = StopForm({"t": token})
    author_id = reminders.author_for_token(token) if form.is_valid() else None
    if request.method == "POST":
        if author_id is None:
            return render(request, "checkins/reminders_stop.html", {"invalid": True}, status=400)
        reminders.stop(author_id=author_id)
        return render(request, "checkins/reminders_stop.html", {"stopped": True})
    context = {"invalid": author_id is None, "token": token if author_id else ""}
    return render(request, "checkins/reminders_stop.html", context)
