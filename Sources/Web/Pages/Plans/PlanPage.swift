import Core
import Foundation

/// What the plan page's query string asks for: filters and sort. Unknown values are ignored.
struct PlanQuery: Decodable, Sendable {
    var lead: String?
    var rag: String?
    var overdue: String?
    var dueSoon: String?
    var updateDue: String?
    var sort: String?
    var order: String?
    /// `details` after the plan's details were changed: the banner says so.
    var saved: String?

    enum CodingKeys: String, CodingKey {
        case lead, rag, overdue, sort, order, saved
        case dueSoon = "due-soon"
        case updateDue = "update-due"
    }

    init(lead: String? = nil, rag: String? = nil, overdue: String? = nil, dueSoon: String? = nil,
         updateDue: String? = nil, sort: String? = nil, order: String? = nil) {
        self.lead = lead
        self.rag = rag
        self.overdue = overdue
        self.dueSoon = dueSoon
        self.updateDue = updateDue
        self.sort = sort
        self.order = order
    }
}

/// Which actions the plan page shows. The three "show only" boxes widen each other (any of
/// them); lead and rating narrow.
struct ActionFilters: Sendable, Equatable {
    var lead: String?
    var rating: DeliveryRating?
    var overdue = false
    var dueSoon = false
    var updateDue = false

    init(lead: String? = nil, rating: DeliveryRating? = nil, overdue: Bool = false, dueSoon: Bool = false, updateDue: Bool = false) {
        self.lead = lead
        self.rating = rating
        self.overdue = overdue
        self.dueSoon = dueSoon
        self.updateDue = updateDue
    }

    init(_ query: PlanQuery) {
        lead = FormReading.trimmed(query.lead)
        rating = query.rag.flatMap(ActionFilters.rating(slug:))
        overdue = FormReading.trimmed(query.overdue) != nil
        dueSoon = FormReading.trimmed(query.dueSoon) != nil
        updateDue = FormReading.trimmed(query.updateDue) != nil
    }

    var isActive: Bool { lead != nil || rating != nil || overdue || dueSoon || updateDue }

    func matches(_ rated: PlanAssessment.RatedAction) -> Bool {
        if let lead, !rated.action.leads.contains(lead) { return false }
        if let rating, rated.delivery.rating != rating { return false }
        if overdue || dueSoon || updateDue {
            return (overdue && rated.overdue) || (dueSoon && rated.dueSoon) || (updateDue && rated.update.isDue)
        }
        return true
    }

    var queryPairs: [(String, String)] {
        [("lead", lead ?? ""), ("rag", rating.map(ActionFilters.slug(of:)) ?? ""),
         ("overdue", overdue ? "yes" : ""), ("due-soon", dueSoon ? "yes" : ""), ("update-due", updateDue ? "yes" : "")]
    }

    /// `red`, `on-hold`: a rating as it travels in a query string.
    static func slug(of rating: DeliveryRating) -> String {
        rating.rawValue.replacingOccurrences(of: " ", with: "-")
    }

    static func rating(slug: String) -> DeliveryRating? {
        DeliveryRating(rawValue: slug.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: " "))
    }
}

/// The columns the actions table sorts by.
enum ActionSort: String, Sendable, CaseIterable {
    case ref, title, due, percent, rag

    /// How a caption names it: "sorted by due date".
    var name: String {
        switch self {
        case .ref: "reference"
        case .title: "title"
        case .due: "due date"
        case .percent: "% complete"
        case .rag: "delivery rating"
        }
    }

    func orderName(ascending: Bool) -> String {
        switch self {
        case .ref: ascending ? "first to last" : "last to first"
        case .title: ascending ? "A to Z" : "Z to A"
        case .due: ascending ? "earliest first" : "latest first"
        case .percent: ascending ? "lowest first" : "highest first"
        case .rag: ascending ? "Red first" : "Red last"
        }
    }

