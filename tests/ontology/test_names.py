"""Names as users type them: spellings, persons, state-qualified names, and close names for a name
that does not resolve."""

import time
from pathlib import Path

import pytest

from frenemy.assess.scope import scope_of
from frenemy.errors import UnknownActor
from frenemy.ontology.actors import load_catalogue


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.mark.parametrize("name, actor_id", [
    ("al Qaeda", "al-qaeda"), ("al-Qa'ida", "al-qaeda"), ("Al Qaida", "al-qaeda"), ("AL-QAEDA", "al-qaeda"),
    ("the Taliban", "taliban"), ("hamas", "hamas"), ("Hizballah", "hezbollah"), ("usa", "USA"),
    ("the United States", "USA"), ("Iran's", "IRN"),
])
def test_names_and_aliases_in_any_case_and_spelling(catalogue, name, actor_id):
    assert catalogue.resolve(name).actor_id == actor_id


def test_persons_resolve_and_act_for_their_role_on_a_date(catalogue):
    from datetime import date

    putin = catalogue.resolve("Vladimir Putin")
    assert putin.type == "person" and catalogue.resolve("vladimir putin") == putin
    assert catalogue.represented_on(putin.actor_id, date(2010, 1, 1)).actor_id == "RUS"
    assert scope_of("Vladimir Putin").actor_id == "RUS" and scope_of("Vladimir Putin").agent == putin.actor_id
    veneman = catalogue.resolve("Veneman")  # a converted person's surname, borne by no one else
    assert veneman.type == "person" and "Veneman" in veneman.name


@pytest.mark.parametrize("name, actor_id", [
    ("Iraqi government", "IRQ"), ("the government of Iraq", "IRQ"), ("Israel's government", "ISR"),
    ("US administration", "USA"), ("North Korean regime", "PRK"),
    ("Pakistani Taliban", "ttp"), ("Taliban in Pakistan", "ttp"), ("Yemeni al-Qaeda", "aqap"),
    ("al-Qaeda in Iraq", "aqi"), ("Iraqi al-Qaeda", "aqi"), ("Iraqi Ministry of Defence", "irq-mod"),
    ("Lebanese Hezbollah", "hezbollah"),
    ("Iraqi Taliban", "taliban"),  # no Iraqi branch in the catalogue: the group itself
])
def test_state_qualified_names(catalogue, name, actor_id):
    assert catalogue.resolve(name).actor_id == actor_id


def test_a_qualifier_does_not_move_another_states_body_or_a_state(catalogue):
    for name in ("Iraqi CIA", "Iranian Iraq"):
        with pytest.raises(UnknownActor):
            catalogue.resolve(name)


def test_sector_of_a_state_is_a_scope_and_a_government_is_the_state():
    assert scope_of("Israeli military").key == "ISR/MIL"
    assert scope_of("Israel's military").key == "ISR/MIL"
    assert scope_of("Syrian rebels").key == "SYR/REB"
    assert scope_of("Iraqi government").key == "IRQ"


def test_a_branch_in_a_users_file_is_found_by_qualifier(tmp_path: Path):
    path = tmp_path / "mine.csv"
    path.write_text("actor_id,name,type,country,sector,parent_id,aliases\n"
                    "acme,Acme Corp,company,USA,BUS,,Acme\n"
                    "acme-fr,Acme Europe SA,company,FRA,BUS,acme,\n")
    mine = load_catalogue([path])
    assert mine.resolve("French Acme").actor_id == "acme-fr"
    assert mine.resolve("Acme in France").actor_id == "acme-fr"
    assert mine.resolve("German Acme").actor_id == "acme"


def test_unknown_name_is_one_line_ending_with_close_names(catalogue):
    with pytest.raises(UnknownActor) as caught:
        catalogue.resolve("Irann")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("unknown actor 'Irann'; did you mean Iran, ")
    assert message.endswith("?") and "Iraq" in caught.value.suggestions
    assert caught.value.name == "Irann" and message.endswith(", ".join(caught.value.suggestions) + "?")


@pytest.mark.parametrize("name, first", [
    ("Hezbolah", "Hezbollah"), ("Talliban", "Taliban"), ("Al Qeada", "al-Qaeda"), ("Untied States", "United States"),
    ("Vladimir Puttin", "Vladimir Putin"), ("Netanyahoo", "Benjamin Netanyahu"), ("NATOO", "NATO"),
    ("Iraqi govenment", "Iraq"), ("Yemeni al-Qeada", "al-Qaeda in the Arabian Peninsula"),
    ("Pakistany Taliban", "Tehrik-i-Taliban Pakistan"), ("Hezbolah party", "Hezbollah"),
])
def test_suggestions_put_the_meant_actor_first(catalogue, name, first):
    with pytest.raises(UnknownActor) as caught:
        catalogue.resolve(name)
    assert caught.value.suggestions[0] == first


def test_suggestions_for_a_surname_several_persons_bear_name_them(catalogue):
    with pytest.raises(UnknownActor) as caught:
        catalogue.resolve("Bush")
    assert "George W. Bush" in caught.value.suggestions


def test_no_close_name_says_how_to_add_one(catalogue):
    with pytest.raises(UnknownActor, match=r"^unknown actor 'Xyzzyqux'; add it with --actors FILE$") as caught:
        catalogue.resolve("Xyzzyqux")
    assert caught.value.suggestions == ()


def test_names_the_documents_introduced_are_offered(catalogue):
    others = ["Combating Terrorism Center", "CTC", "Hamid Reza Zakeri"]
    assert catalogue.suggest("Combatting Terrorism Centre", others)[0] == "Combating Terrorism Center"
    assert catalogue.suggest("Zakery", others)[0] == "Hamid Reza Zakeri"


def test_known_names_resolve_without_the_search(catalogue):
    names = ["Iran", "al Qaeda", "Vladimir Putin", "Hezbollah", "IRN", "Tehran"] * 500
    start = time.perf_counter()
    for name in names:
        catalogue.resolve(name)
    assert time.perf_counter() - start < 1.0  # microseconds each; one search takes a tenth of a second
