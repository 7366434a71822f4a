#!/usr/bin/env python3
"""Writes Sources/Web/Resources/openapi.json, the OpenAPI 3 document of /api/v1.

Edit this script, not the JSON; run it after changing the API. The Web tests check that every
route the server registers is in the document and the other way round.
"""
import json, pathlib

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def arr(items): return {"type": "array", "items": items}
S = {"type": "string"}
D = {"type": "string", "format": "date", "example": "2024-03-31"}
I = {"type": "integer", "format": "int64"}
N = {"type": "number"}
B = {"type": "boolean"}
def obj(props, required=()):
    o = {"type": "object", "properties": props}
    if required: o["required"] = list(required)
    return o
def enum(*values): return {"type": "string", "enum": list(values)}

# What requests may send. The server refuses (400, naming the field) what these schemas exclude:
# blank text where text is needed, figures beyond +/-1e12 (MeasureFigure), whole numbers beyond
# the same range, and null anywhere (leave a field out to keep what is stored).
NB = {"type": "string", "minLength": 1, "pattern": "\\S", "description": "Not empty or only spaces"}
LIMIT = 1_000_000_000_000
FIG = {"type": "number", "minimum": -LIMIT, "maximum": LIMIT}
FIG0 = {"type": "number", "minimum": 0, "maximum": LIMIT}
INT = {"type": "integer", "format": "int64", "minimum": -LIMIT, "maximum": LIMIT}
ID = {"type": "integer", "format": "int64", "minimum": 1, "maximum": LIMIT}
PCT = {"type": "integer", "minimum": 0, "maximum": 100}
def absent(*names):
    """The body must not have these fields."""
    return [{"not": {"required": [name]}} for name in names]
def together(field, needs):
    """When `field` is sent, `needs` must be sent too."""
    return {"anyOf": [{"not": {"required": [field]}}, {"required": [needs]}]}
def exclusive(a, b):
    return {"not": {"required": [a, b]}}
def rules(schema, *conditions):
    schema["allOf"] = list(conditions)
    return schema

rating = enum("red", "amber", "green", "blue", "grey", "on hold", "withdrawn")
# Core's ProgressRules, as the action page's forms apply them (docs/api.md, "Status and % complete").
PCT_RULES = ("Status and % complete never contradict: with status complete the action is 100% complete whatever figure is sent; "
             "100 without status (on an action not already complete) is refused (400 naming percentComplete and status: send the status); "
             "above 0 without status on a not-started action makes it in progress; status not started with a figure above 0 is refused (400)")
status = enum("not started", "in progress", "complete", "on hold", "withdrawn")
# Years as Core's rules have them: a period's first year 1000-9000 (Period(label:)), a
# financial year's second year the next (2023-24, 1999-00), a benchmark's year 1900-2200
# (MeasureEditing.isBenchmarkYear). Spelt out so that what the schema allows the server accepts.
_next = "|".join(f"{i:02d}-{(i + 1) % 100:02d}" for i in range(100))
_year = "(?:[1-8][0-9]{3}|9000)"
_financial_year = f"(?:[1-8][0-9](?:{_next})|9000-01)"
benchmark_year = {"type": "string", "pattern": f"^(?:(?:19|20|21)[0-9]{{2}}|2200|(?:19|20|21)(?:{_next})|2200-01)$",
                  "description": "2025-26 (a financial year: the second year follows the first) or 2025; 1900 to 2200", "example": "2025-26"}
period_in = {"type": "string", "pattern": f"^(?:R12-)?{_year}-(?:0[1-9]|1[0-2])$|^FY{_financial_year}$|^{_financial_year}(?: Q[1-4])?$",
             "description": "2023-04 (month), 2023-24 Q1 (financial quarter), 2023-24 or FY2011-12 (financial year: the second year follows the first), R12-2024-03 (12 months to)", "example": "2024-03"}
period = {"type": "string", "description": "2023-04 (month), 2023-24 Q1 (financial quarter), 2023-24 or FY2011-12 (financial year), R12-2024-03 (12 months to)", "example": "2024-03"}