    /// Orders two rated actions by this column; ties fall back to the reference, always
    /// ascending. The references come read once per action (`ReferenceOrder.Key`), not per comparison.
    func areInOrder(_ a: PlanAssessment.RatedAction, _ aRef: ReferenceOrder.Key,
                    _ b: PlanAssessment.RatedAction, _ bRef: ReferenceOrder.Key, ascending: Bool) -> Bool {
        let primary: ComparisonResult
        switch self {
        case .ref:
            primary = aRef.compare(bRef)
        case .title:
            primary = a.action.title.compare(b.action.title, options: [.caseInsensitive, .diacriticInsensitive])
        case .due:
            switch (a.action.dueDate, b.action.dueDate) {
            case let (x?, y?): primary = x < y ? .orderedAscending : (x == y ? .orderedSame : .orderedDescending)
            // Actions without a due date come last whichever way the column is sorted.
            case (nil, _?): return false
            case (_?, nil): return true
            case (nil, nil): primary = .orderedSame
            }
        case .percent:
            // Sorted by the figure shown (Blue counts as 100%), not the one recorded.
            let x = a.percentComplete
            let y = b.percentComplete
            primary = x < y ? .orderedAscending : (x == y ? .orderedSame : .orderedDescending)
        case .rag:
            let x = a.delivery.rating
            let y = b.delivery.rating
            primary = x < y ? .orderedAscending : (x == y ? .orderedSame : .orderedDescending)
        }
        if primary != .orderedSame {
            return ascending ? primary == .orderedAscending : primary == .orderedDescending
        }
        return aRef.compare(bRef) == .orderedAscending
    }
}

/// `/plans/{id}`: the plan's delivery RAG overall and per theme, and its actions, filtered and sorted.
struct PlanPage: PageModel, Sendable {
    static let template = Template.plan

    struct ThemeRow: Sendable {
        var ref: String
        var name: String
        var rollup: RollupView
        var averageText: String
    }

    struct InspectionView: Sendable {
        var summary: String
        var judgements: [Judgement]
        var recommendations: [Recommendation]
        var hasJudgements: Bool
        var hasRecommendations: Bool
        struct Judgement: Sendable { var area: String; var grade: String }
        struct Recommendation: Sendable { var number: Int; var text: String; var paragraphsText: String? }
    }

    struct SortHeader: Sendable {
        var label: String
        var href: String
        var ariaSort: String?
        var sortable: Bool
        var numeric: Bool
    }

    struct ActionRow: Sendable {
        var ref: String
        var href: String
        var actionTitle: String
        var leadsText: String
        var dueText: String
        var reprogrammedFrom: String?
        var percentText: String
        var chip: Chip
        var updateDue: Bool
        var dueSoon: Bool
        /// "1.1 The quality of assessments", shown when the table is not grouped by area.
        var areaLabel: String?
    }

    struct ActionTable: Sendable {
        /// The whole table, escaped, from `ActionTableMarkup`.
        var html: String

        init(caption: String, captionHidden: Bool, headers: [SortHeader], rows: [ActionRow]) {
            html = ActionTableMarkup.html(caption: caption, captionHidden: captionHidden, headers: headers, rows: rows)
        }
    }

    struct AreaGroup: Sendable {
        var anchor: String
        var heading: String
        var improvementLead: String?
        var about: AreaAbout?
        var table: ActionTable
        /// The area's form, for editors and administrators.
        var changeHref: String? = nil
    }

    struct AreaAbout: Sendable {
        var coreFocus: String?
        var issues: [Issue]
        var objectives: [String]
        var whyItMatters: String?
        var whatGoodLooksLike: String?
        struct Issue: Sendable { var issueHeading: String; var quote: String; var paragraphsText: String? }
    }

    struct ThemeGroup: Sendable {
        var anchor: String
        var heading: String
        var sentence: String
        var areas: [AreaGroup]
    }

    struct FilterForm: Sendable {
        var action: String
        var leads: [Choice]
        var ratings: [Choice]
        var overdue: Bool
        var dueSoon: Bool
        var updateDue: Bool
        /// Hidden fields that keep a chosen sort when the filters change; nil for the default sort.
        var sortValue: String?
        var orderValue: String?
    }

    var title: String
    /// Printed at the head of every page (`data-running-head`): the organisation and the plan.
    var runningHead: String?
    var navPlans = true
    var breadcrumbs: [Crumb]
    var heading: String
    var kind: String
    var period: String?
    var cycle: String
    var asAt: String
    var inspection: InspectionView?
    var rollup: RollupView
    var themes: [ThemeRow]
    var filters: FilterForm
    var filtersActive: Bool
    var resultsText: String
    var clearHref: String
    var hasResults: Bool
    /// In the default order (by reference) actions are grouped by theme and area: the whole
    /// section as escaped HTML from `AreaGroupsMarkup`. Nil when sorted by another column.
    var groupedActions: String?
    var flatTable: ActionTable?
    /// Editors and administrators see the links to change the plan; set by the controller.
    var mayEdit = false
    var banner: PlanEditBanner?
    var structureHref: String
    var detailsHref: String
    var inspectionHref: String
    var historyHref: String

