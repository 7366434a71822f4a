import Core
import Foundation

// The editor's pages for the shape of a plan: its themes and areas in order, with the forms to
// add, change, move and remove them. What each form posts, how it is checked, and how it is
// shown again with what was typed and the errors beside the fields.

/// What a form page says at the top when it comes back: the errors, and why (a stale version).
struct FormOutcome: Sendable {
    var problems = FormProblems()
    /// "Someone else changed this area after you opened this page…"
    var errorIntro: String?

    var hasErrors: Bool { !problems.isEmpty || errorIntro != nil }

    /// Core's refusals, each shown beside the input `id(field)` names. A date's summary link
    /// goes to its day input, the first of its three.
    static func refused(_ errors: [ValidationError], id: (String) -> String) -> FormOutcome {
        var outcome = FormOutcome()
        for error in errors {
            let element = id(error.field)
            outcome.problems.add(element, error.message, linkTo: dateInputs.contains(element) ? element + "-day" : nil)
            if dateInputs.contains(element) {
                for part in ["-day", "-month", "-year"] { outcome.problems.mark(element + part) }
            }
        }
        return outcome
    }

    /// The forms' date inputs, whose ids name three inputs (`-day`, `-month`, `-year`).
    static let dateInputs: Set<String> = ["plan-start", "plan-end", "inspection-start", "inspection-published"]
}

/// The green "Success" banner at the top of the page a change lands on.
struct PlanEditBanner: Sendable {
    var message: String
}

/// Text from a text input, as typed, for showing back; the stored value when the form is fresh.
private func typed(_ fields: FormFields?, _ name: String, _ stored: String) -> String {
    fields.map { $0[name] ?? "" } ?? stored
}

// MARK: - Themes and areas

/// `/plans/{id}/structure`: the plan's themes and the areas in each, in order, with a link to
/// change each one, buttons to move it up or down, and links to add and remove.
struct PlanStructurePage: PageModel, Sendable {
    static let template = Template.planStructure

    struct AreaRow: Sendable {
        var areaID: String
        var areaLabel: String
        var areaLead: String?
        var actionsText: String
        var areaChangeHref: String
        var areaMoveTo: String
        var areaVersion: String
        var areaMayMoveUp: Bool
        var areaMayMoveDown: Bool
        var areaRemoveHref: String
        var areaAddActionHref: String
    }

    struct ThemeRow: Sendable {
        var themeID: String
        var themeLabel: String
        var themeChangeHref: String
        var themeMoveTo: String
        var themeVersion: String
        var themeMayMoveUp: Bool
        var themeMayMoveDown: Bool
        var themeRemoveHref: String
        var addAreaHref: String
        var areas: [AreaRow]
        var hasAreas: Bool
    }

    var title: String
    var navPlans = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading = "Themes and areas"
    var banner: PlanEditBanner?
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var csrf: String
    var themes: [ThemeRow]
    var hasThemes: Bool
    var addThemeHref: String
    var detailsHref: String
    var inspectionHref: String
    var historyHref: String
    var planHref: String

    static let savedMessages: [String: String] = [
        "theme-added": "The theme has been added.", "theme-saved": "The theme has been changed.",
        "theme-moved": "The theme has been moved.", "theme-removed": "The theme has been removed.",
        "area-added": "The area has been added.", "area-saved": "The area has been changed.",
        "area-moved": "The area has been moved.", "area-removed": "The area has been removed.",
    ]

