#!/usr/bin/env python3
"""Writes the import corpus: small documents in the layouts English councils publish their
children's services plans in, each with the result a person expects from it (`NAME.expected.json`).

The plans below are written by the team for this corpus, in the *layouts* of published plans,
trackers, committee packs and work programmes (studied, not copied). The expected results are
written here by hand beside the text they describe: each action's ref, title, leads and due
date as a performance officer would read them off the page.

Run once after changing it (the generated files are committed, so the tests need no Python):

    pip install python-docx openpyxl
    python3 Tests/PlanImportTests/Fixtures/Corpus/make_corpus.py
"""
import calendar
import csv
import datetime
import io
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9


def iso(written):
    """The day a written due date stands for, as the corpus expects it: a month means its last
    day; dd/mm/yyyy and `d Month yyyy` the day itself. None when no date is written."""
    if not written:
        return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", written)
    if m:
        return datetime.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", written)
    if m:
        return datetime.date(int(m[3]), MONTHS[m[2].lower()], int(m[1])).isoformat()
    if written.lower() in ("ongoing", "tbc", "monthly"):
        return None
    m = re.fullmatch(r"(\d{4})/(\d{2})", written)  # a financial year: due by 31 March of its second year
    if m:
        return datetime.date(int(m[1]) + 1, 3, 31).isoformat()
    m = re.fullmatch(r"([A-Za-z]+) (\d{2})", written)  # "Sept 24": a month and a two-digit year
    if m:
        year, month = 2000 + int(m[2]), MONTHS[m[1].lower()]
        return datetime.date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    m = re.fullmatch(r"Q([1-4]) (\d{4})/(\d{2})", written)  # financial quarters: Q1 = April–June
    if m:
        start = int(m[2])
        year, month = (start, 3 * int(m[1]) + 3) if int(m[1]) < 4 else (start + 1, 3)
        return datetime.date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) ([A-Za-z]+) (\d{4})", written)
    if m:
        return datetime.date(int(m[3]), MONTHS[m[2].lower()], int(m[1])).isoformat()
    m = re.fullmatch(r"(?:End of |By )?([A-Za-z]+) (\d{4})", written)
    if m:
        year, month = int(m[2]), MONTHS[m[1].lower()]
        return datetime.date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    raise ValueError(written)


class Act:
    """One action (or tracker recommendation) as written in the document, and as expected."""

    def __init__(self, ref, title, leads, due=None, status="", progress="", shown_ref=None):
        self.ref = ref                # the reference Oversight should give it
        self.shown_ref = ref if shown_ref is None else shown_ref  # as printed ("" when none)
        self.title = title
        self.leads = leads
        self.due = due
        self.status = status
        self.progress = progress

    def expected(self):
        return {"ref": self.ref, "title": self.title, "leads": self.leads, "due": iso(self.due)}


class Area:
    def __init__(self, ref, title, actions, why="", good=""):
        self.ref, self.title, self.actions, self.why, self.good = ref, title, actions, why, good


def plan(title, kind, areas, themes=()):
    return {"title": title, "kind": kind, "themes": list(themes),
            "areas": [{"ref": a.ref, "title": a.title} for a in areas if a.ref],
            "actions": [x.expected() for a in areas for x in a.actions]}


def write_expected(name, layout, plans, note, work_programmes=None):
    expected = {"file": name, "layout": layout, "note": note, "plans": plans}
    if work_programmes is not None:
        expected["workProgrammes"] = work_programmes
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")


def meeting(written):
    """A meeting as the corpus expects it: `2023-09-12` for a day, `2024-06` for a month only."""
    m = re.fullmatch(r"([A-Za-z]+) (\d{4})", written)
    if m:
        return f"{int(m[2]):04d}-{MONTHS[m[1].lower()]:02d}"
    m = re.fullmatch(r"(?:[A-Za-z]+ )?(\d{1,2}) ([A-Za-z]+) (\d{4})(?: .*)?", written)
    if m:
        return datetime.date(int(m[3]), MONTHS[m[2].lower()], int(m[1])).isoformat()
    return iso(written)


def programme(items):
    """A work programme as expected: its meetings in order, and each item with its presenter
    and when it comes (a meeting, or `every meeting`, `quarterly`, `annually N`)."""
    meetings = []
    for item in items:
        if item["when"][0].isdigit() and item["when"] not in meetings:
            meetings.append(item["when"])
    return {"meetings": meetings, "items": items}


def wp_item(title, presenter, when):
    return {"title": title, "presenter": presenter, "when": when}


# ---------------------------------------------------------------- text exports (PDF → text)

def cell_html(text, style="p"):
    """A cell as PDF extraction leaves it: lines as <p> (or <br>), bullets as <ul><li>."""
    lines = [l for l in text.split("\n") if l]
    if not lines:
        return ""
    if style == "br":
        return "<br>".join(lines)
    if style == "li" and len(lines) > 1:
        return "<ul>" + "".join(f"<li>{l}</li>" for l in lines) + "</ul>"
    if len(lines) == 1:
        return lines[0]
    return "".join(f"<p>{l}</p>" for l in lines)


def tsv(rows, style="p"):
    return "\n".join("\t".join(cell_html(c or "", style) for c in row) for row in rows) + "\n"


def write(name, text):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(text)


EMPTY_BOX = "<table><tr><td></td></tr></table>"  # the little box a PDF draws in a % or RAG cell


def committee_pack_service_plan():
    name = "committee-pack-service-plan.txt"
    areas = [
        Area("2.1", "Make sure that every child in need has a plan that says who does what by when", [
            Act("2.1.1", "Relaunch the child in need plan template with SMART outcomes", ["Head of Service, Children in Need"], "Jun 2022", shown_ref=""),
            Act("2.1.2", "Audit twenty child in need plans each month and feed back to teams", ["Quality Assurance Manager"], "Sep 2022", shown_ref=""),
            Act("2.1.3", "Team managers review plans at every supervision", ["Team Managers", "Principal Social Worker"], "Jul 2022", shown_ref=""),
        ]),
        Area("2.2", "Make sure that children's voices shape their plans", [
            Act("2.2.1", "Introduce a 'my plan' page written with the child", ["Participation Lead"], "Oct 2022", shown_ref=""),
            Act("2.2.2", "Train social workers in direct work tools", ["Workforce Development Manager"], "Dec 2022", shown_ref=""),
        ]),
        Area("2.3", "Make sure that management oversight is visible on every file", [
            Act("2.3.1", "Publish a management oversight practice standard", ["Assistant Director, Social Care"], "May 2022", shown_ref=""),
            Act("2.3.2", "Report oversight compliance to the monthly performance meeting", ["Performance Manager"], "Jun 2022", shown_ref=""),
            Act("2.3.3", "Spot-check oversight recording on open cases", ["Service Managers"], "Aug 2022", shown_ref=""),
        ]),
    ]
    header = ["Ref", "Outcome", "Action", "Success measure", "Lead", "Date", "% complete", "RAG"]
    rows = [header]
    for area in areas:
        rows.append([area.ref, area.title, "", "", "", "", "", ""])
        for a in area.actions:
            rows.append(["", "", a.title, "Audit grades improve", "\n".join(a.leads), a.due, EMPTY_BOX, EMPTY_BOX])
    out = []
    out.append("Northbridge City Council\n\nChildren and Young People Scrutiny Panel\n\n14 MARCH 2022\n\n")
    out.append("AGENDA\n\n")
    out.append(tsv([["Item", "Subject", "Page No"], ["1.", "Apologies for absence", ""],
                    ["2.", "Declarations of interest", ""], ["3.", "Minutes of the meeting held on 10 January 2022", "1 - 6"],
                    ["4.", "Children's services improvement update", "7 - 22"], ["5.", "Work programme", "23 - 26"]]))
    out.append("\nMembership\n\n")
    out.append(tsv([["Councillor", "Role"], ["Cllr A. Patel", "Chair"], ["Cllr R. Owen", "Vice-Chair"], ["Cllr S. Murray", "Member"]]))
    out.append("\n1. PURPOSE OF THE REPORT\n\nThis report updates the panel on progress against the service action plan agreed in December.\n\n")
    out.append("3. CONTEXT\n\nThe service was inspected in October 2021. The panel asked to see the plan in full each quarter.\n\n")
    out.append("4. Service action plan for the year\n\n")
    out.append(tsv(rows[:6]))
    out.append("\n12\n\n")            # page number left by the extraction
    out.append(tsv([header] + rows[6:]))  # header repeated after the page break
    out.append("\n5. RECOMMENDATION\n\nThat the panel notes the progress made.\n")
    write(name, "".join(out))
    write_expected(name, "text export: committee pack (agenda, membership, report headings, date line) with an action plan; area rows then actions without refs; HTML boxes in cells",
                   [plan("Service action plan for the year", "improvementPlan", areas)],
                   "Actions have no reference of their own: they are numbered under their area row (2.1.1 …).")


