"""SHACL validation of instance data and the evidence-offset check."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import owlrl
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from kg.errors import InputError, StoreError
from kg.validate import (
    ONTOLOGY_DIR,
    ShapeReport,
    ShapeResult,
    check_evidence,
    consistency_problems,
    load_ontology,
    load_shapes,
    reasoning_problems,
    text_report,
    validate_files,
    validate_shapes,
)
from kg.vocab import DIP, GRAPH_INFERRED, ID, OA, OWL, RDF, SH, XSD

TEXT = (
    "MOSCOW, July 20. The two governments announced today that relations would resume. "
    "On July 6, Mr. Sharett wrote to Mr. Molotov asking that the legations be reopened."
)
QUOTE = "Mr. Sharett wrote to Mr. Molotov"
START = TEXT.index(QUOTE)
END = START + len(QUOTE)
PREFIX = TEXT[START - 11 : START]
SUFFIX = TEXT[END : END + 7]

PREFIXES = """
@base <https://w3id.org/dipkg/id/> .
@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

AUTHORITY = """
<state/israel> a dip:State ; rdfs:label "Israel"@en ; skos:altLabel "Israeli"@en ;
    owl:sameAs <http://www.wikidata.org/entity/Q801> .
<state/soviet-union> a dip:State ; rdfs:label "Soviet Union"@en .
<person/moshe-sharett> a dip:Envoy ; rdfs:label "Moshe Sharett"@en ;
    dip:represents <state/israel> ; dip:heldOffice <person/moshe-sharett/office/1> .
<person/moshe-sharett/office/1> a dip:Office ; rdfs:label "Foreign Minister of Israel"@en ;
    dip:officeOf <state/israel> ; dip:startYear "1948"^^xsd:gYear ;
    dip:endYear "1956"^^xsd:gYear .
<person/vyacheslav-molotov> a dip:Envoy ; rdfs:label "Vyacheslav Molotov"@en ;
    dip:represents <state/soviet-union> .
<place/moscow> a dip:Place ; rdfs:label "Moscow"@en .
"""

SOURCE = f"""
<doc/003> a dip:NewsArticle ;
    dcterms:title "Moscow and Israel Announce Resumption of Diplomatic Relations" ;
    dcterms:date "1953-07-20"^^xsd:date ;
    dcterms:publisher "Jewish Telegraphic Agency" ;
    dip:genre "news" ;
    dip:text {TEXT!r} .
<doc/003/1> a dip:Letter ; dcterms:title "Letter from Sharett to Molotov" ;
    dcterms:date "1953-07"^^xsd:gYearMonth ;
    dip:author <person/moshe-sharett> ; dip:recipient <person/vyacheslav-molotov> ;
    dcterms:isPartOf <doc/003> ; dip:bodyStart 10 ; dip:bodyEnd 20 .
<act/003/abc> a dip:Correspondence ;
    dip:actor <person/moshe-sharett> ;
    dip:counterpart <person/vyacheslav-molotov> ;
    dip:date "1953-07-06"^^xsd:date ;
    dip:place <place/moscow> ;
    dip:recordedIn <doc/003> ;
    prov:wasDerivedFrom <doc/003> ;
    dip:extractionMethod "pattern:letter-wrote-to" ;
    dip:confidence 0.9 ;
    dip:evidence <act/003/abc/evidence> .
<act/003/abc/evidence> a oa:SpecificResource ;
    oa:hasSource <doc/003> ;
    oa:hasSelector <act/003/abc/evidence/position>, <act/003/abc/evidence/quote> .
<act/003/abc/evidence/position> a oa:TextPositionSelector ;
    oa:start "{START}"^^xsd:nonNegativeInteger ; oa:end "{END}"^^xsd:nonNegativeInteger .
<act/003/abc/evidence/quote> a oa:TextQuoteSelector ;
    oa:exact {QUOTE!r} ; oa:prefix {PREFIX!r} ; oa:suffix {SUFFIX!r} .
"""

