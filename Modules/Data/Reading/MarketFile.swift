import FerryCore

/// What a market data file held, after validation.
public enum MarketData: Sendable, Equatable {
    /// OHLCV bars of one instrument.
    case prices(PriceSeries)
    /// A single macro series with its missing days.
    case macro(MacroSeries)

    /// The instrument or series name.
    public var id: InstrumentID {
        switch self {
        case let .prices(series): return series.instrument
        case let .macro(series): return series.id
        }
    }

    /// `prices` or `macro`, as reports name the kind.
    public var kindName: String {
        switch self {
        case .prices: return "prices"
        case .macro: return "macro"
        }
    }

    /// Dates listed without a value (only a macro series has them).
    public var missingValues: Int {
        switch self {
        case .prices: return 0
        case let .macro(series): return series.missingCount
        }
    }

    /// The validated rows' dates.
    public var timestamps: [Timestamp] {
        switch self {
        case let .prices(series): return series.timestamps
        case let .macro(series): return series.timestamps
        }
    }
}

/// A validated market data file: its data, and in lenient mode the rows dropped and why.
public struct MarketFile: Sendable, Equatable {
    /// The path as the user gave it.
    public let path: String
    /// The rows that passed validation.
    public let data: MarketData
    /// How many data rows the file has (kept and dropped).
    public let rowsRead: Int
    /// The problems of the rows dropped in lenient mode (empty in strict mode).
    public let dropped: [DataProblem]

    /// How many rows were dropped (a row may have several problems).
    public var droppedRowCount: Int { Set(dropped.compactMap(\.line)).count }
}
