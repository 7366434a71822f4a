import Core
import Foundation

// The editor's forms for an action: change its details (on a page of their own), override its
// rating and add evidence of impact (on the action page). What each posts, how it is checked,
// and how it is shown again with what was typed and the errors beside the fields.

/// Where Core's field names show on the "Change the action" form.
enum ActionEditField {
    static func id(for field: String) -> String {
        switch field {
        case "ref": "edit-ref"
        case "title": "edit-title"
        case "outcome": "edit-outcome"
        case "leads": "edit-leads"
        case "startDate": "edit-start"
        case "dueDate": "edit-due"
        case "reprogrammeReason": "edit-reason"
        case "areaID": "edit-area"
        case "measureIDs": "edit-measures"
        default: "edit-title"
        }
    }

    /// The leads chosen from the organisation's people, then those typed (one a line).
    static func leads(_ fields: FormFields) -> [String] {
        let people = fields.values["person"] ?? []
        let typed = (fields["other-leads"] ?? "").components(separatedBy: .newlines)
        return ActionEditRules.normalisedLeads(people + typed)
    }
}

/// What the "Change the action" form asks for, read from a post.
struct ActionEditSubmission: Sendable {
    var details: ActionDetails
    var reason: String
    var measureIDs: [Int64]
    var version: Int

    /// The change, or the problems with it (dates that are not dates; Core's rules after).
    static func read(_ fields: FormFields, action: Action, today: Day, by person: String) throws -> Result<ActionEditSubmission, ProblemList> {
        var problems = FormProblems()
        let version = try fields.version()
        let start = Self.optionalDate(fields, prefix: "start-", name: "Start date", id: "edit-start", problems: &problems)
        let due = Self.optionalDate(fields, prefix: "due-", name: "Due date", id: "edit-due", problems: &problems)
        var areaID = action.areaID
        if let text = fields.trimmed("area") {
            if let id = Int64(text), id > 0 { areaID = id } else { problems.add("edit-area", "Choose an area of this plan") }
        }
        let measureIDs = (fields.values["measure"] ?? []).compactMap { Int64($0) }.filter { $0 > 0 }
        let details = ActionDetails(ref: fields["ref"] ?? "", title: fields["title"] ?? "", outcome: fields["outcome"] ?? "",
                                    leads: ActionEditField.leads(fields), startDate: start ?? nil, dueDate: due ?? nil, areaID: areaID)
        let reason = fields["reason"] ?? ""
        // Core's rules, tried on a copy so every problem shows at once with the date problems.
        var copy = action
        do {
            try copy.change(to: details, reprogrammeReason: reason, on: today, by: person)
        } catch {
            for problem in error.errors { problems.add(ActionEditField.id(for: problem.field), problem.message) }
        }
        guard problems.isEmpty, let start, let due else { return .failure(ProblemList(problems: problems)) }
        var submission = ActionEditSubmission(details: details, reason: reason, measureIDs: measureIDs, version: version)
        submission.details.startDate = start
        submission.details.dueDate = due
        return .success(submission)
    }

    /// A date the form may leave blank: `.some(nil)` when blank, nil when wrong (with the problem recorded).
    static func optionalDate(_ fields: FormFields, prefix: String, name: String, id: String, problems: inout FormProblems) -> Day?? {
        let field = fields.date(prefix)
        if [field.day, field.month, field.year].allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return .some(nil) }
        guard let day = field.read(name: name, latest: nil, id: id, into: &problems) else { return nil }
        return .some(day)
    }
}

/// `/actions/{id}/edit`: an editor changes the action's wording, leads, dates, area and measures.
struct ActionEditPage: PageModel, Sendable {
    static let template = Template.actionEdit

    struct Person: Sendable {
        var value: String
        var label: String
        var selected: Bool
        var id: String
    }

    var title: String
    var navPlans = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading: String
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var postTo: String
    var cancelHref: String
    /// Nil on the form for a new action, which has no version yet.
    var version: String?
    var submitLabel = "Save changes"
    /// The reason for a moved due date: a new action has none to move.
    var asksReason = true
    var offersArea = true

