import Core
import Foundation

// The editor's pages for a plan's own details and the inspection it answers: what each form
// posts, how it is checked, and how it is shown again with what was typed and the errors.

/// A date that may be left blank (all three inputs empty); otherwise it must be a real date,
/// and the message names it ("The date the plan ends must be a real date").
private func optionalDate(_ fields: FormFields, _ prefix: String, name: String, id: String, into problems: inout FormProblems) -> (Day?, Bool) {
    let field = fields.date(prefix)
    if [field.day, field.month, field.year].allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return (nil, true) }
    let day = field.read(name: name, latest: nil, id: id, into: &problems)
    return (day, day != nil)
}

/// The parts of the page every plan form shares: where it sits and its error summary.
private func planCrumbs(_ plan: Plan) -> [Crumb] {
    [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(plan.id).href, label: plan.title)]
}

// MARK: - The plan's details

/// `/plans/{id}/details`: title, period and update cycle.
struct PlanDetailsEditPage: PageModel, Sendable {
    static let template = Template.planDetails

    struct Input: Sendable {
        var title: String
        var start: Day?
        var end: Day?
        var cycle: UpdateCycle
    }

    var title: String
    var navPlans = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading = "Change the plan's details"
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var postTo: String
    var version: String
    var backHref: String
    var planTitle: String
    var planTitleError: String?
    var startDate: DateInputView
    var startError: String?
    var endDate: DateInputView
    var endError: String?
    var cycleChoices: [Choice]
    var cycleError: String?

    static func id(for field: String) -> String {
        switch field {
        case "periodStart": "plan-start"
        case "periodEnd": "plan-end"
        case "updateCycle": "plan-cycle"
        default: "plan-title"
        }
    }

    init(plan: Plan, fields: FormFields? = nil, outcome: FormOutcome = FormOutcome()) {
        title = (outcome.hasErrors ? "Error: " : "") + "Change the details of \(plan.title)"
        breadcrumbs = planCrumbs(plan)
        caption = plan.title
        hasErrors = outcome.hasErrors
        errors = outcome.problems.links
        errorIntro = outcome.errorIntro
        postTo = Path.planDetails(plan.id).href
        version = String(plan.version)
        backHref = Path.plan(plan.id).href
        let problems = outcome.problems
        planTitle = fields.map { $0["title"] ?? "" } ?? plan.title
        planTitleError = problems.message("plan-title")
        let blank = DateField(day: nil, month: nil, year: nil)
        startDate = DateInputView(id: "plan-start", name: "start-", fields?.date("start-") ?? plan.periodStart.map(DateField.init) ?? blank, problems: problems)
        startError = problems.message("plan-start")
        endDate = DateInputView(id: "plan-end", name: "end-", fields?.date("end-") ?? plan.periodEnd.map(DateField.init) ?? blank, problems: problems)
        endError = problems.message("plan-end")
        let chosen = fields?["cycle"] ?? plan.updateCycle.rawValue
        cycleChoices = UpdateCycle.allCases.enumerated().map { index, cycle in
            Choice(value: cycle.rawValue, label: "Every \(cycle.word)", selected: cycle.rawValue == chosen,
                   id: index == 0 ? "plan-cycle" : "plan-cycle-\(cycle.rawValue)")
        }
        cycleError = problems.message("plan-cycle")
    }

    static func validated(_ fields: FormFields) -> Result<Input, ProblemList> {
        var problems = FormProblems()
        let (start, startRead) = optionalDate(fields, "start-", name: "The date the plan starts", id: "plan-start", into: &problems)
        let (end, endRead) = optionalDate(fields, "end-", name: "The date the plan ends", id: "plan-end", into: &problems)
        let cycle = fields.trimmed("cycle").flatMap(UpdateCycle.init(rawValue:))
        if cycle == nil { problems.add("plan-cycle", "Select how often progress updates are expected") }
        guard problems.isEmpty, startRead, endRead, let cycle else { return .failure(ProblemList(problems: problems)) }
        return .success(Input(title: fields["title"] ?? "", start: start, end: end, cycle: cycle))
    }
}

