import FerryCore
import FerryFeatures

/// Fits rows of numbers to one model's schema, leniently (a missing feature filled with 0, an
/// extra field dropped, each reported) or strictly (both refused). Both aligners are made once
/// (each indexes the features); a refusal becomes a ``FerryError`` `invalidData` naming the row
/// and field. What the server, libferry and `ferry predict --table` align with.
struct RowAligner: Sendable {
    private let lenient: SchemaAlignment
    private let strict: SchemaAlignment

    /// Makes both aligners for `schema`.
    init(schema: FeatureSchema) {
        lenient = SchemaAlignment(schema: schema)
        strict = SchemaAlignment(schema: schema, strict: true)
    }

    /// The schema's features, in order.
    var featureNames: [String] { lenient.featureNames }

    /// A check of rows already in the schema's order, block by block, without copying them
    /// (``InOrderCheck``); refusals as ``align(columns:rows:strict:source:firstLine:)``'s.
    func checkInOrder(_ values: UnsafeBufferPointer<Double>, rows: Range<Int>, with check: inout InOrderCheck) throws {
        do {
            try check.check(values, rows: rows)
        } catch let refused as SchemaAlignmentError {
            throw FerryError(.invalidData, refused.description, cause: refused)
        }
    }

    /// Starts a check of rows in the schema's order, named `rows[i]` in errors.
    func inOrderCheck() -> InOrderCheck { lenient.inOrderCheck(source: "rows") }

    /// `rows` (each in `columns` order) in the schema's order; `source` and `firstLine` name them in errors and warnings.
    func align(columns: [String], rows: [[Double]], strict isStrict: Bool, source: String = "rows", firstLine: Int = 0) throws
        -> AlignedTable
    {
        do {
            return try (isStrict ? strict : lenient).align(columns: columns, rows: rows, source: source, firstLine: firstLine)
        } catch let refused as SchemaAlignmentError {
            throw FerryError(.invalidData, refused.description, cause: refused)
        }
    }
}