schemas = {
    "Error": obj({"error": {"type": "string", "description": "invalid, not_found, stale_version, conflict, too_large, internal"},
                  "detail": S, "fields": arr(obj({"field": S, "message": S}, ["field", "message"]))}, ["error", "detail"]),
    "Rollup": obj({"total": I, "counted": I, "averagePercentComplete": {"type": "number", "nullable": True},
                   "counts": {"type": "object", "additionalProperties": {"type": "integer"}}, "summary": S},
                  ["total", "counted", "counts", "summary"]),
    "PlanSummary": obj({"id": I, "title": S, "kind": enum("improvement plan", "recommendation tracker"),
                        "updateCycle": enum("weekly", "fortnightly", "monthly", "quarterly"), "periodStart": D, "periodEnd": D,
                        "version": I, "links": {"type": "object", "additionalProperties": S}}, ["id", "title", "kind", "updateCycle", "version"]),
    "Plan": obj({"id": I, "organisationID": I, "title": S, "kind": S, "inspectionID": I, "periodStart": D, "periodEnd": D,
                 "updateCycle": S, "version": I}, ["id", "organisationID", "title", "kind", "updateCycle", "version"]),
    "Area": obj({"id": I, "themeID": I, "position": I, "ref": S, "title": S, "recommendationNumber": I, "improvementLead": S,
                 "coreFocus": S, "issues": arr(obj({"heading": S, "quote": S, "paragraphs": arr(S)}, ["heading", "quote", "paragraphs"])), "objectives": arr(S),
                 "whyItMatters": S, "whatGoodLooksLike": S, "version": I}, ["id", "themeID", "ref", "title", "version"]),
    "PlanPatch": obj({"version": {**INT, "description": "The version you last read; a stale version is refused with 409"},
                      "title": NB, "kind": enum("improvement plan", "recommendation tracker"),
                      "updateCycle": enum("weekly", "fortnightly", "monthly", "quarterly"), "periodStart": D, "periodEnd": D}, ["version"]),
    "AreaPatch": obj({"version": {**INT, "description": "The version you last read; a stale version is refused with 409"},
                      "ref": NB, "title": NB, "recommendationNumber": INT, "improvementLead": S, "coreFocus": S,
                      "issues": arr(obj({"heading": S, "quote": S, "paragraphs": arr(S)}, ["heading", "quote", "paragraphs"])), "objectives": arr(S),
                      "whyItMatters": S, "whatGoodLooksLike": S}, ["version"]),
    "PlanDetail": obj({"plan": ref("Plan"), "inspection": {"type": "object"}, "asAt": D, "rollup": ref("Rollup"),
                       "themes": arr(obj({"id": I, "ref": S, "title": S, "version": I, "rollup": ref("Rollup"),
                                          "areas": arr(obj({"area": ref("Area"), "rollup": ref("Rollup")}))}))},
                      ["plan", "asAt", "rollup", "themes"]),
    "Milestone": obj({"id": I, "title": S, "dueDate": D, "completedOn": D}, ["id", "title"]),
    "ProgressUpdate": obj({"id": I, "actionID": I, "date": D, "author": S,
                           "authorRole": {**S, "description": "The author's role when they wrote it, from their sign-in"}, "text": S, "percentComplete": I, "status": status,
                           "recordedAt": {"type": "string", "format": "date-time"}}, ["id", "actionID", "date", "author", "text"]),
    "DeliveryRating": obj({"rating": rating, "word": S, "reasons": arr(S), "calculated": rating,
                           "override": obj({"rating": rating, "reason": S, "by": S, "on": D, "until": D})}, ["rating", "word", "reasons", "calculated"]),
    "Action": obj({"id": I, "areaID": I, "position": I, "ref": S, "title": S, "outcome": S, "leads": arr(S), "startDate": D,
                   "dueDate": D, "originalDueDate": D,
                   "reprogrammings": arr(obj({"from": D, "to": D, "reason": S, "changedOn": D, "changedBy": S})),
                   "status": status, "percentComplete": {**I, "description": "As recorded (100 when complete)"},
                   "effectivePercentComplete": {**I, "description": "The % complete the pages, exports and board pack show and average: 100 when the rating in force is Blue (complete, or overridden to Blue), else percentComplete"},
                   "completedOn": D, "milestones": arr(ref("Milestone")),
                   "updates": {**arr(ref("ProgressUpdate")), "description": "Full history, newest first, on single-action responses; empty in lists (see latestUpdate)"},
                   "latestUpdate": ref("ProgressUpdate"),
                   "evidence": {**arr(obj({"date": D, "text": S, "author": S, "authorRole": S})), "description": "Oldest first"},
                   "override": {**obj({"rating": rating, "reason": S, "by": S, "on": D,
                                       "until": {**D, "description": "The last day it applies; after it the calculated rating applies again"}}),
                                "description": "The override as stored (rating.override is the one in force as at the day)"},
                   "difference": obj({"value": enum("making a difference", "some difference", "not yet", "too early to say"), "date": D, "by": S, "note": S}),
                   "measureIDs": arr(I), "version": I, "rating": ref("DeliveryRating"),
                   "updateStatus": obj({"isDue": B, "reason": S, "nextDue": D}, ["isDue", "reason"])},
                  ["id", "areaID", "ref", "title", "status", "percentComplete", "effectivePercentComplete", "version", "rating", "updateStatus"]),
    "ActionList": obj({"planID": I, "asAt": D, "actions": arr(ref("Action"))}, ["planID", "asAt", "actions"]),
    "MilestoneInput": obj({"id": INT, "title": NB, "dueDate": D, "completedOn": D}, ["title"]),
    "ActionInput": obj({"ref": NB, "title": NB, "outcome": S, "leads": arr(S), "startDate": D, "dueDate": D, "status": status,
                        "percentComplete": {**PCT, "description": PCT_RULES}, "completedOn": D, "milestones": arr(ref("MilestoneInput")), "measureIDs": arr(INT)},
                       ["ref", "title"]),
    "PlanInput": obj({"title": NB, "kind": enum("improvement plan", "recommendation tracker"),
                      "updateCycle": enum("weekly", "fortnightly", "monthly", "quarterly"), "periodStart": D, "periodEnd": D,
                      "themes": arr(obj({"ref": S, "title": NB, "areas": arr(obj({
                          "ref": NB, "title": NB, "recommendationNumber": INT, "improvementLead": S, "coreFocus": S,
                          "issues": arr(obj({"heading": S, "quote": S, "paragraphs": arr(S)}, ["heading", "quote", "paragraphs"])), "objectives": arr(S),
                          "whyItMatters": S, "whatGoodLooksLike": S, "actions": arr(ref("ActionInput"))}, ["ref", "title"]))}, ["title"]))},
                     ["title"]),
    # An action lead (not an editor) may send only version, status, percentComplete, completedOn,
    # difference and evidence; any other field is refused with 403 naming it.
    "ActionPatch": {**rules(obj({"version": {**INT, "description": "The version you last read; a stale version is refused with 409"},
                        "ref": {**NB, "description": "Must be free in the plan: a reference another action of the plan has is refused (400 naming ref)"},
                        "areaID": {**ID, "description": "Moves the action to another area of the same plan"},
                        "title": NB, "outcome": S, "leads": arr(S), "startDate": D,
                        "dueDate": {**D, "description": "Needs reprogrammeReason; the old date is kept"},
                        "reprogrammeReason": {**NB, "description": "Why the due date is set or moving; only with dueDate"},
                        "status": {**status, "description": "Not on hold or withdrawn: those need a reason, so POST /actions/{id}/updates with the status and the reason as text (400 naming status)"},
                        "percentComplete": {**PCT, "description": PCT_RULES}, "completedOn": D, "milestones": arr(ref("MilestoneInput")),
                        "measureIDs": arr(INT), "override": obj({"rating": enum("red", "amber", "green", "blue", "grey"), "reason": NB,
                                                                 "until": {**D, "description": "The last day the override applies (after the day it is set); PUT /actions/{id}/override requires it"}}, ["rating", "reason"]),
                        "clearOverride": {**B, "description": "true removes the override; not with override"},
                        "difference": obj({"value": enum("making a difference", "some difference", "not yet", "too early to say"),
                                           "note": S, "date": D}, ["value"]),
                        "evidence": {**NB, "description": "Adds an evidence-of-impact entry dated today, by the token's person"}}, ["version"]),
                        *absent("by"), together("dueDate", "reprogrammeReason"), together("reprogrammeReason", "dueDate"),
                        {"not": {"required": ["override", "clearOverride"], "properties": {"clearOverride": {"enum": [True]}}}}),
                    "description": "Changes are recorded as made by the token's person: a by field is refused (400)."},
    "EvidenceInput": {**rules(obj({"text": {**NB, "maxLength": 20000}, "date": {**D, "description": "Today or earlier; today when left out"}}, ["text"]),
                              *absent("author")),
                      "description": "The author is the token's person (with their role): an author field is refused (400)."},
    "OverridePut": {**obj({"version": {**INT, "description": "The version you last read; a stale version is refused with 409"},
                           "rating": enum("red", "amber", "green", "blue", "grey"), "reason": {**NB, "maxLength": 5000},
                           "until": {**D, "description": "The last day the override applies; must be after today. After it the calculated rating applies again"}},
                          ["version", "rating", "reason", "until"]),
                    "description": "Recorded as set by the token's person, today."},
    "UpdateInput": {**rules(obj({"text": {**NB, "maxLength": 20000}, "date": {**D, "description": "Today or earlier; today when left out"},
                                 "percentComplete": {**PCT, "description": PCT_RULES + ". The update records the status and figure the rule settles on"},
                                 "status": status, "version": INT}, ["text"]), *absent("author")),
                    "description": "The author is the token's person: an author field is refused (400)."},
    "Target": obj({"value": FIG, "dueBy": D, "isInterim": B}, ["value", "dueBy", "isInterim"]),
    "Benchmark": obj({"kind": enum("England", "Region", "Statistical neighbours"), "year": S, "value": FIG, "rangeLow": FIG, "rangeHigh": FIG, "source": S},
                     ["kind", "year", "value", "source"]),
    "BenchmarkInput": obj({"kind": enum("England", "Region", "Statistical neighbours"), "year": benchmark_year, "value": FIG, "rangeLow": FIG,
                           "rangeHigh": FIG, "source": S}, ["kind", "year", "value", "source"]),
    "TargetInForce": obj({"value": N, "basis": enum("period target", "next target", "final target", "trajectory", "band"), "reason": S}, ["value", "basis", "reason"]),
    "MeasureRating": obj({"period": period, "rag": enum("green", "amber", "red", "no target", "no data"), "value": N,
                          "target": ref("TargetInForce"), "reasons": arr(S)}, ["period", "rag", "reasons"]),
    "Direction": obj({"judgement": enum("improving", "declining", "no change", "not available"), "movement": enum("up", "down", "level", "none"),
                      "comparedWith": period, "reason": S}, ["judgement", "movement", "comparedWith", "reason"]),
    # A value the reader's role sees suppressed (small numbers: counts 1-5, rates on fewer than 10)
    # has no value, numerator or denominator, and suppressed true.
    "MeasureValue": obj({"id": I, "period": period, "value": N, "numerator": N, "denominator": N, "asAt": D, "note": S, "computedFrom": S,
                         "suppressed": {**B, "description": "True where small-number suppression leaves out value, numerator and denominator"}},
                        ["id", "period", "asAt", "note", "suppressed"]),
    "RatedValue": obj({"value": ref("MeasureValue"), "rating": ref("MeasureRating")}, ["value", "rating"]),
    "Measure": obj({"id": I, "organisationID": I, "code": S, "title": S, "definition": S, "numeratorText": S, "denominatorText": S,
                    "unit": enum("percentage", "count", "rate per 10,000", "days", "score"),
                    "polarity": enum("higher is better", "lower is better", "within a band"),
                    "band": {"type": "array", "items": N, "minItems": 2, "maxItems": 2},
                    "frequency": enum("monthly", "quarterly", "annual"), "source": {"type": "object"}, "decimals": I, "owner": S,
                    "targets": arr(ref("Target")), "followsTrajectory": B, "baseline": obj({"value": N, "date": D}),
                    "periodTargets": arr(obj({"period": period, "value": N})), "tolerance": N, "benchmarks": arr(ref("Benchmark")),
                    "version": I, "values": arr(ref("RatedValue")),
                    "latest": obj({"period": period, "value": {**N, "description": "Absent where suppressed"},
                                   "formatted": {**S, "description": "\"62.5%\", or \"Suppressed (small number)\""},
                                   "suppressed": B, "rating": ref("MeasureRating"),
                                   "againstPreviousPeriod": ref("Direction"), "againstSamePeriodLastYear": ref("Direction")}),
                    "exception": obj({"isException": B, "since": period, "reason": S}, ["isException", "reason"])},
                   ["id", "code", "title", "unit", "polarity", "frequency", "version", "values", "exception"]),
    "MeasureInput": obj({"code": NB, "title": NB, "definition": S, "numeratorText": S, "denominatorText": S,
                         "unit": enum("percentage", "count", "rate per 10,000", "days", "score"),
                         "polarity": enum("higher is better", "lower is better", "within a band"),
                         "band": obj({"low": FIG, "high": FIG}, ["low", "high"]), "frequency": enum("monthly", "quarterly", "annual"),
                         "decimals": {"type": "integer", "minimum": 0, "maximum": 6}, "owner": S, "targets": arr(ref("Target")), "followsTrajectory": B,
                         "baseline": obj({"value": FIG, "date": D}, ["value", "date"]),
                         "periodTargets": arr(obj({"period": period_in, "value": FIG}, ["period", "value"])), "tolerance": FIG0,
                         "benchmarks": arr(ref("BenchmarkInput"))}, ["code", "title"]),
    "MeasurePatch": obj({"version": INT, "code": NB, "unit": enum("percentage", "count", "rate per 10,000", "days", "score"),
                         "frequency": enum("monthly", "quarterly", "annual"), "title": NB, "definition": S, "numeratorText": S, "denominatorText": S, "owner": S,
                         "decimals": {"type": "integer", "minimum": 0, "maximum": 6},
                         "polarity": enum("higher is better", "lower is better", "within a band"), "band": obj({"low": FIG, "high": FIG}, ["low", "high"]),
                         "targets": arr(ref("Target")), "followsTrajectory": B, "baseline": obj({"value": FIG, "date": D}, ["value", "date"]),
                         "periodTargets": arr(obj({"period": period_in, "value": FIG}, ["period", "value"])), "tolerance": FIG0,
                         "benchmarks": arr(ref("BenchmarkInput"))}, ["version"]),
    "ValueInput": {**obj({"period": period_in, "value": FIG, "numerator": FIG0, "denominator": {**FIG0, "minimum": 0, "exclusiveMinimum": True}, "asAt": D, "note": S,
                          "replace": {**B, "description": "Replace an existing value for the period instead of refusing with 409"}}, ["period"]),
                   "anyOf": [{"required": ["value"]}, {"required": ["numerator", "denominator"]}],
                   "description": "The value, or the numerator and denominator it is worked out from (both). For a percentage the numerator is at most the denominator."},
    # Correcting a value keeps the one it replaces (GET /measures/{id}/values/corrections).
    "ValueCorrectionInput": {**obj({"period": period_in, "value": FIG, "numerator": FIG0, "denominator": {**FIG0, "minimum": 0, "exclusiveMinimum": True},
                                    "asAt": D, "note": S,
                                    "reason": {**NB, "maxLength": 2000, "description": "Why the value is corrected; shown with the correction on the measure's page and in its history"},
                                    "previousValue": {**N, "description": "The value as you last read it. If the stored value differs, someone else changed it since: nothing is saved (409)"}},
                                   ["period", "reason", "previousValue"]),
                             "anyOf": [{"required": ["value"]}, {"required": ["numerator", "denominator"]}],
                             "description": "The corrected figures: the value, or the numerator and denominator it is worked out from. Numerator and denominator left out are cleared; asAt and note left out are kept."},
    "CorrectedValue": obj({"id": I, "period": period, "value": N, "numerator": N, "denominator": N, "asAt": D, "note": S, "computedFrom": S,
                           "suppressed": B}, ["id", "period", "asAt", "note", "suppressed"]),
    "ValueCorrection": obj({"id": I, "period": period, "before": ref("CorrectedValue"), "after": ref("CorrectedValue"), "reason": S,
                            "correctedBy": S, "correctedAt": {**S, "format": "date-time"},
                            "sentence": {**S, "description": "The correction in words, as the measure's page shows it: \"Corrected October 2026 from 62.5% to 65.0% (numerator 25 → 26). Reason: …\""},
                            "suppressed": {**B, "description": "True where small-number suppression leaves the figures out"}},
                           ["id", "period", "before", "after", "reason", "correctedBy", "correctedAt", "sentence", "suppressed"]),
}

