"""Stage ``acts``: sentences → diplomatic acts, by trigger patterns with argument roles.

Each pattern is a verb or noun trigger ("severed diplomatic relations", "X's visit to Y")
of one act type.  Arguments come from the resolved mentions around the trigger: the
subject to its left (or "by X" for a passive, "X's" for a noun), the object or the
"with"/"to"/"between" phrase to its right; a subject pronoun ("It also expressed ...")
stands for the previous sentence's actor of the same kind.  The date is the one in the
trigger's clause, else one the context fixes ("during that visit", the year a paragraph
opened with), never a guess beyond that: a partial date stays partial.  Negated,
hypothetical, habitual, reported or modal triggers ("did not materialize", "was ready to
resume", "often", "told him that the renewal") give no act.  Precision first: an act needs
at least one resolved participant and whatever its type cannot do without.

A party the text implies is filled in (:class:`_World`): a visit to a city is a visit to
the state it lay in that year; a change of relations, a note or an agreement with one
party named is with the text's other principal state; a letter without an addressee
answers whoever wrote to its author; receiving a visitor is a meeting and his visit.
The same event told twice is one act (:func:`_merge`).  Inner documents of a collection
give acts of their own: a letter, telegram, note or memorandum is a correspondence of its
author to its recipient, a press statement a public statement.  Photo captions that tell
of an event are read too.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from kg.records import (
    Act,
    Analysis,
    Document,
    Entity,
    Mention,
    PartialDate,
    Sentence,
    Span,
    entity_key,
)
from kg.stages import Stage

_REL = (
    r"(?:(?:full|formal|normal|official|its|their|the|diplomatic|all|harmonious|and)\s+){0,4}"
    r"(?:relations|ties|relationship)"
)
_DREL = r"(?:(?:full|formal|normal|official|its|their|the)\s+){0,3}diplomatic\s+(?:relations|ties)"


@dataclass(frozen=True)
class Pattern:
    """One trigger: act type, form ("verb", "noun", "passive") and base confidence."""

    name: str
    type: str
    form: str
    regex: re.Pattern[str]
    confidence: float


def _p(name: str, type_: str, form: str, regex: str, conf: float = 0.9) -> Pattern:
    return Pattern(name, type_, form, re.compile(regex, re.I), conf)


PATTERNS: tuple[Pattern, ...] = (
    _p(
        "severance-verb",
        "SeveranceOfRelations",
        "verb",
        rf"\b(?:severed|severs|sever|broke\s+off|broken\s+off|break\s+off|breaks\s+off|cut\s+off|"
        rf"cuts\s+off|ruptured|suspended)\s+{_REL}",
    ),
    _p(
        "severance-gerund",
        "SeveranceOfRelations",
        "noun",
        rf"\b(?:severing|breaking\s+off|cutting\s+off)\s+{_REL}",
        0.8,
    ),
    _p(
        "severance-passive",
        "SeveranceOfRelations",
        "passive",
        rf"\b{_REL},?(?:\s+[\w’']+){{0,5}}?\s+(?:were|was|had\s+been|have\s+been|being)\s+"
        rf"(?:severed|broken\s+off|cut\s+off|ruptured|interrupted)",
        0.8,
    ),
    _p(
        "severance-participle",
        "SeveranceOfRelations",
        "passive",
        rf"\b{_REL},\s+(?:severed|broken\s+off|cut\s+off|ruptured)\s+(?=by\b)",
        0.75,
    ),
    _p(
        "severance-noun",
        "SeveranceOfRelations",
        "noun",
        rf"\b(?:severance|rupture|breaking\s+off|break)\s+(?:of|in)\s+{_REL}",
        0.8,
    ),
    _p(
        "resumption-verb",
        "ResumptionOfRelations",
        "verb",
        rf"\b(?:resumed?|resumes|restored?|restores|renew(?:ed|s)?|re-?establish(?:ed|es)?)\s+{_REL}",
    ),
    _p(
        "resumption-noun",
        "ResumptionOfRelations",
        "noun",
        rf"\b(?:resumption|restoration|renewal|re-?establishment)\s+of\s+{_REL}",
        0.85,
    ),
    _p(
        "resumption-passive",
        "ResumptionOfRelations",
        "passive",
        rf"\b{_REL}(?:\s+[\w’']+){{0,5}}?\s+(?:were|was|had\s+been|have\s+been)\s+"
        rf"(?:resumed|restored|renewed|re-?established)",
        0.8,
    ),
    _p(
        "establishment-verb",
        "EstablishmentOfRelations",
        "verb",
        rf"\bestablish(?:ed|es)?\s+{_DREL}",
    ),
    _p(
        "establishment-noun",
        "EstablishmentOfRelations",
        "noun",
        rf"\bestablishment\s+of\s+{_DREL}",
        0.8,
    ),
    _p(
        "establishment-gerund",
        "EstablishmentOfRelations",
        "verb",
        rf"(?<=\bby\s)establishing\s+{_DREL}",
        0.75,
    ),
    _p(
        "establishment-passive",
        "EstablishmentOfRelations",
        "passive",
        rf"\b{_DREL},?(?:\s+[\w’']+){{0,5}}?\s+(?:were|was|had\s+been|have\s+been)\s+"
        rf"(?:established|set\s+up|opened)",
        0.8,
    ),
    _p(
        "consular-verb",
        "EstablishmentOfConsularRelations",
        "verb",
        r"\b(?:established|establish|opened|open|set\s+up)\s+(?:\w+\s+){0,2}?consular\s+"
        r"(?:ties|relations|delegation|mission|office|section)",
    ),
    _p(
        "consular-noun",
        "EstablishmentOfConsularRelations",
        "noun",
        r"\b(?:creation|establishment|opening)\s+of\s+(?:an?\s+|the\s+)?(?:\w+\s+)?consular\s+"
        r"(?:ties|relations|delegation|mission|office|section)",
        0.85,
    ),
    _p(
        "consular-consulate",
        "EstablishmentOfConsularRelations",
        "verb",
        r"\b(?:opened|open|establish(?:ed)?|set\s+up)\s+(?:an?\s+|its\s+|their\s+)?"
        r"(?:\w+\s+)?consulate(?:s|\s+general)?\s+(?=in\s)",
        0.75,
    ),
    _p("recognition-verb", "Recognition", "verb", r"\brecogni[sz](?:ed|es|e)\b"),
    _p("recognition-noun", "Recognition", "noun", r"\brecognition\s+of\b", 0.8),
    _p(
        "recognition-granted",
        "Recognition",
        "verb",
        r"\b(?:grant(?:ed|s)?|extend(?:ed|s)?|accord(?:ed|s)?)\s+(?:(?:de\s+jure|de\s+facto|full|"
        r"formal|official)\s+)*recognition\s+to\s+",
        0.85,
    ),
    _p("visit-verb", "Visit", "verb", r"\bvisit(?:ed|s)?\s+(?!to\b|of\b|by\b)"),
    _p("visit-noun", "Visit", "noun", r"\bvisits?\s+to\s+", 0.85),
    _p("visit-arrived", "Visit", "verb", r"\barriv(?:ed|es|ing)\s+in\s+", 0.8),
    # "X arrived here last night": here is the report's place (its dateline, else the
    # state the report is mainly about)
    _p("visit-here", "Visit", "verb", r"\b(?:arriv(?:ed|es)|came|comes)\s+here\b", 0.75),
    # "Vice President X is in Moscow": a person's stay in a foreign capital
    _p(
        "visit-is-in",
        "Visit",
        "verb",
        r"(?<=[a-z]\s)(?:is|was)\s+(?:now\s+|currently\s+)?in\s+(?=(?-i:[A-Z])[\w’'-]+\s+"
        r"(?:to|for|on)\b)|(?<=[a-z]\s)(?:is|was)\s+back\s+in\s+(?=(?-i:[A-Z]))",
        0.7,
    ),
    _p(
        "visit-where",
        "Visit",
        "verb",
        r"\b(?:in|to)\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?),\s+where\s+"
        r"(?:[\w’'-]+\s+){1,3}?(?:had\s+)?(?:flown|flew|gone|went|travel(?:l)?ed|arrived|come|came)\b",
        0.75,
    ),
    _p(
        "visit-travelled",
        "Visit",
        "verb",
        r"\b(?:(?:came|comes|(?:(?<=had\s)|(?<=has\s)|(?<=have\s)|(?<=already\s)|(?<=also\s))come|flew|flies|flown|travel(?:l)?ed|"
        r"travels|went|journeyed)\s+"
        r"(?:[a-z]+ly\s+)?(?:on\s+)?to|left\s+for)\s+",
        0.8,
    ),
    _p(
        "visit-taken-to",
        "Visit",
        "verb",
        # "his tour, which has already taken him to Damascus": the traveller's journey
        r"\b(?:trip|tour|journey)\b[^;:]{0,100}?\b(?:has|had|have)\s+"
        r"(?:already\s+|also\s+)?taken\s+(?:him|her|them)\s+to\s+",
        0.7,
    ),
    _p(
        "meeting-verb",
        "Meeting",
        "verb",
        r"\b(?:met|meets|meet)\s+(?:with\s+)?|"
        r"\b(?:spoke|speaks|talked|conferred)\s+(?:(?:separately|privately|briefly)\s+)?with\s+",
    ),
    _p(
        "meeting-exchanged",
        "Meeting",
        "verb",
        r"\bexchanged\s+(?:a\s+few\s+|brief\s+|some\s+)?(?:words|greetings|views|pleasantries)\b",
        0.7,
    ),
    _p(
        "meeting-noun",
        "Meeting",
        "noun",
        r"\b(?:meeting|talks|conversations?|consultations|session)\s+"
        r"(?:with|between|of(?=\s+[^.;]{1,60}?\b(?:and|with)\b))\s+",
        0.85,
    ),
    _p(
        "meeting-held",
        "Meeting",
        "verb",
        r"\b(?:held|had|conducted|began|opened)\s+(?!(?:annual|regular|periodic|frequent|routine)\b)"
        r"(?:\w+\s+){0,2}?(?:talks|negotiations|consultations|a\s+meeting)\b(?:\s+with\s+)?",
        0.8,
    ),
    _p(
        "meeting-their",
        "Meeting",
        "noun",
        r"(?<=\btheir\s)(?:first\s+|last\s+|recent\s+)?(?:meeting|talks)\b",
        0.7,
    ),
    _p(
        "meeting-took-place",
        "Meeting",
        "noun",
        r"\b(?:talks|negotiations|contacts|consultations)\s+(?:\w+\s+){0,2}?"
        r"(?:took\s+place|were\s+held|began|started|opened)\b",
        0.7,
    ),
    _p(
        "letter-wrote-to",
        "Correspondence",
        "verb",
        r"\b(?:wrote|writes|telegraphed|cabled)\s+(?:\w+\s+){0,2}?to\s+|"
        r"\b(?:telephoned|phoned)\s+(?=(?-i:[A-Z]))",
    ),
    _p(
        "letter-sent",
        "Correspondence",
        "verb",
        r"\bsen[dt]s?\s+(?:\w+\s+){0,5}?(?:letter|message|note|telegram|cable|invitation)s?\b"
        r"(?:\s+to\s+)?",
    ),
    _p(
        "letter-exchange",
        "Correspondence",
        "noun",
        r"\bexchange\s+of\s+(?:letters|notes|messages|telegrams)\s+between\s+",
        0.85,
    ),
    _p(
        "letter-noun",
        "Correspondence",
        "noun",
        r"\b(?:letter|note|telegram|reply)\b(?=,?\s+(?:of|dated)\s+(?:\d|[A-Z]))|"
        r"(?<=['’]s\s)(?:letter|note|telegram)\b|(?<=\bhis\s)letter\b",
        0.8,
    ),
    _p(
        "letter-to",
        "Correspondence",
        "noun",
        r"\b(?:in\s+)?(?:a|an|his|her|its|their)\s+(?:personal\s+|official\s+)?"
        r"(?:letter|message|note|telegram|cable)\s+to\s+",
        0.75,
    ),
    _p(
        "letter-from",
        "Correspondence",
        "noun",
        r"\b(?:letter|note|telegram|cable|message|memorandum)\s+from\s+",
        0.8,
    ),
    _p(
        "letter-citation",
        "Correspondence",
        "noun",
        r"(?-i:\b(?:Telegram|Letter|Cable|Note|Dispatch))\s+"
        r"(?=(?:(?:Tov|Comrade)\.?\s+)?(?-i:[A-Z])[^;()]{0,40}?\bof\s+(?:\d{1,2}\s+)?"
        r"(?-i:[A-Z])[a-z]+\.?\s+\d)",
        0.75,
    ),
    _p(
        "statement-verb",
        "PublicStatement",
        "verb",
        r"\b(?:declared|announced|announces|declares|stated)\b",
        0.8,
    ),
    _p(
        "statement-issued",
        "PublicStatement",
        "verb",
        r"\b(?:issued|released|made|published)\s+(?:a|an)\s+(?:\w+\s+){0,2}?"
        r"(?:statement|declaration|communiqu[eé])\b",
    ),
    _p(
        "agreement-signed",
        "Agreement",
        "verb",
        r"\b(?:sign(?:ed|s|ing)?|conclu(?:ded|des|ding|sion))\s+(?:of\s+)?(?:[\w’'-]+\s+){0,6}?"
        r"(?:agreements?|treaty|treaties|accord|pact|deal|communiqu[eé]|protocol|convention|(?-i:Declaration)|"
        r"memorandum\s+of\s+understanding)\b",
    ),
    _p(
        "agreement-agreed-to",
        "Agreement",
        "verb",
        r"\bagreed\s+to\s+(?:lend|supply|provide|sell|deliver|finance|build|grant|buy|purchase)\b",
        0.8,
    ),
    _p(
        "agreement-passive",
        "Agreement",
        "passive",
        r"\b(?:agreements?|treaty|accord|deal|communiqu[eé])\b[^.;]{0,80}?"
        r"\b(?:(?:was|were|has\s+been|have\s+been)\s+)?(?:signed|initial(?:l)?ed)\b",
        0.8,
    ),
    _p(
        "agreement-reached",
        "Agreement",
        "verb",
        r"\breached\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:understanding|agreement|accord|deal)\b",
        0.75,
    ),
    _p(
        "agreement-reached-passive",
        "Agreement",
        "passive",
        r"\b(?:an?\s+|the\s+)?(?:agreement|understanding|accord)\s+(?:has|had|was|have)\s+"
        r"(?:been\s+)?reached\b",
        0.75,
    ),
    _p(
        "agreement-agreed-that",
        "Agreement",
        "verb",
        r"\bagreed\s+(?:that|on|upon)\b",
        0.7,
    ),
    _p(
        "vote",
        "Vote",
        "verb",
        r"\bvot(?:ed|es)\s+(?:in\s+favou?r\s+of|for|against|to)\b|\babstained\b",
    ),
    _p(
        "arms-transfer",
        "ArmsTransfer",
        "noun",
        r"\b(?:arms|weapons?|weaponry)\s+(?:shipments?|sales?|supplies)\b|"
        r"\bshipments?\s+of\s+(?:arms|weapons?|weaponry)\b|\b(?:sale|sales)\s+of\s+(?:arms|weapons?)\b",
        0.8,
    ),
    _p(
        "arms-supply",
        "ArmsTransfer",
        "verb",
        r"\b(?:supply|supplied|supplies|supplying|sending|sent|provide|provided|sold|sells|"
        r"selling|delivered|shipped)\s+(?:[\w-]+\s+)?(?:with\s+)?(?:(?:advanced|modern|military|"
        r"new|artillery|anti-aircraft|surveillance)\s+)?(?:arms|weapons?|weaponry|tanks|jets|"
        r"(?:air-defen[cs]e|missile|anti-aircraft|rocket|weapons?)\s+systems|"
        r"fighter\s+jets|aircraft|missiles|ammunition|drones|rifles|munitions|"
        r"military\s+equipment)\b",
    ),
    _p(
        "arms-passive",
        "ArmsTransfer",
        "passive",
        r"\b(?:arms|weapons?|weaponry|missiles|tanks|aircraft|advis[eo]rs|soldiers|troops)\s+"
        r"(?:were\s+|was\s+)?(?:provided|sent|supplied|shipped|delivered)\s+(?=by|from)",
        0.85,
    ),
    _p("proposal-verb", "Proposal", "verb", r"\bpropos(?:ed|es)\b|\bput\s+forward\b", 0.85),
    # in a letter: "I propose that ...", "I would like to invite you to ..."
    _p(
        "proposal-first-person",
        "Proposal",
        "verb",
        r"(?-i:\bI)\s+(?:(?:would\s+like|wish|want)\s+to\s+)?(?:propose|suggest|invite)\b",
        0.8,
    ),
    # in a letter: "during my stay in Washington"
    _p(
        "visit-first-person",
        "Visit",
        "verb",
        r"(?-i:\b(?:my|our))\s+(?:recent\s+|last\s+|official\s+)?(?:stay|visit|trip|journey)\s+"
        r"(?:in|to)\s+|"
        # "We arrived in Moscow on 3 September": the writer's own journey
        r"(?-i:\b(?:I|[Ww]e))\s+(?:\w+ly\s+)?(?:arrived\s+in|came\s+to|flew\s+to|"
        r"travel(?:l)?ed\s+to|went\s+to)\s+",
        0.75,
    ),
    # in a letter: "when we discussed these matters": its writer and its addressee
    _p(
        "meeting-we",
        "Meeting",
        "verb",
        r"(?-i:\b[Ww]e)\s+(?:have\s+|had\s+)?(?:discussed|talked\s+(?:about|over))\b",
        0.65,
    ),
    # "the trade agreement of October 1972": an agreement named by its date
    _p(
        "agreement-of-date",
        "Agreement",
        "noun",
        r"\b(?:agreements?|treaty|accord)\s+of\s+(?=(?:(?-i:[A-Z])[a-z]+\.?\s+)?\d{4}\b)",
        0.7,
    ),
    # in a letter: "X handed me your letter during our conversation"
    _p(
        "meeting-our",
        "Meeting",
        "verb",
        r"\b(?:during|at|in)\s+our\s+(?:recent\s+)?(?:conversation|meeting|talks)\b",
        0.7,
    ),
    # "The General Secretary accepted an invitation from the President to visit ..."
    _p(
        "proposal-invitation-accepted",
        "Proposal",
        "passive",
        r"\baccepted\s+(?:an?\s+|the\s+|his\s+|her\s+)?invitation\s+(?=from\b)",
        0.75,
    ),
    _p(
        "proposal-asked",
        "Proposal",
        "verb",
        r"\b(?:asked|requested|invited|urged)\s+(?=(?:[\w’'-]+\s+){1,5}?to\s+(?:restore|resume|renew|"
        r"establish|re-?establish|normali[sz]e)\b)",
        0.75,
    ),
    _p(
        "proposal-noun",
        "Proposal",
        "noun",
        r"(?<=\bits\s)(?:proposal|initiative|peace\s+plan)\b|"
        r"(?-i:\b(?:a|an|the)\s+[A-Z][a-z]+\s+)(?:proposal|initiative|peace\s+plan)\b|"
        r"(?<=['’]s\s)(?:proposal|initiative|peace\s+plan)\b",
        0.75,
    ),
    _p(
        "statement-told-press",
        "PublicStatement",
        "verb",
        r"\b(?:told|tells|addressed|addresses)\s+(?:reporters|journalists|newsmen|correspondents|"
        r"the\s+(?:delegates|delegations|guests|audience|crowd|participants)|"
        r"the\s+(?:[\w-]+\s+)?(?:conference|summit|rally|gathering|session)|"
        r"the\s+press|(?:the\s+)?(?:[A-Z][\w’']*\s+){0,2}(?:parliament|assembly|congress|senate)|"
        r"(?:the\s+)?(?-i:(?:[A-Z][\w.]*\s+){1,3}(?:Times|Post|Journal|News|Herald|Tribune|Radio|"
        r"Television|TV|Agency))|"
        r"(?:the\s+)?(?-i:(?:[A-Z][\w.’']*\s+){0,3}(?:Assembly|Parliament|Congress|Knesset|Duma|"
        r"Senate|Council|Bundestag|Sejm|Majlis|Politburo|Cabinet|Soviet)))\b",
        0.8,
    ),
    _p(
        "statement-expressed",
        "PublicStatement",
        "verb",
        r"\bexpress(?:ed|es)\s+(?:(?:its|his|her|their|the|deep|profound|great|strong|full)\s+|"
        r"[\"“]){0,3}(?:satisfaction|regret|gratitude|support|disappointment|concern|hope|"
        r"opposition|appreciation|condolences|protest|displeasure|dissatisfaction|solidarity)\b",
        0.8,
    ),
    _p(
        "statement-judged",
        "PublicStatement",
        "verb",
        r"\b(?:condemn(?:ed|s)|critici[sz](?:ed|es)|prais(?:ed|es)|accus(?:ed|es)|"
        r"denounc(?:ed|es)|disavow(?:ed|s)|protested|warned|called\s+for|mentioned\s+to|"
        r"blam(?:ed|es)|demanded\s+(?=that\b)|"
        r"claimed\s+(?:in\s+\d{4}\s+)?(?=that\b)|"
        r"(?:publicly\s+)?responded\s+(?=that\b)|publicly\s+responded)\b",
        0.75,
    ),
    _p(
        "statement-told-person",
        "PublicStatement",
        "verb",
        r"\btold\s+(?=(?-i:[A-Z])[\w’'-]+\s+that\b)",
        0.7,
    ),
    _p(
        "statement-said-in",
        "PublicStatement",
        "verb",
        r"\bsaid\s+(?:in\s+(?:a|an|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|interview|"
        r"speech|address|broadcast|communiqu[eé])|at\s+a\s+(?:news|press)\s+conference)\b",
        0.75,
    ),
    _p(
        "statement-answered",
        "PublicStatement",
        "verb",
        r"\b(?:answered|replied|responded)\s+publicly\b|"
        r"\bdescribed\s+(?=(?:[\w’'-]+\s+){1,4}as\b)|"
        # "called it a success", "called the talks “serious”": a judgement made public
        r"\bcalled\s+(?:it|the\s+\w+)\s+(?:[“\"]?an?\b|(?=[“\"]))",
        0.7,
    ),
    _p(
        "statement-said-at",
        "PublicStatement",
        "verb",
        # "X, at a separate news conference, said", "X, speaking in Warsaw, said"
        r"(?<=,)\s*(?:at\s+(?:a|an|his|her|their|the)\s+(?:[\w-]+\s+)?(?:news|press)\s+"
        r"conference|speaking\s+(?:in|at|to)\s+[^,.;]{1,40}),\s+said\b|"
        # "welcomed “the return of ...”": a public reaction in the speaker's words
        r"\bwelcomed\s+(?=[“\"])",
        0.7,
    ),
    _p(
        "meeting-group",
        "Meeting",
        "verb",
        r"\b(?:met|meets|met\s+with|conferred\s+with)\s+(?-i:(?:[A-Z][a-z]+\s+)(?:and\s+"
        r"[A-Z][a-z]+\s+)?)(?:leaders|heads\s+of\s+state|officials|delegates|delegations)\b|"
        r"\b(?:joined|attended)\s+the\s+(?:[\w-]+\s+){0,3}?(?:conference|summit)\b",
        0.6,
    ),
    _p(
        "meeting-purpose",
        "Meeting",
        "verb",
        r"\b(?:to\s+(?:meet(?:\s+with)?|see|press|persuade|urge|confer\s+with)|"
        r"for\s+talks\s+with)\s+",
        0.7,
    ),
    _p(
        "statement-quoted",
        "PublicStatement",
        "verb",
        r"\b(?:was|were)\s+(?:\w+\s+)?quoted\s+as\b",
        0.75,
    ),
    _p(
        "statement-noun-by",
        "PublicStatement",
        "noun",
        r"\b(?:declaration|statement|announcement)\s+(?:(?:of|in)\s+\d{4}\s+)?"
        r"(?:in\s+(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)?,?\s+)?(?:made\s+)?(?=by\b)",
        0.75,
    ),
    # "devoted to speeches by X, Y and Z": one statement for each speaker listed
    _p(
        "statement-speech-by",
        "PublicStatement",
        "noun",
        r"\b(?:speech(?:es)?|address(?:es)?|remarks)\s+(?=by\b)",
        0.7,
    ),
    _p(
        "statement-press-conference",
        "PublicStatement",
        "noun",
        r"\b(?:joint\s+)?(?:news|press)\s+conference\s+with\s+",
        0.75,
    ),
    _p(
        "statement-spoke-of",
        "PublicStatement",
        "verb",
        r"\bspoke\s+(?:of|about)\b|\bspoke\s+at\s+(?:the|a)\s+(?:[\w-]+\s+)?(?:ceremony|rally|"
        r"session|summit|dinner|banquet|conference|signing|opening)\b",
        0.7,
    ),
    _p(
        "meeting-receiving",
        "Meeting",
        "verb",
        r"\b(?:receiv(?:ed|es|ing)|hosted|hosts)\s+(?=(?:the\s+)?(?:visiting\s+)?(?-i:[A-Z]))",
        0.8,
    ),
    _p(
        "meeting-received-by",
        "Meeting",
        "passive",
        r"\b(?:was|were)\s+(?:warmly\s+|officially\s+)?(?:received|welcomed|greeted)\s+"
        r"(?:[\w’'-]+\s+){0,6}?by\s+",
        0.8,
    ),
    _p(
        "meeting-summoned",
        "Meeting",
        "verb",
        r"\b(?:was|were)\s+(?:summoned|called\s+in)\s+(?:to\s+)?",
        0.8,
    ),
    _p(
        "vote-supported",
        "Vote",
        "verb",
        r"\bsupported\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:draft\s+)?resolution\b|"
        r"\bsupported\s+the\s+(?:acceptance|admission)\s+of\b|\bvetoe[sd]\b|"
        r"\bprevented\s+(?:a|the)\s+(?:condemnation|resolution)\b",
        0.8,
    ),
    # "The government said that ...", "officials insisted that ...": a position made public
    _p(
        "statement-said-that",
        "PublicStatement",
        "verb",
        r"\b(?<!has\s)(?<!have\s)(?:said|insisted)\s+(?=that\b)|"
        r"\bhailed\s+(?=(?:the|this|that|it)\b)",
        0.7,
    ),
    # the speaker after the words: "..., a spokesman for the government said.",
    # "Moscow, he said, could not ...", "..., said Moshe Sharett, the foreign minister":
    # the speaker is the named group ``who`` ("according to X" is left out: in reports it
    # is more often hearsay than a statement)
    _p(
        "statement-said-after",
        "PublicStatement",
        "verb",
        r"(?<=[,”\"’])\s*[”\"’]?\s*(?P<who>(?:[\w.’'-]+\s+){0,7}?[\w.’'-]+)\s+"
        r"(?:said|says|added|declared|insisted|conceded|remarked)(?=\s*[.,;])|"
        r"(?<=,)\s+said\s+(?P<who2>(?-i:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}))(?=\s*[,.;])",
        0.7,
    ),
    # "offered to mediate", "suggested that", "asked that", "invited X to visit",
    # "urged Moscow to allow ...": a proposal from the subject to the one addressed
    _p(
        "proposal-offered",
        "Proposal",
        "verb",
        r"\b(?:offered|offers)\s+to\s+(?=(?-i:[a-z]))|\b(?:suggested|asked|requested)\s+(?=that\b)|"
        r"\binvited\s+(?=(?:[\w’'-]+\s+){1,5}?to\s+(?:visit|come|attend|take\s+part|participate|"
        r"join|hold)\b)|\burged\s+(?=(?-i:[A-Z])[\w’'-]+\s+to\b)",
        0.7,
    ),
    # "Moscow's call for an international conference", "called for a peace conference"
    _p(
        "proposal-conference",
        "Proposal",
        "noun",
        r"\b(?:call(?:ed|s)?|proposal|plan)\s+for\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
        r"(?:conference|summit|talks|negotiations)\b",
        0.7,
    ),
    # last: it needs the letters found before it in the sentence
    # "Y answered that ...", after "X wrote to Y": Y's letter back to X
    _p("letter-answered", "Correspondence", "verb",
       r"\b(?:answered|replied|wrote\s+back)\b(?!\s+publicly)", 0.65),
)

# words before the trigger (in its clause) that make it unreal: negation, modality, wishes
_NEGATION = re.compile(
    r"\b(?:not|n't|never|no|without|failed|fail|refus(?:e|ed|al)|cancel(?:l)?ed|instead|"
    r"demand(?:s|ed)?|urg(?:e|ed|es|ing)|called\s+on|calling\s+on|ask(?:s|ed)?|"
    r"request(?:s|ed)?|pressure|pressed)\b",
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
_SCOPE_BARRIER = re.compile(
    r",|—|\b(?:following|after|since|despite|during|because\s+of|due\s+to|thanks\s+to)\b", re.I
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
    r"(?:\b(?:first|second|last|only)\s+(?:[\w-]+\s+){0,6}to|\beffort\s+to|\brushed\s+to|"
    r"\b(?:permitted|allowed|authori[sz]ed)\s+to|"
    r"\bcontinued\s+to|\bwent\s+on\s+to|\bhastened\s+to|\bmoved\s+to|"
    r"\bagree[sd]?\s+to|\bdecided\s+to)\s+$",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r";|:|\s[–—]\s|—|\(|\)|,\s+(?:and|but|while|which|whereas|although|though|when|where|who)\b|"
    r",\s+(?:to|in|of|by|for|with|from|after|on)\s+(?:which|whom)\b|"
    r"\s+and\s+(?=[a-z]\w*ing\b)|"
    r"\s+and\s+(?=(?:was|were|is|are|will|would|has|had|later|then)\b)|"
    # a coordinated predicate: "was received by X, held talks with Y and visited Z"
    r",\s+(?=(?:held|met|visited|signed|sent|made|told|said|gave|flew|arrived|called|"
    r"laid|paid|left|went|came)\s)"
)
_PREPS: frozenset[str] = frozenset(
    [
        "with",
        "to",
        "of",
        "from",
        "by",
        "between",
        "for",
        "against",
        "on",
        "in",
        "at",
        "toward",
        "towards",
        "into",
        "over",
        "about",
        "than",
        "like",
        "under",
        "via",
        "and",
        "upon",
        "among",
    ]
)
_SUBJ_PREPS = _PREPS - {"and"}
_SKIP_BEFORE = re.compile(r"(?:\b(?:the|a|an|Mr\.|Mrs\.|Dr\.|[A-Z][a-z]+|de|of\s+the)\s+)*$")
_SUBJ_PREPS = _PREPS - {"and"}
_POSSESSIVE = re.compile(r"^['’]s\b")
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|stated|wrote|informed|according\s+to)\b", re.I
)
_CONNECTIVE = re.compile(
    r"^(?:During\s+(?:the|that|this|his|her)\s+(?:visit|meeting|talks|trip|stay)|At\s+the\s+time|"
    r"As\s+a\s+(?:result|consequence)|At\s+the\s+same\s+time|Following\s+this|"
    r"Subsequently|Consequently|Thereafter|Soon\s+after|Shortly\s+after(?:wards)?)\b"
)
_SUBJECT_PRONOUN = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|then|so|therefore)\s+|"
    # "In 1955 it signed": after an opening date
    r"^\s*(?:In|By|On|At|Later\s+in)\s+(?:the\s+)?(?:[A-Za-z]+\s+){0,2}(?:\d{4})?,?\s*|^\s+|"
    # "Nevertheless he travelled": after a sentence adverb
    r"^\s*(?:Nevertheless|Nonetheless|However|Still|Yet|Later|Soon|Eventually|Subsequently|"
    r"Afterwards|Thereafter|Meanwhile|Then),?\s+)"
    r"\b([Ii]t|[Hh]e|[Ss]he|[Tt]hey)\s+"
    r"(?:(?:also|then|even|again|later|immediately|further|had|has|have|subsequently)\s+){0,2}$"
)
_ASIDE = re.compile(
    r",\s+(?:[a-z]+ing|who|which|whose|a|an|the|then|now|once|himself|herself)\b[^,;()—]*,"
)
_CLAUSE_PRONOUN = re.compile(r"\b([Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s+(?:[a-z]+ly\s+)?$")
_PRONOUN_POSS = re.compile(r"\b(?:his|her|their|its)\s+(?:\w+\s+){0,2}$", re.I)

RELATIONS = frozenset(
    {
        "Recognition",
        "EstablishmentOfRelations",
        "SeveranceOfRelations",
        "ResumptionOfRelations",
        "EstablishmentOfConsularRelations",
    }
)


@dataclass(frozen=True)
class _Part:
    """A participant mention as the act patterns see it."""

    start: int
    end: int
    keys: tuple[str, ...]
    prep: str  # the word just before it, lower case ("" at the clause start)
    possessive: bool
    place: bool


def _clauses(text: str, span: Span) -> list[Span]:
    out = []
    s = span.start
    aside_end = -1
    for m in _CLAUSE_BREAK.finditer(text, span.start, span.end):
        if m.group(0) == "(":
            close = text.find(")", m.end(), span.end)
            if 0 <= close - m.end() <= 20:  # "David Levy (right) and ...": an aside
                aside_end = close
                continue
        if m.start() == aside_end:
            continue
        if m.start() > s:
            out.append(Span(s, m.start()))
        s = m.end()
    if s < span.end:
        out.append(Span(s, span.end))
    return out


_GOVERNMENT_OF = re.compile(
    r"\b(?:Government|government|Ministry\s+of\s+Foreign\s+Affairs|people|representatives?|"
    r"leadership|authorities)\s+of\s+(?:the\s+)?$"
)


# "the Israeli and Syrian delegations met": a state adjective before its envoys stands
# for the state
_ENVOYS_OF = re.compile(
    r"(?:\s+and\s+(?:the\s+)?(?-i:[A-Z])[\w-]+)?"
    # "an Israeli consular team": the state the delegation speaks for
    r"(?:\s+(?:consular|trade|official|diplomatic|military|parliamentary|government(?:al)?|"
    r"economic|technical|high-level|senior))?"
    r"\s+(?:delegations?|negotiators|diplomats|envoys|representatives|emissaries|teams?|"
    r"missions?)\b"
)


def _parts(text: str, sent: Sentence, mentions: list[Mention]) -> list[_Part]:
    out = []
    titles = [
        m.title_span.start for m in mentions if m.kind == "Envoy" and m.title_span and m.entity
    ]
    for m in mentions:
        if m.kind == "Date" or not (m.entity or m.group):
            continue
        if m.sense == "modifier" and not (
            m.kind == "State" and _ENVOYS_OF.match(text, m.span.end)
        ):
            continue
        if m.kind == "State" and any(
            0 <= t - m.span.end <= 30
            and re.fullmatch(r"(?:['’]s)?(?:\s+[A-Za-z-]+){0,3}\s*", text[m.span.end : t])
            # not "Moscow for talks with President X": a phrase of its own
            and not re.search(r"\b(?:for|with|to|in|on|at|from|and|or)\b", text[m.span.end : t])
            for t in titles
        ):
            continue  # "Soviet" in "Soviet Prime Minister Nikolai Bulganin"
        keys = m.group or (m.entity,)
        start = m.title_span.start if m.title_span else m.span.start
        if m.kind == "Envoy" and m.adjective and m.title_span:
            # "Poland's permanent representative, Beretsky": the phrase starts at "Poland's"
            at = text.rfind(m.adjective, max(sent.span.start, start - 40), start)
            if at >= 0 and re.fullmatch(
                r"(?:['’]s)?(?:\s+[A-Za-z-]+){0,3}\s*", text[at + len(m.adjective) : start]
            ):
                start = at
        before = text[sent.span.start : start]
        # step back over the title words and articles in front of the name
        b = _SKIP_BEFORE.search(before)
        core = before[: b.start()] if b else before
        w = re.search(r"([A-Za-z']+)\W*$", core)
        prep = w.group(1).lower() if w else ""
        if re.search(r",\s*$", core):
            prep = ""  # "Later on, Russia criticized": a new phrase after the comma
        if re.search(r"\bspokes(?:man|woman|person|men)\s+for\s+(?:the\s+)?$", core, re.I):
            prep = ""  # "a spokesman for X told reporters": X speaks through him
        if re.search(r"\b(?:anti|pro|non)-$", text[max(0, m.span.start - 5) : m.span.start], re.I):
            continue  # "anti-Israeli": an attitude, not a party
        # "Poland's permanent representative to the UN, Beretsky": the name's own title
        if m.kind == "Envoy" and re.search(r",\s*$", before) and m.title:
            prep = ""
        gov = _GOVERNMENT_OF.search(before)
        if gov:
            start = sent.span.start + gov.start()
            w = re.search(
                r"([A-Za-z']+)\W*$", re.sub(r"(?:\b(?:the|a|an)\s+)*$", "", before[: gov.start()])
            )
            prep = w.group(1).lower() if w else ""
        out.append(
            _Part(
                start,
                m.span.end,
                tuple(keys),
                prep,
                bool(_POSSESSIVE.match(text[m.span.end : m.span.end + 3])),
                m.sense == "place",
            )
        )
    return out


def _unreal(text: str, clause: Span, trig: re.Match[str], form: str) -> bool:
    """Negated, modal or hypothetical: the words before the trigger in its clause say so."""
    before = text[clause.start : trig.start()]
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
    return bool(_NEGATED_AFTER.search(after[:80]))


def _more_destinations(text: str, parts: list[_Part], te: int, end: int) -> list[_Part]:
    """The places or states listed after a journey's first destination ("to Damascus and
    Amman", "to X, Y and Z"), each a single party."""
    right = sorted((p for p in parts if te <= p.start and p.end <= end), key=lambda p: p.start)
    if not right or right[0].start - te > 12 or len(right[0].keys) != 1:
        return []
    out: list[_Part] = []
    last = right[0]
    for q in right[1:]:
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?", text[last.end : q.start]):
            break
        if len(q.keys) != 1 or q.possessive or not (q.place or q.keys[0].startswith("state/")):
            break
        out.append(q)
        last = q
    return out


