/// The sizes of an LSTM network: input features, hidden units per layer, layers, and the heads
/// of the self-attention over the top layer's outputs (0 for none).
public struct LSTMShape: Sendable, Equatable, Codable {
    /// Features per time step.
    public let inputs: Int
    /// Hidden units of every layer.
    public let hidden: Int
    /// Stacked layers.
    public let layers: Int
    /// Heads of the multi-head self-attention between the stack and the head; 0 for none.
    public let attentionHeads: Int

    /// Makes a shape.
    public init(inputs: Int, hidden: Int, layers: Int, attentionHeads: Int = 0) {
        self.inputs = inputs
        self.hidden = hidden
        self.layers = layers
        self.attentionHeads = attentionHeads
    }

    /// Every tensor's PyTorch name and shape, in `named_parameters()` order of a module holding
    /// `lstm` (`nn.LSTM`), then `attention` (`nn.MultiheadAttention`, when there is one), then
    /// `fc` (`nn.Linear(hidden, 1)`): per layer `lstm.weight_ih_l{k}` (4H × in),
    /// `lstm.weight_hh_l{k}` (4H × H), `lstm.bias_ih_l{k}`, `lstm.bias_hh_l{k}` (4H); then
    /// `attention.in_proj_weight` (3H × H), `attention.in_proj_bias` (3H),
    /// `attention.out_proj.weight` (H × H), `attention.out_proj.bias` (H); then `fc.weight`
    /// (1 × H) and `fc.bias` (1).
    public var tensorShapes: [(name: String, shape: [Int])] {
        let gates = 4 * hidden
        var shapes: [(String, [Int])] = []
        for layer in 0..<layers {
            shapes += [
                ("lstm.weight_ih_l\(layer)", [gates, layer == 0 ? inputs : hidden]), ("lstm.weight_hh_l\(layer)", [gates, hidden]),
                ("lstm.bias_ih_l\(layer)", [gates]), ("lstm.bias_hh_l\(layer)", [gates]),
            ]
        }
        if attentionHeads > 0 {
            shapes += [
                ("attention.in_proj_weight", [3 * hidden, hidden]), ("attention.in_proj_bias", [3 * hidden]),
                ("attention.out_proj.weight", [hidden, hidden]), ("attention.out_proj.bias", [hidden]),
            ]
        }
        return shapes + [("fc.weight", [1, hidden]), ("fc.bias", [1])]
    }
}
