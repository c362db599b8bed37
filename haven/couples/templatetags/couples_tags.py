"""The invitation someone followed before they had an account."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def followed_invitation_from(context: template.Context) -> str:
    """The inviter's name when this visitor followed a valid invitation link, else ''.

    Only the link (a long random token kept in this browser's session) names
    the inviter; a typed code never does before it is confirmed.
    """
    request = context.get("request")
    if request is None or request.user.is_authenticated:
        return ""
    from haven.couples.selectors import PENDING_INVITATION_KEY
    from haven.couples.services import find_invitation

    token = request.session.get(PENDING_INVITATION_KEY)
    invitation = find_invitation(token=token) if token else None
    if invitation is None:
        return ""
    return invitation.inviter.profile.display_name
