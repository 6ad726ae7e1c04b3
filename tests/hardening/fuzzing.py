"""Sending hostile values through the test client, one case per savepoint, collecting 500s."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.test.client import encode_multipart

from tests.hardening.corpus import HOSTILE_VALUES, encode_text
from tests.hardening.htmlforms import HtmlForm, urlencode_raw

SKIPPED_FIELDS = {"csrfmiddlewaretoken"}
FORM_URLENCODED = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Case:
    """One request of the fuzz: what it carries, for the failure message."""

    method: str
    path: str
    label: str
    pairs: tuple[tuple[str, str | bytes], ...] = ()
    body: bytes | None = None
    content_type: str = FORM_URLENCODED
    files: tuple[tuple[str, bytes], ...] = ()


class Fuzzer:
    """Sends cases as one signed-in client; each case runs in a savepoint that is rolled back
    and the session cookie is put back, so no case sees what another one did (a deleted account,
    a published draft, a logout)."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.cookies = {key: morsel.value for key, morsel in client.cookies.items()}
        self.failures: list[str] = []
        self.statuses: dict[str, list[int]] = {}
        self.count = 0

    def send(self, case: Case) -> int:
        with transaction.atomic():
            response = self._request(case)
            transaction.set_rollback(True)
        self.client.cookies = SimpleCookie(self.cookies)
        self.count += 1
        self.statuses.setdefault(f"{case.method} {case.path}", []).append(response.status_code)
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            cause = f"{exc[0].__name__}: {str(exc[1])[:160]!r}" if exc else ""
            self.failures.append(
                f"{case.method} {case.path} [{case.label}] -> {response.status_code} {cause}"
            )
        return response.status_code

    def _request(self, case: Case):
        if case.method == "GET":
            query = urlencode_raw(list(case.pairs))
            return self.client.get(f"{case.path}?{query}" if query else case.path)
        if case.files:
            data: dict = {name: value for name, value in case.pairs if isinstance(value, str)}
            for name, content in case.files:
                data[name] = SimpleUploadedFile("logo.png", content, content_type="image/png")
            body = encode_multipart("BoUnDaRy", data)
            return self.client.generic(
                "POST", case.path, body, content_type="multipart/form-data; boundary=BoUnDaRy"
            )
        body = case.body if case.body is not None else urlencode_raw(list(case.pairs)).encode()
        return self.client.generic("POST", case.path, body, content_type=case.content_type)


def _replace(
    pairs: list[tuple[str, str]], name: str, value: str | bytes
) -> tuple[tuple[str, str | bytes], ...]:
    """The pairs with every value of `name` replaced by one `value` (added when absent)."""
    kept: list[tuple[str, str | bytes]] = [(n, v) for n, v in pairs if n != name]
    return (*kept, (name, value))


# A formset's second and later rows are the same form class as its first: `prefix-1-field`.
_LATER_ROW = re.compile(r"-[1-9][0-9]*-")


def form_cases(form: HtmlForm, baseline: dict[str, str | list[str]]) -> Iterator[Case]:
    """The cases of `_form_cases`, each request once (a one-field form's "every field" and
    "every text field" cases are the same request)."""
    seen: set[tuple] = set()
    for case in _form_cases(form, baseline):
        key = (case.method, case.pairs, case.body, case.files)
        if key not in seen:
            seen.add(key)
            yield case


def _form_cases(  # noqa: C901 - one flat list of case families, each a loop
    form: HtmlForm, baseline: dict[str, str | list[str]]
) -> Iterator[Case]:
    """The cases for one form, from a valid baseline (what the page rendered, overridden by
    `baseline`) so the view really processes what it accepts:

    - each hostile value in every field at once: every field's own validation sees every value
      (a form cleans each field independently);
    - each hostile value in every free-text field of one kind at once (text, number, url,
      textarea…), the other fields valid, so what those fields accept reaches the service
      (choice fields accept only their options and are refused above by their own validation;
      fields of one kind validate alike, so one of them refusing a value seldom hides another);
    - each field sent twice (duplicates), each file input with hostile contents, an oversized
      and an invalid UTF-8 body.
    """
    method = "GET" if form.method == "get" else "POST"
    pairs = [(n, v) for n, v in form.submitted() if n not in baseline]
    for name, value in baseline.items():
        pairs.extend((name, v) for v in ([value] if isinstance(value, str) else value))
    yield Case(method, form.path, "baseline", tuple(pairs))
    names = [n for n in dict.fromkeys([*form.names, *baseline]) if n not in SKIPPED_FIELDS]
    names = [n for n in names if n not in form.file_names]
    for hostile in HOSTILE_VALUES:
        every = tuple((n, hostile.text) for n in names)
        yield Case(method, form.path, f"*={hostile.name}", every)
    kinds: dict[str, list[str]] = {}
    for name in names:
        if name in form.text_kinds and not _LATER_ROW.search(name):
            kinds.setdefault(form.text_kinds[name], []).append(name)
    for kind, group in kinds.items():
        for hostile in HOSTILE_VALUES:
            mutated = [(n, v) for n, v in pairs if n not in group]
            mutated += [(n, hostile.text) for n in group]
            yield Case(
                method, form.path, f"{kind}:{','.join(group)}={hostile.name}", tuple(mutated)
            )
    doubled = [(n, v) for n, v in pairs if n not in SKIPPED_FIELDS]
    for name in names:
        options = form.options.get(name) or [v for n, v in pairs if n == name][:1] or ["1"]
        doubled += [(name, options[0]), (name, options[0])]
    yield Case(method, form.path, "every-field-duplicated", tuple(doubled))
    for name in form.file_names:
        for hostile in HOSTILE_VALUES:
            yield Case(
                "POST",
                form.path,
                f"{name}=file:{hostile.name}",
                tuple(pairs),
                files=((name, encode_text(hostile.text)),),
            )
    if method == "POST":
        yield Case(method, form.path, "oversized", body=oversized_form_body())
        yield Case(method, form.path, "invalid-utf8-body", body=b"\xff\xfe=\xc3(&%ff=%fe")


def oversized_form_body() -> bytes:
    return b"a=" + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024)
