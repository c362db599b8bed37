"""Requirement 16 in a real browser: no content in URLs, page titles or browser
storage, and a headless crawl records zero third-party requests.

Anna logs in through the login form, then the crawler opens every page it can
reach: links followed breadth-first from the home page, plus every GET view in
VIEW_POLICY (object views for her own items, which all carry a canary), so a
page added later is crawled without touching this module. Every request the
browser makes is recorded; every page is checked for the canary in its
address, title, storage and cookies, and for Content Security Policy
violations (an inline script or style the policy blocks shows up as one).

The crawler never submits a form: not the quick exit (it leaves for a neutral
site on purpose), not the logout, not anything that changes data.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Error as PlaywrightError

from haven.core.models import Visibility
from haven.core.policy import VIEW_POLICY, Access
from haven.couples import services as couples
from haven.journal import services as journal
from tests.browser.conftest import DESKTOP
from tests.conftest import PASSWORD, link, make_user
from tests.factories import CONTENT_FACTORIES, URL_KWARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANARY = "canary-crawl-5e1d"
# A bound keeps the run short (about 0.2 s a page); Haven has about 80 pages
# now. Reaching it fails the test rather than leaving pages out unnoticed.
MAX_PAGES = 300
# Pages the crawler must not open even though they answer GET: none of them
# shows content, and opening them changes the session.
NOT_VISITED = {"/accounts/logout/", "/exit/"}

# A violation is also reported as an event; log it with words the console
# listener recognises, so a violation Chromium would only report (not print)
# is caught as well. Playwright injects this outside the page's CSP.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("Content Security Policy violation: " + event.violatedDirective
                + " blocked " + (event.blockedURI || "inline"));
});
"""


@dataclass
class Findings:
    origin: str
    current: str = "(login)"  # the page being opened, to say where a problem was
    requests: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    content_in_request_urls: list[str] = field(default_factory=list)
    page_problems: list[str] = field(default_factory=list)
    pages_showing_the_canary: list[str] = field(default_factory=list)

    def request(self, request: Any) -> None:
        url = request.url
        self.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            return  # made inside the page, nothing leaves the browser
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.third_party.append(f"{self.current}: {url}")
        if CANARY in unquote(url):
            self.content_in_request_urls.append(f"{self.current}: {url}")

    def console(self, message: Any) -> None:
        if "content security policy" in message.text.lower():
            self.csp.append(f"{self.current}: {message.text}")

    def page_error(self, error: Any) -> None:
        self.page_errors.append(f"{self.current}: {error}")


def _make_content(anna: Any) -> list[Any]:
    """Anna's private items, each with the canary in its text."""
    items = [
        journal.create_reflection(
            author=anna, title=f"Title {CANARY}", body=f"Private thoughts {CANARY}"
        )
    ]
    for factory in CONTENT_FACTORIES.values():
        items.append(factory(anna, Visibility.PRIVATE, CANARY))
    return items


def _view_policy_urls(items: list[Any]) -> list[str]:
    """Every GET view that can be built: object views once per item of their model."""
    urls = []
    for name, rule in sorted(VIEW_POLICY.items()):
        if "GET" not in rule.methods:
            continue
        if rule.access == Access.OBJECT:
            targets = [{"pk": i.pk} for i in items if i._meta.label == rule.model]
        elif name == "couples:join":
            inviter = make_user("inviter@example.org", "Ivo")
            targets = [{"token": couples.create_invitation(inviter=inviter).token}]
        elif name in URL_KWARGS:
            targets = [URL_KWARGS[name]()]
        else:
            targets = [{}]
        for kwargs in targets:
            try:
                urls.append(reverse(name, kwargs=kwargs))
            except NoReverseMatch:
                pytest.fail(f"cannot build a URL for {name}: teach the crawler its arguments")
    return urls


def _log_in(page: Any, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")


def _same_origin_links(page: Any, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        url = urldefrag(urljoin(page.url, href))[0]
        if url.startswith(base + "/"):
            found.append(url[len(base) :])
    return found


def _check_page(page: Any, path: str, findings: Findings) -> None:
    where = f"{path} (now at {page.url})"
    if CANARY in page.content():
        findings.pages_showing_the_canary.append(path)
    if CANARY in unquote(page.url):
        findings.page_problems.append(f"canary in the address: {where}")
    if CANARY in page.title():
        findings.page_problems.append(f"canary in the title {page.title()!r}: {where}")
    stored = page.evaluate(
        """() => ({
            local: Object.keys(localStorage).length,
            session: Object.keys(sessionStorage).length,
            cookie: document.cookie,
        })"""
    )
    if stored["local"] or stored["session"]:
        findings.page_problems.append(f"browser storage used ({stored}): {where}")
    if CANARY in stored["cookie"]:
        findings.page_problems.append(f"canary in a cookie: {where}")


def crawl(page: Any, base: str, start: list[str], findings: Findings) -> tuple[list[str], int]:
    """Open pages breadth-first; the paths visited, and how many were left."""
    queue = deque(start)
    seen = set(start)
    visited: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        if urlsplit(path).path in NOT_VISITED:
            continue
        findings.current = path
        try:
            response = page.goto(base + path)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue  # a file (e.g. recovery codes), not a page
            raise
        page.wait_for_load_state("load")
        visited.append(path)
        assert response is not None and response.status < 500, f"{path}: {response}"
        _check_page(page, path, findings)
        for found in _same_origin_links(page, base):
            if found not in seen:
                seen.add(found)
                queue.append(found)
    return visited, len(queue)


def test_crawl_records_no_content_in_urls_titles_or_storage_and_no_third_party(
    browser: Any, live_server: Any
) -> None:
    anna = make_user("anna@example.org", "Anna")
    bram = make_user("bram@example.org", "Bram")
    link(anna, bram)
    items = _make_content(anna)
    base = live_server.url
    findings = Findings(origin=base)

    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    context.on("request", findings.request)
    page = context.new_page()
    page.on("console", findings.console)
    page.on("pageerror", findings.page_error)

    _log_in(page, base, anna.email)
    start = ["/", *_view_policy_urls(items)]
    visited, left = crawl(page, base, list(dict.fromkeys(start)), findings)
    context.close()
    print(f"crawled {len(visited)} pages, {len(findings.requests)} requests")

    assert not left, f"{left} pages not crawled: raise MAX_PAGES"
    # The crawl really went through Haven, logged in, and saw Anna's items.
    assert len(visited) >= 30, visited
    assert any(p.startswith("/reflections/") and p[-2].isdigit() for p in visited), visited
    assert len(findings.requests) > len(visited)  # pages and their CSS and scripts
    # The content is on the pages (so its absence below means something).
    assert len(findings.pages_showing_the_canary) >= 5, findings.pages_showing_the_canary

    assert not findings.third_party, f"third-party requests: {findings.third_party}"
    assert not findings.content_in_request_urls, findings.content_in_request_urls
    assert not findings.page_problems, "\n".join(findings.page_problems)
    assert not findings.csp, "CSP violations:\n" + "\n".join(findings.csp)
    assert not findings.page_errors, f"script errors: {findings.page_errors}"
