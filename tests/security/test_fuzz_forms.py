"""Requirement 21: fuzzing every form (NUL, 100k characters, emoji, right-to-left
text) never yields a 500.

Every URL name in VIEW_POLICY that accepts POST, and every allauth page that
accepts POST, is a target, so a view added later is fuzzed without touching
this module. The fields of a target are found two ways and merged:

- the HTML: forms on the page itself (or, for a POST-only URL, on the pages of
  its app) whose action, or a script's data-*-url, points at the target;
- the Django forms the view builds while answering a GET and an empty POST
  (this finds what a script sends, e.g. the autosave endpoints).

Then Hypothesis draws values for those fields, and a deterministic pass sends
each named hostile value once into every text field of every form, the other
fields left valid so the text gets as far as it can (the database included).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from unittest import mock
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django import forms
from django.test import Client
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haven.core.guards import NO_CONSENT_NEEDED
from haven.core.models import Visibility
from haven.core.policy import CONTENT_POLICY, VIEW_POLICY, Access, Actor
from haven.couples import services as couples
from tests.conftest import PASSWORD, make_user
from tests.factories import CONTENT_FACTORIES, URL_KWARGS

# Small on purpose: about 90 targets on a 2-core machine, well under a minute.
EXAMPLES_PER_TARGET = 5

# --- The named hostile values -------------------------------------------------------

NUL_TEXT = "before\x00after \x00 and a NUL at the end\x00"
LONG_TEXT = ("You never listen to me, je luistert nooit. " * 2400)[:100_000]
EMOJI_TEXT = (
    "👩🏽\u200d❤️\u200d💋\u200d👨🏿 👨\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈 👍🏾 "
    "🧑🏻\u200d🤝\u200d🧑🏿 ❤️\u200d🔥 🇳🇱 😀"
)
RTL_TEXT = (
    "\u202eأنا أحبك\u202c שלום עליכם \u202dabc\u202c \u2067مرحبا\u2069 "
    "\u202bטקסט\u202c \u200fم\u200e"
)
NAMED_VALUES = {"nul": NUL_TEXT, "100k": LONG_TEXT, "emoji": EMOJI_TEXT, "rtl": RTL_TEXT}
assert len(LONG_TEXT) == 100_000

EMOJI = [
    "😀",
    "🫠",
    "👍🏻",
    "👍🏿",
    "👩🏽\u200d💻",
    "👨\u200d👩\u200d👧\u200d👦",
    "👩🏽\u200d❤️\u200d💋\u200d👨🏿",
    "🧑🏻\u200d🤝\u200d🧑🏿",
    "🏳️\u200d🌈",
    "🏴\u200d☠️",
    "❤️\u200d🔥",
    "🇳🇱",
    "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "\u200d",
    "\ufe0f",
]
BIDI_CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067"]
BIDI_CONTROLS += ["\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]

# Lone surrogates cannot travel in HTTP (a form is sent as UTF-8), so the
# alphabet is every code point that UTF-8 can encode.
CHARS = st.characters(codec="utf-8")
_general = st.text(CHARS, max_size=200)
_nul = st.tuples(st.text(CHARS, max_size=30), st.text(CHARS, max_size=30)).map(
    lambda parts: parts[0] + "\x00" + parts[1]
)
_long = st.text(CHARS, min_size=1, max_size=12).map(
    lambda chunk: (chunk * (100_000 // len(chunk) + 1))[:100_000]
)
_emoji = st.lists(st.sampled_from(EMOJI), min_size=1, max_size=25).map("".join)
_rtl = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x0590, max_codepoint=0x05FF, codec="utf-8"),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF, codec="utf-8"),
        st.sampled_from(BIDI_CONTROLS),
        st.just(" "),
    ),
    min_size=1,
    max_size=60,
).map("".join)
HOSTILE = st.one_of(
    _nul,
    _long,
    _emoji,
    _rtl,
    _general,
    st.lists(st.one_of(_nul, _emoji, _rtl, _general), min_size=2, max_size=4).map("".join),
)
# A field name nobody expects; no quotes or line breaks, which the test client
# would put unescaped into the multipart headers.
STRAY_NAME = st.lists(
    st.one_of(st.sampled_from("abcxyz_-"), st.sampled_from(EMOJI), st.sampled_from("שלוםأنا")),
    min_size=1,
    max_size=12,
).map("".join)


# --- Finding the fields -------------------------------------------------------------

TEXT, EMAIL, NUMBER, CHOICE, HIDDEN = "text", "email", "number", "choice", "hidden"
NOT_FUZZED = {"csrfmiddlewaretoken"}  # the test client does not check it anyway


@dataclass
class Field:
    kind: str
    # Values known to be valid: choices, or what a page's script would send.
    options: list[str] = field(default_factory=list)
    default: str = ""
    multiple: bool = False

    def merge(self, other: Field) -> None:
        # The HTML may only show a hidden input where the form class says more.
        if self.kind in (HIDDEN, TEXT) and other.kind in (EMAIL, NUMBER, CHOICE):
            self.kind = other.kind
        self.options += [o for o in other.options if o not in self.options]
        self.default = self.default or other.default
        self.multiple = self.multiple or other.multiple

    @property
    def typed(self) -> bool:
        """Free text a person types (not a choice or an identifier)."""
        return self.kind in (TEXT, EMAIL) and not self.options


@dataclass
class ParsedForm:
    targets: list[str]  # the action and any data-*-url, as given in the page
    fields: dict[str, Field] = field(default_factory=dict)
    # data-<name>="value" on the form or inside it: what its script sends as <name>.
    hints: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, new: Field) -> None:
        if name in NOT_FUZZED:
            return
        if name in self.fields:
            self.fields[name].merge(new)
        else:
            self.fields[name] = new

    def hint(self, attrs: dict[str, str]) -> None:
        for key, value in attrs.items():
            if key.startswith("data-") and not key.endswith("-url") and value:
                self.hints.setdefault(key[5:], []).append(value)


TEXT_INPUTS = {"", "text", "search", "password", "tel", "url", "date", "time"}
TEXT_INPUTS |= {"datetime-local", "month", "week", "color"}


class FormParser(HTMLParser):
    """The forms of a page that post: where they post, and their fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[ParsedForm] = []
        self._form: ParsedForm | None = None
        self._select: tuple[str, Field] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = None
            if a.get("method", "get").lower() == "post":
                urls = [v for k, v in a.items() if k.startswith("data-") and k.endswith("-url")]
                self._form = ParsedForm(targets=[a.get("action", ""), *urls])
                self.forms.append(self._form)
                self._form.hint(a)
            return
        if self._form is None:
            return
        self._form.hint(a)
        if tag == "option" and self._select is not None:
            select = self._select[1]
            select.options.append(a.get("value", ""))
            if "selected" in a or not select.default:
                select.default = a.get("value", "")
        name = a.get("name", "")
        if name:
            self._field(tag, name, a)

    def _field(self, tag: str, name: str, a: dict[str, str]) -> None:
        assert self._form is not None
        kind, value = a.get("type", "").lower(), a.get("value", "")
        if tag == "textarea":
            self._form.add(name, Field(TEXT))
        elif tag == "select":
            self._select = (name, Field(CHOICE, multiple="multiple" in a))
        elif tag == "button" and kind in ("", "submit"):
            self._form.add(name, Field(CHOICE, [value], default=value))
        elif tag != "input":
            return
        elif kind in TEXT_INPUTS:
            self._form.add(name, Field(TEXT, default=value))
        elif kind in ("number", "range"):
            self._form.add(name, Field(NUMBER, default=value))
        elif kind == "email":
            self._form.add(name, Field(EMAIL, default=value))
        elif kind == "hidden":
            self._form.add(name, Field(HIDDEN, default=value))
        elif kind in ("radio", "checkbox", "submit"):
            value = value or "on"
            # A radio group sends its checked value, or else the first one.
            chosen = "checked" in a or kind != "radio"
            self._form.add(name, Field(CHOICE, [value], multiple=kind == "checkbox"))
            known = self._form.fields.get(name)
            if known is not None and (chosen or not known.default):
                known.default = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            self._form.add(*self._select)
            self._select = None