// MARK: - The inspection

/// `/plans/{id}/inspection`: the inspection's kind, dates and judgements, and its recommendations
/// listed with links to change, add and remove them.
struct PlanInspectionEditPage: PageModel, Sendable {
    static let template = Template.planInspection

    struct Input: Sendable {
        var kind: Inspection.Kind
        var start: Day
        var published: Day?
        var judgements: [Inspection.Judgement]
    }

    struct JudgementRow: Sendable {
        var judgementIndex: String
        var judgementLegend: String
        var judgementArea: String
        var judgementAreaError: String?
        var gradeChoices: [Choice]
    }

    struct RecommendationRow: Sendable {
        var recommendationNumber: String
        var recommendationText: String
        var recommendationParagraphs: String?
        var recommendationChangeHref: String
        var recommendationRemoveHref: String
    }

    var title: String
    var navPlans = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading = "Change the inspection's details"
    var banner: PlanEditBanner?
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var postTo: String
    var version: String
    var backHref: String
    var kindChoices: [Choice]
    var kindError: String?
    var startDate: DateInputView
    var startError: String?
    var publishedDate: DateInputView
    var publishedError: String?
    var judgements: [JudgementRow]
    var hasInspection: Bool
    var recommendations: [RecommendationRow]
    var hasRecommendations: Bool
    var addRecommendationHref: String

    static let judgementLimit = 50
    static let savedMessages = [
        "inspection": "The inspection's details have been changed.", "recommendation-added": "The recommendation has been added.",
        "recommendation-saved": "The recommendation has been changed.", "recommendation-removed": "The recommendation has been removed.",
    ]

    static func id(for field: String) -> String {
        if field == "publishedDate" { return "inspection-published" }
        if field == "startDate" { return "inspection-start" }
        // judgements[1].area → inspection-judgement-1-area
        if field.hasPrefix("judgements["), let close = field.firstIndex(of: "]") {
            return "inspection-judgement-" + field[field.index(field.startIndex, offsetBy: 11)..<close] + "-area"
        }
        return "inspection-kind"
    }

    init(plan: Plan, inspection: Inspection?, saved: String? = nil, fields: FormFields? = nil, outcome: FormOutcome = FormOutcome()) {
        title = (outcome.hasErrors ? "Error: " : "") + "Change the inspection's details: \(plan.title)"
        breadcrumbs = planCrumbs(plan)
        caption = plan.title
        banner = saved.flatMap { Self.savedMessages[$0] }.map { PlanEditBanner(message: $0) }
        hasErrors = outcome.hasErrors
        errors = outcome.problems.links
        errorIntro = outcome.errorIntro
        postTo = Path.planInspection(plan.id).href
        version = String(plan.version)
        backHref = Path.plan(plan.id).href
        let problems = outcome.problems
        let kind = fields?["kind"] ?? inspection?.kind.rawValue ?? ""
        kindChoices = [Choice(value: "", label: "Choose the kind of inspection", selected: kind.isEmpty)]
            + Inspection.Kind.allCases.map { Choice(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == kind) }
        kindError = problems.message("inspection-kind")
        let blank = DateField(day: nil, month: nil, year: nil)
        startDate = DateInputView(id: "inspection-start", name: "start-", fields?.date("start-") ?? inspection.map { DateField($0.startDate) } ?? blank, problems: problems)
        startError = problems.message("inspection-start")
        publishedDate = DateInputView(id: "inspection-published", name: "published-",
                                      fields?.date("published-") ?? inspection?.publishedDate.map(DateField.init) ?? blank, problems: problems)
        publishedError = problems.message("inspection-published")

        var rows: [(String, String)] = []
        if let fields {
            for index in 0..<Self.judgementLimit {
                let area = fields["judgement-\(index)-area"], grade = fields["judgement-\(index)-grade"]
                if area == nil, grade == nil { break }
                rows.append((area ?? "", grade ?? ""))
            }
            if rows.last.map({ !$0.0.isEmpty || !$0.1.isEmpty }) ?? true { rows.append(("", "")) }
        } else {
            rows = (inspection?.judgements ?? []).map { ($0.area, $0.grade.rawValue) } + [("", "")]
        }
        judgements = rows.enumerated().map { index, row in
            JudgementRow(judgementIndex: String(index),
                         judgementLegend: index == rows.count - 1 && row.0.isEmpty && row.1.isEmpty ? "Add a judgement" : "Judgement \(index + 1)",
                         judgementArea: row.0, judgementAreaError: problems.message("inspection-judgement-\(index)-area"),
                         gradeChoices: [Choice(value: "", label: "Choose a judgement", selected: row.1.isEmpty)]
                            + Inspection.Grade.allCases.map { Choice(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == row.1) })
        }
        hasInspection = inspection != nil
        recommendations = (inspection?.recommendationsInOrder ?? []).map {
            RecommendationRow(recommendationNumber: String($0.number), recommendationText: $0.text,
                              recommendationParagraphs: $0.paragraphs.isEmpty ? nil : $0.paragraphs.joined(separator: "; "),
                              recommendationChangeHref: Path.planRecommendations(plan.id).href(query: "number=\($0.number)"),
                              recommendationRemoveHref: Path.planRecommendationRemoval(plan.id).href(query: "number=\($0.number)"))
        }
        hasRecommendations = !recommendations.isEmpty
        addRecommendationHref = Path.planRecommendations(plan.id).href
    }