# Boards, meetings and action points.
schemas.update({
    "BoardSummary": obj({"id": I, "name": S, "kind": enum("improvement board", "scrutiny committee", "corporate parenting board", "safeguarding partnership sub-group", "other"),
                         "meetingFrequency": enum("monthly", "every six weeks", "every two months", "quarterly", "twice a year", "as required"),
                         "chair": S, "viceChair": S, "version": I, "links": {"type": "object", "additionalProperties": S}}, ["id", "name", "kind", "version"]),
    "BoardMember": obj({"id": I, "name": S, "role": S, "organisation": S, "membership": enum("voting", "co-opted", "substitute"), "joinedOn": D, "leftOn": D},
                       ["id", "name", "membership"]),
    "Board": obj({"id": I, "name": S, "kind": S, "meetingFrequency": S, "chairID": I, "viceChairID": I, "members": arr(ref("BoardMember")),
                  "termsOfReference": S, "minuteNumbering": obj({"prefix": S, "firstNumber": I, "example": S}), "version": I,
                  "links": {"type": "object", "additionalProperties": S}}, ["id", "name", "kind", "members", "version"]),
    "MeetingSummary": obj({"id": I, "boardID": I, "date": D, "time": {"type": "string", "example": "18:00"}, "venue": S,
                           "status": enum("scheduled", "held", "cancelled"), "minutesStatus": {"type": "string", "example": "Approved on 10 Mar 2026"},
                           "version": I, "links": {"type": "object", "additionalProperties": S}}, ["id", "boardID", "date", "status", "version"]),
    "AgendaItem": obj({"number": I, "title": S, "presenter": S, "purpose": enum("decision", "noting", "discussion", "information"),
                       "kind": enum("apologies", "declarations of interest", "minutes of the last meeting", "review of previous action points", "work programme", "future meeting dates", "business"),
                       "detail": S, "papers": arr(obj({"kind": enum("plan progress report", "kpi scorecard", "document"), "planID": I, "name": S}, ["kind"])),
                       "pages": S, "isExempt": B, "withheld": {**B, "description": "Exempt, and the token's role may not read exempt papers: papers and narrative left out"},
                       "minute": obj({"number": I, "label": S, "narrative": S, "resolutions": arr(S),
                                      "recordedBy": {**S, "description": "The signed-in clerk who last wrote it, with their role"}})}, ["number", "title", "purpose", "kind", "isExempt"]),
    "ActionPoint": obj({"id": I, "boardID": I, "raisedAtMeetingID": I, "raisedAtItem": I, "text": S, "owner": S, "dueDate": D, "dueMeetingID": I,
                        "status": enum("open", "done", "carried forward", "no longer required"),
                        "standing": {**enum("open", "overdue", "carried forward", "done", "no longer required"),
                                     "description": "How it stands as at the day (today, or asAt): the status the pages and the board pack show"},
                        "standingText": {"type": "string", "example": "Overdue"},
                        "updates": arr(obj({"date": D, "author": {**S, "description": "The signed-in person (or token's person) who gave it"},
                                            "authorRole": {**S, "description": "Their role when they gave it, e.g. Editor; absent on older updates"},
                                            "text": S, "status": S}, ["date", "author", "text"])),
                        "planActionID": I, "version": I, "dueText": S, "isOverdue": B, "overdueReason": {"type": "string", "example": "Overdue: due 30 Sep 2026"},
                        "links": {"type": "object", "additionalProperties": S}},
                       ["id", "boardID", "raisedAtMeetingID", "raisedAtItem", "text", "owner", "status", "standing", "standingText", "isOverdue", "version"]),
    "Meeting": obj({"meeting": ref("MeetingSummary"), "agenda": arr(ref("AgendaItem")),
                    "attendance": obj({"present": arr(obj({"memberID": I, "name": S})), "apologies": arr(obj({"memberID": I, "name": S})),
                                       "substitutes": arr(obj({"forMemberID": I, "forName": S, "substituteName": S, "substituteMemberID": I, "sentence": S})),
                                       "alsoInAttendance": arr(obj({"name": S, "role": S}))}),
                    "minutesAmendments": arr({"type": "object"}),
                    "cancellation": {**obj({"reason": S, "by": S, "byRole": S, "on": D}, ["reason", "by", "byRole", "on"]),
                                     "description": "Why, by whom and when, while the meeting is cancelled"},
                    "attendanceOpens": {**D, "description": "The first day attendance can be recorded: the meeting's day"},
                    "actionPoints": arr(ref("ActionPoint")),
                    "review": {**arr(ref("ActionPoint")), "description": "The review of previous action points: open ones raised earlier, overdue first"}},
                   ["meeting", "agenda", "attendance", "attendanceOpens", "actionPoints", "review"]),
    "AttendanceInput": obj({"version": INT, "present": {**arr(ID), "description": "Board member ids present"},
                            "apologies": {**arr(ID), "description": "Board member ids who sent apologies (with a substitute or not)"},
                            "substitutes": arr(obj({"forMemberID": ID, "substituteName": NB}, ["forMemberID", "substituteName"])),
                            "alsoInAttendance": arr(obj({"name": NB, "role": NB}, ["name", "role"]))}, ["version", "present"]),
    "CancellationInput": obj({"version": INT, "reason": {**NB, "maxLength": 2000, "description": "Why the meeting is cancelled; shown on the meeting page"}},
                             ["version", "reason"]),
    "MeetingVersionInput": obj({"version": INT}, ["version"]),
    "Home": obj({"asAt": D,
                 "person": obj({"name": S, "email": S, "role": S,
                                "jobTitle": {**S, "maxLength": 120, "description": "Their job title from their account, if they have one"},
                                "signature": {**S, "description": "How they are named as the author of updates, evidence and minutes: \"Sam Patel, Head of Service\", or the name alone"}},
                               ["name", "email", "role", "signature"]),
                 "actions": arr(obj({"id": I, "ref": S, "title": S, "planID": I, "planTitle": S, "rating": enum("red", "amber", "green", "blue", "grey", "on hold", "withdrawn"),
                                     "ratingSummary": S, "updateDue": B, "updateReason": S, "nextUpdateDue": D,
                                     "links": {"type": "object", "additionalProperties": S}},
                                    ["id", "ref", "title", "planID", "rating", "updateDue", "updateReason", "links"])),
                 "updatesDue": {**arr(I), "description": "Ids of the led actions whose progress update is due"},
                 "actionPoints": arr(obj({"boardID": I, "boardName": S, "actionPoint": ref("ActionPoint")}, ["boardID", "boardName", "actionPoint"])),
                 "meetings": arr(obj({"boardID": I, "boardName": S, "meeting": ref("MeetingSummary")}, ["boardID", "boardName", "meeting"])),
                 "actionExceptions": {**arr(obj({"id": I, "ref": S, "title": S, "rating": S, "reasons": arr(S),
                                                 "links": {"type": "object", "additionalProperties": S}}, ["id", "ref", "title", "rating", "reasons"])),
                                      "description": "Editors and administrators: red, overdue or reprogrammed actions"},
                 "measureExceptions": {**arr(obj({"id": I, "code": S, "title": S, "reason": S, "links": {"type": "object", "additionalProperties": S}},
                                                 ["id", "code", "title", "reason"])), "description": "Editors and administrators: KPIs off target"},
                 "awaiting": {**arr(obj({"boardID": I, "boardName": S, "meetingID": I, "what": S, "links": {"type": "object", "additionalProperties": S}},
                                        ["boardID", "meetingID", "what"])), "description": "Those who manage boards: attendance or minutes not yet recorded"}},
                ["asAt", "person", "actions", "updatesDue", "actionPoints", "meetings"]),
    "ActionPointInput": rules(obj({"raisedAtItem": INT, "text": NB, "owner": NB, "dueDate": D, "dueMeetingID": {**ID, "description": "Not with dueDate"}, "planActionID": ID},
                                  ["raisedAtItem", "text", "owner"]), exclusive("dueDate", "dueMeetingID")),
    "ActionPointPatch": rules(obj({"version": INT, "text": NB, "owner": NB, "dueDate": D, "dueMeetingID": {**ID, "description": "Not with dueDate"},
                             "status": enum("open", "done", "carried forward", "no longer required"),
                             "carryForwardTo": {**ID, "description": "The later meeting, with status carried forward"},
                             "note": {**S, "description": "Required to close (done, no longer required); alone, adds a dated update"},
                             "author": {**S, "description": "Refused: an update is recorded as given by the token's person, with their role"},
                             "date": {**D, "description": "Today or earlier"}}, ["version"]),
                              *absent("author"),
                              exclusive("dueDate", "dueMeetingID"),
                              {"anyOf": [{"not": {"required": ["status"]}}, {"properties": {"status": {"not": {"enum": ["carried forward"]}}}}, {"required": ["carryForwardTo"]}]},
                              {"anyOf": [{"not": {"required": ["status"]}}, {"properties": {"status": {"not": {"enum": ["done", "no longer required"]}}}},
                                         {"required": ["note"], "properties": {"note": NB}}]}),
    "BoardPack": {"type": "object", "description": "The pack's content: cover, agenda, previousMinutes, actionLog (overdue first), progressReports (RAG by theme, exceptions, updates due, what changed) and scorecards (exceptions first, small numbers suppressed)",
                  "properties": {"meetingID": I, "boardID": I, "meetingDate": D, "asAt": D, "cover": {"type": "object"}, "agenda": arr({"type": "object"}),
                                 "previousMinutes": {"type": "object"}, "actionLog": arr({"type": "object"}),
                                 "progressReports": arr({"type": "object"}), "scorecards": arr({"type": "object"})},
                  "required": ["meetingID", "boardID", "meetingDate", "asAt", "cover", "agenda", "actionLog", "progressReports", "scorecards"]},
})

