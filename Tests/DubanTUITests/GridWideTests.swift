import Testing
import DubanCanvas
@testable import DubanTUI

@Suite struct GridWideTests {
    @Test func wideOverWideKeepsTheNewGlyph() {
        var g = Grid(width: 4, height: 1)
        g.put("协", row: 0, col: 0)
        g.put("牵", row: 0, col: 0)
        #expect(g.lines() == ["牵  "])
        g.put("a", row: 0, col: 1)        // cutting a wide glyph's right half blanks its left half
        #expect(g.lines() == [" a  "])
        g.put("住建", row: 0, col: 0)
        g.put("x", row: 0, col: 0)
        #expect(g.lines() == ["x 建"])
    }
}
