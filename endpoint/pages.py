"""The human face of the endpoint: the query page at ``/`` and the timeline.

The query page works without JavaScript: the form sends the query back to
``/``, which runs it through the app's query executor (with its time limit,
row limit and SERVICE allow-list, exactly as ``/sparql`` does) and renders the
answer as a table whose IRIs link to their ``/id/`` pages.  The small script in
``static/`` only adds conveniences (pick an example, Ctrl+Enter).  Document
pages live with the other resources in :mod:`endpoint.linked`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request
from markupsafe import Markup

from endpoint.examples import EXAMPLES
from endpoint.html import Linker, anchor_id, curie, link, local_name, term_html
from endpoint.linked import _select, acts_between, labels, linker, services, store
from kg.errors import KGError

log = logging.getLogger(__name__)

bp = Blueprint(
    "pages", __name__, template_folder="templates", static_folder="static",
    static_url_path="/static",
)

SHOWN_ROWS = 2000  # rows rendered in the page; downloads carry the whole result
RESULT_DOWNLOADS = (("JSON", "json"), ("XML", "xml"), ("CSV", "csv"), ("TSV", "tsv"))
GRAPH_DOWNLOADS = (("Turtle", "turtle"), ("N-Triples", "nt"), ("JSON-LD", "jsonld"),
                   ("RDF/XML", "rdfxml"))


def _flag(name: str, default: bool) -> bool:
    """A checkbox: the form sends a hidden ``false`` then, when ticked, ``true``."""
    values = request.args.getlist(name)
    if not values:
        return default
    return values[-1].strip().lower() in ("true", "1", "on", "yes")


@dataclass
class Answer:
    """A query's answer, ready for the template."""

    kind: str  # solutions | boolean | graph
    columns: list[str] = field(default_factory=list)
    rows: list[list[Markup]] = field(default_factory=list)
    total: int = 0
    boolean: bool | None = None
    elapsed: float = 0.0


def run(query: str, infer: bool, lk: Linker) -> Answer:
    """Run a user's query through the app's executor and render its terms."""
    svc = services()
    inspect = _inspect()
    if inspect is not None:
        inspect(query, svc.config.service_allowlist)
    outcome = svc.run_query(query, infer=infer, default_graph_uris=(), named_graph_uris=(),
                            results_format="json", graph_format="nt")
    if outcome.kind == "boolean":
        parsed = ox.parse_query_results(outcome.body, format=ox.QueryResultsFormat.JSON)
        return Answer("boolean", boolean=bool(parsed), elapsed=outcome.elapsed)
    if outcome.kind == "graph":
        triples = list(ox.parse(outcome.body, format=ox.RdfFormat.N_TRIPLES))
        columns = ["subject", "predicate", "object"]
        cells = [[t.subject, t.predicate, t.object] for t in triples]
    else:
        solutions = ox.parse_query_results(outcome.body, format=ox.QueryResultsFormat.JSON)
        columns = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        cells = [[s[c] for c in columns] for s in solutions]  # type: ignore[union-attr]
    shown = cells[:SHOWN_ROWS]
    lab = labels(store(), {t.value for row in shown for t in row if isinstance(t, ox.NamedNode)})
    rows = [[term_html(t, lk, lab) for t in row] for row in shown]
    return Answer(outcome.kind, columns, rows, len(cells), elapsed=outcome.elapsed)


def _inspect():
    """The protocol's query check (updates, SERVICE allow-list), when it is installed."""
    try:
        from endpoint.sparql import inspect_query
    except ImportError:  # the pages can run on an app without the protocol blueprint
        return None
    return inspect_query


def _downloads(query: str, infer: bool, answer: Answer | None) -> list[tuple[str, str]]:
    formats = GRAPH_DOWNLOADS if answer is not None and answer.kind == "graph" else (
        RESULT_DOWNLOADS)
    root = request.script_root
    return [
        (name, f"{root}/sparql?" + urlencode(
            {"query": query, "infer": "true" if infer else "false", "format": fmt}))
        for name, fmt in formats
    ]


