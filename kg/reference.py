"""owlrl, the reference OWL 2 RL reasoner, behind the same store interface.

Our own reasoner (:mod:`kg.reason`) must give the closure owlrl gives; this module
computes owlrl's, for the tests that prove it and for ``kg build --reasoner owlrl``
(a user who wants the reference implementation pays about 40x the time).  owlrl
also derives "generalized" triples with a literal as subject (``"x" owl:sameAs
"x"``); no RDF syntax can write them, so they are dropped here.
"""

from __future__ import annotations

import logging

import owlrl
import pyoxigraph as ox
from rdflib import Graph, Literal

from kg.store import Store
from kg.vocab import GRAPH_INFERRED

log = logging.getLogger(__name__)


def owlrl_inferred(data: bytes) -> bytes:
    """N-Triples in, the N-Triples owlrl adds (less generalized triples) out."""
    graph = Graph()
    graph.parse(data=data, format="nt")
    before = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    added = Graph()
    for s, p, o in graph:
        if (s, p, o) in before or isinstance(s, Literal) or isinstance(p, Literal):
            continue
        added.add((s, p, o))
    return added.serialize(format="nt", encoding="utf-8")


def owlrl_reason_store(store: Store) -> int:
    """Replace the store's inferred graph with owlrl's closure of all its other triples."""
    store.clear_graph(str(GRAPH_INFERRED))
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()}
    inferred = owlrl_inferred(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    store.load_bytes(inferred, format=ox.RdfFormat.N_TRIPLES, graph=str(GRAPH_INFERRED))
    count = sum(1 for _ in store.quads(str(GRAPH_INFERRED)))
    log.info("owlrl inferred %d triples", count)
    return count
