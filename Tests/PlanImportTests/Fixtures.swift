import Foundation
@testable import PlanImport

/// The sample plans copied beside the tests (a fresh clone has no shared folder).
enum Fixture {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    }

    static let wokingham = "wokingham-ilacs-improvement-plan-2023.txt"
    static let westSussex = "west-sussex-practice-improvement-plan-2019.txt"
}
