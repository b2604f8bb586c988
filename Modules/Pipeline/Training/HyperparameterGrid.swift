import FerryCore
import Foundation

/// The values to try for each hyperparameter, as `ferry tune --grid alpha=1e-5,1e-4` gives them:
/// every combination is a candidate, in the order the grid lists them (the first parameter
/// changing slowest).
public struct HyperparameterGrid: Sendable, Codable, Equatable {
    /// Each parameter with its values, in the order given.
    public let parameters: [Parameter]

    /// One parameter's values.
    public typealias Parameter = TuningRecord.Parameter

    /// Reads `NAME=V1,V2,...` specs; throws ``FerryError`` `invalidArgument` (field `grid`) naming a
    /// spec without `=`, without values, or a parameter given twice.
    public init(_ specs: [String]) throws {
        var parameters: [Parameter] = []
        for spec in specs {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw FerryError(.invalidArgument, "grid '\(spec)' is not NAME=VALUE,VALUE,...", field: "grid")
            }
            let values = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !values.isEmpty else { throw FerryError(.invalidArgument, "grid '\(spec)' lists no values", field: "grid") }
            guard !parameters.contains(where: { $0.name == parts[0] }) else {
                throw FerryError(.invalidArgument, "grid parameter \(parts[0]) is given twice", field: "grid")
            }
            parameters.append(Parameter(name: parts[0], values: values))
        }
        guard !parameters.isEmpty else { throw FerryError(.invalidArgument, "the grid is empty: give NAME=VALUE,VALUE,...", field: "grid") }
        self.parameters = parameters
    }

    /// Every combination, in grid order.
    public var candidates: [[String: String]] {
        parameters.reduce([[:]]) { partial, parameter in
            partial.flatMap { candidate in parameter.values.map { candidate.merging([parameter.name: $0]) { $1 } } }
        }
    }

    /// At most `budget` candidates: all of them when they fit, else `budget` drawn without
    /// replacement by a generator seeded with `seed`, kept in grid order.
    public func candidates(budget: Int?, seed: UInt64) -> [[String: String]] {
        let all = candidates
        guard let budget, budget < all.count else { return all }
        var generator = SeededGenerator(seed: seed)
        let chosen = Set(Array(all.indices).shuffled(using: &generator).prefix(max(1, budget)))
        return all.indices.filter(chosen.contains).map { all[$0] }
    }
}
