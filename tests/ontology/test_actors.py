from pathlib import Path

import pytest

from frenemy.errors import UnknownActor, UsageError
from frenemy.ontology.actors import load_catalogue, normalize_name


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.mark.parametrize("name", ["al-Qaeda", "al Qaeda", "Al-Qa'ida", "Al-Qa’ida", "Al-Qai’da", "al-Qaida", "AQ"])
def test_al_qaeda_spellings_meet(catalogue, name):
    assert catalogue.match(name).actor_id == "al-qaeda"


@pytest.mark.parametrize("name, actor_id", [("Hizbullah", "hezbollah"), ("Hezbollah", "hezbollah"), ("ISIL", "isis"),
                                            ("Daesh", "isis"), ("Mujahedin-e Khalq", "mek"), ("the Taliban", "taliban")])
def test_non_state_aliases(catalogue, name, actor_id):
    assert catalogue.match(name).actor_id == actor_id


def test_metonyms_and_bodies_map_to_their_state(catalogue):
    assert (catalogue.match("Tehran").actor_id, catalogue.match("Tehran").sector) == ("IRN", "GOV")
    assert catalogue.match("Washington").actor_id == "USA"
    mois = catalogue.match("MOIS")
    assert catalogue.represented(mois.actor_id).actor_id == "IRN"
    assert catalogue.represented(catalogue.match("CIA").actor_id).actor_id == "USA"
    assert catalogue.home_country("usa-treasury") == "USA"


def test_short_acronyms_are_case_sensitive(catalogue):
    assert catalogue.match("US").actor_id == "USA"
    assert catalogue.match("U.S.").actor_id == "USA"
    assert catalogue.match("us") is None
    assert catalogue.match("is") is None


def test_persons_act_for_their_group(catalogue):
    assert catalogue.represented(catalogue.match("Osama bin Laden").actor_id).actor_id == "al-qaeda"


def test_every_un_member_is_a_state(catalogue):
    states = [a for a in catalogue.actors.values() if a.type == "state"]
    assert len(states) >= 193


def test_resolve_gives_suggestions_for_unknown_names(catalogue):
    assert catalogue.resolve("al Qaeda").actor_id == "al-qaeda"
    assert catalogue.resolve("IRN").name == "Iran"
    with pytest.raises(UnknownActor, match="did you mean"):
        catalogue.resolve("Hezbolah party")


def test_user_file_extends_without_code(tmp_path: Path):
    path = tmp_path / "mine.csv"
    path.write_text("actor_id,name,type,country,sector,parent_id,aliases\nacme,Acme Corp,company,USA,BUS,,Acme|ACME Corporation\n")
    mine = load_catalogue([path])
    assert mine.match("ACME Corporation").actor_id == "acme"
    assert load_catalogue().match("Acme") is None  # the shipped catalogue is untouched


def test_bad_user_file_names_file_and_row(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("actor_id,name,type\nx,X,spaceship\n")
    with pytest.raises(UsageError, match=r"bad.csv:2: .*unknown type 'spaceship'"):
        load_catalogue([path])


def test_normalize_name():
    assert normalize_name("The Al-Qa’ida") == normalize_name("al qaida")
    assert normalize_name("Côte d'Ivoire") == "cote divoire"
