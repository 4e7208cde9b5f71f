"""Second looks at an event's type and sub-type once its sentence is read: deaths
with a harmless cause, what exploded, who was attacked, whether a meeting was
diplomatic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from geomap.dates import folds_like_ascii
from geomap.events.context import _ARMED, _NOT_VIOLENCE
from geomap.events.counts import _case_folded, _haystack
from geomap.events.places import _CLAUSE_BREAK
from geomap.events.sentences import _Sentence
from geomap.model import Event

#: Harm whose cause is no violence, in the sentences around a toll or an evacuation
#: (the sentence itself is tested against :data:`_NOT_VIOLENCE`): "killed after crashing
#: his car", "carbon monoxide", "food poisoning", a gas leak, a power outage.
_HARMLESS_CAUSE = re.compile(
    r"\b(?:crashing|poison\w*|tainted|blazes?|flames|leak(?:s|ed|ing)?|hazmat|white\s+powder"
    r"|carbon\s+monoxide|collaps\w*|derail\w*|fever|outages?|blackouts?|hypoglyc\w*"
    r"|swine|bird\s+flu|h\dn\d|collisions?|wreck(?:s|ed)?|heart\s+attacks?)\b",
    re.IGNORECASE)
#: What makes harm violence: weapons, armed actors, attacks and crimes against people.
_VIOLENCE_CUE = re.compile(
    r"\b(?:(?<!heart\s)attack\w*|shootings?|gunm[ae]n|gunfire|gunshots?|shot\s+dead|stabb\w*"
    r"|bomb\w*|explosives?|militan\w*|insurgen\w*|rebels?|troops|soldiers|army|military"
    r"|forces|air\s?strikes?|air\s+raids?|shell(?:ing|ed|s)|artillery|missiles?|rockets?"
    r"|mortars?|murder\w*|massacre\w*|war|clash\w*|fighting|terror\w*|assault\w*"
    r"|ambush\w*|riot\w*|violen\w*|homicides?|slain|killers?|hostages?|kidnap\w*"
    r"|abduct\w*|raids?|gunned|drones?|shaheds?|strikes?|shot|shooting|warplanes?"
    r"|grenades?|landmines?|ieds?)\b", re.IGNORECASE)
_VIOLENCE_CUE_FOLDED = _case_folded(_VIOLENCE_CUE)
#: Either of them, in one pass.
_HARM_CAUSE = re.compile(f"{_NOT_VIOLENCE.pattern}|{_HARMLESS_CAUSE.pattern}", re.IGNORECASE)
_HARM_CAUSE_FOLDED = _case_folded(_HARM_CAUSE)
#: Event types whose harm may have a cause that is no violence (a toll, an evacuation,
#: aid, a blast): kept only if the story around them says violence caused it.
_HARM_TYPES = frozenset({"casualties_report", "displacement", "humanitarian",
                         "explosions_remote_violence"})
#: How many sentences before the event's own are read for its cause (with the lead).
CAUSE_SENTENCES = 2


def _may_be_harmless(event: Event) -> bool:
    """Whether ``event`` could be harm with a cause that is no violence: a toll, an
    evacuation, aid, destruction ("the storm razed shanty towns"), or an explosion only
    a generic word told ("the blast")."""
    if event.event_type == "explosions_remote_violence":
        cue = _KIND_CUE.get(event.sub_event_type or "")
        return cue is not None and not cue.search(event.evidence)
    return event.event_type in _HARM_TYPES or (
        event.sub_event_type == "looting_property_destruction"
        and _LOOTERS.search(event.evidence) is None)


#: People who did the damage: looting after a storm is still an event.
_LOOTERS = re.compile(r"\b(?:loot\w*|ransack\w*|pillag\w*|arson\w*)\b", re.IGNORECASE)


class _Causes:
    """What each sentence of a document says caused harm, read once per sentence and
    only as far as needed (violence first: most stories that have tolls have it)."""

    __slots__ = ("sentences", "_violent", "_harmless", "_kinds", "_near")

    def __init__(self, sentences: list[_Sentence]):
        self.sentences = sentences
        self._violent: dict[int, bool] = {}
        self._harmless: dict[int, bool] = {}
        self._kinds: dict[int, tuple[str, ...]] = {}
        self._near: dict[int, str | None] = {}

    def violent(self, k: int) -> bool:
        hit = self._violent.get(k)
        if hit is None:
            text, rx = _haystack(self.sentences[k].text, _VIOLENCE_CUE, _VIOLENCE_CUE_FOLDED)
            hit = self._violent[k] = rx.search(text) is not None
        return hit

    def harmful(self, k: int) -> bool:
        hit = self._harmless.get(k)
        if hit is None:
            text = self.sentences[k].text
            rx = _HARM_CAUSE
            if folds_like_ascii(text):
                text, rx = text.lower(), _HARM_CAUSE_FOLDED
            hit = self._harmless[k] = rx.search(text) is not None
        return hit

    def kinds(self, k: int) -> tuple[str, ...]:
        """The kinds of explosion sentence ``k`` has the cues of, in the order tried."""
        found = self._kinds.get(k)
        if found is None:
            text = self.sentences[k].text
            kinds, any_kind = _EXPLOSIVE_KINDS, _ANY_KIND
            if folds_like_ascii(text):
                text, kinds, any_kind = text.lower(), _EXPLOSIVE_KINDS_FOLDED, _ANY_KIND_FOLDED
            found = self._kinds[k] = tuple(kind for kind, rx in kinds if rx.search(text)) \
                if any_kind.search(text) else ()  # most sentences: none, found in one pass
        return found

    def kind_near(self, k: int) -> str | None:
        """The kind of explosion the sentences nearest ``k`` tell (itself, then out from
        it, then the lead), if any."""
        if k not in self._near:
            near = sorted(range(max(0, k - CAUSE_SENTENCES),
                                min(len(self.sentences), k + CAUSE_SENTENCES + 1)),
                          key=lambda i: (abs(i - k), i > k))
            self._near[k] = next((self.kinds(i)[0] for i in (*near, 0) if self.kinds(i)),
                                 None)
        return self._near[k]

    def harmless(self, k: int) -> bool:
        """Whether sentence ``k`` itself, or the story around it (the lead, the sentences
        just before it and itself), tells a cause of harm that is no violence, and no
        violence: "An explosion ripped through a noodle restaurant ... caused by a gas
        leak", cholera deaths, a flood evacuation."""
        if not self.violent(k) and self.harmful(k):
            return True  # told in the sentence itself: "the cyclone ripped the roofs off"
        window = {0, *range(max(1, k - CAUSE_SENTENCES), k + 1)}
        return not any(map(self.violent, window)) and any(map(self.harmful, window))