schemas.update({
    "AnalysisRunSummary": obj({"id": I, "ranBy": S, "ranAt": {"type": "string", "format": "date-time"}, "asAt": D, "period": period,
                               "convention": enum("statutory", "peer"), "files": arr(S),
                               "childLevelDeletedAt": {"type": "string", "format": "date-time", "description": "When the retention rule deleted the lists of children; absent while they are kept"},
                               "latestRecordedDay": {**D, "description": "The latest day anything in the uploaded records happened; absent for runs from before it was kept"},
                               "asAtWarning": {**S, "description": "Present when the as-at date is after latestRecordedDay: those days count as if nothing happened on them"},
                               "links": {"type": "object", "additionalProperties": {"type": "string"}}},
                              ["id", "ranBy", "ranAt", "asAt", "period", "convention", "files", "links"]),
    "AnalysisResult": obj({"catalogueID": {"type": "string", "example": "ASM-45WD"}, "title": S, "unit": enum("%", "count", "days", "cases", "score"),
                           "polarity": S, "numerator": N, "denominator": N, "value": N, "counted": I, "excluded": I,
                           "outOfTimescale": {"type": "integer", "format": "int64", "description": "Counted rows out of timescale (for a lower-is-better measure, in the numerator)"},
                           "missingInput": {"type": "string", "description": "Set when the input the measure needs was not uploaded"},
                           "sources": {**arr(S), "description": "The uploaded files that fed the measure, such as 'Annex A (annex-a.xlsx)' or 'SSDA903 (header.csv, episodes.csv)'; absent for runs from before sources were kept and for a measure with no input"}},
                          ["catalogueID", "title", "unit", "polarity", "counted", "excluded", "outOfTimescale"]),
    "AnalysisRun": obj({"run": ref("AnalysisRunSummary"), "results": arr(ref("AnalysisResult")),
                        "dataQuality": obj({"issues": I, "rowsNotUsed": I,
                                            "bySheet": arr(obj({"sheet": S, "issues": I, "rowsNotUsed": I}, ["sheet", "issues", "rowsNotUsed"]))},
                                           ["issues", "rowsNotUsed", "bySheet"])},
                       ["run", "results", "dataQuality"]),
})

