import FerryModels

/// Range checks the linear plugins' hyperparameters share; each throws naming the field and its allowed range.
enum HyperparameterChecks {
    static func positive(_ value: Double, _ field: String) throws {
        guard value.isFinite, value > 0 else { throw HyperparameterError(field: field, value: "\(value)", allowed: "> 0") }
    }

    static func unitInterval(_ value: Double, _ field: String) throws {
        guard value.isFinite, (0...1).contains(value) else {
            throw HyperparameterError(field: field, value: "\(value)", allowed: "0...1")
        }
    }

    static func iterations(_ value: Int, _ field: String = "max_iter") throws {
        guard (1...1_000_000).contains(value) else {
            throw HyperparameterError(field: field, value: "\(value)", allowed: "1...1000000")
        }
    }
}
