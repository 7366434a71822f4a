import Foundation
import Testing

/// The files `oversight generate ssda903` writes pass the DfE's own validator,
/// `csc-validator-be-903` (installed by scripts/test), with no errors. Skipped only when
/// OVERSIGHT_SKIP_DFE_VALIDATORS=1.
@Suite("SSDA903 generator against the DfE validator")
struct SSDA903ValidatorTests {
    static var skipped: Bool { ProcessInfo.processInfo.environment["OVERSIGHT_SKIP_DFE_VALIDATORS"] == "1" }
    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/validate-ssda903.py")
    }

    /// No rule is left out: any error the validator reports fails the test. A small return (about
    /// 210 children looked after) and a large one (about 1,100, the benchmark's size).
    @Test("generated returns pass csc-validator-be-903 with no errors", arguments: [(UInt64(7), 6_000), (UInt64(1), 32_000)])
    func generatedReturnPasses(seed: UInt64, children: Int) throws {
        if Self.skipped { return }
        let installed = try SchemathesisTests.python(["-c", "import lac_validator"])
        try #require(installed.status == 0, "csc-validator-be-903 is not installed: run scripts/test (it installs it), or python3 -m pip install csc-validator-be-903; set OVERSIGHT_SKIP_DFE_VALIDATORS=1 to skip. \(installed.output)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-903-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try Command.run(["generate", "ssda903", "--children", "\(children)", "--seed", "\(seed)", "--out", folder.path])
        try #require(generated.status == 0, "\(generated.error)")
        #expect(generated.output.contains("children looked after"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == 11)
        let result = try SchemathesisTests.python([Self.script.path, folder.path, "--year", "2024"])
        #expect(result.status == 0, "\(result.output.suffix(4_000))")
        #expect(result.output.contains("0 errors from"), "\(result.output.suffix(4_000))")
    }

    /// The check above means something only if the validator run fails on a bad return: one
    /// child's sex set to a code the DfE does not have (7) is reported as rule 101 on that child.
    @Test("the validator run does catch errors: a return with a sex code that does not exist fails it")
    func catchesErrors() throws {
        if Self.skipped { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-903-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try Command.run(["generate", "ssda903", "--children", "2000", "--seed", "3", "--out", folder.path])
        try #require(generated.status == 0, "\(generated.error)")
        let header = folder.appendingPathComponent("header.csv")
        var lines = try String(contentsOf: header, encoding: .utf8).components(separatedBy: "\n")
        try #require(lines.count > 1 && lines[0].hasPrefix("CHILD,SEX,"), "\(lines.prefix(2))")
        var first = lines[1].components(separatedBy: ",")
        let child = first[0]
        first[1] = "7"
        lines[1] = first.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: header, atomically: true, encoding: .utf8)
        let result = try SchemathesisTests.python([Self.script.path, folder.path, "--year", "2024"])
        #expect(result.status == 1, "\(result.output.suffix(4_000))")
        #expect(result.output.contains("101\tHeader\trow 0\tchild \(child)"), "\(result.output.suffix(4_000))")
        #expect(result.output.contains("1 errors from"), "\(result.output.suffix(4_000))")
    }
}