def resp(desc, schema=None):
    r = {"description": desc}
    if schema: r["content"] = {"application/json": {"schema": schema}}
    return r
err = lambda d: resp(d, ref("Error"))
idp = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "format": "int64", "minimum": 1}}]
asat = [{"name": "asAt", "in": "query", "required": False, "description": "Rate as at this date instead of today", "schema": D}]
def body(name): return {"required": True, "content": {"application/json": {"schema": ref(name)}}}
common = {"400": err("Bad input: names the field"), "413": err("Request body too large (over 1 MB)")}

paths = {
    "/openapi.json": {"get": {"operationId": "openAPI", "summary": "This document", "responses": {"200": resp("OpenAPI 3 document", {"type": "object"})}}},
    "/plans": {
        "get": {"operationId": "listPlans", "summary": "The organisation's plans", "responses": {"200": resp("Plans", obj({"plans": arr(ref("PlanSummary"))}, ["plans"]))}},
        "post": {"operationId": "createPlan", "summary": "Create a plan with its themes, areas and actions (one transaction)", "requestBody": body("PlanInput"),
                 "responses": {"201": resp("Created", ref("PlanDetail")), **common, "409": err("Conflict")}}},
    "/plans/{id}": {"get": {"operationId": "getPlan", "summary": "A plan with its themes, areas and RAG roll-ups", "parameters": idp + asat,
                            "responses": {"200": resp("The plan", ref("PlanDetail")), "400": err("Bad asAt"), "404": err("No such plan")}},
                    "patch": {"operationId": "patchPlan", "summary": "Edit a plan's title, kind, period or update cycle; carries the version it edits",
                              "parameters": idp, "requestBody": body("PlanPatch"),
                              "responses": {"200": resp("The edited plan", ref("PlanDetail")), **common, "404": err("No such plan"), "409": err("Stale version: someone else changed it first")}}},
    "/plans/{id}/areas": {"get": {"operationId": "listAreas", "summary": "A plan's areas", "parameters": idp,
                                  "responses": {"200": resp("Areas", obj({"areas": arr(ref("Area"))}, ["areas"])), "404": err("No such plan")}}},
    "/plans/{id}/actions": {"get": {"operationId": "listActions", "summary": "A plan's actions, each with its rating, reasons and update status", "parameters": idp + asat,
                                    "responses": {"200": resp("Actions", ref("ActionList")), "400": err("Bad asAt"), "404": err("No such plan")}}},
    "/areas/{id}": {"get": {"operationId": "getArea", "summary": "An area", "parameters": idp, "responses": {"200": resp("The area", ref("Area")), "404": err("No such area")}},
                    "patch": {"operationId": "patchArea", "summary": "Edit an area's text (title, improvement lead, focus, issues, objectives); carries the version it edits",
                              "parameters": idp, "requestBody": body("AreaPatch"),
                              "responses": {"200": resp("The edited area", ref("Area")), **common, "404": err("No such area"), "409": err("Stale version: someone else changed it first")}}},
    "/areas/{id}/actions": {"post": {"operationId": "createAction", "summary": "Add an action to an area", "parameters": idp, "requestBody": body("ActionInput"),
                                     "responses": {"201": resp("Created", ref("Action")), **common, "404": err("No such area"), "409": err("The plan already has an action with that ref")}}},
    "/actions/{id}": {
        "get": {"operationId": "getAction", "summary": "An action with its history, rating and reasons", "parameters": idp + asat,
                "responses": {"200": resp("The action", ref("Action")), "400": err("Bad asAt"), "404": err("No such action")}},
        "patch": {"operationId": "patchAction", "summary": "Edit an action; carries the version it edits", "parameters": idp, "requestBody": body("ActionPatch"),
                  "responses": {"200": resp("The edited action", ref("Action")), **common, "404": err("No such action"), "409": err("Stale version: someone else changed it first")}}},
    "/actions/{id}/updates": {
        "get": {"operationId": "listUpdates", "summary": "Progress updates, newest first", "parameters": idp,
                "responses": {"200": resp("Updates", obj({"updates": arr(ref("ProgressUpdate"))}, ["updates"])), "404": err("No such action")}},
        "post": {"operationId": "addUpdate", "summary": "Add a progress update (history is never overwritten)", "parameters": idp, "requestBody": body("UpdateInput"),
                 "responses": {"201": resp("Created", ref("ProgressUpdate")), **common, "404": err("No such action"), "409": err("Stale version")}}},
    "/actions/{id}/evidence": {
        "post": {"operationId": "addEvidence", "summary": "Add a dated entry of evidence of impact, by the token's person (an action lead for the actions they lead)",
                 "parameters": idp, "requestBody": body("EvidenceInput"),
                 "responses": {"201": resp("The action with the new evidence", ref("Action")), **common, "404": err("No such action")}}},
    "/actions/{id}/override": {
        "put": {"operationId": "putOverride", "summary": "Override the action's rating with a reason, until a date (editors)", "parameters": idp,
                "requestBody": body("OverridePut"),
                "responses": {"200": resp("The action", ref("Action")), **common, "404": err("No such action"), "409": err("Stale version: someone else changed it first")}},
        "delete": {"operationId": "deleteOverride", "summary": "Remove the override: the calculated rating applies again (editors)",
                   "parameters": idp + [{"name": "version", "in": "query", "required": False, "description": "The version you last read; a stale version is refused with 409",
                                         "schema": {"type": "integer", "format": "int64"}}],
                   "responses": {"200": resp("The action", ref("Action")), "404": err("No such action"), "409": err("Stale version: someone else changed it first")}}},
    "/measures": {
        "get": {"operationId": "listMeasures", "summary": "KPIs with latest RAG, direction of travel and exception status",
                "responses": {"200": resp("Measures", obj({"measures": arr(ref("Measure"))}, ["measures"]))}},
        "post": {"operationId": "createMeasure", "summary": "Create a KPI", "requestBody": body("MeasureInput"),
                 "responses": {"201": resp("Created", ref("Measure")), **common, "409": err("Code already used")}}},
    "/measures/{id}": {
        "get": {"operationId": "getMeasure", "summary": "A KPI with values, target in force and rating per period", "parameters": idp,
                "responses": {"200": resp("The measure", ref("Measure")), "404": err("No such measure")}},
        "patch": {"operationId": "patchMeasure", "summary": "Edit a KPI's definition, targets and benchmarks", "parameters": idp, "requestBody": body("MeasurePatch"),
                  "responses": {"200": resp("The edited measure", ref("Measure")), **common, "404": err("No such measure"), "409": err("Stale version")}}},
    "/measures/{id}/values": {
        "get": {"operationId": "listValues", "summary": "Values in period order, each rated", "parameters": idp,
                "responses": {"200": resp("Values", obj({"values": arr(ref("RatedValue"))}, ["values"])), "404": err("No such measure")}},
        "post": {"operationId": "addValue", "summary": "Record a value for a period (refused, naming the period, outside the period of the plans the measure reports to)", "parameters": idp, "requestBody": body("ValueInput"),
                 "responses": {"201": resp("Recorded", ref("RatedValue")), **common, "404": err("No such measure"), "409": err("The period already has a value (send replace: true)")}}},
    "/measures/{id}/values/corrections": {
        "get": {"operationId": "listValueCorrections", "summary": "Corrections of the measure's values, oldest first: before, after, who, when and why", "parameters": idp,
                "responses": {"200": resp("Corrections", obj({"corrections": arr(ref("ValueCorrection"))}, ["corrections"])), "404": err("No such measure")}},
        "post": {"operationId": "correctValue", "summary": "Correct a recorded value, giving the reason; the value it replaces is kept", "parameters": idp,
                 "requestBody": body("ValueCorrectionInput"),
                 "responses": {"201": resp("Corrected", ref("ValueCorrection")), **common, "404": err("No such measure"),
                               "409": err("The value changed since you read it (previousValue differs)")}}},
    "/boards": {"get": {"operationId": "listBoards", "summary": "The organisation's boards",
                        "responses": {"200": resp("Boards", obj({"boards": arr(ref("BoardSummary"))}, ["boards"]))}}},
    "/boards/{id}": {"get": {"operationId": "getBoard", "summary": "A board: members, chair and vice chair, terms of reference, minute numbering", "parameters": idp,
                             "responses": {"200": resp("The board", ref("Board")), "404": err("No such board")}}},
    "/boards/{id}/meetings": {"get": {"operationId": "listMeetings", "summary": "A board's meetings by date", "parameters": idp,
                                      "responses": {"200": resp("Meetings", obj({"meetings": arr(ref("MeetingSummary"))}, ["meetings"])), "404": err("No such board")}}},
    "/boards/{id}/action-points": {"get": {"operationId": "listActionPoints", "summary": "The board's action log: open ones as at the day (overdue first), then closed ones",
                                           "parameters": idp + asat,
                                           "responses": {"200": resp("Action points", obj({"boardID": I, "asAt": D, "actionPoints": arr(ref("ActionPoint"))}, ["boardID", "asAt", "actionPoints"])),
                                                         "400": err("Bad asAt"), "404": err("No such board")}}},
    "/meetings/{id}": {"get": {"operationId": "getMeeting", "summary": "A meeting with its agenda, attendance, minutes, action points raised and the review of previous action points",
                               "parameters": idp, "responses": {"200": resp("The meeting", ref("Meeting")), "404": err("No such meeting")}}},
    "/meetings/{id}/action-points": {"post": {"operationId": "createActionPoint", "summary": "Raise an action point at an agenda item (needs manage boards)",
                                              "parameters": idp, "requestBody": body("ActionPointInput"),
                                              "responses": {"201": resp("Created", ref("ActionPoint")), **common, "404": err("No such meeting")}}},
    "/meetings/{id}/pack": {"get": {"operationId": "getPack", "summary": "The board pack: its content as JSON (the default), the print-ready page as one HTML file, or the Word board paper (.docx)",
                                    "parameters": idp + [{"name": "format", "in": "query", "required": False, "description": "json (the default), html or docx; anything else is refused with 400 naming format",
                                                          "schema": {**enum("json", "html", "docx"), "default": "json"}}],
                                    "responses": {"200": {"description": "The pack; docx comes as an attachment (Content-Disposition) named after the board and the meeting's date",
                                                          "content": {"application/json": {"schema": ref("BoardPack")}, "text/html": {"schema": S},
                                                                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"schema": {"type": "string", "format": "binary"}}}},
                                                  "400": err("Unknown format"), "404": err("No such meeting")}}},
    "/action-points/{id}": {"patch": {"operationId": "patchActionPoint", "summary": "Edit an action point, change its status with a dated note, or add a note; carries the version it edits (needs manage boards)",
                                      "parameters": idp, "requestBody": body("ActionPointPatch"),
                                      "responses": {"200": resp("The action point", ref("ActionPoint")), **common, "404": err("No such action point"), "409": err("Stale version: someone else changed it first")}}},
    "/home": {"get": {"operationId": "getHome",
                      "summary": "What needs the token's person: the actions they lead (rating, update due, next update), their open action points, their boards' next meetings; for editors the plan's exceptions, for clerks the board business waiting",
                      "responses": {"200": resp("The worklist", ref("Home"))}}},
    "/meetings/{id}/attendance": {"post": {"operationId": "recordAttendance",
                                           "summary": "Record who came, which marks the meeting as held; refused (400, field date) before the meeting's day and for a cancelled meeting (needs manage boards)",
                                           "parameters": idp, "requestBody": body("AttendanceInput"),
                                           "responses": {"200": resp("The meeting", ref("Meeting")), **common, "404": err("No such meeting"), "409": err("Stale version: someone else changed it first")}}},
    "/meetings/{id}/cancel": {"post": {"operationId": "cancelMeeting", "summary": "Cancel a scheduled meeting with the reason, recorded with the token's person (needs manage boards); undo with reinstate",
                                       "parameters": idp, "requestBody": body("CancellationInput"),
                                       "responses": {"200": resp("The meeting", ref("Meeting")), **common, "404": err("No such meeting"), "409": err("Stale version: someone else changed it first")}}},
    "/meetings/{id}/reinstate": {"post": {"operationId": "reinstateMeeting", "summary": "Undo a cancellation: the meeting is scheduled again (needs manage boards)",
                                          "parameters": idp, "requestBody": body("MeetingVersionInput"),
                                          "responses": {"200": resp("The meeting", ref("Meeting")), **common, "404": err("No such meeting"), "409": err("Stale version: someone else changed it first")}}},
    "/meetings/{id}/approve-minutes": {"post": {"operationId": "approveMinutes",
                                                "summary": "Approve and lock the minutes of the board's previous held meeting at this one, minuting the resolution here; version is that of the earlier meeting (needs manage boards)",
                                                "parameters": idp, "requestBody": body("MeetingVersionInput"),
                                                "responses": {"200": resp("This meeting", ref("Meeting")), **common, "404": err("No such meeting"), "409": err("Stale version: someone else changed it first")}}},
    "/analysis/runs": {"get": {"operationId": "listAnalysisRuns", "summary": "Runs of the KPI engine from uploaded Annex A files, newest first (analysts only)",
                               "responses": {"200": resp("Runs", obj({"runs": arr(ref("AnalysisRunSummary"))}, ["runs"]))}}},
    "/analysis/runs/{id}": {"get": {"operationId": "getAnalysisRun", "summary": "A run's figures per measure and its data-quality counts; aggregates only, never the lists of children (analysts only)",
                                    "parameters": idp, "responses": {"200": resp("The run", ref("AnalysisRun")), "404": err("No such run")}}},
}

