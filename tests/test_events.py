"""Event extraction on the sample article with hand-built, resolved mentions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.model import Place
from geomap.events import extract_events, find_counts, load_vocabulary, split_sentences
from geomap.events.vocabulary import _read_vocabulary
from geomap.model import Dateline, Document, Event, Mention, Span

SAMPLE = Path(__file__).resolve().parents[1] / "seeds" / "000_62c23869d16e3724.txt"
PUBLISHED = date(2022, 3, 3)

KHERSON = Place("geonames:706448", "Kherson", "city", "UA", "Kherson", 320477, 46.63695, 32.61458)
MARIUPOL = Place("geonames:701822", "Mariupol", "city", "UA", "Donetsk", 481626, 47.09514, 37.54131)
KYIV = Place("geonames:703448", "Kyiv", "city", "UA", "Kyiv City", 2797553, 50.45466, 30.5238)
KHARKIV = Place("geonames:706483", "Kharkiv", "city", "UA", "Kharkiv", 1430885, 49.98081,
                36.25272)
MUKACHEVO = Place("geonames:700646", "Mukachevo", "city", "UA", "Zakarpattia", 85569,
                  48.43923, 22.71781)
BELARUS = Place("geonames:630336", "Belarus", "country", "BY", None, 9485386, 53.0, 28.0)
UKRAINE = Place("geonames:690791", "Ukraine", "country", "UA", None, 44622516, 49.0, 32.0)
RUSSIA = Place("geonames:2017370", "Russia", "country", "RU", None, 144478050, 60.0, 100.0)
BLACK_SEA = Place("geonames:630673", "Black Sea", "water", None, None, 0, 43.0, 35.0)
EUROPE = Place("geonames:6255148", "Europe", "continent", None, None, 0, 48.69096, 9.14062)
CRIMEA = Place("curated:crimean-peninsula", "Crimean Peninsula", "region", "UA", None, 0,
               45.3, 34.4)
DONBAS = Place("curated:donbas", "Donbas", "region", "UA", None, 0, 48.0, 38.0)
MOSCOW = Place("geonames:524901", "Moscow", "city", "RU", "Moscow", 10381222, 55.75222,
               37.61556)
WASHINGTON = Place("geonames:4140963", "Washington", "city", "US", "DC", 601723, 38.89511,
                   -77.03637)

#: (surface, place, metonymic): every occurrence in the article is mentioned.  Moscow,
#: Washington and "Russia's Defense Ministry" stand for governments, as a resolver should
#: mark them; "Kyiv must accept" likewise.
TOPONYMS = [
    ("Mukachevo", MUKACHEVO, False), ("Ukraine", UKRAINE, False), ("Black Sea", BLACK_SEA, False),
    ("Kherson", KHERSON, False), ("Moscow", MOSCOW, True), ("Russia", RUSSIA, False),
    ("Europe", EUROPE, False), ("Mariupol", MARIUPOL, False), ("Kyiv", KYIV, False),
    ("Belarus", BELARUS, False), ("Crimean Peninsula", CRIMEA, False), ("Crimea", CRIMEA, False),
    ("Donbas", DONBAS, False), ("Washington", WASHINGTON, True),
]


def _occurrences(text: str, word: str) -> list[int]:
    """Whole-word occurrences (``Russia`` not inside ``Russian``)."""
    found, pos = [], text.find(word)
    while pos >= 0:
        end = pos + len(word)
        if (pos == 0 or not text[pos - 1].isalpha()) and (end == len(text)
                                                          or not text[end].isalpha()):
            found.append(pos)
        pos = text.find(word, pos + 1)
    return found


def _is_metonymic(text: str, start: int, end: int, default: bool) -> bool:
    after = text[end:end + 30]
    return default or after.startswith(("'s Defense", "'s conditions", " must accept"))


def sample_document() -> tuple[Document, list[Mention]]:
    """The sample article and every toponym in it, resolved by hand."""
    text = SAMPLE.read_text(encoding="utf-8")
    mentions = []
    taken: set[int] = set()
    for surface, place, metonymic in TOPONYMS:
        for start in _occurrences(text, surface):
            if start in taken:  # "Crimea" inside "Crimean Peninsula" is already placed
                continue
            end = start + len(surface)
            taken.update(range(start, end))
            mentions.append(Mention(Span(start, end, surface), place, 0.9,
                                    metonymic=_is_metonymic(text, start, end, metonymic)))
    mentions.sort(key=lambda m: m.span.start)
    doc = Document(id="000_62c23869d16e3724", text=text, published=PUBLISHED, source="sample")
    return doc, mentions


@pytest.fixture(scope="module")
def sample() -> tuple[Document, list[Mention]]:
    return sample_document()


@pytest.fixture(scope="module")
def events(sample) -> list[Event]:
    doc, mentions = sample
    return extract_events(doc, mentions)


def _find(events: list[Event], event_type: str, place: Place) -> list[Event]:
    return [e for e in events if e.event_type == event_type and e.place.id == place.id]


def test_kherson_building_seized_on_thursday(events):
    seized = _find(events, "strategic_developments", KHERSON) + _find(events, "battles", KHERSON)
    assert seized, [(e.event_type, e.place.name) for e in events]
    e = seized[0]
    assert e.sub_event_type in ("non_violent_transfer_of_territory", "armed_clash",
                                "non_state_actor_overtakes_territory")
    assert e.date.value == "2022-03-03" and e.date.precision == "day"
    assert "Kherson" in e.evidence and e.place_text == "Kherson"


def test_mariupol_shelling(events):
    shelling = _find(events, "explosions_remote_violence", MARIUPOL)
    assert len(shelling) == 1
    assert shelling[0].sub_event_type == "shelling_artillery_missile_attack"
    assert shelling[0].date.value == "2022-03-03"
    assert shelling[0].evidence.startswith("The mayor of Mariupol")


def test_mariupol_supplies_cut(events):
    cut = _find(events, "humanitarian", MARIUPOL)
    assert [e.sub_event_type for e in cut] == ["supplies_cut"]


def test_kyiv_explosions(events):
    explosions = _find(events, "explosions_remote_violence", KYIV)
    assert len(explosions) == 1
    assert explosions[0].date.value == "2022-03-03"
    assert explosions[0].evidence.startswith("Explosions continued")


def test_peace_talks_in_belarus_not_in_participants(events):
    talks = [e for e in events if e.event_type == "negotiations"]
    assert [e.place.id for e in talks] == [BELARUS.id]
    assert talks[0].date.value == "2022-03-03"
    assert talks[0].sub_event_type == "peace_talks"
    assert "southwestern Belarus" in talks[0].evidence


def test_casualty_report_counts(events):
    tolls = [e for e in events if e.fatalities == 498]
    assert len(tolls) == 1
    assert tolls[0].injured == 1500
    assert tolls[0].event_type == "casualties_report"


def test_un_civilian_toll_dated_wednesday(events):
    un = [e for e in events if e.fatalities == 227]
    assert len(un) == 1
    assert un[0].date.value == "2022-03-02"  # "as of Wednesday"
    assert un[0].injured is None


def test_no_irrealis_events(events):
    evidence = " ".join(e.evidence for e in events)
    assert "would discuss a cease-fire" not in evidence  # hypothetical
    assert "aims to take control" not in evidence  # intention
    assert "will no longer service" not in evidence  # future
    assert "peace agreement were signed" not in evidence  # conditional
    assert "volunteered to fight" not in evidence  # goal
    # "denied the port city ... was under Moscow's control" is no second Kherson event,
    # and the merged Kherson seizure is one event, not two.
    assert len(_find(events, "strategic_developments", KHERSON)) <= 1


def test_no_events_at_actor_countries(events):
    for e in events:
        if e.event_type in ("negotiations", "diplomacy", "battles"):
            assert e.place.id not in (UKRAINE.id, RUSSIA.id), e


def test_crimea_annexation_is_dated_2014(events):
    annexed = _find(events, "strategic_developments", CRIMEA)
    assert annexed and annexed[0].date.value == "2014" and annexed[0].date.precision == "year"


def test_event_fields(events, sample):
    doc, _ = sample
    assert events == sorted(events, key=lambda e: e.evidence_start)
    for e in events:
        assert len(e.event_id) == 16 and int(e.event_id, 16) >= 0
        assert e.doc_id == doc.id and e.source == "sample"
        assert 0.0 <= e.confidence <= 1.0
        assert doc.text[e.evidence_start:].startswith(e.evidence)
        assert e.evidence == e.evidence.strip()
        assert e.place_text == e.place.name or e.place_text in doc.text


def test_event_ids_stable(sample):
    doc, mentions = sample
    first = [e.event_id for e in extract_events(doc, mentions)]
    second = [e.event_id for e in extract_events(doc, list(mentions))]
    assert first == second and len(set(first)) == len(first)


def test_metonymic_and_unplaced_mentions_locate_nothing():
    text = "Moscow shelled the city of Mariupol on Monday."
    doc = Document("d", text, published=PUBLISHED)
    start = text.find("Mariupol")
    metonymic = Mention(Span(start, start + 8, "Mariupol"), MARIUPOL, 0.9, metonymic=True)
    unplaced = Mention(Span(start, start + 8, "Mariupol"), None, 0.1)
    assert extract_events(doc, [metonymic]) == []
    assert extract_events(doc, [unplaced]) == []


def _mention(text: str, surface: str, place: Place) -> Mention:
    start = text.find(surface)
    return Mention(Span(start, start + len(surface), surface), place, 0.9)


def test_no_published_date_gives_undated_events():
    text = "Heavy shelling hit Mariupol."
    events = extract_events(Document("d", text), [_mention(text, "Mariupol", MARIUPOL)])
    assert [(e.event_type, e.date) for e in events] == [("explosions_remote_violence", None)]


def test_explicit_date_wins_over_publication():
    text = "Russian forces shelled Kharkiv on Monday, killing 12 people and injuring 30."
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [_mention(text, "Kharkiv", KHARKIV)])
    assert len(events) == 1
    e = events[0]
    assert (e.event_type, e.date.value, e.fatalities, e.injured) == (
        "explosions_remote_violence", "2022-02-28", 12, 30)


@pytest.mark.parametrize("text, sub_event_type", [
    ("Ukraine's military said its drones hit an oil depot in Kharkiv.", "air_drone_strike"),
    ("Authorities ordered families with children to leave Kharkiv.", "evacuation"),
    ("Militants fired two rockets at an army base near Kharkiv.",
     "shelling_artillery_missile_attack"),
    ("Russia launched 40 attack drones at Kharkiv overnight.", "air_drone_strike"),
    ("Civilians were attacked in Kharkiv.", "attack"),
    ("Naval drones damaged a patrol ship near Kharkiv.", "air_drone_strike"),
    ("Fighters stormed a village near Kharkiv on Monday.", "attack"),
    ("Shelling hit a camp for displaced people in Kharkiv.",
     "shelling_artillery_missile_attack"),
    ("A drone strike hit Kharkiv, one of the deadliest attacks of the war.",
     "air_drone_strike"),
    ("Israeli strikes on Kharkiv killed 18 people.", "air_drone_strike"),
    ("Troops came under fire in Kharkiv.", "armed_clash"),
    ("Settlers set fire to homes and cars in Kharkiv.", "looting_property_destruction"),
    ("Protesters threw stones and set fire to two cars in Kharkiv.", "violent_demonstration"),
    ("Fears grew after shelling hit Kharkiv.", "shelling_artillery_missile_attack"),
    ("Israeli troops raided a refugee camp in Kharkiv.", "armed_clash"),
    ("Soldiers killed five men during a raid on a camp in Kharkiv.", "armed_clash"),
    ("Russian tanks crossed the border into Kharkiv.", "change_to_group_activity"),
    ("Thousands fled Kharkiv on Monday.", "refugees_fleeing"),
    ("An explosion rocked Kharkiv.", "shelling_artillery_missile_attack"),
    ("Troops came under fire from Russian forces in Kharkiv.", "armed_clash"),
    ("A mob lynched a man in Kharkiv.", "mob_violence"),
    ("Rebels seized Kharkiv.", "non_state_actor_overtakes_territory"),
    ("61 people were killed in Kharkiv.", "official_toll"),
    ("79 people have died in Kharkiv since the outbreak of war.", "official_toll"),
    ("A land mine explosion killed two soldiers near Kharkiv.",
     "remote_explosive_landmine_ied"),
    ("Explosions of rockets shook Kharkiv.", "shelling_artillery_missile_attack"),
    ("SHELLING HIT Kharkiv ON MONDAY.", "shelling_artillery_missile_attack"),
    ("Shelling resumed after talks were called off in Kharkiv.",
     "shelling_artillery_missile_attack"),
    ("Thousands of Ukrainians fled Kharkiv.", "refugees_fleeing"),
    ("Gunmen stole cattle and killed five herders in Kharkiv.", "attack"),  # ACLED: VAC
    ("In some cases, gunmen killed 5 people in Kharkiv.", "attack"),
    # an armed group against soldiers, or soldiers against it: a battle (ACLED)
    ("Gunmen killed four soldiers in Kharkiv.", "armed_clash"),
    ("Troops killed 12 suspected militants in Kharkiv.", "armed_clash"),
    ("Two gunmen were killed by soldiers in Kharkiv.", "armed_clash"),
    ("A Russian missile killed five people in Kharkiv.", "shelling_artillery_missile_attack"),
    ("The army said its drones had struck fuel depots near Kharkiv.", "air_drone_strike"),
    ("Israeli jets struck military sites near Kharkiv early on Sunday.", "air_drone_strike"),
    ("Gunmen attacked a law enforcement convoy in Kharkiv.", "armed_clash"),
    ("A wave of bombings carried out by militants hit Kharkiv.", "air_drone_strike"),
    ("Ukrainian troops fought hard to hold Kharkiv.", "armed_clash"),
    ("The African Union hosted peace talks between the warring parties in Kharkiv.",
     "peace_talks"),
    ("Thousands rallied in Kharkiv on Tuesday against rising food prices.",
     "peaceful_protest"),
    ("Fresh violence has killed at least 12 people in Kharkiv since Tuesday.", "official_toll"),
    ("In 2014 Russia annexed Kharkiv.", "non_violent_transfer_of_territory"),
    ("Protesters burned an effigy of the president in Kharkiv.", "peaceful_protest"),
    ("Armed gangs seized control of the town of Kharkiv.", "non_state_actor_overtakes_territory"),
    ("Separatist rebels shot dead four construction workers in Kharkiv.", "attack"),
    ("Fighters from the rebel group killed at least 14 civilians in Kharkiv.", "attack"),
    ("A homemade bomb exploded at a crowded market in Kharkiv, wounding seven.",
     "remote_explosive_landmine_ied"),
    ("Strikes on the town of Kharkiv killed three people.", "air_drone_strike"),
    ("A farmer was shot dead by unidentified gunmen in Kharkiv.", "attack"),
    ("Gunmen killed a family of five in Kharkiv.", "attack"),
    ("More than 280 pupils were seized from a school in Kharkiv.",
     "abduction_forced_disappearance"),
    ("Medics said strikes on a tent encampment near Kharkiv killed eight.", "air_drone_strike"),
    ("Police opened fire on a peaceful march in Kharkiv.", "excessive_force_against_protesters"),
    ("Protesters set a bus ablaze in Kharkiv.", "violent_demonstration"),
    ("In Kharkiv, protesters toppled a statue of the president.", "violent_demonstration"),
    ("Security forces fired live ammunition to disperse protesters in Kharkiv.",
     "excessive_force_against_protesters"),
    ("In Kharkiv, where protesters gathered, a police station was torched.",
     "violent_demonstration"),
    ("A boy was killed by sniper fire in Kharkiv.", "attack"),
    ("A soldier was killed by sniper fire near Kharkiv.", "armed_clash"),
    ("Troops opened fire on crowds in Kharkiv, killing five people.", "attack"),
    ("Militants killed more than 100 people, most of them soldiers, in Kharkiv.",
     "armed_clash"),
    ("Amid a flood of migrants, the minister arrived in Kharkiv.", "visit"),
    ("The Holy Father arrived in Kharkiv.", "visit"),
    ("President Putin met with Erdogan in Kharkiv.", "summit"),
    ("Heavy fighting in Kharkiv continued on Monday.", "armed_clash"),
    ("The road that leads to the frontline was shelled in Kharkiv.",
     "shelling_artillery_missile_attack"),
    ("A count of the dead after shelling in Kharkiv showed 5 killed.",
     "shelling_artillery_missile_attack"),
    ("Putin met with UN envoy Staffan de Mistura in Kharkiv.", "summit"),
    ("Fierce battles in Nanjing and Kharkiv raged.", "armed_clash"),
    ("Rebels fought in the war-torn outskirts of Kharkiv.", "armed_clash"),
    ("Gunmen killed three football players in Kharkiv.", "attack"),  # (their doers told)
    ("Gazans fled Kharkiv.", "refugees_fleeing"),
    ("The minister visited a frontline town in Kharkiv.", "visit"),
    ("A couple of days later, Secretary Blinken arrived in Kharkiv.", "visit"),
    ("Pope Francis, the leader of 1.3 billion people, arrived in Kharkiv.", "visit"),
    ("The chancellor, the first woman to hold the post, arrived in Kharkiv.", "visit"),
    ("Perhaps 100 people were killed when shelling hit Kharkiv.",
     "shelling_artillery_missile_attack"),
    ("The Office for the Prevention of Genocide said gunmen killed 30 people in Kharkiv.",
     "attack"),
    ("Early on Tuesday, a strike on a house in Kharkiv killed three people.",
     "air_drone_strike"),
    ("Seven more died in a strike on a tent encampment in Kharkiv.", "air_drone_strike"),
    ("Media reported that U.S. strikes had hit the port of Kharkiv, killing three.",
     "air_drone_strike"),
    ("The army said its air force had carried out strikes on Sunday on a gathering of "
     "fighters near Kharkiv, killing 20.", "air_drone_strike"),
    ("On Sunday, a remote-controlled bomb targeted a police convoy in Kharkiv, killing one.",
     "remote_explosive_landmine_ied"),
    ("Resistance fighters used drones to attack a police station in Kharkiv, killing two.",
     "air_drone_strike"),
    ("Russia launched one of its biggest air attacks of the war overnight, killing three "
     "people in Kharkiv.", "air_drone_strike"),
    ("Gunmen struck a police post in Kharkiv on Monday.", "armed_clash"),
    # what the rules for background, sport, plans and weapons carried must leave
    ("A suicide bomber killed at least 30 people at a mosque in Kharkiv, the deadliest "
     "attack in the city in recent years.", "suicide_bomb"),
    ("Thousands gathered outside parliament in Kharkiv on Tuesday to stage a protest "
     "against the law.", "peaceful_protest"),
    ("The army deployed helicopters to carry out air strikes on rebel positions near "
     "Kharkiv on Tuesday.", "air_drone_strike"),
    ("Russian forces attacked Ukrainian positions near Kharkiv on Tuesday, but the "
     "defenders held their ground, the defence ministry said.", "armed_clash"),
    ("Gunmen attacked the team bus of the cricket squad as it drove to a test match in "
     "Kharkiv on Tuesday.", "armed_clash"),
    ("Militants armed with rifles and rocket-propelled grenades attacked a checkpoint in "
     "Kharkiv on Tuesday.", "armed_clash"),
    ("Fighters armed with drones and mortars shelled the town of Kharkiv on Tuesday.",
     "shelling_artillery_missile_attack"),
    ("Troops and rebels fought a fierce battle for the market town of Kharkiv on Wednesday.",
     "armed_clash"),
    ("Several villages held by rebels were seized by the army near Kharkiv on Tuesday.",
     "non_violent_transfer_of_territory"),
    ("Police in Kharkiv detained the city's mayor on Wednesday on charges of fraud.",
     "arrests"),
    # gunfire at people, and strikes told with a day or an adverb before what they hit
    ("Gunmen burst into a birthday party in Kharkiv late on Saturday and opened fire, "
     "killing five people.", "attack"),
    ("The protests turned deadly on Tuesday, when police opened fire on students outside "
     "a university in Kharkiv, killing one.", "excessive_force_against_protesters"),
    ("U.S. strikes on Saturday also hit a district west of Kharkiv, killing 12 people.",
     "air_drone_strike"),
    ("On Wednesday, an Israeli strike on a civil defence centre in Kharkiv killed two "
     "paramedics.", "air_drone_strike"),
    ("On Sunday, a task force used explosive-laden drones against a gang base in Kharkiv, "
     "killing three.", "air_drone_strike"),
    ("A rights group said police shot dead 12 protesters in Kharkiv on Tuesday.",
     "excessive_force_against_protesters"),
    # (from the review of the rules above: what they must leave, and what they missed)
    ("Soldiers opened fire after militants attacked their checkpoint near Kharkiv on "
     "Sunday, killing four militants.", "armed_clash"),
    ("Militants stormed a bus terminal in Kharkiv, killing seven travellers, police said.",
     "attack"),
    ("Soldiers killed at least 30 demonstrators in Kharkiv as protests spread.",
     "excessive_force_against_protesters"),
    ("A stock index of defence firms rose after Russia bombed a refinery in Kharkiv.",
     "air_drone_strike"),
    ("Police fired tear gas after the 2000 protesters clashed with police in Kharkiv.",
     "violent_demonstration"),
    ("Soldiers said the base at Kharkiv fell to jihadists after a three-day siege.",
     "non_state_actor_overtakes_territory"),
])
def test_trigger_phrases_place_their_event(text, sub_event_type):
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [_mention(text, "Kharkiv", KHARKIV)])
    assert [(e.sub_event_type, e.place.id) for e in events] == [(sub_event_type, KHARKIV.id)]


@pytest.mark.parametrize("text", [
    "Workers held strikes on Monday in Kharkiv.",
    "A second group of around a dozen women was captured north of Kharkiv.",
    "Kharkiv has been the target of several bombings in recent years.",
    "The rebels struck a deal with the government in Kharkiv.",
    "Jihadists struck fear into residents of Kharkiv after months of blockade.",
    "The strike has hit ports across Kharkiv on Tuesday, the union said.",
    "Cartels in Kharkiv have also used drones to attack rival gangs and police, officials "
    "said.",
    "A ceasefire in Kharkiv expired on Friday.",
    "Kharkiv's relentless attack tore the champions apart as they thrashed them 5-1 at the "
    "stadium on Sunday to keep their Premier League title hopes alive.",
    "The musical sequel bombed at the North American box office in Kharkiv.",
    "Police arrested 34 people in raids in Kharkiv targeting a gang suspected of fraud.",
    '"The party has fought a very effective battle for the protest vote," a professor in '
    'Kharkiv said.',
    "The government accuses the rebels of using Kharkiv to plan attacks.",
    "The army has recorded more than 100 drone attacks in Kharkiv so far this year.",
    "The militia paused its campaign during a ceasefire in Kharkiv earlier this year.",
    "Kharkiv's rampant attack tore through a shell-shocked defence as they ran out 4-1 "
    "winners on Saturday.",
    "The group has increasingly used long-range drones to target fuel depots in Kharkiv.",
    "Market forces killed the deal in Kharkiv.",
    "Some 500,000 people have sheltered from the fighting in Kharkiv.",
    "More than 5,600 people were killed in gang violence in Kharkiv in 2020.",
    "Abductions for ransom have become increasingly common on roads in Kharkiv.",
    "The conflict has killed more than 6,000 people in Kharkiv.",
    "More than 500 people were killed in the months that followed in Kharkiv.",
    '"It was like a bomb went off," said a farmer in the town of Kharkiv.',
    "More than 13,000 civilians have been killed in Kharkiv since Russia launched its "
    "invasion in February 2020.",
    # business and sport
    "We fought hard for our members, the union's leader said after talks in Kharkiv.",
    "The battle for African skies is intense, the airline's chief said in Kharkiv.",
    "Zadran launched a brutal assault on the England bowling attack in Kharkiv.",
    "Cocoa prices in Kharkiv extended a rally that began in January.",
    "The Kharkiv carrier fought off stiffer competition and captured a bigger share of traffic.",
    "Root fought a lone battle in Kharkiv, but Omarzai captured five wickets.",
    "The tax plan has come under fire from opposition lawmakers in Kharkiv.",
    "Kharkiv councillors shot down the plan on Wednesday.",
    "Opponents in Kharkiv attacked the projected $38 million cost.",
    'The jury in Kharkiv had "fought hard" over the final decision.',
    "The spinners bombed India out for 138 in Kharkiv.",
    "Wellalage led the assault with a career-best 5-27 in Kharkiv.",
    "The independent won the Kharkiv by-election on a protest vote.",
    "Root fought a lonely battle in Kharkiv.",
    "The jury in Kharkiv had fought bitterly over the final decision.",
    "The battle for Asian travellers is intense, the Kharkiv airline said.",
    "The Jets pounded the Patriots 30-3 in Kharkiv on Sunday.",
    "The Rockets destroyed the Lakers 130-90 in Kharkiv.",
    "Dockworkers launched strikes on the ports of Kharkiv on Monday.",
    "Lightning strikes on homes in Kharkiv caused several fires.",
    "Forty kilograms of cocaine were seized from a house in Kharkiv.",
    "The gang was captured by police in Kharkiv.",
    '"It was like a nuclear bomb went off," said a resident of Kharkiv.',
    "This was a local contest in Kharkiv fought on local issues.",
    "Life in occupied Kharkiv is hard.",
    "Aid reached a refugee camp in Kharkiv.",
    "There were no reports of shelling in Kharkiv.",
    "Kyiv fears a new assault on Kharkiv.",
    "Police raided a house in Kharkiv.",
    "Shelling was not reported in Kharkiv.",
    "Talks in Kharkiv were called off.",
    "Kharkiv was spared from shelling.",
    "A fleeing suspect was seen in Kharkiv.",
    "An aid worker who visited the hospital in Kharkiv said so.",
    "Gas explosions are common in Kharkiv.",
    "A member of the riot police in Kharkiv spoke.",
    "Escaped inmates captured in Kharkiv were jailed.",
    "The outbreak has killed 61 people in Kharkiv.",
    "A man in Kharkiv died of a heart attack.",
    "The mayor came under fire from officials in Kharkiv.",
    "Police seized 5 kilograms of cocaine in Kharkiv.",
    "A sex assault conviction in Kharkiv was overturned.",
    "Mr. Lynch said Kharkiv was calm.",
    "He was charged with abduction in Kharkiv.",
    "15,000 sheep died in Kharkiv.",
    "In Kharkiv, 3,546 cases were reported and 91 people died.",
    "Two people died in a gas explosion in Kharkiv.",
    "I stopped at a Shell gas station in Kharkiv.",
    "Snow and ice blanket Kharkiv; two dead.",
    "Soldiers visiting a market in Kharkiv were hurt.",
    "A coal mine explosion killed two miners in Kharkiv.",
    "A woman was sexually assaulted in Kharkiv.",
    "Police in Kharkiv seized goods worth $1m.",
    "Memphis fled Kharkiv after the game.",
    "The nine-year battle over the tax in Kharkiv ended.",
    "He fought with officers who tried to arrest him in Kharkiv.",
    "Anyone with information that leads to the arrest of the vandals in Kharkiv can call.",
    "He faces three counts of assault in Kharkiv.",
    "Poisoned liquor killed seventeen in Kharkiv.",
    "A new facility in Kharkiv is fully occupied.",
    "Her father fought in World War I near Kharkiv.",
    "She visited a GP clinic in Kharkiv.",
    "Three children died in a trailer fire in Kharkiv.",
    "He met with community members in Kharkiv.",
    "A court reversed a Kharkiv sexual assault conviction.",
    "The poodle won after capturing the Best in Show award in Kharkiv.",
    "The mother has been fighting a long-running legal battle in Kharkiv.",
    "The suspect was captured on camera in Kharkiv.",
    "It was a hard fought meet in Kharkiv.",
    "Kharkiv is enjoying a lull in the fighting.",
    "Police issued a warrant for his arrest in Kharkiv.",
    "A group of tourists, mostly retirees, arrived in Kharkiv.",
    "The years-long battle over water in Kharkiv goes on.",
    "The Irish, left with seven players due to injuries, won in Kharkiv.",
    "A New Jersey woman believed she'd been bitten while visiting Kharkiv.",
    "Clashes are frequent in Kharkiv.",
    "Taking part in a fighting is one of the most common reasons for fines in Kharkiv.",
    "Local volunteers join the flood fighting effort in Kharkiv.",
    "The mayor met with the board of education in Kharkiv.",
    "Workers' strikes on Monday hit production at the tractor plant in Kharkiv.",
    "Speaking in Kharkiv, he recalled the 2014 protests that toppled the president.",
    "Rail strikes on Tuesday hit train services in Kharkiv.",
    "A 24-hour strike on Tuesday hit flights at Kharkiv airport.",
    "Police arrested six men in dawn raids in Kharkiv over a jewellery robbery in which a "
    "guard was attacked.",
    "The rebels say their attacks on Kharkiv are in solidarity with the villagers.",
    '"The junta\'s story is hard to square with attacks like Kharkiv," an analyst said.',
    "Police blamed a cartel which has been fighting for years with a local gang in Kharkiv.",
    "Troops seized rifles, grenade launchers and a crate of explosives in Kharkiv.",
    "The government imposed a curfew in Kharkiv on Friday after days of clashes.",
    "Shares of the Kharkiv chipmaker bombed on Tuesday, plunging 20 percent.",
    '"They brought a knife to a gunfight," the Kharkiv coach said.',
    '"We are fighting for our lives and our future," said a protester in Kharkiv.',
])
def test_descriptions_that_are_no_events(text):
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [_mention(text, "Kharkiv", KHARKIV)])
    assert [e.sub_event_type for e in events if e.event_type != "humanitarian"] == []


@pytest.mark.parametrize("text, expected", [
    ("A missile attack hit Kharkiv on Monday.", ["shelling_artillery_missile_attack"]),
    ("Suicide attacks in Kharkiv killed 5.", ["suicide_bomb"]),
    ("Rebels attacked an army post near Kharkiv, and a missile attack hit the city.",
     ["armed_clash", "shelling_artillery_missile_attack"]),
])
def test_a_trigger_inside_a_heavier_one_is_part_of_it(text, expected):
    """The "attack" of "a missile attack" is no battle of its own; one outside it is."""
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [_mention(text, "Kharkiv", KHARKIV)])
    assert sorted(e.sub_event_type for e in events) == expected


def test_a_bomb_that_slammed_into_a_block_with_its_toll():
    text = ("A Russian glide bomb slammed into an apartment block in Kharkiv on Thursday, "
            "killing at least seven people and wounding 23.")
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [_mention(text, "Kharkiv", KHARKIV)])
    assert [(e.sub_event_type, e.date.value, e.fatalities, e.injured) for e in events] == [
        ("air_drone_strike", "2022-03-03", 7, 23)]


def test_the_attack_told_before_is_no_new_one():
    text = ("Shelling hit Mariupol on Monday. The attack came hours after a speech in "
            "Mukachevo.")
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [_mention(text, "Mariupol", MARIUPOL),
                             _mention(text, "Mukachevo", MUKACHEVO)])
    assert [(e.event_type, e.place.id) for e in events] == [
        ("explosions_remote_violence", MARIUPOL.id)]


def test_paragraph_fallback_for_violent_sentence_without_place():
    text = "Troops entered the town of Mariupol on Tuesday. Shelling continued all night."
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [_mention(text, "Mariupol", MARIUPOL)])
    shelling = [e for e in events if e.event_type == "explosions_remote_violence"]
    assert len(shelling) == 1 and shelling[0].place.id == MARIUPOL.id
    assert shelling[0].evidence == "Shelling continued all night."


def test_merge_duplicates_keeps_most_confident_and_both_sentences():
    text = "Shelling hit Mariupol. Heavy shelling in Mariupol again."
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [_mention(text, "Mariupol", MARIUPOL),
                             Mention(Span(text.rfind("Mariupol"), text.rfind("Mariupol") + 8,
                                          "Mariupol"), MARIUPOL, 0.9)])
    assert len(events) == 1
    e = events[0]  # the most confident report (locative) sets the confidence ...
    assert e.confidence == max(x.confidence for x in extract_events(
        Document("d", "Heavy shelling in Mariupol again.", published=PUBLISHED),
        [_mention("Heavy shelling in Mariupol again.", "Mariupol", MARIUPOL)]))
    # ... the evidence is the first telling, the other kept beside it
    assert e.evidence == "Shelling hit Mariupol." and e.sources == 2
    assert e.more_evidence == ("Heavy shelling in Mariupol again.",)


# ----------------------------------------------------------------------- sentences

def test_split_sentences_abbreviations_and_glued_period():
    text = ("Gov. Hennadiy Lahuta said the U.S. Army left. Mr. Smith agreed. "
            "It was used for the Pentagon.It also will cut off supplies.")
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["Gov. Hennadiy Lahuta said the U.S. Army left.", "Mr. Smith agreed.",
                     "It was used for the Pentagon.", "It also will cut off supplies."]


def test_split_sentences_quotes_and_paragraphs():
    text = 'He said: "We cannot count."\nNext line here. And "So many." But no.'
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ['He said: "We cannot count."', "Next line here.", 'And "So many."',
                     "But no."]


def test_split_sentences_offsets_on_sample():
    text = SAMPLE.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert any(text[s:e] == "It's the first time Russian officials have conceded the "
               "invasion's high toll on its troops - though there is no way to verify the "
               "count." for s, e in spans)
    assert any(text[s:e].startswith("It also will cut off the supply") for s, e in spans)
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


# -------------------------------------------------------------------------- counts

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Russia's Defense Ministry said 498 service members have died and more than 1,500 "
     "have been wounded in the fighting.", (498, 1500)),
    ("The United Nations recorded 227 civilian deaths as of Wednesday, including 15 "
     "children.", (227, None)),
    ("The port city of nearly 300,000 was under control.", (None, None)),
    ("Shelling killed twelve people and wounded a dozen.", (12, 12)),
    ("The death toll rose to 35.", (35, None)),
    ("At least 1.2 million were killed.", (1_200_000, None)),
    ("Twenty-one people died.", (21, None)),
    ("No one was killed.", (None, None)),
    ("A convoy stalled within 20 miles of the city.", (None, None)),
    # ages and spans are no counts; someone of an age is one person
    ("38-year-old Vermelhudo is dead after being stabbed on Friday.", (1, None)),
    ("Her four year old son was injured by glass.", (None, 1)),
    ("The 20-year war killed 300 people; a man, 38 years old, died.", (300, None)),
    ("Twenty-eight people died and 40-plus were injured.", (28, 40)),
    ("Some 30-odd people were injured; twenty-odd were killed.", (20, 30)),
    ("Police arrested 4 after a 19-year-old was killed.", (1, None)),
    ("A 38-Year-Old Man Was Killed In Kabul", (1, None)),
    ("Three people died, including a 38-year-old man.", (3, None)),
    # a toll named with its cause before it grew
    ("The death toll from a suicide bombing at a rally in northwest Pakistan rose to 54 "
     "on Monday.", (54, None)),
    ("The toll of the storm on crops rose to 30 percent.", (None, None)),
    # a share of a toll told elsewhere is none (but hostages killed are)
    ("At least 23 of the dead were children, he said.", (None, None)),
    # those a verb before the number counts were not killed
    ("Bandits abducted around 50 people and killed three others.", (3, None)),
    ("Three of the hostages were killed.", (3, None)),
    ("A year later, fighting between the 444 Brigade and rebels killed 55 people.",
     (55, None)),
    # a later clause about another stretch of time or incident tells its own toll
    ("A bomber killed nine people at a tea stall, police said, capping a week in which "
     "attacks killed at least 30 people across the state.", (9, None)),
    ("Gunmen killed nine people on Sunday, a week after an ambush that killed 30.",
     (9, None)),
    ("Police arrested three men, a week after an attack that killed 30.", (30, None)),
])
def test_find_counts(sentence, expected):
    assert find_counts(sentence) == expected


# ---------------------------------------------------------------------- vocabulary

def test_every_shipped_vocabulary_row_loads(recwarn):
    """A row the regex engine refuses is skipped with a warning; none of ours may be
    (a space in a pattern reads any whitespace, so a look-behind must spell it \\s)."""
    import csv
    from importlib import resources

    text = resources.files("geomap").joinpath("data/event_vocab.csv").read_text("utf-8")
    rows = [r for r in csv.DictReader(text.splitlines())
            if not r["event_type"].startswith("#")]
    assert len(_read_vocabulary(text)) == len(rows)
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]


def test_vocabulary_covers_taxonomy():
    vocab = load_vocabulary()
    assert load_vocabulary() is vocab  # cached
    types = {t.event_type for t in vocab}
    assert types == {"battles", "explosions_remote_violence", "violence_against_civilians",
                     "protests", "riots", "strategic_developments", "displacement",
                     "negotiations", "casualties_report", "diplomacy", "humanitarian"}
    assert all(0 < t.weight <= 1 for t in vocab)


def test_vocabulary_rows_are_extensible():
    csv_text = ("event_type,sub_event_type,pattern,weight,needs\n"
                "protests,peaceful_protest,sit-down strike,0.9,\n"
                "diplomacy,visit,state visit,0.8,locative\n")
    vocab = _read_vocabulary(csv_text)
    assert [t.sub_event_type for t in vocab] == ["peaceful_protest", "visit"]
    assert vocab[0].regex.search("a SIT-DOWN  strike began")
    assert not vocab[0].regex.search("sit-down strikes")
    assert vocab[1].needs == frozenset({"locative"})


def test_a_row_with_a_misspelt_need_is_skipped_with_a_warning():
    csv_text = ("event_type,sub_event_type,pattern,weight,needs\n"
                "protests,peaceful_protest,sit-down strike,0.9,locatve\n"
                "diplomacy,visit,state visit,0.8,locative\n")
    with pytest.warns(UserWarning, match="line 2 skipped: unknown needs"):
        vocab = _read_vocabulary(csv_text)
    assert [t.sub_event_type for t in vocab] == ["visit"]


# ---------------------------------------------------------------------- robustness

@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab .,;:!?\"'\n-") + [
    " shelling ", " in ", " Mariupol", " killed ", " 12 ", " talks ", " would ", "Gov.",
    "U.S.", " Thursday", " 2014", " cease-fire ", " of ", "the capital, "]), max_size=60
    ).map("".join),
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 12)), max_size=5),
    st.one_of(st.none(), st.dates()))
def test_extract_events_never_raises(text, spans, published):
    mentions = [Mention(Span(s, min(s + n, len(text)), text[s:s + n]), MARIUPOL, 0.5)
                for s, n in spans if s < len(text)]
    doc = Document("fuzz", text, published=published)
    for e in extract_events(doc, mentions):
        assert 0 <= e.confidence <= 1 and e.place.id == MARIUPOL.id
    for s, e in split_sentences(text):
        assert 0 <= s < e <= len(text)


@pytest.mark.parametrize("text", [
    "Officials in Kharkiv said there was no shelling overnight.",
    "Talks between the two sides will resume in Geneva next week.",
    "Russia could launch air strikes on Kharkiv.",
    "Kyiv denied that Kharkiv had been captured.",
    "If shelling resumes in Kharkiv, civilians will leave.",
    "Residents of Kharkiv were possibly abducted, the prosecutor said.",
    "A Kharkiv activist said she cares about issues of sexual violence.",
])
def test_irrealis_sentences_yield_nothing(text):
    geneva = Place("geonames:2660646", "Geneva", "city", "CH", "Geneva", 183981, 46.20222,
                   6.14569)
    mentions = [_mention(text, name, place) for name, place in
                (("Kharkiv", KHARKIV), ("Geneva", geneva)) if name in text]
    assert extract_events(Document("d", text, published=PUBLISHED), mentions) == []


def test_airstrike_with_toll_is_one_violent_event():
    text = "Airstrikes on Aleppo killed at least 23 people on Sunday, rescuers said."
    aleppo = Place("geonames:170063", "Aleppo", "city", "SY", "Aleppo", 1602264, 36.20124,
                   37.16117)
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [_mention(text, "Aleppo", aleppo)])
    assert [(e.event_type, e.sub_event_type, e.date.value, e.fatalities) for e in events] == [
        ("explosions_remote_violence", "air_drone_strike", "2022-02-27", 23)]


def test_broken_vocabulary_row_is_skipped_with_warning():
    csv_text = ("event_type,sub_event_type,pattern,weight,needs\n"
                "battles,armed_clash,(unclosed,0.5,\n"
                "battles,armed_clash,gunfight,heavy,\n"
                "battles,armed_clash,skirmish,0.8,\n")
    with pytest.warns(UserWarning) as caught:
        vocab = _read_vocabulary(csv_text)
    assert sorted(str(w.message)[:27] for w in caught) == [
        "event vocabulary line 2 ski", "event vocabulary line 3 ski"]
    assert [t.pattern for t in vocab] == ["skirmish"]


# --------------------------------------------------------------- rules of issue 5

KYIV_CAPITAL = Place("geonames:703448", "Kyiv", "city", "UA", "Kyiv City", 2797553, 50.45466,
                     30.5238, capital=True)


def _all_mentions(text: str, places: dict[str, Place]) -> list[Mention]:
    import re

    out = []
    for name, place in places.items():
        for m in re.finditer(re.escape(name), text):
            out.append(Mention(Span(m.start(), m.end(), name), place, 0.9))
    return sorted(out, key=lambda m: m.span.start)


def _events(text: str, places: dict[str, Place], **doc) -> list[Event]:
    return extract_events(Document("d", text, published=PUBLISHED, **doc),
                          _all_mentions(text, places))


def _kherson_types(text: str) -> list[tuple[str, str]]:
    """(type, sub-type) of each event of ``text``, whose only place is Kherson."""
    return [(e.event_type, e.sub_event_type) for e in _events(text, {"Kherson": KHERSON})]


def test_a_day_named_keeps_an_event_told_beside_a_period():
    events = _events("At least 101 people were killed in bombings in Kharkiv on Thursday in "
                     "one of the bloodiest days in recent years.", {"Kharkiv": KHARKIV})
    assert [(e.event_type, e.fatalities) for e in events] == [
        ("explosions_remote_violence", 101)]
    events = _events("Violence has intensified in recent years; in February 2020, rebels "
                     "kidnapped a pilot in Kharkiv.", {"Kharkiv": KHARKIV})
    assert [(e.sub_event_type, e.date.value) for e in events] == [
        ("abduction_forced_disappearance", "2020-02")]


def test_the_attack_told_again_says_where_it_was():
    text = ("Militants attacked a police post in Ukraine overnight, killing four policemen, "
            "officials said on Thursday. The attack on the police post in Kharkiv began late "
            "on Wednesday.")
    events = _events(text, {"Ukraine": UKRAINE, "Kharkiv": KHARKIV})
    assert [(e.event_type, e.place.name, e.fatalities) for e in events] == [
        ("battles", "Kharkiv", 4)]


def test_civilians_killed_in_the_fighting_are_its_toll():
    events = _events("Officials said 12 civilians were killed and more than 100 wounded in "
                     "Kharkiv during Wednesday's fighting.", {"Kharkiv": KHARKIV})
    assert [(e.event_type, e.fatalities) for e in events] == [("battles", 12)]


def test_a_toll_after_an_unrelated_sentence_stays_its_own():
    text = ("Gunmen killed 20 villagers in Ukraine on Sunday, police said. The country has "
            "long been torn by disputes over land and water. Two people were killed in "
            "Kharkiv, residents said.")
    events = _events(text, {"Ukraine": UKRAINE, "Kharkiv": KHARKIV})
    assert [(e.event_type, e.place.name, e.fatalities) for e in events] == [
        ("violence_against_civilians", "Ukraine", 20), ("casualties_report", "Kharkiv", 2)]


def test_the_attack_told_again_moves_only_to_a_place_of_its_own_phrase():
    text = ("A suicide bomber killed 12 soldiers in Ukraine on Tuesday. The attack was "
            "condemned by the prime minister in Kyiv.")
    events = _events(text, {"Ukraine": UKRAINE, "Kyiv": KYIV})
    assert [(e.event_type, e.place.name) for e in events] == [
        ("explosions_remote_violence", "Ukraine")]


def test_civilians_shot_dead_amid_clashes_are_an_attack_on_them():
    events = _events("Fighters shot dead 40 civilians in a market in Kharkiv on Tuesday "
                     "amid clashes with the army.", {"Kharkiv": KHARKIV})
    assert "violence_against_civilians" in {e.event_type for e in events}


def test_a_truce_that_expired_is_no_talks():
    events = _events("On Friday, hours after the temporary truce expired, air strikes hit "
                     "houses near Kharkiv.", {"Kharkiv": KHARKIV})
    assert [(e.event_type, e.place.name) for e in events] == [
        ("explosions_remote_violence", "Kharkiv")]


def test_from_is_the_origin_of_aid_not_its_location():
    events = _events("Aid convoys from Kherson reached Mariupol on Monday.",
                     {"Kherson": KHERSON, "Mariupol": MARIUPOL})
    assert [(e.event_type, e.place.name, e.date.value) for e in events] == [
        ("humanitarian", "Mariupol", "2022-02-28")]


def test_from_is_kept_when_it_is_the_only_place():
    events = _events("Thousands fled from Mariupol on Monday.", {"Mariupol": MARIUPOL})
    assert [(e.event_type, e.place.name) for e in events] == [("displacement", "Mariupol")]


def test_definite_description_refers_back_to_the_place_named_with_that_noun():
    text = ("Fighting raged in the town of Kherson on Tuesday.\n"
            "Russian forces took control of the town's airport on Wednesday.")
    events = _events(text, {"Kherson": KHERSON})
    seized = [e for e in events if e.event_type == "strategic_developments"]
    assert [(e.place.name, e.date.value, e.actors) for e in seized] == [
        ("Kherson", "2022-03-02", "Russian forces")]


def test_the_capital_is_the_paragraphs_capital():
    text = "Officials in Kyiv and Mariupol counted the damage. Russian forces seized the capital."
    events = _events(text, {"Kyiv": KYIV_CAPITAL, "Mariupol": MARIUPOL})
    assert [(e.event_type, e.place.name) for e in events] == [
        ("strategic_developments", "Kyiv")]


def test_recognition_in_eastern_country_goes_to_the_region_named_before():
    text = ("Kyiv must recognize the separatist areas in the Donbas region as independent. "
            "Russia annexed the Crimean Peninsula from Ukraine in 2014 and recognized the "
            "self-proclaimed separatist \"republics\" in eastern Ukraine as independent "
            "states last month.")
    events = _events(text, {"Donbas": DONBAS, "Crimean Peninsula": CRIMEA, "Ukraine": UKRAINE})
    got = {(e.sub_event_type, e.place.name, e.date.value, e.date.precision) for e in events}
    assert got == {("non_violent_transfer_of_territory", "Crimean Peninsula", "2014", "year"),
                   ("other", "Donbas", "2022-02", "month")}


def test_agreement_reached_in_talks_is_the_agreement_only():
    text = "Both sides agreed to a four-day truce in talks in Kherson on Wednesday."
    events = _events(text, {"Kherson": KHERSON})
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("strategic_developments", "agreement")]


def test_riot_subsumes_the_protest_at_its_place():
    text = ("In Kherson, protesters threw stones at riot police, and police detained 14 "
            "people.")
    events = _events(text, {"Kherson": KHERSON})
    assert sorted(e.event_type for e in events) == ["riots", "strategic_developments"]
    arrests = next(e for e in events if e.event_type == "strategic_developments")
    assert arrests.actors == "police"


def test_a_second_raid_takes_the_type_of_the_last_violent_event():
    text = ("Air strikes hit a market in Kherson on Thursday. A second raid on Friday "
            "destroyed a bakery in the town of Mariupol.")
    events = _events(text, {"Kherson": KHERSON, "Mariupol": MARIUPOL})
    assert [(e.event_type, e.sub_event_type, e.place.name, e.date.value) for e in events] == [
        ("explosions_remote_violence", "air_drone_strike", "Kherson", "2022-03-03"),
        ("explosions_remote_violence", "air_drone_strike", "Mariupol", "2022-02-25")]
    assert _events("A second raid hit Mariupol on Friday.", {"Mariupol": MARIUPOL}) == []


def test_fighting_people_flee_is_not_a_battle_there():
    text = "Families fleeing fighting in the Donbas region arrived last week in Mariupol."
    events = _events(text, {"Donbas": DONBAS, "Mariupol": MARIUPOL})
    assert [(e.event_type, e.place.name) for e in events] == [("displacement", "Mariupol")]


def test_dateline_places_violence_in_the_lede_only():
    from geomap.model import Dateline

    text = "KHERSON - Shelling continued overnight.\nLater, heavy fighting was reported."
    dl = Dateline("KHERSON", None, 0, 10)
    events = extract_events(Document("d", text, published=PUBLISHED, dateline=dl),
                            [Mention(Span(0, 7, "KHERSON"), KHERSON, 0.9)])
    assert [(e.event_type, e.place.name) for e in events] == [
        ("explosions_remote_violence", "Kherson")]


def test_same_event_told_twice_is_one_with_both_sentences():
    text = ("Russian troops seized a government building in Kherson on Thursday. "
            "Officials said more. Russian forces occupied the building in Kherson on Thursday.")
    events = _events(text, {"Kherson": KHERSON})
    (e,) = [e for e in events if e.event_type == "strategic_developments"]
    assert e.sources == 2 and e.evidence.startswith("Russian troops seized")
    assert e.more_evidence == ("Russian forces occupied the building in Kherson on Thursday.",)
    assert e.event_id == _events(text, {"Kherson": KHERSON})[0].event_id


def test_merge_events_across_documents():
    from geomap.events import merge_events

    text = "Heavy shelling hit Mariupol on Thursday, killing 3."
    a = _events(text, {"Mariupol": MARIUPOL})
    b = extract_events(Document("e", text.replace("3", "5"), published=PUBLISHED),
                       _all_mentions(text, {"Mariupol": MARIUPOL}))
    (m,) = merge_events(a + b)
    assert (m.doc_id, m.sources, m.fatalities) == ("d", 2, 5)
    assert m.more_evidence == (text.replace("3", "5"),)


@pytest.mark.parametrize(("text", "actors"), [
    ("Russian forces shelled the town.", "Russian forces"),
    ("Russian and Ukrainian delegations met.", "Russian and Ukrainian delegations"),
    ("The White Helmets civil defence group pulled survivors out.",
     "White Helmets civil defence group"),
    ("Turkish police arrested 23 people.", "Turkish police"),
    ("The interior ministry said police detained 14 people.", "police"),
    ("Shelling continued, according to the British Defense Ministry.", None),
    ("Thousands fled the city.", None),
])
def test_find_actors(text, actors):
    from geomap.events import find_actors

    assert find_actors(text) == actors


def test_harm_the_story_says_no_violence_caused_is_no_event():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL}
    # the cause is told in the lead or just before, not in the event's own sentence
    text = ("Gas leak blamed for restaurant explosion. An explosion tore through a "
            "restaurant in Kherson on Monday. Firefighters worked all night. Three people "
            "were killed in Kherson.")
    assert _events(text, places) == []
    text = ("Floods hit the region. Rivers rose for a week. Hundreds of residents were "
            "evacuated from Mariupol on Monday.")
    assert _events(text, places) == []
    # a wildfire's flames, in the evacuation's own sentence
    text = ("Water-dropping planes attacked the fire from the air. Residents of villages "
            "around Mariupol were ordered to leave their homes as the flames advanced.")
    assert _events(text, places) == []
    # a bombing told the same way stays an event, its toll too
    text = ("Bomb attack on a restaurant. An explosion tore through a restaurant in Kherson "
            "on Monday. Firefighters worked all night. Three people were killed in Kherson.")
    assert {e.event_type for e in _events(text, places)} == {
        "explosions_remote_violence", "casualties_report"}
    text = ("Shelling hit the city for a week. Officials counted the damage. Hundreds of "
            "residents were evacuated from Mariupol on Monday.")
    assert "displacement" in {e.event_type for e in _events(text, places)}


def test_a_date_in_a_relative_clause_dates_that_clause_not_the_event():
    # "which erupted in 1972" dates the war, not the toll the sentence reports
    (e,) = _events("The war in Kherson, which erupted in 1972 when rebels took up arms, "
                   "has so far claimed the lives of some 7,000 people.", {"Kherson": KHERSON})
    assert (e.event_type, e.date.value, e.fatalities) == ("casualties_report", "2022-03-03",
                                                         7000)


def test_a_generic_blast_takes_the_kind_of_explosion_the_story_tells():
    places = {"Kherson": KHERSON}

    def kinds(text):
        return {e.sub_event_type for e in _events(text, places)
                if e.event_type == "explosions_remote_violence"}

    assert kinds("Police found the wreck on Monday. A blast hit a shop in Kherson. A remote "
                 "control explosive device went off, officials said.") == {
        "remote_explosive_landmine_ied"}
    assert kinds("A suicide bomber struck on Monday. The blast destroyed a bus in "
                 "Kherson.") == {"suicide_bomb"}
    # the sentence's own cue, or the story's, keeps the default kind
    assert kinds("Artillery pounded the front. The blast destroyed a bus in Kherson.") == {
        "shelling_artillery_missile_attack"}
    assert kinds("A blast destroyed a bus in Kherson.") == {"shelling_artillery_missile_attack"}


def test_warrants_plans_and_causes_are_no_events():
    places = {"Kherson": KHERSON}
    assert _events("The court issued an arrest warrant for the mayor of Kherson.", places) == []
    assert _events("The president is to make an official visit to Kherson.", places) == []
    assert _events("Charities in Kherson are fighting AIDS and hunger.", places) == []
    # an arrest and a battle told as done stay events
    assert [e.event_type for e in _events(
        "Police arrested the mayor of Kherson. Troops were fighting in Kherson.", places)] == [
        "strategic_developments", "battles"]


@pytest.mark.parametrize("sentence, expected", [
    ("Two soldiers and 16 gunmen were killed in the battle.", (18, None)),
    ("It says 24 civilians, 24 Kurdish fighters, and 25 Turkish-backed Syrian militiamen "
     "have been killed.", (73, None)),
    ("Fighting ended with five officers and about a dozen militants left dead.", (17, None)),
    # no list: counts of other kinds, or another verb's object
    ("Shelling killed 5 and injured 3.", (5, 3)),
    ("Police arrested 5 people and 3 were killed.", (3, None)),
    ("Between 2 and 3 people died.", (3, None)),
])
def test_a_list_of_counts_adds_up(sentence, expected):
    assert find_counts(sentence) == expected


def test_a_bare_attack_with_no_two_sides_is_an_attack_on_people():
    types = _kherson_types
    assert types("Two people were killed in a knife attack at a market in Kherson.") == [
        ("violence_against_civilians", "attack")]
    assert types("A suicide bomber blew himself up. Police said 5 people were killed in the "
                 "attack in Kherson.") == [("explosions_remote_violence", "suicide_bomb")]
    # armed sides make it a battle
    assert types("Troops repelled an attack on Kherson.") == [("battles", "armed_clash")]
    assert types("Militants killed 20 soldiers in an attack near Kherson.") == [
        ("battles", "armed_clash")]
    # one armed side and the unarmed people it killed: an attack on civilians
    assert types("Jihadists killed 20 villagers in an attack on a village near Kherson.") == [
        ("violence_against_civilians", "attack")]


def test_clashes_of_unarmed_sides_and_storming_crowds_are_riots():
    types = _kherson_types
    riot = [("riots", "violent_demonstration")]
    assert types("Three people were killed in Kherson when students clashed with activists "
                 "of the ruling party.") == riot
    assert types("Thousands of mostly young protesters overwhelmed police lines and stormed "
                 "parliament in Kherson.") == riot
    # who said it is no side; armed men make it a battle
    assert types("Residents said 15 people were killed in clashes in Kherson.") == [
        ("battles", "armed_clash")]
    assert types("Villagers clashed with militants in Kherson, leaving five dead.") == [
        ("battles", "armed_clash")]


def test_gunmen_who_stormed_a_place_attacked_its_people():
    types = _kherson_types
    assert types("Gunmen from a gang coalition stormed Kherson early on Thursday, shooting "
                 "residents, the national police said.") == [
        ("violence_against_civilians", "attack")]
    # a base is held by armed men; people taken are the abduction, stormed or not
    assert types("Militants stormed the army base in Kherson.") == [("battles", "armed_clash")]
    assert types("Gunmen stormed a church service in Kherson and kidnapped 30 "
                 "worshippers.") == [("violence_against_civilians",
                                      "abduction_forced_disappearance")]


def test_a_stretch_of_the_year_is_a_running_toll_and_a_year_later_a_date():
    events = _events("More than 1,500 people were killed in Kherson in the first three months "
                     "of the year, the U.N. said.", {"Kherson": KHERSON})
    assert events == []
    events = _events("In August 2019, clashes in Kherson killed 32 people. A year later, "
                     "fighting in Kherson killed 55 people.", {"Kherson": KHERSON})
    assert [(e.date.value, e.fatalities) for e in events] == [("2019-08", 32), ("2020-08", 55)]


def test_a_place_named_inside_the_country_says_where_in_it():
    places = {"Ukraine": UKRAINE, "Kharkiv": KHARKIV, "Kyiv": KYIV}

    def where(text):
        return [e.place.name for e in _events(text, places)]

    assert where("Fighting broke out in Ukraine's Saltivka district, in Kharkiv, leaving "
                 "three dead.") == ["Kharkiv"]
    assert where("Gunmen killed 43 people in a village in Ukraine's north-eastern Kharkiv "
                 "region.") == ["Kharkiv"]
    # not a place another event happened at, nor one things are measured from
    assert where("Militants attacked a police post in Ukraine overnight, a day after gunmen "
                 "in the capital Kyiv shot dead seven passengers.")[0] == "Ukraine"
    assert where("Rebels seized a town in central Ukraine, about 200 km south of "
                 "Kyiv.") == ["Ukraine"]


def test_a_toll_of_a_strike_from_abroad_is_not_placed_in_the_striking_country():
    beirut = Place("geonames:276781", "Beirut", "city", "LB", "04", 1916100, 33.89, 35.49)
    lebanon = Place("geonames:272103", "Lebanon", "country", "LB", None, 6848925, 33.83, 35.83)
    israel = Place("geonames:294640", "Israel", "country", "IL", None, 8883800, 31.5, 34.75)
    safed = Place("geonames:293100", "Safed", "city", "IL", "03", 35700, 32.96, 35.5)
    text = ("BEIRUT - Israel and Hezbollah traded fire. Israel said it hit launchers in "
            "Lebanon after rockets fell on Safed, and Israel warned of more.\n\nOn "
            "Wednesday, an Israeli strike on a civil defence centre killed two paramedics.")
    places = {"BEIRUT": beirut, "Israel": israel, "Lebanon": lebanon, "Safed": safed}
    events = _events(text, places, dateline=Dateline("BEIRUT", None, 0, 9))
    assert [(e.place.name, e.fatalities) for e in events if e.fatalities] == [("Lebanon", 2)]


def test_where_a_commentator_works_is_no_place_of_the_event():
    places = {"Kyiv": KYIV, "Kharkiv": KHARKIV}
    events = _events("Fighting raged in Kharkiv on Friday. \"The arrest was the spark,\" said a "
                     "researcher at a Kyiv think tank.", places)
    assert "Kyiv" not in [e.place.name for e in events]


def test_a_toll_that_rose_later_is_the_toll_of_the_event_told_before():
    events = _events("A bomb tore through a market in Kherson on Sunday, officials said.\n\n"
                     "Three people were killed on the spot and about 50 wounded. A woman died of "
                     "her wounds in hospital on Monday, bringing the toll to four, police said.",
                     {"Kherson": KHERSON})
    assert [(e.sub_event_type, e.fatalities, e.injured) for e in events] == [
        ("remote_explosive_landmine_ied", 4, 50)]


def test_force_on_protesters_is_no_attack_and_its_toll_follows_it():
    events = _events("Late on Tuesday, police opened fire on protesters and residents in "
                     "Kherson, witnesses said. Three people were shot dead there.",
                     {"Kherson": KHERSON})
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("excessive_force_against_protesters", 3)]


def test_who_took_a_place_after_fighting_says_which_battle():
    def sub(text):
        return [e.sub_event_type for e in _events(text, {"Kherson": KHERSON})]

    assert sub("The army said it had taken full control of Kherson from the Kherson "
               "Liberation Army after weeks of fighting.") == ["government_regains_territory"]
    assert sub("The Kherson Liberation Army said it had captured Kherson after weeks of "
               "fighting.") == ["non_state_actor_overtakes_territory"]


def test_where_the_wounded_were_taken_and_where_a_road_leads_are_elsewhere():
    places = {"Kherson": KHERSON, "Kyiv": KYIV}
    events = _events("A roadside bomb killed four police officers near Kherson on Tuesday. "
                     "Two other officers were injured and airlifted to Kyiv for treatment.",
                     places)
    assert [(e.place.name, e.fatalities) for e in events] == [("Kherson", 4)]
    events = _events("Fighting broke out on Sunday in Kherson, on the highway linking Odesa "
                     "with the capital Kyiv, killing 15.", places)
    assert [e.place.name for e in events] == ["Kherson"]


def test_a_strike_that_killed_soldiers_is_no_battle_and_jets_strike_from_the_air():
    places = {"Kherson": KHERSON}
    events = _events("A drone strike killed three soldiers at a base in Kherson on Monday.",
                     places)
    assert [(e.event_type, e.fatalities) for e in events] == [("explosions_remote_violence", 3)]
    events = _events("On Saturday, a roadside bomb hit a car in Kherson. On Sunday, F-16 jets "
                     "struck hideouts near Kherson, killing six militants.", places)
    assert [e.sub_event_type for e in events] == ["remote_explosive_landmine_ied",
                                                 "air_drone_strike"]
    events = _events("Troops killed three gunmen in a raid in Kherson on Wednesday. The "
                     "ministry identified the dead as three men aged 19 to 26.", places)
    assert [e.event_type for e in events] == ["battles"]


def test_what_the_review_of_this_round_found():
    places = {"Kherson": KHERSON, "Kyiv": KYIV, "Ukraine": UKRAINE}
    # who reports clashes is no side of them; sides named by the clash are
    assert _kherson_types("Residents reported heavy clashes on the outskirts of Kherson on "
                          "Tuesday.") == [("battles", "armed_clash")]
    assert _kherson_types("Supporters of the two rival candidates clashed in Kherson on "
                          "Sunday.") == [("riots", "violent_demonstration")]
    # a toll of the clashes themselves is theirs
    assert _kherson_types("At least 40 people have been killed after days of clashes in "
                          "Kherson, police said.") == [("battles", "armed_clash")]
    # the bridge a strike hit is at the place it links; where officials spoke is not it
    events = _events("Russian shelling hit the bridge linking Kherson with the left bank on "
                     "Monday, killing two people.", places)
    assert [e.place.name for e in events] == ["Kherson"]
    events = _events("Two soldiers were killed in Ukraine on Monday, officials in Kyiv said.",
                     places)
    assert [e.place.name for e in events] == ["Ukraine"]
    # a story whose only place is where the wounded were flown keeps its event there
    events = _events("A roadside bomb hit a convoy on Tuesday, killing two soldiers. The "
                     "wounded were flown to Kyiv.", places)
    assert [e.place.name for e in events] == ["Kyiv"]
    # "N years earlier" in a clause about someone dates nothing
    events = _events("Gunmen killed five people in Kherson on March 2. The group, founded 15 "
                     "years earlier, attacked a post near Kyiv, killing six soldiers.", places)
    assert [e.date.value for e in events] == ["2022-03-02", "2022-03-03"]


def test_a_states_embassy_stands_where_the_state_does_not():
    usa = Place("geonames:6252001", "United States", "country", "US", None, 327167434,
                39.76, -98.5)
    places = {"Kyiv": KYIV, "United States": usa}
    events = _events("Fighting raged in Kyiv on Friday. On Saturday, protesters "
                     "threw stones outside the embassies of the United States and Britain.",
                     places)
    assert [(e.event_type, e.place.name) for e in events][-1] == ("riots", "Kyiv")


def test_a_toll_is_the_violence_that_caused_it_when_that_found_no_place():
    # the villages are unknown, so the bombing has no place of its own: its toll, placed
    # where the story is, is the bombing rather than a casualty report
    events = _events("Fighting raged in Kherson on Monday.\n\nSeparately, a roadside bomb "
                     "struck a convoy between two villages on Tuesday, wounding five "
                     "soldiers.", {"Kherson": KHERSON})
    got = [(e.event_type, e.sub_event_type, e.place.name, e.injured) for e in events]
    assert got[1:] == [("explosions_remote_violence", "remote_explosive_landmine_ied",
                        "Kherson", 5)]


def test_where_someone_is_from_is_no_place_of_the_event():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL}
    events = _events("Gunmen attacked a hotel in Mariupol on Monday. They killed four guards "
                     "and a woman visiting from Kherson.", places)
    # the toll told right after the attack counts its victims, at the attack's place
    assert [(e.event_type, e.place.name, e.fatalities) for e in events] == [
        ("battles", "Mariupol", 5)]
    (e,) = _events("Police arrested Paul Floyd, 47, of Kherson at a home in Mariupol.", places)
    assert e.place.name == "Mariupol"
    # with no other place it is the last resort
    (e,) = _events("Police arrested a Kherson man on Monday.", places)
    assert e.place.name == "Kherson"


def test_habits_needs_and_who_fights_are_no_events():
    places = {"Kherson": KHERSON}
    assert _events("Conflicting tolls are common in Kherson in the aftermath of bombings.",
                   places) == []
    assert _events("Thousands in Kherson now require humanitarian aid.", places) == []
    assert _events("French jihadists fighting in Kherson were named.", places) == []
    assert _events("They discussed the prospect of peace talks in Kherson.", places) == []
    assert _events("One person a year is killed on that road in Kherson.", places) == []
    # fighting itself, and aid delivered, are events
    assert [e.event_type for e in _events(
        "Heavy fighting in Kherson left 3 dead. Aid convoys reached Kherson on Monday.",
        places)] == ["battles", "humanitarian"]


def test_what_people_who_do_it_do_as_a_habit_is_no_event():
    places = {"Kherson": KHERSON}
    assert _events("Islamabad accuses Kabul of harbouring militants who attack Kherson.",
                   places) == []
    assert _events("Fighters who often kidnap pupils in Kherson are paid ransoms.", places) == []
    # what they did is one
    (e,) = _events("Gunmen who kidnapped 20 pupils in Kherson on Monday fled.", places)
    assert e.sub_event_type == "abduction_forced_disappearance"


def test_a_toll_told_again_at_the_same_place_is_no_report_of_its_own():
    places = {"Kherson": KHERSON}
    events = _events("The death toll from a suicide bombing in Kherson rose to 54 on Monday. "
                     "The toll in Kherson has reached 54, a spokesman said.", places)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("suicide_bomb", 54)]
    # another count is another report
    events = _events("A suicide bombing in Kherson killed 54 people on Monday. The toll in "
                     "Kherson has reached 60, a spokesman said.", places)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("suicide_bomb", 54), ("official_toll", 60)]


def test_a_rampage_is_mob_violence_and_a_truck_packed_with_explosives_a_bomb():
    places = {"Kherson": KHERSON}
    (e,) = _events("Hundreds of settlers rampaged through a village in Kherson on Wednesday.",
                   places)
    assert (e.event_type, e.sub_event_type) == ("riots", "mob_violence")
    assert _events("An elephant rampaged through a village in Kherson.", places) == []
    (e,) = _events("A truck packed with explosives blew up in Kherson on Thursday, killing "
                   "six people.", places)
    assert (e.sub_event_type, e.fatalities) == ("remote_explosive_landmine_ied", 6)


def test_attacked_with_a_drone_is_a_drone_strike_and_the_named_attack_one_told_before():
    places = {"Kherson": KHERSON}
    events = _events("Thirteen police officers were killed when their helicopter was attacked "
                     "with a drone in Kherson on Thursday.", places)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("air_drone_strike", 13)]
    events = _events("A truck packed with explosives blew up in Kherson on Thursday, killing "
                     "six. Police said one suspect in the Kherson attack had been detained.",
                     places)
    assert [e.sub_event_type for e in events] == ["remote_explosive_landmine_ied", "arrests"]


def test_a_ceasefire_announced_or_brokered_is_an_agreement():
    places = {"Kherson": KHERSON}
    for sentence in ("On Wednesday, the defence ministry announced a ceasefire across Kherson.",
                     "Elders brokered a truce in Kherson on Friday."):
        assert [(e.event_type, e.sub_event_type) for e in _events(sentence, places)] == [
            ("strategic_developments", "agreement")]
    (e,) = _events("The ceasefire in Kherson is holding.", places)
    assert e.sub_event_type == "ceasefire"


def test_arrests_in_a_story_of_a_robbery_and_harm_a_storm_did_are_no_events():
    places = {"Kherson": KHERSON}
    assert _events("Police have arrested four people suspected of a smash-and-grab raid on "
                   "a jeweller in Kherson. Officers raided flats in Kherson on Monday and "
                   "detained four men.", places) == []
    assert _events("It looked like a war zone, residents said. In Kherson, the cyclone "
                   "ripped the roofs off schools and knocked down power lines, leaving the "
                   "city without electricity.", places) == []


def test_a_running_toll_since_a_war_or_a_year_began_is_no_event():
    places = {"Kherson": KHERSON}
    for sentence in (
            "More than 12,000 civilians have been killed in Kherson since the start of the "
            "invasion, the United Nations says.",
            "More than 6,000 people have been killed and 600,000 displaced in Kherson since "
            "then.",
            "At least 220 people have been killed in Kherson this year."):
        assert _events(sentence, places) == []
    # a flight since the month began is still news
    (e,) = _events("Thousands of people have fled Kherson since the start of the month.", places)
    assert e.event_type == "displacement"


def test_fighting_that_subsided_goes_on_or_recurs_daily_is_a_state_no_event():
    places = {"Kherson": KHERSON}
    assert _events("Fighting has largely subsided, although clashes continue around "
                   "Kherson.", places) == []
    assert _events("Kherson is shelled almost daily from positions across the river.",
                   places) == []
    # a day's fighting, and a protest that goes on, are events
    assert [e.event_type for e in _events(
        "Clashes continued around Kherson on Monday. Protesting teachers in Kherson continue "
        "to fill the city hall.", places)] == ["battles", "protests"]


def test_what_the_rebels_did_on_another_day_is_another_event():
    places = {"Kherson": KHERSON, "Kharkiv": KHARKIV}
    events = _events("Rebels killed 40 villagers in Kherson on Friday. Three days earlier, on "
                     "Tuesday, the rebels killed 12 people in Kharkiv.", places)
    assert [(e.sub_event_type, e.place.name, e.fatalities) for e in events] == [
        ("attack", "Kherson", 40), ("attack", "Kharkiv", 12)]


def test_farmers_shot_dead_were_attacked_whoever_shot_them():
    places = {"Kherson": KHERSON}
    (e,) = _events("Suspected herders shot dead three farmers in Kherson on Saturday.", places)
    assert (e.sub_event_type, e.fatalities) == ("attack", 3)
    assert _events("A bus crash killed three farmers in Kherson on Saturday.", places) == []


def test_the_town_the_next_sentence_puts_a_regions_event_in_narrows_it():
    oromia = Place("geonames:444185", "Oromia", "admin1", "ET", "51", 35_000_000, 8.0, 39.0)
    town = Place("geonames:337152", "Gebre Guracha", "city", "ET", "51", 41_200, 9.8, 38.4)
    places = {"Oromia": oromia, "Gebre Guracha": town, "Kyiv": KYIV}
    events = _events("Gunmen abducted more than 100 students in Oromia on Wednesday. They "
                     "stopped the buses near the town of Gebre Guracha, on the road to Kyiv.",
                     places)
    assert [(e.sub_event_type, e.place.name) for e in events] == [
        ("abduction_forced_disappearance", "Gebre Guracha")]
    # a sentence telling an event of its own narrows nothing
    events = _events("Gunmen abducted more than 100 students in Oromia on Wednesday. Police "
                     "arrested two men near the town of Gebre Guracha.", places)
    assert ("abduction_forced_disappearance", "Oromia") in {
        (e.sub_event_type, e.place.name) for e in events}


def test_where_the_attack_took_place_not_the_dateline_places_it():
    from geomap.ingest import make_document

    niamey = Place("geonames:2440485", "Niamey", "city", "NE", "08", 774_235, 13.51, 2.11)
    niger = Place("geonames:2440476", "Niger", "country", "NE", None, 22_442_948, 18.0, 9.0)
    region = Place("geonames:2595294", "Tillabéri", "admin1", "NE", "09", 2_722_482, 14.5, 1.5)
    places = {"NIAMEY": niamey, "Niger": niger, "Tillaberi": region}
    text = ("NIAMEY (Reuters) - Gunmen killed 44 civilians in an attack on a mosque in "
            "southwestern Niger on Friday, the government said.\n\nThe attack took place "
            "at around 2 p.m. in the village of Fambita, in the Tera department of "
            "Tillaberi region.")
    doc = make_document(text, "d", published=PUBLISHED)
    assert doc.dateline is not None
    events = extract_events(doc, _all_mentions(text, places))
    assert [(e.sub_event_type, e.place.name) for e in events] == [("attack", "Tillabéri")]


def test_air_strikes_stepped_up_are_a_campaign_and_hide_no_abduction():
    places = {"Kherson": KHERSON}
    events = _events("Armed bandits abducted around 50 people in a raid on a village in "
                     "Kherson on Friday, as the military stepped up air strikes on gang "
                     "hideouts.", places)
    assert [e.sub_event_type for e in events] == ["abduction_forced_disappearance"]


def test_a_displacement_camp_and_a_wars_displaced_are_no_flight():
    places = {"Kherson": KHERSON}
    assert [e.event_type for e in _events(
        "Shells hit the largest displacement camp in Kherson on Monday.", places)] == [
        "explosions_remote_violence"]
    assert _events("The war, which erupted in Kherson in 2023, has killed tens of thousands "
                   "of people and displaced more than 12 million.", places) == []
    # fighting that displaced people this week did
    assert "displacement" in [e.event_type for e in _events(
        "Fighting in Kherson has displaced 3,000 people since Monday.", places)]


@pytest.mark.parametrize("sentence", [
    "More than 250 people have been killed in Kherson and some 60,000 displaced, many of "
    "whom still live in relief camps.",
    "The insurgency, which began in October 2017 in Kherson, has killed more than 4,000 "
    "people and displaced about a million, according to conflict monitors.",
    "Israel's offensive in Kherson has since killed more than 34,000 people, according to "
    "the health ministry.",
    "The United Nations says more than 3.5 million people have been displaced inside "
    "Kherson by the conflict.",
    "The war monitor says more than 90 people have been killed in Kherson since the "
    "clashes began.",
    "Over the same period, at least 23 soldiers have been killed in attacks in Kherson.",
    "Kherson now shelters more than half a million displaced people.",
])
def test_a_wars_running_totals_and_its_displaced_are_no_event(sentence):
    assert _events(sentence, {"Kherson": KHERSON}) == []


@pytest.mark.parametrize("sentence", [
    # a war's first week: the flight is the news
    "Just over 1 million people have fled Kherson, according to the refugee agency.",
    # a big flight tied to this week's fighting or a day
    "More than 20,000 people have fled Kherson since the attack, the United Nations said.",
    "More than 20,000 people have fled the fighting in Kherson since Monday.",
])
def test_a_big_flight_of_the_news_is_still_an_event(sentence):
    assert "displacement" in [e.event_type for e in _events(sentence, {"Kherson": KHERSON})]


@pytest.mark.parametrize(("text", "expected"), [
    # a toll of money or of the wounded counts no dead
    ("The economic toll from the shelling of Kherson rose to 120 million dollars on Monday.",
     [("explosions_remote_violence", None)]),
    # a day or a count makes what goes on news
    ("Clashes continue for a second day in Kherson, with at least 10 people killed.",
     [("battles", 10)]),
    ("Forces stepped up air strikes on Kherson on Tuesday, killing at least 15 civilians.",
     [("explosions_remote_violence", 15)]),
    # a barrage of missiles is shelling
    ("Russian forces bombarded Kherson with a barrage of missiles on Monday, killing 4.",
     [("explosions_remote_violence", 4)]),
    # the latest attack on another day is another attack
    ("Drones hit Kyiv on Sunday. The latest attack on Kherson on Monday killed 4.",
     [("explosions_remote_violence", None), ("violence_against_civilians", 4)]),
])
def test_what_the_review_of_the_session_kept(text, expected):
    got = _events(text, {"Kherson": KHERSON, "Kyiv": KYIV})
    assert [(e.event_type, e.fatalities) for e in got] == expected


def test_a_bomber_who_blew_himself_up_is_a_suicide_bombing():
    places = {"Kherson": KHERSON}
    for sentence in ("The bomber blew himself up near the stage in Kherson on Sunday.",
                     "A man detonated his explosive vest at a checkpoint in Kherson."):
        (e,) = _events(sentence, places)
        assert (e.event_type, e.sub_event_type) == ("explosions_remote_violence",
                                                     "suicide_bomb")


def test_a_visit_or_meeting_is_diplomacy_only_between_states():
    places = {"Kharkiv": KHARKIV}
    assert _events("Tillerson, who met with Trump in Kharkiv, left.", places) == []
    assert _events("The NGO's director visited the town of Kharkiv.", places) == []
    # a leader titled anywhere in the story is one
    assert _events("Clinton arrived in Kharkiv on Monday.", places) == []
    events = _events("Secretary of State Hillary Clinton flew out on Monday. Clinton arrived "
                     "in Kharkiv on Monday.", places)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("diplomacy", "visit")]


def test_records_weapons_described_and_names_are_no_events():
    places = {"Kherson": KHERSON}
    assert _events("He had previously served six years in prison for assault with a firearm "
                   "in Kherson.", places) == []
    assert _events("Walls used in Kherson protect soldiers from bullets and grenades.",
                   places) == []
    assert _events("He was charged in Kherson under the Chemical Weapons Act after a "
                   "raid.", places) == []
    assert _events("Officials of the Kherson Summit School District met to vote.",
                   places) == []
    # a headline in title case keeps its trigger
    assert [e.event_type for e in _events("Blast Injures Three In Kherson", places)] == [
        "explosions_remote_violence"]


@pytest.mark.parametrize("sentence", [
    "The hotel occupies an idyllic setting in Kherson.",
    "Curl up in the shell room of a guesthouse in Kherson.",
    "A tortoise shell was found in Kherson.",
    "The committee opposes legal sanctions for drug use in Kherson.",
    "There is a high threat of terrorism and kidnappings in Kherson.",
    "Visitors to Kherson are advised to avoid demonstrations.",
    "Rebels regularly shelled Kherson.",
    "Armed groups in Kherson have periodically fought over territory.",
    "Rebels occasionally ambush convoys near Kherson.",
    "We arrived in Kherson with the minister.",
    "Rebels are fighting for independence for Kherson.",
    "Most attacks occur in Kherson.",
    "A man charged in the abduction of a woman from Kherson was declared unfit for trial.",
    "He pleaded guilty to the shelling of Kherson.",
])
def test_states_risks_and_habits_are_no_events(sentence):
    assert _events(sentence, {"Kherson": KHERSON}) == []


def test_seizures_shells_and_sanctions_told_as_done_stay_events():
    places = {"Kherson": KHERSON}
    for sentence, family in (("Troops occupy the town of Kherson.", "strategic_developments"),
                             ("Russia occupied Kherson in March.", "strategic_developments"),
                             ("A shell hit a school in Kherson.", "explosions_remote_violence"),
                             ("The EU imposed sanctions on Kherson officials.", "diplomacy")):
        assert [e.event_type for e in _events(sentence, places)] == [family], sentence


def test_a_toll_of_the_event_told_before_is_that_events():
    places = {"Kherson": KHERSON, "Ukraine": UKRAINE}
    events = _events("A gun battle broke out in Kherson on Monday. Two soldiers and 16 "
                     "gunmen were killed in the battle. Ukraine mourned.", places)
    assert [(e.event_type, e.place.name, e.fatalities) for e in events] == [
        ("battles", "Kherson", 18)]
    # a war's toll is a report of its own
    events = _events("A gun battle broke out in Kherson on Monday. The ministry said 498 "
                     "service members have died since February.", places)
    assert [(e.event_type, e.fatalities) for e in events] == [
        ("battles", None), ("casualties_report", 498)]


@pytest.mark.parametrize("sentence, family", [
    # a cue in another clause leaves the event alone
    ("Russian forces, which regularly shell the city, shelled Kherson on Monday.",
     "explosions_remote_violence"),
    ("Police said the suspect, who had previously been arrested, opened fire on a crowd in "
     "Kherson on Monday, killing two people.", "violence_against_civilians"),
    ("Aid groups said 5,000 people need shelter after Russian shelling destroyed homes in "
     "Kherson on Monday.", "explosions_remote_violence"),
    ("A convoy heading toward Kherson was shelled by Russian forces on Monday.",
     "explosions_remote_violence"),
    # an outage a drone strike caused is no harmless cause
    ("Russian drones hit energy facilities in Kherson on Monday, causing blackouts across "
     "the city.", "explosions_remote_violence"),
    # an attack by a side no armed word names is still a battle
    ("Russia attacked Ukrainian positions near Kherson on Monday.", "battles"),
    # what was hit is no name the trigger is in
    ("Shelling of Kherson University killed two people on Monday.",
     "explosions_remote_violence"),
    # a verb before "fighting" is no plural it qualifies
    ("The army says fighting in Kherson continued on Monday.", "battles"),
])
def test_events_the_review_found_lost_are_kept(sentence, family):
    assert family in [e.event_type for e in _events(sentence, {"Kherson": KHERSON})]


def test_tolls_go_only_to_the_event_of_their_date_and_where_it_happened():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL}
    events = _events("Russian forces shelled Kherson on Monday, killing two.\n\nIn 2014, 298 "
                     "people were killed in the attack on a plane.", places)
    assert [(e.event_type, e.fatalities) for e in events][0] == (
        "explosions_remote_violence", 2)
    events = _events("Russian forces shelled Mariupol on Sunday. Kherson residents said "
                     "Russian shelling killed five people on Monday.", places)
    assert [(e.place.name, e.fatalities) for e in events] == [("Mariupol", None),
                                                              ("Kherson", 5)]


@pytest.mark.parametrize("sentence, expected", [
    ("About 2,000 residents were evacuated and 4 people died.", (4, None)),
    ("At least 100 people were detained and 3 were killed.", (3, None)),
    ("Police reported 5 arrests and 2 deaths.", (2, None)),
    ("He was with 2 friends and 3 people were killed.", (3, None)),
    ("The blast killed two soldiers and 16 gunmen.", (18, None)),
    ("Since 2014 Russian Defence Ministry forces have killed 3 people.", (3, None)),
])
def test_only_a_list_of_people_adds_up(sentence, expected):
    assert find_counts(sentence) == expected


def test_civilians_killed_by_the_shelling_told_are_its_victims():
    events = _events("Some 75 civilians were killed in Kherson last week as a result of army "
                     "shelling.", {"Kherson": KHERSON})
    assert [(e.event_type, e.fatalities) for e in events] == [
        ("explosions_remote_violence", 75)]


def test_the_fighting_told_again_is_no_new_battle():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL}
    events = _events("Heavy fighting broke out in Kherson on Monday. State television showed "
                     "the fighting in Mariupol on Tuesday.", places)
    assert [(e.event_type, e.place.name) for e in events] == [("battles", "Kherson")]
    # a new kind of event is told afresh
    events = _events("Heavy fighting broke out in Kherson on Monday. The suicide bombing hit "
                     "Mariupol on Tuesday.", places)
    assert [e.event_type for e in events] == ["battles", "explosions_remote_violence"]


def test_a_toll_with_no_place_goes_to_the_country_whose_towns_the_story_names():
    places = {"Kherson": KHERSON, "Russia": RUSSIA, "Ukraine": UKRAINE}
    events = _events("A car bomb went off in Kherson. Russia said its troops were not there. "
                     "Russia blamed others. Ukraine mourned.\n\nOfficials said 20 people had "
                     "died since Monday.", places)
    tolls = [e for e in events if e.event_type == "casualties_report"]
    assert [(e.place.name, e.fatalities) for e in tolls] == [("Ukraine", 20)]


def test_aircraft_prisons_and_ministers_met_are_events():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL}

    def types(text):
        return [(e.event_type, e.sub_event_type, e.place.name) for e in _events(text, places)]

    assert types("The army said its aircraft struck positions near Kherson on Friday.") == [
        ("explosions_remote_violence", "air_drone_strike", "Kherson")]
    assert types("An aircraft struck by lightning landed in Kherson.") == []
    assert types("Armed gangs stormed two prisons in Kherson, freeing inmates.") == [
        ("battles", "armed_clash", "Kherson")]
    assert types("The envoy met Ukrainian Foreign Minister Dmytro Kuleba in Kherson on "
                 "Friday.") == [("diplomacy", "summit", "Kherson")]
    # a generic attack told with its means is one event, of that kind
    assert types("Fighters attacked Mariupol on Friday, shelling homes and killing 27 "
                 "civilians.") == [
        ("explosions_remote_violence", "shelling_artillery_missile_attack", "Mariupol")]


def test_an_event_in_a_list_of_towns_takes_place_in_each():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL, "Kyiv": KYIV, "Ukraine": UKRAINE,
              "Moscow": MOSCOW, "Russia": RUSSIA}

    def where(text):
        return [(e.event_type, e.place.name, e.fatalities) for e in _events(text, places)]

    assert where("Protests were held in Kherson, Mariupol and Kyiv on Friday.") == [
        ("protests", "Kherson", None), ("protests", "Mariupol", None),
        ("protests", "Kyiv", None)]
    # past an aside on the first, with its preposition again
    assert where("Smaller protests took place on Friday in Kherson, the country's second "
                 "port, and in Mariupol, in the east.") == [
        ("protests", "Kherson", None), ("protests", "Mariupol", None)]
    # counts stay with the first place (the sentence does not split them)
    assert where("Shelling in Kherson and Mariupol killed 5 people.") == [
        ("explosions_remote_violence", "Kherson", 5),
        ("explosions_remote_violence", "Mariupol", None)]
    # a town and its country are no list; nor are countries
    assert where("Protests were held in Kherson, Ukraine, on Friday.") == [
        ("protests", "Kherson", None)]
    assert [p for _, p, _ in where("Protests were held in Ukraine and Russia.")] == ["Ukraine"]


def test_a_march_through_a_town_took_place_there():
    events = _events("Thousands marched through central Kyiv on Sunday to demand an inquiry "
                     "into the collapse of a bridge in Kherson.",
                     {"Kyiv": KYIV, "Kherson": KHERSON})
    assert [(e.event_type, e.place.name) for e in events] == [("protests", "Kyiv")]


def test_a_sentence_that_goes_on_telling_an_event_keeps_its_date():
    events = _events("Two bomb blasts killed 28 people in Kherson on Monday. The first blast "
                     "struck outside an office in Mariupol, killing 16.",
                     {"Kherson": KHERSON, "Mariupol": MARIUPOL})
    assert [(e.place.name, e.date.value, e.sub_event_type) for e in events] == [
        ("Kherson", "2022-02-28", "remote_explosive_landmine_ied"),
        ("Mariupol", "2022-02-28", "remote_explosive_landmine_ied")]
    # a year is history, not this story's day
    events = _events("Russia annexed Crimea in 2014. Shelling hit Kherson.", {"Kherson": KHERSON})
    assert [(e.place.name, e.date.value) for e in events] == [("Kherson", "2022-03-03")]


def test_the_trigger_s_object_is_its_place_and_other_wordings():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL, "Kyiv": KYIV, "Moscow": MOSCOW,
              "Russia": RUSSIA}

    def got(text):
        return [(e.event_type, e.sub_event_type, e.place.name) for e in _events(text, places)]

    # the place right after the trigger is where it happened, before a nearer-scored one
    assert got("Ministers met in Kyiv to discuss sanctions after the missile attack on "
               "Russia last month.")[-1] == (
        "explosions_remote_violence", "shelling_artillery_missile_attack", "Russia")
    assert got("The Foreign Minister visited Kherson on Friday.") == [
        ("diplomacy", "visit", "Kherson")]
    assert got("Warplanes pounded Mariupol overnight.") == [
        ("explosions_remote_violence", "air_drone_strike", "Mariupol")]
    assert got("Five people were killed in clashes between protesters and police in Kyiv.") == [
        ("riots", "violent_demonstration", "Kyiv")]
    # a team that fought back won a match, no battle
    assert got("Kherson fought back to beat Mariupol 2-1 on Saturday.") == []


def test_the_capital_is_the_last_capital_named_even_paragraphs_before():
    events = _events("Protests spread across Kyiv on Monday.\n\nPolice said on Tuesday that "
                     "dozens were arrested in the capital overnight.", {"Kyiv": KYIV_CAPITAL})
    assert [(e.event_type, e.place.name) for e in events][-1] == ("strategic_developments",
                                                                  "Kyiv")


def test_people_killed_in_strikes_were_killed_by_air_strikes():
    events = _events("In Kherson, 95 people were killed in Russian strikes overnight.",
                     {"Kherson": KHERSON})
    assert [(e.event_type, e.sub_event_type, e.place.name, e.fatalities) for e in events] == [
        ("explosions_remote_violence", "air_drone_strike", "Kherson", 95)]


def test_a_suicide_car_bomb_is_a_suicide_bombing_and_a_clash_over_words_no_battle():
    places = {"Kherson": KHERSON}

    def got(text):
        return [(e.event_type, e.sub_event_type) for e in _events(text, places)]

    assert got("A suicide car bomb in Kherson killed 13 soldiers.") == [
        ("explosions_remote_violence", "suicide_bomb")]
    assert got("The mayor of Kherson clashed over the budget with the council.") == []


@pytest.mark.parametrize("text, expected", [
    ("Gunmen from rival factions battled for hours in Kherson.", ("battles", "armed_clash")),
    ("The two sides traded fire in Kherson on Monday.", ("battles", "armed_clash")),
    ("Militants fired a barrage of rockets at Kherson.",
     ("explosions_remote_violence", "shelling_artillery_missile_attack")),
    ("Guided bombs killed six people in Kherson.",
     ("explosions_remote_violence", "air_drone_strike")),
    ("An explosive-laden motorcycle blew up in Kherson.",
     ("explosions_remote_violence", "remote_explosive_landmine_ied")),
    ("Gunmen killed at least 23 villagers near Kherson.",
     ("violence_against_civilians", "attack")),
    ("Snipers shot a woman and her son in Kherson.", ("violence_against_civilians", "attack")),
    ("A separate march by dock workers in Kherson ended peacefully.",
     ("protests", "peaceful_protest")),
    ("Two farmers were killed when their tractor hit an anti-tank mine near Kherson.",
     ("explosions_remote_violence", "remote_explosive_landmine_ied")),
    ("A drone of unknown origin struck a car near Kherson, killing two men.",
     ("explosions_remote_violence", "air_drone_strike")),
    ("Drones loaded with explosives hit the police station in Kherson, wounding three "
     "officers.", ("explosions_remote_violence", "air_drone_strike")),
    ("A gunman opened fire at a checkpoint near Kherson, wounding a soldier.",
     ("battles", "armed_clash")),
    ("Suspected Maoists killed a villager near Kherson, accusing him of being an informer.",
     ("violence_against_civilians", "attack")),
    ("Gunmen blocked a highway near Kherson, stopped a bus, checked the identity cards of "
     "passengers and shot dead seven men.", ("violence_against_civilians", "attack")),
    ("Suspected separatists set fire to a government school in Kherson.",
     ("strategic_developments", "looting_property_destruction")),
    ("A drone crashed into an oil field near Kherson, damaging a water pipeline.",
     ("explosions_remote_violence", "air_drone_strike")),
    ("Militants blew up a railway bridge near Kherson.",
     ("explosions_remote_violence", "remote_explosive_landmine_ied")),
    # an arson that killed is an attack on the people it killed
    ("Gunmen torched a parked bus in Kherson, killing the driver's assistant.",
     ("violence_against_civilians", "attack")),
    # residents who beat men to death are a mob; soldiers who do attack civilians
    ("Residents of Kherson beat four suspected gang members to death.",
     ("riots", "mob_violence")),
    ("Residents of Kherson caught four men they accused of being gang scouts, beat them and "
     "set their bodies on fire.", ("riots", "mob_violence")),
    ("Soldiers beat a man to death in Kherson on Monday.",
     ("violence_against_civilians", "attack")),
    # what a crowd burns makes a riot
    ("Crowds in Kherson defied a curfew and set fire to the parliament building.",
     ("riots", "violent_demonstration")),
    ("Hundreds of people set fire to two government vehicles in Kherson on Thursday.",
     ("riots", "violent_demonstration")),
])
def test_more_wordings_of_events(text, expected):
    events = _events(text, {"Kherson": KHERSON})
    assert [(e.event_type, e.sub_event_type) for e in events] == [expected]


@pytest.mark.parametrize("text", [
    "The film bombed at the box office in Kherson.",
    "She fought cancer for years in Kherson.",
    "Crews near Kherson have also fought large blazes this week.",
    "Firefighters battled the blaze in Kherson.",
    "Kherson stormed to a 3-1 win in the battle for the title.",
    "Rival chains in Kherson are locked in a battle for market share.",
    "Physicists in Kherson bombarded lead nuclei with protons.",
    "The win sets up a quarter-final in Kherson on Saturday, billed as a clash of titans.",
    "A lavish epic from Kherson bombed with local audiences.",
    "Candidates in Kherson bombarded voters with promises to create jobs.",
    '"We have to come back fighting," the captain said in Kherson.',
])
def test_conflict_words_in_other_senses(text):
    assert _events(text, {"Kherson": KHERSON}) == []


def test_a_guessed_place_yields_to_one_the_sentence_names():
    # "Paletwa" is unknown: the resolver guessed the story's main town for it, and the
    # capture happened in the region the sentence names
    from geomap.resolve import FOCUS_CONFIDENCE

    text = "Rebels captured the town of Paletwa in neighbouring Kharkiv on Monday."
    start = text.find("Paletwa")
    guess = Mention(Span(start, start + 7, "Paletwa"), KYIV, FOCUS_CONFIDENCE)
    events = extract_events(Document("d", text, published=PUBLISHED),
                            [guess, _mention(text, "Kharkiv", KHARKIV)])
    assert {e.place.name for e in events} == {"Kharkiv"}


def test_one_event_for_a_blast_told_again_a_town_taken_in_battle_and_a_protest_held():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL}

    def got(text):
        return [(e.event_type, e.sub_event_type, e.place.name) for e in _events(text, places)]

    # "The blast" goes on telling the car bomb, whatever kind its word says by default
    assert got("A car bomb exploded in Kherson on Monday. The blast destroyed a bus in "
               "Mariupol.") == [("explosions_remote_violence", "remote_explosive_landmine_ied",
                                 "Kherson")]
    # a town taken after fighting was taken in that battle
    assert got("Rebels captured the town of Kherson after weeks of fighting.") == [
        ("battles", "non_state_actor_overtakes_territory", "Kherson")]
    # arrests at a protest make it a protest with intervention
    assert got("Police detained 30 students at a protest in Kherson.") == [
        ("protests", "protest_with_intervention", "Kherson")]


def test_later_the_same_day_and_a_day_earlier_count_from_the_event_told_before():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL, "Kyiv": KYIV}
    events = _events("Shelling hit Kherson on Monday. Later the same day, a drone struck "
                     "Mariupol. A day earlier, a roadside bomb exploded in Kyiv.", places)
    assert [(e.place.name, e.date.value) for e in events] == [
        ("Kherson", "2022-02-28"), ("Mariupol", "2022-02-28"), ("Kyiv", "2022-02-27")]
    events = _events("Shelling hit Kherson on Monday. Two more people were killed in strikes on "
                     "Mariupol the same night. The day before, a roadside bomb exploded in Kyiv.",
                     places)
    assert [(e.place.name, e.date.value) for e in events] == [
        ("Kherson", "2022-02-28"), ("Mariupol", "2022-02-28"), ("Kyiv", "2022-02-27")]
    # a retelling names the place before the trigger: "the Kherson attack"
    events = _events("Gunmen attacked an army post in Kherson on Saturday. Rebels claimed the "
                     "Kherson attack in a statement on Monday.", places)
    assert [(e.event_type, e.date.value) for e in events] == [("battles", "2022-02-26")]
    events = _events("Shelling hit Kherson on Monday, February 21. Two days later, a drone "
                     "struck Mariupol. 3 days earlier, a roadside bomb exploded in Kyiv.", places)
    assert [(e.place.name, e.date.value) for e in events] == [
        ("Kherson", "2022-02-21"), ("Mariupol", "2022-02-23"), ("Kyiv", "2022-02-20")]


def test_riots_continued_tolls_modifiers_and_non_events():
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL, "Kyiv": KYIV, "Russia": RUSSIA}

    def got(text):
        return [(e.event_type, e.sub_event_type, e.place.name, e.injured)
                for e in _events(text, places)]

    assert got("Workers hurled bricks at police in Kherson, who fired stun grenades.") == [
        ("riots", "violent_demonstration", "Kherson", None)]
    assert got("The demonstration in Kyiv turned violent.") == [
        ("riots", "violent_demonstration", "Kyiv", None)]
    # a toll that goes on counting the victims of the event before belongs to it
    assert got("Gunmen attacked an army post in Kherson on Monday, killing 14 soldiers. "
               "Nine other soldiers were wounded.") == [
        ("battles", "armed_clash", "Kherson", 9)]
    # a country that modifies a noun is no object of the trigger
    assert [p for _, _, p, _ in got("The minister met a visiting Russia delegation in Kyiv "
                                    "on Monday.")] == ["Kyiv"]
    assert got("The president visited evacuation centres in Kherson.") == []
    assert got("The alliance won the municipal elections, capturing Kherson and "
               "Mariupol.") == []


def test_the_area_refers_back_to_the_town_named_before():
    events = _events("Gangs attacked the Kherson district of Delmas on Monday.\n\n"
                     "Gunfire in Mariupol went on. More than 3,000 people fled the area "
                     "on Tuesday.", {"Kherson": KHERSON, "Mariupol": MARIUPOL})
    assert [(e.event_type, e.place.name) for e in events][-1] == ("displacement", "Mariupol")


def test_one_person_killed_counts_for_the_violence_but_makes_no_report():
    def got(text):
        return [(e.event_type, e.fatalities, e.injured)
                for e in _events(text, {"Kherson": KHERSON})]

    assert got("Gunmen ambushed a convoy near Kherson, killing a police escort.") == [
        ("battles", 1, None)]
    assert got("A man was wounded in Kherson on Monday.") == []


@pytest.mark.parametrize("text, expected", [
    # a battle told as one, with its toll, where no town is known: the story's place
    ("Fighting in Kherson went on.\n\nHeavy fighting broke out on Sunday in the hills, "
     "leaving at least 15 combatants dead.", ("battles", "armed_clash", 15)),
    # an aside between a count and its verb
    ("At least 11 people, including four monks, were killed when a jet bombed a monastery "
     "in Kherson.", ("explosions_remote_violence", "air_drone_strike", 11)),
    # an attack on a police station meets armed men
    ("Dissidents attacked a police station in Kherson, killing two officers.",
     ("battles", "armed_clash", 2)),
    # a protester killed in clashes with police died in a riot
    ("A protester was killed during clashes with police in Kherson.",
     ("riots", "violent_demonstration", 1)),
    # a headquarters seized after a siege was taken in battle
    ("The Arakan Army seized a battalion headquarters in Kherson after a five-week siege.",
     ("battles", "non_state_actor_overtakes_territory", None)),
])
def test_battles_riots_and_counts_read_from_their_sentence(text, expected):
    events = _events(text, {"Kherson": KHERSON})
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events][-1] == expected


def test_a_wars_toll_in_a_clause_about_it_is_background():
    places = {"Kherson": KHERSON}
    assert _events("A 2018 deal in Kherson ended a civil war that killed some 400,000 "
                   "people.", places) == []
    # nor is its running total, told in a main clause, a report of the news (as "has
    # killed tens of thousands and displaced more than 12 million" is none)
    assert _events("The war in Kherson, which erupted in 2014, has so far claimed the lives "
                   "of some 70,000 people.", places) == []


def test_the_day_a_story_was_told_is_not_the_day_it_happened():
    events = _events("An attack on Kherson, police said on Monday, killed five people on "
                     "Sunday.", {"Kherson": KHERSON})
    assert [e.date.value for e in events] == ["2022-02-27"]


@pytest.mark.parametrize("text", [
    "Airlines fought for landing slots at Kherson airport.",
    "City bombarded the Kherson goal from the opening whistle.",
])
def test_more_conflict_words_in_other_senses(text):
    assert _events(text, {"Kherson": KHERSON}) == []


def test_a_retelling_narrows_the_place_of_the_event_it_tells():
    events = _events("A suicide bomber blew himself up in Ukraine on Monday, killing 17. "
                     "The blast ripped through a prayer hall in the town of Kherson.",
                     {"Ukraine": UKRAINE, "Kherson": KHERSON})
    assert [(e.sub_event_type, e.place.name, e.fatalities) for e in events] == [
        ("suicide_bomb", "Kherson", 17)]


def test_a_running_total_or_a_war_since_long_ago_is_no_event():
    places = {"Kherson": KHERSON}
    assert _events("More than 200 people have been killed in clashes in Kherson since May "
                   "2021.", places) == []
    # since a day this week it is news
    got = _events("Since Monday, shelling has killed 12 people in Kherson.", places)
    assert [(e.event_type, e.fatalities) for e in got] == [("explosions_remote_violence", 12)]


def test_a_bare_toll_told_right_after_an_event_counts_its_victims():
    places = {"Kherson": KHERSON, "Ukraine": UKRAINE}
    events = _events("Gangs fought police in Kherson on Monday. At least five people were "
                     "killed, including a woman.", places)
    assert [(e.event_type, e.place.name, e.fatalities) for e in events] == [
        ("battles", "Kherson", 5)]


def test_some_of_those_counted_are_not_counted_again():
    assert find_counts("The blast killed 11 people, seven of them students.") == (11, None)
    assert _events("Health officials in Kherson said: we are fighting this virus house by "
                   "house.", {"Kherson": KHERSON}) == []


def test_the_fighting_of_another_clause_took_no_town():
    events = _events("Troops withdrew from Mariupol after months of fierce fighting, handing "
                     "Russia its biggest gain since it captured Kherson last May.",
                     {"Kherson": KHERSON, "Mariupol": MARIUPOL, "Russia": RUSSIA})
    assert ("strategic_developments", "Kherson") in {(e.event_type, e.place.name)
                                                      for e in events}


@pytest.mark.parametrize("text, expected", [
    # a war's running total is no toll of the event before (nor an event: see
    # test_a_running_toll_since_a_war_or_a_year_began_is_no_event), and a separate
    # incident is one of its own
    ("A drone struck a bus in Kherson on Monday, killing two people. More than 10,000 people "
     "have been killed since the invasion began.",
     [("explosions_remote_violence", "Kherson", 2)]),
    ("A roadside bomb killed two soldiers in Kherson on Monday. In a separate incident, five "
     "other soldiers were killed.",
     [("explosions_remote_violence", "Kherson", 2), ("casualties_report", "Kherson", 5)]),
    # sides that clashed over the weekend fought
    ("Troops and rebels clashed over the weekend in Kherson, killing 12.",
     [("battles", "Kherson", 12)]),
    # "the worst since 2019" dates nothing
    ("Clashes in Kherson, the worst since 2019, killed 12 people on Sunday.",
     [("battles", "Kherson", 12)]),
    # a town that modifies the noun after it is no item of a list
    ("Missiles struck Kherson, Mariupol officials said on Monday.",
     [("explosions_remote_violence", "Kherson", None)]),
    # the country after a trigger is an actor, not its object
    ("The shelling Russia has carried out for weeks hit Kherson again on Monday.",
     [("explosions_remote_violence", "Kherson", None)]),
    # protesters elsewhere in the sentence make no riot of a battle
    ("Troops clashed with rebels near Kherson on Monday, while protesters blocked roads in "
     "Mariupol.", [("battles", "Kherson", None), ("protests", "Mariupol", None)]),
    ("Rebels seized the town of Kherson on Monday, municipal officials said.",
     [("battles", "Kherson", None)]),
])
def test_review_cases(text, expected):
    places = {"Kherson": KHERSON, "Mariupol": MARIUPOL, "Russia": RUSSIA, "Ukraine": UKRAINE}
    got = [(e.event_type, e.place.name, e.fatalities) for e in _events(text, places)]
    assert sorted(got, key=str) == sorted(expected, key=str)


@pytest.mark.parametrize("text", [
    "A domestic dispute turned violent in Kherson in March.",
    "Arsenal battled Chelsea in Kherson.",
    "Two farmers were killed by lightning strikes in Kherson.",
    "Airbus stole a march on Boeing at the Kherson air show.",
])
def test_review_non_events(text):
    assert _events(text, {"Kherson": KHERSON}) == []


def test_a_retelling_of_another_day_moves_no_event_and_news_of_tomorrow_is_not_dated():
    places = {"Ukraine": UKRAINE, "Kherson": KHERSON, "Mariupol": MARIUPOL}
    events = _events("Air strikes hit Ukraine on Monday, killing 12 people. The explosions in "
                     "Kherson on Tuesday were heard for miles.", places)
    assert [(e.place.name, e.date.value) for e in events] == [("Ukraine", "2022-02-28")]
    events = _events("Shelling hit Kherson on Thursday. Officials said repairs would begin "
                     "the next day, while a drone struck Mariupol.", places)
    assert [e.date.value for e in events if e.place.name == "Mariupol"] == ["2022-03-03"]
    assert find_counts("Gunmen shot dead a woman and her three children.") == (None, None)


def test_what_someone_did_long_ago_told_in_an_aside_is_no_event():
    places = {"Kherson": KHERSON}
    assert _events("The army, which seized power in Kherson in February 2021, has relied on "
                   "its police since.", places) == []
    # the story's own clause keeps its history, with its date
    got = _events("Russia seized Kherson in February 2021.", places)
    assert [(e.event_type, e.date.value) for e in got] == [("strategic_developments", "2021-02")]


def test_a_toll_spread_over_places_inside_the_violence_told_before_places_it_there():
    places = {"Ukraine": UKRAINE, "Kharkiv": KHARKIV, "Kherson": KHERSON, "Russia": RUSSIA}
    events = _events("Russian missiles killed five people in Ukraine on Monday. Three died "
                     "in Kharkiv and two in Kherson.", places)
    assert [(e.event_type, e.place.name, e.date.value, e.fatalities) for e in events] == [
        ("explosions_remote_violence", "Kharkiv", "2022-02-28", 3),
        ("explosions_remote_violence", "Kherson", "2022-02-28", 2)]
    # over the places the violence was told at, past the country named again and a part
    # of a place ("Kherson's Dniprovskyi district")
    events = _events("Russian missiles hit Kharkiv and Kherson on Monday, killing five. Three "
                     "died in Kharkiv and two in Kherson's Dniprovskyi district, Ukraine's "
                     "emergency service said.", {**places, "Dniprovskyi": KYIV})
    assert [(e.place.name, e.fatalities) for e in events] == [("Kharkiv", 3), ("Kherson", 2)]
    # a toll abroad, a separate one or a running total stays a report of its own
    for toll in ("Three died in Kharkiv and two in Russia.",
                 "In a separate attack, three died in Kharkiv.",
                 "Since the invasion, 3,000 people have died in Kharkiv."):
        events = _events(f"Russian missiles killed five people in Ukraine on Monday. {toll}",
                         places)
        assert events[0].place.name == "Ukraine" and events[0].fatalities == 5, toll


def test_details_told_after_a_lead_in_a_country_take_its_day():
    places = {"Ukraine": UKRAINE, "Kharkiv": KHARKIV, "Kherson": KHERSON}
    events = _events("At least 15 people were killed in Ukraine on Monday as police fired on "
                     "protesters.\n\nEight people died in Kharkiv, where protesters hurled "
                     "stones at police.\n\nThree were killed in Kherson.", places)
    assert [(e.event_type, e.place.name, e.date.value, e.fatalities) for e in events] == [
        ("protests", "Ukraine", "2022-02-28", 15), ("riots", "Kharkiv", "2022-02-28", 8),
        ("casualties_report", "Kherson", "2022-02-28", 3)]
    # not a place abroad, nor after another day was told
    events = _events("At least 15 people were killed in Ukraine on Monday as police fired on "
                     "protesters. Troops shelled Kherson on Saturday. Eight people died in "
                     "Kharkiv, where protesters hurled stones at police.", places)
    assert events[-1].date.value == PUBLISHED.isoformat()


def test_a_toll_broken_down_by_places_inside_its_country_places_those_parts():
    places = {"Ukraine": UKRAINE, "Kharkiv": KHARKIV, "Kherson": KHERSON}
    events = _events("Russian missiles killed 12 people across Ukraine on Monday, including "
                     "five in Kharkiv and four members of one family in Kherson.", places)
    assert sorted((e.place.name, e.fatalities) for e in events) == [
        ("Kharkiv", 5), ("Kherson", 4), ("Ukraine", 3)]
    assert {e.event_type for e in events} == {"explosions_remote_violence"}
    events = _events("Russian missiles killed 12 people across Ukraine on Monday, including "
                     "five children.", places)
    assert [(e.place.name, e.fatalities) for e in events] == [("Ukraine", 12)]


def test_a_toll_broken_down_after_a_sentence_telling_no_event():
    places = {"Ukraine": UKRAINE, "Kharkiv": KHARKIV, "Kyiv": KYIV}
    events = _events("At least 21 people were killed in rioting across Ukraine on Monday. The "
                     "minister said the deaths occurred within 24 hours of the ruling. He said "
                     "nine people had died in Kyiv and seven in Kharkiv.", places)
    assert [(e.event_type, e.place.name, e.fatalities) for e in events] == [
        ("riots", "Kyiv", 9), ("riots", "Kharkiv", 7)]


def test_a_towns_noun_before_its_name_places_the_event_and_details_recount_a_list():
    places = {"Ukraine": UKRAINE, "Kharkiv": KHARKIV, "Kherson": KHERSON}
    events = _events("Russian drones struck Ukraine's second-largest city Kharkiv and the "
                     "southern port of Kherson on Monday, killing 12 people.", places)
    assert [(e.place.name, e.fatalities) for e in events] == [("Kharkiv", 12), ("Kherson", None)]
    events = _events("Russian drones struck Ukraine's second-largest city Kharkiv and the "
                     "southern port of Kherson on Monday, killing 12 people. Nine people were "
                     "killed in Kharkiv, where drones hit homes. Three died in Kherson, where a "
                     "drone hit a block of flats.", places)
    assert [(e.place.name, e.fatalities) for e in events] == [("Kharkiv", 9), ("Kherson", 3)]


def test_talks_retold_and_bodies_returned_are_no_new_events():
    places = {"Kharkiv": KHARKIV, "Kherson": KHERSON}
    events = _events("Delegations held peace talks in Kharkiv on Monday and agreed to return "
                     "the bodies of 6,000 dead soldiers. The talks came a day after drones "
                     "struck an air base near Kherson.", places)
    assert [(e.event_type, e.place.name) for e in events] == [
        ("negotiations", "Kharkiv"), ("explosions_remote_violence", "Kherson")]


def test_a_past_year_that_modifies_the_trigger_recalls_an_event_it_does_not_tell():
    events = _events("Demonstrators marched in Kharkiv on Monday to mark the anniversary of "
                     "last year's deadly protests.", {"Kharkiv": KHARKIV})
    assert [(e.event_type, e.date.value) for e in events] == [("protests", "2022-02-28")]


def test_a_locative_phrase_opening_the_sentence_places_it():
    events = _events("In the state capital Kharkiv, thousands of women held a sit-in on "
                     "Monday demanding the removal of troops from Kherson.",
                     {"Kharkiv": KHARKIV, "Kherson": KHERSON})
    assert [(e.event_type, e.place.name) for e in events] == [("protests", "Kharkiv")]
    # a later place in the clause is no rival, nor a region told in the opening phrase
    for text in ("In Kharkiv, thousands rallied on Monday against the decision to hand "
                 "villages in Kherson to Russia.",
                 "In Kharkiv, in the Kherson region, protesters set fire to the courthouse "
                 "on Monday."):
        events = _events(text, {"Kharkiv": KHARKIV, "Kherson": KHERSON})
        assert [e.place.name for e in events] == ["Kharkiv"], text
    # unless the trigger's clause names its own: "..., while in Kherson police arrested 45"
    events = _events("In the port city of Kharkiv, hundreds of people marched peacefully on "
                     "Monday, while in Kherson police arrested 45 demonstrators.",
                     {"Kharkiv": KHARKIV, "Kherson": KHERSON})
    assert sorted((e.sub_event_type, e.place.name) for e in events) == [
        ("peaceful_protest", "Kharkiv"), ("protest_with_intervention", "Kherson")]


def test_people_named_by_where_they_come_from_are_no_event_place():
    events = _events("Gunmen stopped a bus on the highway near Kharkiv on Monday and shot dead "
                     "six labourers from Kherson.", {"Kharkiv": KHARKIV, "Kherson": KHERSON})
    assert [(e.event_type, e.place.name, e.fatalities) for e in events] == [
        ("violence_against_civilians", "Kharkiv", 6)]


def test_what_the_review_found_the_new_rules_overreached():
    places = {"Kharkiv": KHARKIV, "Kherson": KHERSON, "Ukraine": UKRAINE}

    def got(text):
        return [(e.event_type, e.place.name, e.date.value, e.fatalities)
                for e in _events(text, places)]

    # a habit told before the sentence's own event leaves that event
    assert [e[0] for e in got("Kidnappings have become common in Kharkiv, and on Monday "
                              "gunmen kidnapped 20 pupils from a school there.")] == [
        "violence_against_civilians"]
    # a named subject or a conjunction "that" before a verb tells a new event
    assert len(got("Taliban fighters attacked a checkpoint in Kharkiv on Monday. On Tuesday "
                   "the Taliban attacked a police post in Kherson.")) == 2
    assert len(got("Russian shelling hit Kherson on Monday. On Tuesday, officials said that "
                   "Russia shelled Kharkiv.")) == 2
    # talks resumed on another day are a new round
    assert [e[1] for e in got("Delegations held peace talks in Kharkiv on Monday. On "
                              "Wednesday the two sides resumed the talks in Kherson.")] == [
        "Kharkiv", "Kherson"]
    # a separate attack's toll leaves the list's event alone
    events = got("Russian drones struck Kharkiv and Kherson on Monday, killing 12 people. In a "
                 "separate attack, two people were killed in Kharkiv when a drone hit a car.")
    assert ("explosions_remote_violence", "Kharkiv", "2022-02-28", 12) in events
    # injuries told at a town leave the deaths told at the country
    events = got("Russian missiles killed five people in Ukraine on Monday. Three people were "
                 "injured in Kharkiv.")
    assert events[0] == ("explosions_remote_violence", "Ukraine", "2022-02-28", 5)
    # protesters who suffer it make no riot of property torched
    subs = {e.sub_event_type for e in _events(
        "Soldiers torched the homes of opposition protesters in Kharkiv.", places)}
    assert "looting_property_destruction" in subs and "violent_demonstration" not in subs
    # "the day before the vote" counts from the vote, not from the event told before
    events = got("Shelling hit Kherson on Monday. Protesters rallied in Kharkiv the day before "
                 "the vote.")
    assert events[-1][2] == PUBLISHED.isoformat()


def test_a_toll_told_day_by_day_is_one_event_a_day():
    events = _events("Shelling on the Kharkiv market killed nine people on Monday and five more "
                     "on Tuesday, volunteers said.", {"Kharkiv": KHARKIV})
    assert [(e.event_type, e.date.value, e.fatalities) for e in events] == [
        ("explosions_remote_violence", "2022-02-28", 9),
        ("explosions_remote_violence", "2022-03-01", 5)]
    # one day, or two counts of one day, stay one event
    events = _events("Shelling killed nine people in Kharkiv on Monday and wounded five more.",
                     {"Kharkiv": KHARKIV})
    assert len(events) == 1


def test_a_bare_toll_after_a_retelling_counts_the_incident_retold():
    # "The strike hit ..." tells the lede's strike again; the toll after it is its toll
    events = _events("A drone strike on a minibus killed people in Kherson last week, "
                     "officials said.\n\nThe strike hit the vehicle on a road outside the "
                     "city on Thursday, a doctor said. He said nine passengers were killed "
                     "and four were brought to the hospital with burns.",
                     {"Kherson": KHERSON})
    assert [(e.event_type, e.fatalities) for e in events] == [
        ("explosions_remote_violence", 9)]


def test_tolls_told_one_after_another_all_count_the_same_incident():
    # each toll sentence tells the bombing again, so the bare toll after it is its too
    events = _events("A suicide bomber killed nine people at a tea stall in Kherson on "
                     "Friday, police said.\n\nThe bomber detonated explosives among the "
                     "customers, a police spokesman said. He initially said six people had "
                     "been killed. More than 20 people were wounded.", {"Kherson": KHERSON})
    assert [(e.sub_event_type, e.fatalities, e.injured) for e in events] == [
        ("suicide_bomb", 9, 20)]


def test_a_town_abroad_whose_name_a_group_bears_is_no_place_of_its_fights():
    fano = Place("geonames:3177090", "Fano", "city", "IT", "57", 60_888, 43.84, 13.02)
    places = {"Kherson": KHERSON, "Fano": fano}
    events = _events("Fighting between federal troops and Fano militiamen killed 12 people "
                     "on Monday, residents of Kherson said. Fano fighters also attacked a "
                     "checkpoint on Tuesday.", places)
    assert {e.place.name for e in events} == {"Kherson"}
    # a town of the story's own country keeps its fights
    events = _events("Fighting between federal troops and Kharkiv militiamen killed 12 "
                     "people on Monday, residents of Kherson said.",
                     {"Kherson": KHERSON, "Kharkiv": KHARKIV})
    assert "Kharkiv" in {e.place.name for e in events}


#: A story's other paragraphs, naming no armed men nor arms (a full story's length: the
#: check is for whole stories, not one-line items).
_PLAIN_STORY = (
    "The club's coach said the players had trained hard all week and that the new "
    "signings had settled in well. Tickets for the next home game sold out within hours, "
    "and the board confirmed that the stadium roof would be repaired over the summer. "
    "Analysts said the league's television deal, worth more than 200 million a season, "
    "had changed how smaller clubs plan their budgets, and several chairmen have asked "
    "for a larger share of the money. The captain, who turns 34 next month, said he "
    "hoped to play one more season before moving into coaching. Supporters' groups "
    "welcomed the decision to freeze season-ticket prices for a third year, but said "
    "travel costs for away games were still too high for many families. The next "
    "fixture is on Saturday, and the squad will be announced on Friday morning after a "
    "final training session. Local businesses near the ground said match days bring "
    "in a third of their weekly takings, and the council is studying a plan to extend "
    "the tram line to the stadium before the new season begins in August. ")


@pytest.mark.parametrize("text", [
    "Kherson launched wave after wave of attacks in the final quarter. Kherson then "
    "launched their final assault, and both teams were bombed on every restart.",
    "The mayor of Kherson survived a bruising battle over the city's budget on Monday.",
    '"Our engineers fought a real battle all weekend in Kherson to keep the game running."',
    # one word of war alone is as often a figure of speech
    "Just before halftime, a clash on the touchline between the Kherson coach and a "
    "defender sparked a melee. The crowd exploded when the winner went in.",
    "Rivals have stormed up the sales rankings with cheaper models, while Kherson Motors "
    "is fighting to survive. Analysts see no ceasefire in the price war.",
])
def test_a_story_naming_no_armed_men_nor_arms_tells_no_battle_nor_bombing(text):
    assert len(_PLAIN_STORY) >= 1000  # (ARMED_STORY_MIN_CHARS)
    assert _events(text + "\n\n" + _PLAIN_STORY, {"Kherson": KHERSON}) == []


def test_a_story_naming_armed_men_keeps_its_battles():
    # one of the commonest words of soldiers anywhere is enough, or two others, or a toll
    assert [e.event_type for e in _events(
        "Fighting broke out in Kherson on Monday. Soldiers said it lasted hours.\n\n"
        + _PLAIN_STORY, {"Kherson": KHERSON})] == ["battles"]
    assert [e.event_type for e in _events(
        "Fighting broke out in Kherson on Monday. Residents saw armed men with rifles.\n\n"
        + _PLAIN_STORY, {"Kherson": KHERSON})] == ["battles"]
    assert [(e.event_type, e.fatalities) for e in _events(
        "Clashes in Kherson killed four people on Monday.\n\n" + _PLAIN_STORY,
        {"Kherson": KHERSON})] == [("battles", 4)]
    # and a one-line item is too short to name them
    assert [e.event_type for e in _events("Fighting broke out in Kherson on Monday.",
                                          {"Kherson": KHERSON})] == ["battles"]


def test_a_toll_placed_nowhere_goes_to_the_country_the_story_names_most_by_its_towns():
    places = {"Russia": RUSSIA, "Moscow": MOSCOW, "Ukraine": UKRAINE, "Kherson": KHERSON,
              "Kharkiv": KHARKIV}
    text = ("Students chanted against Russia, which had hosted talks in Moscow. Police "
            "cleared a camp in Kherson on Monday, and students in Kharkiv marched. "
            "Universities in Kherson and Kharkiv closed, and Ukraine's ministry met Kherson "
            "students.\n\nAt least 15 protesters were injured on Monday, organizers said.")
    (toll,) = [e for e in _events(text, places) if e.event_type == "casualties_report"]
    assert toll.place.name == "Ukraine"


def test_raids_that_made_arrests_are_no_battle_unless_someone_was_killed():
    assert [e.sub_event_type for e in _events(
        "On Tuesday, troops detained at least 20 people in raids on homes in Kherson.",
        {"Kherson": KHERSON})] == ["arrests"]
    assert sorted(e.event_type for e in _events(
        "On Tuesday, troops killed two gunmen and arrested five in a raid in Kherson.",
        {"Kherson": KHERSON})) == ["battles", "strategic_developments"]


@pytest.mark.parametrize(("text", "expected"), [
    # a crowd that attacks is mob violence, not an armed attack nor a battle
    ("On Saturday, crowds in Kherson attacked and set fire to the homes of several "
     "ministers, police said.", [("riots", "mob_violence")]),
    # what gunmen loot while they kill is part of their attack
    ("On Thursday, gunmen stormed the village of Kherson, killing six men and looting "
     "livestock, residents said.", [("violence_against_civilians", "attack")]),
    # a storming told as fighting soldiers is the battle alone (the residents only say so)
    ("Insurgents stormed the town of Kherson on Friday, fighting soldiers for several hours "
     "and looting food aid, officials and residents said.", [("battles", "armed_clash")]),
])
def test_one_incident_is_one_event_of_its_kind(text, expected):
    assert [(e.event_type, e.sub_event_type)
            for e in _events(text, {"Kherson": KHERSON})] == expected


@pytest.mark.parametrize("sentence", [
    "Kyiv says Russian forces use Kursk as staging grounds for attacks on Kherson.",
    "But attacks by rebels and Islamic State's local branch have continued across Kherson.",
    '"Civilians in Kherson are being bombed from the air," a United Nations envoy said.',
])
def test_what_goes_on_or_what_a_place_is_for_is_no_event(sentence):
    assert _events(sentence, {"Kherson": KHERSON}) == []


@pytest.mark.parametrize("sentence", [
    # a day makes it news; talks someone came for were held
    "Kherson is being shelled on Monday, officials said.",
    "The envoy was in Kherson for talks with rebel leaders on Monday.",
    "The envoy was in Kherson for talks with rebel leaders.",
])
def test_what_goes_on_on_a_day_or_what_someone_came_for_is_an_event(sentence):
    assert _events(sentence, {"Kherson": KHERSON}) != []


def test_a_toll_told_a_day_later_of_the_attackers_is_the_attacks_toll():
    events = _events("Insurgents stormed the town of Kherson on Friday, fighting soldiers for "
                     "hours, officials said.\n\nThe defence minister said on Saturday that four "
                     "soldiers and 20 insurgents had been killed before the attackers "
                     "withdrew.", {"Kherson": KHERSON})
    assert [(e.event_type, e.place.name, e.date.value, e.fatalities) for e in events] == [
        ("battles", "Kherson", "2022-02-25", 24)]


def test_police_firing_on_a_rioting_crowd_is_the_riots_toll_not_an_attack_besides():
    events = _events("On Sunday night, police opened fire on a crowd that tried to storm a "
                     "party office and set fire to shops in Kherson, killing one protester.",
                     {"Kherson": KHERSON})
    assert [(e.event_type, e.fatalities) for e in events] == [("riots", 1)]


def test_the_doers_told_again_place_and_date_the_incident_told_before():
    places = {"Ukraine": UKRAINE, "Kherson": KHERSON}
    text = ("Gunmen killed at least 43 people in an attack on a farming village in "
            "Ukraine, authorities said on Monday.\n\nThe attackers stormed Kherson late "
            "Friday, shooting residents and setting homes on fire.")
    assert [(e.sub_event_type, e.place.name, e.date.value, e.fatalities)
            for e in _events(text, places)] == [("attack", "Kherson", "2022-02-25", 43)]
    # the same doers at it again are another incident
    text = ("Gunmen killed at least 43 people in an attack on a farming village in "
            "Ukraine on Monday.\n\nThe gunmen then stormed Kherson on Tuesday, killing 5.")
    assert len(_events(text, places)) == 2


def test_the_other_incidents_of_a_week_a_lead_lists_are_told_on_their_own():
    events = _events("Bandits killed at least 21 people in an attack on a village in Kherson, "
                     "residents said Thursday, in a week of violence that also saw mass "
                     "kidnappings, an air force bombing raid and a deadly clash with "
                     "vigilantes.", {"Kherson": KHERSON})
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("violence_against_civilians", "attack")]


def test_a_retelling_gives_the_day_an_event_had_only_from_when_it_was_said():
    places = {"Ukraine": UKRAINE, "Kherson": KHERSON}
    events = _events("Gunmen killed at least 21 civilians in an attack on a village in "
                     "Ukraine, a doctors' group said Wednesday. The attack happened Sunday in "
                     "Kherson.", places)
    assert [(e.place.name, e.date.value, e.fatalities) for e in events] == [
        ("Kherson", "2022-02-27", 21)]
    # a day of something else next to the retelling stays that thing's
    events = _events("Air strikes killed six people in Kherson, officials said on Wednesday. "
                     "The air strikes follow the fall last Tuesday of a garrison.", places)
    assert [e.date.value for e in events] == ["2022-03-02"]


def test_where_a_source_speaks_from_is_no_place_of_the_toll():
    places = {"Kherson": KHERSON, "Kyiv": KYIV}
    events = _events("Fighting broke out in Kherson on Friday between troops and militia. "
                     "The clashes erupted at dawn, a resident said. Four soldiers and seven "
                     "assailants died in the fighting, which lasted most of the day, according "
                     "to a military source in Kyiv.", places)
    assert [(e.event_type, e.place.name, e.fatalities) for e in events] == [
        ("battles", "Kherson", 11)]


def test_fighting_that_intensified_around_a_town_is_the_wars_course():
    places = {"Kherson": KHERSON}
    assert _events("Aid groups warned of hunger as fighting intensified around Kherson.",
                   places) == []
    assert [e.event_type for e in _events("Fighting intensified around Kherson on Monday.",
                                          places)] == ["battles"]


def test_what_the_review_of_the_stock_and_armed_story_rules_found():
    places = {"Kherson": KHERSON, "Ukraine": UKRAINE}
    # a raid that exchanged fire is a battle too
    assert sorted(e.event_type for e in _events(
        "Troops raided a camp near Kherson on Friday, exchanging fire with gunmen, and "
        "arrested eight people.", places)) == ["battles", "strategic_developments"]
    # another incident's toll after "two days after an airstrike that killed 45"
    (e,) = _events("Strikes killed six people in Kherson on Tuesday, two days after an "
                   "airstrike that killed 45 people in a tent camp.", places)
    assert e.fatalities == 6
    # a war's running total named with its country, or a displaced population
    assert _events("The war in Ukraine has killed more than 150,000 people.", places) == []
    assert _events("There are now 3.5 million people displaced inside Ukraine by the "
                   "conflict, the U.N. said.", places) == []
    # an incident of a day and a place in a long story of oil prices stays
    text = ("Oil prices rose on Thursday after clashes broke out near the refinery in "
            "Kherson on Wednesday, forcing the plant to shut.\n\n" + _PLAIN_STORY)
    assert [e.event_type for e in _events(text, places)] == ["battles"]


def test_an_event_in_a_village_the_gazetteer_lacks_keeps_its_name(geoparser):
    from geomap.ingest import make_document

    doc = make_document("JOS, Nigeria (AP) - Gunmen killed 12 people in Zubrowka, a village "
                        "in Bokkos, on Sunday, police said.", "d", published=date(2025, 4, 15))
    (event,) = geoparser.parse(doc).events
    bokkos = next(m.place for m in geoparser.mentions(doc) if m.span.text == "Bokkos")
    # named as told, at the point of the town the text puts it in, approximately
    assert (event.place.name, event.place.kind, event.place.geo_precision) == (
        "Zubrowka", "approximate", 2)
    assert (event.place.lat, event.place.lon, event.place.country_code) == (
        bokkos.lat, bokkos.lon, "NG")
    assert event.place.geonameid is None and event.place.id.startswith(bokkos.id)
    # a part of a town stays the town's, as event data codes it
    doc = make_document("Gunmen killed 12 people in the Zubrowka neighbourhood of Jos on "
                        "Sunday, police said.", "d", published=date(2025, 4, 15))
    assert [e.place.name for e in geoparser.parse(doc).events] == ["Jos"]


@pytest.mark.parametrize(("text", "kind"), [
    # bombs dropped, and a bomb whose hiding place comes before its verb
    ("A fighter jet dropped two bombs on Kherson on Thursday, killing nine people.",
     ("explosions_remote_violence", "air_drone_strike")),
    ("Bombs were dropped on a market in Kherson on Monday, killing 12 people.",
     ("explosions_remote_violence", "air_drone_strike")),
    ("A bomb concealed in a motorcycle parked outside a tea shop exploded in Kherson on "
     "Sunday, wounding six people.",
     ("explosions_remote_violence", "remote_explosive_landmine_ied")),
    # gunmen who shot dead someone no soldier, or unarmed men shot
    ("Gunmen on a motorcycle shot dead a 58-year-old rubber tapper in Kherson on Monday.",
     ("violence_against_civilians", "attack")),
    ("Gunmen shot dead two soldiers in Kherson on Monday.", ("battles", "armed_clash")),
    ("In Kherson, 12 unarmed men were shot dead on Monday, a monitor said.",
     ("violence_against_civilians", "attack")),
    # people marching fired on
    ("Police opened fire on a group of residents marching peacefully in Kherson on "
     "Tuesday, killing a boy.", ("protests", "excessive_force_against_protesters")),
    # armed youths with no name, whose raid killed people
    ("Armed youths raided a cattle camp in Kherson on Tuesday, killing 11 people.",
     ("violence_against_civilians", "attack")),
])
def test_violence_told_with_its_doers_or_victims_is_no_bare_toll(text, kind):
    assert _kherson_types(text) == [kind]


@pytest.mark.parametrize(("text", "kind"), [
    # a drone told with who sent it before its verb
    ("On Tuesday, a drone attributed by residents to the RSF struck a shelter in Kherson, "
     "killing three children.", ("explosions_remote_violence", "air_drone_strike")),
    # state forces who shot dead someone no fighter (but fighters: a battle)
    ("In Kherson, troops shot dead a 73-year-old man near a camp on Monday.",
     ("violence_against_civilians", "attack")),
    ("In Kherson, troops shot dead two militants near a camp on Monday.",
     ("battles", "armed_clash")),
    # live fire at a protest, a sit-in fired on, tear gas and bullets at protesters
    ("In Kherson, police fired live rounds as crowds of young protesters marched toward "
     "the centre, killing six people.", ("protests", "excessive_force_against_protesters")),
    ("Police opened fire on a sit-in in Kherson on Monday, killing three protesters.",
     ("protests", "excessive_force_against_protesters")),
    ("Police fired tear gas and live bullets at anti-government protesters in Kherson on "
     "Monday, leaving 31 people dead.", ("protests", "excessive_force_against_protesters")),
    # a counter-rally is a protest
    ("Supporters of the ruling party held a counter-rally of several hundred people in "
     "Kherson on Monday.", ("protests", "peaceful_protest")),
    # bodies dumped, or found bound: people killed
    ("On Monday, police found five bodies dumped along a road on the edge of Kherson.",
     ("violence_against_civilians", "attack")),
    ("Residents found the bodies of five men, some with their hands tied, on a road in "
     "Kherson on Monday.", ("violence_against_civilians", "attack")),
])
def test_violence_told_by_its_weapon_or_victims_is_typed_so(text, kind):
    assert _kherson_types(text) == [kind]


@pytest.mark.parametrize(("text", "kind"), [
    # one armed side ("fighters" are no fight) raiding a town, killing people
    ("RSF fighters raided the market town of Kherson on Monday, killing eight people and "
     "looting shops and homes.", ("violence_against_civilians", "attack")),
    # ... a village whose homes they burnt
    ("On Saturday, fighters attacked Kherson village, beheading a man and setting fire to "
     "about 30 homes, an official said.", ("violence_against_civilians", "attack")),
    # ... the "Forces" of a group's name are its fighters, no second side
    ("Fighters from the Allied Democratic Forces, a Ugandan armed group, attacked Kherson "
     "on Monday, shooting residents.", ("violence_against_civilians", "attack")),
    # an ambush of traders (of soldiers: a battle; by no one named: no bomb)
    ("On Monday, gunmen ambushed a group of traders near Kherson, killing six of them.",
     ("violence_against_civilians", "attack")),
    ("On Monday, gunmen ambushed a patrol near Kherson, killing six soldiers.",
     ("battles", "armed_clash")),
    ("On Monday, 22 security personnel were killed in an ambush near Kherson. The "
     "insurgents often plant roadside bombs.", ("battles", "armed_clash")),
    # a toll whose doers are told: their violence (two sides, or a shootout: a battle)
    ("Separately, four people were killed when Israeli troops opened fire near a "
     "distribution site in Kherson on Monday, medics said.",
     ("violence_against_civilians", "attack")),
    ("In a separate attack on Saturday, suspected jihadists killed six members of a "
     "militia that supports the army near Kherson.", ("battles", "armed_clash")),
    ("A three-hour shootout on Thursday in Kherson left four gunmen killed.",
     ("battles", "armed_clash")),
    ("Six people were killed in Kherson on Monday, the army said.",
     ("casualties_report", "official_toll")),
    # drones that "also hit", people taken by armed men, shepherds killed by gunmen
    ("Russian drones also hit an electricity substation in Kherson on Tuesday, cutting "
     "power to thousands of homes.", ("explosions_remote_violence", "air_drone_strike")),
    ("A community leader was taken by armed men from her home in Kherson on Thursday.",
     ("violence_against_civilians", "abduction_forced_disappearance")),
    ("Gunmen killed five shepherds as they grazed their sheep near Kherson on Monday.",
     ("violence_against_civilians", "attack")),
    # fire on a military or police post: a battle (the grenades carried no explosion)
    ("The shootout broke out when fighters fired on a military post in Kherson on Friday.",
     ("battles", "armed_clash")),
    ("Dozens of militants armed with rifles and rocket-propelled grenades opened fire on a "
     "police post in Kherson.", ("battles", "armed_clash")),
    # a detachment stormed: soldiers there to fight
    ("Hundreds of fighters stormed the military detachment at Kherson on Tuesday.",
     ("battles", "armed_clash")),
])
def test_an_armed_side_that_raids_people_attacks_civilians(text, kind):
    assert _kherson_types(text) == [kind]


@pytest.mark.parametrize(("text", "kinds"), [
    # drones that are no weapon, or hit nothing harmed
    ("The drones, operated by a delivery firm, hit a milestone of one million deliveries "
     "in Kherson last week.", []),
    ("A drone flown by a hobbyist hit a power line near Kherson on Saturday, cutting "
     "electricity to 2,000 homes.", []),
    ("Drones launched by Russia struck energy facilities in Kherson on Monday.",
     [("explosions_remote_violence", "air_drone_strike")]),
    # storming to a position is no assault on one
    ("The driver stormed to pole position at the Kherson Grand Prix on Saturday.", []),
    ("Shares staged a counter-rally in Kherson on Friday after a week of losses.", []),
    # bodies of animals, of an accident, or with no marks of violence
    ("Ranchers found the bodies of 40 cattle dumped near a river in Kherson on Saturday.", []),
    ("The bodies of two hunters with gunshot wounds were found near Kherson in what police "
     "called a hunting accident.", []),
    ("An autopsy found the bodies of the two climbers near Kherson showed no signs of "
     "torture or gunshot wounds.", []),
    # an armed attacker shot dead, or a killing denied
    ("Police shot dead a man who was wielding a machete outside a shop in Kherson on "
     "Sunday.", []),
    ("The minister said the government forces had not shot dead any civilians in "
     "Kherson.", []),
    # live fire at targets on a range is no force against a protest
    ("Soldiers firing live rounds at targets near Kherson drew complaints, but the protest "
     "by villagers was peaceful.", [("protests", "peaceful_protest")]),
    # fighters attacking positions meet armed men; a military truck is no doer
    ("Kurdish fighters attacked Islamic State positions near Kherson on Sunday, killing 9 "
     "people.", [("battles", "armed_clash")]),
    ("A military truck struck a minibus near Kherson on Sunday, killing 9 people, police "
     "said.", [("casualties_report", "official_toll")]),
    ("The army struck back at militants in Kherson on Sunday; 11 people were killed, "
     "officials said.", [("battles", "armed_clash")]),
])
def test_what_the_review_of_the_doers_and_weapons_rules_found(text, kinds):
    assert _kherson_types(text) == kinds


def test_what_the_review_of_the_lead_and_day_rules_found(geoparser):
    from geomap.ingest import make_document

    def parse(text, published):
        return [(e.event_type, e.place.name, e.date.value if e.date else None, e.fatalities)
                for e in geoparser.parse(make_document(text, "d", published=published)).events]

    # a lead summing several strikes keeps its toll beside its one town told after
    got = parse("Israeli strikes killed 21 people across the Gaza Strip on Sunday, the "
                "health ministry said. In Khan Younis, an airstrike hit a house on Sunday, "
                "killing seven.", date(2023, 10, 30))
    assert [(place, n) for _, place, _, n in got] == [("Gaza Strip", 21), ("Khān Yūnis", 7)]
    # an arrest's day in "the killings" is no day of the killings
    got = parse("Gunmen killed at least 30 people in central Mali last month, a UN report "
                "said. Troops arrested two suspects in the killings on March 14 in Mopti.",
                date(2024, 4, 2))
    assert ("violence_against_civilians", "Mali", "2024-03", 30) in got
    # a weekday after an anniversary is the news's; a remembered massacre stays history
    got = parse("Thousands rallied in London to mark the first anniversary of the war in "
                "Gaza on Monday.", date(2024, 10, 9))
    assert [(t, d) for t, _, d, _ in got] == [("protests", "2024-10-07")]
    got = parse('On the anniversary of the "Black January" of 1990, when Soviet troops '
                "killed 130 people in Baku, Azerbaijanis laid flowers on Saturday.",
                date(2024, 1, 22))
    assert all(d is None or not d.startswith("2024") for _, _, d, _ in got if _ != "protests")


def test_bodies_of_the_dead_of_no_violence_are_no_attack():
    assert _kherson_types("Rescuers recovered the bodies of 12 people from the rubble in "
                          "Kherson on Monday after the earthquake.") == []
    assert _kherson_types("Counter-protesters heckled the speakers in Kherson on Monday.") == []


def test_a_toll_placed_nowhere_of_its_own_counts_the_violence_of_its_paragraph():
    text = ("A bomb exploded at a market in Kherson on Sunday. \"It was chaos,\" a trader "
            "said. Six people were wounded and taken to the city's hospital.")
    events = _events(text, {"Kherson": KHERSON})
    assert [(e.event_type, e.injured) for e in events] == [("explosions_remote_violence", 6)]
    # a paragraph that opens telling the incident again counts its victims too
    text2 = ("A roadside bomb killed two rangers in Kherson on Monday, police said.\n\nThe "
             "bomb, hidden in a drainage pipe beneath a rural road, detonated as their "
             "pickup passed. Two rangers died at the scene and three others were wounded.")
    events = _events(text2, {"Kherson": KHERSON})
    assert [(e.event_type, e.fatalities, e.injured) for e in events] == [
        ("explosions_remote_violence", 2, 3)]
    # (not across paragraphs, nor another incident's: "In a separate attack, ...")
    for other in ("\n\nSix", "In a separate attack, six"):
        events = _events(text.replace("Six", other), {"Kherson": KHERSON})
        assert [e.event_type for e in events] == ["explosions_remote_violence",
                                                  "casualties_report"]


@pytest.mark.parametrize(("text", "types"), [
    # people a flight describes: no flight of the news
    ("\"They came at night,\" said a teacher who fled Kherson on Monday.", []),
    ("Many had already been displaced once from villages near Kherson.", []),
    ("The convoy carried food to families displaced from the camp in Kherson.", []),
    ("An air strike flattened a house sheltering displaced families in Kherson on Monday.",
     ["explosions_remote_violence"]),
    # flights told
    ("Thousands of families were displaced from Kherson on Monday.", ["displacement"]),
    ("Hundreds of residents abandoned Kherson on Monday.", ["displacement"]),
])
def test_people_a_flight_describes_are_no_flight(text, types):
    assert [e.event_type for e in _events(text, {"Kherson": KHERSON})] == types


def test_violence_a_lead_tells_at_a_region_and_a_sentence_at_its_town_is_one_incident(
        geoparser):
    from geomap.ingest import make_document

    text = ("KYIV (Reuters) - A drone strike on a town in Ukraine's Zaporizhzhia region on "
            "Sunday killed at least 26 people, officials said, as fighting between the army "
            "and Russian forces spread to new areas of the region.\n\nThe strike hit the "
            "main square of Orikhiv, a town about 50 km south-east of Zaporizhzhia, shortly "
            "after noon, a doctor said.")
    events = geoparser.parse(make_document(text, "d", published=date(2023, 8, 14))).events
    # (the lead's "fighting" with the strike's toll is no battle of its own at the region)
    assert [(e.event_type, e.place.name, e.fatalities) for e in events] == [
        ("explosions_remote_violence", "Orikhiv", 26)]
    assert {events[0].evidence, *events[0].more_evidence} == set(text.split("\n\n"))


def test_the_day_a_dateline_gives_is_the_reports(geoparser):
    from geomap.ingest import make_document

    text = ("JOS, Nigeria, April 17 (Reuters) - Gunmen killed at least 52 people in a raid on "
            "a farming village in Nigeria's Plateau state, local leaders said.\n\nThe "
            "attackers struck Zubrowka, a village in Bokkos, late on Sunday, shooting "
            "residents as they ran from their homes.")
    events = geoparser.parse(make_document(text, "d", published=date(2025, 4, 17))).events
    # the raid is the one the next sentence dates and places, not one of April 17
    assert [(e.event_type, e.place.name, e.date.value, e.fatalities) for e in events] == [
        ("violence_against_civilians", "Zubrowka", "2025-04-13", 52)]


def test_a_retelling_narrows_a_division_to_the_district_in_it(geoparser):
    from gazetteer.rank import finer
    from geomap.ingest import make_document

    text = ("SRINAGAR, India (AP) - Suspected militants hurled a grenade into a liquor shop in "
            "Indian-controlled Kashmir on Tuesday, killing one employee, police said.\n\nThe "
            "attack took place in Baramulla town, a police officer said.")
    (event,) = geoparser.parse(make_document(text, "d", published=date(2022, 5, 20))).events
    # the gazetteer knows Baramulla as a district only: finer than the state all the same
    assert (event.sub_event_type, event.place.name, event.place.kind) == (
        "grenade", "Bāramūla", "admin2")
    state = next(m.place for m in geoparser.mentions(make_document(text, "d"))
                 if m.place.kind == "admin1")
    assert finer(event.place, state) and not finer(state, event.place)
    assert not finer(event.place, event.place)


def test_a_retelling_gives_the_day_inside_the_month_a_lead_told(geoparser):
    from geomap.ingest import make_document

    lead = ("ADDIS ABABA, Ethiopia (AP) - Ethiopian soldiers killed dozens of civilians in a "
            "town in the Amhara region late last month, residents said.")
    told = ("The killings in Merawi, a town south of Bahir Dar, took place on Monday last "
            "week, according to four residents.")
    after = "Women marched in Bahir Dar on Tuesday to denounce the killings."

    def parse(text):
        return [(e.event_type, e.place.name, e.date.value) for e in geoparser.parse(
            make_document(text, "d", published=date(2024, 2, 8))).events]

    # "the killings" tell the lead's incident again: its town and its day (in January)
    assert parse(f"{lead}\n\n{told}") == [
        ("violence_against_civilians", "Mer’āwī", "2024-01-29")]
    # ... and are never an incident of their own
    assert parse(f"{lead}\n\n{after}") == [
        ("violence_against_civilians", "Amara", "2024-01"), ("protests", "Bahir Dar",
                                                             "2024-02-06")]
    assert parse(after) == [("protests", "Bahir Dar", "2024-02-06")]


def test_a_retelling_dates_every_reading_of_the_incident(geoparser):
    from geomap.ingest import make_document

    text = ("KYIV (Reuters) - A Russian missile strike on an apartment building in the "
            "Ukrainian city of Poltava killed 14 people, officials said, as the two sides "
            "traded attacks over the weekend.\n\nThe missile hit the building early on "
            "Saturday, destroying several floors.")
    events = geoparser.parse(make_document(text, "d", published=date(2025, 2, 3))).events
    assert {(e.place.name, e.date.value) for e in events} == {("Poltava", "2025-02-01")}


def test_a_place_and_the_division_named_after_it_place_the_event_at_the_place(geoparser):
    from geomap.ingest import make_document

    doc = make_document("DHAKA (Reuters) - A school in Chhagalnaiya, in Feni district, was "
                        "torched on Saturday night by rioters.", "d",
                        published=date(2024, 1, 7))
    assert [e.place.name for e in geoparser.parse(doc).events] == ["Chhāgalnāiya"]
    # ... and no town it is measured from
    doc = make_document("ADDIS ABABA (Reuters) - On Friday, gunmen stopped a bus near Ginchi, "
                        "about 80 kilometers west of Addis Ababa, and abducted 14 passengers.",
                        "d", published=date(2023, 8, 20))
    assert [e.place.name for e in geoparser.parse(doc).events] == ["Gīnch’ī"]
    # the battle that took a village the gazetteer lacks is told there too
    doc = make_document("GOMA, Congo (Reuters) - M23 rebels seized the mining town of "
                        "Zubrowka in eastern Congo's North Kivu province on Tuesday after "
                        "heavy fighting with the army.", "d", published=date(2025, 3, 12))
    assert [(e.sub_event_type, e.place.name) for e in geoparser.parse(doc).events] == [
        ("non_state_actor_overtakes_territory", "Zubrowka")]


def test_an_incident_a_time_is_counted_from_is_no_new_one():
    events = _events("Gunmen clashed with soldiers in Kherson on Saturday. A day after the "
                     "clash, a shell crashed into the market in Kherson, killing five "
                     "civilians.", {"Kherson": KHERSON})
    assert [(e.event_type, e.date.value) for e in events] == [
        ("battles", "2022-02-26"), ("explosions_remote_violence", "2022-02-27")]


def test_a_leads_region_level_violence_told_at_its_one_town_that_day(geoparser):
    from geomap.ingest import make_document

    lead = ("BAMAKO (Reuters) - Suspected militants killed 17 civilians in a village in "
            "central Mali on Saturday, local officials said.")
    town = ("Gunmen on motorcycles surrounded a village in the Bandiagara area and opened "
            "fire on residents, killing 14, a regional official said on Saturday.")
    events = geoparser.parse(make_document(f"{lead}\n\n{town}", "d",
                                           published=date(2023, 2, 21))).events
    # one incident, at its town with its own toll (a lead's may sum others)
    assert [(e.event_type, e.place.name, e.date.value, e.fatalities) for e in events] == [
        ("violence_against_civilians", "Bandiagara", "2023-02-18", 14)]
    # two incidents there that day: the lead is neither
    other = town.replace("the Bandiagara area", "the Bankass area").replace("14", "three")
    events = geoparser.parse(make_document(f"{lead}\n\n{town} {other}", "d",
                                           published=date(2023, 2, 21))).events
    assert sorted(e.place.name for e in events) == ["Bandiagara", "Bankass", "Mali"]


@pytest.mark.parametrize(("text", "expected"), [
    # one armed side and people killed: an attack on them (a police post: a battle)
    ("Militants attacked a village near Kherson on Sunday, killing 12 people.",
     [("violence_against_civilians", "2022-02-27", 12)]),
    ("Militants attacked a police post near Kherson on Sunday, killing 12 people.",
     [("battles", "2022-02-27", 12)]),
    # what a region is like is no battle
    ("Gunmen killed at least 12 people in an overnight attack on a farming village near "
     "Kherson , officials said, the latest violence in a region plagued by clashes between "
     "herders and farmers.", [("violence_against_civilians", "2022-03-03", 12)]),
    # the doers told again in a fight's word: the raid told, placed and dated
    ("Gunmen killed 12 people in a night raid in Kherson Oblast, officials said on "
     "Thursday.\n\nThe attackers struck Kherson late on Sunday, shooting residents as they "
     "ran from their homes.", [("violence_against_civilians", "2022-02-27", 12)]),
])
def test_one_armed_side_and_its_victims(text, expected):
    oblast = Place("geonames:706442", "Kherson Oblast", "admin1", "UA", "Kherson", 1_000_000,
                   46.75, 33.35)
    events = _events(text, {"Kherson Oblast": oblast, "Kherson ": KHERSON, "Kherson.": KHERSON})
    assert [(e.event_type, e.date.value, e.fatalities) for e in events] == expected
    assert all(e.place.name == "Kherson" for e in events)


def test_what_the_review_of_the_village_and_toll_rules_found(geoparser):
    """Probes where the first version of this session's rules went wrong."""
    from geomap.ingest import make_document

    def told(text, published=PUBLISHED, places=None):
        if places is not None:
            return [(e.event_type, e.place.name, e.date.value, e.fatalities, e.injured)
                    for e in _events(text, places)]
        doc = make_document(text, "d", published=published)
        return [(e.event_type, e.place.name, e.date.value, e.fatalities, e.injured)
                for e in geoparser.parse(doc).events]

    kherson = {"Kherson": KHERSON}
    # another cause, or another incident, between the violence and a toll
    assert told("A car bomb exploded in Kherson on Monday, killing five. Separately, a bus "
                "overturned on a highway. Twelve people died and 20 were injured.",
                places=kherson)[0] == ("explosions_remote_violence", "Kherson", "2022-02-28",
                                       5, None)
    # two incidents with one toll: another day, or told as another
    oblast = Place("geonames:706442", "Kherson Oblast", "admin1", "UA", "Kherson", 1_000_000,
                   46.75, 33.35)
    two = told("Gunmen killed 10 people in Kherson Oblast on Monday.\n\nIn a separate attack "
               "on Tuesday, gunmen killed 10 people in Kherson.",
               places={"Kherson Oblast": oblast, "Kherson.": KHERSON})
    assert len(two) == 2
    # a shop the gazetteer lacks is no village: the event stays at the town
    assert [e[1] for e in told("Gunmen shot dead 3 people at a Walmart in El Paso on "
                               "Monday, police said.")] == ["El Paso"]
    # figures of speech and a band
    assert told("The Chiefs dropped bombs on the Ravens defense in Kherson on Sunday.",
                places=kherson) == []
    assert told("Police fired into the air as the marching band paraded in Kherson on "
                "Monday.", places=kherson) == []
    # flights told, though their people are described
    assert "displacement" in [e[0] for e in told(
        "Some 2,000 families displaced by fighting arrived in Kherson on Tuesday.",
        places=kherson)]
    assert [e[0] for e in told("A wave of refugees who fled the war on Tuesday crossed "
                               "into Kherson.", places=kherson)] == ["displacement"]
    # a dated dateline gives the day of what its lead tells undated, not of a day named
    assert [e[2] for e in told("NAIROBI, Kenya, Apr. 16 (AP) - Police shot dead two "
                               "protesters in Nairobi, witnesses said.",
                               date(2024, 4, 17))] == ["2024-04-16"]
    assert [e[2] for e in told("JOS, Nigeria, April 17 (Reuters) - Gunmen killed 12 people "
                               "in Bokkos late on Sunday, police said.",
                               date(2024, 4, 17))] == ["2024-04-14"]


