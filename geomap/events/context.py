"""Whether a trigger's sentence allows its event: the needs of a vocabulary row
("only where the sentence names armed actors") and background that tells no new event
(a past year's toll, a war's toll, "since" clauses, words inside a name).
"""

from __future__ import annotations

import re
from datetime import date

from gazetteer.text import fold
from geomap.events.dating import _RELATIVE_CLAUSE, _SINCE
from geomap.events.vocabulary import Trigger
from geomap.model import EventDate
from geomap.recognize import demonyms

#: A plural noun right before "fighting", which it qualifies ("the coalition fighting
#: in Yemen", "jihadists fighting in Iraq"; not "heavy fighting", "as fighting raged").
_WHO_FIGHT = re.compile(
    r"\b(?:(?!(?:was|has|as|its|thus|yes|does|whereas|says|reports|sees|saw|faces|warns"
    r"|claims|denies|fears|expects|ends|begins|continues|resumes|stops|halts|sparks|triggers"
    r"|follows|means|describes|shows|blames|condemns|includes|involves|marks)\b)"
    r"[a-z]*[^\Wsiu]s|coalition|army|militia|group)\s+$", re.IGNORECASE)


#: Last words of the names of bodies, laws and places that hold a trigger's word.
_NAME_HEADS = frozenset("""act acts convention treaty office district school committee
    commission department agency center centre association council foundation institute
    ministry bureau party service union court university college organisation
    organization prohibition program programme project fund trust society club league
    museum memorial hospital award prize""".split())
_NAME_CONNECTORS = frozenset("of for and the on de".split())
_RUN_AFTER = re.compile(r"(?:\s+(?:(?:of|for|and|the|on|de)\s+)?[A-Z][\w'’-]*)+")
_RUN_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|on|de)\s+)?)+$")


def _in_a_name(sentence: str, start: int, end: int) -> bool:
    """Whether the capitalised trigger at ``start:end`` is a word of a longer name
    holding a body's or a law's word ("the Chemical Weapons Act", "the Office for Trade
    Negotiations"), in running text (not a headline in title case)."""
    after = _RUN_AFTER.match(sentence, end)
    before = _RUN_BEFORE.search(sentence, max(0, start - 120), start)
    if after is not None and after.group().split()[0].lower() in _NAME_CONNECTORS:
        after = None  # "Shelling of Kherson University": what was hit, not a name
    name = (before.group() if before else "").split() + (after.group() if after else "").split()
    if not any(word.lower().strip("'’,.") in _NAME_HEADS for word in name):
        return False
    words = sentence.split()
    return sum(w[:1].islower() for w in words) * 3 >= len(words)  # not "Blast Injures Three"


#: Who flees in a displacement: a population, not a suspect or a car ("the suspect fled
#: the scene"): people or a number of them (or a people, see :func:`_has_population`).
_POPULATION = re.compile(
    r"\b(?:people|persons|residents|civilians|famil(?:y|ies)|villagers|refugees|thousands"
    r"|hundreds|millions|dozens|children|women|inhabitants|migrants|households|population"
    r"|evacuees|citizens|locals|minorit(?:y|ies)|communit(?:y|ies))\b", re.IGNORECASE)
#: Endings of peoples the demonym list lacks ("Gazans", "Donetskians"; not "-is" or
#: "-ers": Memphis, Rogers).
_PEOPLE_ENDINGS = ("ians", "ans", "ese")
#: Capitalised plurals, which may be a people ("Ukrainians", "Somalis", "Chinese").
_PLURAL_NAME = re.compile(r"\b[A-Z][a-z]+(?:s|ese)\b")


def _has_population(sentence: str) -> bool:
    """Whether the sentence names a population: people, or a people ("Ukrainians";
    not "Memphis" or "Davis", which only look like one)."""
    if _POPULATION.search(sentence):
        return True
    peoples = demonyms()
    return any(fold(m.group()) in peoples or m.group().endswith(_PEOPLE_ENDINGS)
               for m in _PLURAL_NAME.finditer(sentence))


