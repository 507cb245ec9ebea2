"""The OWL 2 RL ontology: it parses, documents every term, stays in RL, is consistent,
and its axioms draw the conclusions the data model promises (and only with reasoning)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import owlrl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from kg.validate import ONTOLOGY_DIR, load_ontology, reasoning_problems
from kg.vocab import (
    ACT_TYPES,
    CAMEO,
    CRM,
    DCTERMS,
    DIP,
    DOCUMENT_TYPES,
    FOAF,
    ID,
    OA,
    ONTOLOGY_IRI,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    VANN,
    WD,
    XSD,
)

TTL = ONTOLOGY_DIR / "dipkg.ttl"
OWL_XML = ONTOLOGY_DIR / "dipkg.owl"

CLASSES = {
    "State",
    "Envoy",
    "DiplomaticAct",
    "Document",
    "Party",
    "Place",
    "Office",
    "RelationsChange",
    "Interaction",
    *ACT_TYPES,
    *DOCUMENT_TYPES,
}
RELATIONS_CHANGES = {
    "Recognition",
    "EstablishmentOfRelations",
    "SeveranceOfRelations",
    "ResumptionOfRelations",
    "EstablishmentOfConsularRelations",
}
INTERACTIONS = {
    "Visit",
    "Meeting",
    "Correspondence",
    "PublicStatement",
    "Agreement",
    "Vote",
    "ArmsTransfer",
    "Proposal",
}
OBJECT_PROPERTIES = {
    "actor",
    "counterpart",
    "intermediary",
    "participant",
    "performed",
    "represents",
    "forState",
    "place",
    "recordedIn",
    "records",
    "author",
    "recipient",
    "actingState",
    "counterpartState",
    "involvedState",
    "interactedWith",
    "successorOf",
    "heldOffice",
    "officeOf",
    "evidence",
}
DATATYPE_PROPERTIES = {
    "date",
    "startYear",
    "endYear",
    "extractionMethod",
    "confidence",
    "genre",
    "text",
    "bodyStart",
    "bodyEnd",
}
NOT_RL_DATATYPES = {XSD.date, XSD.gYear, XSD.gYearMonth}

# Instance data written as ontology/README.md says, plus a chain of successor states.
SAMPLE = """
@base <https://w3id.org/dipkg/id/> .
@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<state/israel> a dip:State ; rdfs:label "Israel"@en .
<state/soviet-union> a dip:State ; rdfs:label "Soviet Union"@en .
<state/russia> a dip:State ; rdfs:label "Russia"@en ; dip:successorOf <state/soviet-union> .
<state/soviet-union> dip:successorOf <state/predecessor> .
<state/predecessor> a dip:State ; rdfs:label "an earlier state"@en .

<person/moshe-sharett> a dip:Envoy ; rdfs:label "Moshe Sharett"@en ;
    dip:represents <state/israel> ; dip:heldOffice <person/moshe-sharett/office/1> .
<person/moshe-sharett/office/1> a dip:Office ; rdfs:label "Foreign Minister of Israel"@en ;
    dip:officeOf <state/israel> ; dip:startYear "1948"^^xsd:gYear ; dip:endYear "1956"^^xsd:gYear .
<person/vyacheslav-molotov> a dip:Envoy ; rdfs:label "Vyacheslav Molotov"@en ;
    dip:represents <state/soviet-union> .
<place/moscow> a dip:Place ; rdfs:label "Moscow"@en .

<doc/002> a dip:DocumentCollection ; dcterms:title "Documents" ; dip:genre "collection" ;
    dip:text "... On July 6, Mr. Sharett wrote to Mr. Molotov ..." .
<doc/002/6> a dip:Letter ; dcterms:title "Letter from Sharett to Molotov" ;
    dcterms:date "1953-07-06"^^xsd:date ;
    dip:author <person/moshe-sharett> ; dip:recipient <person/vyacheslav-molotov> ;
    dcterms:isPartOf <doc/002> ; dip:bodyStart 4 ; dip:bodyEnd 48 .

