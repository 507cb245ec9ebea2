"""The OWL 2 RL reasoner: each rule family against owlrl on small graphs (and the one
inference it must make), violations, incremental == from scratch, valid RDF only."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.reason import RULES, Reasoner, Violation, from_rdflib, reason, reason_store, to_rdflib
from kg.reference import owlrl_closure as owlrl_reference
from kg.store import Store
from kg.vocab import GRAPH_INFERRED

PREFIXES = """
@prefix : <http://e/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
N = ox.NamedNode


def e(name: str) -> ox.NamedNode:
    return N("http://e/" + name)


TYPE = N(RDF + "type")
SAME = N(OWL + "sameAs")


def ttl(text: str) -> list:
    return [
        (t.subject, t.predicate, t.object)
        for t in ox.parse((PREFIXES + text).encode(), format=ox.RdfFormat.TURTLE)
    ]


def check(text: str) -> set:
    """Reason over a Turtle graph; assert the closure equals owlrl's; return it."""
    triples = ttl(text)
    closure = reason(triples)
    mine = set(from_rdflib(to_rdflib(triples + closure.inferred)))
    reference = owlrl_reference(triples)
    assert mine - reference == set()
    assert reference - mine == set()
    return mine


def test_rdfs_rules_subclass_subproperty_domain_range() -> None:
    """cax-sco, scm-sco, prp-spo1, scm-spo, prp-dom, prp-rng, scm-dom1/2, scm-rng1/2."""
    g = check("""
        :A rdfs:subClassOf :B . :B rdfs:subClassOf :C .
        :p rdfs:subPropertyOf :q . :q rdfs:subPropertyOf :r .
        :r rdfs:domain :A ; rdfs:range :B .
        :x :p :y . :z a :A .
    """)
    assert (e("z"), TYPE, e("C")) in g
    assert (e("x"), e("r"), e("y")) in g
    assert (e("x"), TYPE, e("C")) in g and (e("y"), TYPE, e("C")) in g
    assert (e("p"), N(RDFS + "domain"), e("C")) in g
    assert (e("A"), N(RDFS + "subClassOf"), e("C")) in g


def test_equivalence_rules() -> None:
    """cax-eqc1/2, scm-eqc1/2, prp-eqp1/2, scm-eqp1/2, scm-cls, scm-op."""
    g = check("""
        :A owl:equivalentClass :B . :C rdfs:subClassOf :D . :D rdfs:subClassOf :C .
        :p owl:equivalentProperty :q . :r rdfs:subPropertyOf :s . :s rdfs:subPropertyOf :r .
        :A a owl:Class . :p a owl:ObjectProperty .
        :x a :B ; :q :y . :u a :C .
    """)
    assert (e("x"), TYPE, e("A")) in g and (e("x"), e("p"), e("y")) in g
    assert (e("C"), N(OWL + "equivalentClass"), e("D")) in g
    assert (e("r"), N(OWL + "equivalentProperty"), e("s")) in g
    assert (e("A"), N(RDFS + "subClassOf"), N(OWL + "Thing")) in g


def test_property_characteristics() -> None:
    """prp-symp, prp-trp, prp-inv1/2, prp-ifp, prp-fp, eq-* (sameAs)."""
    g = check("""
        :sib a owl:SymmetricProperty . :anc a owl:TransitiveProperty .
        :parent owl:inverseOf :child . :ssn a owl:InverseFunctionalProperty .
        :mother a owl:FunctionalProperty .
        :a :sib :b . :a :anc :b . :b :anc :c . :c :anc :d . :a :parent :b .
        :m1 :ssn "1" . :m2 :ssn "1" . :k :mother :mA . :k :mother :mB . :mA :name "Ann" .
    """)
    assert (e("b"), e("sib"), e("a")) in g
    assert (e("a"), e("anc"), e("d")) in g
    assert (e("b"), e("child"), e("a")) in g
    assert (e("m1"), SAME, e("m2")) in g
    assert (e("mB"), e("name"), ox.Literal("Ann")) in g