#: Armed actors, whose raids are battles ("Israeli forces killed five during a raid"),
#: where a police raid on a house is none.
_ARMED = re.compile(
    r"\b(?:troops|soldiers|forces|army|military|militants?|fighters|gunmen|rebels"
    r"|insurgents|militia\w*|commandos|paratroopers|marines|jihadists)\b", re.IGNORECASE)
#: Armed men a row that ``needs`` them may also find unnamed: "armed youths raided".
_ARMED_OR_UNNAMED = re.compile(rf"{_ARMED.pattern}|\barmed\s+(?:men|youths?|young\s+men)\b"
                               r"|\b(?:gunman|rebel|militant|bandits?|separatists?|maoists?"
                               r"|terrorists?|gangs?|gang\s+members|gangsters)\b", re.IGNORECASE)


#: A war's or a siege's whole toll, told in a clause about it: "a civil war that killed
#: some 400,000", "the 1992-1995 siege, in which more than 11,000 people were killed".
_A_WARS_TOLL = re.compile(
    r"\b(?:wars?|conflicts?|insurgency|siege|genocide|uprising|revolution|occupation"
    r"|massacres?)(?:\s*,\s*|\s+)(?:that|which|in\s+which|during\s+which)\b"
    # or has taken it: "The conflict has killed more than 6,000 people"
    r"|\b(?:wars?|conflicts?|insurgency|uprising)\s+(?:has|have|had)\s+"
    r"(?:so\s+far\s+|already\s+)?$",
    re.IGNORECASE)
#: A toll of months or years: "500 people were killed in the months of protests".
_PERIOD_TOLL = re.compile(
    r"(?:killed|died|dead)\s+(?:in|over|during)\s+the\s+(?:(?:past|last|following|ensuing)"
    r"\s+)?(?:\w+\s+)?(?:months|years)\b", re.IGNORECASE)

_SINCE_WORD = re.compile(r"\bsince\b", re.IGNORECASE)


def _history_aside(sentence: str, start: int, when: EventDate, published: date) -> bool:
    """Whether the trigger at ``start`` tells, in an aside about someone, what they did
    over a month before publication: "The army, which seized power in February 2021, has
    relied on air power" (a story's main clause keeps its history: "Russia annexed
    Crimea in 2014")."""
    if "," not in sentence or when.text is None or (published - when.start).days <= 31:
        return False
    return any(m.start() < start < m.end() for m in _RELATIVE_CLAUSE.finditer(sentence))


#: What lies between a date that modifies a trigger and the trigger: "last year's
#: deadly anti-tax protests", "2022's bombing" (not "In 2014 Russia annexed").
_BEFORE_ITS_NOUN = re.compile(r"['\u2019]s\s+(?:[\w-]+\s+){0,3}")


def _past_year_modifier(sentence: str, dates: list[tuple[int, int, EventDate]],
                        when: EventDate, start: int, published: date) -> bool:
    """Whether ``when`` is a past year that modifies the trigger at ``start``: "marking
    the anniversary of last year's deadly protests" recalls them, it tells no event."""
    if when.precision != "year" or when.end >= published:
        return False
    at = next((hi for _, hi, d in dates if d is when), None)
    return at is not None and at <= start and _BEFORE_ITS_NOUN.fullmatch(
        sentence, at, start) is not None


def _running_since(sentence: str, dates: list[tuple[int, int, EventDate]], when: EventDate,
                   published: date, start: int = 0) -> bool:
    """Whether ``when`` is where a running total or an ongoing war starts, over a month
    before publication: "since May 2023", or in a clause opened by "since" after the
    trigger at ``start`` ("have been killed since Russia launched its invasion in
    February 2022"); but "since Monday" is this week's news."""
    if (published - when.start).days <= 31:
        return False
    at = next((lo for lo, _, d in dates if d is when), None)
    return at is not None and (_SINCE.search(sentence, max(0, at - 16), at) is not None
                               or start < at and _SINCE_WORD.search(sentence, start, at)
                               is not None)


