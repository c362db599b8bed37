from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from haven.core import policy
from haven.core.editing import CONFLICT_MESSAGE, EditConflict
from haven.core.policy import Action
from haven.journal import services
from haven.journal.forms import ReflectionForm
from haven.journal.models import Reflection


@login_required
@require_GET
def reflection_list(request: HttpRequest) -> HttpResponse:
    items = policy.visible(request.user, Reflection).select_related("author__profile")
    mine = [r for r in items if r.author_id == request.user.pk]
    partners = [r for r in items if r.author_id != request.user.pk]
    return render(request, "journal/list.html", {"mine": mine, "partners": partners})


@login_required
@require_http_methods(["GET", "POST"])
def reflection_new(request: HttpRequest) -> HttpResponse:
    form = ReflectionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            reflection = services.create_reflection(
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
            messages.success(request, _("Saved."))
            return redirect("journal:detail", pk=reflection.pk)
        return render(request, "journal/form.html", {"form": form}, status=400)
    return render(request, "journal/form.html", {"form": form})


@login_required
@require_GET
def reflection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = policy.get_or_404(request.user, Reflection, Action.VIEW, pk=pk)
    return render(
        request,
        "journal/detail.html",
        {"reflection": reflection, "is_author": reflection.author_id == request.user.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reflection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = policy.get_or_404(request.user, Reflection, Action.CHANGE, pk=pk)
    form = ReflectionForm(request.POST or None, instance=reflection)
    if request.method == "POST":
        if form.is_valid():
            try:
                form.save_checked()
            except EditConflict as conflict:
                context = {"form": form, "reflection": reflection, "conflict": conflict.current}
                messages.error(request, CONFLICT_MESSAGE)
                return render(request, "journal/form.html", context, status=409)
            messages.success(request, _("Saved."))
            return redirect("journal:detail", pk=reflection.pk)
        context = {"form": form, "reflection": reflection}
        return render(request, "journal/form.html", context, status=400)
    return render(request, "journal/form.html", {"form": form, "reflection": reflection})


@login_required
@require_http_methods(["GET", "POST"])
def reflection_delete(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = policy.get_or_404(request.user, Reflection, Action.DELETE, pk=pk)
    if request.method == "POST":
        reflection.delete()
        messages.success(request, _("Deleted."))
        return redirect("journal:list")
    return render(request, "journal/delete.html", {"reflection": reflection})


@login_required
@require_POST
def reflection_share(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = policy.get_or_404(request.user, Reflection, Action.SHARE, pk=pk)
    shared = request.POST.get("shared") == "1"
    services.set_visibility(reflection=reflection, shared=shared)
    if shared:
        messages.success(request, _("Shared with your partner."))
    else:
        messages.success(request, _("Only you can see this now."))
    return redirect("journal:detail", pk=reflection.pk)
