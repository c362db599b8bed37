"""`{% fixed %}`: markup that is the same for everyone, rendered once per language.

Haven's layout (the menu, the quick-exit form, the footer) and the fixed
texts of its pages are the same for every person: only the language and the
site's settings change them. Translating and reversing them on every request
is most of what the layout costs, so a `{% fixed %}` block renders them once
per language and reuses the markup.

Nothing personal can get in: the block is rendered with a context of its own,
holding only the site's name and the quick-exit address, never the page's
context. A variable about the person inside it renders empty.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def fixed_context() -> dict[str, str]:
    """All a fixed block may use: settings that are the same for everyone."""
    return {"site_name": settings.SITE_NAME, "quick_exit_url": settings.QUICK_EXIT_URL}


class FixedNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist
        self.rendered: dict[tuple[object, ...], SafeString] = {}

    def render(self, context: template.Context) -> SafeString:
        values = fixed_context()
        key = (
            translation.get_language(),
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
            context.autoescape,
            *values.values(),
        )
        markup = self.rendered.get(key)
        if markup is None:
            own = template.Context(values, autoescape=context.autoescape)
            own.template = context.template  # for {% include %} and friends
            markup = mark_safe(self.nodelist.render(own))
            if len(self.rendered) < 64:  # languages × prefixes: a handful in practice
                self.rendered[key] = markup
        return markup


@register.tag
def fixed(parser: template.base.Parser, token: template.base.Token) -> FixedNode:
    """{% fixed %}...{% endfixed %}: see the module's docstring."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% fixed %} takes no arguments")
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    return FixedNode(nodelist)