def test_same_as_rules() -> None:
    """eq-ref, eq-sym, eq-trans, eq-rep-s, eq-rep-p, eq-rep-o."""
    g = check("""
        :a owl:sameAs :b . :b owl:sameAs :c . :a :p :o . :s :q :a . :p owl:sameAs :p2 .
    """)
    assert (e("c"), SAME, e("a")) in g
    assert (e("c"), e("p"), e("o")) in g
    assert (e("s"), e("q"), e("c")) in g
    assert (e("a"), e("p2"), e("o")) in g
    assert (e("o"), SAME, e("o")) in g


def test_property_chains() -> None:
    """prp-spo2, chains of length 2 and 3."""
    g = check("""
        :uncle owl:propertyChainAxiom ( :parent :brother ) .
        :ggp owl:propertyChainAxiom ( :parent :parent :parent ) .
        :a :parent :b . :b :brother :c . :b :parent :d . :d :parent :f .
    """)
    assert (e("a"), e("uncle"), e("c")) in g
    assert (e("a"), e("ggp"), e("f")) in g
    assert (e("b"), e("ggp"), e("f")) not in g


def test_class_constructors() -> None:
    """cls-int1/2, cls-uni, cls-oo, scm-int, scm-uni."""
    g = check("""
        :AB owl:intersectionOf ( :A :B ) . :AoB owl:unionOf ( :A :B ) .
        :E owl:oneOf ( :e1 :e2 ) .
        :x a :A , :B . :y a :AB . :z a :B .
    """)
    assert (e("x"), TYPE, e("AB")) in g
    assert (e("y"), TYPE, e("B")) in g
    assert (e("z"), TYPE, e("AoB")) in g and (e("z"), TYPE, e("AB")) not in g
    assert (e("e2"), TYPE, e("E")) in g
    assert (e("AB"), N(RDFS + "subClassOf"), e("A")) in g


def test_restrictions() -> None:
    """cls-svf1/2, cls-avf, cls-hv1/2, scm-svf1, scm-hv, scm-avf1."""
    g = check("""
        :Chair owl:equivalentClass [ owl:intersectionOf ( :Person
            [ a owl:Restriction ; owl:onProperty :heads ; owl:someValuesFrom :Dept ] ) ] .
        :Any owl:equivalentClass [ owl:onProperty :knows ; owl:someValuesFrom owl:Thing ] .
        :R owl:equivalentClass [ owl:onProperty :lives ; owl:hasValue :Rome ] .
        :V rdfs:subClassOf [ owl:onProperty :eats ; owl:allValuesFrom :Plant ] .
        :D1 rdfs:subClassOf :Dept .
        :p a :Person ; :heads :d . :d a :D1 . :k :knows :j . :r :lives :Rome . :r2 a :R .
        :v a :V ; :eats :f .
    """)
    assert (e("p"), TYPE, e("Chair")) in g
    assert (e("k"), TYPE, e("Any")) in g
    assert (e("r"), TYPE, e("R")) in g
    assert (e("r2"), e("lives"), e("Rome")) in g
    assert (e("f"), TYPE, e("Plant")) in g


def test_schema_rules_on_restrictions() -> None:
    """scm-svf1/2, scm-avf1/2, scm-hv (sub-restrictions from sub-classes and sub-properties)."""
    g = check("""
        :A rdfs:subClassOf :B . :p rdfs:subPropertyOf :q .
        :R1 owl:onProperty :p ; owl:someValuesFrom :A .
        :R2 owl:onProperty :p ; owl:someValuesFrom :B .
        :R3 owl:onProperty :q ; owl:someValuesFrom :A .
        :H1 owl:onProperty :p ; owl:hasValue :v . :H2 owl:onProperty :q ; owl:hasValue :v .
        :L1 owl:onProperty :p ; owl:allValuesFrom :A .
        :L2 owl:onProperty :q ; owl:allValuesFrom :A .
    """)
    sco = N(RDFS + "subClassOf")
    assert (e("R1"), sco, e("R2")) in g
    assert (e("R1"), sco, e("R3")) in g
    assert (e("H1"), sco, e("H2")) in g
    assert (e("L2"), sco, e("L1")) in g


