import Core
import Foundation
import Store
import Testing

/// `oversight import plan FILE --board NAME`: a file's work programme into a board, as a user runs it.
@Suite("oversight import plan --board")
struct ImportWorkProgrammeCommandTests {
    static let programme = Data("""
        Meeting date\tAgenda item\tLead
        12 September 2026\t\t
        \tImprovement plan progress report\tDirector of Children's Services
        Standing items\t\t
        \tMinutes and action log\tChair

        """.utf8)

    func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("oversight-wp-\(UUID().uuidString)\(suffix)").path
    }

    func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("--board names the board the items go into; without it the file is refused; a second run adds nothing")
    func importsIntoTheBoard() async throws {
        let db = temporaryPath(".sqlite"), file = temporaryPath(".txt")
        defer { remove(db); remove(file) }
        try Self.programme.write(to: URL(fileURLWithPath: file))
        var store = try await SQLStore.sqlite(path: db)
        let org = try await store.createOrganisation(Organisation(name: "Anytown Council"))
        let board = try await store.createBoard(Board(organisationID: org.id, name: "Children's Improvement Board", kind: .improvementBoard))
        try await store.close()

        let refused = try Command.run(["import", "plan", file, "--db", db, "--organisation", "Anytown Council"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("name the board it goes into with --board"))

        let result = try Command.run(["import", "plan", file, "--db", db, "--organisation", "Anytown Council",
                                      "--board", "children's improvement board"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Work programme 1: "))
        #expect(result.output.contains("Imported 2 work programme items from"))
        let again = try Command.run(["import", "plan", file, "--db", db, "--organisation", "Anytown Council", "--board", String(board.id)])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("Imported 0 work programme items from"))
        #expect(again.output.contains("2 already on the work programme were not added again"))

        store = try await SQLStore.sqlite(path: db)
        let items = try await store.workProgramme(boardID: board.id, organisationID: org.id).items
        try await store.close()
        #expect(items.map(\.title) == ["Improvement plan progress report", "Minutes and action log"])
        #expect(items.map(\.placement) == [.meetingOn(Day(2026, 9, 12)), .standing(.everyMeeting)])
    }
}
