import FerryCore
import Foundation

/// A bundle's evaluation as `ferry inspect` prints it: per split, the model beside each naive
/// baseline on MAE and directional accuracy, so a reader sees at once whether it beats doing nothing.
enum InspectionMetrics {
    static func lines(_ metrics: JSONValue) -> [String] {
        guard case let .object(root) = metrics, case let .object(evaluation)? = root["evaluation"] else { return [] }
        return ["validation", "test"].compactMap { split -> String? in
            guard case let .object(contenders)? = evaluation[split] else { return nil }
            let order = ["model"] + contenders.keys.filter { $0 != "model" }.sorted()
            let cells = order.compactMap { name -> String? in
                guard case let .object(values)? = contenders[name] else { return nil }
                return "\(name) mae \(number(values["mae"])) dir_acc \(number(values["directional_accuracy"]))"
            }
            return "\(split.padding(toLength: 12, withPad: " ", startingAt: 0)) " + cells.joined(separator: " | ")
        }
    }

    private static func number(_ value: JSONValue?) -> String {
        guard case let .number(number)? = value else { return "-" }
        return String(format: "%.4g", number)
    }
}
