import Core

/// What an import found, as text a person checks before storing it (the CLI prints it).
public enum ImportPreview {
    /// One line of counts per file: `1 plan, 5 areas, 22 actions, 41 milestones (17 complete), 0 measures, 3 warnings`.
    public static func counts(_ result: ImportResult) -> String {
        let areas = result.plans.reduce(0) { $0 + $1.areas.count }
        let actions = result.plans.reduce(0) { $0 + $1.actions.count }
        let milestones = result.plans.flatMap(\.milestones)
        let complete = milestones.filter(\.isComplete).count
        return [
            count(result.plans.count, "plan"), count(areas, "area"), count(actions, "action"),
            count(milestones.count, "milestone") + " (\(complete) complete)",
            count(result.measures.count, "measure"), count(result.warnings.count, "warning"),
        ].joined(separator: ", ") + (result.workProgrammes.isEmpty ? "" : "; " + count(result.workProgrammes.count, "work programme")
            + " with " + count(result.workProgrammeEntries.count, "item"))
    }

    /// The whole preview: each plan's areas and actions with their leads, dates and milestones,
    /// its measures with targets, then the warnings and notes with where they are.
    public static func text(_ result: ImportResult, details: Bool = true) -> String {
        var out: [String] = ["\(result.fileName): \(counts(result))"]
        for (index, plan) in result.plans.enumerated() {
            let draft = plan.draft
            out.append("")
            let tables = plan.tables.count == 1 ? "table \(plan.tables[0])" : "tables \(plan.tables.first ?? 0)–\(plan.tables.last ?? 0)"
            out.append("Plan \(index + 1): \(draft.plan.title) (\(draft.plan.kind.rawValue), \(tables)): "
                       + "\(count(plan.areas.count, "area")), \(count(plan.actions.count, "action")), \(count(draft.measures.count, "measure"))")
            guard details else { continue }
            for theme in draft.themes {
                if draft.themes.count > 1 || !theme.theme.ref.isEmpty { out.append("  Theme \(theme.theme.ref) \(theme.theme.title)") }
                for area in theme.areas {
                    let a = area.area
                    var facts: [String] = []
                    if !a.improvementLead.isEmpty { facts.append("lead: \(a.improvementLead)") }
                    if !a.issues.isEmpty { facts.append(count(a.issues.count, "issue")) }
                    if !a.objectives.isEmpty { facts.append(count(a.objectives.count, "objective")) }
                    let measures = plan.measureAreas.filter { $0.value == a.ref }.count
                    if measures > 0 { facts.append(count(measures, "measure")) }
                    out.append("  Area \(a.ref) \(short(a.title, 70))" + (facts.isEmpty ? "" : " — " + facts.joined(separator: "; ")))
                    for draftAction in area.actions {
                        let action = draftAction.action
                        var parts: [String] = []
                        if !action.leads.isEmpty { parts.append("leads: " + action.leads.joined(separator: "; ")) }
                        if let due = action.dueDate { parts.append("due \(due.iso)") }
                        if !action.milestones.isEmpty {
                            parts.append("\(count(action.milestones.count, "milestone")) (\(action.milestones.filter(\.isComplete).count) complete)")
                        }
                        parts.append(action.status.word.lowercased())
                        out.append("    \(action.ref) \(short(action.title, 60)) — " + parts.joined(separator: "; "))
                    }
                }
            }
            if !draft.measures.isEmpty {
                out.append("  Measures:")
                for measure in draft.measures {
                    let targets = measure.targets.map { target in
                        (target.isInterim ? "interim " : "") + measure.format(target.value) + " by " + target.dueBy.iso
                    }
                    out.append("    \(measure.code). \(short(measure.title, 70))" + (targets.isEmpty ? "" : " — " + targets.joined(separator: ", ")))
                }
            }
        }
        for (index, programme) in result.workProgrammes.enumerated() {
            out.append("")
            out += workProgrammeText(programme, number: index + 1, details: details)
        }
        if !result.tables.isEmpty {
            out.append("")
            out.append("Tables (what each was taken for, and why):")
            out += result.tables.map { tableLine($0, in: result) }
        }
        if !result.warnings.isEmpty {
            out.append("")
            out.append("Warnings (check these):")
            out += result.warnings.map { "  \($0.location): \($0.message)" }
        }
        if !result.notes.isEmpty {
            out.append("")
            out.append("Notes:")
            out += result.notes.map { "  \($0.location): \($0.message)" }
        }
        return out.joined(separator: "\n")
    }

