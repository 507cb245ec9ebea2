"""Stage ``mentions``: find states, persons, places, dates and groups in the content.

Rule-based, like a spaCy EntityRuler: a gazetteer built from the authority's spellings,
patterns for titled persons ("Soviet Foreign Minister V.M. Molotov", "the Soviet
ambassador, Mr. Bodrov"), and date expressions completed from context (the last year the
text gave, or the publication / document date for "last February", "this year").
Nothing is linked to an entity here; the resolve stage does that.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import weakref
from collections.abc import Iterable
from dataclasses import replace

from kg.records import Analysis, Document, Mention, PartialDate, Sentence, Span
from kg.stages import Stage
from kg.stages.dates import find_dates

_TITLE = (
    r"(?:Prime\s+Minister|Foreign\s+Minister|Defen[cs]e\s+Minister|Interior\s+Minister|"
    r"prime\s+minister|foreign\s+minister|defen[cs]e\s+minister|"
    r"Minister\s+of\s+Foreign\s+Affairs|Minister|President|Vice[- ]President|Premier|"
    r"Chancellor|King|Queen|Ambassador|ambassador|Envoy|envoy|Consul|consul|"
    r"General\s+Secretary|Senator|Commander|"
    r"Charg[eé]\s+d'[Aa]ffaires|charg[eé]\s+d'affaires|Secretary[- ]General|"
    r"Secretary\s+of\s+State|Foreign\s+Secretary|Chairman|chairman|Director(?:\s+General)?|"
    r"director(?:\s+general)?|[Rr]epresentative|[Ss]pokesman|[Ss]pokesperson|[Dd]iplomat|"
    r"[Mm]inister|[Ll]eader|counterpart)"
)
_TITLE_PRE = (
    r"(?:(?:Deputy|Acting|acting|deputy|former|Former|Permanent|permanent|First|first)\s+)*"
)
# a name may carry a lower-case particle before its last part: "Abdelsalam al-Majali"
# letters of names written with diacritics ("Jiří Dienstbier", "Erdoğan") count too
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿā-ž"
# a month opens no name: "on 1 July Mevlut Cavusoglu"
_NOT_MONTH = (
    r"(?!(?:January|February|March|April|June|July|August|September|October|November|"
    r"December)\s)"
)
_NAME = (
    _NOT_MONTH +
    rf"(?:[A-Z]\.\s?){{0,3}}[{_UP}][{_LOW}]+(?:['’][a-rt-z][a-z]*)?"
    rf"(?:(?:[- ]|\s(?:al|el|ad|bin|ibn|abu|de|van|von)[- ])(?:[A-Z]\.\s)?[{_UP}][{_LOW}]+){{0,2}}"
    # a regnal number: "King Abdullah II", "Hassan II" (not "I", which is a pronoun)
    r"(?:\s(?:II|III|IV|VI|VII)\b)?"
)
_NOT_ADJ = (
    r"(?:Prime|Foreign|Defen[cs]e|Interior|Deputy|Acting|Vice|Permanent|First|Former|"
    r"Secretary|Director|Minister|The|A|An|Chief|General|Assistant)\b"
)
# adjective? title [of ...]? [,] [Mr.] Name
_TITLED = re.compile(
    rf"(?:(?!{_NOT_ADJ})(?P<adj>(?:(?:West|East|North|South)\s+)?[A-Z][a-z]+(?:['’]s)?)\s+)?"
    rf"{_TITLE_PRE}(?P<title>{_TITLE})"
    rf"(?:\s+of\s+(?:the\s+)?(?P<of1>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|and)){{0,8}}?)|"
    rf"\s+(?:to|at|in)\s+(?:the\s+)?[A-Z][\w'’.-]*"
    rf"(?:\s+(?:[A-Z][\w'’.-]*|of|the|and)){{0,8}}?)?"
    rf",?\s+(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?(?P<name>{_NAME})"
    # "President Anwar Sadat of Egypt": the state after the name
    rf"(?:\s+of\s+(?:the\s+)?(?P<of2>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}}))?"
)
# a titled person in an all-capitals heading: "THE PRIME MINISTER OF ISRAEL L. ESHKOL"
_TITLE_CAPS = (
    r"(?:PRIME\s+MINISTER|FOREIGN\s+MINISTER|MINISTER\s+OF\s+FOREIGN\s+AFFAIRS|MINISTER|"
    r"PRESIDENT|VICE[- ]PRESIDENT|PREMIER|CHANCELLOR|KING|QUEEN|AMBASSADOR|ENVOY|CONSUL|"
    r"CHARG[EÉ]\s+D'AFFAIRES|SECRETARY[- ]GENERAL|SECRETARY\s+OF\s+STATE|FOREIGN\s+SECRETARY|"
    r"CHAIRMAN|DIRECTOR(?:\s+GENERAL)?|REPRESENTATIVE)"
)
# a name in capitals written out in full ("SPECIAL ENVOY KURT BIRRENBACH"), not a phrase
_CAPS_WORD = (
    r"(?!(?:TO|THE|OF|IN|ON|AT|AND|FOR|FROM|BY|WITH|ABOUT|CONCERNING|FOREIGN|MINISTRY|OFFICE|"
    r"DEPARTMENT|GOVERNMENT|EMBASSY|LEGATION|AFFAIRS|COUNCIL|REPUBLIC|STATES?|UNION|PEOPLE|"
    r"PRESS|EASTERN|WESTERN|EUROPEAN|MIDDLE|EAST|NATIONS|UNITED|SOVIET|FEDERAL|SUPREME|"
    r"MINISTERS?|PRIME|PRESIDENT|PREMIER|CHANCELLOR|KING|QUEEN|AMBASSADOR|ENVOY|CONSUL|"
    r"SECRETARY|CHAIRMAN|DIRECTOR|GENERAL|DEPUTY|ACTING|REPRESENTATIVE|SPECIAL)\b)"
    r"[A-Z][A-Z'’-]+"
)
_TITLED_CAPS = re.compile(
    rf"(?:(?P<adj>[A-Z]{{3,}})\s+)?(?:(?:DEPUTY|ACTING|FIRST|SPECIAL)\s+)?(?P<title>{_TITLE_CAPS})"
    rf"(?:\s+OF\s+(?:THE\s+)?(?P<of1>[A-Z]+(?:\s+(?:[A-Z]+)){{0,5}}?))?"
    rf",?\s+(?P<name>(?:[A-Z]\.\s?){{1,3}}[A-Z][A-Z'’-]+|{_CAPS_WORD}\s+{_CAPS_WORD})\b"
)
# "Chaim Herzog became the first Israeli President", "Sergei Mironov, the spokesman for",
# "Ali Nasri, the Syrian ambassador": a full name with its title after it
_APPOSED = re.compile(
    rf"(?P<name>{_NOT_MONTH}[A-Z][a-z]+(?:[- ][A-Z][a-z]+){{1,2}}),?\s+"
    rf"(?:the|became\s+the|was\s+the|then)\s+(?:(?:first|new|then|former|late)\s+)?"
    rf"(?:(?!{_NOT_ADJ})(?P<adj>[A-Z][a-z]+(?:['’]s)?)\s+)?{_TITLE_PRE}(?P<title>{_TITLE})\b"
    rf"(?:\s+of\s+(?:the\s+)?(?P<of1>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}}))?"
)
# nouns that name a person's office in a description around his name ("Amikam Norkin, the
# commander of the Israeli Air Force"; "a Soviet Foreign Ministry spokesman, Gennady
# Gerasimov,"): only as the head of the description, never as an adjective ("the
# official news agency")
_ROLE = (
    r"(?:[Oo]fficial|[Ss]pokes(?:man|woman|person)|[Cc]ommander(?:-in-[Cc]hief)?|[Hh]ead|"
    r"[Cc]hief|[Aa]mbassador|[Ee]nvoy|[Cc]onsul|[Dd]iplomat|[Mm]inister|[Pp]resident|"
    r"[Pp]remier|[Cc]hairman|[Dd]irector(?:[- ][Gg]eneral)?|[Ss]ecretary(?:[- ][Gg]eneral)?|"
    r"[Gg]eneral\s+[Ss]ecretary|[Ss]ecretary\s+of\s+[Ss]tate|[Ss]enator|[Aa]dvis[eo]r|"
    r"[Aa]ide|[Nn]egotiator|[Ee]missary|[Rr]epresentative|[Dd]eputy|[Ll]eader|"
    r"[Cc]harg[eé]\s+d'[Aa]ffaires|[Cc]ounsel(?:l)?or|[Aa]ttach[eé])"
)
# a full name: two or more capitalised parts, or initials and a surname
_FULL_NAME = (
    rf"{_NOT_MONTH}(?:(?:[A-Z]\.\s?){{1,3}}[{_UP}][{_LOW}]+(?:[- ][{_UP}][{_LOW}]+)?|"
    rf"[{_UP}][{_LOW}]+(?:['’][a-rt-z][a-z]*)?"
    rf"(?:(?:[- ]|\s(?:al|el|ad|bin|ibn|abu|de|van|von)[- ])(?:[A-Z]\.\s)?[{_UP}][{_LOW}]+)"
    r"{1,2})"
)
# words a description may hold before its head noun: no conjunction or preposition, so
# it stays one noun phrase ("a veteran Soviet")
_DESC_WORD = r"(?!(?:and|or|with|by|from|between|to|of|for|in|at|on|who|which|that)\b)[\w'’-]+"
# "Gennady Gerasimov, a Soviet Foreign Ministry spokesman": the description after the name
_APPOSED_AFTER = re.compile(
    rf"(?<![\w.’'-])(?P<name>{_FULL_NAME}),\s+(?:(?:a|an|the)\s+)?"
    rf"(?P<pre>(?:{_DESC_WORD}\s+){{0,5}}?)(?P<title>{_ROLE})\b"
    rf"(?P<post>\s+(?:of|for|at|in|to|with|who\s+(?:had\s+|has\s+)?(?:ruled|led|headed))\s+"
    rf"[^,.;:()“”\"\n]{{1,90}}?)?(?=\s*[,.;:()]|\s*$)"
)
# "a Soviet Foreign Ministry spokesman, Gennady Gerasimov," / "The commander of the Israeli
# Air Force, Amikam Norkin,": the description before the name, set off by commas
_APPOSED_BEFORE = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?P<pre>(?:{_DESC_WORD}\s+){{0,5}}?)(?P<title>{_ROLE})"
    rf"(?P<post>\s+(?:of|for|at|in|to)\s+[^,.;:()“”\"\n]{{1,90}}?)?,\s+"
    rf"(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?(?P<name>{_FULL_NAME})(?=\s*[,.;]|\s+[a-z])"
)
# "Nicolae Ceausescu, who had led the Romanian party": a leader by what he led
_WHO_LED = re.compile(
    rf"(?<![\w.’'-])(?P<name>{_FULL_NAME}),\s+who\s+(?:had\s+|has\s+)?(?:led|headed|ruled)\s+"
    rf"(?:the\s+|a\s+)?(?P<pre>(?:{_DESC_WORD}\s+){{0,3}}?)"
    r"(?P<title>party|government|country|state|regime|delegation|mission|ministry|army)\b"
    r"(?P<post>\s+(?:of|in)\s+[^,.;:()“”\"\n]{1,60}?)?(?=\s*[,.;:()]|\s+(?:since|from|until|for|in)\b)"
)
# "a delegation headed by Aryeh Levin", "The Israeli consular delegation led by ..."
_HEADED_BY = re.compile(
    r"(?:\b(?P<adj>[A-Z][a-z]+)\s+(?:[a-z]+\s+)?)?(?:delegation|mission|group|team)\b,?"
    rf"\s+(?:headed|led)\s+by\s+(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?(?P<name>{_FULL_NAME})"
    r"(?!\s*[A-Z])"
)
# "Recep Tayyip Erdogan sent Putin a letter": a full name as the subject of a diplomatic
# verb is a person, even with no title (the authority data cannot list everyone)
# ("Zhou Enlai and David Hacohen, Israel's minister in Rangoon, met": a list, and an
# apposition between it and the verb)
_ACTING_NAME = re.compile(
    rf"(?<![\w’'-])(?P<names>{_FULL_NAME}(?:\s*,\s*{_FULL_NAME})*(?:\s*,?\s+and\s+{_FULL_NAME})?)"
    r"(?:,\s+[^,;.()“”\"\n]{1,80},)?"
    r"\s+(?:(?:himself|herself|also|then|later|first|personally)\s+)?"
    r"(?:met|visited|sent|wrote|telephoned|phoned|told|signed|flew|came|went|returned|"
    r"travell?ed|arrived|received|hosted|announced|declared|proposed|offered|invited|asked|"
    r"urged|conferred|apologi[sz]ed|protested|condemned|welcomed|recogni[sz]ed|addressed|"
    r"handed|delivered|presented|held|paid|led|agreed|accepted|rejected|expelled|concluded)\b"
)
# "conferred with Xi Jinping and Li Keqiang": full names met in talks are persons too
_MET_NAMES = re.compile(
    r"\b(?:met|met\s+with|conferred\s+with|talks\s+with|talked\s+with|received|hosted|greeted|"
    r"paid\s+(?:a\s+|an\s+)?(?:courtesy\s+|official\s+)?call\s+on|called\s+on)"
    rf"\s+(?P<names>{_FULL_NAME}(?:\s*,\s*{_FULL_NAME})*(?:\s*,?\s+and\s+{_FULL_NAME})?)"
    r"(?![\w’'-])"
)
# "Foreign ministers Marian Orzechowski and Shimon Peres", "the two prime ministers,
# Mateusz Morawiecki and Netanyahu": a plural title before a list of names
_PLURAL_TITLED = re.compile(
    r"\b(?:[Ff]oreign\s+|[Pp]rime\s+|[Dd]efen[cs]e\s+|[Dd]eputy\s+)?(?:[Mm]inisters|[Pp]residents|"
    r"[Pp]remiers|[Aa]mbassadors|[Cc]hancellors|[Ll]eaders)\s*,?\s+"
    rf"(?P<names>{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+and\s+{_NAME})"
)
_CAPRUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
# capitalised words before a title that are part of an office's name: "Soviet Foreign
# Ministry spokesman Gennady Gerasimov", where the title pattern's adjective is "Ministry"
_LEAD_RUN = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,3}$")
_HONORIFIC = re.compile(rf"\b(?:Mr|Mrs|Ms|Dr)\.\s*(?P<name>{_NAME})")
_GROUP = re.compile(
    r"\b(?:the\s+two|both)\s+(?:countries|states|governments|sides|nations)\b", re.I
)
# "the two leaders agreed": the last two persons named
_PERSON_GROUP = re.compile(r"\b[Tt]he\s+two\s+(?:men|leaders|statesmen|presidents|ministers)\b")
_PRONOUN = re.compile(r"\b(?:I|my|me|[Yy]ou|[Yy]our)\b")
_CAPWORD = re.compile(rf"\b[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?\b")
_RELDAY = re.compile(
    r"\b(?:[Tt]his\s+(?:evening|morning|afternoon)|[Tt]oday|[Tt]onight|[Yy]esterday|"
    r"[Ll]ast\s+night)\b"
)
# "earlier this week": some day of the week up to the reference day
_RELWEEK = re.compile(r"\b(?:earlier|later)\s+(?:this|in\s+the)\s+week\b|\bthis\s+week\b", re.I)
# "the next day": a day counted from the last day the text gave
_NEXTDAY = re.compile(
    r"\b(?:the\s+(?P<n>next|following|previous)\s+(?:day|morning|afternoon|evening)|"
    r"a\s+day\s+(?P<l>later|earlier)|"
    r"the\s+day\s+(?P<b>before|after))\b",
    re.I,
)
_WEEKDAY = re.compile(
    r"\b(?:[Oo]n|[Ll]ast)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    # "speaking on the radio Sunday evening"
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+"
    r"(?:morning|afternoon|evening|night)\b"
)
_SINCE = re.compile(r"\b(?:since|until|till)\s+(?:the\s+)?$", re.I)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NOT_NAMES = frozenset(
    [
        "The",
        "Dear",  # a letter's salutation: "Dear King, ..."
        "A",
        "An",
        "In",
        "On",
        "At",
        "It",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "During",
        "Since",
        "Following",
        "Among",
        "Despite",
        "Although",
        "Thus",
        "Therefore",
        "However",
        "Mr",
        "Mrs",
        "Dr",
        "Government",
        "Ministry",
        "Minister",
        "President",
        "Prime",
        "Foreign",
        "Embassy",
        "Legation",
        "Mission",
        "Affairs",
        "Knesset",
        "Parliament",
        "Assembly",
        "Court",
        "Council",
        "Committee",
        "Party",
        "Union",
        "Republic",
        "State",
        "States",
        "Secretary",
        "Department",
        # a name ending in these is a building or a place ("King David Hotel")
        "Hotel",
        "Street",
        "Square",
        "Airport",
        "Avenue",
        "Road",
        "Palace",
        "Hall",
        "Mosque",
        "Church",
        "Bridge",
        "Gate",
        "Dam",
        "Canal",
        # sentence adverbs that start a sentence in capitals ("Later Pinsk met ...")
        "Later",
        "Then",
        "Now",
        "Today",
        "Yesterday",
        "Tomorrow",
        "Meanwhile",
        "Eventually",
        "Finally",
        "Soon",
        "Also",
        "Earlier",
        "Last",
        "Next",
        "Subsequently",
        "Afterwards",
        "Camp",
        "House",
        "Kremlin",
        "Agency",
        "Radio",
        "News",
        "Times",
        "Post",
        "Press",
        "Army",
        "Forces",
        "Navy",
        "Doctrine",
        "Plan",
        "Pact",
        "Accords",
        "Agreement",
        "Treaty",
        "Conference",
        "Summit",
    ]
)

#: words no person's name is made of, for the resolve stage's new persons
NOT_NAMES = _NOT_NAMES
# what a person's name may be the name of: "Ben-Gurion Airport" is no person
_NAMED_AFTER = frozenset(
    [
        *("Hotel", "Street", "Square", "Airport", "Avenue", "Road", "Palace", "Hall"),
        *("Mosque", "Church", "Bridge", "Gate", "Dam", "Canal", "Boulevard", "University"),
        *("Prize", "Foundation", "Institute", "Stadium", "Park", "Station", "Museum"),
        *("Library", "Hospital", "Forest", "Center", "Centre", "Plan", "Doctrine"),
    ]
)

_GAZETTEERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_GAZ_FALLBACK: dict[int, tuple] = {}


def _trie(words: Iterable[str]) -> str:
    """One regex for the alternation of ``words`` with common prefixes shared, so a search
    tries each letter once instead of each of thousands of spellings.  Optional tails are
    greedy: at a position the longest spelling that ends a word matches, as the longest-
    first alternation did."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(root)


