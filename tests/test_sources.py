"""The source manifest and reading source texts exactly as stored."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import kg.sources
from kg.errors import InputError
from kg.records import PartialDate
from kg.sources import GENRES, load_manifest, parse_partial_date, read_source

ROOT = Path(__file__).resolve().parents[1]
SOURCES_DIR = ROOT / "data" / "sources"
MANIFEST = ROOT / "data" / "sources.yaml"


def test_manifest_covers_exactly_the_source_files() -> None:
    manifest = load_manifest()
    files = {p.stem for p in SOURCES_DIR.iterdir() if p.is_file()}
    assert files and set(manifest) == files


def test_manifest_entries() -> None:
    manifest = load_manifest(MANIFEST)
    expected_genres = {
        "000_5d3422a27a8ec8e7": "news",
        "001_9bfc32e5f64b09cd": "encyclopedia",
        "002_c5a588f108b3ad1e": "collection",
        "003_890de7d9d2c0c7d9": "news",
        "004_8e78b0f9e9b79aee": "essay",
    }
    assert {k: v.genre for k, v in manifest.items()} == expected_genres
    jta = manifest["003_890de7d9d2c0c7d9"]
    assert jta.date == PartialDate(1953, 7, 20)
    assert jta.publisher == "Jewish Telegraphic Agency"
    assert manifest["000_5d3422a27a8ec8e7"].date == PartialDate(1991, 5)
    assert manifest["004_8e78b0f9e9b79aee"].date == PartialDate(2018)
    for meta in manifest.values():
        assert meta.genre in GENRES
        assert meta.licence  # an honest note for every source
        assert meta.url is None or meta.url.startswith(("http://", "https://"))


def test_titles_match_the_texts() -> None:
    """A manifest title, when given, is the heading the text itself carries."""
    for source, meta in load_manifest().items():
        if meta.title is None:
            continue
        text = (SOURCES_DIR / f"{source}.txt").read_text(encoding="utf-8")
        if source.startswith("002"):
            assert "USSR-ISRAEL DIPLOMATIC RELATIONS" in text
        else:
            assert meta.title in text, source


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1953-07-20", PartialDate(1953, 7, 20)),
        ("1991-10", PartialDate(1991, 10)),
        ("2018", PartialDate(2018)),
        (2018, PartialDate(2018)),
    ],
)
def test_parse_partial_date(value: str | int, expected: PartialDate) -> None:
    assert parse_partial_date(value) == expected


@pytest.mark.parametrize("value", ["1953-13", "1953-02-30", "July 1953", "53", "", True])
def test_parse_partial_date_rejects(value: object) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_partial_date(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("a:\n  genre: poem\n", "genre"),
        ("a:\n  date: '1953-02-30'\n", "not a date"),
        ("a:\n  author: Sharett\n", "unknown field"),
        ("a:\n  url: jta.org/x\n", "url"),
        ("a: news\n", "mapping of fields"),
        ("- a\n- b\n", "mapping from source id"),
        ("a: [\n", "not valid YAML"),
    ],
)
def test_malformed_manifest(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_manifest(path)
    assert "\n" not in str(info.value)


def test_manifest_optional_unless_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="not found"):
        load_manifest(tmp_path / "absent.yaml")
    monkeypatch.setattr(kg.sources, "default_manifest_path", lambda: tmp_path / "absent.yaml")
    assert load_manifest() == {}
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert load_manifest(empty) == {}


@pytest.mark.parametrize("path", sorted(SOURCES_DIR.glob("*.txt")), ids=lambda p: p.stem)
def test_read_source_returns_the_file_unchanged(path: Path) -> None:
    source, text = read_source(path)
    assert source == path.stem
    assert text == path.read_bytes().decode("utf-8")
    assert text.encode("utf-8") == path.read_bytes()


def test_read_source_keeps_bom_and_newlines(tmp_path: Path) -> None:
    path = tmp_path / "x_1.txt"
    raw = "\ufeffLine one\r\nLine two\rMoscow\n".encode()
    path.write_bytes(raw)
    source, text = read_source(path)
    assert source == "x_1"
    assert text.encode("utf-8") == raw
    assert text[0] == "\ufeff" and text.index("Moscow") == 20


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("dir", "is a directory"),
        (b"caf\xe9 au lait\n", "not UTF-8"),
        (b"", "empty"),
        (b"  \n\t\r\n", "empty"),
        ("\ufeff\n".encode(), "empty"),
    ],
)
def test_read_source_errors(tmp_path: Path, content: bytes | str | None, message: str) -> None:
    path = tmp_path / "bad.txt"
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_source(path)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


def test_doctests() -> None:
    result = doctest.testmod(kg.sources)
    assert result.attempted > 3 and result.failed == 0