def _states(keys: list[str]) -> list[str]:
    return [k for k in keys if k.startswith("state/")]


def _dedupe(keys: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return tuple(out)


def _antecedent(pronoun: str, prev: tuple[str, ...]) -> list[str]:
    """The previous sentence's main actor a subject pronoun stands for, if its kind fits:
    "he"/"she"/"his"/"her" a person, "it"/"its" a state, "they"/"their" a state or a group."""
    p = pronoun.lower()
    if p in ("he", "she", "his", "her", "him"):
        fits = [k for k in prev if k.startswith("person/")]
    else:
        fits = [k for k in prev if k.startswith("state/")]
    return fits[:1]


_SAID = ("PublicStatement", "Proposal")  # acts dated, failing their own date, by the story's
_SAME_TALK = 1500  # characters: "he said" this soon after his statement goes on with it


def _speaker(text: str, trig: re.Match[str], parts: list[_Part],
             prev: tuple[str, ...]) -> list[str]:
    """Who speaks when the speaker follows the words: the persons named in the ``who`` group,
    else its states ("a spokesman for the Freedonian government"), else the person a "he" or
    "she" stands for; nobody when the group names no one ("officials said")."""
    name = "who" if trig.group("who") is not None else "who2"
    lo, hi = trig.span(name)
    keys = [k for p in parts if lo <= p.start and p.end <= hi and not p.place for k in p.keys]
    persons = [k for k in keys if k.startswith("person/")]
    if persons or keys:
        return list(_dedupe(persons or keys))
    pron = re.fullmatch(r"([Hh]e|[Ss]he)", text[lo:hi].strip())
    return _antecedent(pron.group(1), prev) if pron else []


def _roles(
    pat: Pattern,
    text: str,
    clause: Span,
    sent: Sentence,
    trig: re.Match[str],
    parts: list[_Part],
    prev: tuple[str, ...] = (),
) -> tuple[list[str], list[str], str | None]:
    """Actors, counterparts and place of a trigger; ``prev`` holds the previous sentence's
    main actors, for a pronoun subject ("It also expressed ...")."""
    ts, te = trig.span()
    left = [p for p in parts if p.end <= ts]
    right = [p for p in parts if p.start >= te]
    in_clause_left = [p for p in left if p.start >= clause.start]
    in_clause_right = [p for p in right if p.end <= clause.end]
    actors: list[str] = []
    counter: list[str] = []
    place: str | None = None

    # "between X and Y" right after the trigger (or inside it)
    tail = text[ts : min(clause.end, te + 40)]
    pair_word = re.search(r"\bbetween\s|\b(?:meeting|talks)\s+of\s", tail)
    if pair_word:
        after_between = [
            p
            for p in right + [p for p in parts if ts <= p.start < te]
            if p.start >= ts + pair_word.start()
        ]
        after_between.sort(key=lambda p: p.start)
        gap = text[after_between[0].end : after_between[1].start] if len(after_between) >= 2 else ""
        if len(after_between) >= 2 and re.search(r"\band\b", gap) and len(gap) < 40:
            actors += after_between[0].keys
            counter += after_between[1].keys
            return actors, counter, None

    # the object or the "with/to" phrase; a note or arms sent to a capital go to its state
    to_places = pat.type in ("Correspondence", "ArmsTransfer")
    obj = [p for p in in_clause_right if not p.place or to_places]
    if pat.type == "Correspondence" and pat.form == "verb":
        # "sent the Egyptian President a formal invitation": the addressee is inside
        addressee = [p for p in parts if ts < p.start and p.end <= te and not p.place]
        if addressee:
            obj = []
            counter += addressee[0].keys
    places = [p for p in in_clause_right if p.place]
    if pat.type in ("Visit",):
        dest = next((p for p in in_clause_right if p.start - te <= 12), None)
        if pat.name == "visit-travelled" and dest is not None and (
            dest.possessive or not re.fullmatch(r"\s*(?:the\s+)?", text[te : dest.start])
        ):
            dest = None  # "came to Egypt's aid", "came to the aid of Egypt": no journey
        if dest is not None:
            if dest.place:
                place = dest.keys[0]
            else:
                counter += dest.keys
    elif pat.type == "Recognition":
        if (
            obj
            and re.fullmatch(
                r"\s*(?:the\s+)?(?:right\s+of\s+(?:the\s+)?)?"
                r"(?:(?:State|Government)\s+of\s+(?:the\s+)?)?",
                text[te : obj[0].start],
                re.I,
            )
            and len(obj[0].keys) == 1
            and not obj[0].possessive
        ):
            counter += obj[0].keys
        else:
            cap = re.match(
                r"[^.;,]{0,40}?\bas\s+(?:the\s+)?(?:\w+\s+)?capital\s+of\s+(?:the\s+)?",
                text[te : clause.end],
            )
            if re.match(
                r"\s*the\s+(?-i:[A-Z][\w-]*)(?:\s+(?-i:[A-Z][\w-]*)){0,4}\s+as\s+(?:the\s+)?"
                r"(?:sole\s+|legitimate\s+|only\s+|lawful\s+)*(?:representative|government)\b",
                text[te : clause.end],
            ):
                place = _GOVERNMENT  # "recognized the PLO as the representative of ..."
            elif cap:
                after = [p for p in obj if p.start == te + cap.end()]
                counter += after[0].keys if after else []
            elif re.match(
                r"\s*the\s+(?-i:[A-Z][\w-]*\s+){1,3}(?:government|regime|authority|administration)\b",
                text[te : clause.end],
            ):
                place = _GOVERNMENT  # "recognize the Hamas government": no state to name
            elif (
                gov := re.match(
                    r"\s*the\s+(?:[\w-]+\s+){0,3}(?:government|regime|authorities)\s+"
                    r"(?:in|of|at)\s+(?:the\s+)?",
                    text[te : clause.end],
                )
            ) and any(p.start == te + gov.end() for p in in_clause_right):
                # "recognized the new government in Beijing": the state of that capital
                counter += next(p for p in in_clause_right if p.start == te + gov.end()).keys
    else:
        for p in obj:
            if p.start - te > 60:
                break
            if p.prep in ("with", "to") or (
                pat.form == "verb"
                and p.start - te <= 6
                and re.fullmatch(
                    r"\s*(?:the\s+|his\s+|her\s+|their\s+)?(?:(?:Mr|Mrs|Ms|Dr)\.\s*)?",
                    text[te : p.start],
                )
            ):
                counter += p.keys
                # "with X and Y", "with X, Y and Z" (a bare comma only inside such a list)
                last, chain, joined = p, [], False
                for q in obj:
                    if q.start <= last.end:
                        continue
                    gap = text[last.end : q.start]
                    if re.fullmatch(r"\s*,?\s*and\s+(?:with\s+)?(?:the\s+)?"
                                    r"(?:(?:Mr|Mrs|Ms|Dr)\.\s*)?", gap):
                        chain.append(q)
                        joined = True
                        break
                    if not re.fullmatch(r"\s*,\s*(?:the\s+)?", gap):
                        break
                    chain.append(q)
                    last = q
                if joined:
                    for q in chain:
                        counter += q.keys
                break
        if pat.type in ("Meeting",) and places:
            place = places[0].keys[0]

    passive = pat.form == "passive" or (
        pat.form == "verb"
        and bool(re.search(r"\b(?:was|were|been|being)\s+$", text[sent.span.start : ts]))
    )
    if passive:
        rel = re.search(r"\b(?:that|which)\s+", trig.group(0))
        inner = [p for p in parts if rel and ts + rel.end() <= p.start and p.end <= te
                 and not p.place]
        if pat.type == "Agreement" and inner:
            # "the treaty that X and Y signed": the relative clause's own subjects sign
            return [k for p in inner for k in p.keys], counter, place
        by = [p for p in in_clause_right if p.prep in ("by", "from") and p.start - te <= 40]
        if by:
            actors += by[0].keys
            # "by President Katzir and Premier Begin", "by X, Y and Z"
            last = by[0]
            for q in in_clause_right:
                if q.start <= last.end or q.place:
                    continue
                gap = text[last.end : q.start]
                if not re.fullmatch(r"\s*(?:,|,?\s*and)\s+(?:the\s+)?(?:his\s+)?"
                                    r"(?:(?:Mr|Mrs|Ms|Dr)\.\s*|[\w-]+\s+){0,3}?", gap) or len(
                    gap
                ) > 40:
                    break
                if re.search(r"\b(?:with|to|of|in|at|for)\b", gap):
                    break
                actors += q.keys
                last = q
        if pat.name == "meeting-received-by":
            # "He was received at the airport by Begin": the host meets the subject
            subj = [p for p in in_clause_left if p.prep not in _PREPS and not p.place]
            if not subj and re.search(r"\band\s*$", text[max(sent.span.start, clause.start - 6) :
                                                           clause.start]):
                # "X arrived in Israel ... and was welcomed by Y": the sentence's subject
                subj = [
                    p
                    for p in left
                    if p.start >= sent.span.start and p.prep not in _PREPS and not p.place
                ][:1]
            if subj:
                counter += subj[-1].keys
            else:
                pron = _SUBJECT_PRONOUN.search(text[max(clause.start, ts - 40) : ts])
                if pron:
                    # "X visited Israel, where he was received by Y": the sentence's own
                    # subject first, else the previous sentence's
                    own = [
                        p
                        for p in left
                        if p.start >= sent.span.start
                        and p.end <= clause.start
                        and p.prep not in _PREPS
                        and not p.place
                        and _antecedent(pron.group(1), p.keys)
                    ]
                    counter += own[-1].keys if own else _antecedent(pron.group(1), prev)
        return actors, counter, place

    if pat.name == "visit-where":
        # "in Damascus, where Sadat had flown": the place before "where", the subject after
        inside = sorted((p for p in parts if ts <= p.start and p.end <= te), key=lambda p: p.start)
        at = text.find("where", ts, te)
        dest = [p for p in inside if p.end <= at]
        who = [p for p in inside if p.start > at and not p.place]
        if not dest or not who:
            return [], [], None
        if dest[0].place:
            return list(who[0].keys), [], dest[0].keys[0]
        return list(who[0].keys), list(dest[0].keys), None

    if pat.name == "meeting-took-place":
        # "Preliminary talks took place ..., when an Israel representative informed the
        # Russians": between the two states the sentence names, if exactly two
        states = _dedupe(
            [k for p in parts if not p.place for k in p.keys if k.startswith("state/")]
        )
        if len(states) == 2:
            return [states[0]], [states[1]], place
        return [], [], place

    if pat.name == "letter-citation":
        nxt = [
            p
            for p in in_clause_right
            if re.fullmatch(r"(?:(?:Tov|Comrade)\.?\s+)?", text[te : p.start]) and not p.place
        ]
        return (list(nxt[0].keys) if nxt else []), counter, place

    if pat.form == "noun":
        poss = [p for p in left if p.possessive and ts - p.end <= 30 and p.start >= sent.span.start]
        if poss:
            actors += poss[-1].keys
        for p in right:
            if p.start - te <= 15 and not p.place and (
                p.prep in ("by", "from")
                # "the meeting of X with Y": X meets
                or (p.prep == "of" and pat.type == "Meeting" and p.start - te <= 4)
            ):
                actors += p.keys
                break
        # "an Israeli consular delegation": the state adjective in front of the noun
        adj = [p for p in left if ts - p.end <= 3 and p.prep not in _PREPS]
        if not actors and adj:
            actors += adj[-1].keys
        inside = [p for p in parts if ts <= p.start and p.end <= te and not p.place]
        if not actors and inside and (pat.type in RELATIONS or pat.type == "Proposal"):
            actors += inside[0].keys
        pron = _PRONOUN_POSS.search(text[max(sent.span.start, ts - 30) : ts])
        if (
            not actors
            and pron
            and pat.type == "Meeting"
            and not counter
            and pron.group(0).split()[0].lower() == "their"
        ):
            # "Since their meeting in 2001": the two persons the previous sentence joined
            persons = [k for k in prev if k.startswith("person/")]
            if len(persons) >= 2:
                return [persons[0]], [persons[1]], place
        if not actors and pron:
            word = pron.group(0).split()[0].lower()
            subj = [
                p
                for p in parts
                if p.prep not in _PREPS and (word == "its" or not p.possessive) and not p.place
            ]
            if word in ("his", "her"):
                # "his visit": the nearest person named before it, whatever his role
                persons = [
                    p
                    for p in parts
                    if p.end <= ts
                    and p.keys[0].startswith("person/")
                    and p.prep not in ("with", "and", "by", "of")
                ]
                subj = persons[-1:] or [
                    p for p in subj if p.keys[0].startswith("person/") and p.end <= ts
                ]
            subj_left = [p for p in subj if p.end <= ts]
            pick = subj_left[-1:] or (
                [p for p in subj if p.start >= te][:1]
                if pat.type in ("Meeting", "PublicStatement")
                else []
            )
            if pick:
                actors += pick[0].keys
            elif not [p for p in parts if p.end <= ts] and re.search(
                r"\b(?:it|he|she|they|his|her|its|their)\b", text[sent.span.start : ts], re.I
            ):
                # "Therefore, it renewed its arms shipments": the pronoun's antecedent
                actors += _antecedent(word, prev)
        light = _LIGHT_VERB.search(text[max(sent.span.start, ts - 40) : ts])
        if not actors and (
            (pat.type in ("PublicStatement", "Meeting", "Correspondence") and counter) or light
        ):
            # "at a joint news conference with Levy, Bessmertnykh seemed ...": the subject
            subj = [
                p
                for p in parts
                if p.prep not in _PREPS
                and not p.place
                and not p.possessive
                and not set(p.keys) & set(counter)
            ]
            pick = [p for p in subj if p.end <= ts][-1:] or [p for p in subj if p.start >= te][:1]
            if pick:
                actors += pick[0].keys
        if not actors and pat.type == "ArmsTransfer":
            # "the USSR openly supported the Arabs, which included arms shipments to Syria"
            subj = [
                p
                for p in left
                if p.start >= sent.span.start and p.prep not in _PREPS and not p.place
            ]
            if subj:
                actors += subj[0].keys
        return actors, counter, place

    if pat.type in ("Correspondence", "ArmsTransfer") and not counter:
        # "sent you a note", "supplied Egypt with arms": the addressee inside the trigger
        counter += [
            k for p in parts if ts <= p.start and p.end <= te and not p.place for k in p.keys
        ]

    # verbs: the subject, nearest on the left, with a coordinated one ("X and Y resume")
    subj = [
        p
        for p in in_clause_left
        if (p.prep not in _PREPS or (p.prep == "and" and ts - p.end <= 15)) and not p.place
    ]
    pron = _CLAUSE_PRONOUN.search(text[clause.start : ts]) if not subj else None
    if pron and clause.start > sent.span.start:
        # "Begin answered ..., and on November 15 he sent ...": a pronoun subject of a
        # later clause is the sentence's own subject when its kind fits
        first = [p for p in left if p.start >= sent.span.start and not p.place][:1]
        if first and first[0].prep not in _PREPS and _antecedent(pron.group(1), first[0].keys):
            subj = first
    if not subj:
        subj = [
            p for p in left if p.start >= sent.span.start and p.prep not in _PREPS and not p.place
        ]
    asides = [
        (m.start(), m.end())
        for m in _ASIDE.finditer(text, sent.span.start, ts)
        if any(p.end == m.start() for p in left)  # an apposition follows a name
    ]
    if asides and subj:
        # "X, speaking after Y, told ...", "X, a member of Y, established ...": a name inside
        # an apposition or a participial aside is not the subject
        def aside(p: _Part) -> bool:
            return any(a0 < p.start and p.end < a1 for a0, a1 in asides)

        outside = [p for p in subj if not aside(p)] or [
            p for p in left if p.start >= sent.span.start and p.prep not in _PREPS
            and not p.place and not aside(p)
        ]
        subj = outside or subj
    if pat.name in _CLAUSE_SUBJECT:
        subj = [p for p in subj if p.start >= clause.start]
    coordinated = (
        clause.start > sent.span.start
        and not [p for p in in_clause_left if p.prep not in _PREPS]
        and re.search(r",?\s+and\s*$", text[max(sent.span.start, clause.start - 6) : clause.start])
    )
    who = re.search(r",\s*who\s*$", text[max(sent.span.start, clause.start - 8) : clause.start])
    if who and not [p for p in in_clause_left if p.prep not in _PREPS]:
        # "X and Y, who met in Z": the relative pronoun stands for the names before it
        head = [p for p in left if p.end <= clause.start and not p.place
                and re.fullmatch(r"\s*,\s*who\s*", text[p.end : clause.start])]
        if head:
            chain = [head[-1]]
            for p in reversed([q for q in left if q.end <= chain[0].start and not q.place]):
                if not re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", text[p.end : chain[0].start]):
                    break
                chain.insert(0, p)
            return [k for p in chain for k in p.keys], counter, place
    if subj:
        # "X flew to Moscow with Y, and met Z": a predicate without a subject of its own
        # shares the sentence's first subject, not the last name before it
        s = subj[0] if coordinated else subj[-1]
        if re.search(r"\bthat\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*\s+(?:[a-z]+ly\s+)?$",
                     text[s.end : ts]):
            # "X wrote that the PLO recognized ...": the verb has a subject of its own,
            # one the text names but nothing known resolves
            return actors, counter, place
        if not coordinated and re.search(r"\band\s+(?:also\s+|then\s+|later\s+)?$",
                                         text[s.end : ts]):
            # "X demanded that Israel withdraw ... and declared ...": the second verb is
            # X's, not that of the subject inside X's "that" clause
            outer = [p for p in subj if p.end <= s.start
                     and re.search(r"\bthat\b", text[p.end : s.start])]
            if outer:
                s = outer[-1]
        actors += s.keys
        coord = r"\s*(?:\([^()]{1,20}\)\s*)?,?\s+and\s+(?:the\s+)?(?:(?:Mr|Mrs|Ms|Dr)\.\s*)?"
        co = [p for p in left if p.start >= s.end]
        if co and re.fullmatch(coord, text[s.end : co[0].start]):
            actors += co[0].keys
        pre = [p for p in left if p.end <= s.start and p.start >= clause.start]
        if pre and re.fullmatch(coord, text[pre[-1].end : s.start]) and pre[-1].prep not in _PREPS:
            actors = list(pre[-1].keys) + actors
        elif not pre and (
            he := re.search(r"\b([Hh]e|[Ss]he)\s+and\s+(?:the\s+)?$",
                            text[max(clause.start, s.start - 20) : s.start])
        ):
            # "on October 8 he and X signed": the pronoun's person acts with X
            own = [p for p in left if p.start >= sent.span.start and p.end <= s.start
                   and p.prep not in _PREPS and p.keys[0].startswith("person/")]
            who = list(own[0].keys) if own else _antecedent(he.group(1), prev)
            actors = [k for k in who if k not in actors] + actors
    else:
        poss = [p for p in left if p.possessive and p.start >= clause.start]
        if poss:
            actors += poss[-1].keys
    if not actors:
        pron = _SUBJECT_PRONOUN.search(text[max(clause.start, ts - 40) : ts])
        if pron:
            persons = [k for k in prev if k.startswith("person/")]
            if (pron.group(1).lower() == "they" and pat.type == "Meeting" and not counter
                    and len(persons) >= 2):
                # "they met again": the two persons the previous sentence joined
                return [persons[0]], [persons[1]], place
            actors += _antecedent(pron.group(1), prev)
    return actors, counter, place


def _date(
    text: str,
    sent: Sentence,
    clause: Span,
    trig: re.Match[str],
    dates: list[Mention],
    prev_dates: list[Mention],
    passive: bool = False,
) -> tuple[PartialDate | None, float]:
    """The act's date and a confidence penalty: in the clause, else the sentence opening."""
    ts = trig.start()
    inside = [d for d in dates if clause.start <= d.span.start and d.span.end <= clause.end]
    after = [
        d
        for d in inside
        if d.span.start >= ts
        and not re.search(
            r"\b(?:since|until|till|before)\s+$", text[max(0, d.span.start - 8) : d.span.start]
        )
        # "restore relations, broken off in June 1967": the date of another event
        and not _OTHER_EVENT.search(text, trig.end(), d.span.start)
        # "the first meeting since X broke off relations in 1967": that event's date
        and not _BACKGROUND_CLAUSE.search(text, trig.end(), d.span.start)
        # "agreement has been reached that they will meet on November 19": a later event
        and not _FUTURE.search(text, trig.end(), d.span.start)
    ]
    if after:
        return after[0].date, 0.0

    te = trig.end()
    close = [
        d
        for d in dates
        if te <= d.span.start <= te + 25
        and not re.search(r"\b(?:since|until|till|before)\s+$", text[te : d.span.start])
        and not _CLAUSE_BREAK.search(text[te : d.span.start])
        and not _FUTURE.search(text, te, d.span.start)
    ]
    if close and passive:  # "relations, which were interrupted on May 2, 1949"
        return close[0].date, 0.0
    # "the talks in March, I have the honour to inform you that X agrees to ...": a date
    # of the matrix clause does not date what its "that" clause tells
    before = [
        d for d in inside if d.span.end <= ts and not re.search(r"\bthat\b", text[d.span.end : ts])
    ]
    if before:
        return before[-1].date, 0.0
    if close:
        return close[0].date, 0.0
    if re.search(r",\s*(?:where|when)\s*$", text[max(sent.span.start, clause.start - 10) :
                                                 clause.start]):
        # "in July 2017 X visited Israel, where he was received ...": the time and place
        # of what the relative clause hangs on
        hung = [d for d in dates if d.span.end <= clause.start]
        if hung:
            return hung[-1].date, 0.05
    opening = [d for d in dates if d.span.start - sent.span.start <= 12 and d.span.end <= ts]
    if opening and not _REPORTING.search(text[opening[0].span.end : ts]):
        return opening[0].date, 0.05
    if _CONNECTIVE.match(text[sent.span.start : sent.span.end]) and prev_dates:
        return PartialDate(prev_dates[-1].date.year), 0.1
    if re.search(r"\band\s*$", text[max(sent.span.start, clause.start - 6) : clause.start]) and (
        re.match(r"\s*(?:was|were|is|are|has|had|have|later|then)\b", text[clause.start : ts + 4])
    ):
        # "arrived last night and was welcomed by ...": a predicate sharing its subject
        # and its time with the one before
        shared = [
            d
            for d in dates
            if d.span.end <= clause.start
            and not re.search(
                r"\b(?:since|until|till|before)\s+$", text[max(0, d.span.start - 8) : d.span.start]
            )
        ]
        if shared:
            return shared[-1].date, 0.05
    earlier = [d for d in dates if d.span.end <= ts and d.explicit]
    if earlier:  # the year the sentence is about, from another of its clauses
        return PartialDate(earlier[-1].date.year), 0.1
    later = [
        d
        for d in dates
        if d.span.start >= te
        and d.explicit
        and not _OTHER_EVENT.search(text, te, d.span.start)
        and not _BACKGROUND_CLAUSE.search(text, te, d.span.start)
    ]
    if later:  # "... sent arms to Egypt, and in October 1973 ...": the sentence's year
        return PartialDate(later[0].date.year), 0.15
    return None, 0.0


# "met X in Sochi in August 2017 and in Moscow in January 2018": the same kind of act again
_GAP_SHORT = re.compile(
    r"\s*,?\s*and\s+(?:again\s+|later\s+|once\s+more\s+)?(?:(?:in|at)\s+(?:the\s+)?"
    r"(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)*\s+)?(?:in|on)\s+(?:early\s+|late\s+)?",
    re.I,
)
_GAP_AGAIN = re.compile(
    r"[^.;:]{0,100}?,\s*and\s+(?:again|once\s+more)\s+(?:in|on)\s+(?:early\s+|late\s+)?", re.I
)
_FINITE = re.compile(r"\b(?:\w+ed|was|were|is|are|had|has|met|went|came|flew|said|told)\b", re.I)


_DECISION = re.compile(r"\s+(?:its|his|her|their|the)\s+(?:decision|move|step)\b", re.I)


def _decision(text: str, x: Act, ref: Act, world: _World) -> Act:
    """"X broke off relations with Y. Moscow announced its decision on June 10": the
    announcement of the change of relations just told of is that change, on that day."""
    if (
        x.type != "PublicStatement"
        or x.trigger is None
        or not _DECISION.match(text, x.trigger.end)
        or not {world.home(k) for k in x.actors} & {world.home(k) for k in ref.actors}
        or not _compatible(x.date, ref.date)
    ):
        return x
    return replace(ref, evidence=x.evidence, doc=x.doc, trigger=x.trigger,
                   date=x.date or ref.date, method="pattern:announced-decision",
                   confidence=round(max(0.3, ref.confidence - 0.1), 2))


_RELATIVE = re.compile(r"\b(?:(last|this)\s+(month|year)|(earlier|later)\s+this\s+month)\b",
                       re.I)


def _relative_date(
    text: str, clause: Span, doc: Document | None, fallback: PartialDate | None, penalty: float
) -> tuple[PartialDate | None, float]:
    """"my stay in Washington last month", in a letter of October 1974: September 1974 (the
    document's date, else the text's, is "now")."""
    now = (doc.date if doc is not None and doc.date is not None else None) or fallback
    m = _RELATIVE.search(text, clause.start, clause.end)
    if m is None or now is None:
        return None, penalty
    which, unit = (m.group(1) or "this").lower(), (m.group(2) or "month").lower()
    if unit == "year":
        return PartialDate(now.year - (which == "last")), penalty + 0.1
    if now.month is None:
        return None, penalty
    if which == "last":
        y, mo = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
        return PartialDate(y, mo), penalty + 0.1
    return PartialDate(now.year, now.month), penalty + 0.1


def _listed_after(text: str, parts: list[_Part], at: int, end: int) -> list[tuple[str, _Part]]:
    """The persons or states of a list "by X, Y and Z" starting at ``at``."""
    cand = sorted((p for p in parts if at <= p.start and p.end <= end and len(p.keys) == 1
                   and not p.place), key=lambda p: p.start)
    if not cand or not re.fullmatch(r"\s*by\s+(?:the\s+)?", text[at : cand[0].start]):
        return []
    chain = [cand[0]]
    for p in cand[1:]:
        if not _LIST_GAP.fullmatch(text[chain[-1].end : p.start]):
            break
        chain.append(p)
    return [(p.keys[0], p) for p in chain]


def _gapped(text: str, sent: Sentence, dates: list[Mention], act: Act) -> list[Act]:
    """Repeats of a visit or meeting the sentence adds without a verb of their own."""
    if act.type not in ("Visit", "Meeting") or act.date is None or act.trigger is None:
        return []
    own = [d for d in dates if d.date == act.date and d.span.start >= act.trigger.end]
    if not own:
        return []
    out, last = [], own[0]
    for d in sorted(dates, key=lambda d: d.span.start):
        if d.span.start <= last.span.end or not d.explicit:
            continue
        gap = text[last.span.end : d.span.start]
        if not (_GAP_SHORT.fullmatch(gap) or (_GAP_AGAIN.fullmatch(gap)
                                               and not _FINITE.search(gap))):
            break
        at = last.span.end + gap.lower().rfind("and")
        out.append(replace(act, evidence=Span(at, d.span.end), date=d.date,
                           method=act.method + "+gapped",
                           confidence=round(max(0.3, act.confidence - 0.1), 2),
                           trigger=Span(at, at + 3)))
        last = d
    return out


def _heading_acts(documents: tuple[Document, ...]) -> list[Act]:
    acts = []
    for d in documents[1:]:
        if d.heading is None or d.author is None:
            continue
        if d.kind in ("Letter", "Telegram", "Note", "Memorandum"):
            acts.append(
                Act(
                    "Correspondence",
                    d.heading,
                    d.n,
                    f"document:{d.kind.lower()}",
                    0.95,
                    actors=(d.author,),
                    # an envoy's report to his own ministry: no counterpart to name
                    counterparts=(d.recipient,) if d.recipient and d.recipient != d.author else (),
                    date=d.date,
                )
            )
        elif d.kind == "PressStatement":
            acts.append(
                Act(
                    "PublicStatement",
                    d.heading,
                    d.n,
                    "document:press-statement",
                    0.95,
                    actors=(d.author,),
                    date=d.date,
                )
            )
    return acts


_FOLLOWED = re.compile(
    r"\s+(?:soon\s+|quickly\s+|later\s+)?followed(?:\s+suit)?"
    r"(?=\s*(?:[.;,]|later|soon|in\b|on\b|the\s+same|that\s+same|within))"
)
_THAT_MONTH = re.compile(r"\b(?:later|earlier)?\s*(?:in\s+)?(?:that|the\s+same)\s+month\b")
_THAT_YEAR = re.compile(r"\b(?:later|earlier)?\s*(?:in\s+)?(?:that|the\s+same)\s+year\b")


def _followed(
    text: str, sent: Sentence, parts: list[_Part], dates: list[Mention], prev: Act, world: _World
) -> Act | None:
    """"Poland followed later that month": the act the previous sentence told of, by the
    state this sentence opens with, towards the party of that act the text is most about."""
    first = next((p for p in parts if p.start - sent.span.start <= 4), None)
    if first is None or first.place or len(first.keys) != 1:
        return None
    actor = first.keys[0]
    if not actor.startswith("state/"):
        return None
    m = _FOLLOWED.match(text, first.end)
    if m is None:
        return None
    others = [k for k in prev.participants if k != actor and world.home(k) != actor]
    if not others:
        return None
    other = max(others, key=lambda k: world.total[world.home(k)])
    rest = text[m.end() : sent.span.end]
    date = next((d.date for d in dates if d.explicit and d.span.start >= m.end()), None)
    if date is None and prev.date is not None:
        if _THAT_MONTH.match(rest.strip()) and prev.date.month is not None:
            date = PartialDate(prev.date.year, prev.date.month)
        elif _THAT_YEAR.match(rest.strip()):
            date = PartialDate(prev.date.year)
    return Act(
        prev.type,
        sent.span,
        sent.doc,
        "pattern:followed",
        0.7,
        actors=(actor,),
        counterparts=(world.home(other),),
        date=date,
        trigger=Span(m.start(), m.end()),
    )


# "X, Y and Z did the same", "followed suit", "as did X and Y": the act just told of,
# by each listed state
_SAME = re.compile(
    r"\b(?:did\s+(?:the\s+same|likewise|so\s+too)|followed\s+suit|"
    r"followed(?=\s*(?:[.;,]|later|soon|shortly|within|in\s+\d|the\s+same|that\s+same|$)))",
    re.I,
)
_AS_DID = re.compile(r"\bas\s+did\s+", re.I)
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?")
_SOON = re.compile(r"^\s*(?:within\s+(?:days|a\s+week|weeks|hours)|soon|shortly|immediately|"
                   r"quickly|the\s+(?:same|next)\s+(?:day|week)|(?:later\s+)?that\s+month|"
                   r"in\s+the\s+same\s+month)\b", re.I)
_SAME_YEAR = re.compile(r"^\s*(?:later\s+)?(?:that|the\s+same)\s+year\b|^\s*within\s+months\b",
                        re.I)
# ", and Bulgaria a few months later": an elliptical member of the list
_ELLIPSIS = re.compile(
    r"^\s*(?:(?:a\s+few|several|some|two|three|four|six)\s+(?:days|weeks|months)\s+later|"
    r"later|soon\s+after(?:wards)?|shortly\s+after(?:wards)?)?\s*[.;]?\s*$",
    re.I,
)


def _state_list(parts: list[_Part], text: str, anchor: int, before: bool, lo: int, hi: int,
                world: _World) -> list[tuple[str, _Part]]:
    """The states of a coordinated list that ends (``before``) or starts at ``anchor``."""
    cand = sorted((p for p in parts if lo <= p.start and p.end <= hi and len(p.keys) == 1),
                  key=lambda p: p.start)
    if before:
        cand = [p for p in cand if p.end <= anchor]
        if not cand or not re.fullmatch(r"\s*(?:[a-z]+\s+)?", text[cand[-1].end : anchor]):
            return []
        chain = [cand[-1]]
        for p in reversed(cand[:-1]):
            if not _LIST_GAP.fullmatch(text[p.end : chain[0].start]):
                break
            chain.insert(0, p)
    else:
        cand = [p for p in cand if p.start >= anchor]
        if not cand or not re.fullmatch(r"\s*(?:the\s+)?", text[anchor : cand[0].start]):
            return []
        chain = [cand[0]]
        for p in cand[1:]:
            if not _LIST_GAP.fullmatch(text[chain[-1].end : p.start]):
                break
            chain.append(p)
    keys = [(world.home(p.keys[0]), p) for p in chain]
    return keys if all(k.startswith("state/") for k, _ in keys) else []


def _same_acts(
    text: str, sent: Sentence, clauses: list[Span], parts: list[_Part], dates: list[Mention],
    ref: Act, world: _World,
) -> list[Act]:
    """"Poland and Hungary did the same in 1990, and Bulgaria a few months later": the act
    ``ref`` (the change of relations just told of) again, once for each state listed, with
    the same other party."""
    out: list[Act] = []
    for ci, clause in enumerate(clauses):
        m = _SAME.search(text, clause.start, clause.end)
        later: list[tuple[str, _Part]] = []
        end = clause.end
        if m is not None:
            listed = _state_list(parts, text, m.start(), True, clause.start, m.start(), world)
            rest_start = m.end()
            # elliptical members after it: ", and Bulgaria a few months later"
            for nxt in clauses[ci + 1 :]:
                extra = _state_list(parts, text, nxt.start, False, nxt.start, nxt.end, world)
                tail_from = max((p.end for p in parts if nxt.start <= p.start < nxt.end),
                                default=nxt.start)
                if not extra or not _ELLIPSIS.match(text[tail_from : nxt.end]):
                    break
                later += extra
                end = nxt.end
        else:
            m = _AS_DID.search(text, clause.start, clause.end)
            if m is None:
                continue
            listed = _state_list(parts, text, m.end(), False, m.end(), clause.end, world)
            rest_start = m.end()
        if not listed:
            continue
        names = {k for k, _ in listed + later}
        others = [k for k in (ref.counterparts or ref.actors)
                  if world.home(k) not in names and k not in names]
        if not others:
            continue
        if len(others) > 1 and not ref.counterparts:
            # "X and Y restored relations ... Z did the same": with the one the text is about
            others = [max(others, key=lambda k: world.total[world.home(k)])]
        rest = text[rest_start : clause.end]
        own = [d for d in dates if d.explicit and rest_start <= d.span.start < clause.end]
        date = own[0].date if own else None
        if date is None and ref.date is not None:
            if _SOON.match(rest) and ref.date.month is not None:
                date = PartialDate(ref.date.year, ref.date.month)
            elif _SAME_YEAR.match(rest) or (m.re is _AS_DID):
                date = ref.date if m.re is _AS_DID else PartialDate(ref.date.year)
        for group, d in ((listed, date), (later, PartialDate(date.year) if date else None)):
            for k, part in group:
                if k in ref.actors and date == ref.date:
                    continue
                # one evidence per state (an act's IRI comes from its evidence span)
                out.append(
                    Act(
                        ref.type,
                        _trim(text, Span(part.start, max(end, m.end()))),
                        sent.doc,
                        "pattern:did-the-same",
                        0.7,
                        actors=(k,),
                        counterparts=tuple(_dedupe(others)),
                        date=d,
                        trigger=Span(m.start(), m.end()),
                    )
                )
    return out


_JOINT = re.compile(
    r"^\W*JOINT\s+(?P<a>[A-Z][\w]+)-(?P<b>[A-Z][\w]+)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:STATEMENT|COMMUNIQU[EÉ]|DECLARATION)\b",
    re.I,
)


def _joint_heading_acts(a: Analysis, world: _World) -> list[Act]:
    """"JOINT SOVIET-AMERICAN STATEMENT": a public statement of both states the heading's
    adjective pair names."""
    acts = []
    auth = a.authority
    if auth is None:
        return acts
    for d in a.documents[1:]:
        if d.heading is None or d.author is not None or d.kind != "PressStatement":
            continue
        m = _JOINT.match(d.heading.of(a.text))
        if m is None:
            continue
        year = d.date.year if d.date else None
        states = [auth.lookup(m.group(g), kind="State", year=year) for g in ("a", "b")]
        if any(st is None for st in states) or states[0] == states[1]:
            continue
        acts.append(
            Act(
                "PublicStatement",
                d.heading,
                d.n,
                "document:joint-statement",
                0.9,
                actors=tuple(world._use(entity_key(st)) for st in states),
                date=d.date,
            )
        )
    return acts


def _valid(
    type_: str, actors: list[str], counter: list[str], place: str | None, group: bool = False
) -> bool:
    """Whether an act has the parties its type cannot do without; ``group`` marks a meeting
    with a group the text does not name one by one ("met Arab leaders")."""
    if type_ in RELATIONS:
        if type_ == "Recognition":
            return bool(_states(counter) or (actors and place == _GOVERNMENT)) and all(
                k.startswith("state/") for k in actors
            )
        return bool(actors or counter)
    if type_ == "Visit":
        return bool(actors) and bool(counter or place)
    if type_ == "Meeting":
        return bool(actors) and set(actors) != set(counter) and (bool(counter) or group)
    if type_ in ("Correspondence", "PublicStatement", "Vote", "ArmsTransfer", "Proposal"):
        return bool(actors)
    return bool(actors or counter)


_IRREGULAR_PAST = frozenset(
    [
        *("met", "broke", "cut", "sent", "held", "had", "made", "began", "spoke", "told"),
        *("wrote", "sold", "gave", "took", "came", "went", "flew", "became", "brought"),
        *("bought", "fought", "led", "left", "paid", "put", "read", "said", "saw", "set"),
        *("shut", "sought", "stood"),
    ]
)


def _present(word: str, verb: bool = False) -> bool:
    """A present-tense trigger word ("establish", "signs"); with ``verb``, any verb form
    that is not a past one counts ("Israel and China establish relations")."""
    w = word.split()[0].lower()
    if w in ("was", "has"):
        return False
    if (w.endswith("s") and not w.endswith("ss")) or w in ("resume", "restore", "renew"):
        return True
    return verb and not w.endswith(("ed", "ing")) and w not in _IRREGULAR_PAST


class _World:
    """What the whole text says about its states: which two it is mainly about, which
    state a place stood for in a given year.  Used to complete acts whose other party the
    text leaves implicit ("Relations were broken off by Moscow", "visited Moscow")."""

    def __init__(self, a: Analysis) -> None:
        self.auth = a.authority
        self.entities = {entity_key(e): e for e in a.entities}
        self.added: dict[str, Entity] = {}
        counts: dict[int, Counter[str]] = {}
        total: Counter[str] = Counter()
        doc_of = {}
        for sent in a.sentences:
            doc_of[sent.span.start] = sent.doc
        starts = sorted(doc_of)
        for m in a.mentions:
            if not m.entity or m.kind in ("Date", "Pronoun") or m.sense == "modifier":
                continue
            key = m.entity
            if key.startswith("person/"):
                e = self.entities.get(key)
                key = f"state/{e.represents}" if e is not None and e.represents else ""
            if not key.startswith("state/"):
                continue
            k = bisect.bisect_right(starts, m.span.start) - 1
            doc = doc_of[starts[k]] if k >= 0 else 0
            counts.setdefault(doc, Counter())[key] += 1
            total[key] += 1
        self.counts = counts
        self.total = total

    def _related(self, a: str, b: str) -> bool:
        """Successor and predecessor count as one party (Russia, the Soviet Union)."""
        ea, eb = self.entities.get(a), self.entities.get(b)
        return bool(
            (ea and ea.successor_of and f"state/{ea.successor_of}" == b)
            or (eb and eb.successor_of and f"state/{eb.successor_of}" == a)
        )

    def _alive(self, key: str, year: int | None) -> bool:
        if year is None or self.auth is None:
            return True
        try:
            start, end = self.auth.existence(key.removeprefix("state/"))
        except (KeyError, AttributeError):
            return True
        return (start is None or start <= year) and (end is None or year <= end)

    def principal(self, doc: int, year: int | None, exclude: tuple[str, ...] = ()) -> list[str]:
        """The states the text (the inner document, else the whole) is mainly about, most
        mentioned first, leaving out ``exclude`` and its predecessors and successors, and
        states that did not exist in ``year``; only a clear leader counts (more mentions
        than the next)."""
        for counter in (self.counts.get(doc), self.total) if doc else (self.total,):
            if not counter:
                continue
            ranked = [
                (k, c)
                for k, c in counter.most_common()
                if k not in exclude
                and not any(self._related(k, x) for x in exclude)
                and self._alive(k, year)
            ]
            # a predecessor and its successor are one party: keep the first
            merged: list[tuple[str, int]] = []
            for k, c in ranked:
                if not any(self._related(k, m) for m, _ in merged):
                    merged.append((k, c))
            if merged:
                return [k for k, _ in merged]
        return []

    def other(self, present: tuple[str, ...], doc: int, year: int | None) -> str | None:
        """The document's other principal state, if there is a clear one."""
        ranked = self.principal(doc, year)
        top = ranked[:2]
        if len(top) < 2 or not any(
            k in present or any(self._related(k, x) for x in present) for k in top
        ):
            return None
        rest = [
            k for k in top if k not in present and not any(self._related(k, x) for x in present)
        ]
        if len(rest) != 1:
            return None
        counter = self.counts.get(doc) or self.total
        if len(ranked) > 2 and counter[ranked[2]] >= counter[rest[0]]:
            return None  # no clear second party
        return self._use(rest[0])

    def pair(self, doc: int, year: int | None) -> tuple[str, ...]:
        """The two principal states, when they clearly stand out."""
        ranked = self.principal(doc, year)
        counter = self.counts.get(doc) or self.total
        if len(ranked) < 2 or (len(ranked) > 2 and counter[ranked[2]] >= counter[ranked[1]]):
            return ()
        return tuple(self._use(k) for k in ranked[:2])

    def state_of_place(self, place: str, year: int | None) -> str | None:
        """The state a place lay in: for a capital the state of that year (Moscow in 1953
        is the Soviet Union), else the place's country."""
        e = self.entities.get(place)
        if e is None:
            return None
        if self.auth is not None:
            s = self.auth.lookup(e.label, kind="State", year=year)
            if s is not None:
                key = entity_key(s)
                if key not in self.entities:
                    self.added[key] = s
                    self.entities[key] = s
                return key
        return self._use(f"state/{e.country}") if e.country else None

    def home(self, key: str) -> str:
        e = self.entities.get(key)
        if e is not None and e.kind == "Envoy" and e.represents:
            return f"state/{e.represents}"
        if e is not None and e.kind == "Place":
            return f"state/{e.country}" if e.country else key
        return key

    def _use(self, key: str) -> str:
        if key not in self.entities and self.auth is not None:
            try:
                e = self.auth.get("State", key.removeprefix("state/"))
            except KeyError:
                return key
            self.added[key] = e
            self.entities[key] = e
        return key


_PAST_TIME = re.compile(
    r"\b(?:last|previous|ago|earlier|formerly|once|years?|months?|weeks?|in\s+\d{4})\b", re.I
)
_FUTURE = re.compile(r"\b(?:will|shall|would)\b")
_OTHER_TIME = re.compile(
    r"\b(?:later|afterwards?|subsequently|eventually|since|until|once|formerly|previously|"
    r"then|ever|still|today|now|at\s+the\s+time|in\s+the\s+(?:past|end|future))\b",
    re.I,
)
_NEAR_DAY = re.compile(
    r"\b(?:(?:days|hours)\s+(?:before|after|later|earlier)|the\s+(?:following|next|previous)\s+"
    r"day|the\s+day\s+(?:before|after)|the\s+same\s+day|on\s+the\s+eve|the\s+ceremony)\b",
    re.I,
)
_ABROAD = re.compile(
    r"\bat\s+(?:the|his|her|its|their)\s+(?:[\w’'-]+\s+){0,2}?(?:mission|embassy|legation|"
    r"consulate|delegation|residence|hotel|headquarters)\b",
    re.I,
)
# a date after "since ..." or "until ..." dates that other event, not the trigger's
_BACKGROUND_CLAUSE = re.compile(r"\b(?:since|until|till|before|ever\s+since)\s+(?!\d)", re.I)
# a participle after a comma opens another event's phrase: "relations, broken off in 1967"
_OTHER_EVENT = re.compile(
    r",\s+(?:\w+ed|broken|cut|sent|held|made|begun|signed)\b|"
    # "restored relations, ending a rupture that began when X broke them off in 1967"
    r"\b(?:that|which)\s+(?:had\s+)?(?:began|begun|started)\b"
)
_HYPOTHETICAL = re.compile(
    r"that\s*,?\s+(?:had\b|if\b|(?:[\w’'-]+\s+){0,5}?(?:could|would|might|may)\b)"
)
# who speaks for a state when "said that" reports a position: "the Czechoslovak government"
_OFFICIALS = re.compile(
    r"\b(?:government|officials|spokes(?:man|woman|person)|authorities|ministry|leaders|"
    r"leadership|Kremlin)\s+(?:\w+\s+)?$",
    re.I,
)
_STATED = re.compile(
    r"\b(?:stated|said|says|claimed|reported|revealed|alleged)\b[^.;]*\bthat\b", re.I
)
_TRAVEL = re.compile(
    r"\b(?:flew|flown|came|went|gone|arrived|travel(?:l)?ed|visited|returned|journeyed)\b", re.I
)
_DURING_EVENT = re.compile(
    r"\b(?:during|after|following|at|on)\s+(?:that|the|this|his|her|its|their)\s+(?:\w+\s+)?"
    r"(?:visit|meeting|talks|trip|stay|arrival)\b",
    re.I,
)
_REPEATED = re.compile(
    r"\b(?:again|second|third|(?<!after\s)another|once\s+more|anew|re-?(?:newed|sumed|stored)|"
    r"first\s+met)\b",
    re.I,
)
#: a marker in the place slot: a recognition of a named government that is not a state
_GOVERNMENT = "<government>"
# "paid a visit to", "held talks with": the noun is the verb's object, the subject acts
_LIGHT_VERB = re.compile(
    r"\b(?:paid|pays|made|makes|began|completed|concluded|undertook|ended|held|holds|had)\s+"
    r"(?:an?\s+|his\s+|her\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
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
# "the twenty-fifth anniversary of the restoration of relations": an earlier event
_ANNIVERSARY = re.compile(
    r"\b(?P<n>[a-z]+(?:-[a-z]+)?|\d{1,3}(?:st|nd|rd|th))\s+anniversary\s+of\s+(?:the\s+)?$", re.I
)
_ORDINALS = {
    w: n
    for n, w in enumerate(
        [
            *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"),
            *("ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"),
            *("sixteenth", "seventeenth", "eighteenth", "nineteenth"),
        ],
        start=1,
    )
}
_TENS = dict(zip(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
                 range(20, 100, 10), strict=True))


def _ordinal(word: str) -> int | None:
    """"twenty-fifth" → 25, "40th" → 40, "tenth" → 10; None for anything else."""
    w = word.lower()
    if w[:-2].isdigit():
        return int(w[:-2])
    if w in _ORDINALS:
        return _ORDINALS[w]
    for tens, n in _TENS.items():
        if w == tens[:-1] + "ieth":
            return n
        if w.startswith(tens + "-") and w[len(tens) + 1 :] in _ORDINALS:
            return n + _ORDINALS[w[len(tens) + 1 :]]
    return None
_CLAUSE_SUBJECT = frozenset(
    [
        "statement-judged",
        "statement-expressed",
        "statement-quoted",
        "statement-spoke-of",
        "statement-answered",
        "statement-told-person",
        "statement-said-at",
    ]
)
_WEAK_STATEMENTS = frozenset(
    ["pattern:statement-verb", "pattern:statement-expressed", "pattern:statement-spoke-of"]
)
#: types whose repeated mention in one text is almost always the same event
_ONE_EVENT = RELATIONS | {"Visit", "Meeting", "Correspondence"}
_SYMMETRIC = RELATIONS - {"Recognition"} | {"Meeting", "Agreement"}
_HYPHEN_PAIR = re.compile(r"(?<![\w-])([A-Z][a-z]+)-([A-Z][a-z]+)\b")


def _hyphen_pair(text: str, start: int, end: int, mentions: list[Mention]) -> list[str]:
    """States named by an adjective pair such as "Czech-Egyptian" or "Israeli-Russian"."""
    states = [
        m
        for m in mentions
        if m.kind == "State" and m.entity and start <= m.span.start and m.span.end <= end
    ]
    for x, y in itertools.pairwise(states):
        if text[x.span.end : y.span.start] == "-" and x.entity != y.entity:
            return [x.entity, y.entity]
    return []


def _years(a: Analysis, sentences: list[Sentence]) -> list[int | None]:
    """The year in force at each sentence: its own first explicit date, else the last one
    of its document, else the document's date."""
    out: list[int | None] = []
    dates = sorted(
        (m for m in a.mentions if m.kind == "Date" and m.date and m.explicit),
        key=lambda m: m.span.start,
    )
    last: dict[int, int | None] = {}
    docs = {d.n: d for d in a.documents}
    i = 0
    for sent in sentences:
        doc = docs.get(sent.doc, a.documents[0] if a.documents else None)
        ref = (doc.date if doc else None) or a.date
        last.setdefault(sent.doc, ref.year if ref else None)
        own = None
        while i < len(dates) and dates[i].span.start < sent.span.end:
            if dates[i].span.start >= sent.span.start and own is None:
                own = dates[i].date.year
            i += 1
        if own is not None:
            last[sent.doc] = own
        out.append(own if own is not None else last[sent.doc])
    return out


def run(a: Analysis) -> Analysis:
    text = a.text
    by_sentence: dict[int, list[Mention]] = {}
    # photo captions are read like sentences of their own (a paragraph each)
    sentences = sorted(
        [*a.sentences, *(Sentence(c, 0, -1 - k) for k, c in enumerate(a.captions))],
        key=lambda x: x.span.start,
    )
    ms = sorted(a.mentions, key=lambda m: m.span.start)
    j = 0
    for i, sent in enumerate(sentences):
        while j < len(ms) and ms[j].span.start < sent.span.start:
            j += 1
        k = j
        while k < len(ms) and ms[k].span.start < sent.span.end:
            by_sentence.setdefault(i, []).append(ms[k])
            k += 1
    docs = {d.n: d for d in a.documents}
    world = _World(a)
    years = _years(a, sentences)
    acts: list[Act] = _heading_acts(a.documents) + _joint_heading_acts(a, world)
    seen_spans: set[tuple[str, int, int]] = {
        (x.type, x.evidence.start, x.evidence.end) for x in acts
    }
    prev_dates: list[Mention] = []
    prev: tuple[str, ...] = ()
    lead_paragraph = next((x.paragraph for x in a.sentences if x.lead), None)
    para_year: dict[int, int] = {}
    last_event: PartialDate | None = None
    para_date: dict[int, PartialDate] = {}  # the time each paragraph last said it tells of
    event_at: tuple[int, int] | None = None  # the document and paragraph of last_event
    near_day = {x.paragraph for x in sentences if _NEAR_DAY.search(text, x.span.start, x.span.end)}
    last_rel: tuple[int, Act] | None = None
    for i, sent in enumerate(sentences):
        mentions = by_sentence.get(i, [])
        dates = [m for m in mentions if m.kind == "Date" and m.date]
        parts = _parts(text, sent, mentions)
        clauses = _clauses(text, sent.span)
        year = years[i]
        parts = _capital_subjects(text, sent, parts, world, year)
        named = {world.home(k) for p in parts for k in p.keys}
        found: list[tuple[int, Act]] = []
        for pat in PATTERNS:
            for trig in pat.regex.finditer(text, sent.span.start, sent.span.end):
                clause = next((c for c in clauses if c.start <= trig.start() < c.end), sent.span)
                if pat.name != "statement-said-after" and _unreal(text, clause, trig, pat.form):
                    continue  # (after the words, "not" or "would" is in what was said)
                if pat.name == "statement-said-that" and trig.group(0).startswith(
                    ("said", "insisted")
                ) and not _OFFICIALS.search(text, max(clause.start, trig.start() - 40),
                                            trig.start()):
                    continue  # only a government's voice: "Russian officials said that ..."
                if pat.name == "statement-said-that" and _HYPOTHETICAL.match(text, trig.end()):
                    continue  # "officials said that an embassy could open": a guess, no position
                if pat.name == "agreement-agreed-to" and _STATED.search(
                    text[sent.span.start : trig.start()]
                ):
                    continue  # "a document which stated that X had agreed to provide ..."
                if pat.name == "meeting-purpose" and not _TRAVEL.search(
                    text[sent.span.start : trig.start()]
                ):
                    continue  # "flew to Cairo to press Sadat" only: a journey's purpose
                actors, counter, place = _roles(pat, text, clause, sent, trig, parts, prev)
                before_me = [x for p0, x in found if p0 < trig.start() and x.actors]
                if not actors and before_me and pat.form == "verb" and re.search(
                    r"\band\s+(?:then\s+|later\s+|also\s+)?$",
                    text[max(sent.span.start, trig.start() - 20) : trig.start()],
                ):
                    # "he travelled to X and held talks with Y": the same subject
                    last = max(before_me, key=lambda x: x.trigger.start if x.trigger else 0)
                    actors = list(last.actors)
                if pat.name == "statement-said-after":
                    actors, counter = _speaker(text, trig, parts, prev), []
                    if any(x.type == "PublicStatement" and set(actors) <= set(x.actors)
                           and 0 <= trig.start() - x.evidence.end <= _SAME_TALK
                           for x in acts):
                        continue  # more of what the speaker has just been said to say
                if pat.name == "proposal-offered" and re.match(
                    r"(?:off|sug|ask|req)", trig.group(0), re.I
                ):
                    # "X offered to ...", "X asked that the Soviet side ...": the subject
                    # proposes; its addressee is who the "that" clause asks to act
                    subj = [p for p in parts if clause.start <= p.start and p.end <= trig.start()
                            and p.prep not in _SUBJ_PREPS and not p.place]
                    pron = _CLAUSE_PRONOUN.search(text, clause.start, trig.start())
                    if subj:
                        actors = list(subj[-1].keys)
                    elif pron:  # "He offered to ...": whom "he" stands for, or nobody
                        actors = _antecedent(pron.group(1), prev)
                    else:
                        actors = []
                    asked = [p for p in parts if 0 <= p.start - trig.end() <= 14 and not p.place
                             and re.fullmatch(r"that\s+(?:the\s+)?", text[trig.end() : p.start])]
                    counter = [k for k in asked[0].keys if k not in actors] if asked else []
                if pat.name == "agreement-agreed-that" and len(_dedupe(actors + counter)) < 2:
                    continue  # "X agreed that ...": an opinion, unless two sides agree
                if pat.name == "meeting-we":
                    d = docs.get(sent.doc)
                    if d is None or not d.n or not d.author or not d.recipient:
                        continue
                    actors, counter = [d.author], [d.recipient]
                if pat.name == "visit-first-person":
                    d = docs.get(sent.doc)
                    if d is None or not d.n or not d.author:
                        continue
                    actors = [d.author]
                if pat.name in ("proposal-first-person", "meeting-our"):
                    # the writer of a letter speaks: he proposes to its recipient, "our
                    # conversation" was the sentence's subject's with him
                    d = docs.get(sent.doc)
                    if d is None or not d.n or not d.author:
                        continue
                    if pat.name == "proposal-first-person":
                        if not d.recipient:
                            continue
                        actors, counter = [d.author], [d.recipient]
                    else:
                        subj = [
                            p
                            for p in parts
                            if p.end <= trig.start()
                            and p.prep not in _PREPS
                            and p.keys[0].startswith("person/")
                            and p.keys[0] not in (d.author, d.recipient)
                        ]
                        if not subj:
                            continue
                        actors, counter = list(subj[0].keys), [d.author]
                if pat.name == "proposal-invitation-accepted":
                    # the inviter proposes, the one accepting is his counterpart
                    subj = [
                        p for p in parts
                        if clause.start <= p.start and p.end <= trig.start()
                        and p.prep not in _PREPS and not p.place
                    ]
                    if not actors or not subj:
                        continue
                    actors, counter = actors[:1], list(subj[-1].keys)
                if pat.name == "consular-consulate" and not counter:
                    # "opened a consulate in Bombay": with the state the city lies in
                    where = [p for p in parts if p.place and 0 <= p.start - trig.end() <= 8]
                    st = world.state_of_place(where[0].keys[0], year) if where else None
                    if st and st not in actors:
                        counter = [st]
                if pat.name == "letter-answered":
                    # only a reply to a letter the sentence has just told of
                    asked = [x for p0, x in found if x.type == "Correspondence"
                             and p0 < trig.start() and set(actors) & set(x.counterparts)]
                    if not asked:
                        continue
                    counter = list(asked[-1].actors)
                if pat.name == "letter-wrote-to" and not counter and re.match(
                    r"(?:tele)?phoned", trig.group(0), re.I
                ):
                    continue  # a call to no one the text names
                if pat.name == "visit-taken-to" and not actors:
                    # "a tour by the Soviet minister that has taken him to X": the traveller
                    by = [p for p in parts if trig.start() < p.start < trig.end()
                          and p.prep == "by" and not p.place]
                    actors = list(by[0].keys) if by else []
                if pat.name == "visit-here":
                    here = _here(a, world, year)
                    counter = [here] if here else []
                if pat.name == "visit-is-in" and not all(
                    k.startswith("person/") for k in actors
                ):
                    continue  # only a person stays somewhere on a visit
                if pat.type in ("Correspondence", "ArmsTransfer", "Recognition"):
                    # a note sent to London goes to the British government
                    counter = [
                        (world.state_of_place(k, year) or k) if k.startswith("place/") else k
                        for k in counter
                    ]
                if pat.type == "Agreement" and not (actors and counter):
                    pair = _hyphen_pair(
                        text, max(clause.start, trig.start() - 40), trig.end(), mentions
                    )
                    if pair:
                        actors = pair
                        counter = []
                if pat.name in ("meeting-receiving", "meeting-received-by"):
                    counter = [k for k in counter if k.startswith("person/")]
                if pat.type in RELATIONS:
                    actors, counter = _states(actors), _states(counter)
                if pat.type == "PublicStatement" and re.match(
                    r"\s+that\b", text[trig.end() : trig.end() + 6]
                ):
                    counter = []  # "announced that X agreed with Y": Y is not addressed
                date, penalty = _date(
                    text, sent, clause, trig, dates, prev_dates, pat.form == "passive"
                )
                if date is None:
                    date, penalty = _relative_date(text, clause, docs.get(sent.doc), a.date,
                                                   penalty)
                anniv = (
                    _ANNIVERSARY.search(text, max(sent.span.start, trig.start() - 40),
                                        trig.start())
                    if pat.form == "noun"
                    else None
                )
                if anniv is not None:
                    # the event is as many years before the date as the anniversary says;
                    # without both, no date can be told and no act is claimed
                    n = _ordinal(anniv.group("n"))
                    base = date or (PartialDate(year) if year else None)
                    if n is None or base is None:
                        continue
                    date, penalty = PartialDate(base.year - n), penalty + 0.1
                act_year = date.year if date else year
                if (
                    date is None
                    and last_event is not None
                    and _DURING_EVENT.search(
                        text[max(sent.span.start, trig.start() - 80) : clause.end]
                    )
                ):
                    date, penalty = last_event, 0.1  # "during that visit": the visit's date
                if date is None and para_year.get(sent.paragraph) is not None:
                    # the year the paragraph is telling of
                    date, penalty = PartialDate(para_year[sent.paragraph]), 0.1
                inner = docs.get(sent.doc)
                # a dated letter or record inside a collection dates what it says itself
                story = inner is None or not inner.n or inner.date is None
                if date is None and story and pat.type in _SAID and sent.paragraph in para_date:
                    # "In March 2006 X arrived ... Russian officials said that ...": said
                    # at the time the paragraph tells of
                    told = para_date[sent.paragraph]
                    date, penalty = PartialDate(told.year, told.month), 0.1
                if (date is None and story and pat.type in _SAID and last_event is not None
                        and event_at is not None and event_at[0] == sent.doc):
                    # "Soviet officials insisted that ...", told just after the visit it
                    # comments on: said at the time of that visit
                    date, penalty = PartialDate(last_event.year, last_event.month), 0.1
                unnamed = re.search(
                    r"\band\s+(?:the\s+)?(?-i:[A-Z][\w’'-]+)\s+$", text[clause.start : trig.start()]
                )
                if unnamed and not any(
                    p.end >= clause.start + unnamed.start() and p.end <= trig.start() for p in parts
                ):
                    # "Bonn and Cairo restored relations" with Cairo unknown: no party to add
                    pass
                else:
                    actors, counter, place = _implied(
                        pat,
                        actors,
                        counter,
                        place,
                        world,
                        sent.doc,
                        act_year,
                        named,
                        bool(re.match(r"\s+with\b", text[trig.end() : trig.end() + 6])),
                    )
                actors_t = _dedupe(actors)
                counter_t = tuple(k for k in _dedupe(counter) if k not in actors_t)
                if pat.type == "Proposal" and counter_t and all(
                    k.startswith("state/") for k in counter_t
                ) and any(k.startswith("person/") for k in actors_t) and {
                    world.home(k) for k in actors_t + counter_t
                } == {world.home(actors_t[0])}:
                    continue  # an envoy's advice to his own government: no diplomatic act
                if pat.type == "Meeting" and len(actors_t) >= 2 and not counter_t:
                    # "Israel and Egypt held talks": the two sides meet each other
                    actors_t, counter_t = actors_t[:1], actors_t[1:]
                if not _valid(
                    pat.type, list(actors_t), list(counter_t), place, pat.name == "meeting-group"
                ):
                    continue
                if pat.type in RELATIONS and pat.form == "verb" and not actors_t and not (
                    pat.type == "Recognition"
                    and re.search(r"\bthe\s+(?-i:[A-Z]{2,6})\s+$",
                                  text[clause.start : trig.start()])
                ):
                    # the subject is named, but as nothing the authority knows (an
                    # organisation's initials, "the PLO recognized Israel", still tell
                    # whom it recognized)
                    continue
                if place == _GOVERNMENT:
                    place = None
                if (
                    pat.name == "visit-verb"
                    and counter_t
                    and all(k.startswith("person/") for k in counter_t)
                ):
                    # "the Polish ambassador visited Avner": a call on a person is a meeting
                    act_type = "Meeting"
                else:
                    act_type = pat.type
                if act_type == "Visit":
                    dest = {world.home(k) for k in counter_t} | (
                        {world.home(place)} if place else set()
                    )
                    home = {world.home(k) for k in actors_t}
                    if dest & home:
                        continue  # a Russian "visiting" Moscow is no diplomatic visit
                doc = docs.get(sent.doc)
                # a present-tense act in a lead sentence or a letter happens on its date
                present = _present(trig.group(0), pat.form == "verb")
                if (
                    date is None
                    and doc is not None
                    and doc.date is not None
                    and present
                    and ((sent.lead and doc.n == 0) or (doc.n and pat.form == "verb"))
                ):
                    date, penalty = doc.date, 0.05
                if (
                    date is None
                    and doc is not None
                    and doc.n
                    and doc.date is not None
                    and doc.date.month is not None
                    and (doc.kind in ("PressStatement", "Memorandum")
                         or pat.name == "meeting-our")
                    and act_type not in RELATIONS
                    and not _PAST_TIME.search(text, sent.span.start, sent.span.end)
                ):
                    # a short document of a collection (a communiqué, a report) tells of
                    # the days it is dated in, unless it names another time
                    date, penalty = PartialDate(doc.date.year, doc.date.month), 0.1
                if (
                    date is None
                    and a.genre == "encyclopedia"
                    and sent.doc == 0
                    and sent.paragraph == lead_paragraph
                    and a.date is not None
                    and not dates
                    # "restore relations, 23 years after X broke them off": not that day
                    and not _PAST_TIME.search(text, sent.span.start, trig.end())
                ):
                    # an entry "on this day": its opening paragraph tells of that day
                    date, penalty = a.date, 0.1
                if (
                    date is None
                    and a.genre == "encyclopedia"
                    and sent.doc == 0
                    and a.date is not None
                    and a.date.day is not None
                    and not dates
                    and para_year.get(sent.paragraph) in (None, a.date.year)
                    and not _PAST_TIME.search(text, sent.span.start, sent.span.end)
                    and (sent.paragraph in near_day
                         or not _OTHER_TIME.search(text, sent.span.start, sent.span.end))
                ):
                    # the rest of such an entry tells of the days around that day ("days
                    # before the ceremony"), unless it says it moves on ("later"): its month
                    date, penalty = PartialDate(a.date.year, a.date.month), 0.15
                conf = pat.confidence - penalty
                if not (actors_t and (counter_t or place)):
                    conf -= 0.1
                act = Act(
                    act_type,
                    sent.span,
                    sent.doc,
                    f"pattern:{pat.name}",
                    round(max(0.3, conf), 2),
                    actors=actors_t,
                    counterparts=counter_t,
                    date=date,
                    place=place,
                    trigger=Span(trig.start(), trig.end()),
                )
                if act_type == "Visit" and (place or counter_t):
                    # "visited Damascus and Amman": a visit to each
                    home = {world.home(k) for k in actors_t}
                    for q in _more_destinations(text, parts, trig.end(), clause.end):
                        k = q.keys[0]
                        st = world.state_of_place(k, act_year) if q.place else k
                        if (st and st.startswith("state/") and st not in counter_t
                                and world.home(st) not in home):
                            found.append((q.start, replace(
                                act, counterparts=(st,), place=k if q.place else None,
                                evidence=Span(trig.start(), q.end))))
                if act_type == "Meeting" and len(counter_t) >= 2 and re.search(
                    r"\bseparately\b|\band\s+with\b", text[trig.start() : clause.end]
                ):
                    # "conferred separately with X and with Y": one meeting with each
                    for k in counter_t:
                        at = next((p for p in parts if k in p.keys and p.start >= trig.start()),
                                  None)
                        if at is not None:
                            found.append((at.start, replace(
                                act, counterparts=(k,),
                                evidence=Span(trig.start(), at.end))))
                    continue
                if pat.name == "statement-speech-by":
                    for k, part in _listed_after(text, parts, trig.end(), clause.end)[1:]:
                        found.append((part.start, replace(
                            act, actors=(k,), evidence=Span(trig.start(), part.end))))
                found.append((trig.start(), act))
                for again in _gapped(text, sent, dates, act):
                    found.append((again.trigger.start, again))
                if pat.name in ("meeting-receiving", "meeting-received-by") and not (
                    _ABROAD.search(text, trig.end(), clause.end)
                ):
                    # receiving a visitor: the visitor visits the host's state (or the place's)
                    # (not at the host's mission or hotel abroad: no journey is told)
                    host = world.state_of_place(place, act_year) if place else None
                    host = host or (world.home(actors_t[0]) if actors_t else None)
                    guests = tuple(k for k in counter_t if world.home(k) != host)
                    if host and host.startswith("state/") and guests:
                        found.append(
                            (
                                trig.start() + 1,
                                replace(
                                    act,
                                    type="Visit",
                                    method="pattern:visit-received",
                                    actors=guests,
                                    counterparts=(host,),
                                ),
                            )
                        )
        # prefer the most specific: a statement announcing another act is that act
        # ("X announced the restoration of relations", "the resumption ... was announced",
        # "in its note of May 2 it expressed its regret": the note is the act)
        others = [(p, x.type) for p, x in found if x.type != "PublicStatement"]
        found = [
            (p, x)
            for p, x in found
            if not (
                x.method in _WEAK_STATEMENTS
                and not (
                    # "X announced that Egypt had concluded a deal": a statement of its own,
                    # unless what it announces is a change of relations or a letter
                    x.trigger is not None
                    and re.match(r"\s+that\b", text[x.trigger.end : x.trigger.end + 6])
                    and all(t not in RELATIONS and t != "Correspondence" for _, t in others)
                )
                and any(
                    0 <= o - p <= 60
                    or ((t in RELATIONS or t == "Correspondence") and -120 <= o - p <= 60)
                    for o, t in others
                )
            )
        ]
        found.sort(key=lambda t: t[0])
        ref_rel = [x for _, x in found if x.type in RELATIONS] or (
            [last_rel[1]]
            if last_rel is not None
            and last_rel[0] == i - 1
            and sentences[last_rel[0]].paragraph == sent.paragraph
            else []
        )
        if ref_rel:
            found = [(pos, _decision(text, x, ref_rel[-1], world)) for pos, x in found]
        for pos, act in found:
            key = (act.type, act.evidence.start, act.evidence.end)
            if key in seen_spans:
                clause = next((c for c in clauses if c.start <= pos < c.end), None)
                if clause is None:
                    continue
                act = replace(act, evidence=_trim(text, clause))
                key = (act.type, act.evidence.start, act.evidence.end)
                if key in seen_spans:
                    continue
            seen_spans.add(key)
            acts.append(act)
        same: list[Act] = []
        if (
            last_rel is not None
            and last_rel[0] >= i - 1
            and sentences[last_rel[0]].paragraph == sent.paragraph
        ):
            ref = next((x for _, x in reversed(found) if x.type in RELATIONS), last_rel[1])
            same = _same_acts(text, sent, clauses, parts, dates, ref, world)
            for x in same:
                found.append((x.trigger.start if x.trigger else x.evidence.start, x))
                acts.append(x)
        elif found and any(x.type in RELATIONS for _, x in found):
            ref = next(x for _, x in reversed(found) if x.type in RELATIONS)
            same = _same_acts(text, sent, clauses, parts, dates, ref, world)
            for x in same:
                found.append((x.trigger.start if x.trigger else x.evidence.start, x))
                acts.append(x)
        if not found and not same and last_rel is not None and last_rel[0] == i - 1:
            follow = _followed(text, sent, parts, dates, last_rel[1], world)
            if follow is not None:
                found.append((follow.evidence.start, follow))
                acts.append(follow)
        rel = [x for _, x in found if x.type in RELATIONS]
        if rel:
            last_rel = (i, rel[-1])
        prev_dates = dates
        for _, x in found:
            if x.type in ("Visit", "Meeting") and x.date is not None:
                last_event = x.date
                event_at = (sent.doc, sent.paragraph)
        told_at = [  # a month named: the time of a story (a bare year may be background)
            d for d in dates
            if d.explicit and d.date.month is not None
            and not re.search(r"\b(?:since|until|till|before|after)\s+(?:\w+\s+)?$",
                              text[max(0, d.span.start - 16) : d.span.start])
        ]
        if told_at:
            para_date[sent.paragraph] = told_at[0].date
        if last_event is not None and any(
            d.explicit and d.date.year != last_event.year for d in dates
        ) and not any(x.type in ("Visit", "Meeting") for _, x in found):
            event_at = None  # the story has moved to another time
        opening = [d for d in dates if d.span.start - sent.span.start <= 40]
        if opening:  # "In 2017, ...", "An example is X in 2017": the paragraph's year now
            para_year[sent.paragraph] = opening[-1].date.year
        elif dates:
            para_year.pop(sent.paragraph, None)
        mine = [x for _, x in found]
        subjects = [
            k for p in parts if (p.prep not in _PREPS or p.prep == "and") and not p.place
            for k in p.keys
        ]
        prev = tuple(_dedupe([k for x in mine for k in x.actors] + subjects))
    acts = _replies(acts)
    acts = _during_meetings(acts)
    # "speeches by X, Y and Z" sums up what the text then tells speaker by speaker
    acts = [
        x for x in acts
        if not (x.method == "pattern:statement-speech-by" and any(
            y.type == "PublicStatement" and y.actors == x.actors and y is not x
            and y.method != x.method and 0 < y.evidence.start - x.evidence.start <= 1500
            and _compatible(x.date, y.date)
            for y in acts
        ))
    ]
    told = {(x.actors, x.counterparts) for x in acts if x.type == "Visit"
            and x.method != "pattern:visit-received"}
    # a reception implies a visit only when the text does not tell of the visit itself
    acts = [x for x in acts if not (x.method == "pattern:visit-received"
                                     and (x.actors, x.counterparts) in told)]
    acts = _capitals_by_date(a, acts, sentences, years, world)
    entities = a.entities + tuple(
        e for k, e in sorted(world.added.items()) if k not in {entity_key(x) for x in a.entities}
    )
    return replace(a, acts=tuple(_merge(text, acts)), entities=entities)


def _capitals_by_date(
    a: Analysis, acts: list[Act], sentences: list[Sentence], years: list[int | None],
    world: _World,
) -> list[Act]:
    """A capital standing for its state names the state of the act's year: "Moscow broke
    off relations in 1967" is the Soviet Union even in a text written in 1990.  The year
    is the act's own date, else its sentence's, else the latest year the text names."""
    if a.authority is None:
        return acts
    capitals = sorted(
        (m for m in a.mentions if m.kind == "State" and m.sense == "government" and m.entity),
        key=lambda m: m.span.start,
    )
    if not capitals:
        return acts
    starts = [x.span.start for x in sentences]
    named = [m.date.year for m in a.mentions if m.kind == "Date" and m.date and m.explicit]
    latest = max(named) if named else None
    out = []
    for act in acts:
        if act.date is not None:
            year = act.date.year
        else:
            k = bisect.bisect_right(starts, act.evidence.start) - 1
            year = years[k] if k >= 0 else None
            year = latest if year is None else year
        if year is None:
            out.append(act)
            continue
        swap: dict[str, str] = {}
        lo = bisect.bisect_left([m.span.start for m in capitals], act.evidence.start)
        for m in capitals[lo:]:
            if m.span.start >= act.evidence.end:
                break
            if m.entity not in act.participants or m.entity in swap:
                continue
            st = a.authority.lookup(m.surface, kind="State", year=year)
            if st is None or entity_key(st) == m.entity:
                continue
            new = entity_key(st)
            if new not in world.entities:
                world.added[new] = st
                world.entities[new] = st
            swap[m.entity] = new
        if swap:
            act = replace(
                act,
                actors=_dedupe([swap.get(k, k) for k in act.actors]),
                counterparts=_dedupe([swap.get(k, k) for k in act.counterparts]),
            )
        out.append(act)
    return out


# a verb right after a place name: the place is the subject, its government acts
_VERB_AFTER = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|broke|cut|sent|held|made|began|told|gave|took|signed|"
    r"met|sold|paid|left|said|had|has|was|is|recogni[sz]es|restores|resumes)\b"
)


def _here(a: Analysis, world: _World, year: int | None) -> str | None:
    """The state "here" is in a news report: its dateline's, else the one it is mainly about."""
    auth = a.authority
    if a.dateline is not None and auth is not None:
        words = a.dateline.of(a.text).split(",")[0].strip()
        st = auth.lookup(words, kind="State", year=year)
        if st is None:
            place = auth.lookup(words, kind="Place")
            st = auth.get("State", place.country) if place and place.country else None
        return world._use(entity_key(st)) if st is not None else None
    if a.genre != "news":
        return None
    ranked = world.principal(0, year)
    counts = world.total
    if ranked and (len(ranked) == 1 or counts[ranked[0]] > counts[ranked[1]]):
        return world._use(ranked[0])
    return None


_HIS_GOVERNMENT = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:government|administration|cabinet|regime)\b", re.I
)
_OPENERS = frozenset(
    ["but", "and", "then", "when", "after", "yet", "so", "later", "meanwhile", "soon", "also",
     "thus", "finally", "eventually", "today", "since", "before", "now", "still", "instead"]
)


