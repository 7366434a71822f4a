import Core
import Mustache

/// What every controller needs: the store, the organisation being served, the clock and the views.
public struct AppEnvironment: Sendable {
    public var store: any PlanStore
    /// The organisation whose records are served. Sign-in (issue 3) will choose it per person.
    public var organisationID: Int64
    /// "As at" date for every rating; tests pin it.
    public var today: @Sendable () -> Day
    public var views: MustacheLibrary

    public init(store: any PlanStore, organisationID: Int64, today: @escaping @Sendable () -> Day, views: MustacheLibrary) {
        self.store = store
        self.organisationID = organisationID
        self.today = today
        self.views = views
    }
}