def test_cardinality_merges() -> None:
    """cls-maxc2, cls-maxqc3, cls-maxqc4."""
    g = check("""
        :C rdfs:subClassOf [ owl:onProperty :p ; owl:maxCardinality "1"^^xsd:nonNegativeInteger ] .
        :D rdfs:subClassOf [ owl:onProperty :q ; owl:maxQualifiedCardinality
            "1"^^xsd:nonNegativeInteger ; owl:onClass :K ] .
        :x a :C ; :p :a , :b . :y a :D ; :q :k1 , :k2 , :n . :k1 a :K . :k2 a :K .
    """)
    assert (e("a"), SAME, e("b")) in g
    assert (e("k1"), SAME, e("k2")) in g
    assert (e("k1"), SAME, e("n")) not in g


def test_datatypes_as_owlrl() -> None:
    """dt-type1/2: datatypes declared, typed resources get super-datatypes."""
    g = check("""
        :x :age "42"^^xsd:int ; :when "2020-01-01"^^xsd:date ; :label "hi"@en .
        :t a xsd:short .
    """)
    dt = N(RDFS + "Datatype")
    assert (N("http://www.w3.org/2001/XMLSchema#decimal"), TYPE, dt) in g
    assert (e("t"), TYPE, N("http://www.w3.org/2001/XMLSchema#integer")) in g


def test_generalized_derivation_and_no_generalized_output() -> None:
    """A functional datatype property with two values: owlrl makes the literals the same
    (a generalized triple) and copies triples onto them; we derive the same valid triples
    and never output a literal subject or a blank-node predicate."""
    triples = ttl("""
        :age a owl:FunctionalProperty . :x :age "1" , "2" . :y :other "1" .
        :q owl:inverseOf [ owl:inverseOf :p ] . :a :p :b .
    """)
    closure = reason(triples)
    assert (e("y"), e("other"), ox.Literal("2")) in closure.inferred
    assert (e("a"), e("q"), e("b")) in closure.inferred
    for s, p, _ in closure.inferred:
        assert not isinstance(s, ox.Literal)
        assert isinstance(p, ox.NamedNode)
    check("""
        :age a owl:FunctionalProperty . :x :age "1" , "2" . :y :other "1" .
        :q owl:inverseOf [ owl:inverseOf :p ] . :a :p :b .
    """)


def test_has_key_follows_the_spec() -> None:
    """prp-key: same values for every key property -> sameAs; owlrl agrees when the
    instances agree on every key property, and is not the reference otherwise."""
    g = check("""
        :C owl:hasKey ( :k1 :k2 ) . :a a :C ; :k1 "1" ; :k2 "2" . :b a :C ; :k1 "1" ; :k2 "2" .
    """)
    assert (e("a"), SAME, e("b")) in g
    closure = reason(ttl("""
        :C owl:hasKey ( :k1 :k2 ) . :a a :C ; :k1 "1" ; :k2 "2" . :b a :C ; :k1 "1" ; :k2 "3" .
        :D owl:hasKey ( :k ) . :u a :D ; :k "1" . :w a :D ; :k "2" .
    """))
    assert (e("a"), SAME, e("b")) not in closure.inferred
    assert (e("u"), SAME, e("w")) not in closure.inferred


