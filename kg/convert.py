"""Convert one source text to records and RDF: the explicit, ordered list of stages.

Pure: the caller reads the file, the manifest and the authority data and passes them in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.errors import BuildError
from kg.rdf import entity_triples, source_triples
from kg.records import Act, Analysis, Document, Entity, Mention, Sentence, SourceMeta
from kg.stages import Stage
from kg.stages import acts as acts_stage
from kg.stages import mentions as mentions_stage
from kg.stages import resolve as resolve_stage
from kg.stages import text as text_stage
from kg.vocab import source_graph

#: The pipeline, in order.  Each stage needs only fields set by the input or earlier stages.
STAGES: tuple[Stage, ...] = (
    text_stage.STAGE,
    mentions_stage.STAGE,
    resolve_stage.STAGE,
    acts_stage.STAGE,
)

_INPUT = ("text", "source_id", "meta", "authority")


def check_pipeline(stages: tuple[Stage, ...] = STAGES) -> None:
    """Fail early if a stage needs a field no earlier stage sets."""
    have = set(_INPUT)
    for stage in stages:
        missing = [n for n in stage.needs if n not in have]
        if missing:
            raise BuildError(f"stage {stage.name!r} needs {missing}, set by no earlier stage")
        have.update(stage.sets)


@dataclass(frozen=True)
class Conversion:
    """The records of one converted text, and its RDF."""

    source_id: str
    text: str
    meta: SourceMeta | None
    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    acts: tuple[Act, ...]
    warnings: tuple[str, ...]

    def graph(self) -> Graph:
        """The source's triples as one graph (no graph name)."""
        return source_triples(
            Graph(),
            self.text,
            self.source_id,
            self.documents,
            self.entities,
            self.acts,
            self.meta,
        )

    def dataset(self) -> Dataset:
        """A dataset with the source's triples in its named graph."""
        ds = Dataset()
        g = ds.graph(source_graph(self.source_id))
        source_triples(
            g, self.text, self.source_id, self.documents, self.entities, self.acts, self.meta
        )
        return ds

    def nquads(self) -> bytes:
        """The source's quads as sorted N-Quads (UTF-8), byte-identical across runs.

        Written through pyoxigraph: rdflib 7.6's own N-Quads and TriG writers call
        the deprecated ``Dataset.contexts`` and warn.
        """
        graph = ox.NamedNode(str(source_graph(self.source_id)))
        data = self.graph().serialize(format="nt", encoding="utf-8")
        quads = sorted(
            (
                ox.Quad(t.subject, t.predicate, t.object, graph)
                for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
            ),
            key=str,
        )
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

    def quads(self) -> list[tuple]:
        """The quads, sorted: the same input gives the same list."""
        name = source_graph(self.source_id)
        return sorted((s, p, o, name) for s, p, o in self.graph())


def convert(text: str, *, source_id: str, authority, meta: SourceMeta | None = None) -> Conversion:
    """Run the stages over ``text`` and return the records."""
    analysis = Analysis(text=text, source_id=source_id, meta=meta, authority=authority)
    for stage in STAGES:
        analysis = stage(analysis)
    return Conversion(
        source_id=source_id,
        text=text,
        meta=meta,
        documents=analysis.documents,
        sentences=analysis.sentences,
        mentions=analysis.mentions,
        entities=analysis.entities,
        acts=analysis.acts,
        warnings=analysis.warnings,
    )


def authority_graph(authority) -> Graph:
    """Every exported authority entity (states, envoys, places) as triples."""
    g = Graph()
    for e in authority.entities():
        entity_triples(g, e)
    return g


check_pipeline()
