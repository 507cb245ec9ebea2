"""Reading a SPARQL query without running it: its form, dataset clauses and SERVICE calls.

pyoxigraph parses queries but does not expose what it parsed, and both the store
(which must let a query's own ``FROM``/``FROM NAMED`` stand) and the endpoint
(which must refuse updates and SERVICE calls to addresses a client names) need
to know.  A tokenizer is enough: strings, IRIs and comments are skipped and
``\\u`` escapes decoded first, as the SPARQL grammar does, so spelling cannot
hide a keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

UPDATE_KEYWORDS = frozenset(
    {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"}
)
QUERY_FORMS = frozenset({"select", "ask", "construct", "describe"})

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
      |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n\r]|\\.)*'
      |"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7]+)
  | (?P<bnode>_:[\w.\-\u00B7]+)
  | (?P<pname>(?:[^\W\d_][\w.\-\u00B7]*)?:(?:[\w:%.\-\u00B7]|\\.)*)
  | (?P<word>[^\W\d][\w]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)



@dataclass(frozen=True)
class QueryInfo:
    """What the tokenizer learnt of a query or update.

    ``services`` holds each SERVICE endpoint IRI, or None where it is a variable
    or an unknown prefix (an address nobody can check in advance).
    """

    form: str | None
    services: tuple[str | None, ...] = ()
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()
    is_update: bool = False

    @property
    def has_dataset(self) -> bool:
        """Whether the query names its own dataset with FROM or FROM NAMED."""
        return bool(self.from_graphs or self.from_named)


def _tokens(text: str) -> list[tuple[str, str]]:
    text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            out.append((kind, m.group()))
    return out


def read_query(text: str) -> QueryInfo:
    """The form, SERVICE endpoints and FROM graphs of a query, without judging them.

    >>> info = read_query("PREFIX g: <http://g/> SELECT * FROM g:a FROM NAMED <http://g/b> {}")
    >>> info.form, info.from_graphs, info.from_named
    ('select', ('http://g/a',), ('http://g/b',))
    >>> read_query("INSERT DATA { <a> <b> 'FROM <x>' }").is_update
    True
    """
    toks = _tokens(text)
    prefixes: dict[str, str] = {}
    base: str | None = None
    form: str | None = None
    is_update = False
    i = 0
    # The prologue: BASE and PREFIX declarations.
    while i < len(toks):
        kind, value = toks[i]
        low = value.lower()
        if kind == "word" and low == "base" and i + 1 < len(toks):
            base = urljoin(base or "", toks[i + 1][1][1:-1])
            i += 2
        elif kind == "word" and low == "prefix" and i + 2 < len(toks):
            prefixes[toks[i + 1][1][:-1]] = urljoin(base or "", toks[i + 2][1][1:-1])
            i += 3
        else:
            break
    if i < len(toks) and toks[i][0] == "word":
        first = toks[i][1].lower()
        is_update = first in UPDATE_KEYWORDS
        if first in QUERY_FORMS:
            form = first

    def resolve(tok: tuple[str, str]) -> str | None:
        if tok[0] == "iri":
            return urljoin(base or "", tok[1][1:-1])
        if tok[0] == "pname" and tok[1].split(":", 1)[0] in prefixes:
            pfx, local = tok[1].split(":", 1)
            return prefixes[pfx] + local
        return None

    from_graphs: list[str] = []
    from_named: list[str] = []
    services: list[str | None] = []
    for j, (kind, value) in enumerate(toks):
        if kind != "word":
            continue
        low = value.lower()
        if low == "from":
            named = j + 1 < len(toks) and toks[j + 1][0] == "word" and (
                toks[j + 1][1].lower() == "named"
            )
            at = j + 2 if named else j + 1
            iri = resolve(toks[at]) if at < len(toks) else None
            if iri is not None:
                (from_named if named else from_graphs).append(iri)
        elif low == "service":
            k = j + 1
            if k < len(toks) and toks[k][0] == "word" and toks[k][1].lower() == "silent":
                k += 1
            services.append(resolve(toks[k]) if k < len(toks) else None)
    return QueryInfo(form, tuple(services), tuple(from_graphs), tuple(from_named), is_update)
