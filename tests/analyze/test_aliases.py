from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsledger.analyze.aliases import (
    AliasRow,
    AliasTable,
    load_alias_table,
    normalise,
    parse_rows,
    token_key,
)
from newsledger.errors import DataFileError
from tests.scripts import load_script

REPO = Path(__file__).parents[2]
DATA = REPO / "src" / "newsledger" / "analyze" / "data"
SCRIPT = REPO / "scripts" / "build_alias_table.py"
DICTIONARIES = REPO.parent / "shared" / "data" / "petrarch2-dictionaries"


def build_script() -> ModuleType:
    return load_script("build_alias_table")


@pytest.mark.parametrize(
    "variant",
    ["the Mojahedin-e Khalq", "MOJAHEDIN E KHALQ", "Mojahedin e-Khalq", "mojahedin-e-khalq"],
)
def test_normalise_ignores_case_the_hyphens_and_spaces(variant: str) -> None:
    assert normalise(variant) == normalise("Mojahedin-e Khalq") == "mojahedinekhalq"


def test_normalise_ignores_diacritics_and_punctuation() -> None:
    assert normalise("Élysée") == normalise("Elysee")
    assert normalise("U.S.") == normalise("US") == "us"
    assert normalise("People’s Mojahedin") == normalise("People's Mojahedin")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Straße", "strasse"),
        ("al_Sadr", "alsadr"),
        ("Ṣadr ٣", "sadr٣"),
        ("İran", "iran"),
        ("ＭＫＯ", "mko"),
        ("Camp Ashraf—2013", "campashraf2013"),
    ],
)
def test_normalise_keeps_exactly_the_letters_and_digits_of_any_script(name: str, key: str) -> None:
    assert normalise(name) == key


def test_a_lone_the_is_a_name_of_its_own() -> None:
    assert normalise("The") == "the"


def test_token_keys_concatenate_to_the_name_key() -> None:
    tokens = ["People", "'s", "Mojahedin", "-", "e", "Khalq"]
    assert "".join(token_key(t) for t in tokens) == normalise("Peoples Mojahedin-e Khalq")


def test_loader_reads_the_shipped_table_once(aliases: AliasTable) -> None:
    assert load_alias_table() is aliases
    assert len(aliases) > 1000


def test_mko_spellings_are_one_actor(aliases: AliasTable) -> None:
    rows = {aliases.lookup(name) for name in ("MKO", "MEK", "PMOI", "Mujahedin-e Khalq")}
    assert len(rows) == 1
    row = rows.pop()
    assert row is not None
    assert row.name == "Mojahedin-e Khalq Organization"
    assert row.type == "ORG"


def test_affiliated_actors_stay_apart(aliases: AliasTable) -> None:
    assert aliases.lookup("NCRI") != aliases.lookup("MKO")
    assert aliases.lookup("European Parliament") != aliases.lookup("EU")
    assert aliases.lookup("Iran") != aliases.lookup("Iraq")


def test_demonyms_name_their_country(aliases: AliasTable) -> None:
    for adjective, country in [
        ("Iraqi", "Iraq"),
        ("French", "France"),
        ("British", "United Kingdom"),
    ]:
        row = aliases.lookup(adjective, "NORP")
        assert row is not None and row.name == country and row.is_country


def test_a_capital_is_a_metonym_not_an_alias(aliases: AliasTable) -> None:
    assert aliases.lookup("Baghdad") is None
    government = aliases.metonym(normalise("Baghdad"))
    assert government is not None and government.name == "Government of Iraq"
    assert government.is_government


def test_every_country_has_a_government(aliases: AliasTable) -> None:
    countries = [row for row in aliases.rows if row.is_country]
    assert countries
    for country in countries:
        government = aliases.government_of(country)
        assert government is not None, country.name
        assert government.code == f"{country.code}GOV"


def test_a_person_is_never_an_alias_table_actor(aliases: AliasTable) -> None:
    assert aliases.lookup("Khaled Meshaal", "ORG") is not None  # Phoenix files him under Hamas
    assert aliases.lookup("Khaled Meshaal", "PERSON") is None
    assert aliases.lookup("Google", "PERSON") is None  # a Phoenix row


@pytest.mark.parametrize(
    ("name", "actor"),
    [("Hamas", "Hamas"), ("MEK", "Mojahedin-e Khalq Organization"), ("Twitter", "Twitter")],
)
def test_what_no_person_is_named_is_never_a_person(
    aliases: AliasTable, name: str, actor: str
) -> None:
    found = aliases.lookup(name, "PERSON")  # the model's label
    assert found is not None and found.name == actor


