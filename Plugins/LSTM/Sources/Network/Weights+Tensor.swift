extension [String: [Float]] {
    /// The tensor named `name`, which ``LSTMNetwork/init(shape:weights:multiplier:)`` checked is
    /// present with its size; a missing one here is a programming error, not bad input.
    func tensor(_ name: String) -> [Float] {
        guard let values = self[name] else { preconditionFailure("LSTM tensor \(name) was not checked at load") }
        return values
    }
}
