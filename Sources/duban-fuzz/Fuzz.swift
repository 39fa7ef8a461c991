import DubanCore
import DubanImportFiles
import DubanCanvas
import DubanTUI
import Foundation

// Fuzz target for libFuzzer (built by scripts/fuzz.sh with -DFUZZING) and, without
// FUZZING, a replayer that runs files (e.g. a fuzz corpus) through the same checks.
// DUBAN_FUZZ_TARGET=importer|sanitizer|decoder|xlsx picks the checks (default importer).

let fuzzTargetName = ProcessInfo.processInfo.environment["DUBAN_FUZZ_TARGET"] ?? "importer"
let fuzzTarget: FuzzChecks.Target? = {
    guard let t = FuzzChecks.Target(rawValue: fuzzTargetName) else {
        if fuzzTargetName == "xlsx" { return nil }
        FileHandle.standardError.write(Data("duban-fuzz: DUBAN_FUZZ_TARGET must be importer, sanitizer, decoder or xlsx, not \(fuzzTargetName)\n".utf8))
        exit(2)
    }
    return t
}()

/// The shared checks plus, for the sanitizer, drawing into grids of small sizes.
func check(_ data: [UInt8]) -> [String] {
    guard let target = fuzzTarget else { return FileFuzzChecks.xlsx(data) }
    var problems = FuzzChecks.run(target, data)
    if target == .sanitizer { problems += GridChecks.put(String(decoding: data, as: UTF8.self)) }
    return problems
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let problems = check(Array(UnsafeBufferPointer(start: data, count: size)))
    if !problems.isEmpty { fatalError(problems.joined(separator: "\n")) }
    return 0
}

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ cb: FuzzCallback) -> CInt

@_cdecl("duban_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var c = argc
    var v = argv
    return runDriver(&c, &v, fuzzOne)
}
#else
@main struct Replay {
    static func main() {
        var failed = 0
        var files: [String] = []
        for arg in CommandLine.arguments.dropFirst() {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: arg, isDirectory: &isDir), isDir.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: arg)) ?? []
                files += names.sorted().map { arg + "/" + $0 }
            } else {
                files.append(arg)
            }
        }
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                failed += 1
                continue
            }
            let problems = check(Array(data))
            if !problems.isEmpty {
                failed += 1
                print("\(path):\n  " + problems.joined(separator: "\n  "))
            }
        }
        print("\(files.count) inputs, \(failed) failed (\(fuzzTargetName))")
        exit(failed == 0 ? 0 : 1)
    }
}
#endif
