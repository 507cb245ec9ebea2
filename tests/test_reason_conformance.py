"""The reasoner against outside references: the W3C SPARQL 1.1 entailment tests' data
(closure equal to owlrl's) and LUBM(1,0) (all 14 queries equal the published answers)."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection

from kg.reason import Reasoner, from_rdflib, parse_ntriples, reason, to_rdflib
from kg.reference import owlrl_closure as owlrl_reference

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ENTAILMENT = SHARED / "conformance" / "sparql11" / "entailment"
LUBM = SHARED / "bench" / "lubm"


def ours(triples: list) -> set:
    """Input plus our inferences, normalised through rdflib as the reference is."""
    closure = reason(triples)
    return set(from_rdflib(to_rdflib(list(triples) + closure.inferred)))


def _entailment_tests() -> list[tuple[str, list[Path]]]:
    if not (ENTAILMENT / "manifest.ttl").exists():
        return []
    m = rdflib.Graph().parse(ENTAILMENT / "manifest.ttl")
    ent = rdflib.Namespace("http://www.w3.org/ns/entailment/")
    pr = rdflib.Namespace("http://www.w3.org/ns/owl-profile/")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    qt = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
    mf = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")

    def members(node: rdflib.term.Node) -> set:
        if (node, rdflib.RDF.first, None) in m:
            return set(Collection(m, node))
        return {node}

    tests = []
    for test, action in m.subject_objects(mf.action):
        regimes = set().union(*(members(x) for x in m.objects(action, sd.entailmentRegime)))
        profiles = set().union(*(members(x) for x in m.objects(action, sd.EntailmentProfile)))
        if ent.RDFS in regimes or pr.RL in profiles:
            data = [Path(str(d).removeprefix("file://")) for d in m.objects(action, qt.data)]
            tests.append((str(test).rsplit("#", 1)[-1], data))
    return sorted(tests)


ENTAILMENT_TESTS = _entailment_tests()


def test_entailment_suite_found() -> None:
    if not ENTAILMENT.exists():
        pytest.skip(f"W3C tests absent at {ENTAILMENT}")
    assert len(ENTAILMENT_TESTS) == 40


@pytest.mark.parametrize(("name", "data"), ENTAILMENT_TESTS, ids=[t[0] for t in ENTAILMENT_TESTS])
def test_entailment_data_closure_equals_owlrl(name: str, data: list[Path]) -> None:
    triples = []
    for path in data:
        fmt = ox.RdfFormat.TURTLE if path.suffix == ".ttl" else ox.RdfFormat.RDF_XML
        triples += [
            (t.subject, t.predicate, t.object)
            for t in ox.parse(path.read_bytes(), format=fmt, base_iri=path.as_uri())
        ]
    reference = owlrl_reference(triples)
    mine = ours(triples)
    assert mine - reference == set(), name
    assert reference - mine == set(), name
    assert len(mine) > len(set(triples))


# -- LUBM --------------------------------------------------------------------------
def _lubm_triples() -> list:
    if not (LUBM / "lubm-1-0.nt.gz").exists():
        pytest.skip(f"LUBM absent at {LUBM}")
    data = parse_ntriples(gzip.decompress((LUBM / "lubm-1-0.nt.gz").read_bytes()))
    onto = [
        (t.subject, t.predicate, t.object)
        for t in ox.parse((LUBM / "univ-bench.ttl").read_bytes(), format=ox.RdfFormat.TURTLE)
    ]
    return data + onto


def _reference_answers(n: int) -> set[tuple[str, ...]]:
    with (LUBM / "answers" / f"answers_query{n}.csv").open(newline="") as f:
        rows = list(csv.reader(f))
    if rows and rows[0] == ["NO ANSWERS."]:
        return set()
    return {tuple(r) for r in rows[1:] if r}


def _answers(store: ox.Store, n: int) -> set[tuple[str, ...]]:
    result = store.query((LUBM / "queries" / f"q{n}.rq").read_text())
    names = [v.value for v in result.variables]
    return {tuple(row[v].value for v in names) for row in result}


@pytest.fixture(scope="module")
def lubm_stores() -> tuple[ox.Store, ox.Store]:
    triples = _lubm_triples()
    plain = ox.Store()
    plain.bulk_extend(ox.Quad(s, p, o) for s, p, o in triples)
    closure = reason(triples)
    reasoned = ox.Store()
    reasoned.bulk_extend(ox.Quad(s, p, o) for s, p, o in triples + closure.inferred)
    return plain, reasoned


@pytest.mark.slow
@pytest.mark.parametrize("n", range(1, 15))
def test_lubm_query_with_reasoning_equals_reference(lubm_stores, n: int) -> None:
    assert _answers(lubm_stores[1], n) == _reference_answers(n)


@pytest.mark.slow
def test_lubm_without_reasoning_only_four_queries_match(lubm_stores) -> None:
    right = {n for n in range(1, 15) if _answers(lubm_stores[0], n) == _reference_answers(n)}
    assert right == {1, 2, 3, 14}


@pytest.mark.slow
def test_lubm_incremental_by_department_equals_from_scratch() -> None:
    triples = _lubm_triples()
    dept0 = [t for t in triples if "Department0.University0" in str(t[0])]
    rest = [t for t in triples if "Department0.University0" not in str(t[0])]
    r = Reasoner()
    r.add(rest)
    new = r.add(dept0)
    assert 0 < len(new.inferred) < len(r.inferred)
    assert set(r.inferred) == set(reason(triples).inferred)