def _capital_subjects(
    text: str, sent: Sentence, parts: list[_Part], world: _World, year: int | None
) -> list[_Part]:
    """"Prague broke off relations": a city as the subject of a verb stands for the
    government of the state it lay in that year (not a name it is part of: "Radio X")."""
    out = []
    for p in parts:
        named = re.search(r"\b([A-Z][\w’'-]*)\s+$", text[sent.span.start : p.start])
        if (
            p.place
            and not (named and named.group(1).lower() not in _OPENERS)
            and p.prep not in _PREPS
            and len(p.keys) == 1
            and _VERB_AFTER.match(text, p.end)
            and (st := world.state_of_place(p.keys[0], year)) is not None
        ):
            p = replace(p, keys=(st,), place=False)
        elif (
            p.possessive
            and len(p.keys) == 1
            and p.keys[0].startswith("person/")
            and _HIS_GOVERNMENT.match(text, p.end)
            and world.home(p.keys[0]).startswith("state/")
        ):
            # "Nehru's government recognized": the government of the state he led
            p = replace(p, keys=(world.home(p.keys[0]),), possessive=False)
        out.append(p)
    return out


def _implied(
    pat: Pattern,
    actors: list[str],
    counter: list[str],
    place: str | None,
    world: _World,
    doc: int,
    year: int | None,
    named: set[str] = frozenset(),
    with_phrase: bool = False,
) -> tuple[list[str], list[str], str | None]:
    """Fill in a party the text implies but does not name; ``named`` are the states the
    sentence names (directly or through an envoy)."""
    actors, counter = list(actors), list(counter)
    if pat.type == "Visit" and place and not counter:
        # "visited Moscow": the visit is to the state the city then lay in
        st = world.state_of_place(place, year)
        if st:
            counter.append(st)
    elif pat.type in RELATIONS and pat.type != "Recognition":
        present = tuple(_dedupe(actors + counter))
        if len(present) == 1 and (actors or pat.form != "verb"):
            # "Relations were broken off by Moscow": with the text's other principal state
            # (not when a subject the text names but no state matches stands there:
            # "several Arab states broke off relations with Bonn")
            other = world.other(present, doc, year)
            if other:
                (counter if actors else actors).append(other)
        elif not present:
            # "normal relations, which were interrupted": between the two the sentence names
            pair = world.pair(doc, year)
            if pair and all(k in named for k in pair):
                actors += pair
    elif pat.type == "Agreement":
        present = tuple(_dedupe(actors + counter))
        if not present and (pat.form == "passive" or pat.name == "agreement-of-date") and not (
            with_phrase
        ):
            # "an agreement was signed in 2008" in a text about two states' relations
            actors += world.pair(doc, year)
        elif len(present) == 1:
            # "X signed the agreement": with the text's other principal state
            home = world.home(present[0])
            other = world.other((home,), doc, year) if home.startswith("state/") else None
            if other:
                counter.append(other)
    elif (
        pat.type == "Correspondence"
        and len(actors) == 1
        and not counter
        and actors[0].startswith("state/")
    ):
        # a government's note with no addressee: to the other principal state
        other = world.other(tuple(actors), doc, year)
        if other:
            counter.append(other)
    return actors, counter, place


