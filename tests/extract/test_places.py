"""places: toponyms found in text and resolved with the document as context.

Real spaCy pipeline and real gazetteer. The reference report is read from ../shared when present;
every other text here is made up for the behaviour it pins down.
"""

import datetime as dt

import pytest

from conflictcoder import geodesy
from conflictcoder.extract import places
from conflictcoder.model import Annotations, Article
from tests.conftest import REFERENCE

MAARAT = (35.6483, 36.6769)


def km(a, b):
    """Distance between two (lat, lon) pairs."""
    return geodesy.km(*a, *b)


@pytest.fixture(scope="module")
def run(nlp, resources):
    def _run(text, published="2019-12-23"):
        ann = Annotations(article=Article(id="t", published=dt.date.fromisoformat(published), text=text))
        return places.extract(nlp(text), ann, resources)
    return _run


def named(ps, surface):
    return [p for p in ps if surface in p.span.text]


def test_spans_point_into_the_text(run):
    text = "Shelling hit the outskirts of Saraqib and areas near Jisr al-Shughour in Idlib province, Syria."
    ps = run(text)
    assert ps and [p.span.start for p in ps] == sorted(p.span.start for p in ps)
    for p in ps:
        assert text[p.span.start:p.span.end] == p.span.text


@pytest.mark.parametrize("variant", [
    "Maarat al Numan", "Ma'arrat an-Nu'man", "Ma‘arrat an Nu‘mān", "Maaret al-Noman", "Maarat al-Numan",
])
def test_transliteration_variants_resolve_to_the_same_town(run, variant):
    ps = run(f"Warplanes struck the town of {variant} in Idlib, northwestern Syria, on Monday.")
    [town] = named(ps, variant)
    assert town.country_code == "SY" and town.admin1 == "Idlib"
    assert km((town.lat, town.lon), MAARAT) < 10
    assert town.precision == 1 and town.feature == "populated_place"


def test_reference_article(run):
    if not REFERENCE.exists():
        pytest.skip("reference article not present")
    lines = REFERENCE.read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines[1:]) if lines[0].startswith("date ") else "\n".join(lines)
    ps = run(text)
    idlib = [p for p in ps if p.span.text == "Idlib"]
    assert idlib and all(p.country_code == "SY" and p.admin1 == "Idlib" for p in idlib)
    maarat = [p for p in ps if "Maarat al Numan" in p.span.text]
    # the town within 10 km; "Maarat al Numan region" may be its district, at its towns' median
    assert maarat and all(km((p.lat, p.lon), MAARAT) < (25 if p.feature == "admin2" else 10) for p in maarat)
    # "the district of Maarat al Numan": the span keeps the region words, precision is not the town's own
    assert any(p.span.text.startswith("district of") and p.precision == 2 for p in maarat)
    region = [p for p in ps if p.span.text == "Idlib region"]
    assert region and all(p.feature == "admin1" and p.precision == 3 for p in region)
    assert {p.country_code for p in ps if p.feature == "country" and not p.demonym and p.confidence > 0.5} == {"SY", "TR"}
    assert all(p.country_code in ("RU", "SY", "TR") for p in ps if p.demonym)


@pytest.mark.parametrize("context, country", [
    ("Clashes erupted in Tripoli, the main city of northern Lebanon, on Sunday.", "LB"),
    ("Clashes erupted in Tripoli on Sunday, the Lebanese army said, as tension rose across Lebanon.", "LB"),
    ("Clashes erupted in Tripoli, the capital of Libya, on Sunday.", "LY"),
    ("Militias fought in Tripoli on Sunday, Libya's unity government said.", "LY"),
])
def test_ambiguous_name_resolved_by_the_country_named(run, context, country):
    [tripoli] = named(run(context), "Tripoli")
    assert tripoli.country_code == country


def test_container_after_a_comma(run):
    [paris] = named(run("A tornado hit Paris, Texas, on Friday."), "Paris")
    assert paris.country_code == "US" and paris.admin1 == "Texas"
    [paris] = named(run("A strike shut the metro in Paris on Friday."), "Paris")
    assert paris.country_code == "FR"


def test_demonym_is_its_country_with_low_confidence(run):
    ps = run("Syrian troops advanced on Friday.")
    [syrian] = [p for p in ps if p.demonym]
    assert syrian.country_code == "SY" and syrian.precision == 3 and syrian.feature == "country"
    assert syrian.confidence < 0.5 and syrian.span.text == "Syrian"


