"""Reads what bench/framework-fidelity and bench/dl4j-fidelity ran and prints their tables.

  framework_fidelity.py threads RUN_DIR MODEL [FRAMEWORK]   the threads the sweep's attempt of MODEL used
  framework_fidelity.py summary OUT ROUNDS      bench/framework-fidelity's tables, from OUT/run-R and
                                                OUT/standalone-R-MODEL.jsonl
  framework_fidelity.py dl4j-summary OUT ROUNDS bench/dl4j-fidelity's table, from OUT/run-R-INTERVAL and
                                                OUT/alone-R-MODEL.jsonl (threads from OUT/run-0-1s)

Each round holds both sides of its ratios (bench/framework-fidelity: the sweep, then the standalone runs;
bench/dl4j-fidelity: its four runs in a random order), so that they ran minutes apart, not a round apart: on a
shared VM one run's samples/s moves by 10-50 % with its neighbours, so one pair of runs tells little, and the
median over rounds is the figure.
"""
from __future__ import annotations

import csv
import json
import math
import sqlite3
import statistics
import sys
from pathlib import Path

MODELS = ("mlp-small", "cnn-medium")


INTERVALS = ("1s", "100ms")
GOAL = 0.99
CONFIDENCE = 0.95


def median_interval(values: list[float]) -> tuple[float, float] | None:
    """A distribution-free interval for the median: the k-th smallest and k-th largest value, k the largest for
    which the Binomial(n, 1/2) tails beyond them hold at most 1 - CONFIDENCE; None where even the range holds less
    (fewer than 6 values)."""
    n, ordered = len(values), sorted(values)
    below, k = 0.0, 0
    while k < n // 2 and 2 * (below + math.comb(n, k) / 2 ** n) <= 1 - CONFIDENCE:
        below += math.comb(n, k) / 2 ** n
        k += 1
    return (ordered[k - 1], ordered[n - k]) if k else None


def ratio_summary(ratios: list[float]) -> str:
    interval = median_interval(ratios)
    within = f"{CONFIDENCE:.0%} interval {interval[0]:.3f}-{interval[1]:.3f}" if interval \
        else f"too few rounds for a {CONFIDENCE:.0%} interval"
    return (f"{statistics.median(ratios):.3f} ({within}; range {min(ratios):.3f}-{max(ratios):.3f};"
            f" {sum(r >= GOAL for r in ratios)} of {len(ratios)} rounds >= {GOAL})")


def threads(run: Path, model: str, framework: str = "pytorch") -> int:
    row = sqlite3.connect(run / "results.db").execute(
        "SELECT a.threads FROM attempts a JOIN tasks t ON t.task_id = a.task_id"
        " WHERE t.framework = ? AND t.architecture = ? AND a.status = 'succeeded'", (framework, model)).fetchone()
    if row is None:
        raise SystemExit(f"fidelity: {run} has no succeeded {framework} attempt of {model}")
    return int(row[0])


def inside_rate(run: Path, model: str, framework: str = "pytorch") -> float:
    """Mean samples/s of the trainer's epochs 2.. inside the sweep (epoch 1 is a warm-up)."""
    rates = [r[0] for r in sqlite3.connect(run / "results.db").execute(
        "SELECT e.samples_per_second FROM epochs e JOIN tasks t ON t.task_id = e.task_id"
        " WHERE t.framework = ? AND t.architecture = ? AND e.epoch >= 2", (framework, model))]
    return statistics.mean(rates)


def standalone_rate(lines: Path) -> float:
    """Mean samples/s of epochs 2.. of a trainer run alone, one JSON object per epoch with samplesPerSecond."""
    epochs = [json.loads(line)["samplesPerSecond"] for line in lines.read_text().splitlines() if line.strip()]
    return statistics.mean(epochs[1:])