    var ref: String
    var refError: String?
    var actionTitle: String
    var titleError: String?
    var outcome: String
    var outcomeError: String?
    var people: [Person]
    var hasPeople: Bool
    var otherLeads: String
    var leadsError: String?
    var startDate: DateInputView
    var startError: String?
    var dueDate: DateInputView
    var dueError: String?
    var dueHint: String
    var reason: String
    var reasonError: String?
    var areaChoices: [Choice]
    var areaError: String?
    var measureChoices: [Choice]
    var hasMeasureChoices: Bool

    /// - Parameters: fields: what was posted, shown again; nil shows the action as stored.
    init(found: ActionInContext, contents: PlanContents, members: [Member], measures: [Measure],
         fields: FormFields? = nil, problems: FormProblems = FormProblems(), errorIntro: String? = nil) {
        let action = found.action
        title = (problems.isEmpty && errorIntro == nil ? "" : "Error: ") + "Change action \(action.ref): \(action.title)"
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(found.plan.id).href, label: found.plan.title),
                       Crumb(href: Path.action(action.id).href, label: "Action \(action.ref)")]
        caption = "Action \(action.ref)"
        heading = "Change the action"
        hasErrors = !problems.isEmpty || errorIntro != nil
        errors = problems.links
        self.errorIntro = errorIntro
        postTo = Path.actionEdit(action.id).href
        cancelHref = Path.action(action.id).href
        version = String(action.version)

        ref = fields?["ref"] ?? action.ref
        refError = problems.message("edit-ref")
        actionTitle = fields?["title"] ?? action.title
        titleError = problems.message("edit-title")
        outcome = fields?["outcome"] ?? action.outcome
        outcomeError = problems.message("edit-outcome")

        // People are offered by name; a lead that names no one here (a role, a partner agency) is typed.
        let chosen = fields.map { ActionEditField.leads($0) } ?? action.leads
        let names = members.filter { !$0.person.isDisabled }.map(\.person.name).sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending }
        var seen: Set<String> = []
        let uniqueNames = names.filter { seen.insert($0.lowercased()).inserted }
        let chosenKeys = Set(chosen.map { $0.lowercased() })
        people = uniqueNames.enumerated().map { index, name in
            Person(value: name, label: name, selected: chosenKeys.contains(name.lowercased()), id: index == 0 ? "edit-leads" : "edit-leads-\(index + 1)")
        }
        hasPeople = !people.isEmpty
        let offered = Set(uniqueNames.map { $0.lowercased() })
        otherLeads = fields?["other-leads"] ?? chosen.filter { !offered.contains($0.lowercased()) }.joined(separator: "\n")
        leadsError = problems.message("edit-leads")

        startDate = DateInputView(id: "edit-start", name: "start-", fields?.date("start-") ?? action.startDate.map(DateField.init) ?? DateField(day: "", month: "", year: ""), problems: problems)
        startError = problems.message("edit-start")
        dueDate = DateInputView(id: "edit-due", name: "due-", fields?.date("due-") ?? action.dueDate.map(DateField.init) ?? DateField(day: "", month: "", year: ""), problems: problems)
        dueError = problems.message("edit-due")
        dueHint = action.dueDate.map { "Now \($0.formattedLong). If you change it, say why below: the old date is kept and shown as reprogrammed." }
            ?? "For example 31 3 2027. Leave blank if there is no due date yet."
        reason = fields?["reason"] ?? ""
        reasonError = problems.message("edit-reason")

        let area = fields?.trimmed("area") ?? String(action.areaID)
        areaChoices = contents.themes.flatMap { theme in
            contents.areas(in: theme).map { candidate in
                Choice(value: String(candidate.id), label: "\(theme.ref) \(theme.title) — \(candidate.ref) \(candidate.title)",
                       selected: String(candidate.id) == area)
            }
        }
        areaError = problems.message("edit-area")
        let linked = Set(fields.map { ($0.values["measure"] ?? []) } ?? action.measureIDs.map(String.init))
        measureChoices = measures.enumerated().map { index, measure in
            Choice(value: String(measure.id), label: "\(measure.code) \(measure.title)", selected: linked.contains(String(measure.id)),
                   id: index == 0 ? "edit-measures" : "edit-measures-\(index + 1)")
        }
        hasMeasureChoices = !measureChoices.isEmpty
    }
}

// MARK: - Override the rating