#: What says which kind of explosion a generic word ("the blast", "the bombing") was,
#: in the order tried; a default kind whose own cue the sentence lacks gives way to them.
_EXPLOSIVE_KINDS = (
    ("suicide_bomb", re.compile(r"\bsuicide\b", re.IGNORECASE)),
    ("remote_explosive_landmine_ied", re.compile(
        r"\b(?:(?:car|truck|roadside|parcel|letter)\s+bombs?|ieds?|improvised|explosive"
        r"\s+devices?|land\s?mines?|(?:by|on|hit|struck)\s+an?\s+(?:[\w-]+\s+)?mine"
        r"|anti-(?:tank|personnel)\s+mines?|mine\s+(?:blast|explosion)s?|trip-?wires?"
        r"|remote(?:ly)?[\s-]+(?:control(?:led)?|detonated)|bomb\s+(?:blasts?|explosions?)"
        r"|bombs?\s+(?:exploded|went\s+off|detonated)|planted)\b", re.IGNORECASE)),
    ("shelling_artillery_missile_attack", re.compile(
        r"\b(?:shell(?:s|ing|ed)?|artillery|rockets?|mortars?|missiles?|bombard\w*"
        r"|howitzers?)\b", re.IGNORECASE)),
    ("air_drone_strike", re.compile(
        r"\b(?:air\s?strikes?|air\s?raids?|air\s?force|warplanes?|(?:fighter|war)\s?jets?|jets"
        r"|drones?|bombers|helicopter\s+gunships?|aerial\s+(?:bombardment|attacks?|bombs?)"
        r"|(?:military|army|its|their)\s+(?:aircraft|planes|jets))\b",
        re.IGNORECASE)),
)


