@testable import DubanStore
import Foundation
import Testing

@Suite struct PostgresURLTests {
    @Test func libpqURLsAreRead() throws {
        let u = try PostgresURL("postgresql://zhujian:p%40ss@db.example:6543/督办?sslmode=require", environment: [:], home: "/nonexistent")
        #expect(u.user == "zhujian" && u.password == "p@ss" && u.host == "db.example" && u.port == 6543)
        #expect(u.database == "督办" && u.tls == .require)
        #expect(u.description == "postgresql://zhujian@db.example:6543/督办", "no password in messages")
        let socket = try PostgresURL("postgres:///duban?host=/run/postgresql", environment: ["USER": "wang"], home: "/nonexistent")
        #expect(socket.socketFolder == "/run/postgresql" && socket.user == "wang" && socket.port == 5432)
        #expect(PostgresURL.redact("postgresql://a:secret@h/db") == "postgresql://a:***@h/db")
        #expect(throws: PostgresURL.ParseError.self) { try PostgresURL("mysql://h/db", environment: [:]) }
        #expect(throws: PostgresURL.ParseError.self) { try PostgresURL("postgresql://h/db?sslmode=maybe", environment: [:]) }
    }

    @Test func thePasswordComesFromTheEnvironmentOrPgpass() throws {
        let dir = NSTemporaryDirectory() + "duban-pgpass-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            # comment
            other.example:5432:*:zhujian:wrong
            db.example:5432:督办:zhujian:from\\:pgpass
            *:*:*:*:fallback
            """.write(toFile: dir + "/.pgpass", atomically: true, encoding: .utf8)
        let fromFile = try PostgresURL("postgresql://zhujian@db.example/督办", environment: [:], home: dir)
        #expect(fromFile.password == "from:pgpass")
        let wildcard = try PostgresURL("postgresql://li@elsewhere/x", environment: [:], home: dir)
        #expect(wildcard.password == "fallback")
        let env = try PostgresURL("postgresql://zhujian@db.example/督办", environment: ["PGPASSWORD": "from-env"], home: dir)
        #expect(env.password == "from-env", "PGPASSWORD before ~/.pgpass, as libpq does")
        let inURL = try PostgresURL("postgresql://zhujian:inurl@db.example/督办", environment: ["PGPASSWORD": "x"], home: dir)
        #expect(inURL.password == "inurl")
    }
}
