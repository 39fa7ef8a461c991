import DubanCore
import Foundation
import PostgresNIO

/// Errors a user meets on a shared tracker, each one sentence.
public enum ServerError: Error, CustomStringConvertible, Equatable, Sendable {
    case unreachable(server: String, reason: String)
    case wrongPassword(user: String, server: String)
    case noDatabase(name: String, server: String)
    case tlsRequired(server: String)
    case tlsUnavailable(server: String)
    /// The server refused the statement for this login (grants, row-level security).
    case notPermitted(login: String, what: String)
    case notATracker(database: String)
    case newerVersion(database: String, found: Int, supported: Int)
    case exists(database: String)
    case other(String)

    public var description: String {
        switch self {
        case let .unreachable(server, reason):
            return "Cannot reach the database server \(server): \(reason)."
        case let .wrongPassword(user, server):
            return "The server \(server) refused the login \(user): wrong password (or no password given; set PGPASSWORD or ~/.pgpass)."
        case let .noDatabase(name, server):
            return "The server \(server) has no database \(name); create it first (createdb \(name))."
        case let .tlsRequired(server):
            return "The server \(server) accepts only encrypted connections; add ?sslmode=require to the URL."
        case let .tlsUnavailable(server):
            return "The server \(server) does not offer encrypted connections, but the URL asks for them (sslmode)."
        case let .notPermitted(login, what):
            return "The login \(login) may not do this: \(what)."
        case let .notATracker(database):
            return "The database \(database) does not hold a duban tracker; create one with duban init --db URL."
        case let .newerVersion(database, found, supported):
            return "The database \(database) was set up by a newer duban (format \(found); this duban reads up to \(supported)); please upgrade duban."
        case let .exists(database):
            return "The database \(database) already holds a duban tracker; nothing was changed (use --force to replace it)."
        case let .other(text):
            return text
        }
    }
}

/// A result handed from an async task to the waiting thread.
private final class Outcome<T>: @unchecked Sendable {
    var value: Result<T, any Error>?
}

/// A connection pool to one database, used from synchronous code: the CLI and the TUI loop
/// are synchronous, postgres-nio is async. Each call runs on the pool's tasks and the
/// calling thread waits for it (never call from inside Swift concurrency).
final class PostgresSession: @unchecked Sendable {
    let url: PostgresURL
    let client: PostgresClient
    let logger: Logger
    private let runner: _Concurrency.Task<Void, Never>
    /// The thread the pool's tasks run on: never the caller's, never Swift's shared pool,
    /// so a caller that waits (even on a thread of that pool, as tests do) cannot starve them.
    let executor: PostgresExecutor

