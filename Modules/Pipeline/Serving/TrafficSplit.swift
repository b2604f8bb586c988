import Crypto
import FerryCore
import Foundation

/// How a model's requests are shared between versions (`champion:90,challenger:10`): each caller
/// key always lands on the same side (sticky), and the shares follow the weights.
public struct TrafficSplit: Sendable, Equatable {
    /// Each arm: an alias or version of the model, and its weight.
    public let arms: [(selector: String, weight: Int)]

    /// Parses `SELECTOR:WEIGHT,SELECTOR:WEIGHT...`; throws naming the part that is wrong.
    public init(_ text: String) throws {
        var arms: [(String, Int)] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: ":").map(String.init)
            guard pieces.count == 2, !pieces[0].isEmpty, let weight = Int(pieces[1]), weight > 0 else {
                throw FerryError(.invalidArgument, "A/B arm '\(part)' is not ALIAS:WEIGHT (a positive whole weight)", field: "split")
            }
            arms.append((pieces[0], weight))
        }
        guard arms.count >= 2 else { throw FerryError(.invalidArgument, "an A/B split '\(text)' needs two or more arms", field: "split") }
        self.arms = arms
    }

    /// The arm for `caller`: the first 8 bytes of SHA-256(model + caller) as a number, modulo the
    /// weights' total, so the same caller always gets the same arm and callers spread by weight.
    public func arm(for caller: String, model: String) -> String {
        let digest = Array(SHA256.hash(data: Data("\(model)\u{0}\(caller)".utf8)))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var point = Int(value % UInt64(arms.reduce(0) { $0 + $1.weight }))
        for arm in arms {
            if point < arm.weight { return arm.selector }
            point -= arm.weight
        }
        return arms[arms.count - 1].selector
    }

    public static func == (lhs: TrafficSplit, rhs: TrafficSplit) -> Bool {
        lhs.arms.map(\.selector) == rhs.arms.map(\.selector) && lhs.arms.map(\.weight) == rhs.arms.map(\.weight)
    }
}
