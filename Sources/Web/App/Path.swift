import Core
import Foundation

/// Every address inside Oversight, pages and API alike. One case builds both the route pattern a
/// route table registers (`Path.plan(.parameter).pattern` is `/plans/{id}`) and the href a page
/// links to (`Path.plan(12).href` is `/plans/12`), so a link cannot point at a route that is not
/// there, and renaming a route renames its links. Nothing else in `Sources/` writes an internal
/// address from a string (`PathLiteralTests` fails on one).
enum Path: Sendable, Hashable {
    // Plans, actions and measures
    case plans
    case plan(Int64)
    case action(Int64)
    case actionUpdates(Int64)
    case actionStatus(Int64)
    case milestoneCompletion(Int64, milestone: Int64)
    case actionDifference(Int64)
    case actionHistory(Int64)
    case actionEdit(Int64)
    case actionOverride(Int64)
    case actionOverrideRemoval(Int64)
    case actionEvidence(Int64)
    case actionMilestones(Int64)
    case areaNewAction(Int64)
    case measures
    case measure(Int64)
    case measureHistory(Int64)
    case measureNew
    case measureDefinition(Int64)
    case measureValues(Int64)
    case measureValueNew(Int64)
    case measureValueCorrection(Int64)
    case measureTargets(Int64)
    case measureBenchmarks(Int64)
    case auditTrail
    case auditTrailCSV

    // Changing a plan: its details, inspection, themes and areas
    case planStructure(Int64)
    case planDetails(Int64)
    case planInspection(Int64)
    case planRecommendations(Int64)
    case planRecommendationRemoval(Int64)
    case planHistory(Int64)
    case planThemes(Int64)
    case theme(Int64)
    case themeMove(Int64)
    case themeRemoval(Int64)
    case themeAreas(Int64)
    case area(Int64)
    case areaMove(Int64)
    case areaRemoval(Int64)

    // Boards and meetings
    case boards
    case board(Int64)
    case boardAttendance(Int64)
    case boardMeetings(Int64)
    case boardDetails(Int64)
    case boardMembers(Int64)
    case boardMemberRemoval(Int64)
    case workProgramme(Int64)
    case workProgrammeRemoval(Int64)
    case boardCalendar(Int64)
    case meeting(Int64)
    case meetingPack(Int64)
    case meetingPackDocument(Int64)
    case meetingMinutes(Int64)
    case meetingMinutesDocument(Int64)
    case meetingAttendance(Int64)
    case minuteNumbering(Int64)
    case minutesApproval(Int64)
    case meetingActionPoints(Int64)
    case meetingCancellation(Int64)
    case meetingHistory(Int64)
    case meetingReinstatement(Int64)
    case actionPointUpdates(Int64)
    /// A person's own page: what needs them.
    case home

    // Calendars
    case myCalendar
    case calendarFeed(token: String)
    case calendarLink
    case calendarLinkRevocation

    // Signing in and the account
    case signIn
    case signOut
    /// Single sign-on: sends the browser to the organisation's provider.
    case ssoStart(String)
    /// Where every provider sends the browser back with its answer.
    case ssoCallback
    /// Sends the browser to the provider's end-session address.
    case ssoSignOut(String)
    case passwordReset(token: String)
    case invitation(token: String)
    case account
    case accountPassword
    case signOutEverywhere
    case accountOrganisation
    case accountInvitation
    case people
    case personRemoval(Int64)
    case accountJobTitle
    case personJobTitle(Int64)

    // Analysis of child-level data
    case analysis
    case analysisRun(Int64)
    case analysisRecording(Int64)
    case drillDown(Int64, measure: String)
    case drillDownCSV(Int64, measure: String)

    // Importing plans
    case importUpload
    case importPreview(upload: String)
    case importColumns(upload: String)
    case importTables(upload: String)
    case importMapping(upload: String)
    case importConfirmation(upload: String)

    // Notices
    case notice(Notice.Kind)
    case noticeEdit(Notice.Kind)

    case health
    case ready
    /// The Prometheus scrape: only with the metrics token, on a server started with one.
    case metrics
    /// The JSON API, under `/api/v1`.
    case api(APIPath)

    /// The address a link or a redirect uses: `/plans/12`.
    var href: String { address(patterned: false) }

    /// The address with a query and a fragment: `/meetings/4?saved=minute#item-2`.
    func href(query: String? = nil, fragment: String? = nil) -> String {
        href + (query.map { "?" + $0 } ?? "") + (fragment.map { "#" + $0 } ?? "")
    }

