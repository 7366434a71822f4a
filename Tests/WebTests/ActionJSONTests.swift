import Core
import Foundation
import Testing
@testable import Web

/// The action list is written by hand for speed; an API client must not be able to tell.
@Suite struct ActionJSONTests {
    /// Any JSON value, so two documents compare by meaning rather than by spelling.
    indirect enum JSONValue: Decodable, Equatable {
        case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), bool(Bool), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSONValue].self)) }
        }
    }

    /// An action with every field filled, and text that needs escaping.
    static func fullAction() throws -> Action {
        Action(
            id: 7, areaID: 3, position: 2, ref: "2.1.3", title: "Audit \"quality\" of plans\tweekly",
            outcome: "Children's plans are SMART.\nLine two \\ with a backslash, a slash / and \u{1} a control character; café ✓",
            leads: ["Head of Service, Assessment", "Principal Social Worker"],
            startDate: Day(2026, 4, 1), dueDate: Day(2027, 3, 31),
            reprogrammings: [Reprogramming(from: Day(2026, 12, 31), to: Day(2027, 3, 31), reason: "Recruitment delayed",
                                           changedOn: Day(2026, 10, 2), changedBy: "Jo Smith"),
                             Reprogramming(from: nil, to: Day(2026, 12, 31), reason: "First date set", changedOn: Day(2026, 5, 1),
                                           changedBy: "Jo Smith")],
            status: .inProgress, percentComplete: 40,
            milestones: [Milestone(id: 1, title: "Audit tool agreed", dueDate: Day(2026, 6, 30), completedOn: Day(2026, 6, 28)),
                         Milestone(id: 2, title: "First audit", dueDate: Day(2026, 11, 20)),
                         Milestone(id: 3, title: "Undated step")],
            updates: [ProgressUpdate(id: 12, actionID: 7, date: Day(2026, 11, 2), author: "Jo Smith", text: "Second update",
                                     percentComplete: 40, status: .inProgress, recordedAt: Date(timeIntervalSince1970: 1_793_000_123.75)),
                      ProgressUpdate(id: 11, actionID: 7, date: Day(2026, 9, 1), author: "Jo Smith", text: "First update",
                                     recordedAt: Date(timeIntervalSince1970: -86_399))],
            evidence: [EvidenceOfImpact(date: Day(2026, 10, 1), text: "Audit grades improved", author: "QA team")],
            difference: DifferenceJudgement(value: .someDifference, date: Day(2026, 10, 5), by: "Board", note: "Early signs"),
            override: try RatingOverride(rating: .amber, reason: "Known risk", by: "Director", on: Day(2026, 11, 1)),
            measureIDs: [4, 9], version: 5)
    }

    static func resources(includeHistory: Bool) throws -> [ActionResource] {
        let bare = Action(id: 8, areaID: 3, ref: "2.1.4", title: "No dates, nothing else")
        return [try fullAction(), bare].map { ActionResource(action: $0, asAt: Day(2026, 11, 23), cycle: .monthly, includeHistory: includeHistory) }
    }

    @Test(arguments: [false, true])
    func theWrittenListMeansWhatTheEncoderWouldWrite(includeHistory: Bool) throws {
        let list = ActionList(planID: 1, asAt: Day(2026, 11, 23), actions: try Self.resources(includeHistory: includeHistory))
        let written = Data(list.jsonBytes)
        let encoded = try APIController.encoder.encode(list)
        let decoder = JSONDecoder()
        #expect(try decoder.decode(JSONValue.self, from: written) == decoder.decode(JSONValue.self, from: encoded))
        // Members come in the same (sorted) order too, so the two differ only in how `/` is escaped.
        let writtenText = String(decoding: written, as: UTF8.self)
        let encodedText = String(decoding: encoded, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
        #expect(writtenText == encodedText)
    }

    @Test func timestampsAreWholeSecondsInUTC() {
        var json = JSONWriter()
        json.array([0, 1_793_000_123.75, -0.5, 253_402_300_799]) { $0.timestamp(Date(timeIntervalSince1970: $1)) }
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text == #"["1970-01-01T00:00:00Z","2026-10-26T07:35:23Z","1969-12-31T23:59:59Z","9999-12-31T23:59:59Z"]"#)
    }

    @Test func integersKeepTheirSign() {
        var json = JSONWriter()
        json.array([Int64(0), 7, -42, Int64.max, Int64.min]) { $0.integer($1) }
        #expect(String(decoding: json.bytes, as: UTF8.self) == "[0,7,-42,9223372036854775807,-9223372036854775808]")
    }
}