# Changing a plan's shape and its inspection (editors and administrators): themes and areas are
# added, changed, moved one place and removed (refused with 409 while they hold areas or actions);
# the inspection's edits carry the plan's version.
VER = {**INT, "description": "The version you last read; a stale version is refused with 409"}
issue_in = obj({"heading": S, "quote": NB, "paragraphs": arr(S)}, ["heading", "quote", "paragraphs"])
schemas.update({
    "Theme": obj({"id": I, "planID": I, "position": I, "ref": S, "title": S, "version": I}, ["id", "planID", "position", "ref", "title", "version"]),
    "NewThemeInput": obj({"ref": {**S, "maxLength": 20, "description": "The theme's number, unique in the plan"}, "title": {**NB, "maxLength": 300}}, ["title"]),
    "ThemePatch": obj({"version": VER, "ref": {**S, "maxLength": 20}, "title": {**NB, "maxLength": 300}}, ["version"]),
    "MoveInput": obj({"version": VER, "direction": enum("up", "down")}, ["version", "direction"]),
    "NewAreaInput": obj({"themeID": {**ID, "description": "A theme of this plan; the area goes at its end"}, "ref": {**NB, "maxLength": 20, "description": "Unique in the plan"},
                         "title": {**NB, "maxLength": 300}, "recommendationNumber": {**INT, "minimum": 1, "maximum": 999}, "improvementLead": S, "coreFocus": S,
                         "issues": arr(issue_in), "objectives": arr(S), "whyItMatters": S, "whatGoodLooksLike": S}, ["themeID", "ref", "title"]),
    "Inspection": obj({"id": I, "organisationID": I, "kind": enum("ILACS", "SIF", "JTAI", "Focused visit", "Monitoring visit", "Area SEND"),
                       "startDate": D, "publishedDate": D,
                       "judgements": arr(obj({"area": S, "grade": S}, ["area", "grade"])),
                       "recommendations": arr(obj({"number": I, "text": S, "paragraphs": arr(S)}, ["number", "text", "paragraphs"]))},
                      ["id", "kind", "startDate", "judgements", "recommendations"]),
    "InspectionResource": obj({"planID": I, "planVersion": {**I, "description": "The plan's version: the inspection's edits carry it"},
                               "inspection": ref("Inspection")}, ["planID", "planVersion", "inspection"]),
    "InspectionPatch": {**rules(obj({"version": {**VER, "description": "The plan's version you last read; a stale version is refused with 409"},
                                     "kind": enum("ILACS", "SIF", "JTAI", "Focused visit", "Monitoring visit", "Area SEND"),
                                     "startDate": D, "publishedDate": {**D, "description": "On or after startDate"},
                                     "clearPublishedDate": {**B, "description": "true removes the published date; not with publishedDate"},
                                     "judgements": {**arr(obj({"area": NB, "grade": enum("Outstanding", "Good", "Requires improvement to be good", "Inadequate")}, ["area", "grade"])),
                                                    "description": "Replaces every judgement; each area once"},
                                     "recommendations": {**arr(obj({"number": {**INT, "minimum": 1, "maximum": 999}, "text": NB, "paragraphs": arr(S)}, ["number", "text", "paragraphs"])),
                                                         "description": "Replaces every recommendation; each number once. Paragraph references as the report gives them (\"14\", \"Pg 5 Para 13,14\")"}},
                                    ["version"]), exclusive("publishedDate", "clearPublishedDate")),
                        "description": "Fields left out keep what is stored. A plan without an inspection gets one when kind and startDate are sent."},
})
versionq = [{"name": "version", "in": "query", "required": True, "description": "The version you last read; a stale version is refused with 409",
             "schema": {"type": "integer", "format": "int64"}}]