def committee_pack_early_help():
    name = "committee-pack-early-help.txt"
    themes = ["Partnership Working", "Workforce"]
    areas = [
        Area("1", "Partners share responsibility for early help", [
            Act("1.1", "Agree an early help partnership strategy with schools, health and police", ["Early Help Strategic Lead", "Partnership Board"], "Sep 2023", "In progress", "Draft strategy shared with partners in June."),
            Act("1.2", "Set up a multi-agency early help panel in each locality", ["Locality Managers"], "Nov 2023", "Not started"),
            Act("1.3", "Publish a single early help assessment form for all agencies", ["Early Help Strategic Lead"], "Jul 2023", "Complete", "Form in use since 3 July."),
        ]),
        Area("2", "Practitioners have the skills to help families early", [
            Act("2.1", "Deliver whole-family working training to 300 practitioners", ["Learning and Development Manager"], "Mar 2024", "In progress", "180 trained so far."),
            Act("2.2", "Introduce practice supervision for early help workers", ["Head of Early Help"], "Dec 2023", "In progress"),
        ]),
    ]
    header = ["Ref", "Action", "Lead(s)", "Timescale", "Status", "Progress update"]
    def arows(area):
        r = [[area.ref, area.title.upper(), "", "", "", ""]]
        for a in area.actions:
            r.append([a.ref, a.title, "\n".join(a.leads), a.due, a.status, a.progress])
        return r
    rows1 = [header, ["THEME 1: PARTNERSHIP WORKING"]] + arows(areas[0])
    out = ["Eastmoor Borough Council\nChildren's Services Committee\n5 September 2023\n\n",
           "Contact officer\n\n",
           tsv([["Name", "Title", "Telephone"], ["J. Hart", "Head of Early Help", "01632 960000"]]),
           "\nThe committee is asked to note the progress on the Early Help Improvement Plan set out below.\n\n",
           "Early Help Improvement Plan 2023-24\n\n"]
    # the first action breaks across a page: its title carries on in a row with no ref
    first = rows1[3]
    rows1[3] = [first[0], "Agree an early help partnership strategy with schools,", first[2], first[3], first[4], first[5]]
    out.append(tsv(rows1[:4]))
    out.append("\n--\t--\t--\t--\t--\t--\n\n")
    out.append(tsv([header + ["", ""], ["", "health and police", "", "", "", ""]] + rows1[4:]))
    out.append(tsv([["THEME 2: WORKFORCE"]] + arows(areas[1])))
    write(name, "".join(out))
    write_expected(name, "text export: committee pack with contact table, theme rows in the first column, area rows, repeated header with extra empty cells, a continuation row",
                   [plan("Early Help Improvement Plan 2023-24", "improvementPlan", areas, themes)], "")


def scrutiny_tracker_2019():
    name = "scrutiny-tracker-2019.txt"
    recs = [
        Act("1", "The council reviews how quickly contacts are screened at the front door", ["Children's Social Care"], status="Completed – new screening standard in place from October", progress="A review is under way."),
        Act("2", "Schools are told the outcome of every referral they make", ["Children's Social Care", "Education Safeguarding Team"], status="In progress", progress="A letter template has been drafted."),
        Act("3", "The partnership publishes a neglect strategy", ["Safeguarding Children Partnership"], status="Complete", progress="Strategy drafted."),
        Act("4", "Health visitors attend every initial child protection conference", ["Clinical Commissioning Group"], status="In progress", progress="Attendance is 78%."),
        Act("5", "Members receive a quarterly report on children missing from home", ["Head of Service, Adolescents"], status="Completed", progress="First report due in July."),
        Act("6", "The council sets a target for stability of placements", ["Head of Service, Children in Care"], status="Not started", progress=""),
        Act("7a", "Care leavers are offered a council tax exemption to age 25", ["Director of Finance"], status="Completed", progress="Cabinet report in September."),
        Act("7b", "Care leavers are offered free leisure passes", ["Head of Leisure Services"], status="In progress", progress="Talks with the leisure trust."),
    ]
    header = ["", "Recommendation", "Lead agency/officer", "Response (as at June 2019)", "Update (as at January 2020)", "Status"]
    rows = [header] + [[r.ref + ("." if r.ref.isdigit() else ""), r.title, " / ".join(r.leads), r.progress, "Update given at the meeting.", r.status] for r in recs]
    out = ["Westford Council\nScrutiny review of the front door: recommendation tracker\nJanuary 2020\n\n",
           "The review reported to Cabinet in May 2019. Cabinet accepted all the recommendations. This tracker shows the response and progress.\n\n",
           tsv(rows[:5]), "\n", tsv([header] + rows[5:], style="br")]
    write(name, "".join(out))
    write_expected(name, "text export: scrutiny recommendation tracker, reference column with an empty header, 7a/7b, 'Completed – …' status",
                   [plan("Scrutiny review of the front door: recommendation tracker", "recommendationTracker", [Area("", "", recs)])], "No due dates in a tracker.")


def scrutiny_tracker_send():
    name = "scrutiny-tracker-send.txt"
    recs = [
        Act("1", "Every EHC plan is issued within 20 weeks", ["SEND Service Manager"], status="In progress", progress="61% in 20 weeks this year."),
        Act("2", "Parents can track their child's EHC request online", ["Head of SEND", "Digital Services"], status="Completed", progress="Portal live from April."),
        Act("3", "Annual reviews are held on time and the plan is amended within four weeks", ["SEND Service Manager"], status="In progress"),
        Act("4", "Schools have access to an inclusion adviser", ["Head of Inclusion"], status="Complete"),
        Act("5a", "The council increases specialist places in the north of the borough", ["Head of School Place Planning"], status="In progress"),
        Act("5b", "The council reviews home to school transport for SEND pupils", ["Head of Transport"], status="Not started"),
    ]
    header = ["No.", "Recommendation", "Lead", "Response", "RAG"]
    rows = [header] + [[r.ref, r.title, "\n".join(r.leads), r.progress, r.status] for r in recs]
    out = ["SEND Task and Finish Group\nRecommendations and progress\n\n",
           "Glossary\n\n", tsv([["Term", "Meaning"], ["EHC plan", "Education, health and care plan"], ["SENCO", "Special educational needs co-ordinator"], ["RAG", "Red, amber, green rating"]]),
           "\nThe group made six recommendations. Progress against each is set out below.\n\n", tsv(rows)]
    write(name, "".join(out))
    write_expected(name, "text export: task group recommendations with a glossary table before them, 5a/5b",
                   [plan("Recommendations and progress", "recommendationTracker", [Area("", "", recs)])], "")


def board_work_programme():
    name = "board-work-programme.txt"
    rows = [["Meeting date", "Agenda item", "Lead"],
            ["12 September 2023", "", ""],
            ["", "Improvement plan progress report", "Director of Children's Services"],
            ["", "Performance scorecard", "Head of Performance"],
            ["14 November 2023", "", ""],
            ["", "Independent reviewing officer annual report", "IRO Service Manager"],
            ["", "Ofsted monitoring visit feedback", "Assistant Director"],
            ["16 January 2024", "", ""],
            ["", "Sufficiency strategy update", "Head of Commissioning"],
            ["Standing items", "", ""],
            ["", "Minutes and action log", "Chair"],
            ["", "Work programme", "Board Manager"]]
    out = ["Children's Improvement Board\nWork programme 2023-24\n\n", tsv(rows),
           "\nItems may move between meetings at the chair's discretion.\n"]
    write(name, "".join(out))
    items, when = [], None
    for date, title, lead in rows[1:]:
        if date:
            when = "every meeting" if date == "Standing items" else meeting(date)
        else:
            items.append(wp_item(title, lead, when))
    write_expected(name, "text export: a board's work programme (meeting-date rows, agenda item | lead rows, standing items): no plan", [],
                   "A work programme is not a plan: importing it as one would store an empty or false plan. It is a board's work programme.",
                   [programme(items)])


