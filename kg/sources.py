"""Reading source texts and the manifest that describes them.

A source text is read as UTF-8 and kept exactly as stored (no newline or BOM
normalisation), because every evidence offset in the graph counts code points in
that text.  ``data/sources.yaml`` adds what the file itself cannot say reliably
(publisher, date, genre, licence); converters use an entry where there is one and
work without it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

import yaml

import kg
from kg.errors import InputError
from kg.records import PartialDate, SourceMeta

log = logging.getLogger(__name__)

GENRES = ("news", "encyclopedia", "collection", "essay")
_FIELDS = {"title", "publisher", "url", "date", "genre", "licence", "note"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_BOM = "\ufeff"


def default_manifest_path() -> Path:
    """``data/sources.yaml`` of the checkout this package runs from."""
    return Path(kg.__file__).resolve().parents[1] / "data" / "sources.yaml"


def source_id(path: Path) -> str:
    """The id of a source: its file name without the extension.

    >>> source_id(Path("data/sources/003_890de7d9d2c0c7d9.txt"))
    '003_890de7d9d2c0c7d9'
    """
    return Path(path).stem


def parse_partial_date(value: str | int | dt.date) -> PartialDate:
    """A manifest date ("1953-07-20", "1991-10", "2018") as a :class:`PartialDate`.

    >>> parse_partial_date("1991-05")
    PartialDate(year=1991, month=5, day=None)
    >>> parse_partial_date("1953-02-30")
    Traceback (most recent call last):
    ...
    ValueError: not a date: '1953-02-30'
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = (int(g) if g else None for g in m.groups())
    try:  # check the calendar at the precision given
        dt.date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError:
        raise ValueError(f"not a date: {value!r}") from None
    return PartialDate(year, month, day)  # type: ignore[arg-type]


def load_manifest(path: Path | None = None) -> dict[str, SourceMeta]:
    """Read the manifest: source id -> :class:`SourceMeta`.

    A missing manifest at the default location is an empty manifest (converters must
    work without one); a missing file named explicitly, or a malformed one, raises
    :class:`~kg.errors.InputError` with a one-line message.

    >>> meta = load_manifest()["003_890de7d9d2c0c7d9"]
    >>> meta.genre, str(meta.date)
    ('news', '1953-07-20')
    """
    explicit = path is not None
    path = Path(path) if path is not None else default_manifest_path()
    if not path.is_file():
        if explicit:
            raise InputError(f"{path}: manifest not found")
        log.info("no source manifest at %s; using none", path)
        return {}
    data = read_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping from source id to its description")
    return {str(key): _entry(path, str(key), value) for key, value in data.items()}


# libyaml's safe loader when PyYAML was built with it: the authority data (a thousand
# persons) parses in a tenth of the time; the same documents, the same errors
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """A YAML file's data; any problem is an InputError naming the file and the line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise InputError(f"{path}: not valid YAML{at}: {problem}") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc


def _entry(path: Path, key: str, value: Any) -> SourceMeta:
    where = f"{path}: {key}"
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a mapping of fields")
    unknown = set(value) - _FIELDS
    if unknown:
        raise InputError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")

    def text(field: str) -> str | None:
        v = value.get(field)
        if v is None:
            return None
        if not isinstance(v, str) or not v.strip():
            raise InputError(f"{where}: {field} must be a non-empty string or null")
        return v.strip()

    genre = text("genre")
    if genre is not None and genre not in GENRES:
        raise InputError(f"{where}: genre {genre!r} is not one of {', '.join(GENRES)}")
    url = text("url")
    if url is not None and not re.match(r"^https?://\S+$", url):
        raise InputError(f"{where}: url {url!r} is not an http(s) address")
    date = None
    if value.get("date") is not None:
        try:
            date = parse_partial_date(value["date"])
        except ValueError as exc:
            raise InputError(f"{where}: {exc}") from None
    return SourceMeta(
        title=text("title"),
        publisher=text("publisher"),
        url=url,
        date=date,
        genre=genre,
        licence=text("licence"),
    )


def read_source(path: Path) -> tuple[str, str]:
    """Read one source text: ``(source id, text)``, the text decoded as UTF-8 unchanged.

    Raises :class:`~kg.errors.InputError` for a missing file, a directory, bytes that
    are not UTF-8, and an empty or whitespace-only file.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a source text")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (invalid byte at offset {exc.start})") from exc
    if not text.lstrip(_BOM).strip():
        raise InputError(f"{path}: empty source text")
    return source_id(path), text