    /// The address with a query built from pairs, each encoded, empty values left out:
    /// `/audit?person=Jo%20Bloggs&page=2`. Filters and paging links keep their query this way.
    func href(queryItems: [(String, String)]) -> String {
        let query = FormReading.query(queryItems)
        return href(query: query.isEmpty ? nil : query)
    }

    /// The route pattern a route table registers, in OpenAPI form: `/plans/{id}`. The case's
    /// values are not used; route tables pass `.parameter`.
    var pattern: String { address(patterned: true) }

    private func address(patterned: Bool) -> String {
        func id(_ value: Int64, _ name: String = "id") -> String { patterned ? "{\(name)}" : String(value) }
        func text(_ value: String, _ name: String) -> String { patterned ? "{\(name)}" : value }
        return switch self {
        case .plans: "/"
        case let .plan(plan): "/plans/" + id(plan)
        case let .action(action): "/actions/" + id(action)
        case let .actionUpdates(action): "/actions/" + id(action) + "/updates"
        case let .actionStatus(action): "/actions/" + id(action) + "/status"
        case let .milestoneCompletion(action, milestone): "/actions/" + id(action) + "/milestones/" + id(milestone, "milestone") + "/complete"
        case let .actionDifference(action): "/actions/" + id(action) + "/difference"
        case let .actionHistory(action): "/actions/" + id(action) + "/history"
        case let .actionEdit(action): "/actions/" + id(action) + "/edit"
        case let .actionOverride(action): "/actions/" + id(action) + "/override"
        case let .actionOverrideRemoval(action): "/actions/" + id(action) + "/override/remove"
        case let .actionEvidence(action): "/actions/" + id(action) + "/evidence"
        case let .actionMilestones(action): "/actions/" + id(action) + "/milestones"
        case let .areaNewAction(area): "/areas/" + id(area) + "/actions/new"
        case .measures: "/measures"
        case let .measure(measure): "/measures/" + id(measure)
        case let .measureHistory(measure): "/measures/" + id(measure) + "/history"
        case .measureNew: "/measures/new"
        case let .measureDefinition(measure): "/measures/" + id(measure) + "/edit"
        case let .measureValues(measure): "/measures/" + id(measure) + "/values"
        case let .measureValueNew(measure): "/measures/" + id(measure) + "/values/new"
        case let .measureValueCorrection(measure): "/measures/" + id(measure) + "/values/correct"
        case let .measureTargets(measure): "/measures/" + id(measure) + "/targets"
        case let .measureBenchmarks(measure): "/measures/" + id(measure) + "/benchmarks"
        case .auditTrail: "/audit"
        case .auditTrailCSV: "/audit.csv"

        case let .planStructure(plan): "/plans/" + id(plan) + "/structure"
        case let .planDetails(plan): "/plans/" + id(plan) + "/details"
        case let .planInspection(plan): "/plans/" + id(plan) + "/inspection"
        case let .planRecommendations(plan): "/plans/" + id(plan) + "/recommendations"
        case let .planRecommendationRemoval(plan): "/plans/" + id(plan) + "/recommendations/remove"
        case let .planHistory(plan): "/plans/" + id(plan) + "/history"
        case let .planThemes(plan): "/plans/" + id(plan) + "/themes"
        case let .theme(theme): "/themes/" + id(theme)
        case let .themeMove(theme): "/themes/" + id(theme) + "/move"
        case let .themeRemoval(theme): "/themes/" + id(theme) + "/remove"
        case let .themeAreas(theme): "/themes/" + id(theme) + "/areas"
        case let .area(area): "/areas/" + id(area)
        case let .areaMove(area): "/areas/" + id(area) + "/move"
        case let .areaRemoval(area): "/areas/" + id(area) + "/remove"

        case .boards: "/boards"
        case let .board(board): "/boards/" + id(board)
        case let .boardAttendance(board): "/boards/" + id(board) + "/attendance"
        case let .boardMeetings(board): "/boards/" + id(board) + "/meetings"
        case let .boardDetails(board): "/boards/" + id(board) + "/details"
        case let .boardMembers(board): "/boards/" + id(board) + "/members"
        case let .boardMemberRemoval(board): "/boards/" + id(board) + "/members/remove"
        case let .workProgramme(board): "/boards/" + id(board) + "/work-programme"
        case let .workProgrammeRemoval(board): "/boards/" + id(board) + "/work-programme/remove"
        case let .boardCalendar(board): "/boards/" + id(board) + "/calendar.ics"
        case let .meeting(meeting): "/meetings/" + id(meeting)
        case let .meetingPack(meeting): "/meetings/" + id(meeting) + "/pack"
        case let .meetingPackDocument(meeting): "/meetings/" + id(meeting) + "/pack.docx"
        case let .meetingMinutes(meeting): "/meetings/" + id(meeting) + "/minutes"
        case let .meetingMinutesDocument(meeting): "/meetings/" + id(meeting) + "/minutes.docx"
        case let .meetingAttendance(meeting): "/meetings/" + id(meeting) + "/attendance"
        case let .minuteNumbering(meeting): "/meetings/" + id(meeting) + "/number-minutes"
        case let .minutesApproval(meeting): "/meetings/" + id(meeting) + "/approve-minutes"
        case let .meetingActionPoints(meeting): "/meetings/" + id(meeting) + "/action-points"
        case let .meetingCancellation(meeting): "/meetings/" + id(meeting) + "/cancel"
        case let .meetingHistory(meeting): "/meetings/" + id(meeting) + "/history"
        case let .meetingReinstatement(meeting): "/meetings/" + id(meeting) + "/reinstate"
        case .home: "/home"
        case let .actionPointUpdates(point): "/action-points/" + id(point) + "/updates"

        case .myCalendar: "/calendar/mine.ics"
        case let .calendarFeed(token): "/calendar/feed/" + text(token, "token") + ".ics"
        case .calendarLink: "/account/calendar-link"
        case .calendarLinkRevocation: "/account/calendar-link/revoke"

        case .signIn: "/login"
        case .signOut: "/logout"
        case let .ssoStart(slug): "/sso/" + text(slug, "provider") + "/start"
        case .ssoCallback: "/sso/callback"
        case let .ssoSignOut(slug): "/sso/" + text(slug, "provider") + "/sign-out"
        case let .passwordReset(token): "/reset/" + text(token, "token")
        case let .invitation(token): "/invitations/" + text(token, "token")
        case .account: "/account"
        case .accountPassword: "/account/password"
        case .signOutEverywhere: "/account/sign-out-everywhere"
        case .accountOrganisation: "/account/organisation"
        case .accountInvitation: "/account/invitation"
        case .people: "/people"
        case let .personRemoval(person): "/people/" + id(person) + "/disable"
        case .accountJobTitle: "/account/job-title"
        case let .personJobTitle(person): "/people/" + id(person) + "/job-title"

        case .analysis: "/analysis"
        case let .analysisRun(run): "/analysis/runs/" + id(run)
        case let .analysisRecording(run): "/analysis/runs/" + id(run) + "/record"
        // A catalogue id is percent-encoded: it is the measure's name, not ours to trust in a path.
        case let .drillDown(run, measure): "/analysis/runs/" + id(run) + "/measures/" + text(FormReading.encode(measure), "measure")
        case let .drillDownCSV(run, measure): "/analysis/runs/" + id(run) + "/measures/" + text(FormReading.encode(measure), "measure") + ".csv"

        case .importUpload: "/import"
        case let .importPreview(upload): "/import/" + text(upload, "upload")
        case let .importColumns(upload): "/import/" + text(upload, "upload") + "/preview"
        case let .importTables(upload): "/import/" + text(upload, "upload") + "/tables"
        case let .importMapping(upload): "/import/" + text(upload, "upload") + "/mapping.json"
        case let .importConfirmation(upload): "/import/" + text(upload, "upload") + "/confirm"

        case let .notice(kind): Self.noticeAddress(kind)
        case let .noticeEdit(kind): Self.noticeAddress(kind) + "/edit"

        case .health: "/healthz"
        case .ready: "/readyz"
        case .metrics: "/metrics"
        case let .api(path): APIPath.prefix + (patterned ? path.pattern : path.href)
        }
    }

