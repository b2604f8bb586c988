import FerryCore
import Foundation
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01", Int64(0)), ("2000-02-29", Int64(951_782_400)), ("2018-12-31", Int64(1_546_214_400)),
        ("2017-04-19 09:00:00", Int64(1_492_592_400)), ("2017-04-19T09:00:00Z", Int64(1_492_592_400)),
        ("1969-12-31", Int64(-86_400)), ("2017-04-19 09:30", Int64(1_492_594_200)),
    ])
    func parsesISO8601(_ text: String, _ seconds: Int64) throws {
        #expect(Timestamp(iso8601: text)?.secondsSinceEpoch == seconds)
    }

    @Test(arguments: [
        "", "2019-13-01", "2019-02-29", "1900-02-29", "2019-1-01", "2019/01/01", "2019-01-01 24:00:00", "2019-01-01 10:60", "20190101",
        "2019-01-01 10:00:00:00", "abcd-ef-gh",
    ])
    func refusesWhatIsNotADate(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func agreesWithFoundationOverFourCenturies() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: -80_000, through: 80_000, by: 997) {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let timestamp = Timestamp(secondsSinceEpoch: Int64(days) * 86_400)
            #expect(timestamp.civilDate == (parts.year!, parts.month!, parts.day!))
            #expect(Timestamp(iso8601: timestamp.isoDate) == timestamp)
        }
    }

    @Test func formatsTheShortestLosslessForm() {
        #expect(Timestamp(iso8601: "2018-12-31")?.description == "2018-12-31")
        #expect(Timestamp(iso8601: "2017-04-19 09:05:07")?.description == "2017-04-19 09:05:07")
        #expect(Timestamp(secondsSinceEpoch: -1).isoDateTime == "1969-12-31 23:59:59")
    }

    @Test func codesAsAnISOString() throws {
        let data = try JSONEncoder().encode([Timestamp(iso8601: "2017-04-19 09:00:00")!])
        #expect(String(decoding: data, as: UTF8.self) == #"["2017-04-19 09:00:00"]"#)
        #expect(try JSONDecoder().decode([Timestamp].self, from: data).first?.secondOfDay == 9 * 3600)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Timestamp].self, from: Data(#"["soon"]"#.utf8)) }
    }

    @Test func infersFrequencyFromTheMedianStep() {
        let start = Timestamp(iso8601: "2019-01-07")!
        let weekdays = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map { start.adding(seconds: Int64($0) * 86_400) }
        #expect(Frequency.infer(from: weekdays) == .daily)
        #expect(Frequency.infer(from: (0..<5).map { start.adding(seconds: Int64($0) * 3600) }) == .hourly)
        #expect(Frequency.infer(from: [start]) == nil)
    }
}