def test_plural_demonym(run):
    [p] = [p for p in run("Thousands of Syrians fled on Friday.") if p.demonym]
    assert p.country_code == "SY"


def test_sentence_without_places(run):
    assert run("The weather was nice on Monday and everyone went for a walk.") == []


def test_capitalised_common_words_are_not_places(run):
    ps = run("The Observatory said on Monday that the White Helmets were at work, according to the monitor.")
    assert ps == []


@pytest.mark.parametrize("text, surface, feature, precision", [
    ("Shelling hit Idlib province on Monday.", "Idlib province", "admin1", 3),
    ("Shelling hit the province of Idlib on Monday.", "province of Idlib", "admin1", 3),
    ("Shelling hit the city of Idlib on Monday.", "city of Idlib", "populated_place", 1),
    ("Shelling hit the outskirts of Saraqib in Syria on Monday.", "outskirts of Saraqib", "populated_place", 2),
    ("Fighting raged near Saraqib in Syria on Monday.", "Saraqib", "populated_place", 2),
    ("Jets bombed northern Homs, Syria, on Monday.", "northern Homs", "populated_place", 2),
])
def test_region_words_choose_the_feature_and_precision(run, text, surface, feature, precision):
    [p] = named(run(text), surface)
    assert p.span.text == surface
    assert p.country_code == "SY" and p.feature == feature and p.precision == precision


def test_bare_name_follows_the_documents_region_usage(run):
    ps = run("Jets struck Idlib on Monday. The Idlib region is home to three million people.")
    assert all(p.feature == "admin1" for p in named(ps, "Idlib"))


def test_gazetteer_name_that_spacy_does_not_tag_as_a_place(run):
    # the small model tags this name as a person or nothing; the gazetteer knows it
    ps = run("Warplanes hit Maarat al Numan and Kafr Nabl in Syria on Tuesday.")
    assert {p.span.text for p in ps if p.country_code == "SY" and p.feature == "populated_place"} >= {
        "Maarat al Numan", "Kafr Nabl"}


def test_unknown_toponym_is_kept_unresolved(run):
    ps = run("Government forces shelled Wadi Qandil in Syria on Monday.")
    [g] = named(ps, "Wadi Qandil")
    assert g.geonames_id is None and g.lat is None and g.lon is None
    assert g.reason == "not in gazetteer"


def test_organisation_attribute_has_lower_confidence(run):
    ps = run("Fighting killed 12 people in Aleppo, Syria, according to the Britain-based Observatory.")
    [britain] = named(ps, "Britain")
    [aleppo] = named(ps, "Aleppo")
    assert britain.country_code == "GB" and britain.confidence < 0.5
    assert aleppo.country_code == "SY" and aleppo.confidence > britain.confidence


def test_news_agency_named_after_a_place_is_not_a_place(run):
    ps = run("Jets struck Homs in Syria, the Sana news agency reported.")
    assert not named(ps, "Sana")


def test_confidences_are_probabilities(run):
    ps = run("Russian jets struck Aleppo, Homs and Hama in Syria, and Turkish troops entered Afrin.")
    assert ps and all(0.0 <= p.confidence <= 1.0 for p in ps)
    assert all(p.precision in (1, 2, 3) for p in ps)


AZAZ = (36.5866, 37.0463)


def test_unknown_village_takes_the_district_named_beside_it(run):
    # an invented village: no gazetteer knows it
    ps = run("Shelling hit the village of Qarqurzan in Azaz district on Monday, killing two farmers.")
    [village] = named(ps, "Qarqurzan")
    assert km((village.lat, village.lon), AZAZ) < 25  # in the district, at its towns' median
    assert village.precision == 2  # the district, not the village
    assert village.reason and "not in gazetteer" in village.reason


def test_namesake_far_from_the_named_district_gives_way_to_the_district(run):
    # Tuz Khurmatu is an Iraqi town, 400 km away; the text puts this one in a Syrian district
    ps = run("Air strikes hit Tuz Khurmatu village, Albu Kamal district, Deir ez Zor Governorate, on Friday "
             "and killed five people.")
    [village] = named(ps, "Khurmatu")
    assert village.country_code == "SY" and village.precision == 2
    assert "region named beside it" in village.reason
    [district] = named(ps, "Albu Kamal")
    assert km((village.lat, village.lon), (district.lat, district.lon)) < 1


