"""Benchmark the coach engine on one core (not a test; run it by hand).

    .venv/bin/python bench/coach_bench.py [--rounds 5] [--json] [--out bench/out/coach.json]

Reports messages per second and p50 / p99 latency for short (~100 characters)
and long (~2,000 characters) messages in both languages, the cold import time
of `haven.coach`, the time to the first analysis per language (which compiles
that language's rules pack and loads its lemma dictionary), and resident
memory. Targets: p99 < 2 ms short, < 20 ms long, import < 0.5 s.

The messages are built here from sentences written for the benchmark, so the
figures do not depend on the corpus files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"short_p99_ms": 2.0, "long_p99_ms": 20.0, "import_s": 0.5}

SENTENCES = {
    "en": [
        "You never help with the shopping and I'm tired of asking every single week.",
        "I felt really alone at the party when you went off with your friends.",
        "Thanks for fixing the bike, it means a lot that you noticed.",
        "Can you pick up the kids at five? I'm stuck at work.",
        "Oh great, you forgot the tickets again. What a surprise.",
        "I'm sorry I snapped at you this morning, that wasn't fair on you.",
        "Why can't you ever just put your phone down when I'm talking?",
        "I'm too wound up right now. Can we talk again after dinner?",
        "It's not a big deal, you're overreacting as usual.",
        "What was that like for you, when your dad said that at lunch?",
        "If you go out again tonight, don't bother coming back.",
        "I love you, even when we argue about the stupid dishwasher.",
    ],
    "nl": [
        "Je helpt ook nooit met de boodschappen en ik ben het zat om het elke week te vragen.",
        "Ik voelde me echt alleen op het feest toen je met je vrienden wegging.",
        "Dankjewel dat je de fiets hebt gemaakt, fijn dat je het zag.",
        "Kun jij de kinderen om vijf uur ophalen? Ik zit nog vast op mijn werk.",
        "Goh, je bent de kaartjes weer vergeten. Wat een verrassing 🙄",
        "Sorry dat ik vanochtend zo uitviel, dat was niet eerlijk van me.",
        "Waarom kun je nou nooit eens je telefoon wegleggen als ik praat?",
        "Ik ben nu te boos. Kunnen we na het eten verder praten?",
        "Het is geen big deal, je overdrijft zoals altijd.",
        "Hoe was dat voor jou, toen je vader dat zei bij de lunch?",
        "Als je vanavond weer weggaat, hoef je niet meer terug te komen.",
        "Ik hou van je, ook als we ruziemaken over die stomme vaatwasser.",
    ],
}


def make_messages(language: str, target: int, count: int, seed: int) -> list[str]:
    """`count` messages of about `target` characters, from shuffled benchmark sentences."""
    rng = random.Random(seed)
    pool = SENTENCES[language]
    messages = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < target:
            parts.append(rng.choice(pool))
        messages.append(" ".join(parts)[: max(target, len(parts[0]))])
    return messages


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity on this platform)"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(messages: list[str], rounds: int) -> dict[str, float]:
    from haven.coach import analyze

    for text in messages[:20]:
        analyze(text)  # warm caches for this size class
    latencies = []
    started = time.perf_counter()
    for _ in range(rounds):
        for text in messages:
            begin = time.perf_counter_ns()
            analyze(text)
            latencies.append((time.perf_counter_ns() - begin) / 1e6)
    elapsed = time.perf_counter() - started
    return {
        "messages": len(latencies),
        "mean_chars": round(statistics.mean(len(m) for m in messages)),
        "per_second": round(len(latencies) / elapsed),
        "p50_ms": round(percentile(latencies, 0.50), 3),
        "p99_ms": round(percentile(latencies, 0.99), 3),
        "max_ms": round(max(latencies), 3),
    }


def cold_start(runs: int = 5) -> dict[str, float]:
    """Fresh interpreters: import time, then time to the first analysis per language."""
    probe = (
        "import time, resource\n"
        "t0 = time.perf_counter()\n"
        "import haven.coach as coach\n"
        "t1 = time.perf_counter()\n"
        "coach.analyze('You never listen to me.', 'en')\n"
        "t2 = time.perf_counter()\n"
        "coach.analyze('Je luistert nooit naar me.', 'nl')\n"
        "t3 = time.perf_counter()\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(t1 - t0, t2 - t1, t3 - t2, rss)\n"
    )
    baseline_probe = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    rows = []
    walls = []
    for _ in range(runs):
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import haven.coach"], cwd=ROOT, check=True)
        walls.append(time.perf_counter() - begin)
        out = subprocess.run(
            [sys.executable, "-c", probe], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.split()
        rows.append([float(value) for value in out])
    empty = []
    for _ in range(runs):
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        empty.append(time.perf_counter() - begin)
    bare_rss = float(
        subprocess.run(
            [sys.executable, "-c", baseline_probe], check=True, capture_output=True, text=True
        ).stdout
    )
    column = lambda i: statistics.median(row[i] for row in rows)  # noqa: E731
    return {
        "import_s": round(column(0), 4),
        "import_process_wall_s": round(statistics.median(walls), 4),
        "empty_process_wall_s": round(statistics.median(empty), 4),
        "first_analysis_en_s": round(column(1), 4),
        "first_analysis_nl_s": round(column(2), 4),
        "rss_after_both_languages_mb": round(column(3) / 1024, 1),
        "rss_bare_interpreter_mb": round(bare_rss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over each message set")
    parser.add_argument("--count", type=int, default=200, help="messages per size and language")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--out", type=Path, help="also write the JSON figures to this file")
    options = parser.parse_args(argv)

    pinned = pin_to_one_core()
    cold = cold_start()
    from haven.coach import analyze

    analyze("warm up", "en")
    analyze("warm op", "nl")
    results: dict[str, object] = {"cpu": pinned, "python": sys.version.split()[0], "cold": cold}
    for size, target in (("short", 100), ("long", 2000)):
        messages = []
        for number, language in enumerate(("en", "nl")):
            messages += make_messages(language, target, options.count, seed=number)
        results[size] = measure(messages, options.rounds)
    results["rss_after_benchmark_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    checks = {
        "short_p99_ms": results["short"]["p99_ms"],  # type: ignore[index]
        "long_p99_ms": results["long"]["p99_ms"],  # type: ignore[index]
        "import_s": cold["import_s"],
    }
    results["targets"] = {
        name: {"value": value, "target": TARGETS[name], "met": value < TARGETS[name]}
        for name, value in checks.items()
    }

    if options.out:
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if options.json:
        print(json.dumps(results, indent=2))
        return 0

    print(f"Haven coach benchmark (Python {results['python']}, {pinned})")
    for size in ("short", "long"):
        r = results[size]
        print(
            f"  {size:<5} ~{r['mean_chars']:>4} chars: {r['per_second']:>6} msg/s  "  # type: ignore[index]
            f"p50 {r['p50_ms']:.3f} ms  p99 {r['p99_ms']:.3f} ms  max {r['max_ms']:.3f} ms"  # type: ignore[index]
        )
    print(
        f"  import haven.coach: {cold['import_s']:.3f} s in-process "
        f"(process wall {cold['import_process_wall_s']:.3f} s vs empty interpreter "
        f"{cold['empty_process_wall_s']:.3f} s)"
    )
    print(
        f"  first analysis: en {cold['first_analysis_en_s']:.3f} s, "
        f"nl {cold['first_analysis_nl_s']:.3f} s (compiles the rules pack)"
    )
    print(
        f"  resident memory: {cold['rss_after_both_languages_mb']} MB with both languages loaded "
        f"(bare interpreter {cold['rss_bare_interpreter_mb']} MB); "
        f"{results['rss_after_benchmark_mb']} MB after the benchmark"
    )
    for name, check in results["targets"].items():  # type: ignore[union-attr]
        verdict = "met" if check["met"] else "MISSED"
        print(f"  target {name}: {check['value']} < {check['target']}: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
