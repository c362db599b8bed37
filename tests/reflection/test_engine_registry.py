"""Instruments are found in the data folders; broken ones are refused, not offered."""

from __future__ import annotations

import pytest

from haven.reflection import engine
from haven.reflection.checks import reflection_data
from haven.reflection.engine import registry
from tests.reflection.test_engine_validation import VALID


@pytest.fixture
def fresh_catalogue():
    registry.catalogue.cache_clear()
    yield
    registry.catalogue.cache_clear()


def test_shipped_instruments_load_without_problems():
    found = engine.discover([registry.PACKAGE_DIR])
    assert not found.errors, [str(e) for e in found.errors]
    assert set(found.instruments) == {"haven-attachment", "test-36"}


def test_test_material_is_never_offered_to_people():
    keys = [instrument.key for instrument in engine.available()]
    assert "haven-attachment" in keys
    assert "test-36" not in keys
    assert engine.get("test-36").test


def test_havens_instrument_says_it_is_a_reflection_aid_not_a_diagnosis():
    instrument = engine.get("haven-attachment")
    assert "not a diagnosis" in instrument.notice.get("en")
    assert "geen diagnose" in instrument.notice.get("nl")


def test_a_file_dropped_in_the_data_folder_is_offered(settings, tmp_path, fresh_catalogue):
    settings.DATA_DIR = tmp_path
    (tmp_path / "instruments").mkdir()
    (tmp_path / "instruments" / "licensed.toml").write_text(VALID, encoding="utf-8")
    assert engine.get("mini") is not None
    assert "mini" in [instrument.key for instrument in engine.available()]


def test_a_broken_file_is_refused_and_reported(settings, tmp_path, fresh_catalogue, caplog):
    settings.DATA_DIR = tmp_path
    folder = tmp_path / "instruments"
    folder.mkdir()
    broken = folder / "broken.toml"
    broken.write_text(VALID.replace('reverse = ["a2"]', 'reverse = ["a7"]'), encoding="utf-8")
    assert engine.get("mini") is None
    assert engine.get("haven-attachment") is not None, "one broken file stops nothing else"
    assert any(str(broken) in record.getMessage() for record in caplog.records)
    warnings = reflection_data()
    assert [w.id for w in warnings] == ["reflection.W001"]
    assert str(broken) in warnings[0].msg and "a7" in warnings[0].msg


def test_two_files_with_the_same_key_are_refused(tmp_path):
    (tmp_path / "a.toml").write_text(VALID, encoding="utf-8")
    (tmp_path / "b.toml").write_text(VALID, encoding="utf-8")
    found = engine.discover([tmp_path])
    assert list(found.instruments) == ["mini"]
    assert len(found.errors) == 1
    assert "b.toml" in str(found.errors[0]) and "already used by" in str(found.errors[0])


def test_system_check_is_quiet_for_the_shipped_files():
    assert reflection_data() == []
