import Hummingbird
import Logging

/// The request context of every route.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Forms and JSON bodies are small; uploads (imports) will raise this per route.
    public var maxUploadSize: Int { 1024 * 1024 }
}
