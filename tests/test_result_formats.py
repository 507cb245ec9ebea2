"""The W3C result-format tests (json-res/, csv-tsv-res/) through our endpoint.

Each test's query runs over its data (the named graph holding that file, given
as ``default-graph-uri``) and the answer is compared with the expected file as
the suite intends.  Columns are matched by variable name, since ``SELECT *``
leaves their order to the engine (pyoxigraph sorts them):

* JSON: the head's variables as a set (``SELECT *`` fixes no order) and the
  bindings as an ordered list (the queries have ORDER BY), with blank nodes
  matched by a consistent renaming and ``xsd:string`` written either way;
* CSV: cells as strings (CSV drops types), blank nodes renamed consistently
  (the expected files use LF, RFC 4180 and our output CRLF);
* TSV: cells parsed as RDF terms, numbers compared by value where the
  abbreviated syntax allows different spellings (``1.0e6`` vs ``1.0E6``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from conftest import RESULT_FORMAT_DIRS, SPARQL11, LiveServer, suite_graph
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
XSD = "http://www.w3.org/2001/XMLSchema#"


def load_cases() -> list[tuple[str, Path, Path, Path]]:
    """(id, query, data, expected result) for every entry of both manifests."""
    cases = []
    for directory in RESULT_FORMAT_DIRS:
        manifest_path = directory / "manifest.ttl"
        if not manifest_path.exists():
            continue
        g = Graph().parse(manifest_path, format="turtle")
        manifest = next(g.subjects(RDF.type, MF.Manifest))
        for node in Collection(g, g.value(manifest, MF.entries)):
            action = g.value(node, MF.action)
            name = str(node).rsplit("#", 1)[1]
            cases.append((
                f"{directory.name}/{name}",
                directory / Path(str(g.value(action, QT.query))).name,
                directory / Path(str(g.value(action, QT.data))).name,
                directory / Path(str(g.value(node, MF.result))).name,
            ))
    return cases


CASES = load_cases()
# pyoxigraph's store keeps the value of some typed literals, not their spelling:
# "-3"^^xsd:negativeInteger comes back as "-3"^^xsd:integer and "1.0E6"^^xsd:double
# as "1000000"^^xsd:double (oxigraph issue #526, open).  The parser and our
# serializers keep both, so only these two store-dependent tests differ.
NORMALIZED = {"csv-tsv-res/csv03", "csv-tsv-res/tsv03"}
STORE_NORMALIZES = pytest.mark.xfail(
    strict=True, reason="pyoxigraph's store normalizes typed literals (oxigraph issue #526)")
ACCEPT = {".srj": "application/sparql-results+json", ".csv": "text/csv",
          ".tsv": "text/tab-separated-values"}


class BNodeNames:
    """Renames blank nodes in order of first appearance, for a side of a comparison."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def __call__(self, label: str) -> str:
        return self.names.setdefault(label, f"_:b{len(self.names)}")