def _in_a_wars_clause(sentence: str, start: int) -> bool:
    """Whether the toll at ``start`` is told in a clause about a war (see
    :data:`_A_WARS_TOLL`), not after it: "The civil war, which erupted in 1972, has so
    far claimed 70,000 lives" is a report of its toll."""
    ends = [m.end() for m in _A_WARS_TOLL.finditer(sentence, 0, start)]
    return bool(ends) and "," not in sentence[ends[-1]:start]


#: A protest or its people, what makes a scuffle that "turned violent" a riot.
_PROTEST = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|(?-i:march(?:es|ers)?)"
                      r"|sit-ins?)\b", re.IGNORECASE)
#: An election, where towns and seats are won with votes.
_ELECTION = re.compile(r"\b(?:elections?|electoral|votes?|voters|ballots?|polls|seats"
                       r"|mayoral|parliamentary|landslide)\b", re.IGNORECASE)


#: A soldier or fighter among the victims or the targets.
_SOLDIER = re.compile(r"\b(?:soldiers?|troops|servicem[ae]n|fighters?|militants?|combatants?"
                      r"|police(?:m[ae]n)?|officers?)\b", re.IGNORECASE)
#: Armed men of no state, told before state forces kill them.
_FIGHTERS = re.compile(r"\b(?:militants?|insurgents?|gunm[ae]n|rebels?|jihadists?|fighters?"
                       r"|terrorists?|bandits?|attackers?|assailants?|militiam[ae]n|gangs?"
                       r"|gang\s+members?)\b", re.IGNORECASE)
#: State forces, told before they kill armed men.
_STATE_FORCES = re.compile(r"\b(?:troops|soldiers|security\s+forces|police|policemen|army"
                           r"|forces|commandos|paratroopers|marines)\b", re.IGNORECASE)
#: People taken, told before "seized from".
_CAPTIVE_WORDS = (r"people|pupils|students|schoolchildren|villagers|passengers|worshippers"
                 r"|children|women|men|girls|boys|farmers|residents|teachers|travell?ers"
                 r"|civilians|hostages|workers")
_SEIZED_PEOPLE = re.compile(rf"\b(?:{_CAPTIVE_WORDS})\b", re.IGNORECASE)
#: People as the subject of a passive right before a trigger: "a dozen women were
#: captured", "two soldiers had been seized" (not those holding what was taken:
#: "villages held by rebels were seized").
_PASSIVE_CAPTIVES = re.compile(
    r"(?<!held\sby\s)(?<!controlled\sby\s)(?<!manned\sby\s)(?<!run\sby\s)"
    rf"\b(?:{_CAPTIVE_WORDS}|soldiers|troops|policemen|officers|fighters"
    r"|militants|rebels|journalists|aid\s+workers|tourists|sailors|crew)\s+(?:[\w-]+\s+)?"
    r"(?:was|were|had\s+been|have\s+been|has\s+been|being|got)\s+$", re.IGNORECASE)
#: Words of a match report, and a score, that conflict news does not use (not
#: "defence", "strikers", "goal", "squad" or "rout": "the defence ministry", hunger
#: strikers, "the army's goal"); lowercase, so "the Arab League" is none, but the
#: competitions by name.
_SPORT = re.compile(
    r"\b(?:goalkeeper|penalt(?:y|ies)|half-time|halftime|kick-off|kickoff|fixtures?"
    r"|semi-finals?|quarter-finals?|innings|wickets?|bowlers?|batsm[ae]n|batting|thrashed"
    r"|trounced|hat-trick|equali[sz]er|stoppage\s+time|clean\s+sheet|scoreline|midfielders?"
    r"|title\s+(?:hopes|race|challenge|defence)|winners|(?:Premier|Champions|Europa|Nations"
    r"|Ligue)\s+League|La\s+Liga|Serie\s+A|Bundesliga|Super\s+Bowl|NBA|NFL|NHL"
    r"|(?<![\w.,-])\d{1,2}-\d{1,2}(?![\w.,-]))(?!\w)")
