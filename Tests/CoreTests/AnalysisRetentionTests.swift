import Core
import Foundation
import Testing

@Suite struct AnalysisRetentionTests {
    let ranAt = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func detailIsKeptForItsWholeDaysAndNoLonger() {
        let sevenDays: TimeInterval = 7 * 86_400
        #expect(!AnalysisRetention.isExpired(ranAt: ranAt, days: 7, now: ranAt.addingTimeInterval(sevenDays - 1)))
        #expect(AnalysisRetention.isExpired(ranAt: ranAt, days: 7, now: ranAt.addingTimeInterval(sevenDays)))
    }

    @Test func withoutASettingTheDefaultApplies() {
        let thirtyDays: TimeInterval = TimeInterval(AnalysisRetention.defaultDays) * 86_400
        #expect(AnalysisRetention.defaultDays == 30)
        #expect(!AnalysisRetention.isExpired(ranAt: ranAt, days: nil, now: ranAt.addingTimeInterval(thirtyDays - 1)))
        #expect(AnalysisRetention.isExpired(ranAt: ranAt, days: nil, now: ranAt.addingTimeInterval(thirtyDays)))
    }
}