def plan_on_a_page_themes():
    name = "plan-on-a-page-themes.txt"
    themes = ["Leadership and Governance", "Practice Quality", "Children in Care"]
    areas = [
        Area("1.1", "Leaders know the quality of practice", [
            Act("1.1.1", "Monthly practice week with leaders on the front line", ["Director of Children's Services"], "30/06/2024"),
            Act("1.1.2", "Quarterly audit report to the improvement board", ["Head of Quality Assurance"], "31/07/2024"),
        ]),
        Area("2.1", "Assessments are timely and analytical", [
            Act("2.1.1", "Assessment practice workshops for all social workers", ["Principal Social Worker"], "30/09/2024"),
            Act("2.1.2", "Weekly tracking of assessments past 35 days", ["Team Managers"], "31/05/2024"),
            Act("2.1.3", "Refresh the assessment template in the case system", ["Systems Lead", "Principal Social Worker"], "31/10/2024"),
        ]),
        Area("3.1", "Children in care live close to home", [
            Act("3.1.1", "Recruit 25 more local foster carers", ["Fostering Service Manager"], "31/03/2025"),
            Act("3.1.2", "Open a four-bed children's home in the borough", ["Head of Commissioning"], "31/12/2024"),
        ]),
    ]
    header = ["Ref", "Action", "Lead", "Deadline", "BRAG"]
    rows = [header]
    for i, t in enumerate(themes):
        rows.append([f"THEME {i + 1}: {t.upper()}", "", "", "", ""])
        area = areas[i]
        rows.append([area.ref, area.title, "", "", ""])
        for a in area.actions:
            rows.append([a.ref, a.title, "\n".join(a.leads), a.due, "Green"])
    text = "Southvale Council\nChildren's Services Improvement Plan 2024-25\nPlan on a page\n\n" + tsv(rows, style="br")
    write(name, text)
    write_expected(name, "text export: plan on a page with THEME rows in the first column and area rows with refs",
                   [plan("Children's Services Improvement Plan 2024-25", "improvementPlan", areas, themes)], "")


def partnership_priorities():
    name = "safeguarding-partnership-plan.txt"
    themes = ["Neglect", "Exploitation"]
    areas = [
        Area("1", "Neglect is recognised early", [
            Act("1.1", "Roll out the graded care profile to all partner agencies", ["Partnership Business Manager", "Health Designated Nurse"], "Dec 2024"),
            Act("1.2", "Multi-agency audit of neglect cases", ["Quality Assurance Sub-group"], "Mar 2025"),
        ]),
        Area("2", "Children at risk of exploitation are safer", [
            Act("2.1", "Map exploitation hotspots with police and community safety", ["Detective Inspector, Exploitation"], "Sep 2024"),
            Act("2.2", "Train taxi drivers and hotel staff to spot exploitation", ["Licensing Manager"], "Jan 2025"),
            Act("2.3", "Review the missing from home return interview offer", ["Head of Adolescent Services"], "Nov 2024"),
        ]),
    ]
    header = ["Ref", "What we will do", "Who", "By when", "Update"]
    rows = [header]
    for i, area in enumerate(areas):
        rows.append([f"PRIORITY {i + 1}: {themes[i].upper()}"])
        rows.append([area.ref + ".", area.title])
        for a in area.actions:
            rows.append([a.ref, a.title, " / ".join(a.leads), a.due, ""])
    text = ("Riverside Safeguarding Children Partnership\nBusiness plan 2024-25\n\n"
            "Our priorities were agreed by the executive in March. Each sub-group reports to the executive every quarter.\n\n"
            + tsv(rows))
    write(name, text)
    write_expected(name, "text export: partnership business plan with PRIORITY rows and numbered area rows",
                   [plan("Business plan 2024-25", "improvementPlan", areas, themes)], "")


# ---------------------------------------------------------------- CSV

