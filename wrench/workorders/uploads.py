"""What an uploaded file is, found from its first bytes (never from its name), and photos
scaled down with a thumbnail.

Accepted: photos (JPEG, PNG, GIF, WebP) and PDF documents. Everything else is refused with a
sentence saying what the file looks like and what is allowed; programs and scripts are named
as such. A photo is decoded and written again by Pillow, which drops what a camera hides in it
(GPS position in the EXIF data) and anything appended to the image, after turning it upright.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

from wrench.core.errors import FieldError, ValidationFailed

ALLOWED = "photos (JPEG, PNG, GIF, WebP) and PDF documents"
THUMBNAIL_PX = 320
HEAD = 64

# (prefix, what it is) of programs and scripts, named in the refusal.
PROGRAMS = [
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xce\xfa\xed\xfe", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a macOS or Java program"),
    (b"#!", "a script"),
]
OTHERS = [
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"<", "a web page or XML"),
]


@dataclass(frozen=True)
class Prepared:
    content: bytes
    name: str
    content_type: str
    thumbnail: bytes | None


def sniff(head: bytes) -> str | None:
    """The content type of an allowed file from its first bytes, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.lstrip()[:5] == b"%PDF-":
        return "application/pdf"
    return None


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed("the file was not attached", errors=[FieldError("file", message)])


def _looks_like(head: bytes) -> str:
    stripped = head.lstrip()
    for prefix, what in PROGRAMS:
        if head.startswith(prefix):
            return what
    for prefix, what in OTHERS:
        if stripped.startswith(prefix):
            return what
    return "a file of another kind"


def max_bytes() -> int:
    return int(settings.WRENCH_ATTACHMENT_MAX_MB) * 1024 * 1024


def _safe_name(name: str, suffix: str | None = None) -> str:
    base = PurePath(name.replace("\\", "/")).name.strip() or "file"
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?')[:150] or "file"
    if suffix:
        base = str(PurePath(base).with_suffix(suffix)) if PurePath(base).suffix else base + suffix
    return base


def check_size(size: int) -> None:
    """Refuse a file above the limit (callers check an upload's size before reading it)."""
    if size > max_bytes():
        raise _refuse(
            f"the file is {size / 1024 / 1024:.1f} MB; at most "
            f"{settings.WRENCH_ATTACHMENT_MAX_MB} MB is accepted"
        )


def prepare(name: str, content: bytes) -> Prepared:
    """Check and convert an upload. Raises ValidationFailed (field `file`) saying why not."""
    if not content:
        raise _refuse("the file is empty")
    check_size(len(content))
    kind = sniff(content[:HEAD])
    if kind is None:
        raise _refuse(f"this looks like {_looks_like(content[:HEAD])}; allowed are {ALLOWED}")
    if kind == "application/pdf":
        return Prepared(content, _safe_name(name, ".pdf"), kind, None)
    return _photo(name, content)


def _photo(name: str, content: bytes) -> Prepared:
    try:
        with Image.open(io.BytesIO(content)) as probe:
            probe.verify()
        image: Image.Image = Image.open(io.BytesIO(content))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _refuse("the photo cannot be read (damaged or not really an image)") from exc
    image = ImageOps.exif_transpose(image) or image
    longest = int(settings.WRENCH_PHOTO_MAX_PX)
    image.thumbnail((longest, longest))
    keeps_alpha = (image.mode in ("RGBA", "LA", "P") and "transparency" in image.info) or (
        image.mode in ("RGBA", "LA")
    )
    out = io.BytesIO()
    if keeps_alpha:
        image.save(out, "PNG", optimize=True)
        kind, suffix = "image/png", ".png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        kind, suffix = "image/jpeg", ".jpg"
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    small = io.BytesIO()
    thumb.convert("RGB").save(small, "JPEG", quality=80)
    return Prepared(out.getvalue(), _safe_name(name, suffix), kind, small.getvalue())