/// The "Override the rating" form on the action page.
struct OverrideFormView: Sendable {
    var overridePostTo: String
    var overrideRemoveTo: String
    var overrideVersion: String
    var overrideChoices: [Choice]
    var overrideReason: String
    var overrideUntil: DateInputView
    var overrideRatingError: String?
    var overrideReasonError: String?
    var overrideUntilError: String?
    /// Whether an override is in force, to offer removing it.
    var overrideIsSet: Bool

    static let ratings: [DeliveryRating] = [.blue, .red, .amber, .green, .grey]

    init(action: Action, fields: FormFields? = nil, problems: FormProblems = FormProblems()) {
        overridePostTo = Path.actionOverride(action.id).href
        overrideRemoveTo = Path.actionOverrideRemoval(action.id).href
        overrideVersion = String(action.version)
        let chosen = fields?["rating"] ?? action.override?.rating.rawValue ?? ""
        overrideChoices = Self.ratings.enumerated().map { index, rating in
            Choice(value: rating.rawValue, label: "\(rating.colour) – \(rating.word)", selected: rating.rawValue == chosen,
                   id: index == 0 ? "override-rating" : "override-rating-\(rating.rawValue)")
        }
        overrideReason = fields?["reason"] ?? ""
        overrideUntil = DateInputView(id: "override-until", name: "until-",
                                      fields?.date("until-") ?? action.override?.until.map(DateField.init) ?? DateField(day: "", month: "", year: ""),
                                      problems: problems)
        overrideRatingError = problems.message("override-rating")
        overrideReasonError = problems.message("override-reason")
        overrideUntilError = problems.message("override-until")
        overrideIsSet = action.override != nil
    }

    /// The override to set, or the problems. The end date is required on the page, so that an
    /// override cannot outlive the reason for it unnoticed.
    static func validated(_ fields: FormFields, today: Day, by person: String) -> Result<RatingOverride, ProblemList> {
        var problems = FormProblems()
        let rating = fields.trimmed("rating").flatMap { DeliveryRating(rawValue: $0) }.flatMap { ratings.contains($0) ? $0 : nil }
        if rating == nil { problems.add("override-rating", "Select the rating to show instead of the calculated one") }
        let reason = fields["reason"] ?? ""
        if FormReading.trimmed(reason) == nil { problems.add("override-reason", "Enter the reason for overriding the rating") }
        else if reason.count > 5_000 { problems.add("override-reason", "The reason must be 5,000 characters or fewer") }
        let until = fields.date("until-").read(name: "End date of the override", latest: nil, id: "override-until", into: &problems)
        guard problems.isEmpty, let rating, let until else { return .failure(ProblemList(problems: problems)) }
        do {
            return .success(try RatingOverride(rating: rating, reason: reason, by: person, on: today, until: until))
        } catch {
            let id = switch error.field {
            case "overrideUntil": "override-until"
            case "overrideRating": "override-rating"
            default: "override-reason"
            }
            problems.add(id, error.message, linkTo: id == "override-until" ? "override-until-day" : nil)
            return .failure(ProblemList(problems: problems))
        }
    }
}

// MARK: - Evidence of impact

/// The "Add evidence of impact" form on the action page. The author is whoever is signed in.
struct EvidenceFormView: Sendable {
    var evidencePostTo: String
    var evidenceDate: DateInputView
    var evidenceText: String
    var evidenceDateError: String?
    var evidenceTextError: String?
    var evidenceAuthorText: String

    init(action: Action, today: Day, author: String, fields: FormFields? = nil, problems: FormProblems = FormProblems()) {
        evidencePostTo = Path.actionEvidence(action.id).href
        evidenceDate = DateInputView(id: "evidence-date", name: "evidence-", fields?.date("evidence-") ?? DateField(today), problems: problems)
        evidenceText = fields?["text"] ?? ""
        evidenceDateError = problems.message("evidence-date")
        evidenceTextError = problems.message("evidence-text")
        evidenceAuthorText = author
    }

    struct Entry: Sendable {
        var date: Day
        var text: String
    }