def _forms_on(client: Client, page_url: str) -> list[ParsedForm]:
    response = client.get(page_url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser()
    parser.feed(response.content.decode(errors="replace"))
    for form in parser.forms:
        form.targets = [urlsplit(urljoin(page_url, t)).path for t in form.targets]
    return parser.forms


def _django_field(form_field: forms.Field) -> Field:
    if isinstance(form_field, forms.BooleanField):
        return Field(CHOICE, ["on", ""], default="on")
    if isinstance(form_field, forms.ChoiceField):
        options = []
        for key, label in form_field.choices:
            group = label if isinstance(label, (list, tuple)) else [(key, label)]
            options += [str(k) for k, _ in group]
        multiple = isinstance(form_field, forms.MultipleChoiceField)
        default = next((o for o in options if o), "")
        return Field(CHOICE, options, default=default, multiple=multiple)
    if isinstance(form_field, forms.EmailField):
        return Field(EMAIL)
    if isinstance(form_field, (forms.IntegerField, forms.FloatField, forms.DecimalField)):
        return Field(NUMBER)
    return Field(TEXT)


@contextlib.contextmanager
def _forms_built() -> Iterator[list[forms.BaseForm]]:
    """Every Django form constructed inside the block."""
    built: list[forms.BaseForm] = []
    original = forms.BaseForm.__init__

    def spy(self: forms.BaseForm, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        built.append(self)

    with mock.patch.object(forms.BaseForm, "__init__", spy):
        yield built


def discover_fields(client: Client, url: str, related: list[str]) -> dict[str, Field]:
    """The fields a person (or a page's script) can send to `url`."""
    found = ParsedForm(targets=[url])
    path = urlsplit(url).path
    with _forms_built() as built:
        own_page = _forms_on(client, url)
        # An empty form is a submission too.
        assert_no_server_error(url, url, {}, client.post(url, {}))
    pages = own_page if own_page else [f for page in related for f in _forms_on(client, page)]
    for form in pages:
        if path in form.targets:
            for name, parsed in form.fields.items():
                found.add(name, parsed)
            for name, values in form.hints.items():
                found.hints.setdefault(name, []).extend(values)
    for django_form in built:
        # Read after the request: some views set choices once they have the data.
        for name, form_field in django_form.fields.items():
            found.add(django_form.add_prefix(name), _django_field(form_field))
    for name, values in found.hints.items():
        if name in found.fields:
            found.add(name, Field(found.fields[name].kind, values, default=values[0]))
    return found.fields


# --- The targets --------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    anonymous: bool

    def __str__(self) -> str:
        return f"{self.name}[{'anonymous' if self.anonymous else 'logged-in'}]"


def _allauth_post_views() -> list[URLPattern]:
    def walk(patterns: list) -> Iterator[URLPattern]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                yield pattern

    return [
        p
        for p in walk(get_resolver().url_patterns)
        if getattr(p.callback, "__module__", "").startswith("allauth.")
        and hasattr(getattr(p.callback, "view_class", None), "post")
    ]


def _targets() -> list[Target]:
    targets = []
    for name, rule in sorted(VIEW_POLICY.items()):
        if "POST" in rule.methods:
            targets.append(Target(name, anonymous=False))
            if rule.access == Access.PUBLIC:
                targets.append(Target(name, anonymous=True))
    # People type on the account pages too; most answer both the logged-in
    # and the anonymous visitor (login, sign-up, reset), so both are fuzzed.
    for pattern in sorted(_allauth_post_views(), key=lambda p: p.name or ""):
        targets += [Target(pattern.name, anonymous=False), Target(pattern.name, anonymous=True)]
    return targets


TARGETS = _targets()


def _acting_user(cast: Any, name: str) -> Any:
    """Who may use the view: the author, or for an answer the partner."""
    rule = VIEW_POLICY.get(name)
    if rule is None or rule.access != Access.OBJECT:
        return cast.partner_a
    return cast.user_for(_actor_and_visibility(rule.model, rule.action)[0])


def _actor_and_visibility(model: str, action: Any) -> tuple[Actor, str]:
    granted = [key for key, actions in CONTENT_POLICY[model].items() if action in actions]
    assert granted, f"nobody may {action} a {model}: the view cannot be fuzzed"
    return min(granted, key=lambda key: (key[0] != Actor.AUTHOR, key[1] != Visibility.PRIVATE))


class UrlFor:
    """The target's URL, with what it points at made again once a fuzzed request
    used it up (deleted the item, accepted the invitation, confirmed the
    address), so that every example reaches the view itself."""

    def __init__(self, cast: Any, name: str) -> None:
        self.cast, self.name = cast, name
        self.rule = VIEW_POLICY.get(name)
        self.obj: Any = None
        self.made = 0

    def __call__(self) -> str:
        name, rule, cast = self.name, self.rule, self.cast
        if rule is not None and rule.access == Access.OBJECT:
            if self.obj is None or not type(self.obj).objects.filter(pk=self.obj.pk).exists():
                visibility = _actor_and_visibility(rule.model, rule.action)[1]
                self.obj = CONTENT_FACTORIES[rule.model](cast.partner_a, visibility, "fuzz")
            return reverse(name, kwargs={"pk": self.obj.pk})
        if name == "couples:join":
            if self.obj is None or couples.find_invitation(token=self.obj) is None:
                self.made += 1
                inviter = make_user(f"inviter{self.made}@example.org", "Ivo")
                self.obj = couples.create_invitation(inviter=inviter).token
            return reverse(name, kwargs={"token": self.obj})
        if name == "account_confirm_email":
            from allauth.account.models import EmailAddress, EmailConfirmationHMAC

            if self.obj is None or EmailAddress.objects.filter(pk=self.obj.pk, verified=True):
                self.made += 1
                self.obj = EmailAddress.objects.create(
                    user=cast.partner_a, email=f"second{self.made}@example.org"
                )
            return reverse(name, kwargs={"key": EmailConfirmationHMAC(self.obj).key})
        if name == "account_reset_password_from_key":
            from allauth.account.forms import default_token_generator
            from allauth.account.utils import user_pk_to_url_str

            user = cast.partner_a
            user.refresh_from_db()  # the token changes with the password
            key = default_token_generator.make_token(user)
            return reverse(name, kwargs={"uidb36": user_pk_to_url_str(user), "key": key})
        if name in URL_KWARGS:
            return reverse(name, kwargs=URL_KWARGS[name]())
        try:
            return reverse(name)
        except NoReverseMatch:
            pytest.fail(f"{name} needs URL arguments: teach UrlFor how to make them")

    def related_pages(self) -> list[str]:
        """Pages that may hold the form for a POST-only view: its app's pages."""
        namespace = self.name.split(":")[0] if ":" in self.name else None
        pages = [reverse("home")]
        for other, rule in VIEW_POLICY.items():
            same_app = namespace is not None and other.startswith(f"{namespace}:")
            if not same_app or "GET" not in rule.methods:
                continue
            if rule.access == Access.OBJECT:
                if self.rule is None or rule.model != self.rule.model or self.obj is None:
                    continue
                pages.append(reverse(other, kwargs={"pk": self.obj.pk}))
            elif other in URL_KWARGS:
                pages.append(reverse(other, kwargs=URL_KWARGS[other]()))
            else:
                with contextlib.suppress(NoReverseMatch):  # e.g. a token in the URL
                    pages.append(reverse(other))
        return pages


def _log_in(client: Client, user: Any) -> None:
    # A real login (not force_login), then the password once more: the pages
    # that ask for it again (email, second factor) then show their forms.
    login = {"login": user.email, "password": PASSWORD}
    response = client.post(reverse("account_login"), login)
    assert response.status_code == 302, f"could not log in {user.email}"
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


@dataclass
class Prepared:
    target: Target
    url_for: UrlFor
    user: Any
    fields: dict[str, Field] = field(default_factory=dict)
    client: Client = field(default_factory=lambda: Client(raise_request_exception=False))
    base: str = ""
    url: str = ""

    def ready(self) -> tuple[Client, str]:
        """A client in the right state (logged in or not) and the URL to post to."""
        logged_in = "_auth_user_id" in self.client.session
        if logged_in == self.target.anonymous:
            # Logout, the quick exit, ending sessions, or a sign-up that worked.
            self.client = Client(raise_request_exception=False)
            self.base = ""
            if not self.target.anonymous:
                _log_in(self.client, self.user)
        base = self.url_for()
        if base != self.base:
            self.base = self.url = base
            # Some pages move to a URL of their own first (a reset key is put
            # in the session and taken out of the address): post there.
            response = self.client.get(base, follow=True)
            final = urlsplit(response.request["PATH_INFO"]).path
            with contextlib.suppress(Resolver404):
                if resolve(final).view_name == resolve(base).view_name:
                    self.url = final
        return self.client, self.url


def prepare(cast: Any, target: Target) -> Prepared:
    prepared = Prepared(target, UrlFor(cast, target.name), _acting_user(cast, target.name))
    client, url = prepared.ready()
    prepared.fields = discover_fields(client, url, prepared.url_for.related_pages())
    return prepared


# --- Sending ------------------------------------------------------------------------


def _summary(data: dict[str, Any]) -> str:
    def short(value: Any) -> str:
        if isinstance(value, list):
            return "[" + ", ".join(short(v) for v in value) + "]"
        text = str(value)
        return repr(text[:60]) + (f"... ({len(text)} chars)" if len(text) > 60 else "")

    return "\n".join(f"  {name}: {short(value)}" for name, value in data.items()) or "  (none)"


def post_and_check(prepared: Prepared, data: dict[str, Any]) -> None:
    client, url = prepared.ready()
    assert_no_server_error(str(prepared.target), url, data, client.post(url, data))


def assert_no_server_error(target: str, url: str, data: dict[str, Any], response: Any) -> None:
    if response.status_code >= 500:
        error = ""
        exc_info = getattr(response, "exc_info", None)
        if exc_info:
            error = f"{exc_info[0].__name__}: {str(exc_info[1])[:300]}"
        message = (
            f"{target} answered {response.status_code} for POST {url}\n"
            f"{error}\nfields:\n{_summary(data)}"
        )
        print(message)
        pytest.fail(message)


def _defaults(fields: dict[str, Field]) -> dict[str, Any]:
    """A valid answer for everything that is not typed text."""
    return {name: f.default for name, f in fields.items() if not f.typed}


def _strategy(f: Field) -> st.SearchStrategy:
    # Hostile twice: with few examples, most fields should still get one.
    choices: list[st.SearchStrategy] = [HOSTILE, HOSTILE, st.just(f.default), st.none()]
    if f.kind == EMAIL:
        choices.append(HOSTILE.map(lambda s: f"{s[:200]}@example.org"))
    if f.kind == NUMBER:
        choices.append(st.integers(min_value=-(10**20), max_value=10**20).map(str))
    if f.options:
        valid = st.sampled_from(f.options)
        choices += [valid, valid]
        if f.multiple:
            choices.append(st.lists(st.one_of(valid, HOSTILE), min_size=1, max_size=4))
    return st.one_of(choices)


# --- The tests ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any) -> None:
    # allauth throttles failed logins, sign-ups and resets per IP. The fuzzer
    # sends hundreds of them from one address; throttled requests answer 429
    # before the form is even validated, hiding the code under test.
    # Throttling itself is proven in tests/security/test_sessions_and_login.py.
    settings.ACCOUNT_RATE_LIMITS = False


def test_every_form_in_haven_and_allauth_is_a_target() -> None:
    names = {t.name for t in TARGETS}
    posting = {n for n, r in VIEW_POLICY.items() if "POST" in r.methods}
    assert posting <= names
    for page in (
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_from_key",
        "account_change_password",
        "account_email",
        "mfa_activate_totp",
        "usersessions_list",
    ):
        assert page in names, page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("journal:new", {"title", "body"}),
        ("journal:share", {"shared"}),  # POST-only: found on the reflection's page
        ("reflection:history_autosave", {"section", "prompt", "text"}),  # sent by a script
        ("account_signup", {"email", "password1", "password2"}),
        ("language", {"language", "next"}),
    ],
)
def test_discovery_finds_the_fields(cast: Any, name: str, expected: set[str]) -> None:
    prepared = prepare(cast, Target(name, anonymous=name == "account_signup"))
    assert expected <= set(prepared.fields), sorted(prepared.fields)


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_hostile_values_in_every_text_field(cast: Any, target: Target) -> None:
    """Each named value once in every text field; the rest left valid."""
    prepared = prepare(cast, target)
    text_fields = [name for name, f in prepared.fields.items() if f.typed]
    for value in NAMED_VALUES.values():
        data = _defaults(prepared.fields)
        data.update(dict.fromkeys(text_fields, value))
        if not text_fields:
            data["note"] = value  # a field the view does not expect
        post_and_check(prepared, data)


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_fuzzed_values_never_give_a_server_error(cast: Any, target: Target) -> None:
    prepared = prepare(cast, target)
    strategies = {name: _strategy(f) for name, f in sorted(prepared.fields.items())}
    stray = st.one_of(st.none(), st.tuples(STRAY_NAME, HOSTILE))

    @settings(
        max_examples=EXAMPLES_PER_TARGET,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(values=st.fixed_dictionaries(strategies), extra=stray)
    def run(values: dict[str, Any], extra: tuple[str, str] | None) -> None:
        data = {name: value for name, value in values.items() if value is not None}
        if extra is not None and extra[0] not in data:
            data[extra[0]] = extra[1]
        post_and_check(prepared, data)

    run()


def test_text_kept_for_later_survives_hostile_values(cast: Any) -> None:
    """A form sent after the session ended, or before consent, is kept in the
    session for later (haven.core.rescue) without any form checking it; then
    shown again on the rescue page. Neither may fail on hostile text."""
    newcomer = make_user("new@example.org", "Nia", consent=False)
    names = [n for n, r in sorted(VIEW_POLICY.items()) if "POST" in r.methods]
    urls = {n: UrlFor(cast, n)() for n in names if VIEW_POLICY[n].access != Access.PUBLIC}
    for label, value in NAMED_VALUES.items():
        data = {"body": value}
        for user in (None, newcomer):
            client = Client(raise_request_exception=False)
            if user is not None:
                _log_in(client, user)
            for name, url in urls.items():
                response = client.post(url, data)
                assert_no_server_error(f"{name}[kept, {label}]", url, data, response)
                if user is None:
                    # Nobody to keep it for (no session, no last-user cookie):
                    # it is shown back at once, to copy, and kept for nobody.
                    assert 'data-testid="unowned-text"' in response.content.decode(), name
                elif name not in NO_CONSENT_NEEDED:
                    # The text was kept and the person is sent to get it back.
                    assert "rescue" in unquote(response.get("Location", "")), (name, label)
            if user is None:
                _log_in(client, cast.partner_a)
            for method in (client.get, client.post):  # show it, then throw it away
                url = reverse("rescue")
                assert_no_server_error(f"rescue[{label}]", url, {}, method(url))