def _during_meetings(acts: list[Act]) -> list[Act]:
    """An undated (or only yearly dated) word from one person to another the text has just
    shown meeting him ("held talks with Sharon ... Sharon told Putin that") was said at that
    meeting."""
    out = list(acts)
    met: list[tuple[int, frozenset[str], PartialDate]] = []
    for i in sorted(range(len(acts)), key=lambda i: acts[i].evidence.start):
        x = acts[i]
        pair = frozenset(k for k in x.participants if k.startswith("person/"))
        if x.type == "Meeting" and x.date is not None and len(pair) >= 2:
            met.append((x.evidence.start, pair, x.date))
        elif x.type == "PublicStatement" and x.actors and x.counterparts and len(pair) == 2:
            before = [d for s, p, d in met if s < x.evidence.start and pair <= p]
            if before and (
                x.date is None
                or (_precision(x.date) < _precision(before[-1]) and _compatible(x.date, before[-1]))
            ):
                conf = round(max(0.3, x.confidence - 0.1), 2)
                out[i] = replace(x, date=before[-1], confidence=conf)
    return out


def _replies(acts: list[Act]) -> list[Act]:
    """A letter with no addressee, in a text where someone wrote to its author, answers
    that writer ("Sharett wrote to Molotov ... Molotov's letter of July 15")."""
    wrote_to: dict[str, str] = {}
    for x in acts:
        if x.type == "Correspondence" and len(x.actors) == 1 and len(x.counterparts) == 1:
            wrote_to.setdefault(x.counterparts[0], x.actors[0])
    out = []
    for x in acts:
        if (
            x.type == "Correspondence"
            and len(x.actors) == 1
            and not x.counterparts
            and x.method.startswith("pattern:")  # a document's heading says whom it is to
        ):
            writer = wrote_to.get(x.actors[0])
            if writer is None:
                # and a letter of someone who was written to answers back
                back = {v: k for k, v in wrote_to.items()}
                writer = back.get(x.actors[0])
            if writer is not None and writer != x.actors[0]:
                x = replace(x, counterparts=(writer,))
        out.append(x)
    return out


