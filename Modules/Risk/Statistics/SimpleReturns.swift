/// Simple returns from a price series: pₜ / pₜ₋₁ − 1, one fewer than the prices.
public enum SimpleReturns {
    /// The returns of `prices`; throws naming the row (0-based, of the prices) of a gap or a price that is not positive.
    public static func of(prices: [Double]) throws -> [Double] {
        if let bad = prices.firstIndex(where: { !$0.isFinite || $0 <= 0 }) {
            throw ReturnSeriesError(
                row: bad, message: "price at row \(bad) is \(prices[bad]); prices must be positive numbers without gaps")
        }
        guard prices.count >= 2 else { throw ReturnSeriesError(row: nil, message: "\(prices.count) price(s): a return needs two") }
        return zip(prices.dropFirst(), prices).map { $0 / $1 - 1 }
    }
}
