// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryCore
import FerryData
import Testing

/// Joining a macro series onto an instrument's dates uses the past only, under an explicit policy.
@Suite struct CalendarAlignmentTests {
    static func day(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    // Mon 7th observed, Tue 8th missing ('.'), Wed 9th, Fri 11th observed.
    let macro = try! MacroSeries(
        id: "WTI", timestamps: ["2019-01-07", "2019-01-08", "2019-01-09", "2019-01-11"].map(day),
        values: [10, nil, 12, 14])
    let dates = ["2019-01-04", "2019-01-07", "2019-01-08", "2019-01-09", "2019-01-10", "2019-01-11", "2019-01-25"].map(day)

    @Test func forwardFillsFromThePastOnly() {
        let aligned = CalendarAlignment().align(macro, onto: dates)
        // The 10th takes the 9th's 12, never the 11th's 14; nothing before the 7th; the 25th is too stale.
        #expect(aligned.values.map { $0.isNaN ? -1 : $0 } == [-1, 10, 10, 12, 12, 14, -1])
        #expect(aligned.forwardFilled == 2)
        #expect(aligned.missing == 2)
    }

    @Test func unlimitedAgeFillsTheStaleDay() {
        let aligned = CalendarAlignment(maxAgeDays: nil).align(macro, onto: dates)
        #expect(aligned.values.last == 14)
    }

    @Test func exactDateLeavesGapsMissing() {
        let aligned = CalendarAlignment(gapPolicy: .exactDate).align(macro, onto: dates)
        #expect(aligned.values.map { $0.isNaN ? -1 : $0 } == [-1, 10, -1, 12, -1, 14, -1])
        #expect(aligned.forwardFilled == 0)
    }

    @Test func availabilityLagUsesOnlyEarlierDays() {
        let aligned = CalendarAlignment(availabilityLagDays: 1).align(macro, onto: dates)
        #expect(aligned.values.map { $0.isNaN ? -1 : $0 } == [-1, -1, 10, 10, 12, 12, -1])
    }

    @Test func changingALaterObservationNeverChangesEarlierDates() throws {
        let changed = try MacroSeries(id: "WTI", timestamps: macro.timestamps, values: [10, nil, 12, 999])
        let before = CalendarAlignment().align(macro, onto: dates).values
        let after = CalendarAlignment().align(changed, onto: dates).values
        for index in 0..<5 { #expect(before[index].isNaN ? after[index].isNaN : before[index] == after[index]) }
    }
}
