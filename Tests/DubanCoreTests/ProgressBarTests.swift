import DubanCore
import Testing

@Suite struct ProgressBarTests {
    @Test func theLineFitsTheWidthAndCountsInGroups() {
        let line = ProgressBar.line(label: "写入文件", done: 420_000, total: 1_000_000, width: 60)
        #expect(line.hasPrefix("写入文件 ["))
        #expect(line.hasSuffix("]  42%  420,000/1,000,000"))
        #expect(TextWidth.width(line) == 59)
        for width in [10, 20, 33, 80, 200] {
            #expect(TextWidth.width(ProgressBar.line(label: "写入文件", done: 5, total: 7, width: width)) <= width - 1)
        }
        #expect(ProgressBar.line(label: "读取表格", done: 0, total: 0, width: 40) == "读取表格")
    }

    @Test func redrawsAreThrottledAndTheEndIsAlwaysDrawnThenErased() {
        var clock: UInt64 = 0
        var written: [String] = []
        let bar = ProgressBar(width: 50, interval: 100, clock: { clock }, sink: { written.append($0) })
        bar.start("导出", total: 10)
        #expect(written.count == 1)
        for i in 1...9 { clock += 10; bar.update(i) }
        #expect(written.count == 1)           // 90 ns later: not yet
        clock += 10
        bar.update(9)
        #expect(written.count == 2)           // 100 ns: redrawn
        bar.update(10)
        #expect(written.count == 3)           // the end, at once
        #expect(written.last!.hasPrefix("\r") && written.last!.contains("100%"))
        bar.finish()
        #expect(written.last == "\r\u{1B}[K")
        bar.finish()
        #expect(written.count == 4)
    }
}
