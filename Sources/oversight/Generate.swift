import ArgumentParser
import Core
import Foundation
import Demo
import Store

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate synthetic data for trials and benchmarks.",
        subcommands: [GeneratePlan.self, GenerateAnnexA.self, GenerateCINCensus.self, GenerateSSDA903.self]
    )
}

struct GeneratePlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Store a synthetic plan of a given size (fictional, deterministic).",
        discussion: "Used by Benchmarks/web.sh to measure pages and the API on a large plan. Prints the new plan's id."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "How many actions.")
    var actions: Int = 300

    @Option(help: "How many measures (KPIs).")
    var measures: Int = 70

    @Option(help: ArgumentHelp("The organisation to add it to (created if missing).", valueName: "name"))
    var organisation: String = "Synthetic Council"

    @Flag(help: "Also store the demo's two boards, a year of meetings each, whose agendas take this plan's progress report and KPI scorecard (for Benchmarks/pack.sh). Needs an organisation with no boards yet.")
    var boards = false

    func validate() throws {
        guard (1...100_000).contains(actions) else { throw ValidationError("--actions must be from 1 to 100000") }
        guard (0...10_000).contains(measures) else { throw ValidationError("--measures must be from 0 to 10000") }
    }

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        var org = try await store.organisation(named: organisation)
        if org == nil {
            org = try await store.createOrganisation(Organisation(name: organisation))
        }
        guard let org else { return }
        if boards, try await !store.boards(organisationID: org.id).isEmpty {
            try await store.close()
            throw ValidationError("\(organisation) already has boards; name a new organisation with --organisation.")
        }
        let plan = try await store.createPlan(DemoCouncil.largePlan(organisationID: org.id, asAt: Day.today(), actions: actions, measures: measures))
        if boards {
            try await DemoBoards.load(into: store, organisationID: org.id, planID: plan.id, asAt: Day.today())
            FileHandle.standardError.write(Data("Stored the demo boards with plan \(plan.id)'s papers; `oversight board list` shows their next meetings.\n".utf8))
        }
        try await store.close()
        print(plan.id)
    }
}
