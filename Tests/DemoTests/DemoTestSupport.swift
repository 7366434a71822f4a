import Foundation
import Store

/// Loads into a real store, as `serve --demo` does: a SQLite file of its own, closed and
/// removed afterwards.
func withStore<T>(_ body: (SQLStore) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-demo-tests-\(UUID().uuidString).sqlite").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    let store = try await SQLStore.sqlite(path: path)
    do {
        let result = try await body(store)
        try await store.close()
        return result
    } catch {
        try? await store.close()
        throw error
    }
}
