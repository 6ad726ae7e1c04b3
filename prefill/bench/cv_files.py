"""The labelled CV set (cv_set.json, written for the purpose: Spanish and English, PDF and DOCX)
and the files made from it in memory: PDF with reportlab, DOCX with python-docx.

Labels: the vocabulary skills a reader would tag from what the CV says the person does, did or
studied (a degree's field counts; a word used in passing, "design of bridges", does not)."""

import io
import json
from pathlib import Path
from typing import Any

from docx import Document
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

CV_SET = Path(__file__).with_name("cv_set.json")


def labelled_cvs() -> list[dict[str, Any]]:
    """[{name, language, format, text, skills: [slug...]}]"""
    return json.loads(CV_SET.read_text(encoding="utf-8"))


def pdf_bytes(text: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER)
    y = 750
    for line in text.splitlines():
        if y < 50:
            canvas.showPage()
            y = 750
        canvas.setFont("Helvetica", 10)
        canvas.drawString(50, y, line)
        y -= 14
    canvas.save()
    return buffer.getvalue()


def docx_bytes(text: str) -> bytes:
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cv_file(cv: dict[str, Any]) -> tuple[str, bytes]:
    """(file name, content) of a labelled CV in its format."""
    if cv["format"] == "pdf":
        return f"{cv['name']}.pdf", pdf_bytes(cv["text"])
    return f"{cv['name']}.docx", docx_bytes(cv["text"])
