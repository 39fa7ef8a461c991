import DubanCore
import Foundation
import Testing
import DubanCanvas
@testable import DubanTUI

/// Issue 9, point 10: a poll that finds nothing new must not overwrite the read-only
/// message with "loaded changes made by someone else".
@Suite struct ReadOnlyReloadTests {
    @Test func aReloadWithoutChangesKeepsTheReadOnlyMessage() {
        var s = AppState(plan: Fixture.plan(), options: Fixture.options(.en), readOnly: true)
        press(&s, .right, .char("L"))
        #expect(s.status?.text == Strings.en.readOnly)
        for _ in 0..<3 { _ = reduce(&s, .reloaded(Fixture.plan())) }
        #expect(s.status?.text == Strings.en.readOnly)
        #expect(!render(s, width: 80, height: 24).text.contains(Strings.en.outsideReloaded))
    }
}