def csv_text(rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def tracker_export_csv():
    name = "tracker-export.csv"
    acts = [
        Act("1.1", "Recruit permanent team managers to the assessment service", ["Head of Service, Assessment"], "31/03/2024", "In progress"),
        Act("1.2", "Reduce caseloads to an average of 18", ["Head of Service, Assessment"], "30/06/2024", "In progress"),
        Act("1.3", "Launch the social work academy for newly qualified staff", ["Principal Social Worker"], "30/09/2023", "Completed"),
        Act("2.1", "Hold a strategy discussion within one working day of a referral", ["MASH Manager", "Police Safeguarding Hub"], "31/01/2024", "Complete"),
        Act("2.2", "Record the rationale for every no-further-action decision", ["MASH Manager"], "29/02/2024", "In progress"),
        Act("2.3", "Audit threshold decisions with partners each quarter", ["Partnership Business Manager"], "31/05/2024", "Not started"),
    ]
    rows = [["Ref", "Action", "Lead officer", "Target date", "Status", "Latest update"]]
    rows += [[a.ref, a.title, "\n".join(a.leads), a.due, a.status, ""] for a in acts]
    write(name, csv_text(rows))
    write_expected(name, "CSV tracker export with multi-line lead cells",
                   [plan("tracker-export", "improvementPlan", [Area("", "", acts)])], "No title in a CSV: the file's name.")


def care_leavers_csv():
    name = "care-leavers-actions.csv"
    acts = [
        Act("CL1", "Every care leaver has a pathway plan reviewed every six months", ["Leaving Care Service Manager"], "Mar 2024", "In progress"),
        Act("CL2", "Offer a staying close placement to every young person leaving a children's home", ["Head of Children in Care"], "Jun 2024", "Not started"),
        Act("CL3", "Set up a care leavers' hub with housing and health advice", ["Leaving Care Service Manager", "Housing Options"], "Dec 2023", "Completed"),
        Act("CL4", "Guarantee an apprenticeship interview for every care leaver who asks", ["Head of HR"], "Sep 2024", "In progress"),
    ]
    rows = [["Action no", "Action", "Owner", "Due date", "RAG status", "Comments"]]
    rows += [[a.ref, a.title, "; ".join(a.leads), a.due, a.status, "Reviewed by the corporate parenting board"] for a in acts]
    write(name, csv_text(rows))
    write_expected(name, "CSV action log with letter-prefixed references and semicolon-separated owners",
                   [plan("care-leavers-actions", "improvementPlan", [Area("", "", acts)])], "")


# ---------------------------------------------------------------- HTML

def h(text):
    return text.replace("&", "&amp;").replace("<", "&lt;")


def html_cell(text):
    lines = [l for l in text.split("\n") if l]
    return "<br>".join(h(l) for l in lines)


def improvement_plan_html():
    name = "improvement-plan.html"
    areas = [
        Area("1", "Help and protection: children are seen and safeguarded quickly", [
            Act("1.1", "Daily MASH meeting with police and health to agree next steps", ["MASH Team Manager", "Police Sergeant, MASH"], "Apr 2024"),
            Act("1.2", "Strategy meetings held within one working day", ["MASH Team Manager"], "Jun 2024"),
            Act("1.3", "Improve the quality of child protection plans", ["Child Protection Chairs Manager"], "Sep 2024"),
        ]),
        Area("2", "Children in care: plans for permanence are made early", [
            Act("2.1", "Permanence planning meeting by the second review", ["IRO Service Manager"], "Jul 2024"),
            Act("2.2", "Track every child's plan for permanence monthly", ["Head of Children in Care"], "May 2024"),
        ]),
    ]
    body = ["<!DOCTYPE html><html><head><title>Improvement plan</title></head><body>",
            "<h1>Hartfield County Council</h1><p>Children's services</p>",
            "<h2>Inspection judgements</h2><table><tr><th>Judgement</th><th>Grade</th></tr>",
            "<tr><td>Impact of leaders</td><td>Requires improvement to be good</td></tr>",
            "<tr><td>Help and protection</td><td>Requires improvement to be good</td></tr>",
            "<tr><td>Children in care</td><td>Good</td></tr><tr><td>Overall effectiveness</td><td>Requires improvement to be good</td></tr></table>",
            "<h2>ILACS Improvement Plan 2024</h2>",
            "<table><thead><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Due date</th><th>Status</th></tr></thead><tbody>"]
    for area in areas:
        body.append(f"<tr><td colspan=\"5\"><strong>{area.ref}. {h(area.title)}</strong></td></tr>")
        # the first two actions of an area share a lead cell merged down (rowspan)
        for i, a in enumerate(area.actions):
            lead = ""
            if i == 0 and len(area.actions) > 1 and area.actions[1].leads == a.leads:
                lead = f"<td rowspan=\"2\">{html_cell(chr(10).join(a.leads))}</td>"
            elif i == 1 and area.actions[0].leads == a.leads:
                lead = ""
            else:
                lead = f"<td>{html_cell(chr(10).join(a.leads))}</td>"
            body.append(f"<tr><td>{a.ref}</td><td>{h(a.title)}</td>{lead}<td>{a.due}</td><td>In progress</td></tr>")
    body.append("</tbody></table>")
    body.append("<h2>Contacts</h2><table><tr><th>Name</th><th>Role</th><th>Email</th></tr>"
                "<tr><td>P. Singh</td><td>Improvement Lead</td><td>improvement@example.org</td></tr></table>")
    body.append("<h2>Glossary</h2><table><tr><th>Term</th><th>Meaning</th></tr><tr><td>MASH</td><td>Multi-agency safeguarding hub</td></tr>"
                "<tr><td>IRO</td><td>Independent reviewing officer</td></tr></table></body></html>")
    write(name, "\n".join(body))
    write_expected(name, "HTML page: judgement grid, plan with colspan area rows and rowspan leads, contacts and glossary tables",
                   [plan("ILACS Improvement Plan 2024", "improvementPlan", areas)], "")


def send_written_statement_html():
    name = "send-written-statement.html"
    themes = ["Identification of Needs", "Joint Commissioning"]
    areas = [
        Area("1", "Needs are identified early and accurately", [
            Act("1.1", "Introduce a shared early years checklist for health visitors and nurseries", ["Designated Clinical Officer", "Early Years Lead"], "Jul 2024"),
            Act("1.2", "Reduce the wait for a neurodevelopmental assessment to 18 weeks", ["ICB Commissioning Manager"], "Mar 2025"),
        ], why="Families told inspectors they waited too long.", good="Children's needs are known before they start school."),
        Area("2", "Services are commissioned together", [
            Act("2.1", "Agree a joint commissioning strategy for SEND", ["Head of Joint Commissioning"], "Oct 2024"),
            Act("2.2", "Pool budgets for speech and language therapy", ["Director of Finance", "ICB Chief Finance Officer"], "Apr 2025"),
        ], why="Partners commission separately and gaps open.", good="One plan for services, agreed by all partners."),
    ]
    body = ["<html><body><h1>Area SEND inspection</h1><h2>Written statement of action</h2>",
            "<p>The local area partnership submitted this statement to Ofsted and the CQC.</p>",
            "<table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>By when</th><th>Measure of success</th></tr>"]
    for i, area in enumerate(areas):
        body.append(f"<tr><td colspan=\"5\">Priority {i + 1}: {themes[i]}</td></tr>")
        body.append(f"<tr><td>{area.ref}</td><td colspan=\"4\">{h(area.title)}</td></tr>")
        body.append(f"<tr><td colspan=\"5\">Why this is important: {h(area.why)}</td></tr>")
        for a in area.actions:
            body.append(f"<tr><td>{a.ref}</td><td>{h(a.title)}</td><td>{html_cell(chr(10).join(a.leads))}</td><td>{a.due}</td><td>Audit shows improvement</td></tr>")
        body.append(f"<tr><td colspan=\"5\">What good looks like: {h(area.good)}</td></tr>")
    body.append("</table></body></html>")
    write(name, "\n".join(body))
    write_expected(name, "HTML written statement of action: Priority rows, area rows, 'Why this is important' and 'What good looks like' rows",
                   [plan("Written statement of action", "improvementPlan", areas, themes)], "")


def recommendations_html():
    name = "recommendations-tracker.html"
    recs = [
        Act("1", "Improve the timeliness of initial health assessments for children in care", ["Designated Nurse, Children in Care"], status="In progress"),
        Act("2", "Strengthen the voice of children in their reviews", ["IRO Service Manager"], status="Completed"),
        Act("3", "Make sure return home interviews are offered within 72 hours", ["Head of Adolescent Services"], status="Completed – all interviews offered in time since March"),
        Act("4a", "Review the quality of pathway plans", ["Leaving Care Service Manager"], status="In progress"),
        Act("4b", "Make sure care leavers know their entitlements", ["Leaving Care Service Manager", "Participation Officer"], status="Not started"),
    ]
    body = ["<html><body><h2>Monitoring visit recommendations – progress</h2>",
            "<table><tr><th></th><th>Recommendation</th><th>Lead officer</th><th>Response</th><th>Status</th></tr>"]
    for r in recs:
        body.append(f"<tr><td>{r.ref}</td><td>{h(r.title)}</td><td>{html_cell(chr(10).join(r.leads))}</td><td>Work is under way.</td><td>{h(r.status)}</td></tr>")
    body.append("</table><p>RAG key</p><table><tr><th>Colour</th><th>Meaning</th></tr><tr><td>Red</td><td>Off track</td></tr>"
                "<tr><td>Amber</td><td>At risk</td></tr><tr><td>Green</td><td>On track</td></tr></table></body></html>")
    write(name, "\n".join(body))
    write_expected(name, "HTML tracker: empty reference header, 4a/4b, a RAG key table",
                   [plan("Monitoring visit recommendations – progress", "recommendationTracker", [Area("", "", recs)])], "")


def board_pack_html():
    name = "board-pack-with-work-programme.html"
    acts = [
        Act("1", "Circulate the revised terms of reference before the next meeting", ["Board Manager"], "10 October 2023"),
        Act("2", "Bring the audit findings on neglect to the November board", ["Head of Quality Assurance"], "14 November 2023"),
        Act("3", "Share the placement sufficiency data with health partners", ["Head of Commissioning", "ICB Designated Nurse"], "31 October 2023"),
    ]
    body = ["<html><body><h1>Corporate Parenting Board</h1><p>12 September 2023</p>",
            "<h2>Agenda</h2><table><tr><th>Item</th><th>Title</th><th>Presenter</th><th>Purpose</th></tr>"
            "<tr><td>1</td><td>Welcome and apologies</td><td>Chair</td><td>Information</td></tr>"
            "<tr><td>2</td><td>Minutes and action log</td><td>Chair</td><td>Decision</td></tr>"
            "<tr><td>3</td><td>Care leavers' offer</td><td>Head of Leaving Care</td><td>Discussion</td></tr></table>",
            "<h2>Action log</h2><table><tr><th>Action no.</th><th>Action</th><th>Owner</th><th>Due date</th><th>Status</th></tr>"]
    for a in acts:
        body.append(f"<tr><td>{a.ref}</td><td>{h(a.title)}</td><td>{html_cell(chr(10).join(a.leads))}</td><td>{a.due}</td><td>Open</td></tr>")
    body.append("</table><h2>Work programme</h2><table><tr><th>Meeting</th><th>Item</th><th>Lead</th></tr>"
                "<tr><td>14 November 2023</td><td>Health of children in care annual report</td><td>Designated Nurse</td></tr>"
                "<tr><td>14 November 2023</td><td>Virtual school report</td><td>Virtual School Head</td></tr>"
                "<tr><td>16 January 2024</td><td>Fostering service annual report</td><td>Fostering Manager</td></tr></table></body></html>")
    write(name, "\n".join(body))
    write_expected(name, "HTML board pack: agenda table, an action log, a work programme table",
                   [plan("Action log", "improvementPlan", [Area("", "", acts)])],
                   "The action log is read as a plan; the agenda is not a plan; the work programme is a board's work programme.",
                   [programme([wp_item("Health of children in care annual report", "Designated Nurse", "2023-11-14"),
                               wp_item("Virtual school report", "Virtual School Head", "2023-11-14"),
                               wp_item("Fostering service annual report", "Fostering Manager", "2024-01-16")])])


# ---------------------------------------------------------------- Word

def docx_lib():
    import docx  # python-docx
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    return docx, qn, OxmlElement


def docx_table(document, rows, widths=None):
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue
            cell = table.cell(r, c)
            lines = text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    return table


def save_docx(document, name):
    document.core_properties.author = "Oversight corpus"
    document.core_properties.created = datetime.datetime(2024, 1, 1)
    document.core_properties.modified = datetime.datetime(2024, 1, 1)
    document.save(os.path.join(HERE, name))


def ofsted_action_plan_docx():
    docx, qn, OxmlElement = docx_lib()
    name = "ofsted-action-plan-nested.docx"
    areas = [
        Area("1", "Improve the quality and timeliness of assessments for disabled children", [
            Act("1.1", "Create a dedicated assessment pod in the disabled children's team", ["Head of Disabled Children's Service"], "Feb 2024"),
            Act("1.2", "Audit all open assessments older than 45 days", ["Head of Disabled Children's Service"], "Jan 2024"),
            Act("1.3", "Commission training on communicating with non-verbal children", ["Workforce Development Manager"], "Apr 2024"),
        ]),
        Area("2", "Improve the oversight of children living in unregistered homes", [
            Act("2.1", "Weekly review of every child in an unregistered home by the Assistant Director", ["Assistant Director, Children in Care"], "Dec 2023"),
            Act("2.2", "Notify Ofsted within one working day of any new placement", ["Placements Team Manager"], "Dec 2023"),
        ]),
    ]
    document = docx.Document()
    document.add_heading("Ofsted focused visit: action plan", level=1)
    document.add_paragraph("Prepared for the Improvement Board, November 2023.")
    header = ["Ref", "Action", "Lead", "Timescale", "Progress"]
    rows = [header]
    merges = []
    vmerges = []
    for area in areas:
        rows.append([f"Recommendation {area.ref}: {area.title}", "", "", "", ""])
        merges.append(len(rows) - 1)
        start = len(rows)
        for a in area.actions:
            rows.append([a.ref, a.title, "\n".join(a.leads), a.due, ""])
        if len(area.actions) > 1 and area.actions[0].leads == area.actions[1].leads:
            vmerges.append((start, start + 1))
    table = docx_table(document, rows)
    for r in merges:
        merged = table.cell(r, 0).merge(table.cell(r, 4))
        merged.paragraphs[0].text = rows[r][0]
    for top, bottom in vmerges:
        text = rows[top][2]
        merged = table.cell(top, 2).merge(table.cell(bottom, 2))
        for p in merged.paragraphs[1:]:
            p._element.getparent().remove(p._element)
        merged.paragraphs[0].text = text
    # a nested table of monthly figures inside the first action's progress cell
    cell = table.cell(2, 4)
    cell.paragraphs[0].text = "Assessments completed in 45 days:"
    inner = cell.add_table(rows=3, cols=2)
    for r, (m, v) in enumerate([("Month", "%"), ("September", "58"), ("October", "66")]):
        inner.cell(r, 0).text = m
        inner.cell(r, 1).text = v
    document.add_paragraph("Next review: February 2024.")
    save_docx(document, name)
    # The area rows read "Recommendation 1: …": the area's ref is 1, its title what follows.
    write_expected(name, "Word: recommendation rows merged across the table, a lead merged down two rows, a table of figures nested in a progress cell",
                   [plan("Ofsted focused visit: action plan", "improvementPlan", areas)], "")


def practice_plan_docx():
    docx, qn, OxmlElement = docx_lib()
    name = "practice-improvement-plan.docx"
    areas = [
        Area("3", "Supervision is regular and reflective", [
            Act("3.1", "Supervision audit tool rolled out to all teams", ["Principal Social Worker"], "Sep 2024"),
            Act("3.2", "Group supervision every month in each team", ["Team Managers"], "Oct 2024"),
        ]),
        Area("4", "Children's records are up to date", [
            Act("4.1", "Case recording standard relaunched with examples", ["Head of Practice"], "Jul 2024"),
            Act("4.2", "Business support to record meeting notes within five days", ["Business Support Manager"], "Aug 2024"),
            Act("4.3", "Monthly dashboard of records with overdue visits", ["Performance Manager"], "Jun 2024"),
        ]),
    ]
    document = docx.Document()
    document.add_paragraph("Redcliffe Metropolitan Borough Council")
    document.add_heading("Practice Improvement Plan 2024", level=1)
    document.add_paragraph("Version 3, May 2024")
    document.add_heading("Membership of the practice board", level=2)
    docx_table(document, [["Name", "Role", "Organisation"], ["K. Adeyemi", "Chair", "Council"],
                          ["L. Brooks", "Member", "Police"], ["M. Chen", "Member", "NHS Trust"]])
    document.add_heading("The plan", level=2)
    rows = [["Ref", "Objective", "Actions", "Lead", "Milestones"]]
    for area in areas:
        rows.append([area.ref, area.title, "", "", ""])
        for a in area.actions:
            rows.append([a.ref, "", a.title, "\n".join(a.leads), ""])
    table = docx_table(document, rows)
    # milestones as a small table nested in the cell: step | date, the last date being the due date
    r = 0
    for area in areas:
        r += 1
        for a in area.actions:
            r += 1
            cell = table.cell(r, 4)
            inner = cell.add_table(rows=1, cols=2)
            inner.cell(0, 0).text = "Complete"
            inner.cell(0, 1).text = a.due
            cell.paragraphs[0].text = a.due
    save_docx(document, name)
    write_expected(name, "Word: membership table, then area rows with actions; due dates also drawn as tables nested in the milestone cells",
                   [plan("Practice Improvement Plan 2024", "improvementPlan", areas)], "")


def ilacs_why_docx():
    docx, qn, OxmlElement = docx_lib()
    name = "ilacs-plan-why-important.docx"
    areas = [
        Area("2.3", "Make sure that care plans are reviewed on time", [
            Act("2.3.1", "IRO to escalate any review held late", ["IRO Service Manager"], "Jan 2024", shown_ref=""),
            Act("2.3.2", "Quarterly report on review timeliness to the board", ["Performance Manager"], "Mar 2024", shown_ref=""),
        ], why="Late reviews leave children's plans drifting.", good="Every review is held on time and the child takes part."),
        Area("2.4", "Make sure that brothers and sisters live together when they should", [
            Act("2.4.1", "Together and apart assessment for every sibling group", ["Head of Children in Care"], "Apr 2024", shown_ref=""),
            Act("2.4.2", "Recruit foster carers for sibling groups", ["Fostering Service Manager", "Marketing Team"], "Sep 2024", shown_ref=""),
            Act("2.4.3", "Panel to check sibling assessments before matching", ["Agency Decision Maker"], "Feb 2024", shown_ref=""),
        ], why="Children told us they want to live with their brothers and sisters.", good="Sibling groups are kept together unless an assessment says otherwise."),
    ]
    document = docx.Document()
    document.add_heading("Children in care improvement plan", level=1)
    document.add_paragraph("14 MARCH 2024")
    rows = [["Ref", "Area for improvement", "Action", "Lead", "Target date"]]
    merged = []
    for area in areas:
        rows.append([area.ref, area.title, "", "", ""])
        rows.append(["Why this is important", area.why, None, None, None]); merged.append(len(rows) - 1)
        rows.append(["What good looks like", area.good, None, None, None]); merged.append(len(rows) - 1)
        for a in area.actions:
            rows.append(["", "", a.title, "\n".join(a.leads), a.due])
    table = docx_table(document, rows)
    for r in merged:
        text = rows[r][1]
        cell = table.cell(r, 1).merge(table.cell(r, 4))
        for p in cell.paragraphs[1:]:
            p._element.getparent().remove(p._element)
        cell.paragraphs[0].text = text
    save_docx(document, name)
    write_expected(name, "Word: area rows numbered 2.3, 'Why this is important' and 'What good looks like' rows, actions without refs",
                   [plan("Children in care improvement plan", "improvementPlan", areas)], "")


def focused_visit_docx():
    docx, qn, OxmlElement = docx_lib()
    name = "focused-visit-priority-actions.docx"
    areas = [
        Area("1", "Management oversight of children at risk of significant harm", [
            Act("1.1", "Daily review of all open section 47 enquiries by a service manager", ["Service Manager, Child Protection"], "31/01/2024"),
            Act("1.2", "Independent audit of 40 child protection cases", ["Head of Quality Assurance"], "29/02/2024"),
        ]),
        Area("2", "Response to children who go missing", [
            Act("2.1", "Missing children panel meets weekly", ["Head of Adolescent Services", "Police Missing Persons Coordinator"], "31/12/2023"),
            Act("2.2", "Return home interviews recorded on the child's file within 72 hours", ["Youth Support Manager"], "31/01/2024"),
        ]),
    ]
    document = docx.Document()
    document.add_paragraph("Report to: Cabinet")
    document.add_paragraph("Date: 11 December 2023")
    document.add_heading("1. PURPOSE OF THE REPORT", level=2)
    document.add_paragraph("To approve the action plan in response to the focused visit letter.")
    document.add_heading("2. BACKGROUND", level=2)
    document.add_paragraph("Inspectors identified two areas for priority action.")
    document.add_heading("Appendix 1: Priority action plan", level=2)
    rows = [["", "Action", "Responsible officer", "Deadline", "Status"]]
    for area in areas:
        rows.append([f"Priority action {area.ref}: {area.title}", None, None, None, None])
        for a in area.actions:
            rows.append([a.ref + ".", a.title, "\n".join(a.leads), a.due, "Open"])
    table = docx_table(document, rows)
    for r, row in enumerate(rows):
        if row[1] is None:
            cell = table.cell(r, 0).merge(table.cell(r, 4))
            for p in cell.paragraphs[1:]:
                p._element.getparent().remove(p._element)
            cell.paragraphs[0].text = row[0]
    document.add_heading("3. RECOMMENDATIONS", level=2)
    document.add_paragraph("That Cabinet approves the action plan.")
    save_docx(document, name)
    write_expected(name, "Word committee report: report headings, 'Appendix 1' heading, reference column with an empty header, merged priority rows",
                   [plan("Priority action plan", "improvementPlan", areas)], "")


def committee_report_docx():
    docx, qn, OxmlElement = docx_lib()
    name = "committee-report-appendix.docx"
    acts = [
        Act("1", "Hold a member briefing on the inspection outcome", ["Director of Children's Services"], "Feb 2024"),
        Act("2", "Publish the children's services self-evaluation on the council website", ["Head of Performance"], "Mar 2024"),
        Act("3", "Refresh the corporate parenting strategy", ["Head of Children in Care", "Lead Member for Children"], "Jun 2024"),
        Act("4", "Add care-experienced as a protected characteristic in equality assessments", ["Head of Policy"], "Apr 2024"),
    ]
    document = docx.Document()
    document.add_paragraph("OVERVIEW AND SCRUTINY COMMITTEE")
    document.add_paragraph("17 JANUARY 2024")
    document.add_heading("3. CONTEXT", level=2)
    document.add_paragraph("The inspection judged services to be good. The council has agreed a short action plan in response.")
    document.add_heading("4. Action plan in response to the inspection", level=2)
    rows = [["No.", "Action", "Lead", "When", "Comments"]]
    rows += [[a.ref, a.title, "\n".join(a.leads), a.due, ""] for a in acts]
    docx_table(document, rows)
    document.add_heading("5. FINANCIAL IMPLICATIONS", level=2)
    document.add_paragraph("None arising from this report.")
    save_docx(document, name)
    write_expected(name, "Word committee report with numbered report headings, a date line, and a short numbered action table",
                   [plan("Action plan in response to the inspection", "improvementPlan", [Area("", "", acts)])], "")


# ---------------------------------------------------------------- Excel

def xlsx_lib():
    import openpyxl
    return openpyxl


def save_xlsx(book, name):
    book.properties.creator = "Oversight corpus"
    book.properties.created = datetime.datetime(2024, 1, 1)
    book.properties.modified = datetime.datetime(2024, 1, 1)
    book.save(os.path.join(HERE, name))


def improvement_tracker_xlsx():
    openpyxl = xlsx_lib()
    name = "improvement-tracker.xlsx"
    areas = [
        Area("1", "Front door", [
            Act("1.1", "Single point of contact for professionals' calls", ["Head of MASH"], "Apr 2024", "In progress"),
            Act("1.2", "Consent guidance agreed with partners", ["Head of MASH", "Police DI"], "Mar 2024", "Completed"),
        ]),
        Area("2", "Child protection", [
            Act("2.1", "Strengthen core group attendance by health", ["Designated Nurse"], "Jun 2024", "In progress"),
            Act("2.2", "Child protection conference chairs quality-assure plans", ["Conference Chairs Manager"], "May 2024", "Not started"),
            Act("2.3", "Use the neglect toolkit in every neglect case", ["Service Managers"], "Sep 2024", "In progress"),
        ]),
    ]
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    cover["A1"] = "Children's Services Improvement Tracker"
    cover["A3"] = "Version"
    cover["B3"] = "4"
    cover["A4"] = "Date"
    cover["B4"] = "January 2024"
    sheet = book.create_sheet("Action plan")
    sheet["A1"] = "Children's Services Improvement Tracker"
    sheet.merge_cells("A1:G1")
    sheet["A2"] = "Action"
    sheet.merge_cells("A2:B2")
    sheet["C2"] = "Delivery"
    sheet.merge_cells("C2:D2")
    sheet["E2"] = "Progress"
    sheet.merge_cells("E2:G2")
    for c, text in enumerate(["Ref", "Action", "Lead", "Due date", "Status", "% complete", "Update"], start=1):
        sheet.cell(3, c, text)
    row = 4
    for area in areas:
        sheet.cell(row, 1, f"{area.ref}. {area.title}")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
        row += 1
        for a in area.actions:
            sheet.cell(row, 1, a.ref)
            sheet.cell(row, 2, a.title)
            sheet.cell(row, 3, "\n".join(a.leads))
            y, m, d = map(int, iso(a.due).split("-"))
            sheet.cell(row, 4, datetime.datetime(y, m, d)).number_format = "dd/mm/yyyy"
            sheet.cell(row, 5, a.status)
            sheet.cell(row, 6, 100 if a.status == "Completed" else 40)
            sheet.cell(row, 7, "On track")
            row += 1
    key = book.create_sheet("RAG key")
    for r, (colour, meaning) in enumerate([("RAG", "Meaning"), ("Red", "Off track, needs escalation"), ("Amber", "At risk"),
                                           ("Green", "On track"), ("Blue", "Complete")], start=1):
        key.cell(r, 1, colour)
        key.cell(r, 2, meaning)
    glossary = book.create_sheet("Glossary")
    for r, (term, meaning) in enumerate([("Term", "Meaning"), ("MASH", "Multi-agency safeguarding hub"), ("DI", "Detective Inspector")], start=1):
        glossary.cell(r, 1, term)
        glossary.cell(r, 2, meaning)
    save_xlsx(book, name)
    write_expected(name, "Excel: cover sheet, merged title and group header cells above the header row, area rows merged across, RAG key and glossary sheets",
                   [plan("Children's Services Improvement Tracker", "improvementPlan", areas)], "")


def kpi_and_actions_xlsx():
    openpyxl = xlsx_lib()
    name = "kpi-and-actions.xlsx"
    acts = [
        Act("A1", "Weekly placement sufficiency meeting", ["Head of Commissioning"], "Mar 2024", "In progress"),
        Act("A2", "Review every residential placement costing over £5,000 a week", ["Assistant Director, Children in Care"], "Feb 2024", "In progress"),
        Act("A3", "Launch the fostering recruitment campaign", ["Fostering Service Manager"], "Jan 2024", "Complete"),
        Act("A4", "Agree a regional framework for semi-independent homes", ["Head of Commissioning", "Regional Commissioning Lead"], "Jun 2024", "Not started"),
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actions"
    for c, text in enumerate(["Action ref", "Action", "Lead", "Completion date", "RAG", "Commentary"], start=1):
        sheet.cell(1, c, text)
    for r, a in enumerate(acts, start=2):
        sheet.cell(r, 1, a.ref)
        sheet.cell(r, 2, a.title)
        sheet.cell(r, 3, " / ".join(a.leads))
        sheet.cell(r, 4, a.due)
        sheet.cell(r, 5, a.status)
        sheet.cell(r, 6, "")
    kpis = book.create_sheet("KPIs")
    kpis.append(["Measure", "Apr", "May", "Jun", "Jul", "Target"])
    kpis.append(["Children in care per 10,000", 71.2, 70.8, 70.1, 69.5, 65])
    kpis.append(["% placed within 20 miles", 68, 69, 71, 72, 80])
    kpis.append(["Number of foster carers", 142, 143, 145, 149, 160])
    key = book.create_sheet("Key")
    key.append(["Rating", "Meaning"])
    key.append(["Red", "Target missed"])
    key.append(["Green", "Target met"])
    save_xlsx(book, name)
    write_expected(name, "Excel: action sheet, a KPI sheet of monthly figures, a key sheet",
                   [plan("kpi-and-actions", "improvementPlan", [Area("", "", acts)])], "The KPI and key sheets are not plans.")


def sufficiency_plan_xlsx():
    openpyxl = xlsx_lib()
    name = "sufficiency-plan.xlsx"
    themes = ["Foster Care", "Residential Care"]
    areas = [
        Area("1", "More local foster homes", [
            Act("1.1", "Increase the fostering allowance to the regional average", ["Head of Finance, Children's"], "Apr 2024"),
            Act("1.2", "Offer a mockingbird constellation in each district", ["Fostering Service Manager"], "Dec 2024"),
        ]),
        Area("2", "Children's homes close to home", [
            Act("2.1", "Open two two-bed homes", ["Head of Residential Services"], "Mar 2025"),
            Act("2.2", "Joint venture with a provider for a solo-placement home", ["Head of Commissioning"], "Sep 2025"),
        ]),
    ]
    book = openpyxl.Workbook()
    first = True
    for i, area in enumerate(areas):
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = f"Theme {i + 1}"
        sheet["A1"] = f"Theme {i + 1}: {themes[i]}"
        sheet.merge_cells("A1:E1")
        for c, text in enumerate(["Ref", "Action", "Lead", "Due", "Status"], start=1):
            sheet.cell(2, c, text)
        sheet.cell(3, 1, area.ref)
        sheet.cell(3, 2, area.title)
        r = 4
        for a in area.actions:
            for c, text in enumerate([a.ref, a.title, "\n".join(a.leads), a.due, "In progress"], start=1):
                sheet.cell(r, c, text)
            r += 1
    save_xlsx(book, name)
    write_expected(name, "Excel: one sheet per theme with the same columns, a merged theme title in each",
                   [plan(None, "improvementPlan", areas, themes)],
                   "The sheets are one plan; the workbook has no title, so the plan's title is not scored.")


# ---------------------------------------------------------------- harder layouts

def ofsted_recommendation_merged_docx():
    docx, qn, OxmlElement = docx_lib()
    name = "ofsted-recommendations-merged.docx"
    areas = [
        Area("1", "The quality of supervision so that it challenges and directs practice", [
            Act("1.1", "Revise the supervision policy with a reflective template", ["Principal Social Worker"], "Q3 2024/25", shown_ref=""),
            Act("1.2", "Audit supervision records each quarter", ["Head of Quality Assurance"], "Ongoing", shown_ref=""),
            Act("1.3", "Train all team managers in reflective supervision", ["Workforce Development Manager"], "End of March 2025", shown_ref=""),
        ]),
        Area("2", "The timeliness of initial health assessments for children coming into care", [
            Act("2.1", "Notify health within one working day of a child coming into care", ["Children in Care Service Manager"], "31st January 2025", shown_ref=""),
            Act("2.2", "Monthly tracking meeting with the designated nurse", ["Designated Nurse", "Children in Care Service Manager"], "Q4 2024/25", shown_ref=""),
        ]),
        Area("3", "Care leavers' access to suitable accommodation", [
            Act("3.1", "Joint housing protocol for care leavers", ["Head of Housing Options"], "June 2025", shown_ref=""),
            Act("3.2", "Ring-fence ten social housing lets a year for care leavers", ["Director of Housing"], "Q2 2025/26", shown_ref=""),
        ]),
    ]
    document = docx.Document()
    document.add_heading("ILACS action plan 2024-25", level=1)
    document.add_paragraph("Ofsted inspected children's services in June 2024. This plan answers the three recommendations in the report.")
    header = ["Recommendation", "Action", "Lead", "Timescale", "Measure of success", "RAG"]
    rows = [header]
    spans = []
    for area in areas:
        start = len(rows)
        for i, a in enumerate(area.actions):
            rows.append([area.title if i == 0 else "", a.title, "\n".join(a.leads), a.due, "Audit findings improve", "Amber"])
        spans.append((start, len(rows) - 1))
    table = docx_table(document, rows)
    for top, bottom in spans:
        text = rows[top][0]
        merged = table.cell(top, 0).merge(table.cell(bottom, 0))
        for p in merged.paragraphs[1:]:
            p._element.getparent().remove(p._element)
        merged.paragraphs[0].text = text
    save_docx(document, name)
    write_expected(name, "Word Ofsted action plan: recommendation cells merged down over their actions, no references, quarter and 'Ongoing' timescales",
                   [plan("ILACS action plan 2024-25", "improvementPlan", areas)],
                   "Each recommendation is an area numbered in order; its actions are numbered under it. 'Ongoing' is no due date.")


def plan_what_will_we_do():
    name = "plan-what-will-we-do.html"
    areas = [
        Area("1", "Children are safe at home", [
            Act("1.1", "Introduce a family safety plan written with the family", ["Head of Child Protection"], "September 2024", shown_ref=""),
            Act("1.2", "Extend the edge of care team to weekends", ["Head of Targeted Services"], "December 2024", shown_ref=""),
        ]),
        Area("2", "Children are heard", [
            Act("2.1", "Offer every child an advocate at child protection conferences", ["Participation Manager"], "November 2024", shown_ref=""),
            Act("2.2", "Publish 'you said, we did' each quarter", ["Participation Manager", "Communications Team"], "Q3 2024/25", shown_ref=""),
            Act("2.3", "Children's panel to interview senior managers", ["Director of Children's Services"], "March 2025", shown_ref=""),
        ]),
    ]
    body = ["<html><body><h1>Our plan for children 2024-25</h1>",
            "<p>This plan on a page is shared with staff, partners and children.</p>",
            "<table><tr><th>What will we do?</th><th>Who will do it?</th><th>By when?</th><th>How will we know?</th></tr>"]
    for area in areas:
        body.append(f"<tr><td colspan=\"4\"><b>{area.ref}. {h(area.title)}</b></td></tr>")
        for a in area.actions:
            body.append(f"<tr><td>{h(a.title)}</td><td>{html_cell(chr(10).join(a.leads))}</td><td>{a.due}</td><td>Children tell us</td></tr>")
    body.append("</table></body></html>")
    write(name, "\n".join(body))
    write_expected(name, "HTML plan on a page with question headers (What will we do? Who will do it? By when? How will we know?), numbered sections, no action references",
                   [plan("Our plan for children 2024-25", "improvementPlan", areas)], "Actions are numbered under their section.")


def pack_tracker_and_plan():
    name = "pack-tracker-and-plan.txt"
    recs = [
        Act("1", "Leaders set out how they will reduce social worker turnover", ["Director of Children's Services"], status="Completed", progress="Workforce strategy agreed."),
        Act("2", "Managers record the reasons for their decisions on the child's file", ["Head of Practice"], status="In progress", progress="Audit in May."),
        Act("3", "The council reviews its offer to children who are privately fostered", ["Head of Family Support"], status="In progress", progress="Review started."),
    ]
    acts = [
        Act("1.1", "Agree a recruitment and retention package for social workers", ["Head of HR"], "30/09/2024"),
        Act("1.2", "Open a second social work academy cohort", ["Principal Social Worker"], "31/01/2025"),
        Act("2.1", "Launch the management decision-making guide", ["Head of Practice"], "31/07/2024"),
        Act("3.1", "Awareness campaign on private fostering with schools and GPs", ["Head of Family Support", "Communications Team"], "31/10/2024"),
    ]
    tracker_header = ["Rec No", "Recommendation", "Lead", "Progress update (as at May 2024)", "Status"]
    out = ["Corporate Parenting and Children's Services Committee\n20 June 2024\n\n",
           "Item 6: Ofsted inspection – progress\n\n",
           "1. SUMMARY\n\nThe committee received the inspection report in March. This report sets out the recommendation tracker and the action plan that answers it.\n\n",
           "Recommendation tracker\n\n",
           tsv([tracker_header] + [[r.ref, r.title, "\n".join(r.leads), r.progress, r.status] for r in recs]),
           "\nThe action plan is below. It is shown as the board receives it.\n\n",
           "Inspection action plan\n\n",
           "<table>\n<tr><th>Ref</th><th>Action</th><th>Lead officer</th><th>Target date</th></tr>\n"]
    for a in acts:
        out.append(f"<tr><td>{a.ref}</td><td>{h(a.title)}</td><td>{html_cell(chr(10).join(a.leads))}</td><td>{a.due}</td></tr>\n")
    out.append("</table>\n\nMembership of the committee\n\n")
    out.append(tsv([["Cllr J. Smith", "Chair"], ["Cllr P. Green", "Vice-Chair"]]))
    write(name, "".join(out))
    write_expected(name, "text export of a committee pack: a tab-separated recommendation tracker, then an action plan written as an HTML table block, and a membership table",
                   [plan("Recommendation tracker", "recommendationTracker", [Area("", "", recs)]),
                    plan("Inspection action plan", "improvementPlan", [Area("", "", acts)])],
                   "Two plans in one pack; the HTML block is a table of its own.")


def tracker_with_cover_rows_xlsx():
    openpyxl = xlsx_lib()
    name = "tracker-with-cover-rows.xlsx"
    acts = [
        Act("A1.1", "Review thresholds with partners at the front door", ["Head of MASH", "Police DI"], "30/06/2024", "Complete"),
        Act("A1.2", "Daily screening of contacts from schools", ["Head of MASH"], "31/08/2024", "In progress"),
        Act("A2.1", "Introduce a step-down panel to early help", ["Head of Early Help"], "30/09/2024", "In progress"),
        Act("A2.2", "Family hubs open in every district", ["Head of Early Help"], "31/03/2025", "Not started"),
        Act("A3.1", "Publish the local offer for care leavers", ["Leaving Care Service Manager"], "31/07/2024", "Completed"),
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet["A1"] = "Children's improvement tracker"
    sheet["A2"] = "Owner: Assistant Director, Children's Social Care"
    sheet["A3"] = "Last updated"
    sheet["B3"] = datetime.datetime(2024, 5, 1)
    sheet["B3"].number_format = "dd/mm/yyyy"
    for c, text in enumerate(["Action ID", "Key actions", "Lead officer(s)", "Target date", "RAG rating", "Progress/Update"], start=1):
        sheet.cell(5, c, text)
    for r, a in enumerate(acts, start=6):
        sheet.cell(r, 1, a.ref)
        sheet.cell(r, 2, a.title)
        sheet.cell(r, 3, " / ".join(a.leads))
        y, m, d = map(int, iso(a.due).split("-"))
        sheet.cell(r, 4, datetime.datetime(y, m, d)).number_format = "dd/mm/yyyy"
        sheet.cell(r, 5, a.status)
        sheet.cell(r, 6, "See board report")
    work = book.create_sheet("Work programme")
    work.append(["Date of meeting", "Report", "Lead officer", "Purpose"])
    work.append([datetime.datetime(2024, 7, 10), "Quarterly performance", "Head of Performance", "Scrutiny"])
    work.append([datetime.datetime(2024, 9, 11), "Annual report of the IRO service", "IRO Manager", "Noting"])
    save_xlsx(book, name)
    write_expected(name, "Excel tracker with title, owner and 'last updated' rows above the header, lettered references, a work programme sheet",
                   [plan("Children's improvement tracker", "improvementPlan", [Area("", "", acts)])], "",
                   [programme([wp_item("Quarterly performance", "Head of Performance", "2024-07-10"),
                               wp_item("Annual report of the IRO service", "IRO Manager", "2024-09-11")])])


def priority_tables_docx():
    docx, qn, OxmlElement = docx_lib()
    name = "priority-tables-description.docx"
    themes = ["Front Door", "Children in Care"]
    areas = [
        Area("1", "Front Door", [
            Act("1.1", "Recruit two experienced practice managers to the MASH", ["Head of MASH"], "Sept 24"),
            Act("1.2", "Agree a shared threshold document with the police and health", ["Head of MASH", "Detective Chief Inspector"], "Dec 24"),
        ]),
        Area("2", "Children in Care", [
            Act("2.1", "Review every care plan for children placed more than twenty miles away", ["Head of Children in Care"], "2024/25"),
            Act("2.2", "Set up a sufficiency board that meets monthly with commissioners", ["Assistant Director, Commissioning"], "Jan 25"),
        ]),
    ]
    document = docx.Document()
    document.add_heading("Children's social care improvement plan 2024-25", level=1)
    document.add_paragraph("Owner: Director of Children's Services. Reviewed monthly by the improvement board.")
    for i, area in enumerate(areas):
        document.add_heading(f"Priority {area.ref}: {themes[i]}", level=2)
        rows = [["Ref", "Description", "Owner", "Due date", "Update"]]
        rows += [[a.ref, a.title, " / ".join(a.leads), a.due, "Started"] for a in area.actions]
        docx_table(document, rows)
    save_docx(document, name)
    write_expected(name, "Word plan with one table per priority under 'Priority N:' headings, the action column headed 'Description', abbreviated dates (Sept 24, 2024/25)",
                   [plan("Children's social care improvement plan 2024-25", "improvementPlan", areas, themes)],
                   "Each priority heading names the area its actions 1.1, 2.1 … belong to.")


def milestones_nested_docx():
    docx, qn, OxmlElement = docx_lib()
    name = "milestones-nested-tables.docx"
    acts = [
        Act("1.1", "Introduce a pre-birth assessment pathway with midwifery", ["Head of Assessment", "Named Midwife"], "March 2025"),
        Act("1.2", "Train staff in parenting assessments for parents with learning disabilities", ["Principal Social Worker"], "January 2025"),
        Act("1.3", "Track every unborn baby referral at a weekly panel", ["Service Manager, Assessment"], "October 2024"),
    ]
    steps = {
        "1.1": [("Pathway drafted", "September 2024"), ("Agreed with the hospital trust", "December 2024"), ("In use", "March 2025")],
        "1.2": [("Trainer commissioned", "October 2024"), ("Two cohorts trained", "January 2025")],
        "1.3": [("Panel set up", "October 2024")],
    }
    document = docx.Document()
    document.add_heading("Pre-birth improvement action plan", level=1)
    rows = [["Ref", "Action", "Lead", "Milestones and dates"]]
    rows += [[a.ref, a.title, "\n".join(a.leads), ""] for a in acts]
    table = docx_table(document, rows)
    for r, a in enumerate(acts, start=1):
        cell = table.cell(r, 3)
        inner = cell.add_table(rows=len(steps[a.ref]), cols=2)
        for i, (step, when) in enumerate(steps[a.ref]):
            inner.cell(i, 0).text = step
            inner.cell(i, 1).text = when
    save_docx(document, name)
    write_expected(name, "Word plan whose milestones and dates are only in small tables nested in the 'Milestones and dates' cells",
                   [plan("Pre-birth improvement action plan", "improvementPlan", [Area("", "", acts)])],
                   "The due date is the last milestone's date; it exists only in the nested table.")


def months_work_programme_docx():
    docx, qn, OxmlElement = docx_lib()
    name = "work-programme-months-as-columns.docx"
    months = ["Jun 2024", "Sep 2024", "Dec 2024", "Mar 2025"]
    # Report, lead officer, the meetings it comes to, a comment.
    reports = [
        ("Children in care and care leavers: performance report", "Head of Performance", ["Jun 2024", "Dec 2024"], ""),
        ("Health of children in care annual report", "Designated Nurse for Children in Care", ["Sep 2024"], ""),
        ("Placement sufficiency strategy: progress", "Head of Commissioning", ["Sep 2024", "Mar 2025"], ""),
        ("Virtual School headteacher's annual report", "Virtual School Headteacher", ["Dec 2024"], ""),
        ("Care leavers' local offer refresh", "Leaving Care Service Manager", ["Mar 2025"], "For decision"),
        ("Independent reviewing officers' annual report", "IRO Service Manager", [], "Annually in November"),
    ]
    standing = [("Voice of children in care: Children in Care Council", "Participation Lead"),
                ("Corporate parenting action log", "Democratic Services Officer")]
    document = docx.Document()
    document.add_heading("Corporate Parenting Panel", level=1)
    document.add_heading("Forward work programme 2024-25", level=2)
    document.add_paragraph("The panel meets quarterly. Items marked X come to that meeting.")
    rows = [["Report", "Lead officer"] + months + ["Comments"]]
    for title, lead, when, comment in reports:
        rows.append([title, lead] + ["X" if m in when else "" for m in months] + [comment])
    rows.append(["Standing items (every meeting)", "", "", "", "", "", ""])
    rows += [[title, lead, "", "", "", "", ""] for title, lead in standing]
    docx_table(document, rows)
    document.add_paragraph("The work programme is reviewed at every meeting of the panel.")
    save_docx(document, name)
    items = []
    for title, lead, when, comment in reports:
        if comment.startswith("Annually"):
            items.append(wp_item(title, lead, "annually 11"))
        items += [wp_item(title, lead, meeting({"Jun": "June", "Sep": "September", "Dec": "December", "Mar": "March"}[m[:3]] + m[3:]))
                  for m in months if m in when]
    items += [wp_item(title, lead, "every meeting") for title, lead in standing]
    write_expected(name, "Word work programme: the meetings as column headers (Jun 2024 …), items marked X under them, an annual item in the comments, a standing items row",
                   [], "A work programme is not a plan; each X places the report on that month's meeting.", [programme(items)])


def dated_rows_work_programme_csv():
    name = "work-programme-dated-rows.csv"
    rows = [["Date", "Item", "Lead", "Type"],
            ["Tuesday 14 January 2025 2pm", "Ofsted ILACS action plan: progress update", "Director of Children's Services", "Discussion"],
            ["14/01/2025", "Quarter 3 performance scorecard", "Head of Performance and Intelligence", "Information"],
            ["14/01/2025", "Early help strategy 2025-28", "Head of Early Help", "Decision"],
            ["11/03/2025", "Workforce: recruitment and retention of social workers", "Principal Social Worker", "Discussion"],
            ["11/03/2025", "Youth justice plan", "Head of Youth Justice", "Decision"],
            ["Every meeting", "Improvement plan highlight report", "Improvement Programme Manager", "Information"],
            ["Quarterly", "Quality assurance: audit findings", "Head of Quality Assurance", "Information"],
            ["TBC", "Family hubs: evaluation", "Head of Early Help", "Information"]]
    write(name, csv_text(rows))
    items = []
    for date, title, lead, _ in rows[1:]:
        if date == "TBC":
            continue  # no meeting date: a warning naming the row, not an item
        when = {"Every meeting": "every meeting", "Quarterly": "quarterly"}.get(date) or meeting(date)
        items.append(wp_item(title, lead, when))
    write_expected(name, "CSV work programme: Date | Item | Lead | Type, a date on every row (written three ways), rules in the date column, one row 'TBC'",
                   [], "A work programme is not a plan; the 'TBC' row has no meeting and is a warning, not an item.", [programme(items)])


def main():
    for make in [committee_pack_service_plan, committee_pack_early_help, scrutiny_tracker_2019, scrutiny_tracker_send,
                 board_work_programme, plan_on_a_page_themes, partnership_priorities, tracker_export_csv, care_leavers_csv,
                 improvement_plan_html, send_written_statement_html, recommendations_html, board_pack_html,
                 ofsted_action_plan_docx, practice_plan_docx, ilacs_why_docx, focused_visit_docx, committee_report_docx,
                 improvement_tracker_xlsx, kpi_and_actions_xlsx, sufficiency_plan_xlsx,
                 ofsted_recommendation_merged_docx, plan_what_will_we_do, pack_tracker_and_plan, tracker_with_cover_rows_xlsx,
                 priority_tables_docx, milestones_nested_docx, months_work_programme_docx, dated_rows_work_programme_csv]:
        # `make_corpus.py NAME …` writes only the documents whose function names are given.
        if len(sys.argv) > 1 and make.__name__ not in sys.argv[1:]:
            continue
        make()


if __name__ == "__main__":
    main()
