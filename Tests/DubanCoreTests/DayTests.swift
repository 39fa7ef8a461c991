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
    @Test func todayOverride() throws {
        #expect(try Day.today(override: "2027-01-05", environment: [:]).description == "2027-01-05")
        #expect(try Day.today(environment: ["DUBAN_TODAY": "2027-03-31"]).description == "2027-03-31")
        #expect(throws: DomainError.self) { try Day.today(override: "2027-02-30", environment: [:]) }
    }
}
