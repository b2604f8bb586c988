import FerryCore

/// A value to predict, computed from future closes (so never a feature).
public struct TargetSpec: Codable, Sendable, Equatable {
    /// The kinds of target.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `C[t+1]/C[t] − 1`.
        case nextReturn = "next_return"
        /// 1 when the next return is above 0, else 0.
        case nextDirection = "next_direction"
        /// `C[t+N]/C[t] − 1`.
        case forwardReturn = "forward_return"
    }

    /// Which target.
    public var kind: Kind
    /// How many rows ahead (only `forward_return` uses it).
    public var horizon: Int

    /// Makes a target; `horizon` is 1 except for `forward_return` (default 5).
    public init(_ kind: Kind, horizon: Int? = nil) {
        self.kind = kind
        self.horizon = kind == .forwardReturn ? (horizon ?? 5) : 1
    }

    /// The column name: `next_return`, `next_direction` or `forward_return_N`.
    public var name: String { kind == .forwardReturn ? "forward_return_\(horizon)" : kind.rawValue }

    /// One value per close; `nan` on the last `horizon` rows, whose future is unknown.
    public func values(close: [Double]) -> [Double] {
        ColumnOutput.column(close.count) { write(close: close, into: $0) }
    }

    /// Writes the target's values over `close` into `out`.
    func write(close: [Double], into out: ColumnOutput) {
        out.fill { t in
            guard t + horizon < close.count else { return .nan }
            let forward = close[t + horizon] / close[t] - 1
            return kind == .nextDirection ? (forward > 0 ? 1 : 0) : forward
        }
    }
}
