from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from haven.accounts.models import Profile
from haven.coach import analyze
from haven.coach.safety import safety_note
from haven.practise import services
from haven.practise.forms import PractiseForm
from haven.safety import helplines


def _context(request: HttpRequest) -> tuple[dict, int]:
    # Bound on every POST, even an empty one: an unbound form has no cleaned_data.
    form = PractiseForm(request.POST if request.method == "POST" else None)
    context: dict = {"form": form}
    if request.method != "POST":
        return context, 200
    # Validate the message first: the choices depend on what the coach finds.
    form.is_valid()
    if "message" in form.errors:
        return context, 400
    practice = services.practise(form.cleaned_data["message"], form.cleaned_data.get("lang"))
    form.set_choices(practice.feelings, practice.needs)
    form.full_clean()
    context["practice"] = practice
    language = practice.analysis.language
    if practice.analysis.safety:
        country = (
            Profile.objects.filter(user=request.user).values_list("country", flat=True).first()
        )
        kind = practice.analysis.safety_kind
        context["help"] = helplines.for_safety_kind(country or "", language, kind)
        if kind:
            context["safety_note"] = safety_note(kind, language)
    elif request.POST.get("action") == "compose":
        labels = dict(form.fields["feelings"].choices)
        need_labels = dict(form.fields["needs"].choices)
        feelings = [labels[k] for k in form.cleaned_data.get("feelings", []) if k in labels]
        needs = [need_labels[k] for k in form.cleaned_data.get("needs", []) if k in need_labels]
        draft = services.compose(language, feelings, needs)
        context["draft"] = draft
        context["draft_analysis"] = analyze(draft, lang=language)
    return context, 200


@login_required
@require_http_methods(["GET", "POST"])
def practise_page(request: HttpRequest) -> HttpResponse:
    context, status = _context(request)
    return render(request, "practise/page.html", context, status=status)


@login_required
@require_POST
def practise_fragment(request: HttpRequest) -> HttpResponse:
    """The results part alone, for the live update while typing."""
    context, status = _context(request)
    return render(request, "practise/_results.html", context, status=status)
