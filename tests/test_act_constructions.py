"""The converter on the common ways each genre tells an act, with the real authority data.

Each case is a short text in the style of a news report or a history, and the acts it must
give: type, actors, counterparts and date.  The sentences are written for this test (not
taken from any source text): they cover how reporters and historians phrase visits,
meetings, statements, proposals, agreements and arms deals, with appositions ("the
Russian president, Dmitry Medvedev,"), pronouns and dates told in passing.  Negative cases
list acts that must *not* come out.
"""

from __future__ import annotations

import pytest

from kg.authority import Authority, load_authority
from kg.convert import Conversion, convert
from kg.evaluate import dates_compatible
from kg.records import SourceMeta


@pytest.fixture(scope="module")
def authority() -> Authority:
    return load_authority()


Act = tuple[str, frozenset[str], frozenset[str], str | None]


def _acts(text: str, authority: Authority, genre: str = "encyclopedia") -> set[Act]:
    meta = SourceMeta(genre=genre, title="Relations")
    c = convert("Relations\n\n" + text, source_id="case", authority=authority, meta=meta)
    return _found(c)


def _found(c: Conversion) -> set[Act]:
    return {
        (
            x.type,
            frozenset(k.split("/")[-1] for k in x.actors),
            frozenset(k.split("/")[-1] for k in x.counterparts),
            None if x.date is None else str(x.date),
        )
        for x in c.acts
    }


def act(type_: str, actors: str, counterparts: str = "", date: str | None = None) -> Act:
    return (type_, frozenset(actors.split()), frozenset(counterparts.split()), date)


