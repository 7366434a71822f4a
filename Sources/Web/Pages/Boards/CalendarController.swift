import Core
import Foundation
import Hummingbird
import Reports

/// The iCalendar feeds: a board's meetings, the signed-in person's deadlines, the same deadlines
/// at a secret address for calendar apps (which subscribe without cookies), and the account
/// page's forms that make and revoke that address.
struct CalendarController: PageResponder, Sendable {
    let environment: AppEnvironment
    /// Nil for the secret feed: its address is its credential.
    let identity: Identity?
    let session: Session?

    static let routes: [Route<CalendarController>] = [
        .init(method: .get, path: .boardCalendar(.parameter), access: .permission(.readPlans)) { $0.boardFeed },
        .init(method: .get, path: .myCalendar, access: .permission(.readPlans)) { $0.myFeed },
        .init(method: .get, path: .calendarFeed(token: .parameter), access: .anyone) { $0.secretFeed },
        .init(method: .post, path: .calendarLink, access: .signedIn) { $0.createLink },
        .init(method: .post, path: .calendarLinkRevocation, access: .signedIn) { $0.revokeLink },
    ]

    var store: any PlanStore & PeopleStore & BoardStore { environment.store }
    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: session?.csrfToken) }

    func signedIn() throws -> Identity {
        guard let identity else { throw AccessRefusal.signedOut }
        return identity
    }

    func site(_ request: Request, organisationName: String) -> CalendarFeeds.Site {
        CalendarFeeds.Site(address: environment.security.siteAddress, organisationName: organisationName, links: Self.links)
    }

    static let links = CalendarFeeds.Links(meeting: { Path.meeting($0).href },
                                           boardActionLog: { Path.board($0).href(fragment: "action-log") },
                                           action: { Path.action($0).href })

    // MARK: Feeds

    @Sendable func boardFeed(_ request: Request, context: AppContext) async throws -> Response {
        let identity = try signedIn()
        let id = try FormReading.id(in: context)
        let board = try await store.board(id: id, organisationID: identity.organisationID)
        let meetings = try await store.meetings(boardID: id, organisationID: identity.organisationID)
        let calendar = CalendarFeeds.meetings(of: board, meetings, site: site(request, organisationName: identity.organisationName),
                                              stamp: environment.now())
        return Self.serve(calendar)
    }

    @Sendable func myFeed(_ request: Request, context: AppContext) async throws -> Response {
        Self.serve(try await deadlines(of: try signedIn(), request: request))
    }

    /// Answers as its person now stands: a disabled account, a lost membership or a revoked
    /// link all give "not found", the same as an address that never existed.
    @Sendable func secretFeed(_ request: Request, context: AppContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard !token.isEmpty, let link = try await store.calendarFeedLink(hash: Secrets.digest(token)),
              let person = try await store.person(id: link.personID), !person.isDisabled,
              let membership = try await store.memberships(personID: person.id).first(where: { $0.organisation.id == link.organisationID }),
              membership.role.can(.readPlans)
        else { throw StoreError.notFound(entity: "calendar feed", id: "") }
        return Self.serve(try await deadlines(of: Authentication.identity(person, membership), request: request))
    }

    func deadlines(of person: Identity, request: Request) async throws -> ICalendar {
        let org = person.organisationID
        var boards: [CalendarFeeds.BoardRecords] = []
        for board in try await store.boards(organisationID: org) {
            boards.append(.init(board: board, meetings: try await store.meetings(boardID: board.id, organisationID: org),
                                actionPoints: try await store.actionPoints(boardID: board.id, organisationID: org)))
        }
        var actions: [Action] = []
        for plan in try await store.plans(organisationID: org) {
            actions += try await store.planContents(id: plan.id, organisationID: org, fullHistory: false).actions
        }
        return CalendarFeeds.deadlines(of: person, boards: boards, actions: actions, site: site(request, organisationName: person.organisationName),
                                       stamp: environment.now())
    }

    static func serve(_ calendar: ICalendar) -> Response {
        // Personal and exempt-free but still internal: never kept by a shared cache.
        Response(status: .ok, headers: [.contentType: ICalendar.contentType, .cacheControl: "private, no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: calendar.text)))
    }

    // MARK: The secret address

    /// Makes a new address, replacing any earlier one, and shows it once: only its hash is kept.
    @Sendable func createLink(_ request: Request, context: AppContext) async throws -> Response {
        let identity = try signedIn()
        guard let session else { throw AccessRefusal.signedOut }
        let token = Secrets.randomToken()
        try await store.replaceCalendarFeedLink(CalendarFeedLink(personID: identity.personID, organisationID: identity.organisationID,
                                                                 hash: Secrets.digest(token), createdAt: environment.now()))
        let address = environment.security.siteAddress + Path.calendarFeed(token: token).href
        let account = AccountController(environment: environment, identity: identity, session: session)
        return try await account.accountPage(newCalendarAddress: address).response()
    }

    @Sendable func revokeLink(_ request: Request, context: AppContext) async throws -> Response {
        let identity = try signedIn()
        try await store.deleteCalendarFeedLink(personID: identity.personID, organisationID: identity.organisationID)
        return redirect(to: .account, query: "saved=calendar-revoked", fragment: "calendar")
    }
}