def _gazetteer(authority) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One regex over every spelling of every entity, longest first, and form → kind."""
    try:
        cached = _GAZETTEERS.get(authority)
    except TypeError:
        cached = _GAZ_FALLBACK.get(id(authority))
    if cached:
        return cached
    forms: dict[str, tuple[str, str]] = {}
    for kind in ("State", "Place", "Envoy", "Person"):
        try:
            pairs = authority.surface_forms(kind)
        except (ValueError, KeyError):
            continue
        for form, entity in pairs:
            key = form.lower()
            forms.setdefault(key, (form, kind if kind != "Person" else "Other"))
            del entity
    pattern = re.compile(r"(?<![\w.])" + _trie(forms) + r"(?![\w])(?!\.\w)", re.I)
    result = (pattern, forms)
    try:
        _GAZETTEERS[authority] = result
    except TypeError:
        _GAZ_FALLBACK[id(authority)] = result
    return result


_PARTICLE_NAME = re.compile(r"(?:de|van|von|al|el|bin|ibn|abu)[ -][A-Z]")


def _case_ok(found: str, form: str) -> bool:
    """Gazetteer matching ignores case, except that lower-case words never match and
    short acronyms ("US") match only as written."""
    if found == form:
        return True
    if not found[:1].isupper():
        # a name may open with a particle: "de Gaulle", "al-Assad"
        return bool(_PARTICLE_NAME.match(found)) and found.lower() == form.lower()
    if len(form) <= 3 and form.isupper():
        return False
    return found.upper() == found or found[:1] == form[:1]


def _doc_at(documents: tuple[Document, ...], pos: int) -> Document:
    best = documents[0]
    for d in documents[1:]:
        if d.span.start <= pos < d.span.end:
            best = d
    return best


def _head(text: str, end: int) -> str:
    m = re.match(r"[ \t]+((?:[A-Za-z'-]+)(?:[ \t]+[A-Za-z'-]+){0,2})", text[end : end + 60])
    return m.group(1) if m else ""


def _relative_day(ref: PartialDate | None, word: str) -> PartialDate | None:
    if ref is None or ref.day is None or ref.month is None:
        return None
    day = dt.date(ref.year, ref.month, ref.day)
    if word.lower().startswith(("yesterday", "last")):
        day -= dt.timedelta(days=1)
    return PartialDate(day.year, day.month, day.day)


def _week(ref: PartialDate | None) -> PartialDate | None:
    """"Earlier this week": the month when the whole week before the reference day lies in
    it, else the year."""
    if ref is None or ref.day is None or ref.month is None:
        return None
    if ref.day > 6:
        return PartialDate(ref.year, ref.month)
    return PartialDate(ref.year)


def _shift(ref: PartialDate | None, days: int) -> PartialDate | None:
    if ref is None or ref.day is None or ref.month is None:
        return None
    day = dt.date(ref.year, ref.month, ref.day) + dt.timedelta(days=days)
    return PartialDate(day.year, day.month, day.day)


def _weekday(ref: PartialDate | None, name: str) -> PartialDate | None:
    """The last such weekday up to the reference day (news reports the week's events)."""
    if ref is None or ref.day is None or ref.month is None:
        return None
    day = dt.date(ref.year, ref.month, ref.day)
    back = (day.weekday() - _WEEKDAYS.index(name)) % 7
    day -= dt.timedelta(days=back)
    return PartialDate(day.year, day.month, day.day)


# "the 1998 bombings", "the 1967 war": a year naming an event in passing, not the time told of
_ATTRIBUTIVE_YEAR = re.compile(r".*\b(?:the|a|an|its|their|his|her)\s+\d{4}\s+[a-z]", re.S)


def _after_report(ref: PartialDate | None, month: int | None, day: int | None) -> bool:
    """Whether a month (and day) lies after a report's date in the report's year."""
    if ref is None or ref.month is None or month is None:
        return False
    return (month, day or 0) > (ref.month, ref.day or 31)


def _date_mentions(a: Analysis) -> list[Mention]:
    """Date mentions of the content, each completed from its context where it must be."""
    text = a.text
    out: list[Mention] = []
    last_year: dict[int, int | None] = {}
    last_day: dict[int, PartialDate | None] = {}
    # whether the year in force is still the report's own (no year named yet): then a month
    # later in the year than the report's is the year before ("in September", written in
    # February 2019)
    year_from_ref: dict[int, bool] = {}
    # the year and month of the date last given, for "the following July"
    last_month: dict[int, tuple[int, int]] = {}
    # the last explicit year of each paragraph: a day without a year ("On July 25") is in
    # the year its paragraph is telling of, else the report's own year, never one named
    # paragraphs before ("since 1948")
    para_year: dict[tuple[int, int], int] = {}
    captions = [Sentence(c, 0, -1 - k) for k, c in enumerate(a.captions)]
    for sent in (*a.sentences, *captions):
        doc = a.documents[sent.doc] if sent.doc < len(a.documents) else a.documents[0]
        for d in a.documents:
            if d.n == sent.doc:
                doc = d
        ref = doc.date or a.date
        if sent.doc not in last_year:
            last_year[sent.doc] = ref.year if ref else None
            year_from_ref[sent.doc] = True
        s, e = sent.span.start, sent.span.end
        for m in _NEXTDAY.finditer(text, s, e):
            later = bool(m.group("n") in ("next", "following") or m.group("l") == "later"
                         or m.group("b") == "after")
            v = _shift(last_day.get(sent.doc), 1 if later else -1)
            if v:
                out.append(Mention(Span(*m.span()), "Date", m.group(0), date=v, explicit=False))
        for r in find_dates(text, s, e):
            ly = last_year[sent.doc] if last_year[sent.doc] is not None else None
            value: PartialDate | None = None
            month_value: PartialDate | None = None
            explicit = False
            if r.form in ("full", "month-year", "year"):
                value = PartialDate(r.year, r.month, r.day)
                explicit = True
                attributive = r.form == "year" and _ATTRIBUTIVE_YEAR.match(
                    text, max(0, r.start - 12), min(len(text), r.end + 20)
                )
                if not attributive and not _SINCE.search(text, max(0, r.start - 12), r.start):
                    # "since 1948" names when a state of affairs began, not the year told of
                    last_year[sent.doc] = r.year
                    year_from_ref[sent.doc] = False
                    para_year[(sent.doc, sent.paragraph)] = r.year
                if r.day is not None:
                    last_day[sent.doc] = value
            elif r.form == "month-day":
                year = para_year.get((sent.doc, sent.paragraph))
                if year is None:
                    year = ref.year if ref is not None else None
                    if year is not None and _after_report(ref, r.month, r.day):
                        year -= 1
                if year is None and a.genre != "news":
                    year = ly
                if year is not None:
                    value = PartialDate(year, r.month, r.day)
                    last_day[sent.doc] = value
            elif r.form == "month" and r.relation == "following":
                # "the following July": the first such month after the date last given
                lm = last_month.get(sent.doc)
                if ly is not None:
                    year = ly + 1 if lm is not None and lm[0] == ly and r.month <= lm[1] else ly
                    value = PartialDate(year, r.month)
                    last_year[sent.doc] = year
            elif r.form == "month":
                if r.relation in ("last", "this", "next") and ref is not None:
                    year = ref.year
                    if r.relation == "last" and ref.month is not None and r.month >= ref.month:
                        year -= 1
                    elif r.relation == "last" and ref.month is None:
                        year = None
                    if r.relation == "next" and ref.month is not None and r.month <= ref.month:
                        year += 1
                    value = PartialDate(year, r.month) if year else None
                elif r.relation is None and a.genre == "news" and ref is not None:
                    # "in late August" in a news report: of the year its paragraph tells
                    # of, else the latest such month up to the report's date (not the
                    # year of "the 1998 bombings" named in passing)
                    year = para_year.get((sent.doc, sent.paragraph))
                    if year is None:
                        year = ref.year - 1 if _after_report(ref, r.month, None) else ref.year
                    value = PartialDate(year, r.month)
                elif r.relation is None and ly is not None:
                    back = year_from_ref[sent.doc] and _after_report(ref, r.month, None)
                    value = PartialDate(ly - 1 if back else ly, r.month)
            elif r.form == "month-relative":
                # "July of last year" (before the text's own), "May of the following year"
                rel = r.relation or ""
                year = {
                    "this year": ref.year if ref else None,
                    "last year": ref.year - 1 if ref else None,
                    "the previous year": ly - 1 if ly else None,
                    "the following year": ly + 1 if ly else None,
                    "the next year": ly + 1 if ly else None,
                }.get(rel, ly)
                value = PartialDate(year, r.month) if year else None
            elif r.form == "relative-year":
                rel = r.relation or ""
                if rel == "this year":
                    year = ref.year if ref else None
                elif rel == "last year":
                    year = ref.year - 1 if ref else None
                elif rel in ("the following month", "the next month"):
                    lm = last_month.get(sent.doc)
                    if lm is not None and ly == lm[0]:
                        y, mo = (lm[0] + 1, 1) if lm[1] == 12 else (lm[0], lm[1] + 1)
                        month_value = PartialDate(y, mo)
                    year = None
                elif rel in ("the following year", "the next year"):
                    year = ly + 1 if ly else None
                elif rel == "the previous year":
                    year = ly - 1 if ly else None
                else:
                    year = ly
                value = PartialDate(year) if year else month_value
            if value is not None:
                if value.month is not None and (explicit or r.relation == "following"
                                                or r.form == "relative-year"):
                    last_month[sent.doc] = (value.year, value.month)
                elif explicit:
                    last_month.pop(sent.doc, None)
                out.append(
                    Mention(
                        Span(r.start, r.end),
                        "Date",
                        text[r.start : r.end],
                        date=value,
                        explicit=explicit,
                    )
                )
        for m in _RELDAY.finditer(text, s, e):
            v = _relative_day(ref, m.group(0))
            if v:
                out.append(Mention(Span(*m.span()), "Date", m.group(0), date=v, explicit=False))
        for m in _RELWEEK.finditer(text, s, e):
            v = _week(ref)
            if v:
                out.append(Mention(Span(*m.span()), "Date", m.group(0), date=v, explicit=False))
        for m in _WEEKDAY.finditer(text, s, e):
            g = 1 if m.group(1) else 2
            v = _weekday(ref, m.group(g))
            if v:
                out.append(Mention(Span(*m.span(g)), "Date", m.group(g), date=v, explicit=False))
    return out


class _Taken:
    """Which characters already belong to a mention: overlap tests in O(span length)."""

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size + 1)
        self.spans: set[Span] = set()

    def append(self, span: Span) -> None:
        self.mask[span.start : span.end] = b"\x01" * len(span)
        self.spans.add(span)

    def overlaps(self, span: Span) -> bool:
        return any(self.mask[span.start : span.end])