    init(contents: PlanContents, assessment: PlanAssessment, query: PlanQuery, mayEdit: Bool = false) {
        self.mayEdit = mayEdit
        let plan = contents.plan
        let base = Path.plan(plan.id)
        title = plan.title
        heading = plan.title
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans")]
        kind = plan.kind.rawValue.prefix(1).uppercased() + plan.kind.rawValue.dropFirst()
        period = switch (plan.periodStart, plan.periodEnd) {
        case let (start?, end?): "\(start.formatted) to \(end.formatted)"
        case let (start?, nil): "From \(start.formatted)"
        case let (nil, end?): "To \(end.formatted)"
        case (nil, nil): nil
        }
        cycle = "Progress updates are expected every \(plan.updateCycle.word)"
        asAt = assessment.asAt.formatted
        inspection = contents.inspection.map(PlanPage.inspectionView)
        banner = query.saved == "details" ? PlanEditBanner(message: "The plan's details have been changed.") : nil
        structureHref = Path.planStructure(plan.id).href
        detailsHref = Path.planDetails(plan.id).href
        inspectionHref = Path.planInspection(plan.id).href
        historyHref = Path.planHistory(plan.id).href

        rollup = RollupView(assessment.plan, barWidth: 640, barHeight: 24, includeZero: true)
        themes = contents.themes.map { theme in
            let themeRollup = assessment.byTheme[theme.id] ?? RatingRollup(ratings: [])
            let view = RollupView(themeRollup, barWidth: 240, barHeight: 16, includeZero: false)
            return ThemeRow(ref: theme.ref, name: theme.title, rollup: view,
                            averageText: view.averagePercent ?? "No actions counted")
        }

        // Filters and sort.
        let filters = ActionFilters(query)
        let sort = query.sort.flatMap { ActionSort(rawValue: $0.lowercased()) } ?? .ref
        let ascending = query.order?.lowercased() != "desc"
        filtersActive = filters.isActive

        let leads = Set(contents.actions.flatMap(\.leads)).sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending }
        self.filters = FilterForm(
            action: base.href,
            leads: [Choice(value: "", label: "All leads", selected: filters.lead == nil)]
                + leads.map { Choice(value: $0, label: $0, selected: $0 == filters.lead) },
            ratings: [Choice(value: "", label: "All ratings", selected: filters.rating == nil)]
                + DeliveryRating.reportingOrder.map { Choice(value: ActionFilters.slug(of: $0), label: Chip($0).text, selected: $0 == filters.rating) },
            overdue: filters.overdue, dueSoon: filters.dueSoon, updateDue: filters.updateDue,
            sortValue: sort == .ref && ascending ? nil : sort.rawValue,
            orderValue: sort == .ref && ascending ? nil : (ascending ? "asc" : "desc"))

        let sortPairs: [(String, String)] = sort == .ref && ascending ? [] : [("sort", sort.rawValue), ("order", ascending ? "asc" : "desc")]
        let clearQuery = FormReading.query(sortPairs)
        clearHref = base.href(query: clearQuery.isEmpty ? nil : clearQuery, fragment: "actions")

        let shown = assessment.actions.filter(filters.matches)
            .map { ($0, ReferenceOrder.Key($0.action.ref)) }
            .sorted { sort.areInOrder($0.0, $0.1, $1.0, $1.1, ascending: ascending) }
            .map(\.0)
        let total = assessment.actions.count
        hasResults = !shown.isEmpty
        resultsText = filters.isActive
            ? "Showing \(shown.count) of \(total) action\(total == 1 ? "" : "s")"
            : "\(total) action\(total == 1 ? "" : "s")"

        // Headers: a link per sortable column that keeps the filters; the sorted one says which way.
        func headers() -> [SortHeader] {
            let columns: [(String, ActionSort?, Bool)] = [
                ("Ref", .ref, false), ("Action", .title, false), ("Leads", nil, false), ("Due", .due, false),
                ("% complete", .percent, true), ("Delivery", .rag, false), ("Update", nil, false),
            ]
            return columns.map { label, column, numeric in
                guard let column else {
                    return SortHeader(label: label, href: "", ariaSort: nil, sortable: false, numeric: numeric)
                }
                let isCurrent = column == sort
                let nextAscending = isCurrent ? !ascending : true
                let pairs = filters.queryPairs + [("sort", column.rawValue), ("order", nextAscending ? "asc" : "desc")]
                return SortHeader(label: label, href: base.href(query: FormReading.query(pairs), fragment: "actions"),
                                  ariaSort: isCurrent ? (ascending ? "ascending" : "descending") : nil,
                                  sortable: true, numeric: numeric)
            }
        }