#: What makes a sentence conflict news whatever its sport words: armed men, police,
#: weapons ("Gunmen attacked the cricket team's bus", "a bomb outside the stadium").
_ARMED_OR_ARMS = re.compile(
    r"\b(?:gunm[ae]n|militants?|jihadists?|insurgents?|rebels?|troops|soldiers|forces|army"
    r"|police|militia\w*|terrorists?|attackers|bombs?|bomber|explosives?|explosions?|guns?"
    r"|gunfire|grenades?|missiles?|rockets?|drones?|shot|shooting)\b", re.IGNORECASE)


#: Families of events only armed men or weapons make (a massacre by a mob is one-sided
#: violence, of any story).
_ARMED_TYPES = frozenset({"battles", "explosions_remote_violence"})
#: Armed men, their arms and their wars, of which a story of a battle or an explosion
#: names one at least (not the words sport, business or weather use too: "shot",
#: "war", "offensive", "strikes", "forces", "explosive", "bombs", "weapon", "ammunition",
#: "aircraft", "shells", "tanks", "brigade", "water bombers", "market forces").
_ARMED_STORY = re.compile(
    r"\b(?:gunm[ae]n|militants?|jihadis\w*|insurgen\w*|rebels?|rebellion|troops?|soldiers?"
    r"|army|armies|armed|military|militar\w+|police\w*|militia\w*|terroris\w+|attackers"
    r"|assailants|fighters|combatants|guerrill\w+|paramilitar\w+|bombing|bombardment"
    r"|explosives|explosions?|exploded|detonat\w+|blasts?|gunfire|gunshots?|grenades?"
    r"|missiles?|drones?|shelling|artillery|mortars?|warplanes?|air\s?strikes?|airstrikes?"
    r"|rifles?|IEDs?|snipers?|ceasefire|truce|navy|naval|battalions?|regiments?|commandos?"
    r"|Hamas|Hezbollah|Taliban|Houthis?|Shabaab|Boko\s+Haram|Islamic\s+State|ISIS|ISIL"
    r"|cartels?|gangs?|gangsters|shelled|explosive-laden|crossfire|firefights?"
    r"|gun-?battles?|(?:opened|traded|exchanged|returned)\s+fire|exchanges?\s+of\s+fire"
    r"|(?<!market\s)(?<!join\s)(?<!joined\s)(?<!joining\s)forces)\b", re.IGNORECASE)
#: How long a story is before :data:`_ARMED_STORY` must find a word in it: a wire
#: story names who fought or with what; a one-line item may not ("The two sides traded
#: fire near the border on Monday").
ARMED_STORY_MIN_CHARS = 1000


def _sport(sentence: str) -> bool:
    """Whether ``sentence`` reads as a match report: two distinct :data:`_SPORT` cues
    and no armed men or weapons (:data:`_ARMED_OR_ARMS`) make its "attack", "battle"
    or "fought" a metaphor (unless someone was killed or hurt: the caller asks)."""
    cues = {m.group().lower().rstrip("s") for m in _SPORT.finditer(sentence)}
    return len(cues) >= 2 and not _ARMED_OR_ARMS.search(sentence)


