"""Whether a trigger is stated as fact: negated, hypothetical, future or habitual
statements ("would discuss a cease-fire", "denied ... was under control") tell no event.

Irrealis statements are left out entirely rather than kept with a flag: a map of things
that did not (yet) happen misleads more than it informs, and ``Event`` has no field to
carry the distinction.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from geomap.dates import WEEKDAYS, folds_like_ascii
from geomap.events.context import _attributed_at

#: Cues that make a following trigger negated, hypothetical, future or merely demanded.
_IRREALIS = re.compile(
    r"\b(?:would|could|might|(?-i:may)|will|shall|should|must|can|cannot|can't|won't|wouldn't"
    r"|if|unless|whether|not|never|no\s+longer|n't|denied|denies|deny|denying|rejected"
    r"|plans?\s+to|planning\s+to|planned\s+to|aims?\s+to|aimed\s+to|intends?\s+to"
    r"|wants?\s+to|wanted\s+to|wish(?:es)?\s+to|hopes?\s+(?:to|of|for)|threaten(?:s|ed)?\s+to"
    r"|seeks?\s+to|ready\s+to|going\s+to|expected\s+to|likely\s+to|set\s+to|about\s+to"
    r"|prepar(?:es|ed|ing)\s+to|demand(?:s|ed|ing)?|call(?:s|ed|ing)?\s+for|urg(?:es|ed|ing)"
    r"|fear(?:s|ed|ing)?\s+(?:of|that|an?|new|more|further|another|renewed)"
    r"|propos(?:es|ed|al)|possible|possibly(?!\s+(?:\d|as\s+many|more|up\s+to))|potential"
    r"|any|without|spared|tomorrow|next\s+week"
    # a topic, not an event: "cares about issues of sexual violence" (but "the Office
    # for the Prevention of Genocide said gunmen killed 30")
    r"|issues?\s+of|awareness\s+of|(?-i:prevention)\s+of"
    # a charge or verdict: the court's news, not the event's (dated at the trial)
    r"|charged\s+(?:with|in)|accused\s+of|convicted\s+of|guilty\s+of|charges?\s+of"
    r"|pleaded\s+(?:not\s+)?guilty\s+to|trial\s+(?:of|over)"
    r"|indicted\s+(?:on|for)|sentenced\s+for|trial\s+for|conviction\s+for"
    r"|(?<!a\s)(?<!the\s)counts?\s+of"  # "three counts of assault" (not "a count of")
    # a reward's condition: "information that leads to the arrest of"; a warrant
    r"|leads?\s+to\s+(?:the|an)(?=\s*$)|warrants?\s+for"
    r")\b"
    r"|n't\b",
    re.IGNORECASE)
#: Cues that hold only in the trigger's own clause (after its last comma, relative
#: pronoun or conjunction): "Russian forces, which regularly shell the city, shelled
#: Kherson" keeps the shelling; "7.5 million now require humanitarian aid" does not.
_CLAUSE_IRREALIS = re.compile(
    # a plan, a habit, a need or an appeal: "Peres is to make an official visit",
    # "tolls are common in the aftermath of bombings", "it is imperative that ... aid"
    r"\b(?:(?:is|are)\s+to\s+(?!(?:the|a|an|be)\b)[a-z]+\b"
    r"|(?:is|are)\s+(?:common|commonplace|frequent|routine)|requir(?:e|es|ing)|needs?"
    r"|imperative|appeal(?:s|ed|ing)?\s+for"
    # a criminal record: "had previously served six years in state prison for assault",
    # "spent time in the Detention Center for his arrests", "convicted at trial of"
    r"|previously|served\s+(?:[\w-]+\s+){0,3}?(?:years?|months?|time|sentences?)"
    r"|spent\s+time|criminal\s+record|convicted\s+(?:[\w-]+\s+){0,3}?of"
    # what weapons are kept from, or made from: "protect soldiers from bullets and
    # grenades", "a neurotoxin derived from nerve agents"
    r"|(?:protect\w*|shield\w*|derived|made)\s+(?:[\w-]+\s+){0,4}?from"
    # a prospect, a rate: "the prospect of organizing peace talks", "One person a year
    # is killed on that highway"
    r"|prospects?\s+(?:of|for)"
    r"|(?:(?<=\ba\s)|(?<=\bper\s)|(?<=\beach\s)|(?<=\bevery\s))year\s+(?:is|are)"
    # habits: "regularly visits universities", "have periodically fought over territory"
    r"|regularly|often|frequently|usually|routinely|periodically|occasionally|sometimes"
    # right before the trigger: a heading, a risk, advice ("headed toward negotiations",
    # "a high threat of terrorism and kidnappings", "advised to avoid demonstrations")
    r"|(?:head(?:ed|ing|s)?\s+(?:toward|towards)|(?:threat|risk|danger)s?\s+of|avoid\w*)"
    r"\s+(?:[\w-]+\s+(?:and|or)\s+)?(?:(?:the|a|an|any|more|further|new)\s+)?$)",
    re.IGNORECASE)
#: Every word a :data:`_CLAUSE_IRREALIS` match can start with (lowercase).
_CLAUSE_FIRST_WORDS = frozenset(
    "is are require requires requiring need needs imperative appeal appeals appealed "
    "appealing previously served spent criminal convicted protect protects protected "
    "protecting protection shield shields shielded shielding derived made prospect prospects "
    "year regularly often frequently usually routinely periodically occasionally sometimes "
    "head headed heading heads threat "
    "threats risk risks danger dangers avoid avoiding avoided avoids".split())
#: What makes the trigger before it a habit, not an event: "Abductions for ransom have
#: become increasingly common on roads in Oromia", "attacks are rife".
_HABIT_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:(?:have|has)\s+(?:become|been)|are|is|remain)\s+"
    r"(?:increasingly\s+|more\s+|very\s+|fairly\s+)?(?:common(?:place)?|frequent|routine"
    r"|rife|rampant|widespread)\b", re.IGNORECASE)
#: Where a clause starts, looking back from a trigger.
_CLAUSE_START = re.compile(
    r"[,;:()\"\u201c\u201d]|\s[-\u2013\u2014]\s|\b(?:who|which|that|when|where|after|before"
    r"|since|as|but|while|whereas|although|though|because|despite|amid)\b",
    re.IGNORECASE)


def _clause_irrealis(before: str) -> bool:
    """Whether a :data:`_CLAUSE_IRREALIS` cue stands in the clause that ends at the
    trigger (``before`` is the sentence up to it)."""
    lower = before.lower()
    if _CLAUSE_FIRST_WORDS.isdisjoint(_WORDS.findall(lower)):
        return False  # most triggers: no cue word anywhere before them
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    return _CLAUSE_IRREALIS.search(before, starts[-1] if starts else 0) is not None


#: Where the scope of a modal cue ends, looking back from a trigger.
_SCOPE_BREAK = re.compile(
    r"[;:()\"\u201c\u201d]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though|as"
    r"|because|meanwhile)\b", re.IGNORECASE)
_INFINITIVE = re.compile(r"([\w'-]+)\s+to\s+$")
#: Words before "to" that make it a preposition or an aspect verb, not a goal:
#: "due to shelling", "continued to rock".
_NOT_INFINITIVE = frozenset(
    "due owing thanks according response reaction subjected exposed led lead leading leads "
    "contributed related close prior addition return returned back continued continue "
    "continues continuing began begun begin started start starts resorted".split())


#: A trigger as the object of an infinitive of planning: "allowing the group to plan
#: attacks" (but not of doing: "gathered to stage a protest", "deployed helicopters to
#: carry out air strikes" tell what happened).  Its words are bounded, so a match lies
#: in the last 80 characters, all :func:`_infinitive_before` reads.
_TO_PLAN = re.compile(
    r"\bto\s+(?:plan|plot|prepare|organi[sz]e)\s+(?:[\w-]{1,25}\s+){0,2}$", re.IGNORECASE)
#: What something was used for happened: "used drones to attack" (but not "used to
#: attack", a habit, nor "launchers used by the group to attack", a purpose).
_USED_FOR = re.compile(r"\b(?:used|using)\s+(?!by\b)(?:[\w'-]+\s+){1,3}to\s+$", re.IGNORECASE)
#: ... unless a habit: "have also used drones to attack", "has long used".
_PERFECT_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)

#: "no shelling", "no casualties", "no reports of shelling": a determiner negation
#: right before the trigger.
_NO_BEFORE = re.compile(r"\bno\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
#: A modal right after a subject trigger: "Talks will resume", "shelling could hit"; or
#: what says it did not happen: "Shelling was not reported", "talks were called off";
#: in the trigger's own clause ("shelling resumed after talks were called off").
_MODAL_AFTER = re.compile(
    r"(?:\s+(?!(?:after|when|while|before|as|because|since|but|though|although|until"
    r"|once|whereas)\b)[\w-]+){0,4}?\s+(?:will|would|could|might|shall|should|(?-i:may)|won't"
    r"|(?:is|are|was|were)\s+(?:expected|set|planned|scheduled|due|likely|unlikely)"
    r"|(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:(?:not|never)\s+"
    r"(?:reported|confirmed|recorded|held|carried\s+out)|cancell?ed|called\s+off|postponed"
    r"|averted|foiled|thwarted)"
    r"|(?:did\s+not|didn't|never)\s+(?:take\s+place|happen|occur)"
    # habits, not events: "Clashes are frequent in Dagestan", "... is one of the most
    # common reasons for"
    r"|(?:is|are)\s+(?:one\s+of\s+the\s+most\s+|very\s+|quite\s+|more\s+|less\s+)?"
    r"(?:common|commonplace|frequent|rare|routine)"
    r"|(?:occur|happen|take\s+place|tend\s+to)"
    r"|(?:has|have|had)\s+(?:largely\s+|mostly\s+|since\s+)?(?:subsided|eased|abated"
    r"|died\s+down)"
    r"|routinely|constantly)\b",
    re.IGNORECASE)


#: An ongoing state told right after the trigger, in the present: "clashes continue
#: around Taiz" (but "teachers continue to fill the Capitol" is the protest itself).
_STATE_AFTER = re.compile(
    r"\s+(?:continue|persist)s?\b"
    # a war's course: "as fighting intensified around the regional capital"
    r"|\s+(?:has\s+|had\s+)?(?:intensified|escalated|raged|flared|spread)\s+(?:around|across"
    r"|near|in|through|along)\b"
    # a habit: "is shelled almost daily"
    r"|(?:\s+[\w-]+){0,3}?\s+(?:almost\s+|nearly\s+)?(?:daily|nightly|every\s+(?:day|night))\b",
    re.IGNORECASE)
#: What goes on right before the trigger (in a sentence of no day nor count):
#: "Civilians are being bombed from the air".
_BEING_BEFORE = re.compile(r"\b(?:is|are)\s+being\s+$", re.IGNORECASE)
#: ... or what something is for: "staging grounds for attacks on Sumy" (attacks in
#: general: "was in Kabul for talks" tells the talks, "for an attack" may tell one).
_FOR_BEFORE = re.compile(r"(?<!responsibility\s)\bfor\s+$", re.IGNORECASE)
_ATTACKS = frozenset("attacks strikes raids assaults bombings incursions offensives".split())
#: ... or later, after who does them, for a plural trigger: "attacks by JNIM and Islamic
#: State's Sahel branch have continued across the north".
_STATE_LATER = re.compile(
    r"(?:\s+(?!(?:after|when|while|before|as|because|since|but)\b)[\w'\u2019-]+){1,8}?"
    r"\s+(?:have\s+(?:also\s+)?(?:continued|persisted|gone\s+on)|continue|persist)\b",
    re.IGNORECASE)
#: A campaign grown, right before the trigger: "as the military stepped up air strikes".
_STEPPED_UP = re.compile(r"\b(?:stepped|stepping|steps|step|ramped|ramping)\s+up\s+(?:(?:its|their"
                         r"|the|his|her)\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
#: A day named, even one no publication date resolves.
_A_DAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)}|today|yesterday|tonight|overnight)\b",
                    re.IGNORECASE)
#: What makes such a sentence news of a day after all: a day named or a count ("Fighting
#: continues in Omdurman on Monday", "stepped up air strikes on Tuesday, killing 15").
_NEWS_OF_A_DAY = re.compile(rf"{_A_DAY.pattern}|\d", re.IGNORECASE)


#: Every word an :data:`_IRREALIS` match can start with (lowercase): a scope holding none
#: of them (and no "n't") cannot match, so the big alternation is skipped.  Checked
#: against the regex by tests/test_scale.py (test_irrealis_shortcuts_agree_with_the_regexes).
_IRREALIS_FIRST_WORDS = frozenset(
    "would could might may will shall should must can cannot won wouldn if unless whether "
    "not never no denied denies deny denying rejected plan plans planning planned aim aims "
    "aimed intend intends want wants wanted wish wishes hope hopes threaten threatens "
    "threatened seek seeks ready going expected likely set about prepares prepared preparing "
    "demand demands demanded demanding call calls called calling urges urged urging proposes "
    "fear fears feared fearing "
    "proposed proposal possible possibly potential any without spared tomorrow next "
    "issue issues awareness prevention "
    "charged accused convicted guilty charge charges indicted sentenced trial conviction "
    "pleaded "
    "count counts lead leads warrant warrants".split())
_WORDS = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _maybe_irrealis(scope: str) -> bool:
    """False only when :data:`_IRREALIS` cannot match ``scope`` (text that
    :func:`folds like ASCII <geomap.dates.folds_like_ascii>`)."""
    if not folds_like_ascii(scope):
        return True
    lower = scope.lower()
    return "n't" in lower or not _IRREALIS_FIRST_WORDS.isdisjoint(_WORDS.findall(lower))


def _irrealis_cue(scope: str) -> bool:
    """Does :data:`_IRREALIS` match in ``scope``?  In text that folds like ASCII a match
    can only start at a word of :data:`_IRREALIS_FIRST_WORDS` or at "n't", so it is
    tried there alone: a few anchored matches instead of a search trying the big
    alternation everywhere."""
    if not folds_like_ascii(scope):
        return _IRREALIS.search(scope) is not None
    lower = scope.lower()
    starts = [w.start() for w in _WORDS.finditer(lower) if w.group() in _IRREALIS_FIRST_WORDS]
    at = lower.find("n't")
    while at >= 0:
        starts.append(at)
        at = lower.find("n't", at + 1)
    return any(_IRREALIS.match(scope, at) for at in starts)


def _infinitive_before(before: str) -> bool:
    """"volunteered to fight", "aims to take control", "to plan attacks": an infinitive
    goal (but not what something was used for: "fighters used drones to attack a police
    station")."""
    if not before[-1:].isspace():
        return False
    if not before.rstrip().endswith("to"):  # cheap test first: "to" and spaces at the end
        tail = max(0, len(before) - 80)
        return "to" in before[tail:] and _TO_PLAN.search(before, tail) is not None
    inf = _INFINITIVE.search(before)
    if not inf or inf.group(1).lower() in _NOT_INFINITIVE:
        return False
    used = _USED_FOR.search(before)
    return used is None or _PERFECT_BEFORE.search(before, 0, used.start()) is not None


#: "militants who attack Pakistan", "fighters who often kidnap pupils": what people do
#: as a habit, told in the present right after "who" (not "the gunmen who attacked").
_WHO_BEFORE = re.compile(r"\bwho\s+(?:also\s+|often\s+|regularly\s+|routinely\s+"
                         r"|frequently\s+|usually\s+|still\s+)?$", re.IGNORECASE)
#: Trigger verbs in the present (a habit after "who"; their past forms differ).
_PRESENT_VERBS = frozenset(
    f"{verb}{ending}" for verb in (
        "attack kill kidnap abduct bomb shell raid target ambush loot burn shoot fight "
        "strike storm seize capture clash execute torture rape massacre behead loot "
        "protest riot demonstrate march rally displace besiege occupy invade arrest detain"
    ).split() for ending in ("", "s", "es"))


def _habit_who(before: str, trigger: str) -> bool:
    """Whether the trigger is a verb in the present right after "who": a habit."""
    if not before.endswith(" ") or "who" not in before[-30:].lower():
        return False  # (the cheap test first)
    words = trigger.split(None, 1)
    return bool(words) and words[0].lower() in _PRESENT_VERBS and (
        _WHO_BEFORE.search(before) is not None)


def _no_before(before: str) -> bool:
    """"no shelling", "no heavy fighting", "no reports of shelling"."""
    if not before[-1:].isspace():
        return False  # _NO_BEFORE ends in whitespace; "no" ends one of the last three words
    if not any(w.lower().endswith("no") for w in before.rsplit(None, 3)[-3:]):
        return False
    return bool(_NO_BEFORE.search(before))


def _irrealis(sentence: str, start: int, end: int | None = None) -> bool:
    """Is the trigger at ``start`` negated, hypothetical, future or an infinitive goal?"""
    before = sentence[:start]
    if _infinitive_before(before) or _no_before(before):
        return True
    if end is not None and _MODAL_AFTER.match(sentence, end):
        return True
    scope = _SCOPE_BREAK.split(before)[-1]
    return _irrealis_cue(scope) or _clause_irrealis(before)


class _Modality:
    """:func:`_irrealis` for the triggers of one sentence, sharing the scope breaks."""

    __slots__ = ("sentence", "_breaks", "_memo")

    def __init__(self, sentence: str):
        self.sentence = sentence
        self._breaks: list[int] | None = None
        self._memo: dict[tuple[int, int], bool] = {}

    def _scope_start(self, start: int) -> int:
        """Where the scope of a cue before ``start`` begins: the last break's end.

        Breaks found in the whole sentence end before ``start`` exactly as in
        ``sentence[:start]``: a trigger follows a character that is neither a word
        character nor "-" and (the caller checks) starts with a word character, so no
        break can straddle ``start``."""
        if self._breaks is None:
            self._breaks = [m.end() for m in _SCOPE_BREAK.finditer(self.sentence)]
        i = bisect_right(self._breaks, start)
        return self._breaks[i - 1] if i else 0

    def irrealis(self, start: int, end: int) -> bool:
        key = (start, end)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        sentence = self.sentence
        if not _WORD_CHAR.match(sentence, start) or (
                start and (sentence[start - 1] == "-" or _WORD_CHAR.match(sentence, start - 1))):
            hit = _irrealis(sentence, start, end)  # a trigger not starting a word
        else:
            before = sentence[:start]
            if _infinitive_before(before) or _no_before(before) or _habit_who(
                    before, sentence[start:end]):
                hit = True
            elif _MODAL_AFTER.match(sentence, end):
                hit = True
            elif (_STATE_AFTER.match(sentence, end) or sentence[end - 1:end] == "s"
                  and _STATE_LATER.match(sentence, end)) and not _NEWS_OF_A_DAY.search(
                    sentence, start, max(start, _attributed_at(sentence))):
                hit = True  # (told of no day from the trigger on, but the day it was
                # said: "..., the envoy told reporters on Tuesday")
            elif (_BEING_BEFORE.search(before, max(0, start - 20))
                  or sentence[start:end].lower() in _ATTACKS
                  and _FOR_BEFORE.search(before, max(0, start - 20))) and (
                    not _NEWS_OF_A_DAY.search(sentence, 0, _attributed_at(sentence))):
                hit = True  # "Civilians are being bombed", "staging grounds for attacks"
            elif (stepped := _STEPPED_UP.search(before, max(0, start - 60))) and (
                    not _NEWS_OF_A_DAY.search(sentence, stepped.start())):
                hit = True
            elif not _maybe_irrealis(before):
                # No cue anywhere before the trigger, so none in its scope (whose words
                # are words of ``before``): most triggers, and the breaks need not be found.
                hit = _clause_irrealis(before)
            else:
                scope = sentence[self._scope_start(start):start]
                hit = _irrealis_cue(scope) or _clause_irrealis(before)
        self._memo[key] = hit
        return hit
