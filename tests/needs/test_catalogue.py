"""The needs catalogue (haven/needs/data/needs.toml) is complete and builds sentences."""

from __future__ import annotations

import copy
import tomllib

import pytest

from haven.needs import catalogue
from haven.needs.catalogue import LANGUAGES, CatalogueError


@pytest.fixture(scope="module")
def raw() -> dict:
    with catalogue.PATH.open("rb") as handle:
        return tomllib.load(handle)


def test_the_file_is_valid_and_has_enough_needs():
    loaded = catalogue.load()
    assert len(loaded.needs) >= 24
    assert len(loaded.groups) >= 3


def test_every_text_exists_in_english_and_dutch():
    loaded = catalogue.load()
    for group in loaded.groups:
        assert set(group.name) == set(LANGUAGES)
        for need in group.needs:
            for language in LANGUAGES:
                assert need.text[language].strip(), (need.key, language)
                assert need.about[language].strip(), (need.key, language)
    for name in catalogue.TEXTS:
        for language in LANGUAGES:
            assert catalogue.text(name, language).strip()
    assert catalogue.frames("en") and len(catalogue.frames("en")) == len(catalogue.frames("nl"))


def test_keys_are_unique_across_groups():
    keys = [need.key for need in catalogue.catalogue().needs]
    assert len(keys) == len(set(keys))


def test_the_method_examples_are_in_the_catalogue():
    # METHOD.md section 2 names these needs; the catalogue must offer them.
    for key in ("understood", "validated", "comforted", "respond", "same_team", "autonomy", "fun"):
        assert catalogue.need(key) is not None, key


def test_sentence_in_english_and_dutch():
    need = catalogue.need("understood")
    assert (
        catalogue.sentence(need.fragment("en"), "en")
        == "To feel close to you, I need to know you understand me."
    )
    assert (
        catalogue.sentence(need.fragment("nl"), "nl")
        == "Om me dicht bij je te kunnen voelen, heb ik het gevoel dat je me begrijpt nodig."
    )


def test_sentence_variants_follow_the_method():
    need = catalogue.need("same_team")
    english = [catalogue.sentence(need.fragment("en"), "en", i) for i in range(3)]
    assert english[1] == "To feel connected to you, I need to know we are on the same team."
    assert english[2].startswith("To feel safe with you, I need")
    dutch = catalogue.sentence(need.fragment("nl"), "nl", 1)
    assert (
        dutch == "Om me met je verbonden te voelen, "
        "heb ik het gevoel dat we in hetzelfde team zitten nodig."
    )


def test_every_need_reads_as_one_sentence_in_every_frame():
    for need in catalogue.catalogue().needs:
        for language in LANGUAGES:
            for index in range(len(catalogue.frames(language))):
                built = catalogue.sentence(need.fragment(language), language, index)
                assert "{" not in built and built.endswith(".") and ".." not in built


def test_own_words_lose_their_full_stop_and_unknown_languages_fall_back():
    assert catalogue.sentence("a cup of tea.", "en") == "To feel close to you, I need a cup of tea."
    assert catalogue.sentence("x", "fr").startswith("To feel close")
    assert catalogue.sentence("x", "nl-be").startswith("Om me dicht")
    assert catalogue.sentence("x", "en", frame=99) == catalogue.sentence("x", "en", frame=0)


def _broken(raw: dict, change) -> dict:
    data = copy.deepcopy(raw)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["groups"][0]["needs"][0].pop("nl"), "'nl' text is missing"),
        (lambda d: d["groups"][0]["needs"][0]["about"].update(en=" "), "'en' text"),
        (lambda d: d["groups"][1]["needs"].append(dict(d["groups"][0]["needs"][0])), "twice"),
        (lambda d: d["groups"][0]["needs"][0].update(en="to be heard."), "punctuation"),
        (lambda d: d["groups"][0]["needs"][0].update(nl="rust nodig"), "nodig"),
        (lambda d: d["frames"].update(en=["I need it."]), "{need}"),
        (lambda d: d["frames"]["nl"].pop(), "same number"),
        (lambda d: d["groups"][0]["name"].pop("nl"), "name"),
        (lambda d: d["texts"].pop("answer"), "texts.answer"),
        (lambda d: d.pop("groups"), "no [[groups]]"),
    ],
)
def test_validator_names_what_is_wrong(raw, change, message):
    with pytest.raises(CatalogueError, match=message.replace("[", r"\[").replace("{", r"\{")):
        catalogue.validate(_broken(raw, change))


def test_a_broken_file_is_reported(tmp_path):
    path = tmp_path / "needs.toml"
    path.write_text("[frames\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid TOML"):
        catalogue.load(path)
    with pytest.raises(CatalogueError, match="not found"):
        catalogue.load(tmp_path / "missing.toml")
