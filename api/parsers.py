"""The API's JSON parser: every malformed body is a 400 in the API's error shape.

DRF's JSONParser turns only ValueError into a ParseError. Three inputs got past it (issue 18):
a lone surrogate escaped in a string ("\\ud800") parses into a str that no UTF-8 writer accepts
(neither the renderer echoing it in a 400 nor the database), a body nested thousands of levels
raises RecursionError, and bytes that are not UTF-8 came back with the codec's own wording.
This parser rejects all of them before any serializer sees the data, so every field of every
endpoint is covered. (Bodies over DATA_UPLOAD_MAX_MEMORY_SIZE never reach a parser: Django
refuses to read them, and api.exceptions answers 413.)
"""

import json
import re
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils.json import strict_constant

# No API input is deeper than an object holding a list: 32 levels is far beyond any honest
# body and shallow enough for any code that walks the data recursively.
MAX_DEPTH = 32
SURROGATE = re.compile("[\ud800-\udfff]")


def _too_deep() -> ParseError:
    return ParseError(
        _("El cuerpo JSON está anidado a más de %(max)s niveles.") % {"max": MAX_DEPTH}
    )


def check_parsed(data: Any) -> None:
    """Raise ParseError when a string (key or value) holds a lone surrogate or containers nest
    deeper than MAX_DEPTH. Iterative, so no input can exhaust the stack."""
    pending: list[tuple[Any, int]] = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if SURROGATE.search(value):
                raise ParseError(
                    _("El cuerpo JSON contiene un carácter Unicode inválido (un sustituto suelto).")
                )
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                raise _too_deep()
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            pending.extend((item, depth + 1) for item in items)


class SafeJSONParser(JSONParser):
    """JSON with DRF's rules (no NaN or Infinity when STRICT_JSON), plus check_parsed()."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding") or "utf-8"
        try:
            text = stream.read().decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise ParseError(
                _("El cuerpo de la petición no es texto válido en %(encoding)s.")
                % {"encoding": encoding.upper()}
            ) from error
        try:
            data = json.loads(text, parse_constant=strict_constant if self.strict else None)
        except RecursionError as error:
            raise _too_deep() from error
        except json.JSONDecodeError as error:
            raise ParseError(
                _("El cuerpo no es JSON válido (línea %(line)s, columna %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from error
        except ValueError as error:  # NaN/Infinity, an integer of thousands of digits
            raise ParseError(_("El cuerpo no es JSON válido.")) from error
        check_parsed(data)
        return data
