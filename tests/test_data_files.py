"""The package's JSON data files: every loader reads and validates them through one function."""

import pytest

from newsledger.analyze.framing import CUES_FILE, FramingCues
from newsledger.data_files import load_data_model
from newsledger.errors import DataFileError


def test_a_shipped_file_loads_as_its_model() -> None:
    cues = load_data_model(FramingCues, CUES_FILE, "the framing cues")
    assert "regime" in cues.role_nouns


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("analyze/data/no_such_file.json", "No such file"),
        ("analyze/data/SOURCES.md", "Invalid JSON"),
        ("analyze/data/framing_tagger.json", "validation error"),
    ],
    ids=["missing", "not JSON", "another model's file"],
)
def test_a_bad_file_is_one_data_file_error_naming_it(name: str, reason: str) -> None:
    with pytest.raises(DataFileError) as caught:
        load_data_model(FramingCues, name, "the framing cues")
    assert caught.value.source == name
    assert str(caught.value).startswith(f"{name}: cannot load the framing cues: ")
    assert reason in str(caught.value)
