"""What an uploaded file really is, read from its bytes (never from its name or the browser's
claim): PDF, PNG, JPEG, DOCX, XLSX or plain UTF-8 text. Anything else is refused."""

import zipfile
from typing import IO

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "text/plain"

EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx", TEXT: "txt"}

# Bytes read to decide whether a file is text; the whole file must decode, so it is read fully
# only when small enough to be a note (a larger "text" is refused as unknown).
TEXT_LIMIT = 1024 * 1024


def _office_type(file: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # Control characters other than tabs and line ends mean a binary format we do not know.
    return not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text)


def sniff(file: IO[bytes], size: int) -> str | None:
    """The MIME type of `file` among the accepted ones, or None. Leaves the file at 0."""
    try:
        file.seek(0)
        head = file.read(8)
        file.seek(0)
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _office_type(file)
        if size <= TEXT_LIMIT and _is_text(file.read()):
            return TEXT
        return None
    finally:
        file.seek(0)
