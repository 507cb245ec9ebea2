"""The ``kg`` command: one-line errors and exit codes for bad input, and the happy paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import paths
from kg.cli import main
from kg.store import Store
from kg.vocab import DIP, source_graph

SEED = sorted(paths.sources_dir().glob("*.txt"))[3]  # the 1953 JTA report


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def assert_one_line_error(result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "directory"),
        (lambda d: (d / "bin.txt", (d / "bin.txt").write_bytes(b"\xff\xfeab\x80"))[0], "UTF-8"),
        (lambda d: (d / "empty.txt", (d / "empty.txt").write_text(""))[0], "empty"),
    ],
    ids=["missing", "directory", "not-utf8", "empty"],
)
def test_convert_bad_input(tmp_path: Path, make, words: str) -> None:
    result = run("convert", str(make(tmp_path)))
    assert_one_line_error(result, 2)
    assert words.lower() in result.stderr.lower()


def test_convert_writes_self_contained_trig(tmp_path: Path) -> None:
    out = tmp_path / "out.trig"
    result = run("convert", str(SEED), "-o", str(out))
    assert result.exit_code == 0, result.output
    store = Store()
    store.load_file(out)
    graph = f"<{source_graph(SEED.stem)}>"
    acts = store.query(f"SELECT ?a WHERE {{ GRAPH {graph} {{ ?a <{DIP.recordedIn}> ?d }} }}")
    assert list(acts)
    # every party of an act carries, in the same graph, its type, label and state
    missing = store.query(
        f"""PREFIX dip: <{DIP}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?party WHERE {{ GRAPH {graph} {{
            ?act dip:actor|dip:counterpart ?party .
            FILTER NOT EXISTS {{ ?party a ?type ; rdfs:label ?l ; dip:represents|dip:forState ?s }}
        }} }}"""
    )
    assert [s["party"] for s in missing] == []


def test_convert_reports_bad_file_and_keeps_good_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x80\x81")
    result = run("convert", str(SEED), str(bad))
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr
    assert "dip:" in result.stdout or "ontology#" in result.stdout


def test_query_malformed_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "d.ttl"
    data.write_text("<http://a> <http://b> <http://c> .\n")
    result = run("query", "--dataset", str(data), "SELEKT * WHERE { ?s ?p ?o }")
    assert_one_line_error(result, 3)


def test_query_dataset_with_and_without_reasoning(tmp_path: Path) -> None:
    data = tmp_path / "d.ttl"
    data.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<http://x/Letter> rdfs:subClassOf <http://x/Document> .\n"
        "<http://x/l1> a <http://x/Letter> .\n"
    )
    q = "SELECT ?d WHERE { ?d a <http://x/Document> }"
    inferred = run("query", "--dataset", str(data), "-f", "json", q)
    assert inferred.exit_code == 0, inferred.output
    rows = json.loads(inferred.stdout)["results"]["bindings"]
    assert [r["d"]["value"] for r in rows] == ["http://x/l1"]
    asserted = run("query", "--dataset", str(data), "--no-infer", "-f", "json", q)
    assert json.loads(asserted.stdout)["results"]["bindings"] == []


def test_query_missing_dataset_file(tmp_path: Path) -> None:
    result = run("query", "--dataset", str(tmp_path / "nope.ttl"), "ASK {}")
    assert_one_line_error(result, 2)


def test_reason_writes_closure(tmp_path: Path) -> None:
    data = tmp_path / "d.nt"
    data.write_text(
        "<http://x/p> <http://www.w3.org/2002/07/owl#inverseOf> <http://x/q> .\n"
        "<http://x/a> <http://x/p> <http://x/b> .\n"
    )
    out = tmp_path / "closure.nt"
    result = run("reason", str(data), "-o", str(out), "--inferred-only")
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "<http://x/b> <http://x/q> <http://x/a> ." in text
    assert "<http://x/a> <http://x/p> <http://x/b> ." not in text
