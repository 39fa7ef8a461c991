#if canImport(Glibc)
import Glibc
#endif
import CNCursesW
import DubanCanvas
import DubanCore
import DubanTUI
import Testing
@testable import DubanTerminal

@Suite struct MouseDecoderTests {
    @Test func keyMouseAsksForTheEvent() {
        #expect(KeyDecoder.decode(code: duban_key_mouse(), isKeyCode: true) == .mouse)
        // The same number typed as a character is a character, not the mouse.
        #expect(KeyDecoder.decode(code: duban_key_mouse(), isKeyCode: false) != .mouse)
    }

    @Test func buttonsBecomeClicksAndWheelTurns() {
        let m = KeyDecoder.mouseMasks
        #expect(m.wheelDown != 0, "this ncurses reports button 5 (the wheel down)")
        #expect(KeyDecoder.decodeMouse(buttons: m.button1Pressed, row: 3, col: 7) == .mouse(MouseEvent(.click, row: 3, col: 7)))
        #expect(KeyDecoder.decodeMouse(buttons: m.button1Clicked, row: 0, col: 0) == .mouse(MouseEvent(.click, row: 0, col: 0)))
        #expect(KeyDecoder.decodeMouse(buttons: m.wheelUp, row: 10, col: 2) == .mouse(MouseEvent(.wheelUp, row: 10, col: 2)))
        #expect(KeyDecoder.decodeMouse(buttons: m.wheelDown, row: 10, col: 2) == .mouse(MouseEvent(.wheelDown, row: 10, col: 2)))
        // Releases (button 1 released is the bit below pressed) and other buttons are nothing.
        #expect(KeyDecoder.decodeMouse(buttons: 0, row: 1, col: 1) == nil)
        #expect(KeyDecoder.decodeMouse(buttons: UInt(duban_button1_pressed()) >> 1, row: 1, col: 1) == nil)
    }

    @Test func aMouseKeyCodeReadsAsOneEvent() {
        var inputs = [RawInput.keyCode(duban_key_mouse())]
        let e = KeyDecoder.readEvent(timeoutMilliseconds: 0, read: { _ in inputs.isEmpty ? nil : inputs.removeFirst() },
                                     unread: { inputs.insert($0, at: 0) })
        #expect(e == .mouse)
    }
}

@Suite struct AmbiguousWidthProbeTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func parsesTheCursorPositionReport() {
        #expect(AmbiguousWidthProbe.parseCursorReport(bytes("\u{1B}[12;3R"))! == (12, 3))
        // Keys typed ahead around it are skipped; the last report counts.
        #expect(AmbiguousWidthProbe.parseCursorReport(bytes("jk\u{1B}[A\u{1B}[5;2Rq"))! == (5, 2))
        #expect(AmbiguousWidthProbe.parseCursorReport(bytes("\u{1B}[1;2R\u{1B}[1;3R"))! == (1, 3))
        // Incomplete or other sequences are not a report.
        #expect(AmbiguousWidthProbe.parseCursorReport(bytes("\u{1B}[12;3")) == nil)
        #expect(AmbiguousWidthProbe.parseCursorReport(bytes("\u{1B}[12R")) == nil)
        #expect(AmbiguousWidthProbe.parseCursorReport(bytes("\u{1B}[;R")) == nil)
        #expect(AmbiguousWidthProbe.parseCursorReport([]) == nil)
    }

    @Test func theColumnSaysNarrowOrWide() {
        #expect(AmbiguousWidthProbe.wide(column: 2) == false)
        #expect(AmbiguousWidthProbe.wide(column: 3) == true)
        #expect(AmbiguousWidthProbe.wide(column: 1) == nil)
        #expect(AmbiguousWidthProbe.wide(column: 9) == nil)
    }

    @Test func withoutATerminalThereIsNoAnswerAndNoWait() {
        // Standard input of the test runner is not a terminal here (or a pipe is given).
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(AmbiguousWidthProbe.detect(input: fds[0], output: fds[1]) == nil)
    }
}

@Suite struct WideAmbiguousCellsTests {
    @Test func onlyWideCellsTheLibraryCallsNarrowAreWrittenPastCurses() {
        var g = Grid(width: 10, height: 1)
        TextWidth.$ambiguousIsWide.withValue(true) { _ = g.put("“中”a", row: 0, col: 0) }
        // “ (2) 中 (2) ” (2) a (1)
        let narrowAmbiguous: (Unicode.Scalar) -> Int = { s in s.value >= 0x4E00 ? 2 : 1 }
        let cells = ScreenDiff.wideAmbiguousCells(g, terminalWidth: 10, systemWidth: narrowAmbiguous)
        #expect(cells.map(\.col) == [0, 4])
        #expect(cells.map(\.cell.text) == ["“", "”"])
        // Measured narrow (the usual terminal) there are none.
        var n = Grid(width: 10, height: 1)
        _ = n.put("“中”a", row: 0, col: 0)
        #expect(ScreenDiff.wideAmbiguousCells(n, terminalWidth: 10, systemWidth: narrowAmbiguous).isEmpty)
    }
}
