import Foundation
import Testing

/// How `duban` is linked (Package.swift's `compactLinking`): its relative relocations packed
/// (DT_RELR, a `.relr.dyn` section of kilobytes instead of a `.rela.dyn` of megabytes the
/// loader reads at every start) and no exported symbols. Both are resident memory at every
/// start; this keeps a change of the manifest or the toolchain from bringing them back
/// unnoticed.
@Suite struct ExecutableLayoutTests {
    /// Section names and sizes from an ELF64 file's section headers, read without loading the
    /// whole (large, static) executable.
    static func sections(of url: URL) throws -> [String: UInt64] {
        let file = try FileHandle(forReadingFrom: url)
        defer { try? file.close() }
        func read(_ offset: UInt64, _ count: Int) throws -> [UInt8] {
            try file.seek(toOffset: offset)
            let data = try file.read(upToCount: count) ?? Data()
            guard data.count == count else { throw CocoaError(.fileReadCorruptFile) }
            return [UInt8](data)
        }
        func integer(_ bytes: [UInt8], _ at: Int, _ size: Int) -> UInt64 {
            (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
        }
        let header = try read(0, 64)
        guard header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1 else {
            throw CocoaError(.fileReadCorruptFile)   // not a little-endian ELF64 file
        }
        let shoff = integer(header, 0x28, 8), shentsize = Int(integer(header, 0x3A, 2))
        let shnum = Int(integer(header, 0x3C, 2)), shstrndx = Int(integer(header, 0x3E, 2))
        let table = try read(shoff, shentsize * shnum)
        let names = try read(integer(table, shstrndx * shentsize + 0x18, 8), Int(integer(table, shstrndx * shentsize + 0x20, 8)))
        var out: [String: UInt64] = [:]
        for i in 0..<shnum {
            let start = Int(integer(table, i * shentsize, 4))
            guard start < names.count else { continue }
            let end = names[start...].firstIndex(of: 0) ?? names.count
            out[String(decoding: names[start..<end], as: UTF8.self)] = integer(table, i * shentsize + 0x20, 8)
        }
        return out
    }

    /// Whether the C library this process runs on can load packed relocations: it defines the
    /// symbol version GLIBC_ABI_DT_RELR (glibc 2.36 and later, the manifest's rule).
    static var glibcHasRELR: Bool {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8),
              let line = maps.split(separator: "\n").first(where: { $0.hasSuffix("/libc.so.6") }),
              let path = line.split(separator: " ").last,
              let libc = FileManager.default.contents(atPath: String(path)) else { return false }
        return libc.range(of: Data("GLIBC_ABI_DT_RELR".utf8)) != nil
    }

    @Test(.enabled(if: glibcHasRELR, "DT_RELR needs glibc 2.36 (the manifest links as before without it)"))
    func relocationsArePackedAndNoSymbolsAreExported() throws {
        let sections = try Self.sections(of: try DubanBinary.url())
        #expect(sections[".text", default: 0] > 1_000_000, "not the executable's section table")
        #expect(sections[".relr.dyn", default: 0] > 0, "relative relocations are not packed")
        #expect(sections[".rela.dyn", default: 0] < 200_000, ".rela.dyn is \(sections[".rela.dyn", default: 0]) bytes")
        #expect(sections[".dynsym", default: 0] < 100_000, ".dynsym is \(sections[".dynsym", default: 0]) bytes")
    }
}