    /// `Table 3 (pack.docx, table 3): plan 1 "ILACS Improvement Plan" — its header row names Ref, Action, Lead`,
    /// or `Table 1 (pack.docx, table 1): agenda, skipped — it is an agenda (a 'Page No' column)`.
    public static func tableLine(_ reading: TableReading, in result: ImportResult) -> String {
        let what: String
        switch reading.kind {
        case .plan, .continuation:
            let plan = reading.plan.flatMap { result.plans.indices.contains($0) ? result.plans[$0] : nil }
            let name = plan.map { "\"\($0.draft.plan.title)\"" } ?? ""
            let kind = plan?.draft.plan.kind == .recommendationTracker ? "tracker" : "plan"
            what = "\(kind) \((reading.plan ?? 0) + 1) \(name)".trimmingCharacters(in: .whitespaces)
                + (reading.kind == .continuation ? ", continued" : "")
        case .workProgramme where result.workProgrammes.contains(where: { $0.table == reading.table }):
            what = "a board's work programme, imported into the board chosen"
        default:
            what = "\(reading.kind.rawValue), skipped"
        }
        return "  Table \(reading.table) (\(reading.location)): \(what) — \(reading.reason)"
    }

    /// What updating a stored plan changes, as the command line prints it:
    /// `Updates plan 3 "…": 2 actions changed, 1 added, 17 unchanged`, then a line per action.
    public static func updateText(_ update: PlanReimport) -> String {
        var out = ["Updates plan \(update.planID) \"\(update.planTitle)\": \(update.summary)"]
        if update.changesNothing { out.append("  Nothing would change: the file says what the plan says.") }
        for change in update.changes {
            let found = change.fileRef.map { " (found by its title; \($0) in the file)" } ?? ""
            out.append("  Changes \(change.ref) \(short(change.title, 50))\(found): " + change.sentences.joined(separator: "; "))
        }
        for area in update.newAreas { out.append("  New area \(area.description)") }
        for addition in update.additions {
            out.append("  Adds \(addition.action.ref) \(short(addition.action.title, 60)) to \(addition.areaText)")
        }
        for missing in update.missing {
            out.append("  Not in the file, kept: \(missing.ref) \(short(missing.title, 60))")
        }
        return out.joined(separator: "\n")
    }

    /// `Work programme 1: Work programme 2023-24 (table 1): 3 meetings, 5 items, 2 standing items`,
    /// then each meeting with its items, then the standing items with their rules.
    public static func workProgrammeText(_ programme: ImportedWorkProgramme, number: Int, details: Bool = true) -> [String] {
        var out = ["Work programme \(number): \(programme.title) (table \(programme.table)): "
                   + "\(count(programme.meetings.count, "meeting")), \(count(programme.plannedCount, "item")), "
                   + "\(count(programme.standingCount, "standing item"))"]
        guard details else { return out }
        func line(_ entry: WorkProgrammeImport.Entry, rule: Bool) -> String {
            var parts: [String] = []
            if rule { parts.append(entry.when.text) }
            if !entry.presenter.isEmpty { parts.append(entry.presenter) }
            parts.append(entry.purpose.word.lowercased())
            return "    \(short(entry.title, 60)) — " + parts.joined(separator: "; ")
        }
        for meeting in programme.meetings {
            out.append("  \(meeting.text)")
            out += programme.entries.filter { $0.when == meeting }.map { line($0, rule: false) }
        }
        let standing = programme.entries.filter { if case .standing = $0.when { true } else { false } }
        if !standing.isEmpty {
            out.append("  Standing items")
            out += standing.map { line($0, rule: true) }
        }
        return out
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    static func short(_ text: String, _ length: Int) -> String {
        let flat = text.split(separator: "\n").joined(separator: " ")
        return flat.count > length ? String(flat.prefix(length - 1)) + "…" : flat
    }
}
