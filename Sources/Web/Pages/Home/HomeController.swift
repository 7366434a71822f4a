import Core
import Foundation
import Hummingbird

/// `/home`: what needs the signed-in person (`Worklist`). Signing in lands here.
struct HomeController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let csrf: String

    var store: any PlanStore & BoardStore { environment.store }
    var org: Int64 { identity.organisationID }

    static let routes: [Route<HomeController>] = [
        .page(.get, .home, .permission(.readPlans)) { $0.home },
    ]

    @Sendable func home(_ request: Request, context: AppContext) async throws -> HTML {
        try render(HomePage(worklist: try await worklist(), identity: identity))
    }

    func worklist() async throws -> Worklist {
        try await Self.worklist(for: identity, store: store, today: environment.today())
    }

    /// The worklist of `identity` as at `today`, from every plan and board of their organisation:
    /// the home page and `GET /api/v1/home` show the same one.
    static func worklist(for identity: Identity, store: any PlanStore & BoardStore, today: Day) async throws -> Worklist {
        let org = identity.organisationID
        var plans: [PlanContents] = []
        for plan in try await store.plans(organisationID: org) {
            plans.append(try await store.planContents(id: plan.id, organisationID: org, fullHistory: false))
        }
        let keepsPlans = identity.can(.editPlans)
        let measures = keepsPlans ? try await store.measures(organisationID: org) : []
        var boards: [(board: Board, meetings: [Meeting], actionPoints: [ActionPoint])] = []
        for board in try await store.boards(organisationID: org) {
            boards.append((board, try await store.meetings(boardID: board.id, organisationID: org),
                           try await store.actionPoints(boardID: board.id, organisationID: org)))
        }
        let person = Worklist.Person(name: identity.name, email: identity.email, keepsPlans: keepsPlans,
                                     runsBoards: identity.can(.manageBoards))
        return Worklist(for: person, plans: plans, measures: measures, boards: boards, asAt: today)
    }

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: csrf) }
}