def test_a_village_the_gazetteer_knows_in_the_named_district_is_placed_itself(run):
    # Ar Ramadi is also an Iraqi city; a Syrian village of that name lies in this district
    ps = run("Air strikes hit Ar Ramadi village, Albu Kamal district, Deir ez Zor Governorate, on Friday "
             "and killed five people.")
    [village] = named(ps, "Ramadi")
    assert village.country_code == "SY" and village.precision == 1 and village.admin1 == "Deir ez-Zor"


def test_a_place_and_its_country_are_no_headline(run):
    [town] = named(run("Karachi town, Pakistan"), "Karachi")
    assert town.country_code == "PK" and town.feature == "populated_place"


def test_country_sits_in_the_middle_of_its_territory(run):
    # the median of Egypt's towns lies in the Nile delta; the country's point is near 27N 30E
    [egypt] = named(run("Egypt closed its border on Monday."), "Egypt")
    assert egypt.feature == "country" and km((egypt.lat, egypt.lon), (27.0, 30.0)) < 100


def test_surname_alone_after_the_full_name_is_the_person(run):
    ps = run("Police Chief Bob Jones said the suspect fled. Jones said officers found him later "
             "in Lincoln, Nebraska.")
    assert not named(ps, "Jones")
    [lincoln] = named(ps, "Lincoln")
    assert lincoln.admin1 == "Nebraska"


def test_place_in_an_organisation_name_is_associative(run):
    ps = run("The Minnesota Department of Transportation closed Highway 10 near Fargo, North Dakota, on Monday.")
    [mn] = named(ps, "Minnesota")
    assert mn.associative and mn.confidence < 0.4  # below what events take a place from
    [fargo] = named(ps, "Fargo")
    assert not fargo.associative


@pytest.mark.parametrize("text, town, lat_lon", [
    ("A man was shot in Frankfort, Ky., on Monday.", "Frankfort", (38.20, -84.87)),
    ("The fair opens in Paris, Tenn., next week.", "Paris", (36.30, -88.33)),
    ("Two were hurt in Wheeling, W.Va. on Friday.", "Wheeling", (40.06, -80.72)),
])
def test_a_state_abbreviation_places_the_town_before_it(run, text, town, lat_lon):
    ps = run(text)
    t = named(ps, town)[0]
    assert km((t.lat, t.lon), lat_lon) < 25
    assert any(p.feature == "admin1" and p.country_code == "US" for p in ps if p is not t)


def test_a_continent_has_a_point_but_no_event_takes_it(run):
    ps = run("Aid agencies in Europe and North America pledged money.")
    for name in ("Europe", "North America"):
        c = named(ps, name)[0]
        assert c.feature == "continent" and c.lat is not None and c.confidence < 0.4 and c.precision == 3


def test_england_is_a_division_of_the_united_kingdom(run):
    e = named(run("Floods hit northern England and Wales this week, the British government said."), "England")[0]
    assert (e.feature, e.country_code) == ("admin1", "GB")


def test_a_list_of_places_in_capitals_is_no_headline_when_region_words_follow(run):
    ps = run("Saraqib town, Idlib district, Idlib Governorate, Syria")
    t = named(ps, "Saraqib")[0]
    assert t.feature == "populated_place" and km((t.lat, t.lon), (35.86, 36.80)) < 10


def test_a_district_named_for_its_town_is_that_district(run):
    # "Mintaqat" (Arabic: district) and "Markaz" (centre): the district around that town
    ps = run("Shelling hit a village of Mintaqat Manbij district in Aleppo Governorate, Syria.")
    d = named(ps, "Manbij")[0]
    assert (d.feature, d.precision, d.admin1) == ("admin2", 2, "Aleppo") and d.admin2 == "Menbij"
    assert km((d.lat, d.lon), (36.528, 37.955)) < 50  # at its towns' median
    ps = run("Fighting near Markaz Idlib district, Idlib Governorate.")
    d = named(ps, "Markaz Idlib")[0]
    assert (d.feature, d.precision) == ("populated_place", 2)


def test_a_word_that_opens_names_is_not_the_town_that_bears_it(run):
    # "Tall" (hill) opens many names; At Tall is a town near Damascus
    ps = run("Tall Karamah village, Markaz Idlib district, Idlib Governorate, Syria")
    assert not any(p.name == "At Tall" for p in ps)
    assert named(ps, "Idlib district")[0].precision == 2