def run(server: LiveServer, query: Path, data: Path, accept: str) -> requests.Response:
    r = requests.get(server.sparql, timeout=30, headers={"Accept": accept}, params={
        "query": query.read_text(), "default-graph-uri": suite_graph(data), "infer": "false"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].split(";")[0] == accept
    return r


def normal_json(doc: dict) -> tuple[object, ...]:
    if "boolean" in doc:
        return ("boolean", doc["boolean"])
    rename = BNodeNames()
    rows = []
    for binding in doc["results"]["bindings"]:
        row = {}
        for var, term in binding.items():
            t = dict(term)
            if t["type"] == "bnode":
                t["value"] = rename(t["value"])
            if t.get("datatype") == XSD + "string":
                del t["datatype"]
            row[var] = tuple(sorted(t.items()))
        rows.append(tuple(sorted(row.items())))
    return ("select", frozenset(doc["head"]["vars"]), tuple(rows))


def normal_csv(text: str) -> list[list[str]]:
    rename = BNodeNames()
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n"))))
    return [[rename(c) if c.startswith("_:") else c for c in row] for row in rows]


_TSV_LITERAL = re.compile(r'^"(?P<lex>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[\w-]+)|\^\^<(?P<dt>[^>]*)>)?$')


def tsv_term(cell: str, rename: BNodeNames) -> tuple[str, ...]:
    """One TSV cell as (kind, value, datatype or language), numbers by value."""
    if cell == "":
        return ("unbound",)
    if cell.startswith("<"):
        return ("iri", cell[1:-1])
    if cell.startswith("_:"):
        return ("bnode", rename(cell))
    m = _TSV_LITERAL.match(cell)
    if m:
        lex, lang, dt = m.group("lex"), m.group("lang"), m.group("dt")
        if lang:
            return ("literal", lex, "@" + lang.lower())
        dt = dt or XSD + "string"
    elif cell in ("true", "false"):
        lex, dt = cell, XSD + "boolean"
    elif re.fullmatch(r"[+-]?\d+", cell):
        lex, dt = cell, XSD + "integer"
    elif re.fullmatch(r"[+-]?\d*\.\d+", cell):
        lex, dt = cell, XSD + "decimal"
    else:
        lex, dt = cell, XSD + "double"
    if dt in (XSD + "double", XSD + "float"):
        return ("literal", repr(float(lex)), dt)
    if dt == XSD + "decimal":
        return ("literal", str(Decimal(lex).normalize()), dt)
    return ("literal", lex, dt)


def normal_tsv(text: str) -> tuple[list[str], list[list[tuple[str, ...]]]]:
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    rename = BNodeNames()
    head = [v.lstrip("?$") for v in lines[0].split("\t")]
    return head, [[tsv_term(c, rename) for c in line.split("\t")] for line in lines[1:]]


def test_suites_present() -> None:
    if not CASES:
        pytest.skip(f"the W3C result-format tests are not at {SPARQL11}")
    assert len(CASES) == 10


@pytest.mark.parametrize(
    ("name", "query", "data", "result"),
    [pytest.param(*c, marks=STORE_NORMALIZES) if c[0] in NORMALIZED else c for c in CASES],
    ids=[c[0] for c in CASES])
def test_result_format(
    w3c_server: LiveServer, name: str, query: Path, data: Path, result: Path
) -> None:
    compare(w3c_server, query, data, result, normalize=False)


@pytest.mark.parametrize(("name", "query", "data", "result"),
                         [c for c in CASES if c[0] in NORMALIZED],
                         ids=[c[0] for c in CASES if c[0] in NORMALIZED])
def test_result_format_as_the_store_keeps_literals(
    w3c_server: LiveServer, name: str, query: Path, data: Path, result: Path
) -> None:
    """csv03/tsv03 with the store's literal normalization applied to the expected side."""
    compare(w3c_server, query, data, result, normalize=True)


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_serializers_keep_literal_spelling(suffix: str) -> None:
    """csv03/tsv03 through our serializer alone, fed the terms as parsed (no store).

    Shows the literal normalization seen above comes from the store, not from
    the endpoint's result writing.
    """
    directory = SPARQL11 / "csv-tsv-res"
    if not (directory / "data2.ttl").exists():
        pytest.skip("csv-tsv-res is absent")
    import pyoxigraph as ox

    from endpoint.executor import _term_json, serialize_bindings

    triples = sorted(ox.parse((directory / "data2.ttl").read_bytes(),
                              format=ox.RdfFormat.TURTLE), key=lambda t: t.subject.value)
    rows = [{"s": _term_json(t.subject), "p": _term_json(t.predicate),
             "o": _term_json(t.object)} for t in triples]
    body = serialize_bindings(["s", "p", "o"], rows, suffix[1:]).decode("utf-8")
    expected = (directory / f"csvtsv03{suffix}").read_text(encoding="utf-8")
    if suffix == ".csv":
        assert normal_csv(body) == normal_csv(expected)
    else:
        assert body.replace("\r\n", "\n").split("\n")[0] == expected.split("\n")[0]
        assert normal_tsv(body) == normal_tsv(expected)


def _store_form(term: tuple[str, ...]) -> tuple[str, ...]:
    """A TSV term as pyoxigraph's store gives it back: derived integers become xsd:integer."""
    integers = {"negativeInteger", "nonNegativeInteger", "positiveInteger",
                "nonPositiveInteger", "long", "int", "short", "byte"}
    if term[0] == "literal" and len(term) == 3 and term[2].startswith(XSD) \
            and term[2][len(XSD):] in integers:
        return ("literal", str(int(term[1])), XSD + "integer")
    return term


def _csv_value(cell: str) -> str:
    try:
        return repr(float(cell)) if re.fullmatch(r"[+-]?[\d.]+(?:[eE][+-]?\d+)?", cell) else cell
    except ValueError:
        return cell


def compare(server: LiveServer, query: Path, data: Path, result: Path, *,
            normalize: bool) -> None:
    accept = ACCEPT[result.suffix]
    r = run(server, query, data, accept)
    expected_text = result.read_text(encoding="utf-8")
    if result.suffix == ".srj":
        assert normal_json(json.loads(r.content)) == normal_json(json.loads(expected_text))
    elif result.suffix == ".csv":
        assert r.text.endswith("\r\n")  # RFC 4180 line ends
        got, expected = normal_csv(r.text), normal_csv(expected_text)
        if normalize:
            got = [got[0]] + [[_csv_value(c) for c in row] for row in got[1:]]
            expected = [expected[0]] + [[_csv_value(c) for c in row] for row in expected[1:]]
        assert sorted(got[0]) == sorted(expected[0])
        assert in_columns(got[0], got[1:], expected[0]) == expected[1:]
    else:
        got_head, got_rows = normal_tsv(r.text)
        exp_head, exp_rows = normal_tsv(expected_text)
        if normalize:
            exp_rows = [[_store_form(t) for t in row] for row in exp_rows]
        assert sorted(got_head) == sorted(exp_head)
        assert in_columns(got_head, got_rows, exp_head) == exp_rows


def in_columns(head: list[str], rows: list[list], order: list[str]) -> list[list]:
    """Rows with their columns put in another order (``SELECT *`` fixes none)."""
    index = [head.index(v) for v in order]
    return [[row[i] for i in index] for row in rows]
