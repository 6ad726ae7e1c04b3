"""A fixed corpus of hostile values, the same for every form, API write and the live server.

Each value is what an attacker can put on the wire: text fields get strings (a lone surrogate
goes out as the bytes a careless encoder writes, which is invalid UTF-8), raw bodies get bytes.
The corpus is fixed (not generated) so a failure names a value and is reproduced by rerunning.
"""

from dataclasses import dataclass

# Django's default DATA_UPLOAD_MAX_MEMORY_SIZE is overridden in settings; a body one byte over
# whatever the setting says is built at run time (see `oversized_body`).
LONG_TEXT = "x" * 100_000
DEEP_JSON_LEVELS = 100_000


@dataclass(frozen=True)
class Hostile:
    """One hostile value: `text` for form and query fields, `json` for JSON bodies."""

    name: str
    text: str | bytes
    json: object


HOSTILE_VALUES: tuple[Hostile, ...] = (
    Hostile("empty", "", ""),
    Hostile("100-kb", LONG_TEXT, LONG_TEXT),
    Hostile("nul", "a\x00b", "a\x00b"),
    Hostile("lone-surrogate", "\ud800", "\ud800"),
    Hostile("invalid-utf8", b"\xff\xfe\xc3(", "\udcff"),
    Hostile("emoji", "👩🏽‍🔬🇲🇽", "👩🏽‍🔬🇲🇽"),
    Hostile("rtl-override", "\u202egnp.exe", "\u202egnp.exe"),
    Hostile("html-script", '<script>alert("x")</script><img src=x onerror=alert(1)>', "<script>"),
    Hostile("sql", "' OR 1=1; DROP TABLE profiles_user; --", "' OR '1'='1"),
    Hostile("tsquery", "a & | !b:* <-> (", "a & | !b:* <-> ("),
    Hostile("huge-int", str(10**20), 10**20),
    Hostile("minus-one", "-1", -1),
    Hostile("nan", "NaN", "NaN"),
    Hostile("infinity", "Infinity", "Infinity"),
    Hostile("superscript-digit", "²", "²"),
    Hostile("circled-digit", "①", "①"),
    Hostile("arabic-indic-digit", "٣", "٣"),
    Hostile("python-years-superscript", "Python: ²", "Python: ²"),
)

# Values only JSON can carry: wrong types, containers, duplicates and numbers out of range.
JSON_ONLY_VALUES: tuple[tuple[str, object], ...] = (
    ("null", None),
    ("true", True),
    ("float", 1.5),
    ("list", ["a", "a"]),
    ("object", {"a": {"b": ["c"]}}),
    ("list-of-objects", [{"x": 1}, {"x": 1}]),
    ("nested-list", [[[["a"]]]]),
    ("huge-negative", -(10**20)),
)


def encode_text(value: str | bytes) -> bytes:
    """The bytes of a form value on the wire; a lone surrogate becomes invalid UTF-8."""
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def deep_json(levels: int = DEEP_JSON_LEVELS) -> bytes:
    """A JSON array nested `levels` deep: valid JSON that exhausts a recursive parser."""
    return b"[" * levels + b"]" * levels


def oversized_body(limit: int) -> bytes:
    """A JSON body one kilobyte over `limit` (DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    filler = b"x" * (limit + 1024)
    return b'{"title": "' + filler + b'"}'


# Raw bodies for endpoints that read JSON: (name, content type, body).
INVALID_UTF8_JSON = b'{"title": "\xff\xfe\xc3("}'
RAW_JSON_BODIES: tuple[tuple[str, str, bytes], ...] = (
    ("invalid-utf8", "application/json", INVALID_UTF8_JSON),
    ("truncated", "application/json", b'{"title": "a'),
    ("not-json", "application/json", b"<xml>hola</xml>"),
    ("nan-literal", "application/json", b'{"hours_per_month": NaN}'),
    ("infinity-literal", "application/json", b'{"hours_per_month": Infinity}'),
    ("array-body", "application/json", b"[1, 2, 3]"),
    ("string-body", "application/json", b'"hola"'),
    ("null-body", "application/json", b"null"),
    ("empty-body", "application/json", b""),
    ("nul-in-key", "application/json", b'{"ti\\u0000tle": "a"}'),
    ("duplicate-keys", "application/json", b'{"title": "a", "title": "b"}'),
    ("plain-text", "text/plain", b"hola"),
    ("form-urlencoded", "application/x-www-form-urlencoded", b"title=a&title=b&%ff=%00"),
    ("multipart-without-boundary", "multipart/form-data", b"--x\r\n"),
    ("xml", "application/xml", b"<?xml version='1.0'?><a/>"),
    ("charset-bogus", "application/json; charset=bogus-8", b'{"title": "a"}'),
)
