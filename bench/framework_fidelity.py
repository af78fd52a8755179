"""Reads what bench/framework-fidelity ran and prints its tables.

  framework_fidelity.py threads RUN_DIR MODEL   the threads the sweep's PyTorch attempt of MODEL used
  framework_fidelity.py summary OUT ROUNDS      the tables, from OUT/run-R and OUT/standalone-R-MODEL.jsonl

Each round is one sweep followed by the standalone runs, so that the two sides of a ratio ran minutes apart,
not a round apart: on a shared VM one run's samples/s moves by 10-20 % with its neighbours, so one pair of
runs tells little, and the median over rounds is the figure.
"""
from __future__ import annotations

import csv
import json
import sqlite3
import statistics
import sys
from pathlib import Path

MODELS = ("mlp-small", "cnn-medium")


def pytorch_threads(run: Path, model: str) -> int:
    row = sqlite3.connect(run / "results.db").execute(
        "SELECT a.threads FROM attempts a JOIN tasks t ON t.task_id = a.task_id"
        " WHERE t.framework = 'pytorch' AND t.architecture = ? AND a.status = 'succeeded'", (model,)).fetchone()
    if row is None:
        raise SystemExit(f"framework-fidelity: {run} has no succeeded PyTorch attempt of {model}")
    return int(row[0])


def inside_rate(run: Path, model: str) -> float:
    """Mean samples/s of the PyTorch trainer's epochs 2.. inside the sweep (epoch 1 is a warm-up)."""
    rates = [r[0] for r in sqlite3.connect(run / "results.db").execute(
        "SELECT e.samples_per_second FROM epochs e JOIN tasks t ON t.task_id = e.task_id"
        " WHERE t.framework = 'pytorch' AND t.architecture = ? AND e.epoch >= 2", (model,))]
    return statistics.mean(rates)


def standalone_rate(lines: Path) -> float:
    """Mean samples/s of bench/pytorch_reference.py's epochs 2.."""
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
            threads = pytorch_threads(out / f"run-{n}", model)
            print(f"{model:<11} {threads:>7} {n:>5} {inside:>12,.0f} {alone:>10,.0f} {inside / alone:>6.3f}")
        print(f"{model:<11} median ratio {statistics.median(ratios):.3f} (range {min(ratios):.3f}-{max(ratios):.3f})")


def main(arguments: list[str]) -> None:
    if len(arguments) == 3 and arguments[0] == "threads":
        print(pytorch_threads(Path(arguments[1]), arguments[2]))
    elif len(arguments) == 3 and arguments[0] == "summary":
        summary(Path(arguments[1]), int(arguments[2]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
