/// The sizes of an LSTM stack: input features, hidden units per layer, layers.
public struct LSTMShape: Sendable, Equatable, Codable {
    /// Features per time step.
    public let inputs: Int
    /// Hidden units of every layer.
    public let hidden: Int
    /// Stacked layers.
    public let layers: Int

    /// Makes a shape.
    public init(inputs: Int, hidden: Int, layers: Int) {
        self.inputs = inputs
        self.hidden = hidden
        self.layers = layers
    }

    /// Every tensor's PyTorch name and shape, in `named_parameters()` order: per layer
    /// `lstm.weight_ih_l{k}` (4H × in), `lstm.weight_hh_l{k}` (4H × H), `lstm.bias_ih_l{k}`,
    /// `lstm.bias_hh_l{k}` (4H), then the head `fc.weight` (1 × H) and `fc.bias` (1).
    public var tensorShapes: [(name: String, shape: [Int])] {
        let gates = 4 * hidden
        var shapes: [(String, [Int])] = []
        for layer in 0..<layers {
            shapes += [
                ("lstm.weight_ih_l\(layer)", [gates, layer == 0 ? inputs : hidden]), ("lstm.weight_hh_l\(layer)", [gates, hidden]),
                ("lstm.bias_ih_l\(layer)", [gates]), ("lstm.bias_hh_l\(layer)", [gates]),
            ]
        }
        return shapes + [("fc.weight", [1, hidden]), ("fc.bias", [1])]
    }
}
