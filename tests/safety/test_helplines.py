import datetime

import pytest

from haven.safety import helplines


def test_every_country_has_emergency_abuse_and_crisis_lines_in_both_languages():
    assert {"NL", "BE", "GB", "US"} <= set(helplines.countries())
    for code in helplines.countries():
        for language in ("en", "nl"):
            help_ = helplines.for_country(code, language)
            kinds = {line.kind for line in help_.lines}
            assert set(helplines.REQUIRED_KINDS) <= kinds, (code, language)
            for line in help_.lines:
                assert line.name.strip() and line.note.strip() and line.tel


def test_data_file_carries_a_verified_on_date():
    help_ = helplines.for_country("NL", "en")
    assert isinstance(help_.verified_on, datetime.date)
    assert help_.verified_on <= datetime.date.today()


@pytest.mark.parametrize("code", ["XX", ""])
def test_unknown_country_falls_back_to_a_listed_one(code):
    assert helplines.for_country(code, "nl").lines