def test_the_day_an_anniversary_remembers_is_no_day_of_the_news():
    events = _events("Thousands marched in Kherson on Monday on the anniversary of the July 7, "
                     "1990 pro-democracy rally.", {"Kherson": KHERSON})
    assert [(e.event_type, e.date.value) for e in events] == [("protests", "2022-02-28")]
    events = _events("Thousands marched in Kherson on the anniversary of the July 7, 1990 "
                     "rally.", {"Kherson": KHERSON})
    assert [e.date.value for e in events] == ["2022-03-03"]  # (the publication's)
    # a quoted name, a few words before the day
    events = _events('Thousands marched in Kherson on the anniversary of the "Saba Saba" '
                     'uprising of July 7, 1990.', {"Kherson": KHERSON})
    assert [e.date.value for e in events] == ["2022-03-03"]


def test_unrest_told_of_several_towns_on_a_day_dates_its_towns_told_after(geoparser):
    from geomap.ingest import make_document

    text = ("NAIROBI, Kenya (AP) - Kenyan police fired tear gas and live bullets at "
            "protesters in the capital and several other towns on Monday, leaving at least 31 "
            "people dead across the country, a rights group said.\n\nMost of the "
            "protesters had been waving flags, witnesses said.\n\n"
            "In Nyeri, in central Kenya, hundreds of people marched through the town.\n\n"
            "In Embu, police fired tear gas to disperse a crowd.")
    events = geoparser.parse(make_document(text, "d", published=date(2025, 7, 10))).events
    assert {(e.place.name, e.date.value) for e in events} == {
        ("Nairobi", "2025-07-07"), ("Nyeri", "2025-07-07"), ("Embu", "2025-07-07")}