@pytest.mark.parametrize("text, surface, lat_lon", [
    ("Groznyy, Russia (Soviet Union)", "Groznyy", (43.31, 45.69)),  # a list of places, not a headline
    ("al Dumair, Syria", "Dumair", (33.64, 36.69)),  # one place spaCy took for a person
])
def test_places_in_a_short_list_are_found(run, text, surface, lat_lon):
    p = named(run(text), surface)[0]
    assert km((p.lat, p.lon), lat_lon) < 10


def test_a_headline_still_hides_capitalised_words(run):
    ps = run("Rebels Seize Key Hill Near Aleppo After Heavy Clashes")
    assert {p.span.text for p in ps} <= {"Aleppo"}


def test_a_surname_alone_is_no_small_town_even_in_the_documents_country(run):
    for text, surname in (("Mayor Curtis Bell visited Shreveport, Louisiana. Bell met the council.", "Bell"),
                          ("Sheriff Tom Moore spoke in Mansfield, Louisiana. The report by Moore was released "
                           "in Shreveport.", "Moore")):
        ps = run(text)
        assert not named(ps, surname) and named(ps, "Shreveport")


def test_a_word_spacy_names_as_a_group_or_event_is_no_place(run):
    ps = run("Democrat lawmakers in Austin, Texas, met on Monday.")
    assert not named(ps, "Democrat") and named(ps, "Austin")


def test_a_small_towns_name_that_acts_or_is_acted_upon_is_someone(run):
    ps = run("Police in Springfield, Missouri, said a teenager stabbed Welch on Saturday.")
    assert not named(ps, "Welch") and named(ps, "Springfield")


def test_a_dateline_in_capitals_stays_a_place(run):
    ps = run("CORSICANA, Texas — The city council met on Monday.")
    assert named(ps, "CORSICANA")[0].admin1 == "Texas"


@pytest.mark.parametrize("name, lat_lon", [("Kansas City", (39.10, -94.58)), ("Oklahoma City", (35.47, -97.52))])
def test_a_town_named_with_a_region_word_is_that_town(run, name, lat_lon):
    p = named(run(f"The team flew to {name} on Monday."), name)[0]
    assert p.span.text == name and p.feature == "populated_place" and km((p.lat, p.lon), lat_lon) < 15


def test_an_armed_groups_name_is_no_namesake_village(run):
    ps = run("A landmine planted by Taliban killed 3 policemen in Farah city on Monday.")
    assert not named(ps, "Taliban") and named(ps, "Farah city")


@pytest.mark.parametrize("text, name, admin1", [
    ("He was taken to the Edgar County Sheriff's Department in Paris, Illinois.", "Edgar County", "Illinois"),
    ("Officials of Hall County Environmental Health in Gainesville, Georgia, were told.", "Hall County", "Georgia"),
])
def test_a_county_that_opens_an_organisations_name_is_that_county(run, text, name, admin1):
    [county] = [p for p in run(text) if p.span and p.span.text == name]
    assert county.feature == "admin2" and county.admin1 == admin1


@pytest.mark.parametrize("text, word", [
    ("Students of Kelverton College stacked sandbags near Fargo, North Dakota.", "College"),
    ("He shot his girlfriend in a West Side Taco Bell in Chicago, Illinois.", "Bell"),
])
def test_a_word_that_closes_an_unknown_name_is_its_head_not_a_town(run, text, word):
    assert not [p for p in run(text) if p.span and p.span.text == word]


def test_a_town_after_a_capitalised_function_word_stays_a_town(run):
    ps = run("When Alexandria officials met on Monday, the mayor of the Virginia city spoke.")
    assert [p for p in ps if p.span and p.span.text == "Alexandria"]


@pytest.mark.parametrize("text, name, feature, cc", [
    ("Government forces shelled Eastern Ghouta on Monday.", "Eastern Ghouta", "region", "SY"),
    ("Russian forces shelled towns across the Donbas on Monday.", "Donbas", "region", "UA"),
    ("Fighting raged in North Darfur on Monday.", "North Darfur", "admin1", "SD"),
])
def test_conflict_regions_the_packaged_data_lacks(run, text, name, feature, cc):
    [p] = [p for p in run(text) if p.span and p.span.text == name]
    assert p.feature == feature and p.country_code == cc and p.precision == 3 and p.lat is not None


