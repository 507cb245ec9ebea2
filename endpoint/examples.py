"""Example questions a historian might ask of the graph, with their SPARQL.

The query page offers them; ``tests/test_pages.py`` runs each against a store
built from the seed texts and checks it answers.  Queries name instances with
the ``id:``, ``state:``, ``person:`` and ``doc:`` prefixes, which
:func:`Example.sparql_for` points at the configured
base IRI, so the examples work wherever the data is served.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.vocab import ACT_TYPES, DOCUMENT_TYPES

DEFAULT_BASE = "https://w3id.org/dipkg/id/"

PREFIXES = f"""PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX id: <{DEFAULT_BASE}>
PREFIX state: <{DEFAULT_BASE}state/>
PREFIX person: <{DEFAULT_BASE}person/>
PREFIX doc: <{DEFAULT_BASE}doc/>
PREFIX place: <{DEFAULT_BASE}place/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
# The most specific classes, which the converters assert (reasoning adds the supers).
_ACT_VALUES = " ".join(f"dip:{t}" for t in ACT_TYPES)
_DOC_VALUES = " ".join(f"dip:{t}" for t in DOCUMENT_TYPES)


@dataclass(frozen=True)
class Example:
    """One example: a short title, the question in words, the query, and whether it
    needs the reasoner's conclusions (``infer``)."""

    title: str
    question: str
    query: str
    infer: bool = True

    def sparql_for(self, base_iri: str = DEFAULT_BASE) -> str:
        """The query with the instance prefixes bound to ``base_iri``."""
        body = self.query.strip().replace("%ACTS%", _ACT_VALUES).replace("%DOCS%", _DOC_VALUES)
        return PREFIXES.replace(f"<{DEFAULT_BASE}", f"<{base_iri}") + body + "\n"