    /// The date and text, or the problems (Core's rules, tried on a copy, have the last word).
    static func validated(_ fields: FormFields, action: Action, today: Day) -> Result<Entry, ProblemList> {
        var problems = FormProblems()
        let date = fields.date("evidence-").read(name: "Date of the evidence", latest: today, id: "evidence-date", into: &problems)
        if FormReading.trimmed(fields["text"]) == nil { problems.add("evidence-text", "Enter the evidence of impact") }
        guard problems.isEmpty, let date else { return .failure(ProblemList(problems: problems)) }
        var copy = action
        do {
            try copy.addEvidence(fields["text"] ?? "", date: date, author: "", authorRole: nil, today: today)
        } catch {
            for problem in error.errors { problems.add(problem.field == "date" ? "evidence-date" : "evidence-text", problem.message) }
            return .failure(ProblemList(problems: problems))
        }
        return .success(Entry(date: date, text: fields["text"] ?? ""))
    }
}

// MARK: - A new action

/// `/areas/{id}/actions/new`: an editor adds an action to an area, its reference suggested as the
/// next in the area (and editable, but unique in the plan).
struct ActionNewPage: PageModel, Sendable {
    static let template = Template.actionNew

    var title: String
    var navPlans = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading = "Add an action"
    var areaText: String
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var form: ActionEditPage

    init(area: Area, contents: PlanContents, members: [Member], measures: [Measure], fields: FormFields? = nil,
         problems: FormProblems = FormProblems()) {
        let theme = contents.themes.first { $0.id == area.themeID } ?? Theme(planID: contents.plan.id, position: 0, ref: "", title: "")
        let suggested = ActionEditRules.suggestedRef(in: area, actions: contents.actions, planActions: contents.actions)
        let draft = Action(id: 0, areaID: area.id, ref: suggested, title: "")
        var form = ActionEditPage(found: ActionInContext(action: draft, area: area, theme: theme, plan: contents.plan), contents: contents,
                                  members: members, measures: measures, fields: fields, problems: problems)
        form.postTo = Path.areaNewAction(area.id).href
        form.cancelHref = Path.plan(contents.plan.id).href(fragment: "area-\(area.id)")
        form.version = nil
        form.submitLabel = "Add the action"
        form.asksReason = false
        form.offersArea = false
        form.dueHint = "For example 31 3 2027. Leave blank if there is no due date yet."
        self.form = form
        title = (problems.isEmpty ? "" : "Error: ") + "Add an action to \(area.ref) \(area.title)"
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(contents.plan.id).href, label: contents.plan.title)]
        caption = contents.plan.title
        areaText = "\(theme.ref) \(theme.title) — \(area.ref) \(area.title)"
        hasErrors = !problems.isEmpty
        errors = problems.links
    }

    /// The action to add, or the problems (Core's rules, and a reference free in the plan).
    static func validated(_ fields: FormFields, area: Area, contents: PlanContents) -> Result<Action, ProblemList> {
        var problems = FormProblems()
        let start = ActionEditSubmission.optionalDate(fields, prefix: "start-", name: "Start date", id: "edit-start", problems: &problems)
        let due = ActionEditSubmission.optionalDate(fields, prefix: "due-", name: "Due date", id: "edit-due", problems: &problems)
        var action = Action(areaID: area.id, ref: "", title: "")
        let details = ActionDetails(ref: fields["ref"] ?? "", title: fields["title"] ?? "", outcome: fields["outcome"] ?? "",
                                    leads: ActionEditField.leads(fields), startDate: start ?? nil, dueDate: due ?? nil, areaID: area.id)
        do {
            try action.change(to: details, reprogrammeReason: nil, on: Day(2000, 1, 1), by: "")
        } catch {
            for problem in error.errors { problems.add(ActionEditField.id(for: problem.field), problem.message) }
        }
        if !action.ref.isEmpty, let taken = ActionEditRules.refProblem(action.ref, actionID: nil, among: contents.actions) {
            problems.add("edit-ref", taken.message)
        }
        action.measureIDs = (fields.values["measure"] ?? []).compactMap { Int64($0) }.filter { $0 > 0 }
        guard problems.isEmpty, start != nil, due != nil else { return .failure(ProblemList(problems: problems)) }
        return .success(action)
    }
}

// MARK: - Milestones

/// `/actions/{id}/milestones`: an editor adds, changes and removes an action's milestones on one
/// form (a row each, and blank rows to add). A milestone keeps its completion when changed.
struct ActionMilestonesPage: PageModel, Sendable {
    static let template = Template.actionMilestones

    struct Row: Sendable {
        var index: String
        var number: Int
        var milestoneID: String
        var titleValue: String
        var titleError: String?
        var due: DateInputView
        var dueError: String?
        var completedText: String?
        var isNew: Bool
        var removeChecked: Bool
    }

