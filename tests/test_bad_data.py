"""Data that contradicts its ontology: reported with its OWL 2 RL rule, never a crash,
never accepted silently, by ``kg validate``, ``kg build``, ``kg serve`` and ``kg reason``.

The commands run as a user runs them (``python -m kg.cli ...`` in a subprocess), except
the build: the seeds are fine, so the build runs over them with a copy of the ontology
that one extra axiom makes contradict them (``BuildOptions(ontology=...)``).
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import owlrl
import pyoxigraph as ox
import pytest
import rdflib
import requests
from w3c_support import ROOT, start_kg_serve

from kg import paths
from kg.build import STORE_DIR, BuildOptions, build, current_build
from kg.cli import _print_summary
from kg.store import Store

PREFIXES = """@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
"""
EX = "http://example.org/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

#: rule -> (Turtle that breaks it, an offending triple (N-Triples terms) or part of one)
CASES: dict[str, tuple[str, str]] = {
    "cax-dw": (
        "ex:Cat owl:disjointWith ex:Dog . ex:tom a ex:Cat , ex:Dog .",
        f"<{EX}tom> {RDF_TYPE} <{EX}Dog>",
    ),
    "prp-fp": (
        "ex:age a owl:DatatypeProperty , owl:FunctionalProperty . ex:tom ex:age \"3\" , \"4\" .",
        f'<{EX}tom> <{EX}age> "4"',
    ),
    "eq-diff1": (
        "ex:mother a owl:ObjectProperty , owl:FunctionalProperty . "
        "ex:tom ex:mother ex:ann , ex:beth . ex:ann owl:differentFrom ex:beth .",
        # which members the report names depends on the order equality spreads in
        "<http://www.w3.org/2002/07/owl#differentFrom>",
    ),
    "prp-irp": (
        "ex:marriedTo a owl:ObjectProperty , owl:IrreflexiveProperty . "
        "ex:narcissus ex:marriedTo ex:narcissus .",
        f"<{EX}narcissus> <{EX}marriedTo> <{EX}narcissus>",
    ),
    "cls-nothing2": (
        "ex:ghost a owl:Nothing .",
        f"<{EX}ghost> {RDF_TYPE} <http://www.w3.org/2002/07/owl#Nothing>",
    ),
    "prp-asyp": (
        "ex:parentOf a owl:ObjectProperty , owl:AsymmetricProperty . "
        "ex:a ex:parentOf ex:b . ex:b ex:parentOf ex:a .",
        f"<{EX}b> <{EX}parentOf> <{EX}a>",
    ),
}


def kg(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the ``kg`` command in a subprocess, as a user would."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def write_case(directory: Path, rule: str) -> Path:
    path = directory / f"{rule}.ttl"
    path.write_text(PREFIXES + CASES[rule][0] + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("rule", sorted(CASES))
def test_kg_validate_names_the_rule_and_the_triples(tmp_path: Path, rule: str) -> None:
    result = kg("validate", write_case(tmp_path, rule))
    assert result.returncode == 5, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(f"Inconsistent: {rule}:")]
    assert lines, result.stdout
    assert any(CASES[rule][1] in ln for ln in lines), (CASES[rule][1], lines)
    assert "inconsistenc" in result.stdout.splitlines()[-1]


def test_kg_validate_accepts_consistent_data(tmp_path: Path) -> None:
    """The check can pass: the same vocabulary without the contradiction."""
    path = tmp_path / "fine.ttl"
    path.write_text(PREFIXES + "ex:Cat owl:disjointWith ex:Dog . ex:tom a ex:Cat .\n")
    result = kg("validate", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Consistent with the ontology under OWL 2 RL." in result.stdout


def test_kg_validate_reads_gzipped_ntriples(tmp_path: Path) -> None:
    turtle = write_case(tmp_path, "cax-dw")
    triples = list(ox.parse(turtle.read_bytes(), format=ox.RdfFormat.TURTLE))
    gz = tmp_path / "cax-dw.nt.gz"
    gz.write_bytes(gzip.compress(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)))
    result = kg("validate", gz)
    assert result.returncode == 5, result.stdout + result.stderr
    assert "Inconsistent: cax-dw:" in result.stdout


def _all_cases(directory: Path) -> Path:
    path = directory / "contradictions.ttl"
    path.write_text(PREFIXES + "\n".join(text for text, _ in CASES.values()) + "\n")
    return path


@pytest.mark.slow
def test_kg_serve_logs_each_rule_and_still_serves(tmp_path: Path) -> None:
    server = start_kg_serve([_all_cases(tmp_path)], tmp_path / "serve.log")
    try:
        r = requests.get(server.sparql, timeout=30, params={
            "query": f"ASK {{ <{EX}tom> a <{EX}Cat> , <{EX}Dog> }}"},
            headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200 and r.json()["boolean"] is True
    finally:
        server.stop()
    log = server.log()
    assert "Traceback" not in log
    for rule in CASES:
        assert f"inconsistency ({rule})" in log, rule


def test_kg_reason_writes_valid_rdf_only(tmp_path: Path) -> None:
    """owlrl's closure of this file has literal subjects; ``kg reason`` must drop them."""
    source = write_case(tmp_path, "prp-fp")
    reference = rdflib.Graph().parse(source)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(reference)
    assert any(isinstance(s, rdflib.Literal) for s, _, _ in reference)  # the premise

    out = tmp_path / "out.nt"
    result = kg("reason", source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "inconsistency (prp-fp)" in result.stderr
    triples = _read_nt(out)  # a strict parser: a literal subject would not parse
    assert not any(isinstance(t.subject, ox.Literal) for t in triples)
    assert not any(isinstance(t.predicate, ox.BlankNode) for t in triples)
    age = ox.NamedNode(EX + "age")
    sub_property = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
    assert ox.Triple(age, sub_property, age) in triples  # reasoned: scm-dp
    assert ox.Triple(ox.NamedNode(EX + "tom"), age, ox.Literal("3")) in triples  # input kept

    # The same data as gzipped N-Triples gives the same closure.
    gz = tmp_path / "in.nt.gz"
    gz.write_bytes(gzip.compress(ox.serialize(
        ox.parse(source.read_bytes(), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)))
    out_gz = tmp_path / "out-gz.nt"
    result = kg("reason", gz, "-o", out_gz)
    assert result.returncode == 0, result.stderr
    assert set(_read_nt(out_gz)) == set(triples)


def _read_nt(path: Path) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.N_TRIPLES)]


@pytest.mark.slow
def test_kg_build_warns_with_the_rule_and_completes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seeds under an ontology that one extra axiom makes them contradict."""
    ontology = tmp_path / "ontology"
    shutil.copytree(paths.ontology_dir(), ontology)
    with (ontology / "dipkg.ttl").open("a", encoding="utf-8") as f:
        # every interaction is stated (or inferred) both ways: the property is symmetric
        f.write("\n<https://w3id.org/dipkg/ontology#interactedWith> a "
                "<http://www.w3.org/2002/07/owl#AsymmetricProperty> .\n")
    out = tmp_path / "build"
    summary = build(BuildOptions(ontology=ontology, out=out))
    assert any(w.startswith("inconsistency (prp-asyp):") for w in summary.warnings), \
        summary.warnings
    directory = current_build(out)
    assert directory is not None and directory.name == summary.version
    store = Store(directory / STORE_DIR, read_only=True, union_default_graph=True)
    assert store.has_inferred() and summary.triples_inferred > 0
    # the CLI prints the warnings of a build
    _print_summary(summary)
    assert "inconsistency (prp-asyp)" in capsys.readouterr().out