@pytest.mark.parametrize(("text", "fatalities"), [
    ("A drone struck a house in Kherson on Tuesday, but no one was killed.", 0),
    ("A drone struck a house in Kherson on Tuesday. No casualties were reported.", 0),
    ("Gunmen abducted 25 women in Kherson on Tuesday. No one was killed, officials said.", 0),
    # nothing known is no toll of none
    ("A drone struck a house in Kherson on Tuesday. There was no word of casualties.", None),
])
def test_violence_told_to_have_killed_no_one_has_a_toll_of_none(text, fatalities):
    assert [e.fatalities for e in _events(text, {"Kherson": KHERSON})] == [fatalities]


@pytest.mark.parametrize("text", [
    # a kind of aircraft, no attack
    "Attack helicopters flew low over Kherson during the parade.",
    # a lead, not a town, retaken
    "Kherson retook the lead at 14:40 of the third period.",
    # fighting for people, and with one hand tied: no battle
    '"We are fighting for them," said a nurse at the hospital in Kherson.',
    'Staff shortages have left police units in Kherson "fighting with one hand tied".',
    # an ambush of one's own making is a politician's blunder
    '"The minister walked into an ambush of his own making," he said in Kherson.',
    # a riot of colour, not of people
    "A riot of colour, noise and glitter engulfed Kherson over the weekend.",
    # light and hail bombard without shells
    'The tower in Kherson was "bombarded" with light to a soundtrack of pop music.',
    "Hailstones as big as softballs bombarded farms and towns around Kherson on Tuesday.",
    # a plan bombed by investors, a team torched for points
    "Investors in Kherson bombed a plan to combine the two airlines.",
    "Curry, who torched Kherson for 31 points in the opener, said the rivals were physical.",
    # near misses of the wordings that tell events
    "Ukraine received 50,000 anti-tank mines from its allies in Kherson on Monday.",
    "Deminers cleared 2,000 anti-personnel mines from fields near Kherson last month.",
    "A toy drone crashed into the crowd at a football match in Kherson on Sunday, injuring "
    "a fan.",
    "A hunter accidentally shot dead a farmer near Kherson on Sunday.",
    "An elephant killed a farmer near Kherson on Sunday, as troops patrolled the park.",
    "Soldiers blew up a suspicious car in a controlled detonation near the checkpoint in "
    "Kherson on Sunday.",
    "Residents said police beat them during a raid on a slum in Kherson on Sunday.",
    "Police raided the homes of gang members in Kherson on Sunday and seized guns.",
    "A gang raided the offices of a bank in Kherson on Sunday, escaping with cash, police "
    "said.",
    "A man set fire to a car outside a nightclub in Kherson on Sunday after being refused "
    "entry.",
    # people who give themselves up to police hand over no territory (rebels would)
    "Several people who had been inside the home in Kherson surrendered to police and "
    "were released.",
])
def test_yet_more_conflict_words_in_other_senses(text):
    assert _events(text, {"Kherson": KHERSON}) == []


