"""owlrl, the reference OWL 2 RL reasoner, behind the same store interface.

Our own reasoner (:mod:`kg.reason`) must give the closure owlrl gives; this module
computes owlrl's, for the tests that prove it and for ``kg build --reasoner owlrl``
(a user who wants the reference implementation pays about 40x the time).  owlrl
also derives "generalized" triples with a literal as subject (``"x" owl:sameAs
"x"``); no RDF syntax can write them, so they are dropped here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import owlrl
import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.reason import Triple, from_rdflib, to_rdflib
from kg.store import Store
from kg.vocab import GRAPH_INFERRED

log = logging.getLogger(__name__)


# owlrl reports contradictions as triples about nodes typed with this predicate
ERROR = "http://www.daml.org/2002/03/agents/agent-ont#error"


def owlrl_closure(triples: Iterable[Triple]) -> set[Triple]:
    """owlrl's default OWL 2 RL closure (input included), as valid RDF, without its error reports.

    This is "the closure owlrl computes" that :mod:`kg.reason` is held to.
    """
    graph = to_rdflib(triples)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = {s for s, p, _ in graph if str(p) == ERROR}
    return set(
        from_rdflib(
            (s, p, o)
            for s, p, o in graph
            if not isinstance(s, Literal) and isinstance(p, URIRef) and s not in errors
        )
    )


def owlrl_reason_store(store: Store) -> int:
    """Replace the store's inferred graph with owlrl's closure of all its other triples."""
    store.clear_graph(str(GRAPH_INFERRED))
    asserted = {(q.subject, q.predicate, q.object) for q in store.quads()}
    # compared as rdflib reads them: it rewrites some literals ("01"^^xsd:integer as "1")
    inferred = owlrl_closure(asserted) - set(from_rdflib(to_rdflib(asserted)))
    graph = ox.NamedNode(str(GRAPH_INFERRED))
    store.add_quads(ox.Quad(s, p, o, graph) for s, p, o in inferred)
    log.info("owlrl inferred %d triples", len(inferred))
    return len(inferred)