@bp.route("/")
def index():
    """The query editor, the examples, and the answer of the query sent, if any."""
    lk = linker()
    base = lk.base_iri
    examples = [
        {"n": i, "title": e.title, "question": e.question, "query": e.sparql_for(base),
         "infer": e.infer}
        for i, e in enumerate(EXAMPLES)
    ]
    query = request.args.get("query", "")
    infer = _flag("infer", True)
    chosen = request.args.get("example", "")
    if chosen.isdigit() and int(chosen) < len(examples) and not query:
        query = examples[int(chosen)]["query"]
        if not request.args.getlist("infer"):
            infer = examples[int(chosen)]["infer"]
    answer: Answer | None = None
    error: str | None = None
    status = 200
    if query.strip():
        try:
            answer = run(query, infer, lk)
        except KGError as exc:  # shown to the user in the page, with the protocol's status
            error, status = str(exc), exc.http_status
    html = render_template(
        "index.html",
        examples=examples,
        query=query or examples[0]["query"],
        ran=bool(query.strip()),
        infer=infer,
        answer=answer,
        error=error,
        downloads=_downloads(query, infer, answer) if query.strip() else [],
        shown_rows=SHOWN_ROWS,
        base_iri=base,
    )
    return Response(html, status=status)


# -- the timeline ---------------------------------------------------------------------
TYPE_ORDER = ["Recognition", "EstablishmentOfRelations", "EstablishmentOfConsularRelations",
              "SeveranceOfRelations", "ResumptionOfRelations", "Visit", "Meeting",
              "Correspondence", "Agreement", "PublicStatement", "Vote", "ArmsTransfer",
              "Proposal"]


def _year(date: str) -> float | None:
    """A date's position on the axis: ``1953-07-06`` is a little past mid-1953."""
    parts = date.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 7
        d = int(parts[2][:2]) if len(parts) > 2 else 1
        start = dt.date(y, 1, 1)
        return y + (dt.date(y, m, d) - start).days / 366
    except (ValueError, IndexError):
        return None


def _states(lk: Linker) -> list[tuple[str, str]]:
    rows = _select(store(), "SELECT DISTINCT ?s WHERE { ?s a dip:State }", infer=False)
    iris = [r["s"].value for r in rows if isinstance(r["s"], ox.NamedNode)]
    lab = labels(store(), iris)
    return sorted(((i, lab.get(i, curie(i, lk.base_iri))) for i in iris), key=lambda x: x[1])


@bp.route("/timeline")
def timeline():
    """The relations between two states, drawn from the graph's acts in date order."""
    lk = linker()
    base = lk.base_iri
    a = request.args.get("a") or base + "state/israel"
    b = request.args.get("b") or base + "state/soviet-union"
    successors = _flag("successors", True)
    states = _states(lk)
    acts = acts_between(store(), a, b, successors=successors)
    lab = labels(store(), {a, b} | {
        x for act in acts for x in (*act.actors, *act.counterparts, act.doc) if x})

    def name(x: str) -> str:
        return lab.get(x) or curie(x, base)

    events = []
    for act in acts:
        kind = local_name(act.type) if act.type else "Act"
        events.append({
            "anchor": anchor_id(act.iri),
            "date": act.date,
            "year": act.date[:4] if act.date else "undated",
            "pos": _year(act.date) if act.date else None,
            "type": kind,
            "link": link(act.iri, lk, kind),
            "href": lk.href(act.iri),
            "actors": Markup(", ").join(link(x, lk, name(x)) for x in sorted(act.actors)),
            "counterparts": Markup(", ").join(
                link(x, lk, name(x)) for x in sorted(act.counterparts)),
            "quote": act.quote,
            "doc": link(act.doc, lk, lab.get(act.doc)) if act.doc else "",
            "title": f"{act.date or 'undated'} · {kind}",
        })
    dated = [e["pos"] for e in events if e["pos"] is not None]
    axis = None
    if dated:
        lo, hi = int(min(dated)) // 5 * 5, (int(max(dated)) // 5 + 1) * 5
        width, pad = 1000, 30
        scale = (width - 2 * pad) / max(hi - lo, 1)
        ticks = [{"x": pad + (y - lo) * scale, "label": y} for y in range(lo, hi + 1, 5)]
        lanes: dict[str, int] = {}
        for e in events:
            if e["pos"] is not None:
                lane = lanes.setdefault(e["type"], len(lanes))
                e["x"] = round(pad + (e["pos"] - lo) * scale, 1)
                e["y"] = 30 + 18 * lane
        height = 60 + 18 * max(len(lanes), 1)
        axis = {"width": width, "height": height, "ticks": ticks, "base": height - 22,
                "lanes": sorted(lanes.items(), key=lambda kv: kv[1])}
    kinds = sorted({e["type"] for e in events},
                   key=lambda k: TYPE_ORDER.index(k) if k in TYPE_ORDER else 99)
    return render_template(
        "timeline.html", states=states, a=a, b=b, a_name=name(a), b_name=name(b),
        successors=successors, events=events, axis=axis, kinds=kinds, base_iri=base,
        a_link=link(a, lk, name(a)), b_link=link(b, lk, name(b)),
    )