stale = err("Stale version: someone else changed it first")
paths["/plans/{id}/areas"]["post"] = {"operationId": "createArea", "summary": "Add an area at the end of a theme of the plan", "parameters": idp,
                                      "requestBody": body("NewAreaInput"),
                                      "responses": {"201": resp("Created", ref("Area")), **common, "404": err("No such plan or theme")}}
paths["/areas/{id}"]["delete"] = {"operationId": "deleteArea", "summary": "Remove an area; refused (409, saying how many) while it holds actions",
                                  "parameters": idp + versionq,
                                  "responses": {"204": resp("Removed"), "400": err("No version"), "404": err("No such area"),
                                                "409": err("Stale version, or the area holds actions")}}
paths["/areas/{id}/move"] = {"post": {"operationId": "moveArea", "summary": "Move an area one place up or down in its theme", "parameters": idp,
                                      "requestBody": body("MoveInput"),
                                      "responses": {"200": resp("The moved area", ref("Area")), **common, "404": err("No such area"), "409": stale}}}
paths["/plans/{id}/themes"] = {"post": {"operationId": "createTheme", "summary": "Add a theme at the end of the plan", "parameters": idp,
                                        "requestBody": body("NewThemeInput"),
                                        "responses": {"201": resp("Created", ref("Theme")), **common, "404": err("No such plan")}}}
paths["/themes/{id}"] = {
    "get": {"operationId": "getTheme", "summary": "A theme, with the version its edits carry", "parameters": idp,
            "responses": {"200": resp("The theme", ref("Theme")), "404": err("No such theme")}},
    "patch": {"operationId": "patchTheme", "summary": "Change a theme's reference or title", "parameters": idp, "requestBody": body("ThemePatch"),
              "responses": {"200": resp("The changed theme", ref("Theme")), **common, "404": err("No such theme"), "409": stale}},
    "delete": {"operationId": "deleteTheme", "summary": "Remove a theme; refused (409, saying what it holds) while it holds areas", "parameters": idp + versionq,
               "responses": {"204": resp("Removed"), "400": err("No version"), "404": err("No such theme"), "409": err("Stale version, or the theme holds areas")}}}
paths["/themes/{id}/move"] = {"post": {"operationId": "moveTheme", "summary": "Move a theme one place up or down in its plan", "parameters": idp,
                                       "requestBody": body("MoveInput"),
                                       "responses": {"200": resp("The moved theme", ref("Theme")), **common, "404": err("No such theme"), "409": stale}}}
paths["/plans/{id}/inspection"] = {
    "get": {"operationId": "getInspection", "summary": "The inspection the plan answers: judgements and numbered recommendations with paragraph references",
            "parameters": idp, "responses": {"200": resp("The inspection", ref("InspectionResource")), "404": err("No such plan, or it has no inspection")}},
    "patch": {"operationId": "patchInspection", "summary": "Change the inspection's kind, dates, judgements and recommendations; carries the plan's version",
              "parameters": idp, "requestBody": body("InspectionPatch"),
              "responses": {"200": resp("The changed inspection", ref("InspectionResource")), **common, "404": err("No such plan"), "409": stale}}}

# The audit trail (administrators only, as the /audit page): the page's filters and paging, each
# entry in the page's words. Record types are Core's AuditRecordType list.
AUDIT_TYPES = ["plan", "theme", "area", "action", "progress update", "measure", "measure value", "import", "board", "meeting",
               "minutes", "action point", "work programme item", "person", "role", "invitation", "API token",
               "calendar feed link", "sign-in", "single sign-on provider", "analysis run", "analysis retention", "accessibility statement", "privacy notice"]
