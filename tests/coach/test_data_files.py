"""The data files: complete, consistent, and refused loudly when broken."""

import re
import tomllib
from pathlib import Path

import pytest

from haven.coach import analyze
from haven.coach.codes import CODE_FIELDS, DATA_DIR, DataError, codes_data, validate_codes
from haven.coach.model import CODES, LANGUAGES, PROTECTIVE_CODES
from haven.coach.packs import RULES_DIR, PackError, build_pack, get_pack
from haven.coach.suggest import suggestions_data, validate_suggestions
from haven.coach.underneath import underneath_data, validate_underneath


def test_every_code_has_name_definition_and_why_in_both_languages():
    data = codes_data()
    for code in CODES:
        for language in LANGUAGES:
            for field in CODE_FIELDS:
                assert data[code][language][field].strip()


def test_dutch_explanations_use_informal_je_not_u():
    for code in CODES:
        text = " ".join(codes_data()[code]["nl"].values())
        assert " u " not in f" {text.lower()} ", code


def test_codes_file_missing_a_language_is_refused():
    data = tomllib.loads((DATA_DIR / "codes.toml").read_text(encoding="utf-8"))
    del data["blame"]["nl"]
    with pytest.raises(DataError, match=r"\[blame.nl\] is missing"):
        validate_codes(data, "codes.toml")


@pytest.mark.parametrize("language", LANGUAGES)
def test_rules_reference_only_known_codes(language):
    pack = get_pack(language)
    for rule in pack.rules:
        assert rule.code in CODES or rule.code.startswith("_"), rule.id
        for condition in (
            rule.unless_clause,
            rule.unless_sentence,
            rule.unless_message,
            rule.requires_message,
            rule.requires_sentence,
            rule.requires_clause,
        ):
            assert condition <= set(CODES) | pack.markers, rule.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code_has_at_least_one_rule(language):
    produced = {rule.code for rule in get_pack(language).rules}
    assert set(CODES) <= produced


def _examples(kind):
    for language in LANGUAGES:
        for rule in get_pack(language).rules:
            for text in getattr(rule, kind):
                yield pytest.param(language, rule.id, rule.code, text, id=f"{language}:{rule.id}")


@pytest.mark.parametrize(("language", "rule_id", "code", "text"), list(_examples("examples")))
def test_each_rule_fires_on_its_documented_examples(language, rule_id, code, text):
    if code.startswith("_"):
        return
    assert code in analyze(text, language).codes, f"{rule_id}: {text!r}"


@pytest.mark.parametrize(
    ("language", "rule_id", "code", "text"), list(_examples("counter_examples"))
)
def test_no_rule_fires_on_its_documented_counter_examples(language, rule_id, code, text):
    assert code not in analyze(text, language).codes, f"{rule_id}: {text!r}"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "en.toml"
    path.write_text('[pack]\nlanguage = "en"\n[lists]\nNEG = ["not"]\nCLAUSE = ["but"]\n' + body)
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[rule]]\nid = "x"\ncode = "critcism"\npatterns = ["you"]\n', "unknown code 'critcism'"),
        ('[[rule]]\nid = "x"\ncode = "blame"\npatterns = ["(you"]\n', "missing ')'"),
        ('[[rule]]\nid = "x"\ncode = "blame"\npaterns = ["you"]\n', "unknown key 'paterns'"),
        ('[[rule]]\nid = "x"\ncode = "blame"\npatterns = []\n', "'patterns' is empty"),
        ('[[rule]]\nid = "x"\ncode = "_lonely"\npatterns = ["you"]\n', "never used"),
        ('[[rule]]\nid = "x"\ncode = "blame"\npatterns = ["you?"]\n', "without consuming"),
        (
            '[[rule]]\nid = "x"\ncode = "blame"\npatterns = ["you"]\nunless_clause = ["nope"]\n',
            "unknown code 'nope'",
        ),
        ('[[rule]]\nid = "x"\ncode = "blame"\npatterns = ["you"\n', "not valid TOML"),
        ("", "no [[rule]] entries"),
    ],
)
def test_broken_packs_fail_with_a_clear_message(tmp_path, body, message):
    with pytest.raises(PackError, match=re.escape(message)) as error:
        build_pack(_write(tmp_path, body), "en")
    assert "en.toml" in str(error.value)


def test_pack_for_the_wrong_language_is_refused():
    with pytest.raises(PackError, match="language must be 'nl'"):
        build_pack(RULES_DIR / "en.toml", "nl")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language"):
        get_pack("de")


def test_underneath_covers_every_protective_code_in_both_languages():
    data = underneath_data()
    assert set(data["codes"]) == set(PROTECTIVE_CODES)


def test_underneath_with_an_unknown_key_is_refused():
    data = tomllib.loads((DATA_DIR / "underneath.toml").read_text(encoding="utf-8"))
    data["codes"]["blame"]["needs"].append("world_peace")
    with pytest.raises(DataError, match="world_peace"):
        validate_underneath(data, "underneath.toml")


def test_suggestion_templates_are_complete():
    data = suggestions_data()
    for language in LANGUAGES:
        assert "default" in data[language]["templates"]


def test_suggestion_template_with_unknown_placeholder_is_refused():
    data = tomllib.loads((DATA_DIR / "suggestions.toml").read_text(encoding="utf-8"))
    data["en"]["templates"]["blame"] = "When {wat}, I felt {feeling}."
    with pytest.raises(DataError, match="unknown"):
        validate_suggestions(data, "suggestions.toml")


def test_lemma_patterns_switch_on_the_lemmatiser(tmp_path):
    with_lemma = build_pack(
        _write(tmp_path, '[[rule]]\nid = "x"\ncode = "blame"\npatterns = ["@geven"]\n'), "en"
    )
    without = build_pack(
        _write(tmp_path, '[[rule]]\nid = "x"\ncode = "blame"\npatterns = ["gave"]\n'), "en"
    )
    assert with_lemma.lemmatize is not None
    assert with_lemma.lemmatize("gave") == "give"
    assert without.lemmatize is None