def test_arrests_for_drugs_or_drink_are_police_work():
    places = {"Kherson": KHERSON}
    assert _events("Police in Kherson said they made four arrests over the weekend, mainly "
                   "for drug possession.", places) == []
    assert _events("Police in Kherson arrested 12 people for drink-driving.", places) == []
    # a political arrest is still one
    assert [e.sub_event_type for e in _events(
        "Police in Kherson arrested 12 opposition activists on Monday.", places)] == ["arrests"]


def test_the_next_day_counts_from_an_event_told_with_a_day_even_unplaced():
    # the seizure in Mawlu (a village no gazetteer has) is placed nowhere, but its day
    # still dates the bomb told after it
    events = _events("On Wednesday last week, rebels seized the police station in Mawlu. "
                     "The next day, a roadside bomb hit a military truck outside Kherson, "
                     "killing three soldiers.", {"Kherson": KHERSON})
    assert [(e.sub_event_type, e.date.value) for e in events] == [
        ("remote_explosive_landmine_ied", "2022-02-24")]


def test_that_night_counts_from_the_event_told_before():
    events = _events("Fighting broke out in Kherson on Thursday last week. A drone struck a "
                     "school in Kherson that night, killing two children.", {"Kherson": KHERSON})
    assert [(e.event_type, e.date.value) for e in events] == [
        ("battles", "2022-02-24"), ("explosions_remote_violence", "2022-02-24")]


