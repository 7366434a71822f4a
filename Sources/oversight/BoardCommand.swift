import ArgumentParser
import Core
import Foundation
import Store

struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "List boards.",
        subcommands: [BoardList.self]
    )
}

struct BoardList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List each board with its next meeting.",
        discussion: "Tab-separated: board id, board, next meeting's id, when it is. The next meeting is the first scheduled one from today; `oversight meeting pack ID` writes its pack."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only this organisation's boards.", valueName: "name"))
    var organisation: String?

    func run() async throws {
        guard database.exists else {
            throw ValidationError("There is no database at \(database.shown). Name one with --db.")
        }
        let store = try await SQLStore.open(database.db)
        let organisations = try await store.organisations().filter { organisation == nil || $0.name == organisation }
        let today = Day.today()
        var lines = ["board\tname\tnext meeting\twhen"]
        for org in organisations {
            for board in try await store.boards(organisationID: org.id) {
                let meetings = try await store.meetings(boardID: board.id, organisationID: org.id)
                let next = meetings.filter { $0.date >= today && $0.status == .scheduled }.min { ($0.date, $0.id) < ($1.date, $1.id) }
                lines.append("\(board.id)\t\(board.name)\t\(next.map { String($0.id) } ?? "-")\t\(next?.whenText ?? "None scheduled")")
            }
        }
        try await store.close()
        if lines.count == 1 {
            FileHandle.standardError.write(Data("There are no boards in \(database.shown).\n".utf8))
        }
        print(lines.joined(separator: "\n"))
    }
}