@pytest.mark.parametrize("text, word", [
    # a word of a person's name, though towns bear it
    ("Teachers in Shreveport, Louisiana, marched, said Mary Wheeler, a teacher.", "Mary"),
    ("The museum in Lombard, Illinois, holds a letter to Abraham Lincoln from 1848.", "Lincoln"),
    # a town's name opening a firm's name with no word of a public body
    ("A 2008 bill from Templeton Construction for work on the jail in Athens, Georgia, was paid.", "Templeton"),
    ("The Brinkley Sargent Architects office in Dallas, Texas, drew the plans.", "Brinkley"),
])
def test_a_towns_name_inside_a_persons_or_firms_name_is_no_place(run, text, word):
    ps = run(text)
    assert not named(ps, word) and len(ps) >= 2


@pytest.mark.parametrize("text, word, admin1", [
    ("Gainesville Mayor Myrtle Figueras would not comment on the budget in Florida.", "Gainesville", "Florida"),
    ("Police in Kentucky said James Tauber of Berea was driving a van.", "Berea", "Kentucky"),
])
def test_a_place_that_a_persons_name_runs_over_stays_a_place(run, text, word, admin1):
    [p] = named(run(text), word)
    assert p.admin1 == admin1


@pytest.mark.parametrize("text, word", [
    ("The Torrington Fire Department responded to the call on Monday.", "Torrington"),
    ("Officials of the Ohio Coalition for Affordable Energy met on Monday.", "Ohio"),
])
def test_a_place_opening_a_public_bodys_name_stays(run, text, word):
    assert named(run(text), word)


def test_us_in_capitals_is_the_country_not_the_pronoun(run):
    ps = run("US indifference concerning the problem grew, and it damaged the US's image.")
    assert [p.country_code for p in ps if p.span.text == "US"] == ["US", "US"]


@pytest.mark.parametrize("text, word, cc", [
    ("BEIRUT: The body of an Iraqi national was discovered on Monday.", "BEIRUT", "LB"),
    ("DAMASCUS -- Shelling hit the eastern suburbs on Monday.", "DAMASCUS", "SY"),
])
def test_a_dateline_in_capitals_before_a_colon_or_dash_is_a_place(run, text, word, cc):
    [p] = named(run(text), word)
    assert p.country_code == cc


def test_a_town_before_an_organisations_head_word_is_kept_as_associative(run):
    ps = run("Officials in Ohio said the Mansfield council will vote today on the budget.")
    [p] = named(ps, "Mansfield")
    assert p.associative


def test_a_demonym_opening_an_organisations_name_names_its_country(run):
    ps = run("The Russian Foreign Ministry said talks on Georgia would resume.")
    [p] = named(ps, "Russian")
    assert p.demonym and p.country_code == "RU"


def test_a_toponym_read_loosely_outside_the_district_named_beside_it_takes_the_district(run):
    ps = run("Troops were attacked in the Banola area of Mendhar in Poonch district, India.")
    for word in ("Banola", "Mendhar"):
        [p] = named(ps, word)
        assert p.feature == "admin2" and p.precision == 2 and p.country_code == "IN" and p.reason


def test_a_namesake_outside_the_country_named_beside_it_is_not_it(run):
    # Mart and Lombard are small US towns; told with Kenya, they are unknown Kenyan places
    for text, word in (("Raiders attacked cattle herders in Mart, Kenya, on Monday.", "Mart"),
                       ("Raiders attacked herders near Lombard, Kenya.", "Lombard")):
        ps = run(text)
        [p] = named(ps, word)
        assert p.lat is None and "country named beside it" in p.reason
        assert named(ps, "Kenya")[0].country_code == "KE"


@pytest.mark.parametrize("text, word", [
    ("Gunmen attacked Gwoza, Gwoza LGA, Borno State, Nigeria.", "Gwoza"),
])
def test_local_government_areas_are_district_words(run, text, word):
    ps = [p for p in named(run(text), word) if p.lat is not None]
    assert ps and all(p.country_code == "NG" for p in ps)


def test_a_small_town_that_speaks_is_a_person(run):
    ps = run("Meredith said he left his church in Fort Worth, Texas, with the bullet.")
    assert not named(ps, "Meredith") and named(ps, "Fort Worth")


def test_names_joined_by_an_ampersand_in_a_firms_name_are_partners_not_places(run):
    ps = run("Columbia, South Carolina, owes the design firm Stevens & Wilkinson money, a judge ruled.")
    assert not named(ps, "Stevens") and not named(ps, "Wilkinson") and named(ps, "Columbia")


