internal import CFerryKernels

/// One time step of LSTM cells (gates i, f, g, o, PyTorch's order) on Ferry's own C kernels
/// (``ComputeKernel``): the same bits on every kernel. Activations: σ(x) = 1 / (1 + e^(−x)),
/// tanh(x) = 2σ(2x) − 1, e^x by Cephes' `expf` (within 2 ulp; absolute error of σ and tanh below 2e-7).
///
/// Pointers address `rows` consecutive rows: gate buffers 4 × `units` values a row, the others `units`.
public enum LSTMCell {
    /// Turns each row's gate pre-activations into activations in place (σ on i, f, o; tanh on g),
    /// then c ← f·c_prev + i·g, h ← o·tanh(c), keeping tanh(c) for the backward pass. `previousCell`
    /// nil is c_prev = 0.
    public static func forward(
        rows: Int, units: Int, gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>?,
        cell: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>,
        kernel: ComputeKernel = .selected
    ) {
        precondition(rows >= 0 && units >= 0, "rows and units are not negative")
        let status = ferry_lstm_cell_forward(kernel.cValue, rows, units, gates, previousCell, cell, cellTanh, hidden)
        precondition(status == 0, "this CPU does not run the \(kernel) kernel")
    }

    /// The gradients of each row's gate pre-activations at one step, given the activations and
    /// tanh(c) ``forward(rows:units:gates:previousCell:cell:cellTanh:hidden:kernel:)`` kept, the
    /// gradient reaching h from above (`outputGradient`) and the gradients carried back from the next
    /// step through h and c (`carriedHidden`, `carriedCell`; the latter is replaced by the one carried
    /// to the step before).
    public static func backward(
        rows: Int, units: Int, gates: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>, previousCell: UnsafePointer<Float>?,
        outputGradient: UnsafePointer<Float>, carriedHidden: UnsafePointer<Float>, carriedCell: UnsafeMutablePointer<Float>,
        gateGradients: UnsafeMutablePointer<Float>, kernel: ComputeKernel = .selected
    ) {
        precondition(rows >= 0 && units >= 0, "rows and units are not negative")
        let status = ferry_lstm_cell_backward(
            kernel.cValue, rows, units, gates, cellTanh, previousCell, outputGradient, carriedHidden, carriedCell, gateGradients)
        precondition(status == 0, "this CPU does not run the \(kernel) kernel")
    }
}