def _explosive_kind(causes: _Causes, k: int, event: Event) -> Event:
    """``event`` with the kind of explosion the story tells when its sentence lacks the
    cue of the default kind a generic word gave it: "blown up by a second mine" is a
    landmine, "The blast" after "A suicide car bomb ..." a suicide bombing (the nearest
    sentences first, then the lead)."""
    if (event.event_type != "explosions_remote_violence"
            or event.sub_event_type not in _DEFAULT_KINDS
            or _KIND_CUE[event.sub_event_type].search(causes.sentences[k].text)):
        return event  # most: "shelling hit the city"
    kind = causes.kind_near(k)
    return event if kind is None or kind == event.sub_event_type else replace(
        event, sub_event_type=kind)


#: What makes an attack a battle: two armed sides ("clashes", "a gun battle", troops).
_TWO_SIDED = re.compile(
    r"\b(?:clash\w*|fight(?!ers?\b)\w*|fought|battles?|firefights?|gunfights?|exchanges?\s+of\s+fire"
    r"|skirmish\w*|offensives?|counter-?attack\w*|front\s?lines?|shoot-?outs?|sieges?)\b",
    re.IGNORECASE)


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause of ``text`` that holds ``start:end`` (commas, semicolons,
    "while" and the like end clauses)."""
    breaks = list(_CLAUSE_BREAK.finditer(text))
    lo = max((m.end() for m in breaks if m.end() <= start), default=0)
    hi = min((m.start() for m in breaks if m.start() >= end), default=len(text))
    return lo, hi


#: Taking a place, and (after it) the battle it was taken in ("seized the headquarters
#: after a five-week siege"; not "fighting for autonomy", nor the fighting of another
#: clause before it: "after months of fierce fighting, ... since it captured Bakhmut").
_TAKEN = re.compile(r"\b(?:seiz|captur|(?:took|taken)\s+(?:full\s+)?control|overr[au]n"
                    r"|fell\s+to)", re.IGNORECASE)
_TAKEN_IN_BATTLE = re.compile(
    r"\b(?:sieges?|clash\w*|battles?|fighting|fought|offensives?|assaults?|firefights?"
    r"|gunfights?)\b(?!\s+for\b)", re.IGNORECASE)
#: Armed men an attack meets: police, soldiers at a post.
_SECURITY = re.compile(
    r"\b(?:police\s+(?:stations?|posts?|officers?|patrols?|headquarters)|policem[ae]n"
    r"|checkpoints?|barracks|military\s+(?:bases?|posts?|camps?)|army\s+(?:bases?|posts?"
    r"|camps?)|positions|patrols?|outposts?|garrisons?|detachments?"
    r"|convoys?\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:army|forces|troops|soldiers))\b",
    re.IGNORECASE)
_PROTESTERS = re.compile(r"\b(?:protesters?|demonstrators?|rioters?)\b", re.IGNORECASE)
#: Unarmed people whose clashes with each other, or with police, are riots (ACLED), not
#: battles: "students clashed with activists of the ruling party" (sides named next to
#: the clash: "Residents said 15 were killed in clashes" tells who said it).
_UNARMED = (r"(?<!armed\s)(?:students|activists|supporters|residents|blockaders|youths|fans"
            r"|mobs?|crowds?)")
_UNARMED_SIDES = re.compile(
    rf"\b{_UNARMED}\b(?:\s+(?!(?:said|say|says|reported|report|reports|told|tell)\b)"
    rf"[\w'\u2019-]+){{0,5}}?\s+clash(?:es|ed)?\b"
    rf"|\bclash(?:es|ed)?\s+(?:between|with)\s+(?:[\w'\u2019-]+\s+){{0,3}}?{_UNARMED}\b",
    re.IGNORECASE)
#: The words at which protesters make a riot of a battle: "clashes with police", "stormed".
_CLASH_OR_STORM = re.compile(r"\b(?:clash(?:es|ed)?|stormed)\b", re.IGNORECASE)
#: Armed groups that are no state's.
_NON_STATE = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|separatists?|jihadists?|militias?|militiamen"
    r"|guerrillas?|gangs?|(?-i:[A-Z]\w+\s+Army))\b", re.IGNORECASE)
#: What puts the taker after the verb: "captured by" (and "fell to", which _TAKEN ends in).
_TAKEN_BY = re.compile(r"\w*\s+by\s", re.IGNORECASE)
#: A reporting verb, before which stands who said it, not who did it.
_SAID = re.compile(r"\b(?:said|says|told|reported|claimed|announced)\b", re.IGNORECASE)
#: The state's forces, as who took a place.
_STATE_TAKER = re.compile(r"\b(?:army|troops|soldiers|military|junta|government\s+forces"
                          r"|security\s+forces)\b", re.IGNORECASE)
_ATTACK_WORD = re.compile(r"\b(?:attack|raid|ambush)(?:s|es|ed)?\b", re.IGNORECASE)
_RAID_OR_ATTACK = re.compile(r"\b(?:attack|raid)(?:s|ed)?\b", re.IGNORECASE)
#: People or places that make an attack one on civilians.
_CIVILIAN_TARGET = re.compile(
    r"\b(?:people|civilians?|children|women|men|man|woman|passengers|worshippers|shoppers"
    r"|students|tourists|residents|workers|families|family|crowds?|markets?|shops?|stores?"
    r"|malls?|schools?|hospitals?|churche?s?|mosques?|synagogues?|temples?|restaurants?"
    r"|hotels?|bus(?:es)?|cars?|homes?|houses?|ambassador|envoy|journalists?|knife|knives"
    r"|stabb\w*|walmart|dead|killed|killing)\b", re.IGNORECASE)

#: Unarmed people an armed side attacks (no "people", who may be soldiers, nor places).
_VICTIMS = re.compile(
    r"\b(?:civilians|villagers|residents|worshippers|passengers|farmers|herders|shoppers"
    r"|pupils|schoolchildren|mourners|pilgrims|displaced\s+people|traders|travell?ers"
    r"|motorists|commuters|fishermen|miners)\b", re.IGNORECASE)


#: People of no side, who with one armed side named are its victims ("gunmen killed 51
#: people in an attack on a village"), unless guards or police are there to fight.
_PEOPLE = re.compile(r"\b(?:people|persons|residents|women|children)\b", re.IGNORECASE)
_GUARDS = re.compile(r"\b(?:police\w*|officers?|guards?|gendarmes?|vigilantes?)\b",
                     re.IGNORECASE)
#: The "Forces" of a group's name: "Allied Democratic Forces", "Rapid Support Forces".
_NAMED_FORCES = re.compile(
    r"(?-i:.*\b(?!Armed\b|Defen[cs]e\b|Security\b|Police\b|Border\b)[A-Z][\w-]+\s+Forces)$")
#: A village or its homes attacked or burnt: "attacked the village of Masala", "setting
#: fire to dozens of homes" (no one there to fight unless guards are named).
_HOMES = re.compile(
    r"\b(?:attack|raid|storm)(?:s|ed)?\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:villages?|hamlets?|homes|houses)\b|\b(?:set(?:ting)?\s+(?:on\s+)?fire\s+to|burn(?:ed|t|ing)"
    r"(?:\s+down)?)\s+(?:[\w-]+\s+){0,3}?(?:homes|houses|huts|villages?)\b", re.IGNORECASE)


def _unarmed_clash(text: str, clash: re.Match) -> bool:
    """Whether the clash at ``clash`` is between unarmed sides (:data:`_UNARMED_SIDES`,
    and no armed men of :data:`_ARMED` in its clause; police may be one side)."""
    if not clash.group().lower().startswith("clash"):
        return False
    lo, hi = _clause_around(text, clash.start(), clash.end())
    sides = _UNARMED_SIDES.search(text, lo, hi)
    return sides is not None and sides.start() <= clash.start() < sides.end() and (
        _ARMED.search(text, lo, hi) is None)


def _armed_sides(text: str) -> set[str]:
    """The armed sides ``text`` names, by their word ("troop", "militant"); a group named
    "... Forces" is its fighters ("Fighters from the Allied Democratic Forces attacked the
    village" name one side)."""
    return {"fighter" if _NAMED_FORCES.match(text, max(0, m.start() - 30), m.end())
            else m.group().lower().rstrip("s") for m in _ARMED.finditer(text)}


#: Armed men told to have done what a toll counts: "the rebels struck Kipese, killing 12
#: more people", "Israeli troops opened fire near a distribution site".
_DOERS_ACTED = re.compile(
    r"\b(?:troops|soldiers|forces|militants|fighters|gunmen|rebels|insurgents|militia(?:men|s)?"
    r"|commandos|paratroopers|jihadists|armed\s+men|(?:the|its|their)\s+(?:[\w-]+\s+)?"
    r"(?:army|military)(?!\s+(?:officers?|trucks?|vehicles?|veterans?|helicopters?|jeeps?"
    r"|spokes\w+|chiefs?|commanders?|sources?)\b))(?:\s+(?!(?:were|was|been|are|is|had|have|said"
    r"|says|say|told)\b)[\w'\u2019-]+){0,6}?\s+(?:killed|shot|struck|attacked|raided|stormed"
    r"|opened\s+fire|ambushed|executed|massacred)\b", re.IGNORECASE)


def _toll_by_doers(event: Event) -> Event:
    """A toll told with the armed men who did the killing is their violence, not a bare
    toll: an attack on civilians by one armed side, a battle of two ("suspected
    jihadists killed six members of the VDP, a civilian militia")."""
    if event.event_type != "casualties_report" or not event.fatalities:
        return event
    text = event.evidence
    if _DOERS_ACTED.search(text) is None or _NOT_VIOLENCE.search(text):
        return event
    if len(_armed_sides(text)) > 1 or _TWO_SIDED.search(text):  # (or fought: "A shootout
        # left four gunmen killed")
        return replace(event, event_type="battles", sub_event_type="armed_clash")
    return replace(event, event_type="violence_against_civilians", sub_event_type="attack")


def _one_sided(causes: _Causes, k: int, event: Event) -> Event:
    """A battle read from a bare "attack" or "raid" whose sentence names no two armed sides is
    an attack on people: an explosion if the story around tells a bomb ("44 people were
    killed in a PKK attack in Istanbul" after "twin bombings"), else violence against
    civilians ("a knife attack at a Walmart", an envoy shot dead)."""
    text = causes.sentences[k].text
    taken = _TAKEN.search(text) if event.sub_event_type == (
        "non_violent_transfer_of_territory") else None
    if taken is not None and _TAKEN_IN_BATTLE.search(text, taken.end()):
        # "seized a battalion headquarters after a five-week siege": taken in battle, by
        # the state's forces back ("the army had taken full control of Kyaukme from the
        # Ta'ang National Liberation Army") or by armed men of no state
        after = _TAKEN_BY.match(text, taken.end())
        if taken.group().lower().endswith("to"):  # "the base fell to jihadists"
            taker = text[taken.end():taken.end() + 60]
        elif after is not None:  # "was captured by troops"
            taker = text[after.end():after.end() + 60]
        else:  # who did it, not who said so ("Residents said the army had taken", but
            # "The army said it had taken")
            taker = text[:taken.start()]
            said = list(_SAID.finditer(taker))
            if said and (_STATE_TAKER.search(taker, said[-1].end())
                         or _NON_STATE.search(taker, said[-1].end())):
                taker = taker[said[-1].end():]
        if _NON_STATE.search(taker) is None and _STATE_TAKER.search(taker):
            sub = "government_regains_territory"
        elif _NON_STATE.search(text):
            sub = "non_state_actor_overtakes_territory"
        else:
            sub = "armed_clash"
        return replace(event, event_type="battles", sub_event_type=sub)
    if event.event_type != "battles":
        return event
    if event.sub_event_type == "armed_clash" and any(
            _PROTESTERS.search(text, *_clause_around(text, m.start(), m.end()))
            or _unarmed_clash(text, m) for m in _CLASH_OR_STORM.finditer(text)):
        # "a protester was killed during clashes with police", "protesters stormed the
        # police station", "students clashed with activists": a riot (ACLED)
        return replace(event, event_type="riots", sub_event_type="violent_demonstration")
    if not _ATTACK_WORD.search(text) or _TWO_SIDED.search(text) or _SECURITY.search(text):
        return event  # (an attack on a police station or a checkpoint meets armed men)
    armed = _armed_sides(text)
    if armed:  # one armed side and its victims: "jihadists killed 20 villagers in an
        # attack on the village" (but "militants attacked an army post": two sides)
        if len(armed) == 1 and (_VICTIMS.search(text) or (
                _PEOPLE.search(text) or _HOMES.search(text)) and not _GUARDS.search(text)):
            return replace(event, event_type="violence_against_civilians",
                           sub_event_type="attack")
        return event
    if not _RAID_OR_ATTACK.search(text):
        return event  # (an ambush by no armed men named: "22 security personnel were
        # killed in an ambush" met them, no bomb)
    bombed = replace(event, event_type="explosions_remote_violence",
                     sub_event_type="shelling_artillery_missile_attack")
    kind = _explosive_kind(causes, k, bombed)
    if kind is not bombed and kind.sub_event_type in ("suicide_bomb",
                                                      "remote_explosive_landmine_ied"):
        return kind
    if not _CIVILIAN_TARGET.search(text):
        return event  # "Russia attacked Ukrainian positions", "the Taliban attacked a
        # police checkpoint": a side whose name is no armed word is still armed
    return replace(event, event_type="violence_against_civilians", sub_event_type="attack")


#: Who makes a visit or a meeting diplomacy: a state's leaders, ministers and envoys.
_STATE_TITLES = (r"President|Prime\s+Minister|(?:Foreign\s+|Defen[cs]e\s+)?Minister|Premier"
                 r"|Chancellor|Secretary(?:\s+of\s+State|-General)?|Ambassador|Envoy|King"
                 r"|Queen|Prince|Princess|Emir|Sheikh|Pope|Crown\s+Prince|Vice\s+President"
                 r"|Foreign\s+Secretary")
_STATE_TITLED = re.compile(
    rf"(?-i:\b(?:{_STATE_TITLES})\.?\s+(?:[A-Z][\w'’-]*\s+){{0,2}}(?P<surname>[A-Z][\w'’-]+))")
_DIPLOMATS = re.compile(
    rf"(?-i:\b(?:{_STATE_TITLES})\b)|\b(?:president|prime\s+minister|ministers?|premier"
    r"|chancellor|secretary\s+of\s+state|ambassadors?|envoys?|diplomats?|delegations?"
    r"|heads?\s+of\s+state|leaders?|foreign\s+minist\w+|king|queen|emir|pope"
    r"|holy\s+father)\b",
    re.IGNORECASE)


#: A title in lowercase and the name after it: "Ukraine's president, Volodymyr Zelensky".
_STATE_APPOSITIVE = re.compile(
    r"\b(?:president|prime\s+minister|(?:foreign\s+|defen[cs]e\s+)?minister|premier"
    r"|chancellor|secretary\s+of\s+state|ambassador|envoy|king|queen|emir)\s*,?\s+"
    r"(?-i:(?:[A-Z][\w'’-]*\s+){0,2}(?P<surname>[A-Z][\w'’-]+))", re.IGNORECASE)


def _statesmen(text: str) -> frozenset[str]:
    """Surnames the document gives a state title ("Secretary of State Hillary Clinton"
    makes a later "Clinton's first visit" an envoy's, as does "Ukraine's president,
    Volodymyr Zelensky")."""
    return frozenset(m["surname"] for rx in (_STATE_TITLED, _STATE_APPOSITIVE)
                     for m in rx.finditer(text))


def _diplomatic(event: Event, statesmen: Callable[[], frozenset[str]]) -> bool:
    """Whether a visit or a meeting is between states: its sentence names a leader,
    minister or envoy, or a person the story titled so ("Tillerson, who met with
    Trump", a board that "visited residents", a patient who "visited a GP clinic" are
    not)."""
    if event.event_type != "diplomacy" or event.sub_event_type not in ("visit", "summit"):
        return True
    text = event.evidence
    if event.sub_event_type == "summit" and re.search(r"\bsummits?\b", text, re.IGNORECASE):
        return True
    if _DIPLOMATS.search(text):
        return True
    known = statesmen()  # the document's titled names, read only when needed
    return any(name in known for name in re.findall(r"\b[A-Z][\w'’-]+", text))


_EXPLOSIVE_KINDS_FOLDED = tuple((kind, _case_folded(rx)) for kind, rx in _EXPLOSIVE_KINDS)
_ANY_KIND = re.compile("|".join(rx.pattern for _, rx in _EXPLOSIVE_KINDS), re.IGNORECASE)
_ANY_KIND_FOLDED = _case_folded(_ANY_KIND)
_KIND_CUE = dict(_EXPLOSIVE_KINDS)
#: The kinds generic words default to (see :func:`_explosive_kind`).
_DEFAULT_KINDS = frozenset({"shelling_artillery_missile_attack", "air_drone_strike"})
