import FerryModels

/// One layer's weights in the layouts Ferry's kernels read, made from the PyTorch tensors (and made
/// again whenever training changes them).
struct LSTMLayerWeights: Sendable {
    /// W_ihᵀ (input width × 4H).
    let inputTransposed: [Float]
    /// W_hhᵀ (H × 4H).
    let recurrentTransposed: [Float]
    /// b_ih + b_hh (4H): where every step's gates start.
    let bias: [Float]
    /// For one window on two cores: half `c` holds the columns of units c·H/2 ..< (c+1)·H/2 of each
    /// gate (i, f, g, o), so each core's products, gates and cells are contiguous. None when H is odd.
    let halves: [Half]

    /// One core's share of the layer: W_ihᵀ (width × 2H), W_hhᵀ (H × 2H) and the bias (2H).
    struct Half: Sendable {
        let input: [Float]
        let recurrent: [Float]
        let bias: [Float]
    }

    init(layer: Int, weights: [String: [Float]], shape: LSTMShape) {
        let (hidden, gates) = (shape.hidden, 4 * shape.hidden)
        let width = layer == 0 ? shape.inputs : hidden
        inputTransposed = Self.transpose(weights.tensor("lstm.weight_ih_l\(layer)"), rows: gates, columns: width)
        recurrentTransposed = Self.transpose(weights.tensor("lstm.weight_hh_l\(layer)"), rows: gates, columns: hidden)
        bias = zip(weights.tensor("lstm.bias_ih_l\(layer)"), weights.tensor("lstm.bias_hh_l\(layer)")).map(+)
        guard hidden % 2 == 0 else {
            halves = []
            return
        }
        let (input, recurrent, bias) = (inputTransposed, recurrentTransposed, bias)
        halves = (0..<2).map { part in
            Half(
                input: Self.unitHalf(input, rows: width, hidden: hidden, part: part),
                recurrent: Self.unitHalf(recurrent, rows: hidden, hidden: hidden, part: part),
                bias: Self.unitHalf(bias, rows: 1, hidden: hidden, part: part))
        }
    }

    /// A row-major `rows` × `columns` matrix transposed, in 16 × 16 blocks so that reads and
    /// writes both stay within a few cache lines (an element at a time was 5% of a training epoch).
    private static func transpose(_ matrix: [Float], rows: Int, columns: Int) -> [Float] {
        let block = 16
        return [Float](unsafeUninitializedCapacity: matrix.count) { result, count in
            matrix.withUnsafeBufferPointer { matrix in
                for rowStart in stride(from: 0, to: rows, by: block) {
                    for columnStart in stride(from: 0, to: columns, by: block) {
                        for row in rowStart..<min(rowStart + block, rows) {
                            for column in columnStart..<min(columnStart + block, columns) {
                                result[column * rows + row] = matrix[row * columns + column]
                            }
                        }
                    }
                }
            }
            count = matrix.count
        }
    }

    /// Of a `rows` × 4H matrix, the columns of half `part` of each gate's units: `rows` × 2H.
    private static func unitHalf(_ matrix: [Float], rows: Int, hidden: Int, part: Int) -> [Float] {
        let half = hidden / 2
        var result: [Float] = []
        result.reserveCapacity(rows * 2 * hidden)
        for row in 0..<rows {
            for gate in 0..<4 {
                let start = row * 4 * hidden + gate * hidden + part * half
                result += matrix[start..<(start + half)]
            }
        }
        return result
    }
}
