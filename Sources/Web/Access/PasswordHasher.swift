import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's blocking thread pool so a slow hash does not hold up other requests.
public struct PasswordHasher: Sendable {
    /// bcrypt's work factor: 12 in production (about a quarter of a second); tests use 4.
    public var cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Takes as long as checking a password, for when there is no account to check against:
    /// an unknown email then answers as slowly as a wrong password.
    public func spendVerificationTime(_ password: String) async throws {
        _ = try await hash(password)
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        await Self.checks?.add()
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Counts the passwords checked against an account while it is set: the tests that send a
    /// burst of guesses prove with it how many reached bcrypt.
    @TaskLocal static var checks: CheckCount?

    actor CheckCount {
        private(set) var count = 0
        func add() { count += 1 }
    }
}
