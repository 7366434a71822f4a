import ArgumentParser
import Core
import Foundation
import Measures

struct GenerateCINCensus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cin-census",
        abstract: "Write a synthetic Children in Need census (XML), deterministic per seed.",
        discussion: """
            The children `generate annex-a` makes with the same --children, --seed and --as-at, \
            with their referrals, assessments, section 47 enquiries and episodes, written as the \
            DfE census (docs/measures.md, "From the CIN census", says where the census differs). \
            The file passes the DfE's validator (csc-validator-be-cin) with no errors.

            Example:
              oversight generate cin-census --children 15000 --seed 1 --out census.xml
            """
    )

    @Option(help: "How many children (as for generate annex-a; the census holds those referred).")
    var children: Int = 1000

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The census file to write (.xml).", valueName: "file"))
    var out: String

    @Option(name: .customLong("as-at"), help: ArgumentHelp("The census reference date, YYYY-MM-DD (31 March for a real collection).", valueName: "date"))
    var asAt: String = "2024-03-31"

    func validate() throws {
        guard (1...5_000_000).contains(children) else { throw ValidationError("--children must be from 1 to 5000000") }
        guard Day(iso: asAt) != nil else { throw ValidationError("--as-at must be a date in the form YYYY-MM-DD, not '\(asAt)'.") }
        guard out.lowercased().hasSuffix(".xml") else { throw ValidationError("--out must name a .xml file, not '\(out)'.") }
    }

    func run() throws {
        let generator = CINCensusGenerator(children: children, seed: seed, asAt: Day(iso: asAt)!)
        let written = try generator.write(census: URL(fileURLWithPath: out))
        print("Wrote \(out): \(written) children.")
    }
}