def _titled_envoy(m: re.Match[str], *, of_state: str | None) -> Mention:
    """An envoy mention from a title pattern's match: its name, title, state adjective."""
    adj = m.group("adj")
    return Mention(
        Span(*m.span("name")),
        "Envoy",
        m.group("name"),
        title=m.group("title"),
        title_span=Span(m.start("title"), m.end("title")),
        adjective=adj.removesuffix("'s").removesuffix("’s") if adj else None,
        of_state=of_state,
    )


_ROLE_WORD = re.compile(rf"^{_ROLE}$")


def _state_words(*parts: str | None) -> str | None:
    """The capitalised runs of a description that may name the person's state ("Soviet
    Foreign Ministry", "Israeli Air Force"), "; "-separated for the resolve stage; None
    when there are none.  Whether one names a state is for the resolve stage to say."""
    runs = []
    for part in parts:
        for r in _CAPRUN.finditer(part or ""):
            words = [w for w in r.group(0).split() if w not in ("The", "A", "An")]
            while words and _ROLE_WORD.match(words[-1]):
                words.pop()
            if words:
                runs.append(" ".join(words))
    return "; ".join(runs) or None


def _add_listed(
    mentions: list[Mention], taken, forms: dict[str, tuple[str, str]], m: re.Match[str],
    name_re: str, *, title: str, group: str = "names",
) -> None:
    """Each name in ``m``'s group (a list "X, Y and Z", or one name) as an envoy mention, unless
    another pattern took it or it is no person's name."""
    for n in re.finditer(name_re, m.group(group)):
        name = Span(m.start(group) + n.start(), m.start(group) + n.end())
        if not taken.overlaps(name) and not _not_a_person(n.group(0), forms):
            mentions.append(Mention(name, "Envoy", n.group(0), title=title))
            taken.append(name)