CASES: list[tuple[str, list[Act]]] = [
    # ---- meetings
    (
        "Ehud Olmert met the new Russian president, Dmitry Medvedev, in October 2008.",
        [act("Meeting", "ehud-olmert", "dmitry-medvedev", "2008-10")],
    ),
    (
        "In June 2009 Avigdor Lieberman held talks in Moscow with Sergey Lavrov.",
        [act("Meeting", "avigdor-lieberman", "sergey-lavrov", "2009-06")],
    ),
    (
        "Shimon Peres conferred with Eduard Shevardnadze at the United Nations in September 1987.",
        [act("Meeting", "shimon-peres", "eduard-shevardnadze", "1987-09")],
    ),
    (
        "On April 28, 2005, Ariel Sharon received Vladimir Putin in Jerusalem.",
        [act("Meeting", "ariel-sharon", "vladimir-putin", "2005-04-28")],
    ),
    # ---- visits
    (
        "Benjamin Netanyahu visited Moscow in May 2018.",
        [act("Visit", "benjamin-netanyahu", "russia", "2018-05")],
    ),
    (
        "In February 2016 Reuven Rivlin flew to Moscow.",
        [act("Visit", "reuven-rivlin", "russia", "2016-02")],
    ),
    (
        "Golda Meir arrived in Moscow in September 1948 as Israel's first envoy.",
        [act("Visit", "golda-meir", "soviet-union", "1948-09")],
    ),
    (
        "In 1991 Alexander Bessmertnykh became the first Soviet foreign minister to visit "
        "Israel.",
        [act("Visit", "alexander-bessmertnykh", "israel", "1991")],
    ),
    # ---- statements
    (
        "On March 3, 1987, Foreign Minister Shimon Peres welcomed the Soviet decision.",
        [act("PublicStatement", "shimon-peres", "", "1987-03-03")],
    ),
    (
        "In January 1953 the Israeli government protested against the charges.",
        [act("PublicStatement", "israel", "", "1953-01")],
    ),
    (
        "On May 10, 2018, Vladimir Putin condemned the strikes.",
        [act("PublicStatement", "vladimir-putin", "", "2018-05-10")],
    ),
    # ---- proposals
    (
        "In July 2011 Sergey Lavrov offered to host talks between Israel and the Palestinians.",
        [act("Proposal", "sergey-lavrov", "", "2011-07")],
    ),
    # ---- agreements
    (
        "In September 2015 Netanyahu and Putin agreed to set up a mechanism to coordinate "
        "military actions over Syria.",
        [act("Agreement", "benjamin-netanyahu vladimir-putin", "", "2015-09")],
    ),
    (
        "Israel and Russia signed a visa waiver agreement in 2008.",
        [act("Agreement", "israel russia", "", "2008")],
    ),
    # ---- arms
    (
        "In 1955 the Soviet Union began supplying Egypt with arms.",
        [act("ArmsTransfer", "soviet-union", "egypt", "1955")],
    ),
    # ---- the many ways of telling them
    (
        "Andrei Gromyko, the Soviet foreign minister, met Abba Eban in New York in "
        "September 1966.",
        [act("Meeting", "andrei-gromyko", "abba-eban", "1966-09")],
    ),
    (
        "In December 1991 Israel and Ukraine established diplomatic relations.",
        [act("EstablishmentOfRelations", "israel ukraine", "", "1991-12")],
    ),
    (
        "Poland cut ties with Israel in June 1967.",
        [act("SeveranceOfRelations", "poland", "israel", "1967-06")],
    ),
    (
        "In January 1953 Moshe Sharett lodged a protest with the Soviet government.",
        [act("PublicStatement", "moshe-sharett", "soviet-union", "1953-01")],
    ),
    (
        "On October 18, 1991, Boris Pankin paid a call on Yitzhak Shamir.",
        [act("Meeting", "boris-pankin", "yitzhak-shamir", "1991-10-18")],
    ),
    (
        "On July 6, 1953, Molotov handed a note to the Israeli envoy.",
        [act("Correspondence", "vyacheslav-molotov", "israel", "1953-07-06")],
    ),
    (
        "Shimon Peres went to Moscow in April 1997. He held talks with Boris Yeltsin.",
        [
            act("Visit", "shimon-peres", "russia", "1997-04"),
            act("Meeting", "shimon-peres", "boris-yeltsin", "1997-04"),
        ],
    ),
    (
        "Vladimir Putin telephoned Benjamin Netanyahu on September 18, 2018.",
        # a telephone call is a conversation (as "spoke by telephone" below)
        [act("Meeting", "vladimir-putin", "benjamin-netanyahu", "2018-09-18")],
    ),
    (
        "In 1949 the Soviet Union voted for Israel's admission to the United Nations.",
        [act("Vote", "soviet-union", "", "1949")],
    ),
    (
        "Czechoslovakia sold rifles and fighter aircraft to Israel in 1948.",
        [act("ArmsTransfer", "czechoslovakia", "israel", "1948")],
    ),
    (
        "In May 2005 Russia announced that it would sell air defence missiles to Syria.",
        [act("PublicStatement", "russia", "", "2005-05")],
    ),
    (
        "Moshe Sharett conferred for an hour last night with Vyacheslav Molotov in Geneva "
        "on October 31, 1955.",
        [act("Meeting", "moshe-sharett", "vyacheslav-molotov", "1955-10-31")],
    ),
    (
        "In October 1955 Moshe Sharett called on Foreign Minister Antoine Pinay in Paris.",
        [act("Meeting", "moshe-sharett", "", "1955-10")],
    ),
    (
        "Moshe Sharett flew to Paris in October 1955. While in Paris he also met Harold "
        "Macmillan.",
        [act("Meeting", "moshe-sharett", "harold-macmillan", "1955-10")],
    ),
    (
        "In October 1955 Moshe Sharett asked France to speed the delivery of jet fighters.",
        [act("Proposal", "moshe-sharett", "france", "1955-10")],
    ),
    (
        "On April 28, 2005, Vladimir Putin renewed Russia's offer to host a peace conference.",
        [act("Proposal", "vladimir-putin", "", "2005-04-28")],
    ),
    (
        "In 1993 Israel established diplomatic relations with both the Czech Republic and "
        "Slovakia.",
        [
            act("EstablishmentOfRelations", "israel", "czech-republic", "1993"),
            act("EstablishmentOfRelations", "israel", "slovakia", "1993"),
        ],
    ),
    (
        "Bonn meant the threat seriously: in October 1957 it showed this when it cut ties with "
        "Yugoslavia.",
        [act("SeveranceOfRelations", "west-germany", "yugoslavia", "1957-10")],
    ),
    (
        "In November 1975 East Germany voted in the General Assembly for resolution 3379.",
        [act("Vote", "east-germany", "", "1975-11")],
    ),
    (
        "In 2018 Israel's foreign ministry summoned the Polish chargé d'affaires to protest.",
        [act("PublicStatement", "israel", "poland", "2018")],
    ),
    (
        "On 19 June 1967 Leonid Brezhnev delivered a speech to the party congress.",
        [act("PublicStatement", "leonid-brezhnev", "", "1967-06-19")],
    ),
    (
        "On 12 June 1967 Poland followed the Soviet Union and broke off diplomatic relations "
        "with Israel.",
        [act("SeveranceOfRelations", "poland", "israel", "1967-06-12")],
    ),
    (
        "In 1965 Israel and West Germany established relations.",
        [act("EstablishmentOfRelations", "israel west-germany", "", "1965")],
    ),
    (
        "Moshe Sharett met Vyacheslav Molotov on October 31, 1955. Speaking to reporters at "
        "his hotel after the meeting, Mr. Sharett said the talk had been frank.",
        [act("PublicStatement", "moshe-sharett", "", "1955-10-31")],
    ),
    (
        "Foreign ministers Marian Orzechowski and Shimon Peres met at the United Nations in "
        "September 1986.",
        [act("Meeting", "marian-orzechowski", "shimon-peres", "1986-09")],
    ),
    (
        "The arms deal was made public by Premier Gamal Abdel Nasser in Cairo on September 27, "
        "1955, when he announced that Egypt had signed a contract.",
        [act("PublicStatement", "gamal-abdel-nasser", "", "1955-09-27")],
    ),
    (
        "Poland and Israel had been apart since 1967. Poland and Israel signed a trade accord "
        "in 1989. Full diplomatic relations were restored on 27 February 1990.",
        [act("ResumptionOfRelations", "poland israel", "", "1990-02-27")],
    ),
    (
        "On February 27, 2019, Benjamin Netanyahu sat down with Russian President Vladimir "
        "Putin in the Kremlin for two hours of talks.",
        [act("Meeting", "benjamin-netanyahu", "vladimir-putin", "2019-02-27")],
    ),
    (
        "Benjamin Netanyahu met Vladimir Putin in 2018. The two leaders spoke by telephone on "
        "September 18, 2018.",
        [act("Meeting", "benjamin-netanyahu", "vladimir-putin", "2018-09-18")],
    ),
    (
        "In September 2003 Ariel Sharon made the first visit by an Israeli prime minister to "
        "India.",
        [act("Visit", "ariel-sharon", "india", "2003-09")],
    ),
    (
        "In July 2000 Ehud Barak informed Beijing that Israel was cancelling the sale.",
        [act("Correspondence", "ehud-barak", "china", "2000-07")],
    ),
    (
        "In the winter of 1962 Israel shipped mortars and ammunition to India.",
        [act("ArmsTransfer", "israel", "india", "1962")],
    ),
    (
        "On October 23, 2020, Sudan and Israel agreed to take steps to normalize relations, "
        "President Donald Trump announced.",
        [
            act("EstablishmentOfRelations", "sudan israel", "", "2020-10-23"),
            act("PublicStatement", "donald-trump", "", "2020-10-23"),
        ],
    ),
    (
        "In October 1966 Abba Eban discussed the emigration issue with Andrei Gromyko, the "
        "Soviet Foreign Minister, in New York.",
        [act("Meeting", "abba-eban", "andrei-gromyko", "1966-10")],
    ),
    (
        "On December 1, 1966, Katriel Katz, Israel's Ambassador in Moscow, paid a call on "
        "Alexei Shchiborin, head of the Near East Department of the Soviet Foreign Ministry.",
        [act("Meeting", "katriel-katz", "alexei-shchiborin", "1966-12-01")],
    ),
    (
        "In November 1966 the Soviet Union voted with the majority in the Security Council.",
        [act("Vote", "soviet-union", "", "1966-11")],
    ),
    (
        "On December 5, 1966, Israel welcomed \"with cautious satisfaction\" the statement.",
        [act("PublicStatement", "israel", "", "1966-12-05")],
    ),
    (
        "Israel and Egypt exchanged ambassadors in February 1980.",
        [act("EstablishmentOfRelations", "israel egypt", "", "1980-02")],
    ),
    (
        "On November 19, 1977, Anwar Sadat landed at Ben-Gurion Airport. On December 25, 1977, "
        "Menachem Begin returned the gesture by flying to Egypt.",
        [
            act("Visit", "anwar-sadat", "israel", "1977-11-19"),
            act("Visit", "menachem-begin", "egypt", "1977-12-25"),
        ],
    ),
    (
        "In April 2000 Jiang Zemin visited Israel. Three months later, under pressure from "
        "Washington, Ehud Barak informed Beijing that the sale was cancelled; in 2002 the two "
        "sides agreed on compensation.",
        [act("Correspondence", "ehud-barak", "china", "2000-07")],
    ),
    (
        "Alexei Kosygin spent four days in Cairo in October 1973.",
        [act("Visit", "alexei-kosygin", "egypt", "1973-10")],
    ),
    (
        "In August 1977 Menachem Begin paid him a visit in Romania.",
        [act("Visit", "menachem-begin", "romania", "1977-08")],
    ),
    # ---- relations
    (
        "The Soviet Union severed relations with Israel on June 10, 1967.",
        [act("SeveranceOfRelations", "soviet-union", "israel", "1967-06-10")],
    ),
    (
        "Moscow and Jerusalem restored full diplomatic relations in October 1991.",
        [act("ResumptionOfRelations", "soviet-union israel", "", "1991-10")],
    ),
    # ---- lists, notes handed over, spokesmen and the press
    (
        "The Soviet Union cast its veto in the Security Council on 12 October 1985.",
        [act("Vote", "soviet-union", "", "1985-10-12")],
    ),
    (
        "In an interview with Pravda on 4 April 1991, Alexander Bessmertnykh said ties would grow.",
        [act("PublicStatement", "alexander-bessmertnykh", "", "1991-04-04")],
    ),
    (
        "On 15 September 2020 the leaders of Israel, Bahrain and the United Arab Emirates "
        "announced the accords.",
        [act("PublicStatement", "israel bahrain united-arab-emirates", "", "2020-09-15")],
    ),
    (
        "On 5 March 2013 Sergey Lavrov and his Israeli counterpart exchanged views by telephone.",
        [act("Meeting", "sergey-lavrov", "israel", "2013-03-05")],
    ),
    (
        "Hungary broke relations with Israel on 12 June 1967.",
        [act("SeveranceOfRelations", "hungary", "israel", "1967-06-12")],
    ),
    (
        "On 3 May 2016 Kremlin spokesman Dmitry Peskov said the talks had been useful.",
        [act("PublicStatement", "dmitry-peskov", "", "2016-05-03")],
    ),
    (
        "Ariel Sharon flew to Moscow in September 2001. In November 2003 Vladimir Putin received "
        "Sharon in the Kremlin.",
        [act("Visit", "ariel-sharon", "russia", "2003-11")],
    ),
    (
        "The visit of Israeli President Ezer Weizman to India in December 1996 was the first.",
        [act("Visit", "ezer-weizman", "india", "1996-12")],
    ),
    (
        "In March 2004 Israel summoned the Egyptian ambassador.",
        [act("Meeting", "israel", "egypt", "2004-03")],
    ),
    (
        "Jerusalem offered in 1990 to send a trade mission to Warsaw.",
        [act("Proposal", "israel", "", "1990")],
    ),
    (
        "Menachem Begin called on the Soviet Union in 1979 to free Jewish prisoners.",
        [act("Proposal", "menachem-begin", "soviet-union", "1979")],
    ),
    (
        "In 1949 Turkey granted Israel de facto recognition.",
        [act("Recognition", "turkey", "israel", "1949")],
    ),
    (
        "On 9 June 1989 Moshe Arens and Eduard Shevardnadze conferred in Paris.",
        [act("Meeting", "moshe-arens", "eduard-shevardnadze", "1989-06-09")],
    ),
    (
        "Israel and Ukraine agreed in 2010 to abolish visa requirements.",
        [act("Agreement", "israel ukraine", "", "2010")],
    ),
    (
        "President Boris Yeltsin welcomed Prime Minister Yitzhak Rabin to Moscow in April 1994.",
        [act("Meeting", "boris-yeltsin", "yitzhak-rabin", "1994-04"),
         act("Visit", "yitzhak-rabin", "russia", "1994-04")],
    ),
    (
        "In December 1991 Aryeh Levin presented his credentials to Mikhail Gorbachev.",
        [act("Meeting", "aryeh-levin", "mikhail-gorbachev", "1991-12")],
    ),
    (
        "In May 1967 the Soviet Union began an airlift of arms to Egypt.",
        [act("ArmsTransfer", "soviet-union", "egypt", "1967-05")],
    ),
    (
        "Ehud Olmert travelled to Moscow as prime minister in October 2006 and returned in "
        "October 2008.",
        [act("Visit", "ehud-olmert", "russia", "2006-10"),
         act("Visit", "ehud-olmert", "russia", "2008-10")],
    ),
    (
        "In May 2010 Avigdor Lieberman flew to Kazakhstan. In Astana he held talks with "
        "Nursultan Nazarbayev.",
        [act("Meeting", "avigdor-lieberman", "nursultan-nazarbayev", "2010-05")],
    ),
    (
        "Israel recognized the independence of Ukraine on 25 December 1991.",
        [act("Recognition", "israel", "ukraine", "1991-12-25")],
    ),
    (
        "In June 1993 Lennart Meri came to Israel. Addressing the Knesset on 3 June, he spoke of "
        "the war years.",
        [act("PublicStatement", "lennart-meri", "", "1993-06-03")],
    ),
    (
        "On 4 May 1989 Moshe Arens, speaking on Israel Radio, called the talks useful.",
        [act("PublicStatement", "moshe-arens", "", "1989-05-04")],
    ),
    (
        "In March 1992 Ehud Olmert led a trade delegation to Beijing.",
        [act("Visit", "ehud-olmert", "china", "1992-03")],
    ),
    (
        "On 4 November 1956 the Governments of Britain and France presented Egypt with a note.",
        [act("Correspondence", "united-kingdom france", "egypt", "1956-11-04")],
    ),
    (
        "Zhou Enlai and Moshe Sharett, the foreign minister of Israel, met in Geneva in 1954.",
        [act("Meeting", "zhou-enlai", "moshe-sharett", "1954")],
    ),
    (
        "In 1949 the United Kingdom, France, Italy and Belgium recognized Israel.",
        [act("Recognition", "united-kingdom france italy belgium", "israel", "1949")],
    ),
    (
        "On 2 March 1970 Anatoly Dobrynin, the Soviet ambassador, handed Mr. Rogers a note on the "
        "Middle East.",
        [act("Correspondence", "anatoly-dobrynin", "", "1970-03-02")],
    ),
    (
        "In May 1975 the Soviet Union delivered a sharply worded memorandum to the Egyptian "
        "government.",
        [act("Correspondence", "soviet-union", "egypt", "1975-05")],
    ),
    (
        "On 14 May 1992 Grigory Karasin, the Russian Foreign Ministry spokesman, told a news "
        "conference that Moscow wanted calm.",
        [act("PublicStatement", "grigory-karasin", "", "1992-05-14")],
    ),
    (
        "On 3 July 2011 Vassily Nebenzia, the deputy foreign minister, told state television that "
        "the talks were useful.",
        [act("PublicStatement", "vassily-nebenzia", "", "2011-07-03")],
    ),
    (
        "On 5 June 1976 the Syrian embassy in Moscow issued a two-page statement on Lebanon.",
        [act("PublicStatement", "syria", "", "1976-06-05")],
    ),
    (
        "On 11 May 2009 the Kremlin said the visit had been a success.",
        [act("PublicStatement", "russia", "", "2009-05-11")],
    ),
    (
        "In 1999 Israel sold China a batch of unmanned aerial vehicles.",
        [act("ArmsTransfer", "israel", "china", "1999")],
    ),
    (
        "In March 1983 the Soviet Union shipped long-range SA-5 missiles to Syria.",
        [act("ArmsTransfer", "soviet-union", "syria", "1983-03")],
    ),
    (
        "In October 2018 King Abdullah II announced that Jordan would take back two border "
        "enclaves.",
        [act("PublicStatement", "abdullah-ii-of-jordan", "", "2018-10")],
    ),
    (
        "In June 1994, as foreign minister, Andrei Kozyrev became the first Russian minister "
        "ever to pay an official visit to Israel.",
        [act("Visit", "andrei-kozyrev", "israel", "1994-06")],
    ),
    (
        "In 1958 Gamal Abdel Nasser flew to Moscow, conferring at length with Nikita Khrushchev.",
        [act("Visit", "gamal-abdel-nasser", "soviet-union", "1958"),
         act("Meeting", "gamal-abdel-nasser", "nikita-khrushchev", "1958")],
    ),
    (
        "In April 2005 Vladimir Putin became the first Kremlin leader to set foot in Israel. He "
        "came back to Israel in June 2012.",
        [act("Visit", "vladimir-putin", "israel", "2005-04"),
         act("Visit", "vladimir-putin", "israel", "2012-06")],
    ),
    (
        "In May 2013 Benjamin Netanyahu rushed to Sochi to see Vladimir Putin.",
        [act("Visit", "benjamin-netanyahu", "russia", "2013-05")],
    ),
    (
        "On February 12, 1953 the Soviet minister Pavel Yershov called on Walter Eytan, the "
        "Director General of the Foreign Ministry.",
        [act("Meeting", "pavel-yershov", "walter-eytan", "1953-02-12")],
    ),
    (
        "On June 25, 2012 Shimon Peres gave a dinner for Vladimir Putin. In July 2017 Benjamin "
        "Netanyahu greeted Narendra Modi on the tarmac. On November 11, 2018 Netanyahu and Putin "
        "exchanged only a few words in Paris.",
        [act("Meeting", "shimon-peres", "vladimir-putin", "2012-06-25"),
         act("Meeting", "benjamin-netanyahu", "narendra-modi", "2017-07"),
         act("Meeting", "benjamin-netanyahu", "vladimir-putin", "2018-11-11")],
    ),
    (
        "In February 2019 Benjamin Netanyahu met the Czech, Hungarian and Slovak prime "
        "ministers one by one. On January 21, 1963 Adenauer and de Gaulle talked alone for "
        "more than two hours.",
        [act("Meeting", "benjamin-netanyahu", "czech-republic hungary slovakia", "2019-02"),
         act("Meeting", "konrad-adenauer", "charles-de-gaulle", "1963-01-21")],
    ),
    (
        "In May 1967 Levi Eshkol had invited Ambassador Dmitri Chuvakhin to tour the northern "
        "frontier. In October 2018 Mahmoud Abbas was also received by Sultan Qaboos.",
        [act("Proposal", "levi-eshkol", "dmitri-chuvakhin", "1967-05"),
         act("Meeting", "qaboos-bin-said", "mahmoud-abbas", "2018-10")],
    ),
    (
        "Argentina recognized Israel in February 1949 and voted for its admission to the "
        "United Nations that May. In September 1955 the Greek government lodged a formal "
        "protest with Ankara. In 2006 Israeli officials protested to Moscow.",
        [act("Vote", "argentina", "", "1949-05"),
         act("PublicStatement", "greece", "turkey", "1955-09"),
         act("PublicStatement", "israel", "russia", "2006")],
    ),
    (
        "On 23 January 2020 Vladimir Putin spent a few hours in Jerusalem, meeting Benjamin "
        "Netanyahu. A week later Netanyahu flew to Moscow and saw Putin briefly. In May 2013 "
        "Netanyahu spent three hours with Putin in Sochi, and in June 2012 Shimon Peres dined "
        "with him.",
        [act("Meeting", "vladimir-putin", "benjamin-netanyahu", "2020-01-23"),
         act("Meeting", "benjamin-netanyahu", "vladimir-putin", "2020-01-30"),
         act("Meeting", "benjamin-netanyahu", "vladimir-putin", "2013-05"),
         act("Visit", "benjamin-netanyahu", "russia", "2020-01-30")],
    ),
    (
        "On 21 December 1973 Andrei Gromyko took Abba Eban aside for a private talk. On 5 June "
        "1967 Katriel Katz was called in by Andrei Gromyko. In December 1991 Aryeh Levin "
        "handed his letters of credence to Mikhail Gorbachev.",
        [act("Meeting", "andrei-gromyko", "abba-eban", "1973-12-21"),
         act("Meeting", "andrei-gromyko", "katriel-katz", "1967-06-05"),
         act("Meeting", "aryeh-levin", "mikhail-gorbachev", "1991-12")],
    ),
    (
        "On 3 September 1948 Golda Meir reached Moscow. In 1994 Andrei Kozyrev made a stopover "
        "in Israel. In June 1955 Jawaharlal Nehru toured the Soviet Union, and in August 1977 "
        "Menachem Begin followed her to Romania.",
        [act("Visit", "golda-meir", "soviet-union", "1948-09-03"),
         act("Visit", "andrei-kozyrev", "israel", "1994"),
         act("Visit", "jawaharlal-nehru", "soviet-union", "1955-06"),
         act("Visit", "menachem-begin", "romania", "1977-08")],
    ),
    (
        "During her visit to Israel in March 2008 Angela Merkel addressed the Knesset. Nikita "
        "Khrushchev's tour of the United States in September 1959 ended at Camp David. Richard "
        "Nixon's tour in June 1974 took him to Damascus.",
        [act("Visit", "angela-merkel", "israel", "2008-03"),
         act("Visit", "nikita-khrushchev", "united-states", "1959-09"),
         act("Visit", "richard-nixon", "syria", "1974-06")],
    ),
    (
        "On 15 May 1948 Moshe Sharett cabled Vyacheslav Molotov. David Ben-Gurion answered "
        "Nikolai Bulganin in a letter of 8 November 1956. Nikita Khrushchev wrote to Dwight "
        "Eisenhower on 19 July 1958, proposing an immediate summit.",
        [act("Correspondence", "moshe-sharett", "vyacheslav-molotov", "1948-05-15"),
         act("Correspondence", "david-ben-gurion", "nikolai-bulganin", "1956-11-08"),
         act("Proposal", "nikita-khrushchev", "dwight-d-eisenhower", "1958-07-19")],
    ),
    (
        "On 7 April 1980 President Jimmy Carter broke diplomatic relations with Iran. In 1970 "
        "the Soviet Union shipped SA-3 missile batteries to Egypt. In October 2018 Moscow "
        "completed the delivery of S-300 air-defence systems to Syria.",
        [act("SeveranceOfRelations", "united-states", "iran", "1980-04-07"),
         act("ArmsTransfer", "soviet-union", "egypt", "1970"),
         act("ArmsTransfer", "russia", "syria", "2018-10")],
    ),
    (
        "When Yugoslavia recognized East Germany on 15 October 1957, Bonn broke off relations "
        "with Belgrade four days later. The resolution was adopted on 10 November 1975. The "
        "Soviet Union voted for it. Dwight Eisenhower's letter of 7 November 1956 urged David "
        "Ben-Gurion to withdraw.",
        [act("Recognition", "yugoslavia", "east-germany", "1957-10-15"),
         act("SeveranceOfRelations", "west-germany", "yugoslavia", "1957-10-19"),
         act("Vote", "soviet-union", "", "1975-11-10"),
         act("Correspondence", "dwight-d-eisenhower", "david-ben-gurion", "1956-11-07")],
    ),
    (
        # what follows a dated visit in its paragraph happens in the visit's month
        "Dmitry Medvedev arrived in Israel on 10 November 2016 for a two-day visit. He met "
        "Benjamin Netanyahu in Jerusalem.",
        [act("Meeting", "dmitry-medvedev", "benjamin-netanyahu", "2016-11")],
    ),
    (
        # a statement is directed at the foreign state it is about
        "On 18 April 1996 the Russian Foreign Ministry condemned Israel's shelling of Qana.",
        [act("PublicStatement", "russia", "israel", "1996-04-18")],
    ),
    (
        "In May 1990 Vaclav Havel became the first head of state from the former Eastern bloc "
        "to visit Israel. In 2012 Benjamin Netanyahu received the Russian leader in Jerusalem.",
        [act("Visit", "vaclav-havel", "israel", "1990-05"),
         act("Meeting", "benjamin-netanyahu", "russia", "2012")],
    ),
]

