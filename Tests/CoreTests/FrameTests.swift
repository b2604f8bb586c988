import FerryCore
import Foundation
import Testing

@Suite struct FrameTests {
    let index = (0..<4).map { Timestamp(secondsSinceEpoch: Int64($0) * 86_400) }

    @Test func keepsColumnOrderAndSlicesRows() throws {
        let frame = try Frame(index: index, columns: [("b", [1, 2, 3, 4]), ("a", [5, 6, 7, 8])])
        #expect(frame.columnNames == ["b", "a"])
        #expect(frame.rows(1..<3)[column: "a"] == [6, 7])
        #expect(frame.row(2) == [3, 7])
        let selected = try frame.selecting(["a", "b"])
        #expect(selected.columnNames == ["a", "b"])
        #expect(selected.rowCount == 4)
    }

    @Test func refusesMismatchedAndRepeatedColumns() throws {
        var frame = try Frame(index: index)
        #expect(throws: FrameError.lengthMismatch(column: "x", expected: 4, actual: 3)) {
            try frame.addColumn("x", values: [1, 2, 3])
        }
        try frame.addColumn("x", values: [1, 2, 3, 4])
        #expect(throws: FrameError.duplicateColumn("x")) { try frame.addColumn("x", values: [1, 2, 3, 4]) }
        let error = try #require(throws: FrameError.self) { try frame.values(of: "y") }
        #expect(error.description == "no column 'y'; the frame has: x")
    }

    @Test func priceSeriesRefusesRaggedColumns() {
        #expect(throws: FrameError.self) {
            try PriceSeries(instrument: "X", timestamps: index, open: [1], high: [1], low: [1], close: [1], adjustedClose: [1], volume: [1])
        }
    }

    @Test func schemaRoundTripsThroughJSON() throws {
        let schema = FeatureSchema(
            features: [FeatureField(name: "rsi_14", trainingRange: ValueRange(min: 0, max: 100))], target: "next_return", frequency: .daily)
        let data = try JSONEncoder().encode(schema)
        #expect(try JSONDecoder().decode(FeatureSchema.self, from: data) == schema)
        #expect(String(decoding: data, as: UTF8.self).contains(#""missingFeaturePolicy":"fill_zero""#))
    }

    @Test func aTrainingRangeLeavesMissingValuesOut() {
        #expect(ValueRange(of: [3, .nan, -1, 2]) == ValueRange(min: -1, max: 3))
        #expect(ValueRange(of: [.nan, .nan]) == nil && ValueRange(of: []) == nil)
    }
}
