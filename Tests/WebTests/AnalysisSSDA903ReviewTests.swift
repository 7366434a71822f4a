import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Measures
import Store
import Testing
@testable import Web

/// The analysis page with a whole SSDA903 return: the reviews, participation, long-term stability
/// and missing-incident measures are computed, shown with their source, and drill down to the children.
@Suite("Analysis pages: SSDA903 reviews, stability and missing incidents")
struct AnalysisSSDA903ReviewTests {
    @Test("a generated return uploaded: each of the five has a value from the return, on the run page and in the drill-down")
    func generatedReturn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-903-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SSDA903Generator(children: 1_500, seed: 3, asAt: Day(2024, 6, 30)).write(folder: folder)
        let returns = try SSDA903Table.allCases.map { table in
            (name: table.fileName, data: try Data(contentsOf: folder.appendingPathComponent(table.fileName)))
        }
        let ids: [MeasureID] = [.ssda903Reviews, .ssda903Participation, .ssda903LongTermStability, .ssda903MissingIncidents, .ssda903AwayIncidents]
        let measures = MeasureCatalogue.measures(ids)
        try await withTestApp(as: .analyst) { client, env, store in
            let (status, location, _) = try await AnalysisReturnsTests.post(client, workbook: nil, returns: returns)
            #expect(status == .seeOther)
            let id = try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let run = try await store.analysisRun(id: id, organisationID: env.organisationID)
            for measure in measures {
                let result = try #require(run.result(measure.id.rawValue), "\(measure.id)")
                #expect(result.missingInput == nil && result.value != nil, "\(measure.id)")
                #expect(result.sources?.first?.hasPrefix("SSDA903 (") == true, "\(measure.id)")
            }
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.status == .ok)
                for measure in measures {
                    #expect(response.text.contains(measure.title.replacingOccurrences(of: "'", with: "&#39;")), "\(measure.id)")
                }
            }
            let drill = Path.drillDown(id, measure: MeasureID.ssda903Reviews.rawValue).href
            try await client.execute(uri: drill, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("review due"))
            }
        }
    }
}