# whole news reports: the story's day comes from the dateline and the page's header
REPORTS: list[tuple[str, list[Act]]] = [
    (
        "Olmert in Moscow\n\nMOSCOW, Oct. 18, 2006 (AP) -- Prime Minister Ehud Olmert, on his "
        "first visit to Russia, met President Vladimir Putin today.",
        [act("Visit", "ehud-olmert", "russia", "2006-10-18"),
         act("Meeting", "ehud-olmert", "vladimir-putin", "2006-10-18")],
    ),
    (
        "Envoys Meet\n\nHELSINKI, Aug. 18, 1986 (AP) -- In July of last year, Israel's "
        "Ambassador to France, Ovadia Sofer, met the Soviet Ambassador in Paris, Yuli "
        "Vorontsov. On 1 July Mevlut Cavusoglu, the Turkish foreign minister, met Shimon Peres.",
        [act("Meeting", "ovadia-sofer", "yuli-vorontsov", "1985-07"),
         act("Meeting", "mevlut-cavusoglu", "shimon-peres", "1986")],
    ),
    (
        "Ministers Speak\n\nJERUSALEM, July 14, 1987 (JTA) -- Speaking briefly to reporters "
        "today, Yitzhak Shamir said Israel was ready. At a news conference, Moshe Arens said the "
        "same.\n\nIn Washington, the State Department spokesman, Charles Redman, said the "
        "United States welcomed the contacts. Shimon Peres, speaking on Israel Radio Sunday "
        "evening, had called the talks \"a useful start.\"",
        [act("PublicStatement", "yitzhak-shamir", "", "1987-07-14"),
         act("PublicStatement", "moshe-arens", "", "1987-07-14"),
         act("PublicStatement", "charles-redman", "", "1987-07-14"),
         act("PublicStatement", "shimon-peres", "", "1987-07-12")],
    ),
    (
        "Modi in Ramallah\n\nRAMALLAH, Feb. 10, 2018 (AP) -- Prime Minister Narendra Modi "
        "of India flew to Ramallah today. On Feb. 11 he visited Hebron.",
        [act("Visit", "narendra-modi", "palestine", "2018-02-10")],
    ),
    (
        "Envoys Talk in Vienna\n\nVIENNA, March 3, 1989 (AP) -- Officials of the Soviet Union "
        "and Israel sat down together here today for a first round of talks.\n\nSpeaking to "
        "reporters afterwards, Shimon Peres said the round had been useful.",
        [act("Meeting", "soviet-union", "israel", "1989-03-03"),
         act("PublicStatement", "shimon-peres", "", "1989-03-03")],
    ),
    (
        "The Daily Archive\n\nSee this page as printed on\nMay 5, 1965, Page 1\n\nAbout the "
        "Archive\nThis is a scanned copy of an article from the print archive.\n\nTREATY "
        "SIGNED\n\nFrom Our Correspondent\n\nBONN, May 4 -- Levi Eshkol and Ludwig Erhard "
        "signed a treaty this afternoon.",
        [act("Agreement", "levi-eshkol ludwig-erhard", "", "1965-05-04")],
    ),
]

