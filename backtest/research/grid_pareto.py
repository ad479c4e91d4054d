#!/usr/bin/env python3
"""A research summary, not part of the build: which settings of Plimsoll's policy knobs beat its default across runs.

Input: the CSV rows of `PolicyVariants.java grid TRACE PROFILE MAX_GPUS csv` (header repeated per run is fine), one
file or several. A setting *loses* a run where its share of minutes meeting the SLO falls below the default's (or below
99 % where the default is above it). Prints, for each run, the cheapest setting that meets the SLO in 99 % of minutes
against the default, then the settings ranked by the runs they lose and by their GPU-hours against the default's
(geometric mean over all runs), with the runs each one loses. Results are in BENCHMARKS.md ("the policy's knobs chosen
with hindsight").

usage: grid_pareto.py GRID.csv [GRID.csv ...] [--top N]
"""
import argparse
import csv
import math
from collections import defaultdict

MINUTE_TARGET = 0.99


def read(paths):
    runs = defaultdict(dict)  # (trace, profile) -> setting -> (gpu_hours, minutes)
    defaults = {}
    for path in paths:
        with open(path) as f:
            for row in csv.DictReader(f):
                if row["trace"] == "trace":
                    continue  # a repeated header
                run = (row["trace"], row["profile"])
                e2e = "off" if float(row["e2e_load"]) == 0 else row["e2e_load"]
                setting = (row["work_load"], e2e, row["forecast"], row["scale_down"])
                runs[run][setting] = (float(row["gpu_hours"]), float(row["minutes"]))
                if row["default"] == "true":
                    defaults[run] = setting
    missing = [run for run in runs if run not in defaults]
    if missing:
        raise SystemExit(f"no row for the default setting in {missing}")
    return runs, defaults


def main():
    args = argparse.ArgumentParser()
    args.add_argument("csv", nargs="+")
    args.add_argument("--top", type=int, default=10)
    a = args.parse_args()
    runs, defaults = read(a.csv)
    print("cheapest setting meeting the SLO, per run (GPU-hours against the default's):")
    for run, settings in sorted(runs.items()):
        base = settings[defaults[run]][0]
        meeting = [(g, s) for s, (g, m) in settings.items() if m >= MINUTE_TARGET]
        if not meeting:
            print(f"  {run[0]} · {run[1]}: none")
            continue
        g, _, s = min((g, s != defaults[run], s) for g, s in meeting)  # the default first among equals
        print(f"  {run[0]} · {run[1]}: {g:.3f} ({g / base:.2f}×) work_load {s[0]} e2e_load {s[1]} forecast {s[2]} "
              f"scale-down {s[3]}")
    # The scale-down window is compared by rule ("default", "cold-start" or seconds), as the same rule has other seconds
    # on another profile. Settings with the same outcome on every run (work_load does not bind under an e2e_load at
    # or below its target, for one) are shown once, with how many they are.
    groups = defaultdict(list)
    for setting in {s for settings in runs.values() for s in settings}:
        if all(setting in settings for settings in runs.values()):
            groups[tuple(runs[run][setting] for run in sorted(runs))].append(setting)
    ranked = []
    for members in groups.values():
        members.sort(key=lambda x: (x not in defaults.values(), x))
        setting = members[0]
        lost = []
        logs = []
        for run, settings in runs.items():
            g, m = settings[setting]
            gd, md = settings[defaults[run]]
            if m < min(md, MINUTE_TARGET) - 1e-9:
                lost.append(f"{run[0]} · {run[1]} {100 * m:.1f} % (default {100 * md:.1f} %)")
            logs.append(math.log(g / gd))
        is_default = all(setting == d for d in defaults.values())
        ranked.append((len(lost), math.exp(sum(logs) / len(logs)), not is_default, setting, lost, len(members)))
    ranked.sort(key=lambda x: (x[0], round(x[1], 9), x[2]))  # the default first among equals
    print("settings by runs lost, then GPU-hours against the default's (geometric mean over every run):")
    for lost, ratio, _, s, which, equal in ranked[: a.top]:
        same = f" (and {equal - 1} more with the same outcome)" if equal > 1 else ""
        print(f"  loses {lost}, {ratio:.3f}×: work_load {s[0]} e2e_load {s[1]} forecast {s[2]} scale-down {s[3]}{same}"
              + (f" — {'; '.join(which[:3])}" if which else ""))


if __name__ == "__main__":
    main()