EXAMPLES: list[Example] = [
    Example(
        "Soviet severance of relations",
        "When did the Soviet Union sever diplomatic relations with Israel, and what do the "
        "sources say?",
        """
SELECT DISTINCT ?date ?quote ?act ?document WHERE {
  ?act a dip:SeveranceOfRelations ;
       dip:actor/dip:represents? state:soviet-union ;
       dip:evidence/oa:hasSelector/oa:exact ?quote ;
       dip:recordedIn ?document .
  OPTIONAL { ?act dip:counterpart ?with }
  FILTER(!BOUND(?with) || ?with = state:israel)
  OPTIONAL { ?act dip:date ?date }
}
ORDER BY ?date ?act
""",
        infer=False,
    ),
    Example(
        "Letters of July 1953",
        "Who wrote what to whom in July 1953, and in which words?",
        """
SELECT DISTINCT ?date ?author ?recipient ?quote ?act WHERE {
  ?act a dip:Correspondence ;
       dip:date ?date ;
       dip:actor ?author ;
       dip:counterpart ?recipient ;
       dip:evidence/oa:hasSelector/oa:exact ?quote .
  FILTER(STRSTARTS(STR(?date), "1953-07"))
}
ORDER BY ?date ?act
""",
        infer=False,
    ),
    Example(
        "Recognitions of Israel",
        "Who recognized Israel, when, and on what evidence?",
        """
SELECT DISTINCT ?date ?recognizer ?quote ?act WHERE {
  ?act a dip:Recognition ;
       dip:counterpart/dip:represents? state:israel ;
       dip:actor ?recognizer ;
       dip:evidence/oa:hasSelector/oa:exact ?quote .
  OPTIONAL { ?act dip:date ?date }
}
ORDER BY ?date ?act
""",
        infer=False,
    ),
    Example(
        "Acts by Moshe Sharett",
        "What did Moshe Sharett do, towards whom, and when?",
        """
SELECT DISTINCT ?date ?type ?counterpart ?quote ?act WHERE {
  ?act dip:actor person:moshe-sharett ;
       a ?t ;
       dip:evidence/oa:hasSelector/oa:exact ?quote .
  VALUES ?t { %ACTS% }
  BIND(STRAFTER(STR(?t), "#") AS ?type)
  OPTIONAL { ?act dip:counterpart ?counterpart }
  OPTIONAL { ?act dip:date ?date }
}
ORDER BY ?date ?act
""",
        infer=False,
    ),
    Example(
        "Visits between the two states",
        "Which visits did leaders and envoys of Israel and of the Soviet Union or Russia pay "
        "each other (to the other state, one of its envoys, or Moscow), by date?",
        """
SELECT DISTINCT ?date ?visitor ?visited ?quote ?reported ?act WHERE {
  VALUES (?home ?abroad) {
    (state:israel state:soviet-union) (state:israel state:russia)
    (state:israel place:moscow)
    (state:soviet-union state:israel) (state:russia state:israel)
  }
  ?act a dip:Visit ;
       dip:actor ?visitor ;
       dip:evidence/oa:hasSelector/oa:exact ?quote .
  ?visitor dip:represents? ?home .
  { ?act dip:counterpart ?visited } UNION { ?act dip:place ?visited }
  ?visited dip:represents? ?abroad .
  OPTIONAL { ?act dip:date ?date }
  OPTIONAL { ?act dip:recordedIn/dcterms:date ?reported }
}
ORDER BY ?date ?reported ?act
""",
        infer=False,
    ),
    Example(
        "Acts read from one document",
        "Which acts were read from the JTA report of 20 July 1953, and from which words?",
        """
SELECT DISTINCT ?start ?type ?quote ?act WHERE {
  ?act dip:evidence ?ev ;
       a ?t .
  VALUES ?t { %ACTS% }
  ?ev oa:hasSource doc:003_890de7d9d2c0c7d9 ;
      oa:hasSelector ?pos, ?q .
  ?pos oa:start ?start .
  ?q oa:exact ?quote .
  BIND(STRAFTER(STR(?t), "#") AS ?type)
}
ORDER BY ?start
""",
        infer=False,
    ),
    Example(
        "The 1953 document collection",
        "Which documents make up the 1953 collection, who wrote them to whom, and when?",
        """
SELECT DISTINCT ?document ?type ?date ?author ?recipient ?title WHERE {
  ?document dcterms:isPartOf doc:002_c5a588f108b3ad1e ;
            a ?t .
  VALUES ?t { %DOCS% }
  BIND(STRAFTER(STR(?t), "#") AS ?type)
  OPTIONAL { ?document dcterms:date ?date }
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?document dip:author ?author }
  OPTIONAL { ?document dip:recipient ?recipient }
  OPTIONAL { ?document dip:bodyStart ?start }
}
ORDER BY ?start
""",
        infer=False,
    ),
    Example(
        "States that dealt with Israel",
        "Which states interacted with Israel, and in how many recorded acts? (Needs "
        "reasoning: dip:participant is inferred from each act's actor and counterpart.)",
        """
SELECT ?state (COUNT(DISTINCT ?act) AS ?acts) WHERE {
  ?act dip:participant ?us , ?them .
  ?us dip:represents? state:israel .
  ?them dip:represents? ?state .
  ?state a dip:State .
  FILTER(?state != state:israel && STRSTARTS(STR(?state), STR(state:)))
}
GROUP BY ?state
ORDER BY DESC(?acts) ?state
""",
    ),
    Example(
        "Envoys and their offices",
        "Which envoys represented each state, and which offices did they hold?",
        """
SELECT DISTINCT ?state ?envoy ?office ?from ?to WHERE {
  ?envoy a dip:Envoy ;
         dip:represents ?state .
  OPTIONAL {
    ?envoy dip:heldOffice ?o .
    ?o rdfs:label ?office .
    OPTIONAL { ?o dip:startYear ?from }
    OPTIONAL { ?o dip:endYear ?to }
  }
}
ORDER BY ?state ?from ?envoy
""",
        infer=False,
    ),
    Example(
        "Resumptions of relations",
        "When were diplomatic relations between the two states resumed, and by whom?",
        """
SELECT DISTINCT ?date ?actor ?counterpart ?quote ?act WHERE {
  ?act a dip:ResumptionOfRelations ;
       dip:evidence/oa:hasSelector/oa:exact ?quote .
  OPTIONAL { ?act dip:actor ?actor }
  OPTIONAL { ?act dip:counterpart ?counterpart }
  OPTIONAL { ?act dip:date ?date }
}
ORDER BY ?date ?act
""",
        infer=False,
    ),
    Example(
        "Who dealt with whom (a graph)",
        "The network of persons and states who interacted, as RDF to download (CONSTRUCT; "
        "needs reasoning: dip:interactedWith is inferred).",
        """
CONSTRUCT { ?a dip:interactedWith ?b . ?a rdfs:label ?la . ?b rdfs:label ?lb }
WHERE {
  ?a dip:interactedWith ?b .
  FILTER(STRSTARTS(STR(?a), STR(id:)) && STRSTARTS(STR(?b), STR(id:)))
  OPTIONAL { ?a rdfs:label ?la }
  OPTIONAL { ?b rdfs:label ?lb }
}
""",
    ),
]
