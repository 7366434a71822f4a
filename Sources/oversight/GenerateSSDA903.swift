import ArgumentParser
import Core
import Foundation
import Measures

struct GenerateSSDA903: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssda903",
        abstract: "Write a synthetic SSDA903 return (the eleven CSV tables), deterministic per seed.",
        discussion: """
            The children looked after that `generate annex-a` makes with the same --children, \
            --seed and --as-at (List 8, List 9's care leavers turning 17, List 10's adoptions), \
            with their episodes, reviews, missing episodes, OC2 and OC3 outcomes, UASC, adoption \
            and social worker episodes, written as the DfE's CSVs for the collection year the \
            as-at date falls in. The files pass the DfE's validator (csc-validator-be-903) with no \
            errors (scripts/validate-ssda903.py runs it).

            Example:
              oversight generate ssda903 --children 10000 --seed 1 --out ssda903/
            """
    )

    @Option(help: "How many children (as for generate annex-a; about one in ten is looked after).")
    var children: Int = 1000

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The folder to write the CSVs into (created when missing).", valueName: "folder"))
    var out: String

    @Option(name: .customLong("as-at"), help: ArgumentHelp("The last day of the data, YYYY-MM-DD (31 March for a whole collection year).", valueName: "date"))
    var asAt: String = "2024-03-31"

    func validate() throws {
        guard (1...5_000_000).contains(children) else { throw ValidationError("--children must be from 1 to 5000000") }
        guard Day(iso: asAt) != nil else { throw ValidationError("--as-at must be a date in the form YYYY-MM-DD, not '\(asAt)'.") }
    }

    func run() throws {
        guard let day = Day(iso: asAt) else { return }
        let summary = try SSDA903Generator(children: children, seed: seed, asAt: day).write(folder: URL(fileURLWithPath: out))
        let counts = SSDA903Table.allCases.map { "\($0.fileName) \(summary.rows[$0] ?? 0)" }.joined(separator: ", ")
        print("Wrote \(out): \(summary.lookedAfter) children looked after; rows: \(counts).")
    }
}