    /// The meeting or board page a form's `return` field names, read back from its href; nil for
    /// anything else (the field comes from the browser, so it is not trusted to be either).
    init?(href: String) {
        let parts = href.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty, let id = Int64(parts[2]), String(id) == parts[2] else { return nil }
        switch parts[1] {
        case "meetings": self = .meeting(id)
        case "boards": self = .board(id)
        default: return nil
        }
    }

    private static func noticeAddress(_ kind: Notice.Kind) -> String {
        switch kind {
        case .accessibilityStatement: "/accessibility"
        case .privacyNotice: "/privacy"
        }
    }
}

/// The JSON API's addresses below `/api/v1`: the API's route table registers `pattern`s relative
/// to the group, and its `Location` headers and `links` use `Path.api(…).href`.
enum APIPath: Sendable, Hashable {
    static let prefix = "/api/v1"

    case openAPI
    case plans
    case plan(Int64)
    case planAreas(Int64)
    case planActions(Int64)
    case area(Int64)
    case areaActions(Int64)
    case areaMove(Int64)
    case planThemes(Int64)
    case planInspection(Int64)
    case theme(Int64)
    case themeMove(Int64)
    case action(Int64)
    case actionUpdates(Int64)
    case actionEvidence(Int64)
    case actionOverride(Int64)
    case measures
    case measure(Int64)
    case measureValues(Int64)
    case measureValueCorrections(Int64)
    case boards
    case board(Int64)
    case boardMeetings(Int64)
    case boardActionPoints(Int64)
    case meeting(Int64)
    case meetingActionPoints(Int64)
    case meetingPack(Int64)
    case actionPoint(Int64)
    case meetingAttendance(Int64)
    case meetingCancellation(Int64)
    case meetingReinstatement(Int64)
    case minutesApproval(Int64)
    case home
    case analysisRuns
    case analysisRun(Int64)
    case auditTrail
    case ssoProviders
    case ssoProvider(String)