        let areasByID = Dictionary(uniqueKeysWithValues: contents.areas.map { ($0.id, $0) })
        func row(_ rated: PlanAssessment.RatedAction, withArea: Bool) -> ActionRow {
            let action = rated.action
            let area = areasByID[action.areaID]
            return ActionRow(
                ref: action.ref, href: Path.action(action.id).href, actionTitle: action.title,
                leadsText: action.leads.isEmpty ? "No lead named" : action.leads.joined(separator: "; "),
                dueText: action.dueDate?.formatted ?? "No due date",
                reprogrammedFrom: action.isReprogrammed ? action.originalDueDate.map { "Reprogrammed from \($0.formatted)" } ?? "Reprogrammed" : nil,
                percentText: "\(rated.percentComplete)%",
                chip: Chip(rated.delivery.rating),
                updateDue: rated.update.isDue,
                dueSoon: rated.dueSoon,
                areaLabel: withArea ? area.map { "\($0.ref) \($0.title)" } : nil)
        }

        if sort == .ref && ascending {
            let headerRow = headers()
            let groups: [ThemeGroup] = contents.themes.compactMap { theme in
                let areas: [AreaGroup] = contents.areas(in: theme).compactMap { area in
                    let rows = shown.filter { $0.action.areaID == area.id }.map { row($0, withArea: false) }
                    guard !rows.isEmpty else { return nil }
                    return AreaGroup(
                        anchor: "area-\(area.id)", heading: "\(area.ref) \(area.title)",
                        improvementLead: FormReading.trimmed(area.improvementLead),
                        about: PlanPage.about(area),
                        table: ActionTable(caption: "Actions for \(area.ref) \(area.title)", captionHidden: true,
                                           headers: headerRow, rows: rows),
                        changeHref: mayEdit ? Path.area(area.id).href : nil)
                }
                guard !areas.isEmpty else { return nil }
                let sentence = (assessment.byTheme[theme.id] ?? RatingRollup(ratings: [])).sentence
                return ThemeGroup(anchor: "theme-\(theme.id)", heading: "\(theme.ref) \(theme.title)",
                                  sentence: sentence, areas: areas)
            }
            groupedActions = AreaGroupsMarkup.html(groups)
            flatTable = nil
        } else {
            groupedActions = nil
            flatTable = ActionTable(caption: "Actions sorted by \(sort.name), \(sort.orderName(ascending: ascending))",
                                    captionHidden: false, headers: headers(),
                                    rows: shown.map { row($0, withArea: true) })
        }
    }

    static func inspectionView(_ inspection: Inspection) -> InspectionView {
        let when = inspection.publishedDate.map { "published \($0.formatted)" } ?? "started \(inspection.startDate.formatted)"
        return InspectionView(
            summary: "\(inspection.kind.rawValue) inspection, \(when)",
            judgements: inspection.judgements.map { .init(area: $0.area, grade: $0.grade.rawValue) },
            recommendations: inspection.recommendations.map {
                .init(number: $0.number, text: $0.text,
                      paragraphsText: $0.paragraphs.isEmpty ? nil : $0.paragraphs.joined(separator: "; "))
            },
            hasJudgements: !inspection.judgements.isEmpty,
            hasRecommendations: !inspection.recommendations.isEmpty)
    }

    static func about(_ area: Area) -> AreaAbout? {
        let about = AreaAbout(
            coreFocus: FormReading.trimmed(area.coreFocus),
            issues: area.issues.map {
                .init(issueHeading: $0.heading, quote: $0.quote,
                      paragraphsText: $0.paragraphs.isEmpty ? nil : $0.paragraphs.joined(separator: "; "))
            },
            objectives: area.objectives,
            whyItMatters: FormReading.trimmed(area.whyItMatters),
            whatGoodLooksLike: FormReading.trimmed(area.whatGoodLooksLike))
        if about.coreFocus == nil, about.issues.isEmpty, about.objectives.isEmpty, about.whyItMatters == nil, about.whatGoodLooksLike == nil {
            return nil
        }
        return about
    }
}