def sweep_rates(run: Path) -> dict[tuple[str, str], tuple[float, float]]:
    """(model, framework) -> (samples/s over all epochs, test accuracy), from the sweep's results.csv."""
    with open(run / "results.csv", newline="") as file:
        return {(r["architecture"], r["framework"]): (float(r["samples_per_second"]), float(r["test_accuracy"]))
                for r in csv.DictReader(file)}


def summary(out: Path, rounds: int) -> None:
    sweeps = [sweep_rates(out / f"run-{n}") for n in range(1, rounds + 1)]
    print(f"DL4J and PyTorch in one sweep, median of {rounds} round(s) (results.csv, all epochs):")
    print(f"{'model':<11} {'DL4J sam/s':>11} {'PyTorch':>9} {'DL4J/PyT':>8} {'DL4J acc':>8} {'PyT acc':>8}")
    for model in MODELS:
        dl4j = statistics.median(s[(model, "dl4j")][0] for s in sweeps)
        pytorch = statistics.median(s[(model, "pytorch")][0] for s in sweeps)
        accuracy = {f: statistics.median(s[(model, f)][1] for s in sweeps) for f in ("dl4j", "pytorch")}
        print(f"{model:<11} {dl4j:>11,.0f} {pytorch:>9,.0f} {dl4j / pytorch:>8.2f} {accuracy['dl4j']:>8.4f}"
              f" {accuracy['pytorch']:>8.4f}")
    print()
    print("The PyTorch trainer inside benchfleet against bench/pytorch_reference.py alone (epochs 2..):")
    print(f"{'model':<11} {'threads':>7} {'round':>5} {'inside sam/s':>12} {'standalone':>10} {'ratio':>6}")
    for model in MODELS:
        ratios = []
        for n in range(1, rounds + 1):
            inside = inside_rate(out / f"run-{n}", model)
            alone = standalone_rate(out / f"standalone-{n}-{model}.jsonl")
            ratios.append(inside / alone)
            used = threads(out / f"run-{n}", model)
            print(f"{model:<11} {used:>7} {n:>5} {inside:>12,.0f} {alone:>10,.0f} {inside / alone:>6.3f}")
        print(f"{model:<11} median ratio {statistics.median(ratios):.3f} (range {min(ratios):.3f}-{max(ratios):.3f})")


def dl4j_summary(out: Path, rounds: int) -> None:
    print("The DL4J trainer inside a worker node (metrics agent at 1 s and at 100 ms) against the same trainer")
    print("started by hand on the same task, epochs 2.., samples/s:")
    print(f"{'model':<11} {'threads':>7} {'round':>5} {'by hand':>9} {'inside 1s':>10} {'ratio':>6}"
          f" {'inside 100ms':>12} {'ratio':>6}")
    for model in MODELS:
        ratios: dict[str, list[float]] = {interval: [] for interval in INTERVALS}
        for n in range(1, rounds + 1):
            alone = standalone_rate(out / f"alone-{n}-{model}.jsonl")
            inside = {i: inside_rate(out / f"run-{n}-{i}", model, "dl4j") for i in INTERVALS}
            for interval, rate in inside.items():
                ratios[interval].append(rate / alone)
            used = threads(out / "run-0-1s", model, "dl4j")
            print(f"{model:<11} {used:>7} {n:>5} {alone:>9,.0f} {inside['1s']:>10,.0f} {inside['1s'] / alone:>6.3f}"
                  f" {inside['100ms']:>12,.0f} {inside['100ms'] / alone:>6.3f}")
        for interval in INTERVALS:
            print(f"{model:<11} median ratio at {interval}: {ratio_summary(ratios[interval])}")


def main(arguments: list[str]) -> None:
    if len(arguments) in (3, 4) and arguments[0] == "threads":
        print(threads(Path(arguments[1]), *arguments[2:]))
    elif len(arguments) == 3 and arguments[0] == "summary":
        summary(Path(arguments[1]), int(arguments[2]))
    elif len(arguments) == 3 and arguments[0] == "dl4j-summary":
        dl4j_summary(Path(arguments[1]), int(arguments[2]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