#: Ordinary crimes (of money, drugs, drink), whose arrests are police work, not political
#: events (ACLED codes no ordinary crime): "arrested 34 people in raids targeting a fraud
#: ring", "made four arrests, mainly for drug possession".
_ORDINARY_CRIME = re.compile(
    r"\b(?:fraud\w*|swindl\w*|scam(?:s|mers?|ming)?|embezzl\w*|money[\s-]launder\w*"
    r"|tax\s+evasion|ponzi|burglar\w*|shoplift\w*|counterfeit\w*|insider\s+trading"
    r"|cryptocurrenc\w*|robber(?:y|ies)|heists?|smash-and-grab|jewel(?:l?ers?|l?e?ry)|thefts?"
    r"|pickpocket\w*|carjack\w*|drugs?[\s-]possession|possession\s+of\s+(?:drugs|cannabis"
    r"|cocaine|heroin|narcotics|marijuana)|drink[\s-]driving|drunk(?:en)?[\s-]driving"
    r"|bank\s+robber\w*|escap(?:ed|ing)\s+with\s+(?:the\s+)?(?:cash|money|valuables))\b",
    re.IGNORECASE)
#: A piece of every word :data:`_ORDINARY_CRIME` finds, lowercase: a sentence with none
#: tells no crime, and the pattern need not run.
_CRIME_STEMS = ("fraud", "swindl", "scam", "embezzl", "launder", "evasion", "ponzi", "burglar",
                "shoplift", "counterfeit", "insider", "cryptocurrenc", "robber", "heist",
                "smash-and-grab", "jewel", "theft", "pickpocket", "carjack", "possession",
                "drink", "drunk", "robber", "escap")
#: Minor offences, whose arrests are police work unless the sentence tells unrest
#: ("20 arrests for public order offences during Hogmanay celebrations"; not "clashed with
#: police and arrested 40 for public order offences").
_MINOR_OFFENCES = re.compile(r"\b(?:disorderly\s+conduct|public[\s-]order\s+offen[cs]es"
                             r"|breach\s+of\s+the\s+peace)\b", re.IGNORECASE)
_UNREST = re.compile(r"\b(?:clash\w*|protest\w*|demonstrat\w+|marche?d?|march(?:ers|ing)"
                     r"|rall\w+|riot\w*|unrest|sit-ins?)\b", re.IGNORECASE)
#: ... unless those arrested are political: "detained Istanbul mayor Ekrem Imamoglu on
#: charges of corruption and fraud", "arrested opposition activists protesting against
#: the fraud-tainted election".
_POLITICAL = re.compile(
    r"\b(?:opposition|activists?|protesters?|demonstrators?|mayors?|journalists?|ministers?"
    r"|president|party|junta|lawmakers?|governors?|leaders?|politicians?|dissidents?|rebels?"
    r"|militants?|insurgents?|separatists?|soldiers|troops|army|military|resistance"
    r"|elections?|votes?|ballots?|former)\b", re.IGNORECASE)
def _crime_story(lead: str) -> bool:
    """Whether a story's lead tells an ordinary crime (:data:`_ORDINARY_CRIME`), no
    political case: "police have arrested four people suspected of a smash-and-grab raid
    on a jeweller"."""
    return _ORDINARY_CRIME.search(lead) is not None and _POLITICAL.search(lead) is None


#: What rallies in markets, not streets, and the people who rally in streets.
_MARKET = re.compile(r"\b(?:prices?|shares|stocks?|futures|markets?|bonds?|yields?|dollar|euro"
                     r"|yen|index|indices|currenc(?:y|ies)|equities|crude|commodit(?:y|ies)"
                     r"|investors)\b", re.IGNORECASE)
_CROWD = re.compile(r"\b(?:thousands|hundreds|dozens|protesters|demonstrators|supporters"
                    r"|people|crowds?|traders|workers|students|farmers|residents|activists"
                    r"|opposition)\b", re.IGNORECASE)