NEGATIVE: list[tuple[str, list[Act]]] = [
    (
        # arms whose sale an envoy asks to stop were not sold
        "In November 2003 Ariel Sharon pressed the Kremlin to curb the sale of advanced weapons "
        "to Syria.",
        [act("ArmsTransfer", "ariel-sharon", "syria", "2003-11"),
         act("ArmsTransfer", "russia", "syria", "2003-11")],
    ),
    (
        # a letter "offering condolences" offers nothing
        "In June 2016 Recep Tayyip Erdogan sent Vladimir Putin a letter offering condolences.",
        [act("Proposal", "recep-tayyip-erdogan", "vladimir-putin", "2016-06")],
    ),
    (
        # weapons reach a country; only a person visits it
        "In 1955 Soviet weapons reached Egypt through Czechoslovakia.",
        [act("Visit", "czechoslovakia", "egypt", "1955")],
    ),
    (
        # a city names the talks held there; Kazakhstan takes no part
        "In 2017 Moscow convened the Astana talks with Turkey and Iran.",
        [act("Meeting", "kazakhstan", "turkey iran", "2017")],
    ),
    (
        # a visit told day by day is one visit, from the day it began
        "On April 27, 2005 Vladimir Putin arrived in Israel. On April 28, 2005 he visited "
        "Yad Vashem in Jerusalem.",
        [act("Visit", "vladimir-putin", "israel", "2005-04-28")],
    ),
    (
        # the envoy posted there is received at the ministry: no visit
        "On 10 November 1956 Yosef Avidar, the Israeli minister in Moscow, was received by "
        "Vasily Kuznetsov.",
        [act("Visit", "yosef-avidar", "soviet-union", "1956-11-10")],
    ),
    (
        "Benjamin Netanyahu spoke in Jerusalem in 2020. He recalled that the Arab League had "
        "declared its three no's in Khartoum in 1967.",
        [act("PublicStatement", "benjamin-netanyahu", "", "1967")],
    ),
    (
        "In 1956 Turkey recalled its minister from Israel. It did not, however, break off "
        "relations.",
        [act("SeveranceOfRelations", "turkey", "israel", "1956")],
    ),
    (
        "In 1972 Bonn restored relations with most Arab capitals.",
        [act("ResumptionOfRelations", "west-germany", "israel", "1972")],
    ),
    (
        "In 1987 Shimon Peres did not meet Eduard Shevardnadze.",
        [act("Meeting", "shimon-peres", "eduard-shevardnadze", "1987")],
    ),
    (
        "In 1990 Moscow was expected to restore relations with Israel soon.",
        [act("ResumptionOfRelations", "soviet-union", "israel", "1990")],
    ),
    (
        "In 1991 Israeli officials said they would consider opening a consulate in Kiev.",
        [act("PublicStatement", "israel", "", "1991")],
    ),
]