    static func validated(_ fields: FormFields) -> Result<Input, ProblemList> {
        var problems = FormProblems()
        let kind = fields.trimmed("kind").flatMap(Inspection.Kind.init(rawValue:))
        if kind == nil { problems.add("inspection-kind", "Select the kind of inspection") }
        let start = fields.date("start-").read(name: "The date the inspection started", latest: nil, id: "inspection-start", into: &problems)
        let (published, publishedRead) = optionalDate(fields, "published-", name: "The date the report was published", id: "inspection-published", into: &problems)
        var judgements: [Inspection.Judgement] = []
        for index in 0..<judgementLimit {
            let area = fields["judgement-\(index)-area"], grade = fields["judgement-\(index)-grade"]
            if area == nil, grade == nil { break }
            let name = (area ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let chosen = FormReading.trimmed(grade).flatMap(Inspection.Grade.init(rawValue:))
            // A row left blank (or cleared) is no judgement: that is how one is removed.
            if name.isEmpty, chosen == nil { continue }
            if name.isEmpty { problems.add("inspection-judgement-\(index)-area", "Enter the area judgement \(index + 1) is about, or clear its judgement to remove it") }
            guard let chosen else {
                problems.add("inspection-judgement-\(index)-area", "Select the judgement for \(name)")
                continue
            }
            judgements.append(Inspection.Judgement(area: name, grade: chosen))
        }
        guard problems.isEmpty, let kind, let start, publishedRead else { return .failure(ProblemList(problems: problems)) }
        return .success(Input(kind: kind, start: start, published: published, judgements: judgements))
    }
}

// MARK: - A recommendation

/// `/plans/{id}/recommendations`: add a recommendation, or change one (`?number=3`).
struct RecommendationEditPage: PageModel, Sendable {
    static let template = Template.recommendationEdit

    struct Input: Sendable {
        /// The number of the recommendation being changed; nil for a new one.
        var original: Int?
        var number: Int?
        var text: String
        var paragraphs: [String]
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
    var version: String
    var original: String
    var button: String
    var backHref: String
    var number: String
    var numberError: String?
    var text: String
    var textError: String?
    var paragraphs: String
    var paragraphsError: String?

    static func id(for field: String) -> String {
        if field.hasSuffix(".number") { return "recommendation-number" }
        if field.hasSuffix(".paragraphs") { return "recommendation-paragraphs" }
        return "recommendation-text"
    }

