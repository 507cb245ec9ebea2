"""The trigger patterns: one for each way the texts tell of an act ("severed diplomatic
relations", "X's visit to Y"), with its act type, its form ("verb", "noun", "passive") and a
base confidence; and the act types that are changes of relations.

Kept apart because they are data, read by every other step.  ``PATTERNS`` is in reading
order, mostly grouped by act type: a pattern may rely on the acts the ones before it found
in the same sentence ("letter-answered" comes last), so the order is not to be changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# what an arms transfer moves
_WEAPONS = (
    r"(?:arms|weapons?|weaponry|tanks|jets|fighter\s+jets|aircraft|missiles|ammunition|drones|"
    r"rifles|munitions|mortars|unmanned\s+aerial\s+vehicles|UAVs|fighters|bombers|helicopters|"
    r"warships|submarines|artillery|military\s+equipment|(?:missile\s+)?batteries|launchers|"
    r"(?:air-defen[cs]e|missile|anti-aircraft|rocket|weapons?|radar)\s+systems)"
)
# the words of a weapon's description ("96 TOW anti-tank"), not of another phrase
_ARMS_GAP = (
    r"(?:(?!(?:to|from|for|in|at|on|by|and|or|were|was|are|is|that|which)\b)[\w-]+\s+){0,4}?"
)
_REL = (
    r"(?:(?:full|formal|normal|official|its|their|the|diplomatic|all|harmonious|and)\s+){0,4}"
    r"(?:relations|ties|relationship)"
)
_DREL = r"(?:(?:full|formal|normal|official|its|their|the)\s+){0,3}diplomatic\s+(?:relations|ties)"


# the words that make a statement a state's own voice: "a spokesman for the government said",
# "the Foreign Ministry said" (read by the guards and by the speaker after the words)
OFFICIAL_VOICE = r"spokes(?:man|woman|person)|ministry|government|embassy|legation"


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
        rf"cuts\s+off|cut|ruptured|suspended|broke)\s+{_REL}",
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
        rf"\bestablish(?:ed|es)?\s+{_REL}",
    ),
    # "Sudan and Israel have agreed to normalize relations": relations where there were
    # none (the stage makes it a resumption when the text told of their severance)
    _p(
        "establishment-normalize",
        "EstablishmentOfRelations",
        "verb",
        rf"\bnormali[sz](?:ed|es|e)\s+{_REL}",
        0.7,
    ),
    # "Israel and Egypt exchanged ambassadors in February 1980"
    _p(
        "establishment-exchanged",
        "EstablishmentOfRelations",
        "verb",
        r"\bexchanged\s+(?:their\s+first\s+|resident\s+)?(?:ambassadors|envoys|diplomats|"
        r"legations|embassies)\b",
        0.7,
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
    # "recognized the independence of Kazakhstan": the state is the object
    _p("recognition-verb", "Recognition", "verb",
       r"\brecogni[sz](?:ed|es|e)\b(?:\s+the\s+(?:independence|sovereignty)\s+of\b)?"),
    # not "non-recognition of", nor "recognition of Jerusalem as Israel's capital" (a city's
    # status, not a state's recognition)
    _p("recognition-noun", "Recognition", "noun",
       r"(?<!non-)\brecognition\s+of\b(?!\s+(?:(?:the|West|East)\s+)?(?-i:[A-Z])[\w’'-]*\s+as\b)",
       0.8),
    _p(
        "recognition-granted",
        "Recognition",
        "verb",
        r"\b(?:grant(?:ed|s)?|extend(?:ed|s)?|accord(?:ed|s)?)\s+(?:(?:de\s+jure|de\s+facto|full|"
        r"formal|official)\s+)*recognition\s+to\s+|"
        # "granted Israel de facto recognition": the state between verb and noun
        r"\b(?:grant(?:ed|s)?|extend(?:ed|s)?|accord(?:ed|s)?)\s+(?=(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])"
        r"[\w’'-]+)?\s+(?:(?:de\s+jure|de\s+facto|full|formal|official)\s+)*recognition\b)",
        0.85,
    ),
    _p("visit-verb", "Visit", "verb", r"\bvisit(?:ed|s)?\s+(?!to\b|of\b|by\b)"),
    _p(
        "visit-noun",
        "Visit",
        "noun",
        # "his visit to Moscow", "on a one-day trip to Moscow", "a state visit to Israel"
        r"\bvisits?\s+to\s+|\b(?:trip|journey|tour)\s+to\s+(?=(?-i:[A-Z]))|"
        # "Khrushchev's tour of the United States"
        r"\btour\s+of\s+(?=(?:the\s+)?(?-i:[A-Z]))|"
        # "paid him a visit in Romania"
        r"\bvisit\s+in\s+(?=(?-i:[A-Z]))|"
        # "made the first visit by an Israeli prime minister to India"
        r"\bvisit\s+by\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?to\s+(?=(?-i:[A-Z]))|"
        # "the visit of Israeli President Chaim Herzog to China"
        r"\bvisit\s+of\s+(?:[\w.’'-]+\s+){1,6}?to\s+(?=(?-i:[A-Z]))",
        0.85,
    ),
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
        r"travels|went|journeyed|flying|travel(?:l)?ing|rushed|hurried|came\s+back|sailed|"
        r"followed\s+(?:him|her|them))\s+"
        r"(?:[a-z]+ly\s+)?(?:by\s+(?:air|helicopter|plane|train|car|sea)\s+)?(?:on\s+)?to|"
        r"left\s+for|landed\s+(?:[a-z]+\s+)?(?:at|in)|slipped\s+into|"
        # "toured the Soviet Union", "toured Israel": a journey through a state
        r"toured(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
        r"set\s+foot\s+(?:on\s+\w+\s+soil\s+in|in|on)|"
        # "reached Moscow by way of Prague", "made a stopover in Israel"
        r"reached(?=\s+(?-i:[A-Z]))|(?:made\s+an?\s+|on\s+an?\s+)?stop(?:over|ped\s+over)\s+in|"
        r"touched\s+down\s+(?:at|in)|crossed\s+(?:in)?to|"
        # "spent four days in Cairo"
        r"spent\s+(?:[\w-]+\s+){1,2}?(?:days?|weeks?|nights?)\s+in|"
        # "led a trade delegation to Beijing"
        r"(?:led|headed)\s+(?:an?\s+|the\s+|his\s+|its\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:delegation|mission)\s+to)\s+",
        0.8,
    ),
    _p(
        "visit-taken-to",
        "Visit",
        "verb",
        # "his tour, which has already taken him to Damascus": the traveller's journey
        r"\b(?:trip|tour|journey)\b[^;:]{0,100}?\b(?:(?:has|had|have)\s+"
        r"(?:already\s+|also\s+)?taken|took)\s+(?:him|her|them)\s+to\s+",
        0.7,
    ),
    _p(
        "meeting-verb",
        "Meeting",
        "verb",
        r"\b(?:met|meets|meet)\s+(?:with\s+)?|"
        # "discussed the emigration issue with Andrei Gromyko"
        r"\bdiscussed\s+(?:[\w’'-]+\s+){1,6}?with\s+(?=(?:the\s+)?(?-i:[A-Z]))|"
        # "the two leaders spoke by telephone": a conversation
        r"\b(?:spoke|talked|exchanged\s+views)\s+(?:again\s+)?(?:by\s+(?:tele)?phone|"
        r"on\s+the\s+(?:tele)?phone)\b"
        r"(?:\s+with\s+)?|"
        # "Netanyahu telephoned Putin": a conversation too, if not face to face
        r"\b(?:telephoned|phoned|rang)\s+(?=(?:the\s+)?(?-i:[A-Z]))|"
        r"\b(?:telephone|phone)\s+(?:call|conversation)\s+(?:with|between|among)\s+|"
        r"\bsat\s+down\s+(?:together\s+)?(?:(?:here|there|today|again|yesterday)\s+){0,3}(?:with\s+|"
        r"(?=for\s+(?:\w+\s+){0,4}?(?:talks|conversation|meeting)\b))|"
        r"\bpaid\s+(?:an?\s+)?(?:courtesy\s+|formal\s+|brief\s+|farewell\s+)?call\s+on\s+|"
        # "conferred for an hour and a quarter last night with X"
        r"\b(?:spoke|speaks|talked|conferred|conferring)\s+"
        r"(?:(?!(?:about|of|on|to|by)\b)[\w-]+\s+){0,9}?"
        r"with\s+|"
        # "Shevardnadze and Peres conferred in New York": the two subjects talked
        r"\bconferred\b(?!\s+(?:(?!(?:about|of|on|to|by)\b)[\w-]+\s+){0,9}?with\b)|"
        # "called on Foreign Minister Antoine Pinay": a call on an office holder
        r"\bcalled\s+on\s+(?=(?:the\s+)?(?-i:(?:[A-Z][a-z]+\s+){0,2}(?:Foreign\s+Minister|"
        r"Prime\s+Minister|Minister|Premier|President|Chancellor|King|Queen|Secretary|Ambassador|"
        r"Pope|Emperor|Shah|Sultan|Emir)\b))|"
        # "called on Walter Eytan, the Director General": a call on a named person (not
        # "called on X to withdraw": an appeal)
        r"\bcalled\s+on\s+(?=(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)\b(?![^.;]{0,50}?\bto\s+(?-i:[a-z])))|"
        # "gave a dinner for Putin", "hosted a luncheon in honour of X"
        r"\b(?:gave|hosted|held|threw|offered)\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:dinner|luncheon|lunch|"
        r"banquet|reception|breakfast)\s+(?:for|in\s+honou?r\s+of)\s+|"
        r"\bgreeted\s+(?=(?:the\s+|his\s+|her\s+)?(?-i:[A-Z]))|"
        # "Adenauer and de Gaulle talked alone for two hours": the two subjects talked
        r"\btalked\s+(?=(?:alone|privately|at\s+length|for\s+(?:more\s+than\s+)?(?:an?|\w+)\s+"
        r"(?:hours?|minutes)|late\s+into)\b)|"
        # "saw Putin briefly", "dined with Netanyahu", "spent three hours with Putin",
        # "..., meeting Netanyahu and Rivlin", "took Abba Eban aside for a private talk"
        r"\bsaw\s+(?=(?:President\s+|Prime\s+Minister\s+|Mr\.\s+)?(?-i:[A-Z][a-z]))|"
        r"\b(?:dined|dining|lunched|breakfasted)\s+with\s+|"
        r"\bspent\s+(?:[\w-]+\s+){1,3}?(?:hours?|minutes|days?|the\s+evening|the\s+afternoon)\s+"
        r"(?:(?:closeted|pleading|negotiating|talking|conferring|alone)\s+)?with\s+|"
        r"(?<=,\s)meeting\s+(?=(?-i:[A-Z]))|"
        r"\btook\s+(?=(?-i:[A-Z])[\w-]+(?:\s+(?-i:[A-Z])[\w-]+){0,2}\s+aside\b)",
    ),
    _p(
        "meeting-exchanged",
        "Meeting",
        "verb",
        r"\bexchanged\s+(?:only\s+|just\s+)?(?:a\s+few\s+|brief\s+|some\s+)?"
        r"(?:words|greetings|views|pleasantries)\b",
        0.7,
    ),
    _p(
        "meeting-noun",
        "Meeting",
        "noun",
        r"\b(?:meeting|talks|conversations?|consultations|session|encounter)\s+"
        r"(?:with|between|of(?=\s+[^.;]{1,60}?\b(?:and|with)\b))\s+",
        0.85,
    ),
    _p(
        "meeting-held",
        "Meeting",
        "verb",
        r"\b(?:held|had|conducted|began|opened)\s+(?!(?:annual|regular|periodic|frequent|routine)\b)"
        r"(?:\w+\s+){0,5}?(?:talks|negotiations|consultations|a\s+meeting)\b(?:\s+with\s+)?",
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
        # "cabled Molotov", "answered Bulganin in a letter of 8 November": to the person
        r"\b(?:cabled|telegraphed|wired)\s+(?=(?-i:[A-Z]))|"
        r"\b(?:answered|replied\s+to)\s+(?=(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+){0,3}\s+"
        r"(?:in|by)\s+(?:a|an|his|her|its)\s+(?:[\w-]+\s+)?(?:letter|note|message|telegram|cable)\b)|"
        # "Barak informed Beijing that ...": word sent to a named party
        r"\binformed\s+(?=(?:the\s+)?(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+){0,3}\s+"
        r"that\b)",
    ),
    _p(
        "letter-sent",
        "Correspondence",
        "verb",
        r"\b(?:sen[dt]s?\s+(?:[\w.’'-]+\s+){0,5}?|"
        # "handed Mr. Eban a note"; not "handed me your letter" (someone else's)
        r"(?:hand(?:ed|s)|deliver(?:ed|s)|transmit(?:ted|s)|dispatch(?:ed|es))\s+"
        r"(?:(?!(?:your|his|her|their|my|our)\b)[\w.-]+\s+){0,5}?)"
        r"(?:letter|message|note|telegram|cable|invitation|memorandum|aide-m[ée]moire|"
        r"ultimatum)s?\b|"
        # "presented Egypt with an ultimatum"
        r"\bpresented\s+(?:[\w.’'-]+\s+){1,4}?with\s+(?:an?\s+)?(?:[\w-]+\s+)?"
        r"(?:note|memorandum|ultimatum|letter|message)\b"
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
        r"\b(?:issued|released|made|published)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?"
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
        r"\bagreed\s+(?:(?:in|on)\s+(?:\w+\s+){1,3}?)?to\s+(?:lend|supply|provide|sell|deliver|"
        r"finance|build|grant|buy|purchase|abolish|waive|lift|set\s+up|create)\b",
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
        # "X and Y agreed to set up a hotline": two parties bind themselves (the stage
        # drops it with fewer than two)
        r"\bagreed\s+(?:that|on|upon)\b|\bagreed\s+to\s+(?=(?:set\s+up|establish|open|create|"
        r"form|coordinate|exchange|hold|resume|restore|upgrade|raise|cooperate|work\s+together|"
        r"co-?operate|expand|increase|strengthen|begin|start|launch)\b)"
        # "agreed to establish diplomatic relations" is the establishment itself
        r"(?![^.;]{0,50}\b(?:relations|ties)\b)",
        0.7,
    ),
    _p(
        "vote",
        "Vote",
        "verb",
        # "voted in the General Assembly for resolution 3379"
        r"\bvot(?:ed|es)\s+with\s+the\s+majority\b|"
        r"\bvot(?:ed|es)\s+(?:(?:in|at)\s+(?:the\s+)?(?-i:[A-Z][\w.]*)(?:\s+(?-i:[A-Z][\w.]*)){0,3}"
        r"\s+)?(?:in\s+favou?r\s+of|for|against|to)\b|\babstained\b|"
        # "Moscow cast its veto"
        r"\bcast\s+(?:its|his|her|their|a|an)\s+(?:[\w-]+\s+)?(?:veto|vote)\b",
    ),
    _p(
        "arms-transfer",
        "ArmsTransfer",
        "noun",
        r"\b(?:arms|weapons?|weaponry)\s+(?:shipments?|sales?|supplies)\b|"
        # "the delivery of S-300 air-defence systems", "an airlift of arms"
        rf"\b(?:shipments?|deliver(?:y|ies)|airlift|sealift|sales?)\s+of\s+{_ARMS_GAP}{_WEAPONS}\b",
        0.8,
    ),
    _p(
        "arms-supply",
        "ArmsTransfer",
        "verb",
        # "shipped SA-3 missile batteries to Egypt", "delivered 96 TOW anti-tank missiles"
        r"\b(?:supply|supplied|supplies|supplying|sending|sent|provide|provided|sold|sells|"
        r"selling|delivered|shipped|airlifted)\s+(?:with\s+|a\s+batch\s+of\s+)?"
        rf"{_ARMS_GAP}{_WEAPONS}\b"
        # "shipped mortars and ammunition to India"
        r"|\b(?:supplied|sent|sold|delivered|shipped)\s+(?:[\w-]+\s+){0,2}?(?:mortars|rifles|tanks|"
        r"jets|missiles|artillery|guns)\s+and\s+(?:[\w-]+\s+){0,2}?(?:ammunition|shells|spare\s+parts|"
        r"munitions|aircraft|missiles|tanks)\b",
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
        r"(?-i:\b(?:I|We))\s+(?:(?:would\s+like|wish|want)\s+to\s+)?(?:propose|suggest|invite)\b",
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
        r"the\s+(?:[\w-]+\s+)?(?:conference|summit|rally|gathering|session|briefing)|"
        r"a\s+(?:news|press)\s+(?:conference|briefing)|"
        r"(?:state\s+|national\s+|[A-Z]\w+\s+)?(?:television|radio)|"
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
        # "welcomed the decision", not "welcomed him at the airport" (a reception)
        r"welcom(?:ed|es)\s+(?=[“\"]|with\s+(?:[\w-]+\s+)?(?:satisfaction|relief|approval)\b)|"
        r"welcom(?:ed|es)\s+(?=(?:the|this|that|its|their|a|an)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:decision|move|step|arrival|agreement|announcement|resolution|initiative|proposal|"
        r"plan|talks|statement|news|release|restoration|resumption|establishment|signing|"
        r"outcome|results?|ceasefire|cease-fire|accord|deal|treaty)\b)|"
        r"(?:lodged|filed|registered|delivered)\s+(?:an?\s+)?(?:formal\s+|strong\s+|official\s+|"
        r"sharp\s+|vigorous\s+)?protests?\b|"
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
        r"conference|speaking\s+(?:in|at|to|on|from)\s+[^,.;]{1,60}),\s+"
        r"(?:said|called|told|declared|warned|urged|described|stressed|insisted)\b|"
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
        r"\b(?:to\s+(?:meet(?:\s+with)?|see|press|persuade|urge|confer\s+with|warn|brief|consult)|"
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
    # "delivered a speech to the congress", "Addressing the Knesset on 20 May, he ..."
    _p(
        "statement-speech",
        "PublicStatement",
        "verb",
        r"\b(?:delivered|gave|made|broadcast)\s+(?:an?\s+|his\s+|her\s+|the\s+)?"
        r"(?:[\w-]+\s+){0,2}?(?:speech|address|radio\s+address)\b",
        0.7,
    ),
    # "Speaking to reporters at his hotel, Mr. Sharett said ...": the speaker follows
    _p(
        "statement-speaking-to-press",
        "PublicStatement",
        "noun",
        r"(?-i:\b(?:Speaking|Talking|speaking|talking))\s+(?:\w+ly\s+)?"
        r"(?:to\s+(?:[\w-]+\s+)?(?:reporters|journalists|the\s+press|"
        r"correspondents|newsmen)\b|on\s+(?:[\w-]+\s+)?(?:radio|television|Radio|Television)\b|"
        r"at\s+an?\s+(?:[\w-]+\s+)?(?:news|press)\s+conference\b)|"
        # "Addressing the Knesset on 20 May, he asked ...": the speaker follows too
        r"(?-i:\bAddressing)\s+(?:the\s+|an?\s+)?(?-i:[A-Z])|"
        # "In an interview with Izvestia, Shevardnadze said ..."
        r"(?-i:\bIn\s+an?)\s+(?:[\w-]+\s+)?(?:interview|television\s+interview|radio\s+interview)\b|"
        # "At a joint news conference afterwards, Putin said ..."
        # (a joint one speaks for both leaders: not this speaker's alone)
        r"(?-i:\bAt\s+an?)\s+(?:brief\s+)?(?:news|press)\s+conference\b",
        0.7,
    ),
    # "summoned the Polish chargé d'affaires to protest": a protest lodged in person
    _p(
        "statement-summoned",
        "PublicStatement",
        "verb",
        r"\bsummoned\s+(?:[^.;]{0,60}?)\b(?:to|in)\s+(?:lodge\s+an?\s+)?protest\b",
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
        r"\b(?:receiv(?:ed|es|ing)|hosted|hosts)\s+(?=(?:the\s+)?(?:visiting\s+)?(?-i:[A-Z]))|"
        # "Yeltsin welcomed Prime Minister Rabin to Moscow"
        r"\bwelcomed\s+(?=(?:the\s+)?(?-i:[A-Z])[^.;,]{0,60}?\bto\s+(?-i:[A-Z]))",
        0.8,
    ),
    # "Golda Meyerson presented her credentials in Moscow": to the head of the host state
    _p(
        "meeting-credentials",
        "Meeting",
        "verb",
        r"\b(?:present(?:ed|s)|handed)\s+(?:his|her|their)\s+(?:letters\s+of\s+)?"
        r"(?:credentials|credence)\b(?:\s+to\s+)?",
        0.8,
    ),
    _p(
        "meeting-received-by",
        "Meeting",
        "passive",
        r"\b(?:was|were)\s+(?:also\s+|then\s+|later\s+|\w+ly\s+)?(?:received|welcomed|greeted|"
        r"called\s+in|summoned)\s+(?:[\w’'-]+\s+){0,6}?by\s+",
        0.8,
    ),
    # an editor's note under a document: "[Handed to Ambassador K. Katz by Deputy Minister
    # V.S. Semenov, June 10, 1967.]": the one who hands it over meets the one who takes it
    _p(
        "meeting-handed-to-by",
        "Meeting",
        "passive",
        r"(?-i:\[\s*(?:Delivered|Handed|Presented|Transmitted))\s+(?:personally\s+)?to\s+"
        r"(?=[^\]]{1,160}?\bby\s)",
        0.75,
    ),
    _p(
        "meeting-summoned",
        "Meeting",
        "verb",
        r"\b(?:was|were)\s+(?:summoned|called\s+in)\s+(?:to\s+)?|"
        # "Israel summoned the Turkish ambassador": the envoy called in to hear it
        r"\bsummoned\s+(?=(?:the\s+)?(?:[\w-]+\s+){0,2}(?:ambassador|envoy|charg[eé]|"
        r"minister)\b(?![^.;]{0,60}?\bto\s+(?:lodge\s+an?\s+)?protest))",
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
        r"\b(?<!has\s)(?<!have\s)(?:said|insisted)(?=\s+(?!(?:to|by|in|of|with)\b)[\w\"“])|"
        r"\bhailed\s+(?=(?:the|this|that|it)\b)",
        0.7,
    ),
    # the speaker after the words: "..., a spokesman for the government said.", "..., said
    # Moshe Sharett, the foreign minister": the speaker is the named group ``who`` (not "he
    # said" or "officials said": in reports that mostly goes on with a statement already
    # told, or names a report's source; "according to X" is hearsay more often than not)
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
        r"\b(?:offered|offers)\s+(?:(?:in|on)\s+(?:\w+\s+){1,3}?)?to\s+(?=(?-i:[a-z]))|"
        # "Shamir called on the Soviet Union in 1988 to allow emigration"
        r"\bcalled\s+on\s+(?=(?:the\s+)?(?-i:[A-Z])[^.;,]{0,60}?\bto\s+(?-i:[a-z]))|\b(?:suggested|asked|requested)\s+(?=that\b)|"
        r"\b(?:invited|inviting)\s+(?=(?:[\w’'.-]+\s+){1,6}?to\s+(?:visit|come|attend|take\s+part|"
        r"participate|join|hold|tour|see|inspect)\b|(?:[\w’'.-]+\s+){1,6}?to\s+(?-i:[A-Z]))|"
        r"\burged\s+(?=(?:(?-i:[A-Z])[\w’'.-]+\s+){1,3}to\b)|"
        # "asked France to speed the delivery", "asked the Soviet leadership for a system": a
        # request made to a party the text names
        r"\b(?:asked|requested|pressed)\s+(?=(?:the\s+)?(?-i:[A-Z])[\w’'-]+"
        r"(?:\s+(?:(?-i:[A-Z])[\w’'-]+|leadership|government|authorities))*"
        r"\s+(?:to\s+(?-i:[a-z])|for\b(?!\s+(?:months|years|weeks|days|decades|some|a\s+long)\b)))|"
        # "renewed Russia's offer to host a conference", "put forward a peace plan"
        r"\b(?:renewed|repeated|reiterated|extended|unveiled|presented|submitted|tabled)\s+"
        r"(?:[\w’'-]+\s+){0,3}?(?:offer|proposal|plan|initiative|invitation)\b",
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

RELATIONS = frozenset(
    {
        "Recognition",
        "EstablishmentOfRelations",
        "SeveranceOfRelations",
        "ResumptionOfRelations",
        "EstablishmentOfConsularRelations",
    }
)