ACT = ID["act/003/abc"]
POSITION = ID["act/003/abc/evidence/position"]
QUOTE_NODE = ID["act/003/abc/evidence/quote"]


def sample(replace: str = "", by: str = "", *, extra: str = "") -> Graph:
    """The conforming sample, with one piece of text replaced (which must be present)."""
    text = AUTHORITY + SOURCE
    if replace:
        assert replace in text, f"test bug: {replace!r} is not in the sample"
        text = text.replace(replace, by, 1)
    return Graph().parse(data=PREFIXES + text + extra, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def test_files_are_found_relative_to_the_repo() -> None:
    assert (ONTOLOGY_DIR / "shapes.ttl").is_file()
    assert (ONTOLOGY_DIR / "dipkg.ttl").is_file()
    assert len(load_ontology()) > 100
    assert set(load_shapes().subjects(RDF.type, SH.NodeShape))


def test_conforming_sample_passes(shapes: Graph) -> None:
    report = validate_shapes(sample(), shapes=shapes)
    assert report.results == ()
    assert report.conforms
    assert text_report(report).startswith("Conforms")


def test_report_is_frozen(shapes: Graph) -> None:
    report = validate_shapes(sample(), shapes=shapes)
    assert isinstance(report, ShapeReport)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.conforms = False  # type: ignore[misc]


def test_default_shapes_are_the_project_shapes() -> None:
    bad = sample('dcterms:title "Letter from Sharett to Molotov" ;', "")
    assert not validate_shapes(bad).conforms


def test_dataset_is_validated_as_the_union_of_its_graphs(shapes: Graph) -> None:
    dataset = Dataset()
    dataset.graph(ID["graph/authority"]).parse(data=PREFIXES + AUTHORITY, format="turtle")
    dataset.graph(ID["graph/source/003"]).parse(data=PREFIXES + SOURCE, format="turtle")
    assert validate_shapes(dataset, shapes=shapes).conforms
    alone = Dataset()
    alone.graph(ID["graph/source/003"]).parse(data=PREFIXES + SOURCE, format="turtle")
    report = validate_shapes(alone, shapes=shapes)
    assert not report.conforms
    assert any("declared as a dip:State or dip:Envoy" in r.message for r in report.results)


def test_rejects_what_is_not_a_graph() -> None:
    with pytest.raises(InputError):
        validate_shapes("not a graph")  # type: ignore[arg-type]


BROKEN = [
    pytest.param(
        "a dip:Correspondence ;",
        "a dip:Correspondence, dip:Visit ;",
        ACT,
        "rdf:type",
        "exactly one specific act type",
        id="two-act-types",
    ),
    pytest.param(
        "a dip:Correspondence ;",
        "a dip:DiplomaticAct ;",
        ACT,
        "rdf:type",
        "exactly one specific act type",
        id="no-specific-act-type",
    ),
    pytest.param(
        "dip:actor <person/moshe-sharett> ;\n    dip:counterpart <person/vyacheslav-molotov> ;",
        "",
        ACT,
        "dip:actor|dip:counterpart|dip:intermediary",
        "at least one participant",
        id="no-participant",
    ),
    pytest.param(
        "dip:actor <person/moshe-sharett> ;",
        "dip:actor <person/nobody> ;",
        ACT,
        "dip:actor|dip:counterpart|dip:intermediary",
        "declared as a dip:State or dip:Envoy",
        id="undeclared-participant",
    ),
    pytest.param(
        "dip:recordedIn <doc/003> ;",
        "",
        ACT,
        "dip:recordedIn",
        "recordedIn a document",
        id="no-recorded-in",
    ),
    pytest.param(
        "dip:recordedIn <doc/003> ;",
        "dip:recordedIn <doc/missing> ;",
        ACT,
        "dip:recordedIn",
        "declared as a dip:Document",
        id="recorded-in-non-document",
    ),
    pytest.param(
        "prov:wasDerivedFrom <doc/003> ;",
        "",
        ACT,
        "prov:wasDerivedFrom",
        "derived from",
        id="no-derived-from",
    ),
    pytest.param(
        "dip:evidence <act/003/abc/evidence> .",
        "dip:confidence 0.9 .",
        ACT,
        "dip:evidence",
        "exactly one dip:evidence",
        id="no-evidence",
    ),
    pytest.param(
        "oa:hasSelector <act/003/abc/evidence/position>,",
        "oa:hasSelector",
        ID["act/003/abc/evidence"],
        "oa:hasSelector",
        "oa:TextPositionSelector",
        id="no-position-selector",
    ),
    pytest.param(
        "<act/003/abc/evidence/quote> .",
        "<act/003/abc/evidence/position> .",
        ID["act/003/abc/evidence"],
        "oa:hasSelector",
        "oa:TextQuoteSelector",
        id="no-quote-selector",
    ),
    pytest.param(
        "oa:exact",
        "oa:quoted",
        QUOTE_NODE,
        "oa:exact",
        "exactly one oa:exact",
        id="no-exact",
    ),
    pytest.param(
        f'oa:start "{START}"^^xsd:nonNegativeInteger',
        f'oa:start "{END + 1}"^^xsd:nonNegativeInteger',
        POSITION,
        "oa:start",
        "not greater than oa:end",
        id="start-after-end",
    ),
    pytest.param(
        f'oa:end "{END}"^^xsd:nonNegativeInteger',
        f'oa:end "{END}.0"^^xsd:decimal',
        POSITION,
        "oa:end",
        "non-negative integer",
        id="end-not-integer",
    ),
    pytest.param(
        'dip:date "1953-07-06"^^xsd:date',
        'dip:date "1953-07-06"',
        ACT,
        "dip:date",
        "xsd:date, xsd:gYearMonth or xsd:gYear",
        id="date-untyped",
    ),
    pytest.param(
        'dip:date "1953-07-06"^^xsd:date',
        'dip:date "1953-13"^^xsd:gYearMonth',
        ACT,
        "dip:date",
        "well-formed",
        id="date-bad-month",
    ),
    pytest.param(
        'dip:date "1953-07-06"^^xsd:date',
        'dip:date "1953-02-30"^^xsd:date',
        ACT,
        "dip:date",
        "well-formed",
        id="date-bad-day",
    ),
    pytest.param(
        'dip:date "1953-07-06"^^xsd:date',
        'dip:date "1953-07-06T10:00:00"^^xsd:dateTime',
        ACT,
        "dip:date",
        "xsd:date, xsd:gYearMonth or xsd:gYear",
        id="date-wrong-type",
    ),
    pytest.param(
        "dip:confidence 0.9",
        "dip:confidence 1.5",
        ACT,
        "dip:confidence",
        "between 0 and 1",
        id="confidence-above-one",
    ),
    pytest.param(
        "dip:confidence 0.9",
        "dip:confidence 0.9e0",
        ACT,
        "dip:confidence",
        "xsd:decimal",
        id="confidence-double",
    ),
    pytest.param(
        "dip:represents <state/soviet-union> .",
        'rdfs:comment "no state" .',
        ID["person/vyacheslav-molotov"],
        "dip:represents",
        "at least one dip:State",
        id="envoy-represents-nothing",
    ),
    pytest.param(
        "dip:represents <state/soviet-union> .",
        "dip:represents <place/moscow> .",
        ID["person/vyacheslav-molotov"],
        "dip:represents",
        "declared as a dip:State",
        id="envoy-represents-a-place",
    ),
    pytest.param(
        'dcterms:title "Letter from Sharett to Molotov" ;',
        "",
        ID["doc/003/1"],
        "dcterms:title",
        "dcterms:title",
        id="document-without-title",
    ),
    pytest.param(
        'dip:genre "news" ;',
        'dip:genre "gossip" ;',
        ID["doc/003"],
        "dip:genre",
        "one of news",
        id="bad-genre",
    ),
    pytest.param(
        "dip:bodyStart 10 ;",
        "dip:bodyStart 30 ;",
        ID["doc/003/1"],
        "dip:bodyStart",
        "not greater than dip:bodyEnd",
        id="body-reversed",
    ),
    pytest.param(
        "dcterms:isPartOf <doc/003> ;",
        "",
        ID["doc/003/1"],
        None,
        "dip:text (a source document) or dcterms:isPartOf",
        id="part-without-collection-or-text",
    ),
    pytest.param(
        'dip:startYear "1948"^^xsd:gYear',
        'dip:startYear "1948"',
        ID["person/moshe-sharett/office/1"],
        "dip:startYear",
        "xsd:gYear",
        id="office-year",
    ),
]


@pytest.mark.parametrize(("old", "new", "focus", "path", "fragment"), BROKEN)
def test_each_missing_or_wrong_thing_is_reported(
    shapes: Graph, old: str, new: str, focus: URIRef, path: str | None, fragment: str
) -> None:
    report = validate_shapes(sample(old, new), shapes=shapes)
    assert not report.conforms
    matching = [r for r in report.violations if r.focus == focus and r.path == path]
    assert matching, text_report(report)
    assert any(fragment in r.message for r in matching), text_report(report)
    assert all(isinstance(r, ShapeResult) and r.severity == "Violation" for r in matching)
    text = text_report(report)
    assert "Does not conform" in text
    assert fragment in text


def test_untyped_subject_of_act_properties_is_checked_as_an_act(shapes: Graph) -> None:
    report = validate_shapes(sample("a dip:Correspondence ;", ""), shapes=shapes)
    assert any(r.focus == ACT and r.path == "rdf:type" for r in report.violations)


def test_results_render_values_compactly(shapes: Graph) -> None:
    report = validate_shapes(sample("dip:confidence 0.9", "dip:confidence 1.5"), shapes=shapes)
    (result,) = report.results
    assert result.message.endswith('(value: "1.5"^^xsd:decimal)')
    assert "id:act/003/abc dip:confidence" in text_report(report)


def test_ontology_itself_in_the_data_does_not_break_validation(shapes: Graph) -> None:
    data = sample()
    data += load_ontology()
    assert validate_shapes(data, shapes=shapes).conforms


def test_reasoned_data_still_conforms(shapes: Graph) -> None:
    # Validation targets asserted data, but the inferred super-classes must not trip it.
    data = sample()
    data += load_ontology()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(data)
    assert reasoning_problems(data) == []
    report = validate_shapes(data, shapes=shapes)
    assert [r for r in report.violations if r.focus == ACT] == []


# --- evidence ---------------------------------------------------------------------------


def test_evidence_of_the_sample_matches_its_text() -> None:
    assert check_evidence(sample()) == []


def test_evidence_check_accepts_a_dataset() -> None:
    dataset = Dataset()
    dataset.graph(ID["graph/source/003"]).parse(data=PREFIXES + SOURCE, format="turtle")
    assert check_evidence(dataset) == []


def test_wrong_offset_is_caught() -> None:
    data = sample()
    data.set((POSITION, OA.start, Literal(START + 1, datatype=XSD.nonNegativeInteger)))
    data.set((POSITION, OA.end, Literal(END + 1, datatype=XSD.nonNegativeInteger)))
    problems = check_evidence(data)
    assert len(problems) == 1
    assert "id:act/003/abc" in problems[0]
    assert f"[{START + 1}:{END + 1}]" in problems[0]


def test_wrong_quote_is_caught() -> None:
    data = sample()
    data.set((QUOTE_NODE, OA.exact, Literal("Mr. Sharett wrote to Mr. Vyshinsky")))
    (problem,) = check_evidence(data)
    assert "oa:exact" in problem


def test_offsets_past_the_end_are_caught() -> None:
    data = sample()
    data.set((POSITION, OA.end, Literal(len(TEXT) + 5)))
    (problem,) = check_evidence(data)
    assert "outside its source text" in problem


def test_prefix_and_suffix_are_checked() -> None:
    data = sample()
    data.set((QUOTE_NODE, OA.prefix, Literal("On July 7, ")))
    data.set((QUOTE_NODE, OA.suffix, Literal(" asking")))
    data.set((QUOTE_NODE, OA.suffix, Literal(" begging")))
    problems = check_evidence(data)
    assert len(problems) == 2
    assert any("oa:prefix" in p for p in problems)
    assert any("oa:suffix" in p for p in problems)


def test_missing_source_text_is_reported() -> None:
    data = sample()
    data.remove((ID["doc/003"], DIP.text, None))
    (problem,) = check_evidence(data)
    assert "has no dip:text" in problem


def test_offsets_count_code_points_not_bytes() -> None:
    text = "Шарет — «Молотову»: Mr. Sharett wrote to Mr. Molotov."
    data = sample()
    data.set((ID["doc/003"], DIP.text, Literal(text)))
    start = text.index(QUOTE)
    data.set((POSITION, OA.start, Literal(start)))
    data.set((POSITION, OA.end, Literal(start + len(QUOTE))))
    data.remove((QUOTE_NODE, OA.prefix, None))
    data.remove((QUOTE_NODE, OA.suffix, None))
    assert check_evidence(data) == []
    assert start != len(text[:start].encode("utf-8"))


def test_reasoning_problems_reads_owlrl_errors() -> None:
    data = sample(extra="<state/israel> a dip:Envoy .")
    data += load_ontology()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(data)
    problems = reasoning_problems(data)
    assert problems and "Disjoint classes" in problems[0]
    data.add((ID["x"], RDF.type, OWL.Nothing))
    assert any("id:x is a member of owl:Nothing" in p for p in reasoning_problems(data))


# --- validate_files (the `kg validate` command) -----------------------------------------


def test_validate_files_runs_every_check(tmp_path: Path) -> None:
    good = tmp_path / "good.ttl"
    sample().serialize(good, format="turtle", encoding="utf-8")
    summary = validate_files([good])
    assert summary.ok, summary.text
    assert "Conforms" in summary.text
    assert "Consistent" in summary.text


def test_validate_files_reports_inconsistency_and_evidence(tmp_path: Path) -> None:
    data = sample(extra="<state/israel> a dip:Envoy .")
    data.set((POSITION, OA.start, Literal(START + 2)))
    bad = tmp_path / "bad.nt"
    data.serialize(bad, format="nt", encoding="utf-8")
    summary = validate_files([bad])
    assert not summary.ok
    assert any(str(ID["state/israel"]) in p for p in summary.consistency)
    assert len(summary.evidence) == 1
    assert "Inconsistent:" in summary.text
    assert "Evidence:" in summary.text


def test_validate_files_reads_several_files_together(tmp_path: Path) -> None:
    authority = tmp_path / "authority.ttl"
    authority.write_text(PREFIXES + AUTHORITY, encoding="utf-8")
    source = tmp_path / "source.ttl"
    source.write_text(PREFIXES + SOURCE, encoding="utf-8")
    assert validate_files([authority, source]).ok
    assert not validate_files([source]).ok


def test_validate_files_refuses_missing_or_broken_files(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        validate_files([tmp_path / "absent.ttl"])
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError):
        validate_files([broken])


def test_validate_without_a_build_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_BUILD_DIR", str(tmp_path))
    with pytest.raises(StoreError, match="kg build"):
        validate_files(())


def test_consistency_ignores_the_inferred_graph() -> None:
    dataset = Dataset()
    dataset.graph(ID["graph/source/003"]).parse(data=PREFIXES + AUTHORITY + SOURCE, format="turtle")
    dataset.graph(GRAPH_INFERRED).add((ID["state/israel"], RDF.type, DIP.Envoy))
    assert consistency_problems(dataset) == []
    assert validate_shapes(dataset).conforms
