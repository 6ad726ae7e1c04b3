"""The site's Spanish is the network's (Mexico's): "ustedes", never Spain's "vosotros". An e-mail
said "os enviaremos a ambos" and "hace meses os presentamos" to people in Guadalajara."""

import re
from pathlib import Path

from django.conf import settings

VOSOTROS = re.compile(
    r"\b(os|vosotr[oa]s|vuestr[oa]s?|podéis|tenéis|queréis|sabéis|estáis|sois)\b", re.IGNORECASE
)


def _spanish_templates() -> list[Path]:
    root = Path(settings.BASE_DIR) / "templates"
    return [
        path
        for path in root.rglob("*")
        if path.suffix in {".html", ".txt"} and "en" not in path.relative_to(root).parts
    ]


def test_no_spanish_template_speaks_to_vosotros() -> None:
    found = {
        str(path): VOSOTROS.findall(path.read_text(encoding="utf-8"))
        for path in _spanish_templates()
    }
    assert _spanish_templates()
    assert {path: words for path, words in found.items() if words} == {}


def _msgids(catalogue: Path) -> list[str]:
    """The source (Spanish) texts of a .po file: each msgid with its continuation lines."""
    texts: list[str] = []
    current: list[str] | None = None
    for line in catalogue.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgid ", "msgid_plural ")):
            current = [line.split(" ", 1)[1].strip('"')]
            texts.append("")
        elif line.startswith('"') and current is not None:
            current.append(line.strip('"'))
        else:
            current = None
            continue
        texts[-1] = "".join(current)
    return texts


def test_no_translatable_string_speaks_to_vosotros() -> None:
    catalogues = sorted((Path(settings.BASE_DIR) / "locale").rglob("*.po"))
    found = [
        text for catalogue in catalogues for text in _msgids(catalogue) if VOSOTROS.search(text)
    ]
    assert any("Habilidad" in text for catalogue in catalogues for text in _msgids(catalogue))
    assert found == []
