import Core
import Foundation
import Testing

@Suite("oversight measures compute: SSDA903 SDQ and adoption timeliness")
struct SSDA903AdoptionCommandTests {
    @Test("a generated return: --measures selects SDQ, A1, A2 and A10, each has a value and names the return as its source")
    func generatedReturn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("903-adoption-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let returns = folder.appendingPathComponent("ssda903").path
        // Large enough for children adopted in the year whose whole period of care is in the return.
        let generated = try Command.run(["generate", "ssda903", "--children", "30000", "--seed", "2", "--out", returns])
        #expect(generated.status == 0, "\(generated.error)")
        let out = folder.appendingPathComponent("out.json").path
        let ids = ["903-SDQ", "903-SDQ-AVG", "903-A1", "903-A1-426", "903-A2", "903-A2-121", "903-A10"]
        let computed = try Command.run(["measures", "compute", "--input", returns, "--as-at", "2024-03-31", "--period", "year",
                                        "--measures", ids.joined(separator: ",").lowercased(), "--out", out])
        #expect(computed.status == 0, "\(computed.error)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out)))
        let results = try #require(json as? [[String: Any]], "\(json)")
        #expect(results.compactMap { $0["measure"] as? String } == ids)
        for result in results {
            #expect(result["value"] as? NSNumber != nil, "\(result)")
            #expect((result["sources"] as? [String])?.first?.hasPrefix("SSDA903 (") == true, "\(result)")
        }
    }
}