#: What makes talks a labour dispute's, not a conflict's.
_LABOUR = re.compile(r"(?<!african\s)(?<!european\s)(?<!soviet\s)\b(?:unions?|union's|wages"
                     r"|wage\s+(?:rise|increase|demands?|dispute|deal|talks)|pay\s+(?:rise|deal"
                     r"|talks)|salar(?:y|ies)|employers?|bargaining|dockworkers|labou?r\s+"
                     r"(?:dispute|talks|ministry)|workers['\u2019]\s|strikers|walkouts?"
                     r"|walked\s+out|striking|industrial\s+action|rail|railways?|transport"
                     r"|\d+-hour|flights)\b", re.IGNORECASE)


#: What drops bombs: "a fighter jet dropped two bombs", not "the Chiefs dropped bombs".
_AIRCRAFT = re.compile(r"\b(?:jets?|planes?|aircraft|warplanes?|helicopters?|gunships?"
                       r"|drones?|bombers|military|army|air\s+force|forces|junta)\b",
                       re.IGNORECASE)
#: Needs met by what the sentence names: armed actors ("troops raided", not "police
#: raided"), a protest, a soldier among the victims.
#: Harm a drone strike does, or what it hits, told with it ("drones launched by Russia
#: struck energy facilities"; not "a drone flown by a hobbyist hit a power line").
_HARMED = re.compile(r"\b(?:kill\w*|dead|died|deaths?|wound\w*|injur\w*|destroy\w*|damag\w*"
                     r"|fire|ablaze|blaze|civilians?|casualt\w+|attack\w*|houses?|homes?"
                     r"|buildings?|facilit\w+|infrastructure|airports?|power\s+(?:stations?"
                     r"|plants?|grid)|refiner\w+|depots?)\b", re.IGNORECASE)
#: A mine that went off or did harm, not one counted, sent or cleared ("deminers cleared
#: 2,000 anti-personnel mines").
_BLAST = re.compile(rf"{_HARMED.pattern}|\b(?:explo\w+|detonat\w+|blasts?|went\s+off|hit|struck"
                    r"|stepped\s+on|ran\s+over|drove\s+over|triggered)\b", re.IGNORECASE)
_NEEDS_NAMED = {"armed": _ARMED_OR_UNNAMED, "protest": _PROTEST, "soldier": _SOLDIER,
                "harm": _HARMED, "blast": _BLAST}
#: ... by what it names before the trigger: armed men of no state ("two gunmen were
#: killed by soldiers"), state forces ("troops killed 12 militants"), people taken
#: ("pupils were seized from a school", not "cocaine was seized from").
#: Who sets fire to things as an event: armed men or crowds ("separatists set fire to a
#: school", "hundreds of people set fire to two vehicles"; not "a man", "a short circuit").
_DOERS = re.compile(rf"{_ARMED_OR_UNNAMED.pattern}|\b(?:crowds?|mobs?|rioters?|protesters?"
                    r"|demonstrators?|youths|attackers|assailants|arsonists?|(?:hundreds|thousands|dozens)"
                    r"\s+of)\b", re.IGNORECASE)
_NEEDS_NAMED_BEFORE = {"fighters": _FIGHTERS, "state": _STATE_FORCES,
                       "victims": _SEIZED_PEOPLE, "aircraft": _AIRCRAFT,
                       "armedbefore": _ARMED_OR_UNNAMED, "doers": _DOERS}
#: ... by what it does not name: a soldier ("A soldier was killed by sniper fire" is a
#: battle's victim), a labour dispute ("the union's leader said after talks").
#: The state's armed men and guards, whom an attack on people does not meet (militants
#: are the attackers here: "Militants stormed a kibbutz, killing 20 residents").
_GUARDS = re.compile(r"\b(?:soldiers?|troops|servicem[ae]n|police(?:m[ae]n)?|officers?"
                     r"|guards?)\b", re.IGNORECASE)
#: Weather that pelts ("Hailstones as big as softballs bombarded farms"), no shelling.
_WEATHER = re.compile(r"\b(?:hail(?:stones?|storms?)?|rain(?:fall|storms?)?|storms?|winds?"
                      r"|gusts?|waves|snow\w*|sleet|meteor\w*|asteroids?)\b", re.IGNORECASE)
