#!/usr/bin/env python3
"""The peer for `oversight-bench read-xlsx`: reads every row of every sheet with openpyxl in
read-only mode (its streaming reader, the fastest it offers) and prints the same figures.

    python3 Benchmarks/openpyxl_read.py FILE.xlsx
"""
import sys
import time

from openpyxl import load_workbook


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: openpyxl_read.py FILE.xlsx")
    started = time.perf_counter()
    workbook = load_workbook(sys.argv[1], read_only=True)
    rows = cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            rows += 1
            cells += sum(1 for value in row if value is not None)
    workbook.close()
    seconds = time.perf_counter() - started
    print(f"rows {rows}  cells {cells}  seconds {seconds:.3f}  rows/s {int(rows / seconds)}")


if __name__ == "__main__":
    main()
