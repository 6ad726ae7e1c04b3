"""The forms of an HTML page, read as a browser reads them, and bodies built from them."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urljoin, urlsplit

from tests.hardening.corpus import encode_text

# Inputs a browser never submits, or that carry no value of their own.
_NOT_SUBMITTED = {"submit", "button", "reset", "image", "file"}


@dataclass
class HtmlForm:
    """One <form>: where it goes and the (name, value) pairs a browser would submit."""

    method: str
    action: str
    enctype: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    # Every named control, submitted or not (unticked boxes, buttons, other options).
    names: list[str] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)
    file_names: list[str] = field(default_factory=list)
    # Controls whose value is picked from a list (select, radio, checkbox): the browser can
    # only send one of `options`, so a hostile value is refused by the field's own validation.
    choice_names: set[str] = field(default_factory=set)
    # The kind of each free-text control: its input type, or "textarea".
    text_kinds: dict[str, str] = field(default_factory=dict)
    button: tuple[str, str] | None = None

    @property
    def path(self) -> str:
        return urlsplit(self.action).path

    def submitted(self) -> list[tuple[str, str]]:
        return [*self.pairs, *([self.button] if self.button else [])]


class _FormParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: tuple[str, bool] | None = None
        self._select_options: list[tuple[str, bool]] = []
        self._option: dict[str, str | None] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = HtmlForm(
                method=(a.get("method") or "get").lower(),
                action=urljoin(self.page_url, a.get("action") or self.page_url),
                enctype=a.get("enctype", ""),
            )
            self.forms.append(self._form)
            return
        form, name = self._form, a.get("name")
        if form is None or not name:
            if tag == "option" and self._select is not None:
                self._option = a
                self._text = []
            return
        self._control(form, tag, name, a)

    def _control(self, form: HtmlForm, tag: str, name: str, a: dict[str, str]) -> None:
        if name not in form.names:
            form.names.append(name)
        kind = a.get("type", "text").lower()
        if tag == "input" and kind == "file":
            form.file_names.append(name)
        elif tag == "input" and kind in ("checkbox", "radio"):
            form.choice_names.add(name)
            form.options.setdefault(name, []).append(a.get("value", "on"))
            if "checked" in a:
                form.pairs.append((name, a.get("value", "on")))
        elif tag == "input" and kind not in _NOT_SUBMITTED:
            form.text_kinds[name] = kind
            form.pairs.append((name, a.get("value", "")))
        elif tag in ("button", "input") and form.button is None:
            form.button = (name, a.get("value", ""))
        elif tag == "select":
            form.choice_names.add(name)
            self._select = (name, "multiple" in a)
            self._select_options = []
        elif tag == "textarea":
            form.text_kinds[name] = "textarea"
            self._textarea = name
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None or self._option is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._form and self._textarea is not None:
            self._form.pairs.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value")
            value = "".join(self._text).strip() if value is None else value
            self._select_options.append((value, "selected" in self._option))
            self._option = None
        elif tag == "select" and self._form and self._select is not None:
            self._end_select(self._form)

    def _end_select(self, form: HtmlForm) -> None:
        assert self._select is not None
        name, multiple = self._select
        values = [v for v, _ in self._select_options]
        form.options[name] = values
        chosen = [v for v, selected in self._select_options if selected]
        if not chosen and not multiple and values:
            chosen = values[:1]
        form.pairs.extend((name, value) for value in chosen)
        self._select = None


def forms_of(html: str, page_url: str) -> list[HtmlForm]:
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms


def urlencode_raw(pairs: list[tuple[str, str | bytes]]) -> str:
    """application/x-www-form-urlencoded, byte for byte (surrogates and bad UTF-8 included)."""
    quote = lambda text: quote_from_bytes(encode_text(text), safe="")  # noqa: E731
    return "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs)
