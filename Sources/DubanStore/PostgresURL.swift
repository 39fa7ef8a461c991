import Foundation

/// Where a shared tracker lives: a libpq connection URL,
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=require]`. The password may
/// also come from `PGPASSWORD` or `~/.pgpass` (libpq's rules: host:port:database:user:password,
/// `*` matches anything, the first matching line wins). `?host=/run/postgresql` names a
/// Unix socket folder.
public struct PostgresURL: Hashable, Sendable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        case disable, allow, prefer, require, verifyCA = "verify-ca", verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// The folder of a Unix socket (`?host=/path` or a host starting with `/`), if any.
    public var socketFolder: String?

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Parses `text`; fills the password from the environment or `~/.pgpass` when absent.
    public init(_ text: String, environment env: [String: String] = ProcessInfo.processInfo.environment,
                home: String = NSHomeDirectory()) throws {
        guard let schemeEnd = text.range(of: "://"),
              ["postgresql", "postgres"].contains(text[..<schemeEnd.lowerBound].lowercased()) else {
            throw ParseError(description: "“\(PostgresURL.redact(text))” is not a database URL; write postgresql://USER@HOST[:PORT]/DBNAME")
        }
        guard let components = URLComponents(string: text) else {
            throw ParseError(description: "“\(PostgresURL.redact(text))” is not a valid database URL (special characters in the password must be %-encoded)")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        user = components.user ?? query["user"] ?? env["PGUSER"] ?? env["USER"] ?? "postgres"
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"] ?? env["PGHOST"] ?? "localhost"
        if host.hasPrefix("/") {
            socketFolder = host
            host = "localhost"
        } else {
            socketFolder = nil
        }
        port = components.port ?? query["port"].flatMap(Int.init) ?? env["PGPORT"].flatMap(Int.init) ?? 5432
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        database = path.isEmpty ? (query["dbname"] ?? env["PGDATABASE"] ?? user) : path
        let mode = query["sslmode"] ?? env["PGSSLMODE"] ?? "prefer"
        guard let t = TLSMode(rawValue: mode) else {
            throw ParseError(description: "sslmode=\(mode) is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        tls = t
        password = components.password ?? env["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PostgresURL.passFile(env: env, home: home, host: socketFolder ?? host, port: port,
                                    database: database, user: user)
    }

    /// The password `~/.pgpass` (or `$PGPASSFILE`) gives for these connection values.
    static func passFile(env: [String: String], home: String, host: String, port: Int, database: String,
                         user: String) -> String? {
        let path = env["PGPASSFILE"] ?? home + "/.pgpass"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            // Fields are separated by ':'; '\:' and '\\' escape.
            var fields: [String] = [], current = "", escaped = false
            for ch in line {
                if escaped { current.append(ch); escaped = false } else if ch == "\\" { escaped = true } else if ch == ":" {
                    fields.append(current)
                    current = ""
                } else { current.append(ch) }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let want = [host, String(port), database, user]
            if zip(fields.prefix(4), want).allSatisfy({ $0 == "*" || $0 == $1 || ($0 == "localhost" && $1.hasPrefix("/")) }) {
                return fields[4]
            }
        }
        return nil
    }

    /// The URL without its password, for messages and the title bar.
    public var description: String {
        let where_ = socketFolder.map { "?host=\($0)" } ?? ""
        return "postgresql://\(user)@\(host):\(port)/\(database)\(where_)"
    }

    /// `text` with any password replaced by ***.
    public static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].firstIndex(of: "@") else { return text }
        let userinfo = text[schemeEnd.upperBound..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    /// True when `text` looks like a database URL rather than a file path.
    public static func looksLikeURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }
}
