import DubanCore
import Testing

@Suite struct DayInputTests {
    let today = Day("2027-05-14")!

    func read(_ s: String) -> String? { Day.parseInput(s, today: today)?.description }

    @Test func fullDatesInEveryWritingOfficesUse() {
        for s in ["2027-03-31", "2027/3/31", "2027.3.31", "2027年3月31日", "2027年3月31", "２０２７－０３－３１", "２０２７年３月３１日",
                  " 2027/03/31 ", "2027／3／31"] {
            #expect(read(s) == "2027-03-31", "\(s)")
        }
    }

    @Test func shortFormsAreRelativeToToday() {
        #expect(read("3/31") == "2027-03-31")
        #expect(read("3月31日") == "2027-03-31")
        #expect(read("12.1") == "2027-12-01")
        #expect(read("+30") == "2027-06-13")
        #expect(read("＋7天") == "2027-05-21")
        #expect(read("今天") == "2027-05-14")
        #expect(read("明天") == "2027-05-15")
        #expect(read("月底") == "2027-05-31")
        #expect(read("季末") == "2027-06-30")
        #expect(read("年底") == "2027-12-31")
        #expect(read("2月底") == "2027-02-28")
        #expect(read("2028年2月底") == "2028-02-29")
    }

    @Test func daysThatDoNotExistAndOtherTextAreRefused() {
        for s in ["2027-02-30", "2/30", "13/1", "2027年13月1日", "+", "+abc", "明年", "下周", "", "2027", "3", "20270331", "2027-3-31-1"] {
            #expect(read(s) == nil, "\(s)")
        }
    }
}
