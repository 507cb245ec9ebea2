"""Triggers that tell of no act: negated, modal, hypothetical, habitual or reported ones
("did not materialize", "was ready to resume", "often", "told him that the renewal"), and
the conditions some patterns add ("said that" is a position only in a government's voice).

Apart from the roles so that what keeps precision first is in one place.
"""

from __future__ import annotations

import re

from kg.records import Sentence, Span
from kg.stages.acts.patterns import OFFICIAL_VOICE, Pattern

# words before the trigger (in its clause) that make it unreal: negation, modality, wishes
_NEGATION = re.compile(
    r"\b(?:not|n't|never|no|without|failed|fail|refus(?:e|ed|al)|cancel(?:l)?ed|instead|"
    r"demand(?:s|ed)?|urg(?:e|ed|es|ing)|called\s+on|calling\s+on|ask(?:s|ed)?|"
    r"request(?:s|ed)?|pressure|pressed|stopped\s+short\s+of|stops\s+short\s+of)\b",
    re.I,
)
_MODAL = re.compile(
    r"\b(?:would|should|could|might|(?-i:may)|will|shall|must|can|cannot|"
    r"hopes?|hoped|hoped-for|hoping|wish(?:es|ed)?|want(?:s|ed)?|ready|prepared|willing|"
    r"willingness|expect(?:s|ed|ation|ations)?|possible|possibility|likely|liable|plan(?:s|ned)?|"
    r"intends?|intended|intention|desire[sd]?|aim(?:s|ed)?|seek(?:s|ing)?|sought|tried|try|"
    r"attempts?|refus(?:e|ed|al)|if|unless|whether|rule|failed|fail|cancel(?:l)?ed|"
    r"conditional|dependent|depends?|question|issue|idea|accused|alleg(?:e|ed)|"
    r"claimed|denied|rumou?red|threat(?:en|ened)?|without|instead|refrain(?:ed)?|avoid(?:ed)?|"
    r"consider(?:s|ed)?|offer(?:s|ed)?|often|frequently|usually|regularly|repeatedly|routinely|"
    r"generally|typically|always|interest|interested|ability|able|capable)\b",
    re.I,
)
# a sentence adverb set off by commas does not end a negation's scope: "It did not,
# however, break off relations"; "stopped short of severing" denies the act too
_INTERJECTION = re.compile(
    r",\s*(?:however|though|of\s+course|in\s+fact|at\s+first|then|yet|moreover|"
    r"nevertheless|for\s+its\s+part|for\s+their\s+part)\s*,\s*",
    re.I,
)
_SCOPE_BARRIER = re.compile(
    # "the threat was meant seriously when it cut ties": a "when" clause tells a fact
    r",|—|\b(?:following|after|since|despite|during|because\s+of|due\s+to|thanks\s+to|when)\b",
    re.I,
)
# a trigger inside what someone said or believed: "told him that the renewal ..."
_REPORTED = re.compile(
    r"\b(?:said|says|told|tells|conveyed|believed?|believes|thought|argued|claimed|insisted|"
    r"warned|assured|informed|hinted)\b(?:\s+[\w’'-]+){0,6}?\s+that\b",
    re.I,
)
_REPORTED_FACT = re.compile(
    r"\b(?:proposal|fact|assurances?|news|report|impression|feeling)\s+that\b", re.I
)
# "since relations were cut off": a background reference, not the event's report
_BACKGROUND = re.compile(r"\b(?:since|until|till|while)\s+(?:the\s+)?$", re.I)
_NEGATED_AFTER = re.compile(
    r"\b(?:did\s+not\s+(?:materiali[sz]e|take\s+place|happen|succeed|bear\s+fruit)|"
    r"never\s+(?:took\s+place|happened|materiali[sz]ed)|was\s+(?:later\s+)?cancel(?:l)?ed|"
    r"was\s+rejected|failed|(?:is|are)\s+(?:set|scheduled|planned|due)\s+(?:for|to))\b",
    re.I,
)
_MODAL_PASSIVE = re.compile(
    r"\b(?:would|could|might|may|will|shall|should|must|can|cannot|to)\s+(?:\w+\s+)?be\s+\w+$",
    re.I,
)
_INFINITIVE = re.compile(r"\bto\s+$")
_REAL_INFINITIVE = re.compile(
    r"(?:\b(?:first|second|last|only)\s+(?:[\w-]+\s+){0,9}to|\beffort\s+to|\brushed\s+to|"
    r"\b(?:permitted|allowed|authori[sz]ed)\s+to|"
    r"\bcontinued\s+to|\bwent\s+on\s+to|\bhastened\s+to|\bmoved\s+to|"
    r"\bagree[sd]?\s+to|\bdecided\s+to|"
    # "have agreed to take steps to normalize relations"
    r"\bagree[sd]?\s+to\s+take\s+(?:\w+\s+){0,2}?steps\s+to)\s+$",
    re.I,
)


