from __future__ import annotations

from django.http import Http404
from django.utils import translation

from haven.learn import content
from haven.learn.content import Module
from haven.learn.loading import language_of


def language() -> str:
    return language_of(translation.get_language())


def module_or_404(slug: str, lang: str) -> Module:
    module = content.get(slug, lang)
    if module is None:
        raise Http404
    return module
