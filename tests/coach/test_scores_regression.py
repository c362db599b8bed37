"""The engine must not get worse on the labelled corpus.

Floors for the TEST split are set a few points below the figures measured when
the engine was finished (see docs/coach.md for the measured values and the
command). The test split is never used for tuning; this test only guards
against regressions. The dev split is tuned on, so its floors are high.
"""

import pytest

from haven.coach.evaluate import evaluate
from haven.coach.model import PROTECTIVE_CODES

# Measured on the test split (tone accuracy / micro-F1 / precision on the
# protective codes): en 0.724 / 0.658 / 0.802, nl 0.680 / 0.640 / 0.841,
# overall 0.702 / 0.649 / 0.823.
TEST_FLOORS = {
    "en": {"tone_accuracy": 0.68, "micro_f1": 0.61, "protective_precision": 0.75},
    "nl": {"tone_accuracy": 0.64, "micro_f1": 0.60, "protective_precision": 0.78},
    "overall": {"tone_accuracy": 0.66, "micro_f1": 0.61, "protective_precision": 0.77},
}
DEV_FLOORS = {"tone_accuracy": 0.95, "micro_f1": 0.95}


def _protective_precision(figures):
    tp = sum(figures["codes"][code]["tp"] for code in PROTECTIVE_CODES)
    fp = sum(figures["codes"][code]["fp"] for code in PROTECTIVE_CODES)
    return tp / (tp + fp) if tp + fp else 0.0


@pytest.fixture(scope="module")
def test_report():
    return evaluate("test")


@pytest.mark.parametrize("section", ["en", "nl", "overall"])
def test_test_split_stays_above_its_floors(test_report, section):
    figures = test_report["overall"] if section == "overall" else test_report["languages"][section]
    floors = TEST_FLOORS[section]
    assert figures["tone_accuracy"] >= floors["tone_accuracy"]
    assert figures["micro"]["f1"] >= floors["micro_f1"]
    assert _protective_precision(figures) >= floors["protective_precision"]


def test_dev_split_stays_above_its_floors():
    report = evaluate("dev")
    for figures in [*report["languages"].values(), report["overall"]]:
        assert figures["tone_accuracy"] >= DEV_FLOORS["tone_accuracy"]
        assert figures["micro"]["f1"] >= DEV_FLOORS["micro_f1"]
