"""The progress page and the CSV download of one's own check-ins."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from haven.checkins import export, progress
from haven.checkins.forms import RangeForm
from haven.checkins.views.common import base_context, language


@login_required
@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    range_key = RangeForm(request.GET).chosen()
    context = base_context(request)
    context.update(
        progress.build(request.user, range_key, language(), partner_user=context["partner"])
    )
    return render(request, "checkins/progress.html", context)


@login_required
@require_GET
def csv_download(request: HttpRequest) -> HttpResponse:
    """Every check-in of the person, with its details, as a spreadsheet file."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="haven-check-ins.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    for row in export.rows(request.user, language()):
        writer.writerow(row)
    return response
