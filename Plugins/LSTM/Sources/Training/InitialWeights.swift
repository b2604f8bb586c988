import FerryCore

extension LSTMShape {
    /// PyTorch's default initialisation, drawn from `generator`: every LSTM tensor and the head
    /// uniform in ±1/√hidden; the attention's input projection Xavier-uniform (±√(6 / 4·hidden)),
    /// its output projection ±1/√hidden, both its biases 0.
    func initialWeights(using generator: inout SeededGenerator) -> [String: [Float]] {
        let bound = 1 / Float(hidden).squareRoot()
        var weights: [String: [Float]] = [:]
        for (name, dimensions) in tensorShapes {
            let count = dimensions.reduce(1, *)
            switch name {
            case "attention.in_proj_bias", "attention.out_proj.bias": weights[name] = [Float](repeating: 0, count: count)
            case "attention.in_proj_weight":
                let xavier = (6 / Float(4 * hidden)).squareRoot()
                weights[name] = (0..<count).map { _ in generator.uniform(xavier) }
            default: weights[name] = (0..<count).map { _ in generator.uniform(bound) }
            }
        }
        return weights
    }
}
