// swift-tools-version:6.1
import PackageDescription

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
        .target(name: "DubanTUI", dependencies: ["DubanCore"]),
        .systemLibrary(name: "CNCursesW"),
        .target(name: "DubanTerminal", dependencies: ["DubanTUI", "CNCursesW"]),
        .executableTarget(
            name: "duban",
            dependencies: [
                "DubanCore", "DubanImportFiles", "DubanStore", "DubanTUI", "DubanTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "duban-bench",
            dependencies: ["DubanCore", "DubanStore", "DubanTUI", "DubanTerminal"]
        ),
        .executableTarget(
            name: "duban-fuzz",
            dependencies: ["DubanCore", "DubanImportFiles", "DubanTUI"]
        ),
        .testTarget(name: "DubanCoreTests", dependencies: ["DubanCore", "DubanImportFiles"],
                    resources: [.copy("FuzzCorpus"), .copy("Fixtures")]),
        .testTarget(name: "DubanStoreTests", dependencies: ["DubanStore", "DubanCore"]),
        .testTarget(name: "DubanTUITests", dependencies: ["DubanTUI", "DubanCore"],
                    resources: [.copy("Golden")]),
        .testTarget(name: "EndToEndTests", dependencies: ["DubanCore"]),
        .testTarget(name: "DubanTerminalTests", dependencies: ["DubanTerminal", "DubanTUI"]),
    ],
    swiftLanguageModes: [.v6]
)
