"""Small HTML helpers shared by the linked-data and human pages.

Everything that turns data into markup goes through :func:`markupsafe.escape`
here, so templates can mark the results safe without each page re-checking.
Links are only ever made from ``http(s)`` IRIs (or local paths), which keeps a
``javascript:`` IRI in the data from becoming a clickable script.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph as ox
from markupsafe import Markup, escape

from kg.vocab import DIP

ONTOLOGY_NS = str(DIP)

# Prefixes used to shorten IRIs on pages (display only; links keep the full IRI).
PREFIXES: dict[str, str] = {
    "dip": ONTOLOGY_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "crm": "http://www.cidoc-crm.org/cidoc-crm/",
    "wd": "http://www.wikidata.org/entity/",
    "cameo": "https://w3id.org/dipkg/cameo/",
}

_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_SAFE_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
_ANCHOR_BAD = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Linker:
    """Maps IRIs to hrefs: our instance IRIs to local ``/id/`` paths, the rest outward.

    ``base_iri`` is the configured public base, so the same data served at
    another host links to itself rather than to w3id.org.
    """

    base_iri: str
    root: str = ""  # the request's script root, for apps mounted under a prefix

    def local_path(self, iri: str) -> str | None:
        """The local path serving ``iri``, or None when it is not ours."""
        if iri.startswith(self.base_iri) and len(iri) > len(self.base_iri):
            rest = iri[len(self.base_iri) :]
            return f"{self.root}/id/{quote(rest, safe=_PATH_SAFE)}"
        if iri.startswith(ONTOLOGY_NS):
            return f"{self.root}/ontology#{quote(iri[len(ONTOLOGY_NS):], safe='-._~')}"
        if iri.rstrip("#/") == ONTOLOGY_NS.rstrip("#"):
            return f"{self.root}/ontology"
        return None

    def href(self, iri: str) -> str | None:
        """Where a link to ``iri`` should point, or None if it must not be a link."""
        local = self.local_path(iri)
        if local is not None:
            return local
        return iri if _SAFE_SCHEME.match(iri) else None

    def iri_for(self, rest: str) -> str:
        """The IRI that the local path ``/id/{rest}`` stands for."""
        return self.base_iri + rest


def curie(iri: str, base_iri: str | None = None) -> str:
    """A short display form: ``dip:Visit``, ``id:state/israel``, else the IRI."""
    if base_iri and iri.startswith(base_iri):
        return "id:" + iri[len(base_iri) :]
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            local = iri[len(ns) :]
            if "/" not in local and "#" not in local:
                return f"{prefix}:{local}"
    return iri


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``)."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def anchor_id(iri: str) -> str:
    """A stable HTML id for an act's highlight, from the tail of its IRI."""
    return "ev-" + _ANCHOR_BAD.sub("-", local_name(iri))


def link(iri: str, linker: Linker, label: str | None = None, *, cls: str = "") -> Markup:
    """An escaped ``<a>`` for an IRI; external links open safely, unsafe schemes stay text."""
    text = label if label else curie(iri, linker.base_iri)
    href = linker.href(iri)
    if href is None:
        return Markup('<span class="{}" title="{}">{}</span>').format(cls or "iri", iri, text)
    external = linker.local_path(iri) is None
    classes = " ".join(c for c in (cls, "ext" if external else "") if c)
    rel = Markup(' rel="noopener noreferrer"') if external else Markup("")
    return Markup('<a class="{}" href="{}"{} title="{}">{}</a>').format(
        classes, href, rel, iri, text
    )


def term_html(
    term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None,
    linker: Linker,
    labels: Mapping[str, str] | None = None,
    *,
    max_len: int = 600,
) -> Markup:
    """One RDF term as HTML: a labelled link, a blank node id, or a literal with its type."""
    if term is None:
        return Markup("")
    if isinstance(term, ox.NamedNode):
        label = (labels or {}).get(term.value)
        return link(term.value, linker, label)
    if isinstance(term, ox.BlankNode):
        return Markup('<span class="bnode">_:{}</span>').format(term.value)
    if isinstance(term, ox.Literal):
        value = term.value
        shown = value if len(value) <= max_len else value[:max_len] + "…"
        extra = Markup("")
        if term.language:
            extra = Markup(' <span class="lang">@{}</span>').format(term.language)
        elif term.datatype and term.datatype.value not in (
            PREFIXES["xsd"] + "string",
            PREFIXES["rdf"] + "langString",
        ):
            extra = Markup(' <span class="dtype">{}</span>').format(curie(term.datatype.value))
        return Markup('<span class="lit">{}</span>{}').format(shown, extra)
    return Markup("<span>{}</span>").format(str(term))


@dataclass(frozen=True)
class Span:
    """An evidence span to highlight: ``text[start:end]``, linking to ``href``."""

    start: int
    end: int
    href: str
    title: str
    anchor: str
    kind: str = ""


def highlight(text: str, spans: Iterable[Span], *, offset: int = 0) -> Markup:
    """``text`` as escaped HTML with each span wrapped in a link to its act.

    ``offset`` is where ``text`` starts in the source the spans count in (an
    inner document of a collection).  Spans may overlap: the text is cut at
    every span boundary and each piece links to the shortest span covering it,
    its title naming all of them, its class giving the overlap depth.  Links
    cannot nest in HTML, so this is the only valid way to show overlaps.
    """
    n = len(text)
    clipped = []
    for s in spans:
        a, b = max(s.start - offset, 0), min(s.end - offset, n)
        if a < b:
            clipped.append((a, b, s))
    if not clipped:
        return Markup(escape(text))
    cuts = sorted({0, n, *(a for a, _, _ in clipped), *(b for _, b, _ in clipped)})
    out: list[str] = []
    for lo, hi in itertools.pairwise(cuts):
        for a, _, s in clipped:
            if a == lo:  # a target for links to this act's evidence
                out.append(str(Markup('<span class="anchor" id="{}"></span>').format(s.anchor)))
        piece = text[lo:hi]
        cover = [(b - a, s) for a, b, s in clipped if a <= lo and hi <= b]
        if not cover:
            out.append(str(escape(piece)))
            continue
        cover.sort(key=lambda c: (c[0], c[1].anchor))
        inner = cover[0][1]
        title = " | ".join(s.title for _, s in cover)
        depth = min(len(cover), 3)
        kind = f" k-{_ANCHOR_BAD.sub('', inner.kind)}" if inner.kind else ""
        out.append(
            str(
                Markup('<a class="hl d{}{}" href="{}" title="{}">{}</a>').format(
                    depth, kind, inner.href, title, piece
                )
            )
        )
    return Markup("".join(out))
