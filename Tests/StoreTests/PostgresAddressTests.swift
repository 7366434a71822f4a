import Foundation
@testable import Store
import Testing

/// `--db postgres://…`: what an operator sees when the address or the server is wrong.
@Suite("PostgreSQL addresses")
struct PostgresAddressTests {
    @Test("A server that cannot be reached is one line naming the host, port and database, never the password")
    func unreachable() async throws {
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        do {
            _ = try await SQLStore.open("postgres://oversight:hunter2-secret@127.0.0.1:1/council")
            Issue.record("opening a database on a closed port succeeded")
        } catch {
            let text = String(describing: error)
            #expect(text.hasPrefix("Cannot open the PostgreSQL database council on 127.0.0.1:1 as oversight: "), "\(text)")
            #expect(!text.contains("hunter2"))
            #expect(!text.contains("\n"))
        }
    }

    @Test("An address missing its user or database, or with an unknown sslmode, is refused saying which", arguments: [
        ("postgres://127.0.0.1/council", "names no user"),
        ("postgres://oversight@127.0.0.1", "names no database"),
        ("postgres://oversight:pw@127.0.0.1/council?sslmode=sometimes", "sslmode must be"),
    ])
    func badAddresses(address: String, reason: String) async throws {
        await #expect {
            _ = try await SQLStore.open(address)
        } throws: { error in
            String(describing: error).contains(reason) && !String(describing: error).contains(":pw@")
        }
    }

    @Test("Messages name a database by its address without the password; a file path is shown as it is")
    func displayName() {
        #expect(SQLStore.displayName(of: "postgres://oversight:s3cret@db.internal:6543/council?sslmode=require")
            == "postgres://oversight@db.internal:6543/council")
        #expect(SQLStore.displayName(of: "/var/lib/oversight/oversight.sqlite") == "/var/lib/oversight/oversight.sqlite")
    }
}
