#!/usr/bin/env python3
"""ASM-45WD, ICPC-15WD and CLA-REVIEW from an Annex A workbook, written the way an analyst
would in pandas: the peer for the side-by-side benchmark in docs/benchmarks.md
(Benchmarks/measures.sh runs it beside `oversight measures compute`).

Usage: pandas_measures.py ANNEX_A.xlsx HOLIDAYS.csv AS_AT [--compare OURS.csv]

HOLIDAYS.csv is `oversight calendar holidays --format csv`, so both sides skip the same bank
holidays. The period is the financial year containing AS_AT (`--period year`), the convention
statutory; the rules are the catalogue's as docs/measures.md spells them out. With --compare,
the figures are checked against our CSV and IDENTICAL or the differences are printed.
"""
import sys
import time
import warnings

import numpy as np
import pandas as pd

YES = {"yes", "y", "true", "1"}
# openpyxl says so of every workbook written without Excel's default style, which is harmless.
warnings.filterwarnings("ignore", message="Workbook contains no default style")


def dates(column):
    # Excel dates come through as dates; text that is not a date ('31/02/2024') becomes NaT.
    # format="mixed" exists from pandas 2; 1.5 (which the DfE validators' numpy < 2 keeps) parses
    # per value without it, and with it silently makes every value NaT.
    mixed = {"format": "mixed"} if int(pd.__version__.split(".")[0]) >= 2 else {}
    return pd.to_datetime(column, errors="coerce", dayfirst=True, **mixed).dt.normalize()


def written(column):
    return column.notna() & column.astype(str).str.strip().ne("")


def yes(column):
    # Annex A codes carry a list letter: 'a) Yes'.
    code = column.astype(str).str.strip().str.lower().str.replace(r"^[a-z]\)\s*", "", regex=True)
    return code.isin(YES)


def day_values(series):
    return series.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")


def within(start, end, working_days, holidays):
    # In time when fewer than N working days fall strictly between the start and the event:
    # the start day is not counted, and an event on a weekend counts as the next working day.
    between = np.busday_count(day_values(start) + np.timedelta64(1, "D"), day_values(end), holidays=holidays)
    return between < working_days


def asm_45wd(sheet, first, as_at, holidays):
    start = dates(sheet["Continuous Assessment Start Date"])
    authorised = dates(sheet["Continuous Assessment Date of Authorisation"])
    counted = authorised.between(first, as_at) & start.notna() & (authorised >= start)
    in_time = within(start[counted], authorised[counted], 45, holidays)
    return int(in_time.sum()), int(counted.sum())


def icpc_15wd(sheet, first, as_at, holidays):
    discussion = dates(sheet["Strategy discussion initiating Section 47 Enquiry Start Date"])
    conference = dates(sheet["Date of Initial Child Protection Conference"])
    unnecessary = yes(sheet["Was an Initial Child Protection Conference deemed unnecessary?"])
    counted = conference.between(first, as_at) & ~unnecessary & discussion.notna() & (conference >= discussion)
    in_time = within(discussion[counted], conference[counted], 15, holidays)
    return int(in_time.sum()), int(counted.sum())


def cla_review(sheet, as_at, holidays):
    start = dates(sheet["Date Started to be Looked After"])
    ceased = dates(sheet["Date Ceased to be Looked After"])
    review = dates(sheet["Date of Latest Statutory Review"])
    # A value that is written but is not a date, or is before the start, is left out.
    ceased_bad = written(sheet["Date Ceased to be Looked After"]) & (ceased.isna() | (ceased < start))
    review_bad = written(sheet["Date of Latest Statutory Review"]) & (review.isna() | (review < start))
    looked_after = start.notna() & (start <= as_at) & ~(ceased <= as_at) & ~ceased_bad & ~review_bad
    start, review = start[looked_after], review[looked_after].where(review[looked_after] <= as_at)
    first_due = pd.Series(np.busday_offset(day_values(start), 20, roll="backward", holidays=holidays),
                          index=start.index).astype("datetime64[ns]")
    # A latest review by the first deadline was the first review: the next is due 3 months on.
    later_due = (review + pd.DateOffset(months=3)).where(review <= first_due, review + pd.DateOffset(months=6))
    due = first_due.where(review.isna(), later_due)
    not_yet_due = review.isna() & (first_due >= as_at)
    in_time = (due >= as_at) & ~not_yet_due
    return int(in_time.sum()), int((~not_yet_due).sum())


def main(arguments):
    path, holidays_path, as_at = arguments[:3]
    as_at = pd.Timestamp(as_at)
    first = pd.Timestamp(as_at.year if as_at.month >= 4 else as_at.year - 1, 4, 1)
    holidays = [line[:10] for line in open(holidays_path, encoding="utf-8-sig")
                if line[:4].isdigit()]

    started = time.perf_counter()
    sheets = pd.read_excel(path, sheet_name=["List_4", "List_5", "List_8"], header=1, engine="openpyxl")
    for name, sheet in sheets.items():
        sheet.columns = sheet.columns.str.strip()
        sheets[name] = sheet[written(sheet["Child Unique ID"])]  # a row without a child id is not used
    read = time.perf_counter()
    figures = {
        "ASM-45WD": asm_45wd(sheets["List_4"], first, as_at, holidays),
        "ICPC-15WD": icpc_15wd(sheets["List_5"], first, as_at, holidays),
        "CLA-REVIEW": cla_review(sheets["List_8"], as_at, holidays),
    }
    computed = time.perf_counter()

    for measure, (numerator, denominator) in figures.items():
        print(f"{measure} numerator {numerator} denominator {denominator} value {100 * numerator / denominator:.4f}")
    print(f"timing: read {read - started:.3f} s, computed {computed - read:.3f} s")

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