# -- violations --------------------------------------------------------------------
VIOLATIONS = {
    "cax-dw": (":A owl:disjointWith :B . :x a :A , :B .", [(e("x"), TYPE, e("A"))]),
    "cax-adc": (
        "[] a owl:AllDisjointClasses ; owl:members ( :A :B :C ) . :x a :A , :C .",
        [(e("x"), TYPE, e("C"))],
    ),
    "prp-fp": (
        ":age a owl:FunctionalProperty . :x :age 1 , 2 .",
        [(e("x"), e("age"), ox.Literal("1", datatype=N(XSD + "integer")))],
    ),
    "eq-diff1": (
        ":f a owl:FunctionalProperty . :x :f :a , :b . :a owl:differentFrom :b .",
        [(e("a"), SAME, e("b"))],
    ),
    "prp-irp": (":p a owl:IrreflexiveProperty . :x :p :x .", [(e("x"), e("p"), e("x"))]),
    "prp-asyp": (
        ":p a owl:AsymmetricProperty . :x :p :y . :y :p :x .",
        [(e("x"), e("p"), e("y")), (e("y"), e("p"), e("x"))],
    ),
    "cls-nothing2": (
        ":A rdfs:subClassOf owl:Nothing . :x a :A .", [(e("x"), TYPE, N(OWL + "Nothing"))]
    ),
    "cls-com": (":A owl:complementOf :B . :x a :A , :B .", [(e("x"), TYPE, e("B"))]),
    "prp-pdw": (":p owl:propertyDisjointWith :q . :x :p :y ; :q :y .", [(e("x"), e("q"), e("y"))]),
    "prp-npa1": (
        "[] owl:sourceIndividual :x ; owl:assertionProperty :p ; owl:targetIndividual :y ."
        " :x :p :y .",
        [(e("x"), e("p"), e("y"))],
    ),
    "cls-maxc1": (
        ":C rdfs:subClassOf [ owl:onProperty :p ; owl:maxCardinality 0 ] . :x a :C ; :p :y .",
        [(e("x"), e("p"), e("y"))],
    ),
    "eq-diff2": (
        "[] a owl:AllDifferent ; owl:members ( :a :b :c ) . :b owl:sameAs :c .",
        [(e("b"), SAME, e("c"))],
    ),
    "prp-adp": (
        "[] a owl:AllDisjointProperties ; owl:members ( :p :q :r ) . :x :p :y ; :r :y .",
        [(e("x"), e("r"), e("y"))],
    ),
    "dt-not-type": (
        ':x :age "old"^^xsd:integer .',
        [(e("x"), e("age"), ox.Literal("old", datatype=N(XSD + "integer")))],
    ),
}


@pytest.mark.parametrize("rule", sorted(VIOLATIONS))
def test_violation_reported(rule: str) -> None:
    text, offending = VIOLATIONS[rule]
    closure = reason(ttl(text))
    found = [v for v in closure.violations if v.rule == rule]
    assert found, closure.violations
    assert all(isinstance(v, Violation) and v.message for v in found)
    for t in offending:
        assert any(t in v.triples for v in found), (t, found)


def test_consistent_graph_has_no_violations() -> None:
    closure = reason(ttl(
        ":A owl:disjointWith :B . :x a :A . :y a :B . :p a owl:AsymmetricProperty . :x :p :y ."
    ))
    assert closure.violations == ()


# -- incremental, store, table -------------------------------------------------------
def _random_graph(rng: random.Random) -> list:
    classes = [f":C{i}" for i in range(5)]
    props = [f":p{i}" for i in range(4)]
    inds = [f":i{i}" for i in range(6)]
    c = rng.choice
    lines = []
    for n in range(rng.randint(4, 10)):
        lines.append(c([
            f"{c(classes)} rdfs:subClassOf {c(classes)} .",
            f"{c(props)} rdfs:subPropertyOf {c(props)} .",
            f"{c(props)} rdfs:domain {c(classes)} .",
            f"{c(props)} owl:inverseOf {c(props)} .",
            f"{c(props)} a owl:{c(['TransitiveProperty', 'SymmetricProperty'])} .",
            f"{c(props)} a owl:FunctionalProperty .",
            f"{c(classes)} owl:intersectionOf ( {c(classes)} {c(classes)} ) .",
            f"_:r{n} owl:onProperty {c(props)} ; owl:someValuesFrom {c(classes)} . "
            f"{c(classes)} owl:equivalentClass _:r{n} .",
            f"{c(props)} owl:propertyChainAxiom ( {c(props)} {c(props)} ) .",
            f"{c(inds)} owl:sameAs {c(inds)} .",
        ]))
    for _ in range(rng.randint(4, 14)):
        lines.append(f"{c(inds)} {c(props)} {c(inds)} ." if rng.random() < 0.7
                     else f"{c(inds)} a {c(classes)} .")
    return ttl("\n".join(lines))


@pytest.mark.parametrize("seed", range(30))
def test_incremental_equals_from_scratch_and_owlrl(seed: int) -> None:
    rng = random.Random(seed)
    triples = list(dict.fromkeys(_random_graph(rng)))
    cut1 = rng.randint(0, len(triples))
    cut2 = rng.randint(cut1, len(triples))
    r = Reasoner()
    parts = [r.add(triples[:cut1]), r.add(triples[cut1:cut2]), r.add(triples[cut2:])]
    scratch = reason(triples)
    assert set(r.inferred) == set(scratch.inferred)
    assert set().union(*(set(p.inferred) for p in parts)) >= set(scratch.inferred)
    assert set(from_rdflib(to_rdflib(triples + scratch.inferred))) == owlrl_reference(triples)


