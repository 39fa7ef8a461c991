import Foundation
import Testing

/// Writing to a place that cannot take the file says why in words, and takes nothing.
@Suite(.serialized) struct OutputPathTests {
    @Test func aFolderOrAMissingFolderIsSaidInWords() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        let folder = cli.dir.appendingPathComponent("报表").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let toFolder = try cli.run(["export", "--format", "csv", "-o", folder])
        #expect(toFolder.status != 0 && toFolder.err.contains("it is a folder; give a file name"))
        #expect(!toFolder.err.contains("NSCocoaErrorDomain"))
        let missing = try cli.run(["export", "--format", "csv", "-o", cli.dir.appendingPathComponent("nope/x.csv").path])
        #expect(missing.status != 0 && missing.err.contains("does not exist"))
        // A notice issued to a folder takes no number.
        let notice = try cli.run(["notice", "3", "--issue", "-o", folder])
        #expect(notice.status != 0 && notice.err.contains("it is a folder"))
        #expect(try cli.run(["notices"]).out.contains("督办〔") == false)
        #expect(try cli.run(["notice", "3", "--issue"]).out.contains("督办〔2027〕1号"))
    }
}
