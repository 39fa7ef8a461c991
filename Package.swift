// swift-tools-version:6.1
import PackageDescription
#if canImport(Glibc)
import Glibc
#endif

/// glibc's version, as (major, minor) numbers: [2, 36]. Empty when not known.
func glibcVersion() -> [Int] {
    #if canImport(Glibc)
    var buffer = [CChar](repeating: 0, count: 64)
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return [] }
    // "glibc 2.36"
    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return (text.split(separator: " ").last ?? "").split(separator: ".").compactMap { Int($0) }
    #else
    return []
    #endif
}

/// How `duban` is linked on Linux, beyond the static runtime (see the target): lld packs the
/// executable's 127,000 relative relocations into a 25 KB table (DT_RELR) instead of a 3 MB
/// one the loader reads at every start, and the executable exports no symbols (no 3 MB
/// dynamic symbol table). About 5 MB less resident memory and a third off a command's start.
/// DT_RELR needs glibc 2.36 or later where it runs; with an older one the executable is
/// linked as before.
let compactLinking: [String] = {
    #if canImport(Glibc)
    let version = glibcVersion()
    guard version.count >= 2, (version[0], version[1]) >= (2, 36) else { return [] }
    return ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"]
    #else
    return []
    #endif
}()

let package = Package(
    name: "duban",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "duban", targets: ["duban"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "DubanCore",
            resources: [
                .copy("../../Resources/seed-table.txt"),
                .copy("../../Resources/units.tsv"),
            ]
        ),
        // Table files as offices hold them: .xlsx workbooks (zip + XML) and encoded text.
        .target(
            name: "DubanImportFiles",
            dependencies: ["DubanCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "DubanStore",
            dependencies: ["DubanCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // Grid, Cell, Style, Key and the terminal's Screen protocol: no dependencies, so the
        // terminal layer does not depend on the reducer and its string tables.
        .target(name: "DubanCanvas"),
        .target(name: "DubanTUI", dependencies: ["DubanCore", "DubanCanvas"]),
        .systemLibrary(name: "CNCursesW"),
        .target(name: "DubanTerminal", dependencies: ["DubanCanvas", "CNCursesW"]),
        .executableTarget(
            name: "duban",
            dependencies: [
                "DubanCore", "DubanImportFiles", "DubanStore", "DubanCanvas", "DubanTUI", "DubanTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime and Foundation linked into the executable: a command is a
            // whole process (`duban assign` is one edit), and loading a dozen Swift shared
            // libraries cost about a fifth of its CPU time (relocations, and every conformance
            // lookup scanning all of Foundation's records). Compile and link flags both: the
            // static Foundation modules name what they need (ICU, libxml2) when imported.
            swiftSettings: [.unsafeFlags(["-static-stdlib"])],
            linkerSettings: [.unsafeFlags(["-static-stdlib"]), .unsafeFlags(compactLinking, .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "duban-bench",
            dependencies: ["DubanCore", "DubanStore", "DubanCanvas", "DubanTUI", "DubanTerminal"]
        ),
        .executableTarget(
            name: "duban-fuzz",
            dependencies: ["DubanCore", "DubanImportFiles", "DubanCanvas", "DubanTUI"]
        ),
        .testTarget(name: "DubanCoreTests", dependencies: ["DubanCore", "DubanImportFiles"],
                    resources: [.copy("FuzzCorpus"), .copy("Fixtures")]),
        .testTarget(name: "DubanStoreTests", dependencies: ["DubanStore", "DubanCore"]),
        .testTarget(name: "DubanTUITests", dependencies: ["DubanTUI", "DubanCanvas", "DubanCore"],
                    resources: [.copy("Golden")]),
        .testTarget(name: "EndToEndTests", dependencies: ["DubanCore", "DubanImportFiles"]),
        .testTarget(name: "DubanTerminalTests", dependencies: ["DubanTerminal", "DubanCanvas", "DubanTUI"]),
    ],
    swiftLanguageModes: [.v6]
)