_NEEDS_UNNAMED = {"civilian": _SOLDIER, "unguarded": _GUARDS, "nolabour": _LABOUR,
                  "noweather": _WEATHER}
#: ... by a "bombed" whose subject is no flop: "Shares of the chipmaker bombed on
#: Tuesday", "the sequel bombed" (the subject's noun, then no clause break or verb of
#: another clause before "bombed": not "a stock index rose after Ukraine bombed").
_FLOP_SUBJECT = re.compile(
    r"\b(?:shares|stocks?|bonds|futures|films?|movies?|sequels?|albums?|musicals?"
    r"|shows?)\b(?![^,;.]*\b(?:after|when|as|because|while|rose|fell|said)\b)[^,;.]{0,60}$",
    re.IGNORECASE)


def _flopped(sentence: str, start: int) -> bool:
    """Whether the trigger at ``start`` is a "bombed" said of a flop (see
    :data:`_FLOP_SUBJECT`), with no armed men named."""
    return (sentence.startswith("bombed", start)
            and _FLOP_SUBJECT.search(sentence, max(0, start - 80), start) is not None
            and _ARMED.search(sentence) is None)


#: Words that open a phrase before a sentence's subject: "Amid a flood of migrants, the
#: minister visited Lampedusa" (but "A group of tourists, mostly retirees, arrived").
_OPENING_PHRASE = re.compile(
    r"\s*(?:amid|after|before|during|despite|following|with|while|as|in|on|since|although"
    r"|though|because|unlike|like)\b", re.IGNORECASE)
#: Visitors who are no envoys: "an aid worker who visited the hospital", "the family
#: arrived in Greece".
_PRIVATE_VISITORS = re.compile(
    r"\b(?:tourists?|visitors?|children|students?|patients?|workers?|famil(?:y|ies)|fans"
    r"|migrants|refugees|smugglers?|customers|travell?ers|passengers|pilgrims|wife|husband"
    r"|son|daughter|mother|(?<!holy\s)father|boy|girl|police|officers|detectives|soldiers"
    r"|my|our|(?-i:I|we|We))\b",
    re.IGNORECASE)
#: People in general, private visitors as the subject itself: "people who took the tour
#: visited", "A New Jersey woman ... visiting" (not "A couple of days later, Blinken
#: arrived", "the leader of 1.3 billion people arrived", "the first woman to").
_PRIVATE_SUBJECT = re.compile(
    r"\s*(?:[\w.-]+\s+){0,3}?(?:man|men|woman|women|couple|residents?|people|person|friends"
    r"|relatives|volunteers|parents|kids|teens?|teenagers?)\b(?!['’]s|\s+of\b)",
    re.IGNORECASE)


#: Who said it, closing a sentence: ", the Guayas police command said.", ", according to
#: police."
_ATTRIBUTION = re.compile(
    r",\s+(?:according\s+to\b[^,;]*|(?:[\w'\u2019-]+\s+){1,6}(?:said|says|reported"
    r"|told\s+[\w-]+)"
    r"(?:\s+on\s+\w+)?)[.!?\"\u201d]*\s*$")


def _attributed_at(sentence: str) -> int:
    """Where a closing attribution starts (the sentence's end if none): the police who
    say what happened are none of its people."""
    m = _ATTRIBUTION.search(sentence) if ("sa" in sentence or "ccording" in sentence
                                          or "reported" in sentence or "told" in sentence
                                          ) else None
    return m.start() if m else len(sentence)