    init(contents: PlanContents, actionCounts: [Int64: Int], csrf: String, saved: String?, outcome: FormOutcome = FormOutcome()) {
        let plan = contents.plan
        title = (outcome.hasErrors ? "Error: " : "") + "Themes and areas: \(plan.title)"
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(plan.id).href, label: plan.title)]
        caption = plan.title
        banner = saved.flatMap { Self.savedMessages[$0] }.map { PlanEditBanner(message: $0) }
        hasErrors = outcome.hasErrors
        errors = outcome.problems.links
        errorIntro = outcome.errorIntro
        self.csrf = csrf
        let themeCount = contents.themes.count
        themes = contents.themes.enumerated().map { index, theme in
            let areas = contents.areas(in: theme)
            let rows = areas.enumerated().map { areaIndex, area in
                let count = actionCounts[area.id] ?? 0
                return AreaRow(
                    areaID: String(area.id), areaLabel: "\(area.ref) \(area.title)",
                    areaLead: FormReading.trimmed(area.improvementLead).map { "Improvement lead: \($0)" },
                    actionsText: count == 0 ? "No actions" : (count == 1 ? "1 action" : "\(count) actions"),
                    areaChangeHref: Path.area(area.id).href, areaMoveTo: Path.areaMove(area.id).href,
                    areaVersion: String(area.version), areaMayMoveUp: areaIndex > 0, areaMayMoveDown: areaIndex < areas.count - 1,
                    areaRemoveHref: Path.areaRemoval(area.id).href, areaAddActionHref: Path.areaNewAction(area.id).href)
            }
            return ThemeRow(
                themeID: String(theme.id), themeLabel: "\(theme.ref) \(theme.title)".trimmingCharacters(in: .whitespaces),
                themeChangeHref: Path.theme(theme.id).href, themeMoveTo: Path.themeMove(theme.id).href,
                themeVersion: String(theme.version), themeMayMoveUp: index > 0, themeMayMoveDown: index < themeCount - 1,
                themeRemoveHref: Path.themeRemoval(theme.id).href, addAreaHref: Path.themeAreas(theme.id).href,
                areas: rows, hasAreas: !rows.isEmpty)
        }
        hasThemes = !themes.isEmpty
        addThemeHref = Path.planThemes(plan.id).href
        detailsHref = Path.planDetails(plan.id).href
        inspectionHref = Path.planInspection(plan.id).href
        historyHref = Path.planHistory(plan.id).href
        planHref = Path.plan(plan.id).href
    }
}

// MARK: - An area

/// Where Core's field names for an area show on its form.
enum AreaField {
    static func id(for field: String) -> String {
        switch field {
        case "ref": "area-ref"
        case "title": "area-title"
        case "recommendationNumber": "area-recommendation"
        case "improvementLead": "area-lead"
        case "coreFocus": "area-focus"
        case "objectives": "area-objectives"
        case "whyItMatters": "area-why"
        case "whatGoodLooksLike": "area-good"
        default:
            // issues[2].quote → area-issue-2-quote
            if field.hasPrefix("issues["), let close = field.firstIndex(of: "]") {
                "area-issue-" + field[field.index(field.startIndex, offsetBy: 7)..<close] + "-quote"
            } else {
                "area-title"
            }
        }
    }

    /// The most issues one form carries: those stored and one blank for a new one.
    static let issueLimit = 100

