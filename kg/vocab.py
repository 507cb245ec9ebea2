"""The namespaces and the ``dip:`` terms the code uses, in one place.

The ontology (``ontology/dipkg.ttl``) defines every term below; a test checks
that each name used here is declared there with a label and a definition.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

DIP = Namespace("https://w3id.org/dipkg/ontology#")
ID = Namespace("https://w3id.org/dipkg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
CRM = Namespace("http://www.cidoc-crm.org/cidoc-crm/")
VANN = Namespace("http://purl.org/vocab/vann/")
SH = Namespace("http://www.w3.org/ns/shacl#")
CAMEO = Namespace("https://w3id.org/dipkg/cameo/")

ONTOLOGY_IRI = "https://w3id.org/dipkg/ontology"

# The prefixes our serializations use (not id:, whose local names hold slashes).
PREFIXES = {
    "dip": str(DIP),
    "oa": str(OA),
    "wd": str(WD),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "schema": str(SDO),
}

# Named graphs of a built dataset.
GRAPH_ONTOLOGY = ID["graph/ontology"]
GRAPH_AUTHORITY = ID["graph/authority"]
GRAPH_INFERRED = ID["graph/inferred"]
# A remote store's copy of a build's default graph (the union of what was asserted).
GRAPH_ASSERTED = ID["graph/asserted"]


def source_graph(source_id: str):
    """The named graph holding the asserted triples of one source text."""
    return ID[f"graph/source/{source_id}"]


# Act classes, most specific; the converters emit exactly these local names.
ACT_TYPES = (
    "Recognition",
    "EstablishmentOfRelations",
    "SeveranceOfRelations",
    "ResumptionOfRelations",
    "EstablishmentOfConsularRelations",
    "Visit",
    "Meeting",
    "Correspondence",
    "PublicStatement",
    "Agreement",
    "Vote",
    "ArmsTransfer",
    "Proposal",
)

# Document classes, most specific.
DOCUMENT_TYPES = (
    "Letter",
    "Telegram",
    "Note",
    "Memorandum",
    "PressStatement",
    "NewsArticle",
    "Article",
    "DocumentCollection",
)

__all__ = [
    "ACT_TYPES",
    "CAMEO",
    "CRM",
    "DCTERMS",
    "DIP",
    "DOCUMENT_TYPES",
    "FOAF",
    "GRAPH_ASSERTED",
    "GRAPH_AUTHORITY",
    "GRAPH_INFERRED",
    "GRAPH_ONTOLOGY",
    "ID",
    "OA",
    "ONTOLOGY_IRI",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SH",
    "SKOS",
    "VANN",
    "WD",
    "XSD",
    "source_graph",
]
