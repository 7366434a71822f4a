import Foundation
import Testing

/// `oversight generate cin-census` writes a census the DfE's own validator (PyPI
/// csc-validator-be-cin, installed by scripts/test) accepts with no errors: every ERROR rule of
/// the collection year's ruleset passes (queries, which a council answers with a reason, are
/// allowed). Skipped only when OVERSIGHT_SKIP_DFE_VALIDATORS=1.
@Suite struct CINCensusValidatorTests {
    static var skipped: Bool { ProcessInfo.processInfo.environment["OVERSIGHT_SKIP_DFE_VALIDATORS"] == "1" }
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/validate-cin-census.py")

    @Test("the generated census passes csc-validator-be-cin with no errors", arguments: [
        (seed: 1, children: 400, asAt: "2024-03-31"), (seed: 7, children: 250, asAt: "2023-03-31"), (seed: 2, children: 250, asAt: "2025-03-31"),
    ])
    func validates(seed: Int, children: Int, asAt: String) throws {
        if Self.skipped { return }
        let installed = try SchemathesisTests.python(["-c", "import cin_validator"])
        try #require(installed.status == 0, "csc-validator-be-cin is not installed: run scripts/test (it installs it), or python3 -m pip install csc-validator-be-cin 'numpy<2'; set OVERSIGHT_SKIP_DFE_VALIDATORS=1 to skip. \(installed.output)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("census-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let generated = try Command.run(["generate", "cin-census", "--children", String(children), "--seed", String(seed),
                                         "--as-at", asAt, "--out", file.path])
        try #require(generated.status == 0, "\(generated.error)")
        let result = try SchemathesisTests.python([Self.script.path, file.path], environment: ["PYTHONWARNINGS": "ignore"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(" 0 broken as errors"), "\(result.output)")
    }

    @Test("the validator run does catch errors: a damaged census fails it")
    func catchesErrors() throws {
        if Self.skipped { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("census-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let generated = try Command.run(["generate", "cin-census", "--children", "100", "--seed", "3", "--out", file.path])
        try #require(generated.status == 0, "\(generated.error)")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "<Ethnicity>", with: "<Ethnicity>X").write(to: file, atomically: true, encoding: .utf8)
        let result = try SchemathesisTests.python([Self.script.path, file.path], environment: ["PYTHONWARNINGS": "ignore"])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("ERROR 4220"), "\(result.output)")
    }
}
