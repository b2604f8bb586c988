import FerryCore
import FerryData
import Testing

/// The real files shipped in data/ pass strict validation, with the row counts their README states.
@Suite struct EmbeddedDataTests {
    @Test(arguments: [("SPX.csv", 5031, "1999-01-04", "2018-12-31"), ("GOOG.csv", 2148, "2004-08-19", "2013-03-01")])
    func dailyBarsReadStrictly(_ name: String, _ rows: Int, _ first: String, _ last: String) throws {
        let file = try MarketFileReader().read(FixtureFiles.embedded(name))
        guard case let .prices(series) = file.data else {
            Issue.record("expected prices")
            return
        }
        #expect(series.count == rows)
        #expect(series.timestamps.first?.iso8601 == first)
        #expect(series.timestamps.last?.iso8601 == last)
        #expect(!series.hasTimeOfDay)
        #expect(Frequency.infer(from: series.timestamps) == .daily)
    }

    @Test func hourlyBarsKeepTheirTimeOfDay() throws {
        let file = try MarketFileReader().read(FixtureFiles.embedded("EURUSD-1h.csv"))
        guard case let .prices(series) = file.data else {
            Issue.record("expected prices")
            return
        }
        #expect(series.count == 5000)
        #expect(series.instrument == "EURUSD-1h")
        #expect(series.timestamps.first?.iso8601 == "2017-04-19 09:00:00")
        #expect(series.close.last == 1.229040)
        #expect(Frequency.infer(from: series.timestamps) == .hourly)
    }

    @Test func fredSeriesKeepsItsMissingDays() throws {
        let file = try MarketFileReader().read(FixtureFiles.embedded("WTI.csv"))
        guard case let .macro(series) = file.data else {
            Issue.record("expected a macro series")
            return
        }
        #expect(series.count == 8611)
        #expect(series.missingCount == 290)
        #expect(series.values.first == 25.56)
    }

    @Test func smallFixturesWithBOMCRLFAndNegativeMacroValuesRead() throws {
        let intraday = try MarketFileReader().read(FixtureFiles.path("intraday_good.csv"))
        #expect(intraday.data.timestamps.map(\.iso8601) == ["2017-04-19 09:00:00", "2017-04-19 10:00:00"])
        let macro = try MarketFileReader().read(FixtureFiles.path("fred_good.csv"))
        guard case let .macro(series) = macro.data else {
            Issue.record("expected a macro series")
            return
        }
        #expect(series.values == [46.31, nil, 47.96, -1.5])
    }

    @Test func sourceServesInstrumentsAndMacroSeries() throws {
        let source = try FileMarketDataSource(paths: ["SPX.csv", "WTI.csv"].map(FixtureFiles.embedded))
        #expect(source.instruments == ["SPX"])
        #expect(source.macroSeriesIDs == ["WTI"])
        #expect(try source.priceSeries(for: "SPX").count == 5031)
        let error = try #require(throws: MarketDataSourceError.self) { try source.priceSeries(for: "GOOG") }
        #expect(error.description == "no data for 'GOOG'; loaded: SPX")
    }

    @Test func sourceRefusesTwoFilesForOneInstrument() throws {
        let path = FixtureFiles.embedded("SPX.csv")
        let error = try #require(throws: DataValidationError.self) { try FileMarketDataSource(paths: [path, path]) }
        #expect(error.problems.map(\.kind) == [.duplicateInstrument])
    }

    @Test func inspectionReportsGapsAndMissingValues() {
        let spx = DataInspection.inspect(FixtureFiles.embedded("SPX.csv"), mode: .strict)
        #expect(spx.accepted)
        #expect(spx.frequency == .daily)
        // The market closed 2001-09-11 .. 09-14 and for Hurricane Sandy; both show as gaps.
        #expect(spx.gaps.longest.first.map { "\($0.from) .. \($0.to)" } == "2001-09-10 .. 2001-09-17")
        let wti = DataInspection.inspect(FixtureFiles.embedded("WTI.csv"), mode: .strict)
        #expect(wti.kind == "macro")
        #expect(wti.missingValues == 290)
        let bad = DataInspection.inspect(FixtureFiles.path("high_below_low.csv"), mode: .strict)
        #expect(!bad.accepted)
        #expect(bad.validRows == 1)
        #expect(DataInspection.inspect(FixtureFiles.path("high_below_low.csv"), mode: .lenient).accepted)
    }
}
