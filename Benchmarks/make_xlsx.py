#!/usr/bin/env python3
"""Writes a synthetic children's services tracker for the .xlsx reading benchmark.

    python3 Benchmarks/make_xlsx.py ROWS OUT.xlsx [--inline-strings]

One sheet, a header row and ROWS rows of 20 columns, as a council's case tracker holds them:
identifiers, coded values, dates, counts, scores, free-text notes, and blanks where a
step has not happened yet. The seed is fixed, so the same ROWS gives the same file.

openpyxl's write-only mode writes every text cell as an inline string; Excel writes text
to the shared-strings part instead, and that is what councils' files hold. So the sheet is
rewritten afterwards: each inline string becomes an index into xl/sharedStrings.xml.
With --inline-strings it is left as openpyxl wrote it: with no shared-strings table to hold,
a reader's memory shows what reading the rows alone costs.
"""
import datetime
import random
import re
import sys
import zipfile

from openpyxl import Workbook

HEADER = [
    "Child ID", "Gender", "Ethnicity", "Date of birth", "Referral date", "Referral source",
    "Previous referrals", "Assessment start", "Assessment authorised", "Days to complete",
    "Outcome", "Category of need", "Team", "Social worker", "CP plan start", "CP plan end",
    "Looked after", "Risk score", "Disability", "Notes",
]
GENDERS = ["Male", "Female", "Unknown"]
ETHNICITIES = ["WBRI", "WIRI", "WOTH", "MWBC", "MWBA", "AIND", "APKN", "BCRB", "BAFR", "CHNE", "OOTH", "REFU", "NOBT"]
SOURCES = ["Police", "School", "Health: GP", "Health: hospital", "Individual", "Local authority", "Anonymous", "Other"]
OUTCOMES = ["No further action", "Child in need plan", "Strategy discussion", "Early help", "Section 47 enquiry"]
TEAMS = [f"Assessment team {n}" for n in range(1, 7)] + ["Children with disabilities", "Leaving care", "Fostering"]
FIRST = ["Alex", "Sam", "Jo", "Priya", "Mohammed", "Grace", "Tom", "Aisha", "Kerry", "Dan", "Ewa", "Femi"]
LAST = ["Smith", "Khan", "Jones", "Patel", "Brown", "Nowak", "Okafor", "Taylor", "Evans", "Ali"]
WORKERS = [f"{f} {l}" for f in FIRST for l in LAST]
NOTE_WORDS = ("visit home school parent carer concerns neglect domestic abuse mental health "
              "attendance strategy meeting agreed review plan support referral health visitor "
              "police notification missing episode overdue outcome escalated to manager").split()


def rows(count, rng):
    start = datetime.date(2023, 4, 1)
    for index in range(count):
        referral = start + datetime.timedelta(days=rng.randrange(366))
        birth = referral - datetime.timedelta(days=rng.randrange(1, 18 * 365))
        assessment = referral + datetime.timedelta(days=rng.randrange(0, 10))
        authorised = assessment + datetime.timedelta(days=rng.randrange(1, 60)) if rng.random() < 0.7 else None
        on_plan = rng.random() < 0.15
        plan_start = authorised + datetime.timedelta(days=rng.randrange(1, 30)) if on_plan and authorised else None
        plan_end = plan_start + datetime.timedelta(days=rng.randrange(90, 500)) if plan_start and rng.random() < 0.5 else None
        notes = " ".join(rng.choice(NOTE_WORDS) for _ in range(rng.randrange(4, 14))) if rng.random() < 0.6 else None
        yield [
            f"CH{index + 1:07d}",
            rng.choice(GENDERS),
            rng.choice(ETHNICITIES),
            birth,
            referral,
            rng.choice(SOURCES),
            rng.randrange(0, 8),
            assessment,
            authorised,
            (authorised - assessment).days if authorised else None,
            rng.choice(OUTCOMES),
            f"N{rng.randrange(1, 10)}",
            rng.choice(TEAMS),
            rng.choice(WORKERS),
            plan_start,
            plan_end,
            "Yes" if rng.random() < 0.1 else "No",
            round(rng.uniform(0, 10), 2),
            rng.choice(["Yes", None, None, None]),
            notes,
        ]


INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>')


def to_shared_strings(path):
    """Rewrites the workbook's inline strings as Excel writes text: shared strings."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    index = {}

    def shared(match):
        text = match.group(3)
        position = index.setdefault(text, len(index))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2) or b"", position)

    sheets = [name for name in parts if name.startswith("xl/worksheets/sheet")]
    for name in sheets:
        parts[name] = INLINE.sub(shared, parts[name])
    items = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % text for text in index)
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="%d">%s</sst>'
        % (len(index), items))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return len(index)


def main():
    if len(sys.argv) not in (3, 4) or len(sys.argv) == 4 and sys.argv[3] != "--inline-strings":
        sys.exit("usage: make_xlsx.py ROWS OUT.xlsx [--inline-strings]")
    count, out = int(sys.argv[1]), sys.argv[2]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Referrals")
    sheet.append(HEADER)
    for row in rows(count, random.Random(20231)):
        sheet.append(row)
    workbook.save(out)
    if len(sys.argv) == 4:
        print(f"{out}: {count} rows x {len(HEADER)} columns, text inline")
    else:
        strings = to_shared_strings(out)
        print(f"{out}: {count} rows x {len(HEADER)} columns, {strings} shared strings")


if __name__ == "__main__":
    main()