def _unreal(text: str, clause: Span, trig: re.Match[str], form: str) -> bool:
    """Negated, modal or hypothetical: the words before the trigger in its clause say so."""
    before = _INTERJECTION.sub(" ", text[clause.start : trig.start()])
    # a modal's scope ends at a comma or a preposition introducing an adjunct
    cuts = [m.end() for m in _SCOPE_BARRIER.finditer(before)]
    scope = before[cuts[-1] :] if cuts else before
    own_clause = form == "passive" and re.search(
        r"\b(?:that|which)\s+(?-i:[A-Z])[^,;]*\b(?:signed|concluded)$", trig.group(0), re.I
    )
    if own_clause and not _MODAL.search(trig.group(0)) and not _NEGATION.search(trig.group(0)):
        # "expected to build on the agreement that X and Y signed": the relative clause
        # tells a fact of its own, whatever the matrix verb's mood
        return False
    if _MODAL.search(scope):
        return True
    if _REPORTED_FACT.search(before) or _BACKGROUND.search(before):
        return True
    if form == "noun" and (_REPORTED.search(before) or _TOPIC.search(before)):
        return True
    if _NEGATION.search(" ".join(scope.split()[-6:])):
        return True
    if (
        form == "verb"
        and re.search(
            r"(?:\b(?:the|a|an|that|this|his|her|their|its|such|our|my)|['’]s)\s+$", before, re.I
        )
        and (
            re.match(r"(?:visit|propos|announc|declar|restor|renew|resum)", trig.group(0), re.I)
            and not re.match(r"visits?\s+to", trig.group(0), re.I)
        )
    ):
        return True  # a participle or noun, not the verb: "the proposed conference"
    if form != "noun" and _INFINITIVE.search(before) and not _REAL_INFINITIVE.search(before):
        return True
    if form == "passive" and _MODAL_PASSIVE.search(trig.group(0)):
        return True  # "an agreement ... could be signed later"
    after = text[trig.end() : clause.end]
    if form == "noun" and _NOUN_DENIED.match(text, trig.end(), clause.end):
        return True
    # "informed Beijing that the sale was cancelled": what a message says is not its fate
    after = re.split(r"\bthat\b", after, maxsplit=1)[0]
    return bool(_NEGATED_AFTER.search(after[:80]))


_STOPPED = re.compile(
    r"\b(?:curb|halt|stop|block|prevent|ban|suspend|end|freeze|limit|against|oppose|opposed)\s+"
    r"(?:the\s+|all\s+|further\s+|any\s+)?$",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\s*(?:that\s*,?\s+)?(?:had\b|if\b|(?:[\w’'-]+\s+){0,5}?(?:could|would|might|may)\b)"
)
# who speaks for a state when "said that" reports a position: "the Czechoslovak government"
_OFFICIALS = re.compile(
    rf"\b(?:{OFFICIAL_VOICE}|officials|authorities|leaders|leadership|Kremlin|presidency|"
    r"cabinet|State\s+Department|Foreign\s+Office|White\s+House|Tass)[,\s]+"
    r"(?:[\w.’'-]+\s+){0,3}$",
    re.I,
)
# "the State Department spokesman, John Kirby, said": the voice, then its name
_OFFICIAL_NAMED = re.compile(
    rf"\b(?:{OFFICIAL_VOICE}),\s+(?:(?-i:[A-Z])[\w.’'-]*\s+){{0,3}}(?-i:[A-Z])[\w.’'-]*,\s*$",
    re.I,
)
_STATED = re.compile(
    r"\b(?:stated|said|says|claimed|reported|revealed|alleged)\b[^.;]*\bthat\b", re.I
)
_TRAVEL = re.compile(
    r"\b(?:flew|flown|came|went|gone|arrived|travel(?:l)?ed|visited|returned|journeyed)\b", re.I
)
# "talks on the establishment of relations": the noun names a topic, not an event
_TOPIC = re.compile(
    r"\b(?:(?:on|about|for|toward|towards|over|regarding|concerning|into|discuss(?:ed|es|ing)?|"
    r"raised|debated|considered)\s+(?:the\s+)?(?:possible\s+|eventual\s+|future\s+)?|"
    r"(?:question|issue|matter|subject|prospects?|possibility|topic)\s+of\s+(?:the\s+)?)$",
    re.I,
)
# "the restoration of relations was not discussed": the noun's own predicate denies it
_NOUN_DENIED = re.compile(
    r"[^,;:.]{0,80}?\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:not|never|neither)\b",
    re.I,
)


def rejected(pat: Pattern, text: str, sent: Sentence, clause: Span, trig: re.Match[str]) -> bool:
    """Whether a trigger tells of no act: it is unreal (:func:`_unreal`), or a condition of
    its pattern fails (only a government's "said that" is a position, ...)."""
    if pat.name != "statement-said-after" and _unreal(text, clause, trig, pat.form):
        return True  # (after the words, "not" or "would" is in what was said)
    if pat.name == "statement-said-that" and trig.group(0).startswith(
        ("said", "insisted")
    ) and not (
        _OFFICIALS.search(text, max(clause.start, trig.start() - 40), trig.start())
        or _OFFICIAL_NAMED.search(text, max(sent.span.start, trig.start() - 60), trig.start())
    ):
        return True  # only a government's voice: "Russian officials said that ..."
    if pat.name == "statement-said-at" and trig.group(0).startswith("welcomed") and re.search(
        r"\b(?:said|says|told)\b[^.;]{0,60}$", text[sent.span.start : trig.start()]
    ):
        return True  # "said the United States welcomed ...": what the speaker said
    if pat.type == "ArmsTransfer" and _STOPPED.search(
        text, max(sent.span.start, trig.start() - 30), trig.start()
    ):
        return True  # "pressing the Kremlin to curb the sale of weapons": none was made
    if pat.name == "statement-said-that" and _HYPOTHETICAL.match(text, trig.end()):
        return True  # "officials said that an embassy could open": a guess, no position
    if pat.name == "agreement-agreed-to" and _STATED.search(
        text[sent.span.start : trig.start()]
    ):
        return True  # "a document which stated that X had agreed to provide ..."
    # "flew to Cairo to press Sadat" only: a journey's purpose
    return pat.name == "meeting-purpose" and not _TRAVEL.search(
        text[sent.span.start : trig.start()]
    )