def _context_allows(trig: Trigger, sentence: str, start: int) -> bool:
    """Whether the sentence has what the trigger's ``needs`` ask of it beyond a count
    (see :func:`load_vocabulary`): what it must name (:data:`_NEEDS_NAMED`), name before
    the trigger (:data:`_NEEDS_NAMED_BEFORE`) or not name (:data:`_NEEDS_UNNAMED`);
    ``people``, a population that flees; ``rally``, no market without people;
    ``official``, no private visitor in the clause before a visit ("the aid worker who
    visited the hospital"; but "Amid a flood of migrants, the minister visited
    Lampedusa")."""
    needs = trig.needs
    if "people" in needs and not _has_population(sentence):
        return False
    if "rally" in needs and _MARKET.search(sentence) and not _CROWD.search(sentence):
        return False  # "extending a rally that has seen prices double" (but "Thousands
        # rallied against rising food prices")
    for need in needs:
        rx = _NEEDS_NAMED.get(need)
        if rx is not None and not rx.search(sentence):
            return False
        rx = _NEEDS_NAMED_BEFORE.get(need)
        if rx is not None and not rx.search(sentence, 0, start):
            return False
        if need == "noflop" and _flopped(sentence, start):
            return False
        rx = _NEEDS_UNNAMED.get(need)
        if rx is not None and rx.search(
                sentence, sentence.rfind(",", 0, start) + 1 if need == "noweather" else 0,
                # (the weather of the trigger's own clause: not "bombarded the town
                # despite heavy rain")
                start if need == "noweather" else len(sentence) if need == "nolabour"
                else _attributed_at(sentence)):
            return False  # (a union that says so makes a labour dispute)
    if trig.sub_event_type == "non_violent_transfer_of_territory" and (
            _ELECTION.search(sentence) and not _ARMED.search(sentence)
            or _PASSIVE_CAPTIVES.search(sentence, max(0, start - 60), start)):
        return False  # "the alliance won the election, capturing Porto and Braga";
        # "a dozen women were captured": people taken, no territory
    if "official" not in trig.needs:
        return True
    clause = 0  # the subject's clause, after an opening phrase if there is one
    if _OPENING_PHRASE.match(sentence):
        clause = sentence.find(",", 0, start) + 1
    return not (_PRIVATE_VISITORS.search(sentence, clause, start)
                or _PRIVATE_SUBJECT.match(sentence, clause, start))


#: Deaths that are no violence: disease ("91 cases", not "in some cases"), animals,
#: accidents and disasters (not cattle, whose raids kill herders).
_NOT_VIOLENCE = re.compile(
    r"\b(?:outbreaks?(?!\s+of\s+(?:civil\s+)?(?:war|violence|fighting|hostilities|clashes))"
    r"|gas\s+(?:explosions?|blasts?|leaks?)|(?<!land\s)mine\s+(?:explosions?|blasts?|collapses?)"
    r"|virus|viral|diseases?|infect\w*|flu"
    r"|(?<!some\s)(?<!many\s)(?<!other\s)(?<!most\s)(?<!such\s)(?<!both\s)(?<!these\s)cases"
    r"|influenza|plague|cholera"
    r"|ebola|measles|malaria|epidemics?|pandemics?|illness|sick|birds|ducks|poultry"
    r"|(?:house|home|trailer|apartment|building|wild|brush|grass|forest|bush)\s*fires?"
    r"|(?:due\s+to|because\s+of)\s+injur(?:y|ies)|liquor|alcohol"
    r"|sheep|pigs|fish|animals|dogs|horses|geese|chickens|swans|wildlife"
    r"|heat ?waves?|floods?|flooding|earthquakes?|storms?|hurricanes?|typhoons?|cyclones?"
    r"|tornado(?:es)?|blizzards?|snow|avalanches?|lightning|drown\w*|trees?"
    r"|landslides?|crash(?:es|ed)?|accidents?|overdoses?|cancer"
    # bodies handed over in a swap: "to return the bodies of 6,000 dead soldiers each"
    r"|(?:return(?:ed|ing)?|repatriat\w+|exchang\w+|swap\w*|hand(?:ed|ing)?\s+over)\s+"
    r"(?:the\s+)?(?:remains|bodies))\b", re.IGNORECASE)