def test_a_plural_region_word_names_every_toponym_of_its_list(run):
    ps = run("Flood warnings cover Becker, Clay, Grant and Wilkin counties in Minnesota.")
    for word in ("Becker", "Clay", "Grant", "Wilkin"):
        [p] = named(ps, word)
        assert p.feature == "admin2" and p.admin1 == "Minnesota", word
    ps = run("Shelling hit the Donetsk and Luhansk regions on Monday.")
    assert [(p.feature, p.country_code) for p in ps] == [("admin1", "UA"), ("admin1", "UA")]


def test_a_town_opening_its_public_bodys_name_is_that_town(run):
    [p] = named(run("A spokesman for Oxford Police said the team had been alerted."), "Oxford")
    assert p.country_code == "GB" and p.associative


def test_a_state_in_a_name_with_an_ampersand_stays_the_state(run):
    [p] = named(run("A Texas Parks & Wildlife Department game warden spoke on Monday."), "Texas")
    assert p.feature == "admin1" and p.admin1 == "Texas"


def test_a_regions_demonym_names_the_region_not_a_country(run):
    ps = run("The Abkhaz and South Ossetian separatists rejected the plan; Darfuri refugees fled to Chad.")
    got = {p.span.text: (p.name, p.country_code, p.demonym, p.precision) for p in ps}
    assert got["Abkhaz"] == ("Abkhazia", "GE", True, 3)
    assert got["South Ossetian"] == ("South Ossetia", "GE", True, 3)
    assert got["Darfuri"] == ("Darfur", "SD", True, 3)


# --- villages (Who's On First) ----------------------------------------------------------------


def test_the_district_named_beside_a_village_picks_among_namesakes(run):
    # two villages of this name in one province, about 100 km apart, in two districts
    north = run("Shelling hit Lazzaqah village, Qamishli district, Hasakah Governorate, on Sunday.")
    south = run("Shelling hit Lazzaqah village, Hasakah district, Hasakah Governorate, on Sunday.")
    a, b = named(north, "Lazzaqah")[0], named(south, "Lazzaqah")[0]
    assert (a.admin2, a.precision) == ("Quamishli", 1) and (b.admin2, b.precision) == ("Al-Hasakeh", 1)
    assert km((a.lat, a.lon), (b.lat, b.lon)) > 50


@pytest.mark.parametrize("text", [
    "Artillery hit Kafr Nabl in Idlib province.",
    "Artillery hit the town of Kafranbel in Idlib province.",
    "Artillery hit Kfarnabel town in Idlib province.",
    "Rockets fell in كفرنبل on Monday.",
])
def test_arabic_spellings_and_transliterations_of_a_town_match(run, text):
    (p,) = [p for p in run(text) if p.feature == "populated_place"]
    assert p.name == "Kafranbel" and p.country_code == "SY" and p.precision == 1


def test_a_namesake_village_does_not_beat_a_known_city(run):
    # villages called Kabul exist in Pakistan; the capital is still the capital
    ps = run("A car bomb exploded in Kabul on Tuesday, police in Pakistan said.")
    (kabul,) = named(ps, "Kabul")
    assert kabul.country_code == "AF" and kabul.confidence > 0.5


def test_a_loosely_spelled_village_far_from_the_report_stays_unresolved(run):
    near = named(run("Clashes broke out in Qamishli city and in Dekshouriyeh village on Monday."), "Dekshouriyeh")
    far = named(run("Clashes broke out in Aleppo city and in Dekshouriyeh village on Monday."), "Dekshouriyeh")
    assert near[0].country_code == "SY" and near[0].admin2 == "Quamishli"
    assert far[0].lat is None and far[0].reason  # 400 km from Aleppo: no reading, and says why


def test_a_village_name_is_no_place_where_the_text_tells_none(run):
    # "Sage" is also a village's name; a facility named with it is not that village
    ps = run("Sage House opened a new shelter for women in Pittsburgh last week.")
    assert not named(ps, "Sage")


def test_a_surname_stays_a_person_though_villages_and_districts_bear_it(run):
    # towns, villages and municipalities named Jones exist; here it is the chief
    ps = run("Chief Roy Jones' first week went well, McCoy said of Jones' appointment in Shreveport.")
    assert not named(ps, "Jones") and named(ps, "Shreveport")
