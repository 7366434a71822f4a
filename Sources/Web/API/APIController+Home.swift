import Core
import Foundation
import Hummingbird

/// `GET /home`: what needs the token's person, the same worklist as the home page (`Worklist`).
extension APIController {
    @Sendable func getHome(_ request: Request, context: AppContext) async throws -> Response {
        let list = try await HomeController.worklist(for: identity, store: environment.store, today: environment.today())
        return try json(HomeResource(list, identity: identity))
    }
}

struct HomeResource: Codable, Sendable {
    struct LedAction: Codable, Sendable {
        var id: Int64
        var ref: String
        var title: String
        var planID: Int64
        var planTitle: String
        var rating: DeliveryRating
        /// "Red — Overdue: due 30 Sep 2026 and not complete".
        var ratingSummary: String
        var updateDue: Bool
        var updateReason: String
        var nextUpdateDue: Day?
        var links: [String: String]
    }

    struct OwnedActionPoint: Codable, Sendable {
        var boardID: Int64
        var boardName: String
        var actionPoint: ActionPointResource
    }

    struct NextMeeting: Codable, Sendable {
        var boardID: Int64
        var boardName: String
        var meeting: MeetingSummary
    }

    struct ActionException: Codable, Sendable {
        var id: Int64
        var ref: String
        var title: String
        var rating: DeliveryRating
        var reasons: [String]
        var links: [String: String]
    }

    struct MeasureException: Codable, Sendable {
        var id: Int64
        var code: String
        var title: String
        var reason: String
        var links: [String: String]
    }

    struct Awaiting: Codable, Sendable {
        var boardID: Int64
        var boardName: String
        var meetingID: Int64
        var what: String
        var links: [String: String]
    }

    /// Who the worklist is for, with the job title their updates are signed with.
    struct PersonSummary: Codable, Sendable {
        var name: String
        var email: String
        var role: String
        var jobTitle: String?
        /// "Sam Patel, Head of Service": how they are named as the author of what they record.
        var signature: String
    }

    var asAt: Day
    var person: PersonSummary
    var actions: [LedAction]
    /// Ids of the led actions whose update is due.
    var updatesDue: [Int64]
    var actionPoints: [OwnedActionPoint]
    var meetings: [NextMeeting]
    /// Present for those who edit plans.
    var actionExceptions: [ActionException]?
    var measureExceptions: [MeasureException]?
    /// Present for those who run the boards.
    var awaiting: [Awaiting]?

    init(_ list: Worklist, identity: Identity) {
        asAt = list.asAt
        person = PersonSummary(name: identity.name, email: identity.email, role: identity.role.rawValue, jobTitle: identity.jobTitle,
                               signature: identity.signature)
        actions = list.actions.map {
            LedAction(id: $0.action.id, ref: $0.action.ref, title: $0.action.title, planID: $0.planID, planTitle: $0.planTitle,
                      rating: $0.delivery.rating, ratingSummary: $0.delivery.summary, updateDue: $0.update.isDue,
                      updateReason: $0.update.reason, nextUpdateDue: $0.update.nextDue,
                      links: ["self": Path.api(.action($0.action.id)).href, "page": Path.action($0.action.id).href])
        }
        updatesDue = list.updatesDue.map(\.action.id)
        actionPoints = list.actionPoints.map {
            OwnedActionPoint(boardID: $0.board.id, boardName: $0.board.name, actionPoint: ActionPointResource($0.actionPoint, standing: $0.standing))
        }
        meetings = list.meetings.map { NextMeeting(boardID: $0.board.id, boardName: $0.board.name, meeting: MeetingSummary($0.meeting)) }
        if identity.can(.editPlans) {
            actionExceptions = list.actionExceptions.map {
                ActionException(id: $0.action.id, ref: $0.action.ref, title: $0.action.title, rating: $0.delivery.rating, reasons: $0.reasons,
                                links: ["self": Path.api(.action($0.action.id)).href, "page": Path.action($0.action.id).href])
            }
            measureExceptions = list.measureExceptions.map {
                MeasureException(id: $0.measure.id, code: $0.measure.code, title: $0.measure.title, reason: $0.reason,
                                 links: ["self": Path.api(.measure($0.measure.id)).href, "page": Path.measure($0.measure.id).href])
            }
        }
        if identity.can(.manageBoards) {
            awaiting = list.awaiting.map {
                Awaiting(boardID: $0.board.id, boardName: $0.board.name, meetingID: $0.meeting.id, what: $0.what,
                         links: ["meeting": Path.api(.meeting($0.meeting.id)).href, "page": Path.meeting($0.meeting.id).href])
            }
        }
    }
}
