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

    @Flag(name: .customLong("time-reading"), help: "Then read the census back and compute every measure it feeds, printing how long each step took (Benchmarks/cin-census.sh).")
    var timeReading = false

    func validate() throws {
        guard (1...5_000_000).contains(children) else { throw ValidationError("--children must be from 1 to 5000000") }
        guard Day(iso: asAt) != nil else { throw ValidationError("--as-at must be a date in the form YYYY-MM-DD, not '\(asAt)'.") }
        guard out.lowercased().hasSuffix(".xml") else { throw ValidationError("--out must name a .xml file, not '\(out)'.") }
    }

    func run() throws {
        let generator = CINCensusGenerator(children: children, seed: seed, asAt: Day(iso: asAt)!)
        let written = try generator.write(census: URL(fileURLWithPath: out))
        print("Wrote \(out): \(written) children.")
        if timeReading { try timeReadingBack(asAt: Day(iso: asAt)!) }
    }

    /// Reads the file as `measures compute` would and computes the census's measures over the
    /// collection year, timing the read and the computation apart.
    func timeReadingBack(asAt day: Day) throws {
        let clock = ContinuousClock()
        let readStart = clock.now
        let inputs = try CINCensusReader.read(url: URL(fileURLWithPath: out))
        let readTime = clock.now - readStart
        let computeStart = clock.now
        let engine = MeasureEngine(inputs: inputs)
        let results = engine.compute(CINCensusReader.measuresFed.map { MeasureCatalogue.measure($0) },
                                     period: .financialYear(containing: day), asAt: day)
        let computeTime = clock.now - computeStart
        let episodes = inputs.childInNeed.count
        print("read \(inputs.referrals.count) referrals, \(episodes) child in need episodes, \(inputs.assessments.count) assessments, \(inputs.enquiries.count) section 47 enquiries, \(inputs.protectionPlans.count) plans")
        for r in results { print("  \(r.measure.id): \(r.value.map { String(format: "%.1f", $0) } ?? "-") (\(Int(r.numerator)) of \(Int(r.denominator ?? 0)))") }
        func seconds(_ d: Duration) -> String { String(format: "%.3f", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
        print("timing: read \(seconds(readTime)) s, compute \(seconds(computeTime)) s, total \(seconds(readTime + computeTime)) s")
    }
}
