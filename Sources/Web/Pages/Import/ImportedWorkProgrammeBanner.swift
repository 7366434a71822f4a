import Core
import Foundation

/// The banner on a board's page after a file's work programme was imported into it. The counts
/// travel in the redirect's `saved` key (`work-programme-imported-7-2-1`: added, skipped, plans
/// created), so the board's page says what the import did without holding anything for it.
enum ImportedWorkProgrammeBanner {
    static let prefix = "work-programme-imported-"

    static func key(added: Int, skipped: Int, plans: Int) -> String {
        prefix + "\(added)-\(skipped)-\(plans)"
    }

    /// The banner a key names, or nil for any other key (or one that does not read).
    static func banner(forKey key: String?) -> SavedBanner? {
        guard let key, key.hasPrefix(prefix) else { return nil }
        let numbers = key.dropFirst(prefix.count).split(separator: "-").map { Int($0) }
        guard numbers.count == 3, let added = numbers[0], let skipped = numbers[1], let plans = numbers[2],
              added >= 0, skipped >= 0, plans >= 0 else { return nil }
        var message = "Imported \(added) work programme item\(added == 1 ? "" : "s") into this board's work programme."
        if skipped > 0 {
            message += " \(skipped) \(skipped == 1 ? "item was" : "items were") already on it with the same title and meeting or rule, so \(skipped == 1 ? "it was" : "they were") not added again."
        }
        if plans > 0 {
            return SavedBanner(message: message + " The file's \(plans == 1 ? "plan was" : "\(plans) plans were") imported too.",
                               linkHref: Path.plans.href, linkText: "See the plans")
        }
        return SavedBanner(message: message)
    }
}