    /// Relative to `/api/v1`: `/plans/12`.
    var href: String { address(patterned: false) }
    /// Relative to `/api/v1`: `/plans/{id}`.
    var pattern: String { address(patterned: true) }

    private func address(patterned: Bool) -> String {
        func id(_ value: Int64) -> String { patterned ? "{id}" : String(value) }
        return switch self {
        case .openAPI: "/openapi.json"
        case .plans: "/plans"
        case let .plan(plan): "/plans/" + id(plan)
        case let .planAreas(plan): "/plans/" + id(plan) + "/areas"
        case let .planActions(plan): "/plans/" + id(plan) + "/actions"
        case let .area(area): "/areas/" + id(area)
        case let .areaActions(area): "/areas/" + id(area) + "/actions"
        case let .areaMove(area): "/areas/" + id(area) + "/move"
        case let .planThemes(plan): "/plans/" + id(plan) + "/themes"
        case let .planInspection(plan): "/plans/" + id(plan) + "/inspection"
        case let .theme(theme): "/themes/" + id(theme)
        case let .themeMove(theme): "/themes/" + id(theme) + "/move"
        case let .action(action): "/actions/" + id(action)
        case let .actionUpdates(action): "/actions/" + id(action) + "/updates"
        case let .actionEvidence(action): "/actions/" + id(action) + "/evidence"
        case let .actionOverride(action): "/actions/" + id(action) + "/override"
        case .measures: "/measures"
        case let .measure(measure): "/measures/" + id(measure)
        case let .measureValues(measure): "/measures/" + id(measure) + "/values"
        case let .measureValueCorrections(measure): "/measures/" + id(measure) + "/values/corrections"
        case .boards: "/boards"
        case let .board(board): "/boards/" + id(board)
        case let .boardMeetings(board): "/boards/" + id(board) + "/meetings"
        case let .boardActionPoints(board): "/boards/" + id(board) + "/action-points"
        case let .meeting(meeting): "/meetings/" + id(meeting)
        case let .meetingActionPoints(meeting): "/meetings/" + id(meeting) + "/action-points"
        case let .meetingPack(meeting): "/meetings/" + id(meeting) + "/pack"
        case let .actionPoint(point): "/action-points/" + id(point)
        case let .meetingAttendance(meeting): "/meetings/" + id(meeting) + "/attendance"
        case let .meetingCancellation(meeting): "/meetings/" + id(meeting) + "/cancel"
        case let .meetingReinstatement(meeting): "/meetings/" + id(meeting) + "/reinstate"
        case let .minutesApproval(meeting): "/meetings/" + id(meeting) + "/approve-minutes"
        case .home: "/home"
        case .analysisRuns: "/analysis/runs"
        case let .analysisRun(run): "/analysis/runs/" + id(run)
        case .auditTrail: "/audit"
        case .ssoProviders: "/sso-providers"
        case let .ssoProvider(slug): "/sso-providers/" + (patterned ? "{slug}" : slug)
        }
    }
}

extension Int64 {
    /// What a route table passes for an id: a route pattern names the parameter (`{id}`) and never
    /// shows the value.
    static let parameter: Int64 = 0
}

extension String {
    /// What a route table passes for a token or a name in a path (`{token}`, `{upload}`); a route
    /// pattern never shows the value.
    static let parameter = ""
}