    init(plan: Plan, inspection: Inspection, recommendation: Inspection.Recommendation?, fields: FormFields? = nil,
         outcome: FormOutcome = FormOutcome()) {
        let name = recommendation.map { "Change recommendation \($0.number)" } ?? "Add a recommendation"
        title = (outcome.hasErrors ? "Error: " : "") + name + ": \(plan.title)"
        breadcrumbs = planCrumbs(plan) + [Crumb(href: Path.planInspection(plan.id).href, label: "Inspection")]
        caption = "\(inspection.kind.rawValue) inspection"
        heading = name
        hasErrors = outcome.hasErrors
        errors = outcome.problems.links
        errorIntro = outcome.errorIntro
        postTo = Path.planRecommendations(plan.id).href
        version = String(plan.version)
        original = fields?["original"] ?? recommendation.map { String($0.number) } ?? ""
        button = recommendation == nil ? "Add the recommendation" : "Save the recommendation"
        backHref = Path.planInspection(plan.id).href
        number = fields?["number"] ?? String(recommendation?.number ?? inspection.nextRecommendationNumber)
        numberError = outcome.problems.message("recommendation-number")
        text = fields?["text"] ?? recommendation?.text ?? ""
        textError = outcome.problems.message("recommendation-text")
        paragraphs = fields?["paragraphs"] ?? recommendation?.paragraphs.joined(separator: "; ") ?? ""
        paragraphsError = outcome.problems.message("recommendation-paragraphs")
    }

    static func validated(_ fields: FormFields) -> Result<Input, ProblemList> {
        var problems = FormProblems()
        var number: Int?
        if let text = fields.trimmed("number") {
            number = Int(text)
            if number == nil { problems.add("recommendation-number", "The recommendation's number must be a whole number, like 4") }
        }
        let text = (fields["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { problems.add("recommendation-text", "Enter what the recommendation says needs to improve") }
        guard problems.isEmpty else { return .failure(ProblemList(problems: problems)) }
        return .success(Input(original: fields.trimmed("original").flatMap { Int($0) }, number: number, text: text,
                              paragraphs: PlanStructure.paragraphs(from: fields["paragraphs"] ?? "")))
    }
}

// MARK: - The plan's history

extension HistoryPage {
    /// `/plans/{id}/history`: changes to the plan, its inspection, themes and areas (removed
    /// ones too), newest first, each row naming what it was about.
    init(plan: Plan, entries: [AuditEntry], names: AuditNames = AuditNames()) {
        title = "History of \(plan.title)"
        navPlans = true
        breadcrumbs = planCrumbs(plan)
        caption = plan.title
        heading = "History of the plan, its themes and areas"
        backHref = Path.plan(plan.id).href
        backText = "Back to the plan"
        historyCaption = "Changes to the plan, its inspection, themes and areas, newest first"
        // Each row names its theme or area in its sentence ("Renamed area 1.2 ‘…’ to ‘…’"), from
        // the record as the entry holds it (AuditWords).
        rows = Self.newestFirst(entries).map { HistoryRow($0, names: names) }
        hasRows = !rows.isEmpty
    }
}

/// Finding a plan's entries in the audit trail: the plan's own, and those of its themes and
/// areas, which carry the plan's id (`PlanInTrail`).
enum PlanHistory {
    struct Fields: Decodable {
        var planID: String?
        var reference: String?
        var title: String?
        enum CodingKeys: String, CodingKey {
            case planID
            case reference = "Reference"
            case title = "Title"
        }
    }

    static func fields(_ json: String?) -> Fields? {
        guard let json else { return nil }
        return try? JSONDecoder().decode(Fields.self, from: Data(json.utf8))
    }

    static func belongs(_ entry: AuditEntry, toPlan id: Int64) -> Bool {
        switch entry.entity {
        case "plan": return entry.entityID == String(id)
        case "theme", "area": return (fields(entry.after) ?? fields(entry.before))?.planID == String(id)
        default: return false
        }
    }

    /// "1.2 Quality of assessments", from the entry's record as it was after (or before a removal).
    static func label(of entry: AuditEntry) -> String? {
        guard let record = fields(entry.after) ?? fields(entry.before) else { return nil }
        let text = [record.reference, record.title].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return text.isEmpty ? nil : text
    }
}