def _not_a_person(name: str, forms: dict[str, tuple[str, str]]) -> bool:
    """A two-word capitalised phrase that is no person's name: a word that never starts a
    name ("Security Council", "Ben-Gurion Airport"), or a state or place the gazetteer
    knows ("Tel Aviv", "Radio Moscow")."""
    words = name.replace("-", " ").split()
    if any(w in _NOT_NAMES or w.rstrip(".") in _NOT_NAMES for w in name.split()):
        return True
    if any(w in _NOT_NAMES for w in words):
        return True
    keys = {name.lower(), *(w.lower() for w in words)}
    keys |= {f"{x} {y}".lower() for x, y in itertools.pairwise(words)}
    return any(forms.get(k, ("", ""))[1] in ("State", "Place") for k in keys)


def run(a: Analysis) -> Analysis:
    text = a.text
    mentions: list[Mention] = []
    taken = _Taken(len(text))
    regions = [s.span for s in a.sentences] + list(a.captions)
    # document headings of a collection: their parties are mentions too
    for d in a.documents[1:]:
        for sp in (d.author_span, d.recipient_span):
            if sp is not None:
                regions.append(sp)

    forms = _gazetteer(a.authority)[1] if a.authority is not None else {}

    # 1. titled persons (adjective + title + name), names after Mr./Dr.
    for region in regions:
        for m in _TITLED.finditer(text, region.start, region.end):
            name = Span(*m.span("name"))
            if any(w in _NOT_NAMES for w in m.group("name").split()):
                continue
            of_state = m.group("of1") or m.group("of2")
            if of_state is None and m.group("adj"):
                # "Soviet Foreign Ministry spokesman X": the state may stand before the
                # adjective the pattern took ("Ministry")
                lead = _LEAD_RUN.search(text, max(region.start, m.start() - 60), m.start())
                if lead is not None:
                    of_state = _state_words(lead.group(0) + m.group("adj"))
            mentions.append(_titled_envoy(m, of_state=of_state))
            taken.append(name)
        for m in _APPOSED.finditer(text, region.start, region.end):
            name = Span(*m.span("name"))
            if taken.overlaps(name) or any(w in _NOT_NAMES for w in m.group("name").split()):
                continue
            of_state = m.group("of1")
            if of_state is None:
                # "Todor Zhivkov, the Communist leader who had ruled Bulgaria": the rest of
                # the description may name the state
                after = _APPOSED_AFTER.match(text, m.start("name"), region.end)
                if after is not None:
                    of_state = _state_words(after.group("pre"), after.group("post"))
            mentions.append(_titled_envoy(m, of_state=of_state))
            taken.append(name)
        # a full name with a description set off by commas, after or before it, and the
        # head of a delegation: the description's capitalised words may name the state
        for pattern in (_APPOSED_AFTER, _APPOSED_BEFORE, _WHO_LED):
            for m in pattern.finditer(text, region.start, region.end):
                name = Span(*m.span("name"))
                if taken.overlaps(name) or _not_a_person(m.group("name"), forms):
                    continue
                title = re.sub(r"\s+", " ", m.group("title"))
                mentions.append(
                    Mention(
                        name,
                        "Envoy",
                        m.group("name"),
                        title="leader" if pattern is _WHO_LED else title,
                        title_span=Span(*m.span("title")),
                        of_state=_state_words(m.group("pre"), m.group("post")),
                    )
                )
                taken.append(name)
        for m in _PLURAL_TITLED.finditer(text, region.start, region.end):
            _add_listed(mentions, taken, forms, m, _NAME, title="minister")
        for m in _HEADED_BY.finditer(text, region.start, region.end):
            name = Span(*m.span("name"))
            if taken.overlaps(name) or _not_a_person(m.group("name"), forms):
                continue
            mentions.append(
                Mention(
                    name,
                    "Envoy",
                    m.group("name"),
                    title="head of delegation",
                    adjective=m.group("adj") if m.group("adj") not in _NOT_NAMES else None,
                )
            )
            taken.append(name)
        if text[region.start : region.end].isupper():
            for m in _TITLED_CAPS.finditer(text, region.start, region.end):
                name = Span(*m.span("name"))
                if taken.overlaps(name):
                    continue
                mentions.append(
                    Mention(
                        name,
                        "Envoy",
                        m.group("name"),
                        title=re.sub(r"\s+", " ", m.group("title")).title(),
                        title_span=Span(m.start("title"), m.end("title")),
                        adjective=m.group("adj"),
                        of_state=m.group("of1"),
                    )
                )
                taken.append(name)
        for m in _HONORIFIC.finditer(text, region.start, region.end):
            name = Span(*m.span("name"))
            if not taken.overlaps(name):
                mentions.append(Mention(name, "Envoy", m.group("name"), title="Mr."))
                taken.append(name)
        # persons by what they do, with no title ("Mr." marks a plain person's name)
        for m in _MET_NAMES.finditer(text, region.start, region.end):
            _add_listed(mentions, taken, forms, m, _FULL_NAME, title="Mr.")
        for m in _ACTING_NAME.finditer(text, region.start, region.end):
            _add_listed(mentions, taken, forms, m, _FULL_NAME, title="Mr.")

    # 2. the gazetteer
    if a.authority is not None:
        pattern, forms = _gazetteer(a.authority)
        for region in regions:
            pos = region.start
            while (m := pattern.search(text, pos, region.end)) is not None:
                pos = m.end()
                found = m.group(0)
                form, kind = forms[found.lower()]
                if not _case_ok(found, form):
                    # "the Netherlands" against "The Netherlands": try from the next word
                    nxt = re.search(r"\s+", found)
                    if nxt is not None:
                        pos = m.start() + nxt.end()
                    continue
                span = Span(*m.span())
                if taken.overlaps(span):
                    # a longer titled name found around a gazetteer name: keep the titled one
                    continue
                head = _head(text, span.end)
                if kind in ("Envoy", "Other") and head.split()[:1] and (
                    head.split()[0] in _NAMED_AFTER
                ):
                    continue  # "Ben-Gurion Airport", "King David Hotel": named after him
                mentions.append(Mention(span, kind, found, head=head))
                taken.append(span)

    # 3. groups, pronouns in letters, other capitalised words (for coreference)
    for region in regions:
        for m in _GROUP.finditer(text, region.start, region.end):
            mentions.append(Mention(Span(*m.span()), "Group", m.group(0)))
        for m in _PERSON_GROUP.finditer(text, region.start, region.end):
            mentions.append(Mention(Span(*m.span()), "Group", m.group(0), head="persons"))
        d = _doc_at(a.documents, region.start)
        if d.n:
            for m in _PRONOUN.finditer(text, region.start, region.end):
                mentions.append(Mention(Span(*m.span()), "Pronoun", m.group(0)))
        for m in _CAPWORD.finditer(text, region.start, region.end):
            span = Span(*m.span())
            if m.group(0) not in _NOT_NAMES and not taken.overlaps(span):
                if _head(text, span.end).split()[:1] and (
                    _head(text, span.end).split()[0] in _NAMED_AFTER
                ):
                    continue  # "Ben-Gurion Airport": no reference back to the person
                mentions.append(Mention(span, "Name", m.group(0)))

    mentions.extend(_date_mentions(a))
    mentions.sort(key=lambda x: (x.span.start, -x.span.end))
    return replace(a, mentions=tuple(mentions))


STAGE = Stage(
    name="mentions",
    needs=("text", "documents", "sentences", "captions", "authority"),
    sets=("mentions",),
    run=run,
)