    /// Blank rows offered for new milestones.
    static let blankRows = 3

    var title: String
    var navPlans = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading = "Milestones"
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var postTo: String
    var cancelHref: String
    var version: String
    var rowCount: String
    var rows: [Row]

    init(found: ActionInContext, fields: FormFields? = nil, problems: FormProblems = FormProblems(), errorIntro: String? = nil) {
        let action = found.action
        title = (problems.isEmpty && errorIntro == nil ? "" : "Error: ") + "Milestones of action \(action.ref): \(action.title)"
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(found.plan.id).href, label: found.plan.title),
                       Crumb(href: Path.action(action.id).href, label: "Action \(action.ref)")]
        caption = "Action \(action.ref)"
        hasErrors = !problems.isEmpty || errorIntro != nil
        errors = problems.links
        self.errorIntro = errorIntro
        postTo = Path.actionMilestones(action.id).href
        cancelHref = Path.action(action.id).href(fragment: "milestones")
        version = String(action.version)
        let count = fields.flatMap { $0.trimmed("rows").flatMap { Int($0) } }.map { min(max($0, 0), 200) }
            ?? action.milestones.count + Self.blankRows
        let completed = Dictionary(action.milestones.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        rows = (0..<count).map { i in
            let stored = i < action.milestones.count ? action.milestones[i] : nil
            let id = fields?["id-\(i)"] ?? stored.map { String($0.id) } ?? "0"
            let done = Int64(id).flatMap { completed[$0]?.completedOn }
            return Row(index: String(i), number: i + 1, milestoneID: id,
                       titleValue: fields?["title-\(i)"] ?? stored?.title ?? "", titleError: problems.message("milestone-\(i)-title"),
                       due: DateInputView(id: "milestone-\(i)-due", name: "due-\(i)-",
                                          fields?.date("due-\(i)-") ?? stored?.dueDate.map(DateField.init) ?? DateField(day: "", month: "", year: ""),
                                          problems: problems),
                       dueError: problems.message("milestone-\(i)-due"),
                       completedText: done.map { "Complete, \($0.formattedLong)" },
                       isNew: id == "0", removeChecked: fields?["remove-\(i)"] != nil)
        }
        rowCount = String(count)
    }

    /// The milestones as edited (in order, removed ones left out, blank new rows ignored), or the problems.
    static func validated(_ fields: FormFields, action: Action) -> Result<[Milestone], ProblemList> {
        var problems = FormProblems()
        let count = fields.trimmed("rows").flatMap { Int($0) }.map { min(max($0, 0), 200) } ?? 0
        let stored = Dictionary(action.milestones.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var edited: [Milestone] = []
        var rowOf: [Int] = []
        for i in 0..<count {
            guard fields["remove-\(i)"] == nil else { continue }
            let id = fields.trimmed("id-\(i)").flatMap { Int64($0) } ?? 0
            let title = fields["title-\(i)"] ?? ""
            let dateField = fields.date("due-\(i)-")
            let blankDate = [dateField.day, dateField.month, dateField.year].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
            if id == 0, FormReading.trimmed(title) == nil, blankDate { continue }
            var due: Day?
            if !blankDate {
                due = dateField.read(name: "Due date of milestone \(i + 1)", latest: nil, id: "milestone-\(i)-due", into: &problems)
            }
            guard id == 0 || stored[id] != nil else {
                problems.add("milestone-\(i)-title", "Milestone \(i + 1) is no longer part of this action: reload the page")
                continue
            }
            edited.append(Milestone(id: id, title: title, dueDate: due, completedOn: stored[id]?.completedOn))
            rowOf.append(i)
        }
        var copy = action
        do {
            try copy.replaceMilestones(edited)
        } catch {
            for problem in error.errors {
                // "milestones[2].title" names the third kept milestone; the form names its row.
                let position = Int(problem.field.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }) ?? 0
                let row = position < rowOf.count ? rowOf[position] : 0
                problems.add("milestone-\(row)-title", problem.message.replacingOccurrences(of: "milestone \(position + 1)", with: "milestone \(row + 1)"))
            }
        }
        guard problems.isEmpty else { return .failure(ProblemList(problems: problems)) }
        return .success(edited)
    }
}