def test_short_capitals_are_acronyms(aliases: AliasTable) -> None:
    assert aliases.is_acronym(normalise("US"))
    assert not aliases.is_acronym(normalise("European Union"))


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("cnn", "CNN"),  # filed by sector (MED) in the international file, not a country
        ("bbc", "BBC"),
        ("knesset", "Knesset"),  # capitals in Phoenix, vowels in the word: a name
        ("mossad", "Mossad"),
        ("comcast", "Comcast"),
        ("Al Qa'ida", "al-Qaeda"),  # curated over Phoenix's "Al Qa'Ida"
    ],
)
def test_shipped_names_are_cased_as_news_writes_them(
    aliases: AliasTable, spelling: str, name: str
) -> None:
    found = aliases.lookup(spelling)
    assert found is not None and found.name == name


def test_prefixes_stop_at_word_boundaries(aliases: AliasTable) -> None:
    assert aliases.is_prefix("mojahedin")
    assert aliases.is_prefix("mojahedinekhalq")
    assert not aliases.is_prefix("mojahedi")


def test_lookup_prefers_the_type_of_the_label() -> None:
    table = AliasTable(
        [
            AliasRow(name="Georgia", type="GPE", code="GEO", source="phoenix"),
            AliasRow(name="Georgia Party", type="ORG", aliases=("Georgia",), source="curated"),
        ]
    )
    gpe = table.lookup("Georgia", "GPE")
    assert gpe is not None and gpe.type == "GPE"
    assert table.lookup("Georgia") == table.lookup("Georgia", "ORG")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"name": "X", "type": "ORG", "aliases": []}', "source"),
        ('{"name": "X", "type": "ORG", "source": "phoenix", "colour": "red"}', "colour"),
        ('{"name": "", "type": "ORG", "source": "phoenix"}', "name"),
        ('{"name": "X", "type": "org", "source": "phoenix"}', "type"),
        ("not json", "line 2"),
    ],
)
def test_a_malformed_row_is_a_data_file_error(line: str, problem: str) -> None:
    good = '{"name": "Y", "type": "GPE", "source": "curated"}'
    with pytest.raises(DataFileError) as caught:
        parse_rows([good, line], source="aliases.jsonl")
    assert "line 2" in str(caught.value)
    assert problem in str(caught.value)
    assert caught.value.source == "aliases.jsonl"


def test_shipped_table_is_small_and_valid() -> None:
    path = DATA / "aliases.jsonl"
    assert path.stat().st_size < 5_000_000
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = parse_rows(lines, source=str(path))
    keys = [(normalise(r.name), r.type, r.code) for r in rows]
    assert len(keys) == len(set(keys))


def test_curated_rows_are_valid_json_with_known_fields() -> None:
    for line in (DATA / "aliases_curated.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        AliasRow.model_validate({**row, "source": "curated"})


def test_build_script_proper_cases_phoenix_names() -> None:
    script = build_script()
    acronyms = frozenset({"MEK"})
    assert script.proper_case("MUJAHEDIN-E-KHALQ ORGANIZATION", acronyms) == (
        "Mujahedin-e-Khalq Organization"
    )
    assert (
        script.proper_case("PEOPLE'S MUJAHEDIN OF IRAN", acronyms) == "People's Mujahedin of Iran"
    )
    assert script.display_name("THE EUROPEAN UNION", country=False, acronyms=acronyms) == (
        "European Union"
    )


@pytest.mark.parametrize(
    ("variant", "kept"),
    [
        ("IRAQI", True),
        ("ISLAMIC REPUBLIC OF IRAN", True),
        ("US", True),
        ("BAGHDAD", False),
        ("ILE-DE-FRANCE", False),
        ("AFGANISTAN", False),
    ],
)
def test_build_script_keeps_country_names_not_places(variant: str, kept: bool) -> None:
    script = build_script()
    head = {
        "IRAQI": "IRAQ",
        "ISLAMIC REPUBLIC OF IRAN": "IRAN",
        "US": "UNITED STATES OF AMERICA",
        "BAGHDAD": "IRAQ",
        "ILE-DE-FRANCE": "FRANCE",
        "AFGANISTAN": "AFGHANISTAN",
    }[variant]
    assert script.country_variant_kept(variant, head) is kept


def test_build_script_fails_clearly_without_the_dictionaries(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "absent"), "--out", str(tmp_path / "a.jsonl")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Phoenix.Countries.actors.txt" in result.stderr
    assert not (tmp_path / "a.jsonl").exists()


def test_build_script_reproduces_the_shipped_table(tmp_path: Path) -> None:
    if not DICTIONARIES.is_dir():
        pytest.skip(f"{DICTIONARIES} is absent: the dictionaries live in ../shared/data")
    out = tmp_path / "aliases.jsonl"
    assert build_script().main([str(DICTIONARIES), "--out", str(out)]) == 0
    assert out.read_bytes() == (DATA / "aliases.jsonl").read_bytes()
