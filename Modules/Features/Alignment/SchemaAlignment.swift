import Foundation
import FerryCore

/// Makes an inference table fit a model's ``FeatureSchema``, and says what it changed.
///
/// Columns are put in the schema's order. A feature the table lacks is filled with zero and
/// reported by name, or refused (schema policy `refuse`, or strict mode). Columns the schema does
/// not name are dropped and reported, or refused likewise. A cell that is not a finite number is
/// refused with its row and column. Values outside the range seen in training are flagged, never changed.
public struct SchemaAlignment: Sendable {
    /// The schema to fit.
    public let schema: FeatureSchema
    /// Refuse missing features and extra columns whatever the schema's policies say.
    public let strict: Bool

    /// Makes an aligner for `schema`.
    public init(schema: FeatureSchema, strict: Bool = false) {
        self.schema = schema
        self.strict = strict
    }

    /// Aligns `table`; throws ``SchemaAlignmentError`` naming the row and column at fault.
    public func align(_ table: InferenceTable) throws -> AlignedTable {
        let dateColumn = table.columns.firstIndex { $0.lowercased() == "date" }
        let positions = Dictionary(table.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let features = schema.featureNames
        let missing = features.filter { positions[$0] == nil }
        let extra = table.columns.enumerated().filter { $0.offset != dateColumn && !features.contains($0.element) }.map(\.element)
        if !missing.isEmpty, strict || schema.missingFeaturePolicy == .refuse {
            throw SchemaAlignmentError.missingFeatures(missing, source: table.source)
        }
        if !extra.isEmpty, strict || schema.extraColumnPolicy == .refuse {
            throw SchemaAlignmentError.extraColumns(extra, source: table.source)
        }
        var index: [Timestamp] = []
        var columns = [[Double]](repeating: [], count: features.count)
        var flagged: [OutOfRangeValue] = []
        for (offset, row) in table.rows.enumerated() {
            let line = table.firstLine + offset
            guard row.count == table.columns.count else {
                throw SchemaAlignmentError.wrongCellCount(line: line, count: row.count, expected: table.columns.count, source: table.source)
            }
            index.append(try timestamp(of: row, dateColumn: dateColumn, line: line, source: table.source, offset: offset))
            for (position, field) in schema.features.enumerated() {
                guard let column = positions[field.name] else {
                    columns[position].append(0)
                    continue
                }
                let text = row[column].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite else {
                    throw SchemaAlignmentError.notANumber(text, line: line, column: field.name, source: table.source)
                }
                if let range = field.trainingRange, !range.contains(value) {
                    flagged.append(OutOfRangeValue(line: line, column: field.name, value: value, range: range))
                }
                columns[position].append(value)
            }
        }
        let frame = try Frame(index: index, columns: zip(features, columns).map { ($0, $1) })
        return AlignedTable(frame: frame, report: AlignmentReport(filledMissing: missing, droppedExtra: extra, outOfRange: flagged))
    }

    private func timestamp(of row: [String], dateColumn: Int?, line: Int, source: String, offset: Int) throws -> Timestamp {
        guard let dateColumn else { return Timestamp(secondsSinceEpoch: Int64(offset)) }
        guard let date = Timestamp(iso8601: row[dateColumn].trimmingCharacters(in: .whitespaces)) else {
            throw SchemaAlignmentError.notADate(row[dateColumn], line: line, source: source)
        }
        return date
    }
}

/// An inference table after alignment, with what alignment did.
public struct AlignedTable: Sendable, Equatable {
    /// The feature columns in the schema's order.
    public let frame: Frame
    /// What was filled, dropped and flagged.
    public let report: AlignmentReport
}

/// What alignment did to an inference table.
public struct AlignmentReport: Codable, Sendable, Equatable {
    /// Schema features the table lacked, filled with zero.
    public let filledMissing: [String]
    /// Table columns the schema does not name, dropped.
    public let droppedExtra: [String]
    /// Values outside the range seen in training (kept as they are).
    public let outOfRange: [OutOfRangeValue]

    /// Whether alignment changed or flagged nothing.
    public var isClean: Bool { filledMissing.isEmpty && droppedExtra.isEmpty && outOfRange.isEmpty }

    /// One line per finding, for people.
    public var warnings: [String] {
        filledMissing.map { "feature '\($0)' is missing; filled with 0" }
            + droppedExtra.map { "column '\($0)' is not in the schema; dropped" }
            + outOfRange.map { "line \($0.line): \($0.column) = \($0.value) is outside the training range [\($0.range.min), \($0.range.max)]" }
    }
}

/// A value outside the range its feature had in training.
public struct OutOfRangeValue: Codable, Sendable, Equatable {
    /// The line of the table it is on.
    public let line: Int
    /// The feature.
    public let column: String
    /// The value.
    public let value: Double
    /// The range seen in training.
    public let range: ValueRange
}
