import Core
import Foundation
import Hummingbird

/// What the audit page's filter form asks for, read from the query string
/// (`?person=…&type=area&from-day=1&from-month=11&from-year=2026&page=2`). A wrong date or a range
/// that ends before it starts is a problem naming the field; a bad page number is the first page.
struct AuditTrailQuery: Sendable {
    var fields: FormFields
    var filter = AuditFilter()
    var problems = FormProblems()
    /// The page as asked for; `AuditPaging` reads it.
    var page: String?

    init(query: String) {
        fields = FormFields(query)
        page = fields.trimmed("page")
        filter.actor = fields.trimmed("person")
        if let type = fields.trimmed("type") {
            if AuditRecordType.named(type) != nil {
                filter.entity = type
            } else {
                problems.add("audit-type", "Select a record type from the list")
            }
        }
        filter.from = Self.optionalDate(fields.date("from-"), name: "Date from", id: "audit-from", into: &problems)
        filter.to = Self.optionalDate(fields.date("to-"), name: "Date to", id: "audit-to", into: &problems)
        if let from = filter.from, let to = filter.to, to < from {
            problems.add("audit-to", "Date to must be the same as or after date from", linkTo: "audit-to-day")
            for part in ["-day", "-month", "-year"] { problems.mark("audit-to" + part) }
            // Neither end is applied: which one is wrong is the reader's to say.
            filter.from = nil
            filter.to = nil
        }
    }

    /// A date left blank is no limit; a date partly typed or not a real date is a problem.
    static func optionalDate(_ field: DateField, name: String, id: String, into problems: inout FormProblems) -> Day? {
        if [field.day, field.month, field.year].allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }
        return field.read(name: name, latest: nil, id: id, into: &problems)
    }

    /// The filter as query pairs, for the paging links and the API's `links`.
    static func pairs(_ filter: AuditFilter) -> [(String, String)] {
        var pairs: [(String, String)] = [("person", filter.actor ?? ""), ("type", filter.entity ?? "")]
        for (prefix, day) in [("from-", filter.from), ("to-", filter.to)] {
            guard let day else { continue }
            pairs += [(prefix + "day", String(day.day)), (prefix + "month", String(day.month)), (prefix + "year", String(day.year))]
        }
        return pairs
    }

    static func href(_ filter: AuditFilter, page: Int) -> String {
        Path.auditTrail.href(queryItems: pairs(filter) + (page > 1 ? [("page", String(page))] : []))
    }
}

/// What the audit page knows of the organisation's records, to say each entry in words: the
/// names behind ids, and the measures and boards whose own wording (a value as its measure
/// formats it, attendance by member name) the history pages use.
struct AuditTrailWords: Sendable {
    var names = AuditNames()
    var measures: [Int64: Measure] = [:]
    var boards: [Int64: Board] = [:]
    var suppression: SmallNumbers?

    static func load(_ store: some PlanStore & BoardStore & PeopleStore, organisationID org: Int64, suppression: SmallNumbers?) async throws -> AuditTrailWords {
        var words = AuditTrailWords(suppression: suppression)
        for plan in try await store.plans(organisationID: org) {
            let contents = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false)
            words.names.plans[plan.id] = plan.title
            for theme in contents.themes { words.names.themes[theme.id] = "\(theme.ref) \(theme.title)" }
            for area in contents.areas { words.names.areas[area.id] = "\(area.ref) \(area.title)" }
            for action in contents.actions { words.names.actions[action.id] = "\(action.ref) \(AuditWords.shortened(action.title))" }
        }
        for measure in try await store.measures(organisationID: org) {
            words.measures[measure.id] = measure
            words.names.measures[measure.id] = "\(measure.code) \(measure.title)"
        }
        for board in try await store.boards(organisationID: org) {
            words.boards[board.id] = board
            words.names.boards[board.id] = board.name
            for meeting in try await store.meetings(boardID: board.id, organisationID: org) {
                words.names.meetings[meeting.id] = "\(board.name) meeting on \(meeting.date.formattedLong)"
            }
        }
        for member in try await store.members(organisationID: org) { words.names.people[member.person.id] = member.person.name }
        return words
    }

    /// The entry's row, with the fields of an action, a measure, a value or a meeting worded as
    /// their own history pages word them.
    func row(_ entry: AuditEntry, showWhich: Bool = true) -> HistoryRow {
        var row = HistoryRow(entry, names: names, showWhich: showWhich)
        switch entry.entity {
        case "action":
            let specific = ActionHistoryWords.row(entry, names: ActionHistoryWords.Names(areas: names.areas, measures: names.measures))
            if entry.change == .update, specific.hasFields || !row.hasFields { row.fields = specific.fields }
        case "measure", "measure value":
            if let id = Int64(entry.entityID), let measure = measures[id] {
                let worded = MeasureHistoryWords.rows([entry], measure: measure, suppression: suppression)
                if let first = worded.first {
                    if entry.entity == "measure value" { row.whatText = first.whatText + " (measure \(measure.code) \(measure.title))" }
                    if first.hasFields || entry.entity == "measure value" { row.fields = first.fields }
                }
            }
        case "minutes":
            if let fields = MeetingHistoryWords.minutesFields(entry) { row.fields = fields }
        case "meeting":
            if entry.change == .update, let boardID = MeetingHistoryWords.meeting(entry.after)?.boardID, let board = boards[boardID] {
                row.fields = MeetingHistoryWords.row(entry, board: board).fields
            }
        default: break
        }
        row.hasFields = !row.fields.isEmpty
        return row
    }
}

