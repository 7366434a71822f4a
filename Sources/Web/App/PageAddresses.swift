import Core
import Foundation

/// One page the browser tests open: a GET route of `RouteTable.pages` that answers with HTML,
/// with a real address in an organisation's data and the roles its route rule lets in.
public struct PageAddress: Sendable, Hashable, Codable {
    /// The route pattern, `/plans/{id}`: the same string the router registers.
    public var pattern: String
    /// A real address, `/plans/1`; nil when the page exists only after an upload made in the
    /// browser (`upload` names the form) or is reached by a link on another page (`linkedFrom`).
    public var address: String?
    /// Role raw values the route's rule lets in (`editor`, `board-member`); `signed-out` for a
    /// page anyone may open, which is visited signed out.
    public var roles: [String]
    /// The form whose upload leads to this page (`/analysis`, `/import`).
    public var upload: String?
    /// The pattern of the page that links here: the browser follows the first such link.
    public var linkedFrom: String?
    /// The status the page answers with: 200, or 404 for a link whose token was never issued
    /// (the page a person sees when they follow an expired or mistyped link).
    public var status: Int = 200
}

/// Every page of the web interface with a real address in an organisation's data, built from the
/// route tables the router uses: `PageAddressesTests` fails when a GET route answers a page and
/// has no address here, so a new page is opened by the browser tests (`Tests/Browser`) without
/// anyone editing them.
public enum PageAddresses {
    /// GET routes that answer with a file (or a health check), not a page: nothing for axe.
    public static let downloads: Set<String> = [
        Path.health.pattern, Path.ready.pattern, Path.metrics.pattern, Path.auditTrailCSV.pattern, Path.meetingPackDocument(.parameter).pattern,
        Path.meetingMinutesDocument(.parameter).pattern, Path.boardCalendar(.parameter).pattern, Path.myCalendar.pattern,
        Path.calendarFeed(token: .parameter).pattern, Path.drillDownCSV(.parameter, measure: .parameter).pattern,
        Path.importMapping(upload: .parameter).pattern,
    ]

    /// The patterns of the GET page routes, in route table order.
    public static var pagePatterns: [String] {
        var seen: Set<String> = []
        return RouteTable.pages.filter { $0.method == .get && !downloads.contains($0.path) && seen.insert($0.path).inserted }.map(\.path)
    }

    /// Addresses of every page in the organisation's data. A pattern whose records differ in a
    /// way the page shows (a held, a scheduled and a cancelled meeting) gets one address each.
    public static func all(in store: any PlanStore & BoardStore & AnalysisStore, organisationID org: Int64) async throws -> [PageAddress] {
        // Pages that need a query to show a record: the record's path and its query.
        var queries: [Path: String] = [:]
        var paths: [Path] = [.plans, .measures, .measureNew, .auditTrail, .boards, .home, .account, .people, .analysis, .importUpload, .signIn,
                             .passwordReset(token: "expired-link"), .invitation(token: "expired-link")]
        for kind in Notice.Kind.allCases { paths += [.notice(kind), .noticeEdit(kind)] }
        // Single sign-on answers with a redirect to the provider, or with its refusal page: the
        // refusal is what a browser can be shown without a provider (no sign-in under way, a
        // provider that is not configured).
        paths += [.ssoCallback, .ssoStart("not-configured"), .ssoSignOut("not-configured")]
        let plans = try await store.plans(organisationID: org)
        if let plan = plans.first {
            let contents = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false)
            paths += [.plan(plan.id), .planHistory(plan.id), .planStructure(plan.id), .planThemes(plan.id), .planDetails(plan.id),
                      .planInspection(plan.id), .planRecommendations(plan.id)]
            if let number = contents.inspection?.recommendations.first?.number {
                paths.append(.planRecommendationRemoval(plan.id))
                queries[.planRecommendationRemoval(plan.id)] = "number=\(number)"
            }
            if let theme = contents.themes.first { paths += [.theme(theme.id), .themeRemoval(theme.id), .themeAreas(theme.id)] }
            if let area = contents.areas.first { paths += [.area(area.id), .areaRemoval(area.id), .areaNewAction(area.id)] }
            if let action = contents.actions.first {
                paths += [.action(action.id), .actionHistory(action.id), .actionEdit(action.id), .actionMilestones(action.id)]
            }
        }
        if let measure = try await store.measures(organisationID: org).first(where: { !$0.values.isEmpty }) {
            if let value = measure.valuesInOrder.last {
                queries[.measureValueCorrection(measure.id)] = "period=" + FormReading.encode(value.period.label)
            }
            paths += [.measure(measure.id), .measureHistory(measure.id), .measureDefinition(measure.id), .measureValueNew(measure.id),
                      .measureValueCorrection(measure.id), .measureTargets(measure.id), .measureBenchmarks(measure.id)]
        }
        // One board: the others' pages are the same templates over the same kinds of record.
        if let board = try await store.boards(organisationID: org).first {
            paths += [.board(board.id), .boardAttendance(board.id)]
            let meetings = try await store.meetings(boardID: board.id, organisationID: org)
            // The held meeting with the most minutes, one still to come, and a cancelled one.
            let held = meetings.filter { $0.status == .held }.max { $0.agenda.count < $1.agenda.count }
            for meeting in [held, meetings.first { $0.status == .scheduled }, meetings.first { $0.status == .cancelled }].compactMap({ $0 }) {
                paths += [.meeting(meeting.id), .meetingPack(meeting.id), .meetingMinutes(meeting.id), .meetingHistory(meeting.id)]
                if meeting.status == .held { paths.append(.minutesApproval(meeting.id)) }
                if meeting.status == .scheduled { paths.append(.meetingCancellation(meeting.id)) }
            }
        }
        if let run = try await store.analysisRuns(organisationID: org).first { paths.append(.analysisRun(run.id)) }

        let rules = Dictionary(RouteTable.pages.filter { $0.method == .get }.map { ($0.path, $0.access) }, uniquingKeysWith: { first, _ in first })
        func roles(_ pattern: String) -> [String] {
            guard let access = rules[pattern] else { return [] }
            if access == .anyone { return ["signed-out"] }
            return Role.allCases.filter { access.allows($0) }.map(\.rawValue)
        }
        // The status each page answers with at the address given here.
        let statuses = [Path.passwordReset(token: .parameter).pattern: 404, Path.invitation(token: .parameter).pattern: 404,
                        Path.ssoCallback.pattern: 400, Path.ssoStart(.parameter).pattern: 404, Path.ssoSignOut(.parameter).pattern: 404]
        var seen: Set<String> = []
        var addresses: [PageAddress] = paths.compactMap { path in
            let href = path.href(query: queries[path])
            guard seen.insert(href).inserted else { return nil }
            return PageAddress(pattern: path.pattern, address: href, roles: roles(path.pattern), status: statuses[path.pattern] ?? 200)
        }
        // Pages that exist only once someone has uploaded a file in the browser.
        let covered = Set(addresses.map(\.pattern))
        let analysisRun = Path.analysisRun(.parameter).pattern
        for (pattern, upload, linkedFrom) in [
            (analysisRun, Path.analysis.href, String?.none),
            (Path.drillDown(.parameter, measure: .parameter).pattern, nil, analysisRun),
            (Path.importPreview(upload: .parameter).pattern, Path.importUpload.href, nil),
        ] where !covered.contains(pattern) || linkedFrom != nil {
            addresses.append(PageAddress(pattern: pattern, address: nil, roles: roles(pattern), upload: upload, linkedFrom: linkedFrom))
        }
        return addresses
    }
}