def _covered(want: Act, found: set[Act]) -> bool:
    """Found with at least the wanted parties in their roles, at a compatible date (as the
    extraction benchmark scores it: "1997" does for "1997-04", more parties do no harm)."""
    return any(
        f[0] == want[0] and want[1] <= f[1] and want[2] <= f[2] and dates_compatible(want[3], f[3])
        for f in found
    )


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_construction_gives_act(text: str, expected: list[Act], authority: Authority) -> None:
    found = _acts(text, authority)
    for a in expected:
        assert _covered(a, found), f"{a} not in {sorted(found)}"


@pytest.mark.parametrize(("text", "unwanted"), NEGATIVE, ids=[c[0][:50] for c in NEGATIVE])
def test_construction_gives_no_act(text: str, unwanted: list[Act], authority: Authority) -> None:
    found = _acts(text, authority)
    for a in unwanted:
        assert not _covered(a, found), f"{a} found in {sorted(found)}"


@pytest.mark.parametrize(("text", "expected"), REPORTS, ids=[c[0][:40] for c in REPORTS])
def test_report_construction_gives_act(
    text: str, expected: list[Act], authority: Authority
) -> None:
    found = _found(convert(text, source_id="report", authority=authority))
    for a in expected:
        assert _covered(a, found), f"{a} not in {sorted(found)}"
