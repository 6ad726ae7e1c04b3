"""House rules that no linter checks: product files stay small, long functions say why."""

import ast
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PRODUCT = ["api", "matching", "network", "notifications", "partners", "profiles", "projects"]
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60


def product_files() -> list[Path]:
    return [
        path
        for package in PRODUCT
        for path in sorted((BASE_DIR / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def test_the_product_is_read_from_every_package() -> None:
    assert len(product_files()) > 100


def test_no_product_file_is_over_400_lines() -> None:
    long_files = {
        str(path.relative_to(BASE_DIR)): lines
        for path in product_files()
        if (lines := path.read_text().count("\n")) > MAX_FILE_LINES
    }
    assert long_files == {}


def test_a_function_over_60_lines_says_why_in_a_comment_above_it() -> None:
    unexplained = []
    for path in product_files():
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            above = lines[first - 2].strip() if first >= 2 else ""
            if length > MAX_FUNCTION_LINES and not above.startswith("#"):
                unexplained.append(f"{path.relative_to(BASE_DIR)}:{node.lineno} {node.name}")
    assert unexplained == []
