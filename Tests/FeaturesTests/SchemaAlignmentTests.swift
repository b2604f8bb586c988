import FerryCore
import FerryFeatures
import Testing

@Suite struct SchemaAlignmentTests {
    let schema = FeatureSchema(features: [
        FeatureField(name: "rsi_14", trainingRange: ValueRange(min: 0, max: 100)),
        FeatureField(name: "sma_5"),
        FeatureField(name: "obv"),
    ])

    @Test func reordersToTheSchema() throws {
        let table = InferenceTable(columns: ["obv", "Date", "sma_5", "rsi_14"], rows: [["3", "2019-01-02", "2", "1"]])
        let aligned = try SchemaAlignment(schema: schema).align(table)
        #expect(aligned.frame.columnNames == ["rsi_14", "sma_5", "obv"])
        #expect(aligned.frame.row(0) == [1, 2, 3])
        #expect(aligned.frame.index.first?.isoDate == "2019-01-02")
        #expect(aligned.report.isClean)
    }

    @Test func fillsMissingWithZeroAndDropsExtrasReportingEach() throws {
        let table = InferenceTable(columns: ["sma_5", "volume", "rsi_14", "next_return"], rows: [["2", "9", "50", "0.1"]])
        let aligned = try SchemaAlignment(schema: schema).align(table)
        #expect(aligned.frame.row(0) == [50, 2, 0])
        #expect(aligned.report.filledMissing == ["obv"])
        #expect(aligned.report.droppedExtra == ["volume", "next_return"])
        #expect(aligned.report.warnings.contains("feature 'obv' is missing; filled with 0"))
        #expect(aligned.report.warnings.contains("column 'volume' is not in the schema; dropped"))
    }

    @Test func strictModeRefusesMissingAndExtra() throws {
        let missing = InferenceTable(columns: ["sma_5", "rsi_14"], rows: [["2", "50"]], source: "today.csv")
        let error = try #require(throws: SchemaAlignmentError.self) { try SchemaAlignment(schema: schema, strict: true).align(missing) }
        #expect(error.description == "today.csv: missing feature 'obv' (strict alignment refuses them)")
        let extra = InferenceTable(columns: ["sma_5", "rsi_14", "obv", "x"], rows: [["2", "50", "1", "0"]], source: "today.csv")
        let second = try #require(throws: SchemaAlignmentError.self) { try SchemaAlignment(schema: schema, strict: true).align(extra) }
        #expect(second.description == "today.csv: column 'x' not in the schema (strict alignment refuses them)")
    }

    @Test func schemaPoliciesCanRefuseWithoutStrictMode() throws {
        var refusing = schema
        refusing.missingFeaturePolicy = .refuse
        #expect(throws: SchemaAlignmentError.self) {
            try SchemaAlignment(schema: refusing).align(InferenceTable(columns: ["sma_5"], rows: [["1"]]))
        }
        refusing = schema
        refusing.extraColumnPolicy = .refuse
        #expect(throws: SchemaAlignmentError.self) {
            try SchemaAlignment(schema: refusing).align(
                InferenceTable(columns: ["sma_5", "rsi_14", "obv", "x"], rows: [["1", "1", "1", "1"]]))
        }
    }

    @Test(arguments: [("abc", "'abc'"), ("", "''"), ("nan", "'nan'"), ("inf", "'inf'")])
    func refusesNonNumericValuesWithRowAndColumn(_ cell: String, _ shown: String) throws {
        let table = InferenceTable(
            columns: ["rsi_14", "sma_5", "obv"], rows: [["1", "2", "3"], ["1", cell, "3"]], source: "today.csv")
        let error = try #require(throws: SchemaAlignmentError.self) { try SchemaAlignment(schema: schema).align(table) }
        #expect(error.description == "today.csv:3: sma_5 \(shown) is not a finite number")
    }

    @Test func refusesRaggedRowsAndBadDates() throws {
        let ragged = InferenceTable(columns: ["rsi_14", "sma_5", "obv"], rows: [["1", "2"]], source: "t.csv")
        #expect(throws: SchemaAlignmentError.self) { try SchemaAlignment(schema: schema).align(ragged) }
        let dated = InferenceTable(columns: ["Date", "rsi_14", "sma_5", "obv"], rows: [["yesterday", "1", "2", "3"]], source: "t.csv")
        let error = try #require(throws: SchemaAlignmentError.self) { try SchemaAlignment(schema: schema).align(dated) }
        #expect(error.description == "t.csv:2: Date 'yesterday' is not a date")
    }

    @Test func flagsValuesOutsideTheTrainingRangeWithoutChangingThem() throws {
        let table = InferenceTable(columns: ["rsi_14", "sma_5", "obv"], rows: [["50", "1", "1"], ["140", "1", "1"], ["-3", "1", "1"]])
        let aligned = try SchemaAlignment(schema: schema).align(table)
        #expect(try aligned.frame.values(of: "rsi_14") == [50, 140, -3])
        #expect(aligned.report.outOfRange.map(\.line) == [3, 4])
        #expect(aligned.report.outOfRange.first?.value == 140)
        #expect(aligned.report.warnings.last == "line 4: rsi_14 = -3.0 is outside the training range [0.0, 100.0]")
    }

    @Test func schemaFromTrainingRowsCarriesTheirRanges() throws {
        let series = try TALibFixture.series("SPX").rows(0..<200)
        let table = try FeaturePipeline(features: [FeatureSpec(.rsi, [14])], targets: [TargetSpec(.nextReturn)]).compute(
            try FeatureInput(series: series))
        let schema = table.schema(frequency: .daily, target: "next_return")
        #expect(schema.featureNames == ["rsi_14"])
        let rsi = try table.frame.values(of: "rsi_14")
        #expect(schema.features[0].trainingRange == ValueRange(min: rsi.min()!, max: rsi.max()!))
    }
}
