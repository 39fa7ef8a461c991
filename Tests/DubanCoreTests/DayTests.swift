import Foundation
import Testing
@testable import DubanCore

@Suite struct DayTests {
    @Test func parsesRealDatesOnly() {
        #expect(Day("2027-02-28")?.description == "2027-02-28")
        #expect(Day("2027-02-30") == nil)
        #expect(Day("2028-02-29") != nil)
        #expect(Day("2100-02-29") == nil)
        #expect(Day("2027-2-3") == nil)
        #expect(Day("abcd-ef-gh") == nil)
        #expect(Day("2027-13-01") == nil)
    }
    @Test func arithmetic() {
        let d = Day("2026-12-25")!
        #expect(d.adding(days: 7).description == "2027-01-01")
        #expect(d.days(until: Day("2027-01-01")!) == 7)
        #expect(Day(ordinal: 0).description == "1970-01-01")
        #expect(Day("2024-03-01")!.adding(days: -1).description == "2024-02-29")
    }
    @Test func descriptionWritesWhatPrintfWould() {
        for (y, m, d) in [(2027, 1, 5), (1, 2, 3), (999, 12, 31), (9999, 10, 10)] {
            #expect(Day(year: y, month: m, day: d)?.description == String(format: "%04d-%02d-%02d", y, m, d))
        }
        for n in [-1234, -12, -1, 0, 7, 42, 123456] {
            #expect(Day.padded(n, 4) == String(format: "%04d", n))
        }
    }
    @Test func todayOverride() throws {
        #expect(try Day.today(override: "2027-01-05", environment: [:]).description == "2027-01-05")
        #expect(try Day.today(environment: ["DUBAN_TODAY": "2027-03-31"]).description == "2027-03-31")
        #expect(throws: DomainError.self) { try Day.today(override: "2027-02-30", environment: [:]) }
    }
}
