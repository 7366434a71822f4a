#!/usr/bin/env python3
"""Runs the DfE's SSDA903 validator (csc-validator-be-903) over a folder of 903 CSVs.

Usage: scripts/validate-ssda903.py FOLDER [--year 2024] [--la E09000027]
Prints every rule a row fails (rule, table, row, child, message) and exits 1 when there is
any; 0 when none. Used by Tests/OversightTests/SSDA903ValidatorTests.swift.
"""
import argparse, importlib, logging, os, sys

logging.disable(logging.CRITICAL)
parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("--year", default="2024", help="the collection year's end (2024 for 2023-24)")
parser.add_argument("--la", default="E09000027", help="the local authority's code")
args = parser.parse_args()

from lac_validator import lac_validator  # noqa: E402
from lac_validator.report import Report  # noqa: E402

year = int(args.year)
ruleset = f"lac{year - 1}_{str(year)[2:]}"
try:
    module = importlib.import_module(f"lac_validator.rules.{ruleset}")
except ModuleNotFoundError:
    print(f"csc-validator-be-903 has no rules for {ruleset}", file=sys.stderr)
    sys.exit(2)
files = []
for name in sorted(os.listdir(args.folder)):
    if name.lower().endswith(".csv"):
        with open(os.path.join(args.folder, name), "rb") as f:
            files.append({"name": name, "description": "This year", "file_content": f.read()})
validator = lac_validator.LacValidator(metadata={"collectionYear": str(year), "localAuthority": args.la},
                                       files=files, registry=module.registry, selected_rules=None)
if validator.fails:
    print("rules that could not run: " + ", ".join(validator.fails))
report = Report(validator.ds_results, module.registry)
messages = {rule.code: rule.message for rule in module.registry.values()}
count = 0
error_columns = [c for c in report.report.columns if c.startswith("ERR_")]
for _, row in report.report.iterrows():
    for column in error_columns:
        if row[column] == True:  # noqa: E712 (pandas gives numpy booleans and NaN)
            code = column[4:]
            count += 1
            print(f"{code}\t{row['Table']}\trow {row['RowID']}\tchild {row['CHILD']}\t{messages.get(code, '')}")
print(f"{count} errors from {len(module.registry)} rules ({ruleset}), {len(files)} files")
sys.exit(1 if count or validator.fails else 0)