    /// The area a post describes (over `area`, which gives what the form does not carry), or the
    /// problems the form itself can see; Core's rules come after, in the store.
    static func read(_ fields: FormFields, into area: Area) -> Result<Area, ProblemList> {
        var problems = FormProblems()
        var edited = area
        edited.ref = fields["ref"] ?? ""
        edited.title = fields["title"] ?? ""
        edited.recommendationNumber = nil
        if let text = fields.trimmed("recommendation") {
            if let number = Int(text), (1...999).contains(number) {
                edited.recommendationNumber = number
            } else {
                problems.add("area-recommendation", "The recommendation number must be a whole number from 1 to 999, like 3, or left blank")
            }
        }
        edited.improvementLead = fields["lead"] ?? ""
        edited.coreFocus = fields["focus"] ?? ""
        edited.objectives = PlanStructure.lines(from: fields["objectives"] ?? "")
        edited.whyItMatters = fields["why"] ?? ""
        edited.whatGoodLooksLike = fields["good"] ?? ""
        var issues: [Area.Issue] = []
        for index in 0..<issueLimit {
            let heading = fields["issue-\(index)-heading"], quote = fields["issue-\(index)-quote"], paragraphs = fields["issue-\(index)-paragraphs"]
            if heading == nil, quote == nil, paragraphs == nil { break }
            let issue = Area.Issue(heading: (heading ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                                   quote: (quote ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                                   paragraphs: PlanStructure.paragraphs(from: paragraphs ?? ""))
            // A row left blank (or cleared) is no issue: that is how one is removed.
            if issue.heading.isEmpty, issue.quote.isEmpty, issue.paragraphs.isEmpty { continue }
            if issue.quote.isEmpty {
                problems.add("area-issue-\(index)-quote", "Enter what the inspection said for issue \(index + 1), or clear the issue's other fields to remove it")
            }
            issues.append(issue)
        }
        edited.issues = issues
        guard problems.isEmpty else { return .failure(ProblemList(problems: problems)) }
        return .success(edited)
    }
}

/// `/areas/{id}` and `/themes/{id}/areas`: change an area, or add one to a theme.
struct AreaEditPage: PageModel, Sendable {
    static let template = Template.areaEdit

    struct IssueRow: Sendable {
        var issueIndex: String
        var issueLegend: String
        var issueHeading: String
        var issueQuote: String
        var issueParagraphs: String
        var issueQuoteError: String?
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
    var button: String
    var backHref: String
    var areaRef: String
    var areaRefError: String?
    var areaTitle: String
    var areaTitleError: String?
    var areaRecommendation: String
    var areaRecommendationError: String?
    var areaLead: String
    var areaLeadError: String?
    var areaFocus: String
    var areaFocusError: String?
    var issues: [IssueRow]
    var areaObjectives: String
    var areaObjectivesError: String?
    var areaWhy: String
    var areaWhyError: String?
    var areaGood: String
    var areaGoodError: String?

    /// - Parameters: area: the stored area, or a new one (id 0) with its suggested reference.
    init(plan: Plan, theme: Theme, area: Area, fields: FormFields? = nil, outcome: FormOutcome = FormOutcome()) {
        let isNew = area.id == 0
        let name = isNew ? "Add an area to theme \(theme.ref) \(theme.title)" : "Change area \(area.ref) \(area.title)"
        title = (outcome.hasErrors ? "Error: " : "") + name
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(plan.id).href, label: plan.title),
                       Crumb(href: Path.planStructure(plan.id).href, label: "Themes and areas")]
        caption = "Theme \(theme.ref) \(theme.title)".trimmingCharacters(in: .whitespaces)
        heading = isNew ? "Add an area" : "Change area \(area.ref)"
        hasErrors = outcome.hasErrors
        errors = outcome.problems.links
        errorIntro = outcome.errorIntro
        postTo = isNew ? Path.themeAreas(theme.id).href : Path.area(area.id).href
        version = String(area.version)
        button = isNew ? "Add the area" : "Save the area"
        backHref = Path.planStructure(plan.id).href
        let problems = outcome.problems
        areaRef = typed(fields, "ref", area.ref)
        areaRefError = problems.message("area-ref")
        areaTitle = typed(fields, "title", area.title)
        areaTitleError = problems.message("area-title")
        areaRecommendation = typed(fields, "recommendation", area.recommendationNumber.map(String.init) ?? "")
        areaRecommendationError = problems.message("area-recommendation")
        areaLead = typed(fields, "lead", area.improvementLead)
        areaLeadError = problems.message("area-lead")
        areaFocus = typed(fields, "focus", area.coreFocus)
        areaFocusError = problems.message("area-focus")
        areaObjectives = typed(fields, "objectives", area.objectives.joined(separator: "\n"))
        areaObjectivesError = problems.message("area-objectives")
        areaWhy = typed(fields, "why", area.whyItMatters)
        areaWhyError = problems.message("area-why")
        areaGood = typed(fields, "good", area.whatGoodLooksLike)
        areaGoodError = problems.message("area-good")

        // The issues stored (or typed), then one blank row to add another.
        var rows: [(String, String, String)] = []
        if let fields {
            for index in 0..<AreaField.issueLimit {
                let heading = fields["issue-\(index)-heading"], quote = fields["issue-\(index)-quote"], paragraphs = fields["issue-\(index)-paragraphs"]
                if heading == nil, quote == nil, paragraphs == nil { break }
                rows.append((heading ?? "", quote ?? "", paragraphs ?? ""))
            }
            if rows.last.map({ !$0.0.isEmpty || !$0.1.isEmpty || !$0.2.isEmpty }) ?? true { rows.append(("", "", "")) }
        } else {
            rows = area.issues.map { ($0.heading, $0.quote, $0.paragraphs.joined(separator: "; ")) } + [("", "", "")]
        }
        issues = rows.enumerated().map { index, row in
            IssueRow(issueIndex: String(index),
                     issueLegend: index == rows.count - 1 && row.0.isEmpty && row.1.isEmpty ? "Add an issue" : "Issue \(index + 1)",
                     issueHeading: row.0, issueQuote: row.1, issueParagraphs: row.2,
                     issueQuoteError: problems.message("area-issue-\(index)-quote"))
        }
    }
}

// MARK: - A theme

enum ThemeField {
    static func id(for field: String) -> String { field == "ref" ? "theme-ref" : "theme-title" }
}

/// `/themes/{id}` and `/plans/{id}/themes`: rename a theme, or add one.
struct ThemeEditPage: PageModel, Sendable {
    static let template = Template.themeEdit

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
    var button: String
    var backHref: String
    var themeRef: String
    var themeRefError: String?
    var themeTitle: String
    var themeTitleError: String?