def _trim(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and text[s] in " ,":
        s += 1
    while e > s and text[e - 1] in " ,":
        e -= 1
    return Span(s, e)


def _parties_key(x: Act) -> tuple:
    if x.type in _SYMMETRIC:
        return (x.type, frozenset(x.participants))
    return (x.type, x.actors, x.counterparts)


def _compatible(a: PartialDate | None, b: PartialDate | None) -> bool:
    if a is None or b is None:
        return True
    return str(a) == str(b) or str(a).startswith(f"{b}-") or str(b).startswith(f"{a}-")


def _precision(d: PartialDate | None) -> int:
    return 0 if d is None else 1 + (d.month is not None) + (d.day is not None)


def _merge(text: str, acts: list[Act]) -> list[Act]:
    """Drop repeats.  In one sentence, the same act (type, parties, a compatible date) found
    twice is one act.  Across the text, an event-like act (relations, visits, meetings,
    letters) with the same parties and a compatible date is the same event mentioned again,
    unless its sentence says it happened again ("a second time"); the most precisely dated
    mention is kept."""
    kept: list[Act] = []
    for x in sorted(acts, key=lambda x: -_precision(x.date)):
        twin = None
        for i, y in enumerate(kept):
            if _parties_key(x) != _parties_key(y) or not _compatible(x.date, y.date):
                continue
            same_sentence = x.evidence.start < y.evidence.end and y.evidence.start < x.evidence.end
            if same_sentence:
                twin = i
                break
            around = (
                text[max(x.evidence.start, x.trigger.start - 40) : x.trigger.end + 60]
                if x.trigger
                else x.evidence.of(text)
            )
            same_day = x.date is not None and x.date.day is not None and x.date == y.date
            if (x.type in _ONE_EVENT or same_day) and not _REPEATED.search(around):
                if y.method.startswith("document:") and y.doc == x.doc and x.doc:
                    continue  # a letter that mentions another letter is not that letter
                twin = i
                break
        if twin is None:
            kept.append(x)
    order = {id(x): n for n, x in enumerate(acts)}
    return sorted(kept, key=lambda x: order[id(x)])


STAGE = Stage(
    name="acts",
    needs=("text", "sentences", "captions", "mentions", "documents", "entities", "authority"),
    sets=("acts", "entities"),
    run=run,
)
