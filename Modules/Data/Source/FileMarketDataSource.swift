import FerryCore

/// A ``MarketDataSource`` over CSV files, each validated when the source is made.
///
/// Bar files become instruments and `Date,Value` files macro series, each named after its file's
/// stem; two files with the same stem are refused rather than one hiding the other.
public struct FileMarketDataSource: MarketDataSource {
    /// Every file read, in the order given.
    public let files: [MarketFile]

    /// Reads and validates every file in `paths`; throws the first file's ``DataValidationError``.
    public init(paths: [String], mode: ReadMode = .strict) throws {
        let reader = MarketFileReader(mode: mode)
        var seen: [InstrumentID: String] = [:]
        var files: [MarketFile] = []
        for path in paths {
            let file = try reader.read(path)
            if let earlier = seen[file.data.id] {
                throw DataValidationError(
                    file: path,
                    problems: [
                        DataProblem(
                            file: path, line: nil, kind: .duplicateInstrument,
                            message: "names instrument '\(file.data.id)', as \(earlier) already does")
                    ])
            }
            seen[file.data.id] = path
            files.append(file)
        }
        self.files = files
    }

    public var instruments: [InstrumentID] {
        files.compactMap { if case let .prices(series) = $0.data { return series.instrument } else { return nil } }
    }

    public var macroSeriesIDs: [InstrumentID] {
        files.compactMap { if case let .macro(series) = $0.data { return series.id } else { return nil } }
    }

    public func priceSeries(for instrument: InstrumentID) throws -> PriceSeries {
        for file in files { if case let .prices(series) = file.data, series.instrument == instrument { return series } }
        throw MarketDataSourceError(requested: instrument, available: instruments)
    }

    public func macroSeries(for id: InstrumentID) throws -> MacroSeries {
        for file in files { if case let .macro(series) = file.data, series.id == id { return series } }
        throw MarketDataSourceError(requested: id, available: macroSeriesIDs)
    }
}

/// A source was asked for an instrument or series it does not hold.
public struct MarketDataSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was asked for.
    public let requested: InstrumentID
    /// What the source holds of that kind.
    public let available: [InstrumentID]

    public var description: String {
        "no data for '\(requested)'; loaded: \(available.map(\.rawValue).joined(separator: ", "))"
    }
}
