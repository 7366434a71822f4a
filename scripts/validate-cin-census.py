#!/usr/bin/env python3
"""Runs the DfE's CIN census validator (PyPI csc-validator-be-cin) over one census file and
prints every rule it breaks, errors first. Exits 1 when any ERROR rule is broken (queries are
printed but allowed: a council answers them with a reason), 2 when the validator could not run.

Usage: scripts/validate-cin-census.py census.xml [ruleset, default from the census year: cin2023_24 for 2024]
"""
import contextlib
import importlib
import io
import sys
import xml.etree.ElementTree as ET

try:
    from cin_validator import cin_validator
    from cin_validator.rule_engine import RuleType
except ImportError as error:  # scripts/test installs it
    print(f"csc-validator-be-cin is not installed ({error}): python3 -m pip install csc-validator-be-cin 'numpy<2'")
    sys.exit(2)


def main(path, ruleset=None):
    root = ET.parse(path).getroot()
    if ruleset is None:
        year = int(root.find("Header/CollectionDetails/Year").text)
        ruleset = f"cin{year - 1}_{str(year)[2:]}"
    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    data_files = cin_validator.process_data(cin_validator.convert_data(root))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # the validator prints a rule that crashed, and goes on
        validator = cin_validator.CinValidator(data_files, registry)
    crashed = [line for line in printed.getvalue().splitlines() if line.startswith("Error with rule")]
    codes = list(validator.full_issue_df["rule_code"]) + list(validator.multichild_issues["rule_code"])
    counts = {}
    for code in codes:
        counts[str(code)] = counts.get(str(code), 0) + 1
    errors = {c: n for c, n in counts.items() if registry[c].rule_type == RuleType.ERROR}
    queries = {c: n for c, n in counts.items() if registry[c].rule_type != RuleType.ERROR}
    print(f"ruleset {ruleset}: {len(registry)} rules, {len(errors)} broken as errors, {len(queries)} as queries")
    for kind, broken in (("ERROR", errors), ("QUERY", queries)):
        for code, n in sorted(broken.items()):
            print(f"{kind} {code} x{n}: {registry[code].message}")
    for line in crashed:
        print(f"CRASHED {line}")
    if crashed:
        return 2
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
