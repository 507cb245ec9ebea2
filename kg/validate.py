"""Check instance data against the SHACL shapes, the evidence offsets, and OWL RL.

Three independent checks, because each catches what the others cannot:

- :func:`validate_shapes` runs the SHACL shapes of ``ontology/shapes.ttl`` on the
  *asserted* triples (no inference inside pySHACL), so a converter bug is reported
  where it happened and not hidden or multiplied by reasoning;
- :func:`check_evidence` re-reads every act's quoted passage from the stored source
  text, which SHACL cannot do (it has no string slicing);
- :func:`consistency_problems` reasons over data plus ontology (OWL 2 RL) and lists
  contradictions, e.g. a node that is both a state and an envoy;
  :func:`reasoning_problems` reads those an owlrl closure has already recorded.

:func:`validate_files` runs all three for ``kg validate``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from xml.sax import SAXParseException

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

import kg
from kg.errors import InputError, StoreError
from kg.vocab import (
    DCTERMS,
    DIP,
    GRAPH_INFERRED,
    ID,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
)

if TYPE_CHECKING:
    from kg.reason import Violation

log = logging.getLogger(__name__)

#: The directory holding dipkg.ttl, dipkg.owl and shapes.ttl.
ONTOLOGY_DIR: Path = Path(kg.__file__).resolve().parents[1] / "ontology"
ONTOLOGY_FILE: Path = ONTOLOGY_DIR / "dipkg.ttl"
SHAPES_FILE: Path = ONTOLOGY_DIR / "shapes.ttl"

#: Where owlrl writes the inconsistencies it finds (``err:ErrorMessage`` / ``err:error``).
OWLRL_ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

_PREFIXES = {
    "dip": DIP,
    "id": ID,
    "oa": OA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}


class ShapeResult(NamedTuple):
    """One SHACL result: which node, along which path, what is wrong, how bad."""

    focus: Node
    path: str | None  # the property path in compact SPARQL syntax, e.g. "dip:actor|dip:counterpart"
    message: str
    severity: str  # "Violation", "Warning" or "Info"


@dataclass(frozen=True)
class ShapeReport:
    """The outcome of :func:`validate_shapes`; ``conforms`` ignores warnings and infos."""

    conforms: bool
    results: tuple[ShapeResult, ...]

    @property
    def violations(self) -> tuple[ShapeResult, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")


def _parse(path: Path) -> Graph:
    if not path.is_file():
        raise InputError(f"ontology file not found: {path}")
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def load_ontology(path: Path | None = None) -> Graph:
    """A fresh graph holding ``ontology/dipkg.ttl`` (or ``path``); callers may add to it."""
    return _parse(ONTOLOGY_FILE if path is None else Path(path))


def load_shapes(path: Path | None = None) -> Graph:
    """A fresh graph holding ``ontology/shapes.ttl`` (or ``path``)."""
    return _parse(SHAPES_FILE if path is None else Path(path))


def _union(data: Graph | Dataset, *, skip: Iterable[Node] = ()) -> Graph:
    """All triples of ``data`` in one graph: the shapes span authority and source graphs.

    Named graphs in ``skip`` are left out (the inferred graph, when checking asserted data).
    """
    if isinstance(data, Dataset):
        skipped = set(skip)
        union = Graph()
        for s, p, o, g in data.quads((None, None, None, None)):
            if g not in skipped:
                union.add((s, p, o))
        return union
    if isinstance(data, Graph):
        return data
    raise InputError(
        f"cannot validate a {type(data).__name__}; expected an rdflib Graph or Dataset"
    )


@lru_cache(maxsize=1)
def _namespaces() -> Graph:
    """An empty graph whose namespace manager knows the project's prefixes."""
    graph = Graph(bind_namespaces="core")
    for prefix, ns in _PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def _compact(node: Node) -> str:
    """A node in short form (``id:act/...``, ``dip:actor``) for messages."""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, ns in _PREFIXES.items():
            if text.startswith(str(ns)) and len(text) > len(str(ns)):
                return f"{prefix}:{text[len(str(ns)) :]}"
        return f"<{text}>"
    if isinstance(node, Literal):
        return node.n3(_namespaces().namespace_manager)
    return node.n3()


def _render_path(graph: Graph, node: Node) -> str:
    """A SHACL property path (as found in a results graph) in SPARQL syntax."""
    if isinstance(node, URIRef):
        return _compact(node)
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_render_path(graph, n) for n in Collection(graph, alternatives))
    for predicate, suffix in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(node, predicate)
        if inner is not None:
            return f"({_render_path(graph, inner)}){suffix}"
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{_render_path(graph, inverse)}"
    if graph.value(node, RDF.first) is not None:
        return "/".join(_render_path(graph, n) for n in Collection(graph, node))
    return "(unknown path)"


