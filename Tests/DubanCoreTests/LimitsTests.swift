import DubanCore
import Foundation
import Testing

/// The size limits (Limits.swift): every text field of an edit, the importer, and drawing
/// cost that does not grow with the length of a text.
@Suite struct LimitsTests {
    static let day = Day("2027-04-10")!

    func text(_ n: Int, _ c: Character = "督") -> String { String(repeating: c, count: n) }

    func refusal(_ edit: Edit) -> DomainError? {
        do {
            try Limits.check(edit)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyTextOfAnEditIsCheckedAgainstItsLimit() {
        let cases: [(Limits.Field, (String) -> Edit)] = [
            (.milestoneTitle, { .addMilestone(task: 1, milestone: Milestone(title: $0)) }),
            (.milestoneTitle, { .updateMilestone(task: 1, id: 3, set: [.title($0)]) }),
            (.notes, { .setNotes(task: 1, notes: $0) }),
            (.followUp, { .setFollowUp(task: 1, person: $0) }),
            (.progress, { .addProgress(task: 1, report: ProgressReport(date: Self.day, unit: "省财政厅", progress: $0)) }),
            (.problems, { .addProgress(task: 1, report: ProgressReport(date: Self.day, unit: "省财政厅", progress: "x", problems: $0)) }),
            (.next, { .addProgress(task: 1, report: ProgressReport(date: Self.day, unit: "省财政厅", progress: "x", next: $0)) }),
        ]
        for (field, make) in cases {
            #expect(refusal(make(text(field.limit))) == nil, "\(field) at its limit is accepted")
            let e = refusal(make(text(field.limit + 1)))
            #expect(e == .tooLong(field: field, limit: field.limit, length: field.limit + 1), "\(field)")
            #expect(e?.description.contains("\(field.limit)") == true)
        }
        #expect(refusal(.assign(task: 1, unit: "省财政厅", role: .lead)) == nil)
        #expect(refusal(.setFollowUp(task: 1, person: nil)) == nil)
    }

    @Test func theLimitsAreThoseTheReadmeDocuments() {
        #expect(Limits.taskTitle == 2_000 && Limits.milestoneTitle == 2_000 && Limits.reportField == 2_000)
        #expect(Limits.notes == 20_000 && Limits.followUp == 100 && Limits.unitName == 200)
        #expect(Limits.tableBytes == 64 * 1024 * 1024)
    }

    @Test func lengthCountsUnicodeScalarsSoCombiningMarksCount() {
        #expect(Limits.length("督办") == 2)
        #expect(Limits.length("e\u{301}") == 2)
        // One grapheme of 3,000 scalars is over the limit, though it is one "Character".
        let bomb = "a" + String(repeating: "\u{301}", count: 2_999)
        #expect(bomb.count == 1)
        #expect(!Limits.fits(bomb, .milestoneTitle))
        #expect(Limits.length(text(1_000_000), upTo: 10) == 11, "counting stops after the limit")
    }

    // MARK: Import

    func importError(_ table: String, _ format: TableFormat? = nil) -> ImportError? {
        do {
            _ = try TableImporter.importTable(table, format: format, directory: try UnitDirectory.builtIn())
            return nil
        } catch let e as ImportError {
            return e
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func anImportedTitleOverTheLimitIsRefusedWithItsLine() {
        let csv = "序号,名称,牵头部门,协同部门\n1,推进百镇建设,省住建厅,省财政厅\n2,\(text(2_001)),省发改委,省财政厅\n"
        let e = importError(csv)
        #expect(e?.line == 3)
        #expect(e?.message.contains("2001") == true && e?.message.contains("2000") == true, "\(String(describing: e))")
        let ok = "序号,名称,牵头部门,协同部门\n1,推进百镇建设,省住建厅,省财政厅\n2,\(text(2_000)),省发改委,省财政厅\n"
        #expect(importError(ok) == nil)
    }

    @Test func anImportedMilestoneOrUnitNameOverTheLimitIsRefusedWithItsLine() {
        let milestone = "序号,名称,牵头部门,完成时限\n1,推进百镇建设,省住建厅,2027年6月\n\n2,任务二,省发改委,\(text(2_001))\n"
        #expect(importError(milestone)?.line == 4)
        let unit = "序号,名称,牵头部门\n1,推进百镇建设,省住建厅\n2,任务二,\"省发改委、\(text(201))厅\"\n"
        let e = importError(unit)
        #expect(e?.line == 3)
        #expect(e?.message.contains("unit name") == true, "\(String(describing: e))")
    }

    @Test func aWrappedBoxDrawingTitleOverTheLimitIsRefusedAtItsRow() {
        // 30 lines of 70 characters: 2,100 characters in one cell.
        var lines = ["┌──┬──┬──┐", "│序号│名称│牵头部门│", "├──┼──┼──┤"]
        for i in 0..<30 { lines.append("│\(i == 0 ? "1" : "")│\(text(70))│\(i == 0 ? "省发改委" : "")│") }
        lines.append("└──┴──┴──┘")
        let e = importError(lines.joined(separator: "\n"), .boxDrawing)
        #expect(e?.line == 4)
        #expect(e?.message.contains("2100") == true, "\(String(describing: e))")
    }

    @Test func aTableOverTheSizeLimitIsRefusedBeforeItIsRead() {
        let big = "序号,名称,牵头部门\n" + String(repeating: "#", count: Limits.tableBytes)
        let e = importError(big)
        #expect(e?.line == 1)
        #expect(e?.message.contains("64 MB") == true, "\(String(describing: e))")
    }

    // MARK: Drawing cost

    @Test func truncationLooksOnlyAtTheStartOfAText() {
        // One grapheme of 100,001 scalars: cut to a few, not carried whole into the result.
        let bomb = "a" + String(repeating: "\u{301}", count: 100_000)
        let cut = TextWidth.truncate(bomb + "b", to: 10)
        #expect(cut.unicodeScalars.count <= TextWidth.scalarBudget(10) + 1)
        #expect(cut.hasSuffix("…"))
        // A long text gives exactly what a short one with the same start gives.
        let long = "推进百镇建设工程" + text(1_000_000, "x")
        #expect(TextWidth.truncate(long, to: 12) == TextWidth.truncate("推进百镇建设工程xxxxxxxx", to: 12))
        #expect(TextWidth.fitClean("\u{1B}]0;title\u{7}" + text(100_000, "y"), to: 8) == "␛]0;tit…")
        #expect(TextWidth.truncate("督办", to: 4) == "督办" && TextWidth.truncate("督办", to: 6, pad: true) == "督办  ")
    }
}
