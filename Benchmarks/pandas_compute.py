#!/usr/bin/env python3
"""The compute step alone, pandas against ours: five measures written the way an analyst would
in pandas — ASM-45WD, ICPC-15WD and CLA-REVIEW from an Annex A workbook (the functions of
Benchmarks/pandas_measures.py), 903-MOVES and 903-OC2-HEALTH from an SSDA903 return — with the
rows loaded first (not timed: the workbook read and the 903 CSVs read with their dates parsed,
as our readers hand the engine typed records) and then each measure's computing timed alone,
the median of RUNS runs. Prints the figures and the times; with --compare, checks the figures
against our CSV from `oversight measures compute --out` (exit 1 when any differs).

Usage: pandas_compute.py ANNEX_A.xlsx RETURN_FOLDER HOLIDAYS.csv AS_AT [--runs 15] [--compare OURS.csv]

HOLIDAYS.csv is `oversight calendar holidays --format csv`. The period is the financial year
containing AS_AT (`--period year`); the rules are docs/measures.md's. Output lines:
  figure MEASURE numerator N denominator D value V
  compute MEASURE median S s (min S s, RUNS runs)
  compute total median S s
"""
import os
import statistics
import sys
import time

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pandas_measures import asm_45wd, cla_review, icpc_15wd, written  # noqa: E402


def read_903(folder):
    # Each table found by its columns, as the DfE's validator finds them; dates parsed once here.
    tables = {}
    for name in sorted(os.listdir(folder)):
        if not name.lower().endswith(".csv"):
            continue
        frame = pd.read_csv(os.path.join(folder, name), dtype=str, keep_default_na=False, na_values=[""])
        columns = set(frame.columns.str.upper())
        if {"DECOM", "RNE", "DEC", "REC"} <= columns:
            frame["DECOM"] = pd.to_datetime(frame["DECOM"], format="%d/%m/%Y", errors="coerce")
            frame["DEC"] = pd.to_datetime(frame["DEC"], format="%d/%m/%Y", errors="coerce")
            tables["episodes"] = frame
        elif "HEALTH_ASSESSMENT" in columns:
            tables["oc2"] = frame
    return tables


def moves(episodes, as_at):
    # Children looked after at the as-at date with 3 or more placements in the 12 months ending on it.
    year_start = as_at - pd.DateOffset(months=12) + pd.DateOffset(days=1)
    e = episodes[episodes["DECOM"].notna()].sort_values(["CHILD", "DECOM"], kind="stable")
    started = e["DECOM"] <= as_at
    open_at = e["DEC"].isna() | (e["DEC"] > as_at) | ((e["DEC"] == as_at) & (e["REC"] == "X1"))
    looked_after = e.loc[started & open_at, "CHILD"].unique()
    overlapping = e[started & (e["DEC"].isna() | (e["DEC"] >= year_start)) & e["CHILD"].isin(looked_after)]
    # The placement in force when the 12 months start counts, then each episode that is not a
    # change of legal status alone (RNE L).
    first_of_child = ~overlapping["CHILD"].duplicated()
    placements = overlapping[first_of_child | (overlapping["RNE"] != "L")].groupby("CHILD").size()
    return int((placements >= 3).sum()), len(looked_after)


def oc2_health(oc2):
    recorded = oc2["HEALTH_ASSESSMENT"].isin(["0", "1"])
    return int((oc2.loc[recorded, "HEALTH_ASSESSMENT"] == "1").sum()), int(recorded.sum())


def main(arguments):
    workbook, folder, holidays_path, as_at = arguments[:4]
    runs = int(arguments[arguments.index("--runs") + 1]) if "--runs" in arguments else 15
    as_at = pd.Timestamp(as_at)
    first = pd.Timestamp(as_at.year if as_at.month >= 4 else as_at.year - 1, 4, 1)
    holidays = [line[:10] for line in open(holidays_path, encoding="utf-8-sig") if line[:4].isdigit()]

    # Loading, not timed.
    sheets = pd.read_excel(workbook, sheet_name=["List_4", "List_5", "List_8"], header=1, engine="openpyxl")
    for name, sheet in sheets.items():
        sheet.columns = sheet.columns.str.strip()
        sheets[name] = sheet[written(sheet["Child Unique ID"])]
    tables = read_903(folder)

    measures = {
        "ASM-45WD": lambda: asm_45wd(sheets["List_4"], first, as_at, holidays),
        "ICPC-15WD": lambda: icpc_15wd(sheets["List_5"], first, as_at, holidays),
        "CLA-REVIEW": lambda: cla_review(sheets["List_8"], as_at, holidays),
        "903-MOVES": lambda: moves(tables["episodes"], as_at),
        "903-OC2-HEALTH": lambda: oc2_health(tables["oc2"]),
    }
    figures, medians = {}, {}
    for measure, compute in measures.items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            figures[measure] = compute()
            times.append(time.perf_counter() - started)
        medians[measure] = statistics.median(times)
        numerator, denominator = figures[measure]
        print(f"figure {measure} numerator {numerator} denominator {denominator} value {100 * numerator / denominator:.4f}")
        print(f"compute {measure} median {medians[measure]:.4f} s (min {min(times):.4f} s, {runs} runs)")
    print(f"compute total median {sum(medians.values()):.4f} s")

    if "--compare" in arguments:
        ours = pd.read_csv(arguments[arguments.index("--compare") + 1]).set_index("measure")
        differences = []
        for measure, (numerator, denominator) in figures.items():
            theirs = (int(ours.at[measure, "numerator"]), int(ours.at[measure, "denominator"]))
            value = round(float(ours.at[measure, "value"]), 4)
            if theirs != (numerator, denominator) or value != round(100 * numerator / denominator, 4):
                differences.append(f"{measure}: pandas {numerator}/{denominator}, oversight {theirs[0]}/{theirs[1]} ({value})")
        print("IDENTICAL" if not differences else "DIFFERENT\n" + "\n".join(differences))
        return 0 if not differences else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