def _results(results: Graph) -> Iterable[ShapeResult]:
    # Only the report's own results: nested sh:detail results (from sh:node) repeat them.
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        path_node = results.value(result, SH.resultPath)
        path = None if path_node is None else _render_path(results, path_node)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        if not messages:
            component = results.value(result, SH.sourceConstraintComponent)
            messages = [f"fails {_compact(component)}" if component else "fails a shape"]
        message = "; ".join(messages)
        value = results.value(result, SH.value)
        if value is not None and not isinstance(value, BNode):
            shown = _compact(value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            message = f"{message} (value: {shown})"
        severity_node = results.value(result, SH.resultSeverity)
        severity = str(severity_node).rsplit("#", 1)[-1] if severity_node else "Violation"
        yield ShapeResult(focus, path, message, severity)


def validate_shapes(data: Graph | Dataset, *, shapes: Graph | None = None) -> ShapeReport:
    """Validate the asserted triples of ``data`` (all named graphs together) against SHACL.

    No inference runs inside pySHACL: the shapes are written against the triples the
    converters assert, so a dataset's inferred graph is left out (``owl:sameAs`` copies
    values onto Wikidata IRIs, which would trip the max counts).  Warnings and infos are
    reported but do not break conformance.
    """
    data_graph = _union(data, skip=(GRAPH_INFERRED,))
    shapes_graph = load_shapes() if shapes is None else shapes
    conforms, results_graph, _text = pyshacl.validate(
        data_graph,
        shacl_graph=shapes_graph,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        advanced=False,
    )
    results = tuple(
        sorted(_results(results_graph), key=lambda r: (str(r.focus), r.path or "", r.message))
    )
    log.info("SHACL: %d results, conforms=%s", len(results), conforms)
    return ShapeReport(conforms=bool(conforms), results=results)


def text_report(report: ShapeReport) -> str:
    """A plain-text report for the CLI: one line per result, then a summary."""
    lines = []
    for result in report.results:
        focus = _compact(result.focus)
        where = f" {result.path}" if result.path else ""
        lines.append(f"{result.severity}: {focus}{where}: {result.message}")
    count = len(report.violations)
    others = len(report.results) - count
    if report.conforms:
        summary = "Conforms to the SHACL shapes"
    else:
        summary = f"Does not conform: {count} {_plural(count, 'violation')}"
    if others:
        summary += f" ({others} {_plural(others, 'warning')} or notes)"
    lines.append(summary + ".")
    return "\n".join(lines)


def _int(value: Node | None) -> int | None:
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, int) and not isinstance(python, bool):
            return python
    return None


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def check_evidence(data: Graph | Dataset) -> list[str]:
    """Problems where an act's quoted passage is not ``dip:text[start:end]`` of its source.

    Also checks ``oa:prefix``/``oa:suffix`` when present.  Returns one line per
    problem, empty when every piece of evidence matches its source exactly.
    """
    graph = _union(data, skip=(GRAPH_INFERRED,))
    problems: list[str] = []
    texts: dict[Node, str | None] = {}

    def source_text(source: Node) -> str | None:
        if source not in texts:
            value = graph.value(source, DIP.text)
            texts[source] = str(value) if isinstance(value, Literal) else None
        return texts[source]

    for act, evidence in sorted(graph.subject_objects(DIP.evidence)):
        name = _compact(act)
        source = graph.value(evidence, OA.hasSource)
        if source is None:
            problems.append(f"{name}: its evidence has no oa:hasSource")
            continue
        text = source_text(source)
        if text is None:
            problems.append(f"{name}: its source {_compact(source)} has no dip:text")
            continue
        position = quote = None
        for selector in graph.objects(evidence, OA.hasSelector):
            if (selector, RDF.type, OA.TextPositionSelector) in graph:
                position = selector
            elif (selector, RDF.type, OA.TextQuoteSelector) in graph:
                quote = selector
        if position is None or quote is None:
            missing = "position" if position is None else "quote"
            problems.append(f"{name}: its evidence has no text {missing} selector")
            continue
        start = _int(graph.value(position, OA.start))
        end = _int(graph.value(position, OA.end))
        exact = graph.value(quote, OA.exact)
        if start is None or end is None or exact is None:
            problems.append(f"{name}: its evidence lacks an integer oa:start/oa:end or an oa:exact")
            continue
        if not 0 <= start <= end <= len(text):
            problems.append(
                f"{name}: offsets [{start}:{end}] lie outside its source text "
                f"({len(text)} characters)"
            )
            continue
        actual = text[start:end]
        if actual != str(exact):
            problems.append(
                f"{name}: oa:exact {_short(str(exact))} != dip:text[{start}:{end}] {_short(actual)}"
            )
            continue
        prefix = graph.value(quote, OA.prefix)
        if prefix is not None and not text[:start].endswith(str(prefix)):
            problems.append(f"{name}: oa:prefix {_short(str(prefix))} does not precede the quote")
        suffix = graph.value(quote, OA.suffix)
        if suffix is not None and not text[end:].startswith(str(suffix)):
            problems.append(f"{name}: oa:suffix {_short(str(suffix))} does not follow the quote")
    log.info("evidence check: %d problems", len(problems))
    return problems