<act/002/a> a dip:Correspondence ;
    dip:actor <person/moshe-sharett> ;
    dip:counterpart <person/vyacheslav-molotov> ;
    dip:date "1953-07-06"^^xsd:date ;
    dip:place <place/moscow> ;
    dip:recordedIn <doc/002/6> ;
    prov:wasDerivedFrom <doc/002> ;
    dip:extractionMethod "pattern:letter-wrote-to" ;
    dip:confidence 0.9 ;
    dip:evidence <act/002/a/evidence> .
<act/002/a/evidence> a oa:SpecificResource ; oa:hasSource <doc/002> ;
    oa:hasSelector <act/002/a/evidence/position>, <act/002/a/evidence/quote> .
<act/002/a/evidence/position> a oa:TextPositionSelector ; oa:start 14 ; oa:end 46 .
<act/002/a/evidence/quote> a oa:TextQuoteSelector ;
    oa:exact "Mr. Sharett wrote to Mr. Molotov" .
"""

ACT = ID["act/002/a"]
LETTER = ID["doc/002/6"]
SHARETT = ID["person/moshe-sharett"]
MOLOTOV = ID["person/vyacheslav-molotov"]
ISRAEL = ID["state/israel"]
USSR = ID["state/soviet-union"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def asserted() -> Graph:
    graph = load_ontology()
    graph.parse(data=SAMPLE, format="turtle")
    return graph


def _closure(graph: Graph) -> Graph:
    closed = Graph()
    closed += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    return closed


@pytest.fixture(scope="module")
def reasoned(asserted: Graph) -> Graph:
    return _closure(asserted)


def _dip_terms(graph: Graph) -> set[URIRef]:
    return {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(DIP))
    }


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [
        o
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "en" and str(o).strip()
    ]


# --- files ------------------------------------------------------------------------------


def test_turtle_and_rdfxml_hold_the_same_graph() -> None:
    turtle = Graph().parse(TTL, format="turtle")
    xml = Graph().parse(OWL_XML, format="xml")
    assert len(turtle) > 400
    assert isomorphic(turtle, xml), "dipkg.owl is stale: run python ontology/make_owl.py"


def test_make_owl_script_writes_an_isomorphic_copy(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_owl", ONTOLOGY_DIR / "make_owl.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp_path / "copy.owl"
    count = module.make_owl(TTL, target)
    copy = Graph().parse(target, format="xml")
    assert count == len(copy)
    assert isomorphic(copy, Graph().parse(TTL, format="turtle"))


# --- terms ------------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionIRI) is not None
    assert ontology.value(onto, OWL.versionInfo) is not None
    for predicate in (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.creator,
        DCTERMS.created,
        DCTERMS.modified,
    ):
        assert ontology.value(onto, predicate) is not None, predicate
    assert str(ontology.value(onto, VANN.preferredNamespacePrefix)) == "dip"
    assert str(ontology.value(onto, VANN.preferredNamespaceUri)) == str(DIP)
    assert ontology.value(onto, OWL.imports) is None, "no external ontology is imported"


def test_vocab_terms_are_declared_classes(ontology: Graph) -> None:
    for name in (*ACT_TYPES, *DOCUMENT_TYPES):
        assert (DIP[name], RDF.type, OWL.Class) in ontology, name


def test_every_dip_term_has_english_label_and_definition(ontology: Graph) -> None:
    terms = _dip_terms(ontology) | {DIP[n] for n in (*ACT_TYPES, *DOCUMENT_TYPES)}
    assert len(terms) >= len(CLASSES) + len(OBJECT_PROPERTIES) + len(DATATYPE_PROPERTIES)
    undocumented = sorted(
        str(t)
        for t in terms
        if not _english(ontology, t, RDFS.label) or not _english(ontology, t, SKOS.definition)
    )
    assert undocumented == []


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (CLASSES, OWL.Class),
        (OBJECT_PROPERTIES, OWL.ObjectProperty),
        (DATATYPE_PROPERTIES, OWL.DatatypeProperty),
    ],
)
def test_required_terms_have_the_right_kind(ontology: Graph, names: set[str], kind: URIRef) -> None:
    missing = sorted(n for n in names if (DIP[n], RDF.type, kind) not in ontology)
    assert missing == []


def test_no_dip_term_beyond_the_declared_ones(ontology: Graph) -> None:
    declared = {DIP[n] for n in CLASSES | OBJECT_PROPERTIES | DATATYPE_PROPERTIES}
    assert _dip_terms(ontology) - declared == set()


def test_borrowed_terms_are_declared_with_their_kind(ontology: Graph) -> None:
    builtin = (str(RDF), str(RDFS), str(OWL), str(XSD))
    kinds = {OWL.AnnotationProperty, OWL.ObjectProperty, OWL.DatatypeProperty}
    undeclared = set()
    for predicate in set(ontology.predicates()):
        if str(predicate).startswith(builtin):
            continue
        if not any((predicate, RDF.type, k) in ontology for k in kinds):
            undeclared.add(predicate)
    for _s, _p, sup in ontology.triples((None, RDFS.subPropertyOf, None)):
        if not any((sup, RDF.type, k) in ontology for k in kinds):
            undeclared.add(sup)
    for _s, _p, sup in ontology.triples((None, RDFS.subClassOf, None)):
        if (sup, RDF.type, OWL.Class) not in ontology:
            undeclared.add(sup)
    assert sorted(map(str, undeclared)) == []
    expected = {
        DCTERMS.title: OWL.AnnotationProperty,
        DCTERMS.date: OWL.DatatypeProperty,
        DCTERMS.isPartOf: OWL.ObjectProperty,
        DCTERMS.publisher: OWL.AnnotationProperty,
        DCTERMS.source: OWL.AnnotationProperty,
        DCTERMS.license: OWL.AnnotationProperty,
        SKOS.altLabel: OWL.AnnotationProperty,
        SKOS.definition: OWL.AnnotationProperty,
        SKOS.closeMatch: OWL.AnnotationProperty,
        PROV.wasDerivedFrom: OWL.ObjectProperty,
        OA.hasSource: OWL.ObjectProperty,
        OA.hasSelector: OWL.ObjectProperty,
        OA.start: OWL.DatatypeProperty,
        OA.end: OWL.DatatypeProperty,
        OA.exact: OWL.DatatypeProperty,
        OA.prefix: OWL.DatatypeProperty,
        OA.suffix: OWL.DatatypeProperty,
        OA.SpecificResource: OWL.Class,
        OA.TextPositionSelector: OWL.Class,
        OA.TextQuoteSelector: OWL.Class,
    }
    wrong = {str(t): str(k) for t, k in expected.items() if (t, RDF.type, k) not in ontology}
    assert wrong == {}


def test_no_term_is_both_annotation_and_data_or_object_property(ontology: Graph) -> None:
    annotation = set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
    other = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert annotation & other == set()


# --- axioms -----------------------------------------------------------------------------


def test_class_hierarchy(ontology: Graph) -> None:
    for name in RELATIONS_CHANGES:
        assert (DIP[name], RDFS.subClassOf, DIP.RelationsChange) in ontology, name
    for name in INTERACTIONS:
        assert (DIP[name], RDFS.subClassOf, DIP.Interaction) in ontology, name
    assert set(ACT_TYPES) == RELATIONS_CHANGES | INTERACTIONS
    for parent in (DIP.RelationsChange, DIP.Interaction):
        assert (parent, RDFS.subClassOf, DIP.DiplomaticAct) in ontology
    for name in DOCUMENT_TYPES:
        assert (DIP[name], RDFS.subClassOf, DIP.Document) in ontology, name
    for name in ("State", "Envoy"):
        assert (DIP[name], RDFS.subClassOf, DIP.Party) in ontology, name


def test_alignments_are_subsumptions_not_equivalences(ontology: Graph) -> None:
    expected = {
        DIP.DiplomaticAct: {CRM.E7_Activity, SDO.Event},
        DIP.Document: {PROV.Entity, FOAF.Document, SDO.CreativeWork, CRM.E31_Document},
        DIP.Envoy: {PROV.Person, FOAF.Person, SDO.Person, CRM.E21_Person},
        DIP.State: {PROV.Organization, CRM.E40_Legal_Body},
    }
    for cls, supers in expected.items():
        assert supers <= set(ontology.objects(cls, RDFS.subClassOf)), cls
    assert not list(ontology.triples((None, OWL.equivalentClass, None)))
    assert not list(ontology.triples((None, OWL.equivalentProperty, None)))


def test_acts_are_not_prov_activities_even_after_reasoning(reasoned: Graph) -> None:
    # PROV-O makes Activity disjoint with Entity, and acts carry prov:wasDerivedFrom.
    assert (DIP.DiplomaticAct, RDFS.subClassOf, PROV.Activity) not in reasoned
    assert (ACT, RDF.type, PROV.Activity) not in reasoned


def test_property_axioms(ontology: Graph) -> None:
    for name in ("actor", "counterpart", "intermediary"):
        assert (DIP[name], RDFS.subPropertyOf, DIP.participant) in ontology, name
    assert (DIP.performed, OWL.inverseOf, DIP.actor) in ontology
    assert (DIP.recordedIn, OWL.inverseOf, DIP.records) in ontology
    assert (DIP.interactedWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (DIP.successorOf, RDF.type, OWL.TransitiveProperty) in ontology
    chains = {
        DIP.actingState: [DIP.actor, DIP.forState],
        DIP.counterpartState: [DIP.counterpart, DIP.forState],
        DIP.involvedState: [DIP.participant, DIP.forState],
        DIP.interactedWith: [DIP.performed, DIP.counterpart],
    }
    for prop, chain in chains.items():
        head = ontology.value(prop, OWL.propertyChainAxiom)
        assert head is not None, prop
        assert list(Collection(ontology, head)) == chain
    assert (DIP.represents, RDFS.domain, DIP.Envoy) in ontology
    assert (DIP.represents, RDFS.range, DIP.State) in ontology
    assert (DIP.place, RDFS.range, DIP.Place) in ontology
    assert (DIP.evidence, RDFS.range, OA.SpecificResource) in ontology


def test_top_classes_are_pairwise_disjoint(ontology: Graph) -> None:
    disjoint: set[frozenset[URIRef]] = set()
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(ontology, ontology.value(node, OWL.members)))
        disjoint |= {frozenset((a, b)) for a in members for b in members if a != b}
    for a, b in ontology.subject_objects(OWL.disjointWith):
        disjoint.add(frozenset((a, b)))
    tops = [DIP.State, DIP.Envoy, DIP.Document, DIP.DiplomaticAct]
    for i, a in enumerate(tops):
        for b in tops[i + 1 :]:
            assert frozenset((a, b)) in disjoint, (a, b)


def test_not_rl_datatypes_are_never_a_range(ontology: Graph) -> None:
    ranges = set(ontology.objects(None, RDFS.range))
    assert ranges & NOT_RL_DATATYPES == set()
    assert ontology.value(DIP.date, RDFS.range) is None


def test_only_owl2_rl_friendly_constructs(ontology: Graph) -> None:
    # A quick check without Java: constructs that are outside OWL 2 RL, or allowed there on
    # one side of an axiom only, are not needed here and must not appear at all.
    banned = {
        OWL.unionOf,
        OWL.someValuesFrom,
        OWL.hasSelf,
        OWL.ReflexiveProperty,
        OWL.minCardinality,
        OWL.cardinality,
        OWL.minQualifiedCardinality,
        OWL.qualifiedCardinality,
        OWL.disjointUnionOf,
        OWL.oneOf,
        OWL.complementOf,
        OWL.imports,
    }
    used = {n for t in ontology for n in t if isinstance(n, URIRef)}
    assert used & banned == set()
    # Blank nodes only for lists and AllDisjointClasses axioms, never anonymous classes.
    for node in {s for s in ontology.subjects() if isinstance(s, BNode)}:
        predicates = set(ontology.predicates(node))
        assert predicates <= {RDF.first, RDF.rest, RDF.type, OWL.members}, predicates


def test_act_types_map_to_cameo_codes(ontology: Graph) -> None:
    used: set[URIRef] = set()
    for name in ACT_TYPES:
        targets = {
            o
            for p in (SKOS.closeMatch, SKOS.relatedMatch)
            for o in ontology.objects(DIP[name], p)
            if str(o).startswith(str(CAMEO))
        }
        assert targets, f"{name} has no CAMEO mapping"
        used |= targets
    assert (DIP.Recognition, SKOS.closeMatch, CAMEO["054"]) in ontology
    assert (DIP.SeveranceOfRelations, SKOS.closeMatch, CAMEO["161"]) in ontology
    assert (DIP.Agreement, SKOS.closeMatch, CAMEO["057"]) in ontology
    assert (DIP.Visit, SKOS.closeMatch, CAMEO["042"]) in ontology
    assert (DIP.PublicStatement, SKOS.closeMatch, CAMEO["010"]) in ontology
    for concept in used:
        code = str(concept)[len(str(CAMEO)) :]
        assert str(ontology.value(concept, SKOS.notation)) == code
        assert _english(ontology, concept, SKOS.prefLabel), concept
        assert (concept, RDF.type, SKOS.Concept) in ontology


def test_wikidata_alignment(ontology: Graph) -> None:
    assert (DIP.State, SKOS.closeMatch, WD.Q7275) in ontology


# --- reasoning --------------------------------------------------------------------------


def test_ontology_closure_is_consistent(ontology: Graph) -> None:
    closed = _closure(ontology)
    assert reasoning_problems(closed) == []
    assert len(closed) > len(ontology)


def test_sample_closure_is_consistent(reasoned: Graph) -> None:
    assert reasoning_problems(reasoned) == []
    assert not list(reasoned.subjects(RDF.type, OWL.Nothing))


def test_disjointness_catches_a_state_that_is_also_an_envoy(asserted: Graph) -> None:
    bad = Graph()
    bad += asserted
    bad.add((ISRAEL, RDF.type, DIP.Envoy))
    problems = reasoning_problems(_closure(bad))
    assert any(str(ISRAEL) in p for p in problems), problems


REASONING_CASES = [
    pytest.param((LETTER, RDF.type, DIP.Document), id="letter-is-a-document"),
    pytest.param((ACT, RDF.type, DIP.DiplomaticAct), id="correspondence-is-an-act"),
    pytest.param((ACT, RDF.type, CRM.E7_Activity), id="act-aligned-to-crm"),
    pytest.param((LETTER, RDF.type, PROV.Entity), id="letter-is-a-prov-entity"),
    pytest.param((SHARETT, RDF.type, DIP.Party), id="envoy-is-a-party"),
    pytest.param((ACT, DIP.participant, MOLOTOV), id="participant-from-counterpart"),
    pytest.param((ACT, DIP.actingState, ISRAEL), id="chain-acting-state"),
    pytest.param((ACT, DIP.counterpartState, USSR), id="chain-counterpart-state"),
    pytest.param((ACT, DIP.involvedState, USSR), id="chain-involved-state"),
    pytest.param((LETTER, DIP.records, ACT), id="inverse-records"),
    pytest.param((SHARETT, DIP.performed, ACT), id="inverse-performed"),
    pytest.param((SHARETT, DIP.interactedWith, MOLOTOV), id="chain-interacted-with"),
    pytest.param((MOLOTOV, DIP.interactedWith, SHARETT), id="symmetric-interacted-with"),
    pytest.param(
        (ID["state/russia"], DIP.successorOf, ID["state/predecessor"]), id="transitive-successor"
    ),
    pytest.param((ID["place/moscow"], RDF.type, SDO.Place), id="place-aligned"),
]


@pytest.mark.parametrize("triple", REASONING_CASES)
def test_reasoning_adds_what_assertion_lacks(
    asserted: Graph, reasoned: Graph, triple: tuple[URIRef, URIRef, URIRef]
) -> None:
    assert triple not in asserted, "the sample must not assert what reasoning should add"
    assert triple in reasoned


def test_chains_do_not_cross_roles(reasoned: Graph) -> None:
    # actingState comes from the actor only; counterpartState from the counterpart only.
    assert (ACT, DIP.actingState, USSR) not in reasoned
    assert (ACT, DIP.counterpartState, ISRAEL) not in reasoned
    assert (SHARETT, DIP.interactedWith, SHARETT) not in reasoned


# --- HermiT (through owlready2) ---------------------------------------------------------


@pytest.fixture
def owlready2():
    """owlready2 with a Java runtime, or a skip saying which is missing."""
    module = pytest.importorskip("owlready2", reason="owlready2 is not installed")
    if shutil.which("java") is None:
        pytest.skip("no java on PATH: HermiT needs a Java runtime")
    return module


def _hermit(owlready2, path: Path) -> list[str]:
    """Run HermiT on an ontology file; return unsatisfiable classes (raises if inconsistent)."""
    world = owlready2.World()
    world.get_ontology(path.resolve().as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return [str(c) for c in world.inconsistent_classes()]


def test_hermit_finds_the_ontology_consistent_and_every_class_satisfiable(owlready2) -> None:
    assert _hermit(owlready2, OWL_XML) == []


def test_hermit_detects_an_inconsistent_individual(owlready2, tmp_path: Path) -> None:
    bad = Graph().parse(TTL, format="turtle")
    bad.add((ID["doc/x"], RDF.type, DIP.Letter))
    bad.add((ID["doc/x"], RDF.type, DIP.State))
    path = tmp_path / "bad.nt"
    bad.serialize(path, format="nt", encoding="utf-8")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _hermit(owlready2, path)


# --- OWL 2 profiles, by the OWL API's own checkers (shipped inside owlready2's HermiT.jar) --

PROFILE_CHECK_JAVA = """
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWL2RLProfile;
import org.semanticweb.owlapi.profiles.OWLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class ProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntology ontology = OWLManager.createOWLOntologyManager()
            .loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfile[] profiles = {new OWL2RLProfile(), new OWL2DLProfile()};
        for (OWLProfile profile : profiles) {
            OWLProfileReport report = profile.checkOntology(ontology);
            System.out.println("PROFILE\t" + profile.getName() + "\t" + report.isInProfile());
            for (OWLProfileViolation violation : report.getViolations()) {
                System.out.println("VIOLATION\t" + profile.getName() + "\t" + violation);
            }
        }
    }
}
"""


def _profiles(owlready2, ontology_file: Path, workdir: Path) -> dict[str, list[str]]:
    """Violations per profile name ("OWL 2 RL", "OWL 2 DL"), from the OWL API."""
    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    if not jar.is_file():
        pytest.skip(f"owlready2 ships no HermiT.jar at {jar}")
    source = workdir / "ProfileCheck.java"
    source.write_text(PROFILE_CHECK_JAVA, encoding="utf-8")
    run = subprocess.run(
        ["java", "-cp", str(jar), str(source), str(ontology_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if run.returncode != 0 and "PROFILE" not in run.stdout:
        pytest.skip(f"cannot run a Java source file (needs a JDK): {run.stderr[:300]}")
    seen: dict[str, list[str]] = {}
    for line in run.stdout.splitlines():
        kind, _tab, rest = line.partition("\t")
        name, _tab, detail = rest.partition("\t")
        if kind == "PROFILE":
            seen.setdefault(name, [])
        elif kind == "VIOLATION":
            seen.setdefault(name, []).append(detail)
    assert set(seen) == {"OWL 2 RL", "OWL 2 DL"}, run.stdout + run.stderr
    return seen


@pytest.mark.slow
def test_owl_api_finds_the_ontology_in_owl2_rl_and_dl(owlready2, tmp_path: Path) -> None:
    assert _profiles(owlready2, OWL_XML, tmp_path) == {"OWL 2 RL": [], "OWL 2 DL": []}


@pytest.mark.slow
def test_owl_api_profile_check_can_fail(owlready2, tmp_path: Path) -> None:
    # A union as a superclass is OWL 2 DL but not RL: the check must say so.
    graph = Graph().parse(TTL, format="turtle")
    union, members = BNode(), BNode()
    Collection(graph, members, [DIP.Letter, DIP.Note])
    graph.add((union, RDF.type, OWL.Class))
    graph.add((union, OWL.unionOf, members))
    graph.add((DIP.Telegram, RDFS.subClassOf, union))
    path = tmp_path / "union.owl"
    graph.serialize(path, format="xml", encoding="utf-8")
    seen = _profiles(owlready2, path, tmp_path)
    assert seen["OWL 2 RL"], "a superclass union must break OWL 2 RL"
    assert seen["OWL 2 DL"] == []


# --- pyLODE -----------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_pylode_documents_every_class(ontology: Graph) -> None:
    pylode = pytest.importorskip("pylode", reason="pylode (pip install pylode==3.3.4) is absent")
    html = pylode.OntPub(ontology=str(TTL)).make_html()
    missing = []
    for cls in sorted({DIP[n] for n in CLASSES}):
        label = str(ontology.value(cls, RDFS.label))
        if f"<h3>{label}" not in html:
            missing.append(label)
    assert missing == []
