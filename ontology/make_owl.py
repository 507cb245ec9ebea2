"""Write ``dipkg.owl`` (RDF/XML) from ``dipkg.ttl``.

The Turtle file is the one people edit; some tools (owlready2, older Protégé
set-ups) want RDF/XML, so this keeps a generated copy beside it.  A test checks
that the two files hold isomorphic graphs, so run this after every edit::

    python ontology/make_owl.py
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from rdflib import Graph

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


def make_owl(source: Path = HERE / "dipkg.ttl", target: Path = HERE / "dipkg.owl") -> int:
    """Convert ``source`` to RDF/XML at ``target``; return the number of triples."""
    graph = Graph()
    graph.parse(source, format="turtle")
    text = graph.serialize(format="xml")
    target.write_text(text, encoding="utf-8")
    return len(graph)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    count = make_owl()
    log.info("wrote %s (%d triples)", HERE / "dipkg.owl", count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