def test_incremental_returns_only_new_inferences() -> None:
    r = Reasoner()
    r.add(ttl(":A rdfs:subClassOf :B ."))
    new = r.add(ttl(":x a :A ."))
    assert (e("x"), TYPE, e("B")) in new.inferred
    assert (e("A"), N(RDFS + "subClassOf"), e("B")) not in new.inferred
    again = r.add(ttl(":x a :B ."))  # asserted now: no longer an inference
    assert (e("x"), TYPE, e("B")) not in r.inferred
    assert again.inferred == []


def test_reason_store_writes_the_inferred_graph() -> None:
    store = Store(union_default_graph=True)
    store.load_bytes((PREFIXES + ":A rdfs:subClassOf :B .").encode(), format=ox.RdfFormat.TURTLE,
                     graph="http://e/g1")
    store.load_bytes((PREFIXES + ":x a :A .").encode(), format=ox.RdfFormat.TURTLE,
                     graph="http://e/g2")
    closure = reason_store(store)
    assert (e("x"), TYPE, e("B")) in closure.inferred
    ask = "ASK { GRAPH <" + str(GRAPH_INFERRED) + "> { <http://e/x> a <http://e/B> } }"
    assert bool(store.query(ask))
    assert not bool(store.query("ASK { <http://e/x> a <http://e/B> }", infer=False))
    again = reason_store(store)  # replaces, does not reason over its own output
    assert set(again.inferred) == set(closure.inferred)
    n = sum(1 for _ in store.quads(str(GRAPH_INFERRED)))
    assert n == len(closure.inferred)


def test_rules_table_names_every_profile_rule() -> None:
    ids = {r[0] for r in RULES}
    for rule in ("eq-ref", "prp-spo2", "prp-key", "cls-maxqc4", "cax-adc", "scm-avf2", "dt-eq"):
        assert rule in ids
    assert all(status in {"applied", "violation", "not applied"} for _, status, _ in RULES)


def test_seed_ontology_closure_equals_owlrl() -> None:
    """The project ontology (or a small stand-in while it is absent) reasons as owlrl."""
    path = Path(__file__).resolve().parents[1] / "ontology" / "dipkg.ttl"
    if path.exists():
        triples = [
            (t.subject, t.predicate, t.object)
            for t in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE)
        ]
    else:
        triples = ttl("""
            :Act a owl:Class . :Visit a owl:Class ; rdfs:subClassOf :Act .
            :Agent a owl:Class . :State rdfs:subClassOf :Agent .
            :participant a owl:ObjectProperty ; rdfs:domain :Act ; rdfs:range :Agent .
            :host rdfs:subPropertyOf :participant . :hostOf owl:inverseOf :host .
            :Person a owl:Class ; owl:disjointWith :State .
        """)
    triples += ttl(":v1 a :Visit ; :host :ussr . :ussr owl:sameAs :su .")
    closure = reason(triples)
    mine = set(from_rdflib(to_rdflib(triples + closure.inferred)))
    assert mine == owlrl_reference(triples)


def test_many_same_as_links_equal_owlrl_and_stay_linear() -> None:
    """Entities each the same as one Wikidata IRI: owlrl's closure, and no blow-up
    (pairs of equals, so about a dozen inferences per entity)."""
    n = 100
    lines = [":Person rdfs:subClassOf :Agent . :knows rdfs:domain :Person ."]
    for i in range(n):
        lines.append(
            f':e{i} owl:sameAs <http://www.wikidata.org/entity/Q{i}> ; a :Person ; '
            f':name "n{i}" ; :knows :e{(i + 1) % n} .'
        )
    g = check("\n".join(lines))
    q = lambda i: N(f"http://www.wikidata.org/entity/Q{i}")  # noqa: E731
    assert (q(5), e("knows"), q(6)) in g
    assert (q(5), TYPE, e("Agent")) in g
    assert len(g) < 20 * n + 200