def test_trade_or_accession_talks_are_no_peace_talks():
    places = {"Kherson": KHERSON}
    assert _events("The minister in Kherson announced the suspension of EU accession talks "
                   "on Monday.", places) == []
    assert _events("Trade negotiations in Kherson resumed on Monday.", places) == []
    assert [e.event_type for e in _events("Peace talks resumed in Kherson on Monday.",
                                          places)] == ["negotiations"]


def _story_events(geoparser, text: str, published: date) -> list[Event]:
    """The events the whole pipeline finds in ``text``, a story of that day."""
    from geomap.ingest import make_document

    return geoparser.parse(make_document(text, "d", published=published)).events


def test_in_the_capital_is_the_datelines_capital_beyond_the_lead(geoparser):
    text = ("PORT-AU-PRINCE, Haiti (AP) - Gangs killed 12 people in Haiti's Artibonite region "
            "last week, officials said.\n\nIn the capital, police and gang members battled "
            "for several hours on Saturday in the Solino neighborhood. Fighting also raged "
            "south of the city.")
    events = _story_events(geoparser, text, date(2024, 6, 3))
    # gangs are armed men; "the capital," opens the sentence (no "the capital, Kyiv");
    # what is only measured from "the city" is not placed there
    assert [(e.event_type, e.place.name, e.date.value) for e in events
            if e.event_type == "battles"] == [("battles", "Port-au-Prince", "2024-06-01")]