/// `/audit`: the organisation's trail for administrators, filtered by person, record type and
/// UK dates, newest first, a page at a time, with the CSV download of all of it.
struct AuditTrailPage: PageModel, Sendable {
    static let template = Template.audit

    struct PageLink: Sendable {
        var number: String
        var href: String
        var isCurrent: Bool
        var isEllipsis: Bool
    }

    var title: String
    var navAudit = true
    var heading = "Audit trail"
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var filterAction = Path.auditTrail.href
    var personChoices: [Choice]
    var typeChoices: [Choice]
    var typeError: String?
    var fromDate: DateInputView
    var fromError: String?
    var toDate: DateInputView
    var toError: String?
    var isFiltered: Bool
    var clearHref = Path.auditTrail.href
    var csvHref = Path.auditTrailCSV.href
    var summary: String
    var historyCaption: String
    var showWhich = true
    var rows: [HistoryRow]
    var hasRows: Bool
    var emptyText: String
    var hasPagination: Bool
    var previousHref: String?
    var nextHref: String?
    var pageLinks: [PageLink]

    init(query: AuditTrailQuery, actors: [String], paging: AuditPaging, rows: [HistoryRow]) {
        let problems = query.problems
        hasErrors = !problems.isEmpty
        errors = problems.links
        title = (hasErrors ? "Error: " : "") + "Audit trail" + (paging.page > 1 ? " (page \(paging.page) of \(paging.pageCount))" : "")
        let chosenActor = query.fields.trimmed("person") ?? ""
        personChoices = [Choice(value: "", label: "Anyone", selected: chosenActor.isEmpty)]
            + actors.map { Choice(value: $0, label: $0, selected: $0 == chosenActor) }
        // Someone asked for by name who made no change here still shows as chosen.
        if !chosenActor.isEmpty, !actors.contains(chosenActor) {
            personChoices.append(Choice(value: chosenActor, label: chosenActor, selected: true))
        }
        let chosenType = query.fields.trimmed("type") ?? ""
        typeChoices = [Choice(value: "", label: "Any record", selected: chosenType.isEmpty)]
            + AuditRecordType.all.map { Choice(value: $0.entity, label: $0.plural, selected: $0.entity == chosenType) }
        typeError = problems.message("audit-type")
        fromDate = DateInputView(id: "audit-from", name: "from-", query.fields.date("from-"), problems: problems)
        fromError = problems.message("audit-from")
        toDate = DateInputView(id: "audit-to", name: "to-", query.fields.date("to-"), problems: problems)
        toError = problems.message("audit-to")
        isFiltered = !query.filter.isEmpty || hasErrors
        summary = paging.summary + (query.filter.isEmpty ? "" : " matching these filters") + ", newest first."
        historyCaption = "Changes in your organisation, newest first" + (paging.pageCount > 1 ? " (page \(paging.page) of \(paging.pageCount))" : "")
        self.rows = rows
        hasRows = !rows.isEmpty
        emptyText = query.filter.isEmpty ? "No changes have been recorded yet." : "No entries match these filters."
        hasPagination = paging.pageCount > 1
        let filter = query.filter
        previousHref = paging.hasPrevious ? AuditTrailQuery.href(filter, page: paging.page - 1) : nil
        nextHref = paging.hasNext ? AuditTrailQuery.href(filter, page: paging.page + 1) : nil
        pageLinks = Self.pageNumbers(current: paging.page, count: paging.pageCount).map { number in
            guard let number else { return PageLink(number: "⋯", href: "", isCurrent: false, isEllipsis: true) }
            return PageLink(number: String(number), href: AuditTrailQuery.href(filter, page: number), isCurrent: number == paging.page, isEllipsis: false)
        }
    }

    /// The GOV.UK pagination's numbers: the first, the last, the current and those either side
    /// of it, with nil for the gaps between.
    static func pageNumbers(current: Int, count: Int) -> [Int?] {
        guard count > 1 else { return [] }
        let shown = Set([1, count, current - 1, current, current + 1].filter { (1...count).contains($0) }).sorted()
        var numbers: [Int?] = []
        for number in shown {
            if let last = numbers.last ?? nil, number > last + 1 { numbers.append(nil) }
            numbers.append(number)
        }
        return numbers
    }
}

extension PageController {
    /// `/audit` with its filters: one page read and counted in SQL.
    func auditTrailPage(_ request: Request) async throws -> AuditTrailPage {
        let query = AuditTrailQuery(query: request.uri.query ?? "")
        let total = try await auditStore.countAuditEntries(organisationID: org, matching: query.filter)
        let paging = AuditPaging(requested: query.page, total: total)
        let entries = try await auditStore.auditEntries(organisationID: org, matching: query.filter, limit: paging.pageSize, offset: paging.offset)
        let words = try await AuditTrailWords.load(environment.store, organisationID: org, suppression: identity.suppression)
        return AuditTrailPage(query: query, actors: try await auditStore.auditActors(organisationID: org), paging: paging,
                              rows: entries.map { words.row($0) })
    }
}
