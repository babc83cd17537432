#!/usr/bin/env python3
"""Prints one comparison table from the <tool>.eval.json files compare.sh wrote in SIM_DIR.

usage: summarise_evals.py SIM_DIR TOOL [TOOL ...]
Each cell per scenario: flagged sources / sources, then seconds from the scenario's start to the
tool's first finding naming one of its sources. The last columns: benign sources flagged (false
positives) and the wall time of the tool's run (SIM_DIR/timings.txt).
"""
import json
import os
import sys


def fmt_seconds(s):
    if s is None:
        return "never"
    s = int(s)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{(s % 3600) // 60:02d}m"


def main():
    sim, tools = sys.argv[1], sys.argv[2:]
    timings = {}
    path = os.path.join(sim, "timings.txt")
    if os.path.exists(path):
        for line in open(path):
            parts = line.split()
            if len(parts) >= 2:
                timings[parts[0]] = int(parts[1])
    evals = {t: json.load(open(os.path.join(sim, f"{t}.eval.json"))) for t in tools}
    scenarios = [s["id"] for s in evals[tools[0]]["scenarios"]]
    header = ["tool"] + scenarios + ["benign flagged", "precision (targeted)", "run time"]
    rows = []
    for t in tools:
        e = evals[t]
        by_id = {s["id"]: s for s in e["scenarios"]}
        row = [t]
        for sid in scenarios:
            s = by_id[sid]
            row.append(f"{s['flagged']}/{s['sources']} ({fmt_seconds(s['seconds_to_first_finding'])})")
        row.append(str(e["sources"]["false_positives"]["count"]))
        row.append(f"{e['sources']['targeted']['precision']:.3f}")
        ms = timings.get(t)
        row.append(f"{ms / 1000:.1f} s" if ms is not None else "?")
        rows.append(row)
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