    init(plan: Plan, theme: Theme, fields: FormFields? = nil, outcome: FormOutcome = FormOutcome()) {
        let isNew = theme.id == 0
        title = (outcome.hasErrors ? "Error: " : "") + (isNew ? "Add a theme to \(plan.title)" : "Change theme \(theme.ref) \(theme.title)")
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(plan.id).href, label: plan.title),
                       Crumb(href: Path.planStructure(plan.id).href, label: "Themes and areas")]
        caption = plan.title
        heading = isNew ? "Add a theme" : "Change theme \(theme.ref)".trimmingCharacters(in: .whitespaces)
        hasErrors = outcome.hasErrors
        errors = outcome.problems.links
        errorIntro = outcome.errorIntro
        postTo = isNew ? Path.planThemes(plan.id).href : Path.theme(theme.id).href
        version = String(theme.version)
        button = isNew ? "Add the theme" : "Save the theme"
        backHref = Path.planStructure(plan.id).href
        themeRef = typed(fields, "ref", theme.ref)
        themeRefError = outcome.problems.message("theme-ref")
        themeTitle = typed(fields, "title", theme.title)
        themeTitleError = outcome.problems.message("theme-title")
    }
}

// MARK: - Removing a theme, an area or a recommendation

/// A second page before anything is removed (no JavaScript needed): what will go, or why it
/// cannot.
struct PlanRemovalPage: PageModel, Sendable {
    static let template = Template.planRemoval

    var title: String
    var navPlans = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading: String
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    /// Why it cannot be removed; nil when it can.
    var refusal: String?
    var mayRemove: Bool
    var postTo: String
    var version: String
    /// A hidden field naming what goes, where the address does not (a recommendation's number).
    var itemName: String?
    var itemValue: String?
    var button: String
    var backHref: String

    init(plan: Plan, what: String, heading: String, postTo: Path, version: Int, refusal: ValidationError?,
         item: (name: String, value: String)? = nil, back: Path? = nil, outcome: FormOutcome = FormOutcome()) {
        let refused = refusal != nil || outcome.hasErrors
        title = (refused ? "Error: " : "") + heading
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(plan.id).href, label: plan.title),
                       Crumb(href: Path.planStructure(plan.id).href, label: "Themes and areas")]
        caption = plan.title
        self.heading = heading
        var problems = outcome.problems
        if let refusal { problems.add("remove", refusal.message) }
        hasErrors = refused
        errors = problems.links
        errorIntro = outcome.errorIntro
        self.refusal = refusal?.message
        mayRemove = refusal == nil
        self.postTo = postTo.href
        self.version = String(version)
        itemName = item?.name
        itemValue = item?.value
        button = "Yes, remove \(what)"
        backHref = (back ?? Path.planStructure(plan.id)).href
    }
}
