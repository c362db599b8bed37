"""Small builders for the cycle tests."""

from __future__ import annotations

from haven.cycle import services


def side(author, *, shared: bool = False, **values):
    """The author's side with `values` (through the service, so it starts private)."""
    made = services.save_side(author=author, values=values or {"trigger": "x"})
    if shared:
        services.set_visibility(side=made, shared=True)
    return made


def fresh(user):
    """The same user without the per-request caches of the policy."""
    return type(user).objects.get(pk=user.pk)
