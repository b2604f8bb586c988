import FerryCore
import FerryFeatures
import Testing

@Suite struct SimpleReturnTests {
    static func series(_ close: [Double]) throws -> PriceSeries {
        let index = close.indices.map { Timestamp(secondsSinceEpoch: Int64($0) * 86_400) }
        return try PriceSeries(
            instrument: "X", timestamps: index, open: close, high: close, low: close, close: close,
            adjustedClose: close, volume: close.map { _ in 1 })
    }

    @Test func computesReturnsAfterTheWarmUp() throws {
        let values = SimpleReturn(period: 2).values(for: try Self.series([100, 110, 121, 99]))
        #expect(values[0].isNaN && values[1].isNaN)
        #expect(abs(values[2] - 0.21) < 1e-12)
        #expect(abs(values[3] - (99.0 / 110 - 1)) < 1e-12)
        #expect(SimpleReturn(period: 2).lookback == 2)
        #expect(SimpleReturn().name == "return_1")
    }

    @Test func neverReadsALaterRow() throws {
        let close: [Double] = [10, 11, 12, 13, 14, 15]
        let base = SimpleReturn(period: 1).values(for: try Self.series(close))
        for t in close.indices.dropLast() {
            var changed = close
            for later in (t + 1)..<close.count { changed[later] = 1000 }
            let after = SimpleReturn(period: 1).values(for: try Self.series(changed))
            for row in 0...t { #expect(base[row].isNaN ? after[row].isNaN : base[row] == after[row]) }
        }
    }
}
