/// Where validated market data comes from: files, a database, a vendor feed.
///
/// Implementations validate before they yield; a ``PriceSeries`` from a source is in time order
/// with consistent prices. Pipeline and the front ends depend on this protocol, not on a reader.
public protocol MarketDataSource: Sendable {
    /// The instruments this source can yield, in a stable order.
    var instruments: [InstrumentID] { get }

    /// The validated bars of one instrument.
    func priceSeries(for instrument: InstrumentID) throws -> PriceSeries

    /// The macro series (such as WTI) this source holds, in a stable order.
    var macroSeriesIDs: [InstrumentID] { get }

    /// One macro series, missing days kept as `nil`.
    func macroSeries(for id: InstrumentID) throws -> MacroSeries
}