    init(url: PostgresURL, maximumConnections: Int = 4) {
        self.url = url
        var logger = Logger(label: "duban.postgres")
        logger.logLevel = .critical
        self.logger = logger
        var config: PostgresClient.Configuration
        if let folder = url.socketFolder {
            config = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(url.port)", username: url.user, password: url.password,
                           database: url.database)
        } else {
            config = .init(host: url.host, port: url.port, username: url.user, password: url.password,
                           database: url.database, tls: Self.tls(url.tls))
        }
        config.options.minimumConnections = 0
        config.options.maximumConnections = maximumConnections
        config.options.connectTimeout = .seconds(5)
        config.options.keepAliveBehavior = nil
        // A lock or a statement that hangs (a colleague's open psql transaction, a half-open
        // connection) ends with an error instead of freezing the screen.
        config.options.additionalStartupParameters = [("application_name", "duban"), ("lock_timeout", "10s"),
                                                      ("statement_timeout", "60s")]
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.client = client
        let executor = PostgresExecutor()
        self.executor = executor
        runner = _Concurrency.Task(executorPreference: executor) { await client.run() }
    }

    deinit { runner.cancel() }

    /// Connects once, directly, so that a wrong password, a missing database, a server that
    /// is not there or wants TLS is said at once (the pool would keep retrying silently).
    func probe() throws {
        var config: PostgresConnection.Configuration
        if let folder = url.socketFolder {
            config = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(url.port)", username: url.user, password: url.password,
                           database: url.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch url.tls {
                case .disable: tls = .disable
                case .allow, .prefer, .require:
                    var c = TLSConfiguration.makeClientConfiguration()
                    c.certificateVerification = .none
                    tls = url.tls == .require ? .require(try NIOSSLContext(configuration: c)) : .prefer(try NIOSSLContext(configuration: c))
                case .verifyCA, .verifyFull:
                    tls = .require(try NIOSSLContext(configuration: TLSConfiguration.makeClientConfiguration()))
                }
            } catch {
                throw ServerError.other("Cannot set up TLS for \(url): \(error).")
            }
            config = .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                           tls: tls)
        }
        config.options.connectTimeout = .seconds(5)
        let future = PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: config,
                                                id: 0, logger: logger)
        do {
            let connection = try future.wait()
            try? connection.close().wait()
        } catch {
            throw translate(error)
        }
    }

    private static func tls(_ mode: PostgresURL.TLSMode) -> PostgresClient.Configuration.TLS {
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        switch mode {
        case .disable: return .disable
        case .allow, .prefer: return .prefer(unverified)
        case .require: return .require(unverified)
        case .verifyCA, .verifyFull: return .require(TLSConfiguration.makeClientConfiguration())
        }
    }

    /// Runs `body` on the pool and waits for it; server errors become `ServerError`.
    func run<T>(_ body: @escaping @Sendable (PostgresClient, Logger) async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        let client = self.client, logger = self.logger
        _Concurrency.Task(executorPreference: executor) {
            do { outcome.value = .success(try await body(client, logger)) } catch { outcome.value = .failure(error) }
            done.signal()
        }
        done.wait()
        switch outcome.value! {
        case let .success(v): return v
        case let .failure(e): throw translate(e)
        }
    }

    /// One transaction, retried (a few times) when the server reports a serialization
    /// failure or a deadlock, so concurrent writers never see one.
    func transaction<T>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try run { client, logger in
                    try await client.withConnection { conn in
                        try await conn.query("BEGIN", logger: logger)
                        do {
                            let v = try await body(conn, logger)
                            try await conn.query("COMMIT", logger: logger)
                            return v
                        } catch {
                            _ = try? await conn.query("ROLLBACK", logger: logger)
                            throw error
                        }
                    }
                }
            } catch let e as RetryableServerError where attempt < 8 {
                _ = e
                attempt += 1
                usleep(useconds_t(1000 * (1 << min(attempt, 6))))
            } catch let e as RetryableServerError {
                throw ServerError.other("The server kept refusing the change as conflicting (\(e.state)); please try again.")
            }
        }
    }

    /// Turns postgres-nio's errors into sentences; domain and store errors pass.
    func translate(_ error: any Error) -> any Error {
        guard let e = error as? PSQLError else { return error }
        let server = url.socketFolder.map { "\($0) (port \(url.port))" } ?? "\(url.host):\(url.port)"
        let state = e.serverInfo?[.sqlState] ?? ""
        let message = e.serverInfo?[.message] ?? ""
        switch state {
        case "40001", "40P01": return RetryableServerError(state: state)
        case "28P01": return ServerError.wrongPassword(user: url.user, server: server)
        case "3D000": return ServerError.noDatabase(name: url.database, server: server)
        case "28000":
            if message.contains("SSL off") || message.contains("no encryption") { return ServerError.tlsRequired(server: server) }
            return ServerError.wrongPassword(user: url.user, server: server)
        case "42501": return ServerError.notPermitted(login: url.user, what: Self.permissionWords(message))
        case "": break
        default: return ServerError.other("The database server refused: \(message) (\(state)).")
        }
        switch e.code {
        case .sslUnsupported: return ServerError.tlsUnavailable(server: server)
        case .authMechanismRequiresPassword: return ServerError.wrongPassword(user: url.user, server: server)
        case .connectionError, .serverClosedConnection:
            let reason = e.underlying.map { "\($0)" } ?? "the connection failed"
            return ServerError.unreachable(server: server, reason: Self.networkWords(reason))
        default:
            return ServerError.unreachable(server: server, reason: "\(e.code)")
        }
    }

    private static func permissionWords(_ message: String) -> String {
        if message.contains("row-level security") { return "it is another unit's part of the tracker" }
        if let r = message.range(of: "permission denied for ") { return "no right to change " + message[r.upperBound...] }
        return message
    }

    private static func networkWords(_ reason: String) -> String {
        if reason.contains("refused") { return "connection refused (is the server running and listening there?)" }
        if reason.contains("No such file") { return "no server socket there (is the server running?)" }
        if reason.lowercased().contains("timeout") || reason.lowercased().contains("timed out") { return "no answer within 5 seconds" }
        return reason
    }
}

/// Runs tasks on one thread of its own.
final class PostgresExecutor: TaskExecutor, @unchecked Sendable {
    private let lock = NSCondition()
    private var jobs: [UnownedJob] = []

    init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "duban-postgres"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        lock.lock()
        jobs.append(unowned)
        lock.signal()
        lock.unlock()
    }

    private func loop() {
        while true {
            lock.lock()
            while jobs.isEmpty { lock.wait() }
            let job = jobs.removeFirst()
            lock.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// A conflict the server resolves by aborting one transaction; retried by `transaction`.
struct RetryableServerError: Error {
    var state: String
}
