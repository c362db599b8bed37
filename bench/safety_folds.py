"""How the safety layer does on text it was not trained on: leave one corpus batch out.

The safety corpus's dev split was written in batches (ids en-sdev-0001,
en-sdev-a0001, en-sdev-e0001...), each by a writer who had not seen the
rules or the model of the time. Each batch is scored by a model trained on
all the other batches, with the rules as shipped, at the threshold and veto
`haven coach-train` chooses from those same out-of-fold scores. The figures
estimate new phrasings better than scores on the data the model learned from.
The test split is not used.

    .venv/bin/python bench/safety_folds.py [--lang en|nl]
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from haven.coach.model import LANGUAGES, SAFETY_KINDS
from haven.coach.train import choose_thresholds, out_of_fold, training_examples


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def report(language: str) -> None:
    scored = out_of_fold(training_examples(language), language)
    threshold, veto = choose_thresholds(scored)
    print(f"{language}: threshold {threshold}, veto {veto}")
    groups: dict[str, list] = defaultdict(list)
    for item in scored:
        groups[item.group or "first"].append(item)
    groups["all"] = list(scored)
    print(f"  {'batch':<7} {'dangerous':>9} {'recall':>7} {'look-alike':>10} {'fpr':>6}")
    for name, items in groups.items():
        dangerous = [s for s in items if s.dangerous]
        other = [s for s in items if not s.dangerous]
        found = sum(s.flagged(threshold, veto) for s in dangerous)
        wrong = sum(s.flagged(threshold, veto) for s in other)
        print(
            f"  {name:<7} {len(dangerous):>9} {_share(found, len(dangerous)):>7} "
            f"{len(other):>10} {_share(wrong, len(other)):>6}"
        )
    for kind in SAFETY_KINDS:
        of_kind = [s for s in scored if s.kind == kind]
        found = sum(s.flagged(threshold, veto) for s in of_kind)
        print(f"  recall {kind}: {_share(found, len(of_kind))} of {len(of_kind)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGUAGES)
    options = parser.parse_args()
    for language in [options.lang] if options.lang else LANGUAGES:
        report(language)


if __name__ == "__main__":
    main()