def reasoning_problems(closure: Graph | Dataset) -> list[str]:
    """Inconsistencies recorded in a graph already expanded by owlrl's OWL 2 RL closure.

    owlrl does not raise on a contradiction; it adds ``[] a err:ErrorMessage ;
    err:error "..."`` triples (rules such as cax-dw, cls-nothing2, eq-diff1).  An
    individual typed ``owl:Nothing`` is reported too.
    """
    graph = _union(closure)
    problems = sorted(
        str(message)
        for node in graph.subjects(RDF.type, OWLRL_ERR.ErrorMessage)
        for message in graph.objects(node, OWLRL_ERR.error)
    )
    problems += sorted(
        f"{_compact(node)} is a member of owl:Nothing"
        for node in graph.subjects(RDF.type, OWL.Nothing)
    )
    return problems


def _plural(count: int, word: str) -> str:
    if count == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


@dataclass(frozen=True)
class ValidationSummary:
    """All three checks of :func:`validate_files`, and the text the CLI prints."""

    shapes: ShapeReport
    evidence: tuple[str, ...]
    consistency: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.shapes.conforms and not self.evidence and not self.consistency

    @property
    def text(self) -> str:
        lines = [text_report(self.shapes)]
        lines += [f"Evidence: {p}" for p in self.evidence]
        lines.append(
            "Every evidence quote matches its source text."
            if not self.evidence
            else f"{len(self.evidence)} evidence {_plural(len(self.evidence), 'problem')}."
        )
        lines += [f"Inconsistent: {p}" for p in self.consistency]
        lines.append(
            "Consistent with the ontology under OWL 2 RL."
            if not self.consistency
            else f"{len(self.consistency)} {_plural(len(self.consistency), 'inconsistency')}"
            " under OWL 2 RL."
        )
        return "\n".join(lines)


def _read_files(files: Sequence[Path]) -> Dataset:
    """RDF files as one dataset; ``.gz`` files are read gunzipped (``x.nt.gz`` is N-Triples)."""
    from rdflib.util import guess_format

    from kg.store import read_rdf_bytes

    dataset = Dataset()
    for file in files:
        path = Path(file)
        if not path.is_file():
            raise InputError(f"no such file: {path}")
        name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
        fmt = guess_format(name) or "turtle"
        base = path.resolve().as_uri()
        try:
            data = read_rdf_bytes(path)
            if fmt in ("nquads", "trig", "trix"):
                dataset.parse(data=data, format=fmt, publicID=base)
            else:
                dataset.graph(URIRef(base)).parse(data=data, format=fmt, publicID=base)
        except (SyntaxError, ValueError, SAXParseException, EOFError, OSError) as exc:
            raise InputError(f"cannot parse {path} as {fmt}: {exc}") from exc
    return dataset


def _read_build() -> Dataset:
    import pyoxigraph as ox

    from kg.build import STORE_DIR, current_build
    from kg.store import Store

    build = current_build()
    if build is None:
        raise StoreError("there is no build to validate: run `kg build` first")
    store = Store(build / STORE_DIR, read_only=True)
    data = ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS)
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    return dataset


def consistency_problems(data: Graph | Dataset, *, ontology: Graph | None = None) -> list[str]:
    """Inconsistencies of the asserted ``data`` with the ontology under OWL 2 RL.

    Uses the project's reasoner (:mod:`kg.reason`, owlrl's closure, faster).  Each
    problem names its rule (``cax-dw``, ``prp-fp``...) and the offending triples.
    """
    from kg.reason import from_rdflib, reason

    graph = Graph()
    graph += load_ontology() if ontology is None else ontology
    graph += _union(data, skip=(GRAPH_INFERRED,))
    closure = reason(from_rdflib(graph))
    return sorted({_violation_text(v) for v in closure.violations})


def _violation_text(violation: Violation) -> str:
    """``rule: message (triples: ...)``: the OWL 2 RL rule and the triples that break it."""
    triples = " . ".join(" ".join(str(t) for t in triple) for triple in violation.triples)
    return f"{violation.rule}: {violation.message} (triples: {triples})"


def validate_files(files: Sequence[Path]) -> ValidationSummary:
    """Run every check on RDF ``files`` together, or on the current build when none is given."""
    dataset = _read_files(files) if files else _read_build()
    return ValidationSummary(
        shapes=validate_shapes(dataset),
        evidence=tuple(check_evidence(dataset)),
        consistency=tuple(consistency_problems(dataset)),
    )


__all__ = [
    "ONTOLOGY_DIR",
    "ONTOLOGY_FILE",
    "OWLRL_ERR",
    "SHAPES_FILE",
    "ShapeReport",
    "ShapeResult",
    "ValidationSummary",
    "check_evidence",
    "consistency_problems",
    "load_ontology",
    "load_shapes",
    "reasoning_problems",
    "text_report",
    "validate_files",
    "validate_shapes",
]
