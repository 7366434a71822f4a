import Core
import Foundation
import Demo
import Store
import Testing

@Suite("Demo boards")
struct DemoBoardsTests {
    static let day = Day(2026, 11, 23)

    @Test("serve --demo loads the two boards once, with every meeting status, running minute numbers and a live action log")
    func loadedOnce() async throws {
        try await withStore { store in
            let first = try await DemoLoading.load(into: store, asAt: Self.day)
            #expect(first.addedPlan != nil)
            #expect(first.addedBoards.count == 2)
            let second = try await DemoLoading.load(into: store, asAt: Self.day)
            #expect(second.addedPlan == nil)
            #expect(second.addedBoards.isEmpty)
            let org = first.organisation.id
            let boards = try await store.boards(organisationID: org)
            #expect(boards.count == 2)

            let improvement = try #require(boards.first { $0.kind == .improvementBoard })
            let meetings = try await store.meetings(boardID: improvement.id, organisationID: org)
            #expect(meetings.count == 13)
            #expect(Set(meetings.map(\.status)) == Set(Meeting.Status.allCases))
            #expect(meetings.filter { $0.status == .cancelled }.count == 1)
            // Minute numbers run on from 179 without restarting.
            let numbers = meetings.flatMap { $0.agenda.compactMap { $0.minute?.number } }
            #expect(numbers.first == 179)
            #expect(numbers == Array(179..<(179 + numbers.count)))
            // Held meetings' minutes approved at the next, except the last one's.
            let held = meetings.filter { $0.status == .held }
            #expect(held.dropLast().allSatisfy { $0.minutesStatus.isLocked })
            #expect(held.last?.minutesStatus == .draft)
            // The progress report and scorecard come to every meeting that is not cancelled.
            let plan = try #require(try await store.plans(organisationID: org).first)
            #expect(meetings.filter { $0.status != .cancelled }.allSatisfy { $0.agenda.contains { $0.papers.contains(.planProgressReport(planID: plan.id)) } })

            let points = try await store.actionPoints(boardID: improvement.id, organisationID: org)
            #expect(Set(points.map(\.status)).isSuperset(of: [.open, .done, .carriedForward]))
            let next = try #require(meetings.first { $0.status == .scheduled })
            let review = try await store.actionPointReview(meetingID: next.id, organisationID: org)
            #expect(review.contains { $0.isOverdue })
            #expect(review.first?.isOverdue == true)

            let parenting = try #require(boards.first { $0.kind == .corporateParentingBoard })
            #expect(parenting.members.count == 12)
            let parentingMeetings = try await store.meetings(boardID: parenting.id, organisationID: org)
            let november = try #require(parentingMeetings.first { $0.date.month == 11 })
            #expect(november.agenda.contains { $0.title == "IRO annual report" })
            #expect(parentingMeetings.filter { $0.date.month != 11 }.allSatisfy { !$0.agenda.contains { $0.title == "IRO annual report" } })
            #expect(parentingMeetings.contains { $0.agenda.contains { item in item.isExempt } })
            #expect(parentingMeetings.contains { !$0.attendance.substitutes.isEmpty })
        }
    }
}