schemas.update({
    "AuditEntry": obj({"id": I, "at": {"type": "string", "format": "date-time"}, "actor": {**S, "description": "Who made the change: a person, \"command line\" or \"system\""},
                       "source": {**S, "description": "The client's address, or the host account for the command line"},
                       "recordType": enum(*AUDIT_TYPES), "recordID": S, "change": enum("create", "update", "delete"),
                       "summary": {**S, "description": "The change in words, naming the record (\"Renamed area 2.3 ‘Early help’ to ‘Early help and prevention’\")"},
                       "changes": arr(obj({"label": S, "before": S, "after": S}, ["label", "before", "after"]))},
                      ["id", "at", "actor", "recordType", "recordID", "change", "summary", "changes"]),
    "AuditEntryList": obj({"entries": arr(ref("AuditEntry")), "total": {**I, "description": "Entries matching the filters"},
                           "page": I, "pageCount": I, "pageSize": I,
                           "links": {"type": "object", "additionalProperties": S, "description": "self, page (the audit page with the same filters), and previous and next where there are"}},
                          ["entries", "total", "page", "pageCount", "pageSize", "links"]),
})
paths["/audit"] = {"get": {"operationId": "listAuditEntries",
                           "summary": "The organisation's audit trail, newest first, 50 entries a page, filtered by person, record type and UK dates (administrators only)",
                           "parameters": [
                               {"name": "person", "in": "query", "required": False, "description": "Only changes made by this actor, as entries name it", "schema": S},
                               {"name": "recordType", "in": "query", "required": False, "description": "Only changes to this kind of record", "schema": enum(*AUDIT_TYPES)},
                               {"name": "from", "in": "query", "required": False, "description": "Only changes made on or after this day (UK time)", "schema": D},
                               {"name": "to", "in": "query", "required": False, "description": "Only changes made on or before this day (UK time); not before from", "schema": D},
                               {"name": "page", "in": "query", "required": False, "description": "The page, from 1; a page after the last is the last, anything else not a page number is the first",
                                "schema": S}],
                           "responses": {"200": resp("One page of entries", ref("AuditEntryList")),
                                         "400": err("A date not in the form YYYY-MM-DD, to before from, or an unknown recordType (names the field)")}}}

# Single sign-on (administrators only, as oversight sso add|list|remove): one provider per
# organisation. Only where the client secret is read is ever sent or shown (Core's SSOProviderSettings).
ROLES = ["administrator", "editor", "action-lead", "board-member", "analyst", "viewer"]
SECRET_SOURCE = {"type": "string", "pattern": "^(file:.+|env:[A-Za-z0-9_]+)$",
                 "description": "Where the client secret is read when someone signs in: file:<path> or env:<VARIABLE>. Never the secret itself (refused, 400)",
                 "example": "file:/run/secrets/entra"}
SSO_MAPPING = obj({"group": NB, "role": enum(*ROLES)}, ["group", "role"])
sso_fields = {
    "name": {**NB, "maxLength": 100, "description": "Shown on the button: Sign in with <name>"},
    "issuer": {**NB, "description": "The issuer URL exactly as the provider's discovery document gives it: https (http only on 127.0.0.1 or localhost)",
               "example": "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"},
    "clientId": {**NB, "maxLength": 200, "description": "The application's client id at the provider"},
    "secret": SECRET_SOURCE,
    "scopes": {**arr(NB), "description": "Must include openid; default openid email profile"},
    "keyClaim": {**enum("email", "preferred_username", "oid", "sub"), "description": "The claim that names the person; default email (only when the provider says it is verified)"},
    "groupClaim": {**NB, "description": "The claim holding groups or app roles; default groups"},
    "mappings": {**arr(SSO_MAPPING), "description": "Groups (or app roles) and the role each gives, highest wins; none: roles are managed on /people"},
    "justInTime": {**B, "description": "Create an account on a person's first sign-in; default false"},
    "allowLocalAccounts": {**B, "description": "Show the password form to this organisation's people; default true"},
    "ssoRequired": {**B, "description": "Everyone signs in through the provider except the break-glass accounts; default false"},
    "breakGlass": {**arr(S), "description": "Emails of accounts that may still use a password when SSO is required"},
}
schemas.update({
    "SSOProviderInput": {**obj(sso_fields, ["name", "issuer", "clientId", "secret"]), "additionalProperties": False},
    "SSOProvider": obj({"slug": S, **sso_fields, "secret": {**S, "description": "Where the client secret is read (file:<path> or env:<VARIABLE>), never the secret"},
                        "redirectUri": {**S, "description": "The redirect URI to register at the provider"},
                        "createdAt": {"type": "string", "format": "date-time"},
                        "links": {"type": "object", "additionalProperties": S, "description": "self, and signIn (the page that starts a sign-in)"}},
                       ["slug", "name", "issuer", "clientId", "secret", "scopes", "keyClaim", "groupClaim", "mappings", "justInTime",
                        "allowLocalAccounts", "ssoRequired", "breakGlass", "redirectUri", "createdAt", "links"]),
    "SSOProviderList": obj({"providers": {**arr(ref("SSOProvider")), "description": "The organisation's provider, or none"}}, ["providers"]),
})
slugp = [{"name": "slug", "in": "path", "required": True, "description": "1-40 lower-case letters, digits and hyphens, as in /sso/<slug>/start",
          "schema": {"type": "string", "pattern": "^[a-z0-9-]{1,40}$"}}]
paths["/sso-providers"] = {"get": {"operationId": "listSSOProviders", "summary": "The organisation's single sign-on provider, if it has one (administrators only)",
                                   "responses": {"200": resp("The providers (none or one)", ref("SSOProviderList"))}}}
paths["/sso-providers/{slug}"] = {
    "get": {"operationId": "getSSOProvider", "summary": "The organisation's single sign-on provider (administrators only)", "parameters": slugp,
            "responses": {"200": resp("The provider", ref("SSOProvider")), "404": err("The organisation has no provider with that slug")}},
    "put": {"operationId": "putSSOProvider",
            "summary": "Set up the organisation's single sign-on, or replace its settings (administrators only; audited). Fields left out take their defaults",
            "parameters": slugp, "requestBody": body("SSOProviderInput"),
            "responses": {"200": resp("Replaced (or already so)", ref("SSOProvider")), "201": resp("Set up", ref("SSOProvider")), **common,
                          "404": err("Another organisation's provider has that slug"),
                          "409": err("The organisation's provider has another slug: change that one, or remove it first")}},
    "delete": {"operationId": "deleteSSOProvider", "summary": "Remove the organisation's single sign-on and the links to its accounts (administrators only; audited)",
               "parameters": slugp, "responses": {"204": resp("Removed"), "404": err("The organisation has no provider with that slug")}},
}

# Every operation needs a bearer token (oversight token create): 401 without a valid one, 403
# when the token's role does not allow the operation (reads need any role; writes need editor or
# administrator, or an action lead for the actions they lead).
for item in paths.values():
    for operation in item.values():
        operation["responses"].setdefault("401", err("No valid bearer token (missing, wrong, revoked, or its person disabled)"))
        operation["responses"].setdefault("403", err("The token's role does not allow this"))
        # Any address with a control character in it is refused before routing.
        operation["responses"].setdefault("400", err("Bad input: names the field, or an address with a character no address may have"))

doc = {
    "openapi": "3.0.3",
    "info": {"title": "Oversight API", "version": "1.0.0",
             "description": "Improvement plans, actions and KPIs with explained ratings; boards, meetings, action points and board packs. Every request sends a token: Authorization: Bearer <token> (oversight token create). Errors are JSON {error, detail} with the HTTP status: 400 bad input naming the field, 401 no valid token, 403 the token's role does not allow it, 404 not found (including another organisation's records), 409 stale version or conflict, 413 too large."},
    "servers": [{"url": "/api/v1"}],
    "paths": paths,
    "security": [{"bearerToken": []}],
    "components": {"schemas": schemas,
                   "securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer",
                                                       "description": "An API token from `oversight token create`, scoped to a role no wider than its person's."}}},
}
out = pathlib.Path(__file__).resolve().parent.parent / "Sources/Web/Resources/openapi.json"
out.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")
print(f"wrote {out}")