def test_a_description_only_measured_from_places_nothing(geoparser):
    text = ("MOGADISHU (Reuters) - A car bomb killed five people in Mogadishu on Monday.\n\n"
            "On Tuesday, soldiers fought al Shabaab militants in a village southwest of the "
            "capital.")
    events = _story_events(geoparser, text, date(2024, 6, 5))
    # the fighting was near the capital, not in it
    assert [(e.event_type, e.place.name) for e in events] == [
        ("explosions_remote_violence", "Mogadishu")]


@pytest.mark.parametrize("text, expected", [
    # attack helicopters strike from the air; a riot of fans is a riot
    ("Russian attack helicopters struck Ukrainian positions near Kherson on Sunday.",
     [("explosions_remote_violence", "air_drone_strike")]),
    ("Police fired tear gas to disperse a riot of football fans outside the stadium in "
     "Kherson on Sunday.", [("riots", "violent_demonstration")]),
    # rain in another clause is no hail; a test site is bombed
    ("Russian troops bombarded Kherson with drones and artillery on Sunday despite heavy "
     "rain, killing two people.", [("explosions_remote_violence",
                                    "shelling_artillery_missile_attack")]),
    ("Coalition aircraft bombed a test site near Kherson on Sunday.",
     [("explosions_remote_violence", "air_drone_strike")]),
    # public order offences after a clash are a riot's arrests
    ("Riot police clashed with football supporters in Kherson on Sunday and arrested 40 for "
     "public order offences.", [("riots", "violent_demonstration"),
                                ("strategic_developments", "arrests")]),
    # a toll with soldiers among the dead is a battle's, a crash in another clause no attack
    ("Insurgents ambushed a convoy near Kherson on Sunday and killed six men, including two "
     "soldiers.", [("battles", "armed_clash")]),
    ("Militants attacked an army post near Kherson on Sunday, and in a separate incident a "
     "car crash killed three women.", [("battles", "armed_clash")]),
    # a fire no one set is no attack
    ("A short circuit set fire to a garment factory in Kherson on Sunday, killing 12 workers.",
     [("casualties_report", "official_toll")]),
    # rebels who give themselves up are a strategic development (people are not)
    ("Separately, 15 Maoists surrendered to police in Kherson on Monday.",
     [("strategic_developments", "non_violent_transfer_of_territory")]),
])
def test_real_events_beside_the_new_wordings(text, expected):
    assert [(e.event_type, e.sub_event_type)
            for e in _events(text, {"Kherson": KHERSON})] == expected


def test_that_morning_counts_from_the_event_told_before():
    events = _events("Thousands marched in Kherson on Saturday. That morning, police "
                     "detained 12 activists in the city.", {"Kherson": KHERSON})
    assert {e.date.value for e in events} == {"2022-02-26"}
