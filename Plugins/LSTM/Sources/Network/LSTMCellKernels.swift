/// One LSTM cell's step for one sequence, forwards and backwards, eight units at a time. Gate
/// buffers hold 4H values, i, f, g, o; every other buffer H.
enum LSTMCellKernels {
    typealias Lanes = VectorMath.Lanes

    /// Turns the gates' pre-activations into activations in place (σ on i, f, o; tanh on g), then
    /// c ← f·c_prev + i·g, h ← o·tanh(c), keeping tanh(c) for the backward pass. `previousCell` nil is c_prev = 0.
    @inline(__always)
    static func forward(
        gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>?, cell: UnsafeMutablePointer<Float>,
        cellTanh: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, units: Int
    ) {
        VectorMath.apply(VectorMath.sigmoid, to: gates, count: 2 * units)
        VectorMath.apply(VectorMath.tanh, to: gates + 2 * units, count: units)
        VectorMath.apply(VectorMath.sigmoid, to: gates + 3 * units, count: units)
        for index in stride(from: 0, to: units, by: 8) {
            let lanes = min(8, units - index)
            let input = VectorMath.load(gates, index, lanes)
            let forget = VectorMath.load(gates + units, index, lanes)
            let candidate = VectorMath.load(gates + 2 * units, index, lanes)
            let output = VectorMath.load(gates + 3 * units, index, lanes)
            let previous = previousCell.map { VectorMath.load($0, index, lanes) } ?? Lanes(repeating: 0)
            let c = forget * previous + input * candidate
            let tanhC = VectorMath.tanh(c)
            VectorMath.store(c, cell, index, lanes)
            VectorMath.store(tanhC, cellTanh, index, lanes)
            VectorMath.store(output * tanhC, hidden, index, lanes)
        }
    }

    /// The gradients of the gates' pre-activations at one step, given the gradient reaching h from
    /// above (`outputGradient`) and the gradients carried back from the next step through h and c
    /// (`carriedHidden`, `carriedCell`; the latter is replaced by the one carried to the step before).
    @inline(__always)
    static func backward(
        gates: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>, previousCell: UnsafePointer<Float>?,
        outputGradient: UnsafePointer<Float>,
        carriedHidden: UnsafePointer<Float>, carriedCell: UnsafeMutablePointer<Float>, gateGradients: UnsafeMutablePointer<Float>,
        units: Int
    ) {
        for index in stride(from: 0, to: units, by: 8) {
            let lanes = min(8, units - index)
            let input = VectorMath.load(gates, index, lanes)
            let forget = VectorMath.load(gates + units, index, lanes)
            let candidate = VectorMath.load(gates + 2 * units, index, lanes)
            let output = VectorMath.load(gates + 3 * units, index, lanes)
            let tanhC = VectorMath.load(cellTanh, index, lanes)
            let previous = previousCell.map { VectorMath.load($0, index, lanes) } ?? Lanes(repeating: 0)
            let dHidden = VectorMath.load(outputGradient, index, lanes) + VectorMath.load(carriedHidden, index, lanes)
            let dCell = VectorMath.load(carriedCell, index, lanes) + dHidden * output * (1 - tanhC * tanhC)
            VectorMath.store(dCell * candidate * input * (1 - input), gateGradients, index, lanes)
            VectorMath.store(dCell * previous * forget * (1 - forget), gateGradients + units, index, lanes)
            VectorMath.store(dCell * input * (1 - candidate * candidate), gateGradients + 2 * units, index, lanes)
            VectorMath.store(dHidden * tanhC * output * (1 - output), gateGradients + 3 * units, index, lanes)
            VectorMath.store(dCell * forget, carriedCell, index, lanes)
        }
    }
}
