import FerryCore
import Foundation

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
    /// The schema's feature names, in order.
    public let featureNames: [String]
    /// Where each feature is in the schema (an aligner made once and kept does not index the
    /// features again for every table).
    private let featurePositions: [String: Int]

    /// Makes an aligner for `schema`.
    public init(schema: FeatureSchema, strict: Bool = false) {
        self.schema = schema
        self.strict = strict
        featureNames = schema.featureNames
        featurePositions = Dictionary(featureNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Aligns `table`; throws ``SchemaAlignmentError`` naming the row and column at fault.
    public func align(_ table: InferenceTable) throws -> AlignedTable {
        let dateColumn = table.columns.firstIndex { $0.lowercased() == "date" }
        for (offset, row) in table.rows.enumerated() where row.count != table.columns.count {
            throw SchemaAlignmentError.wrongCellCount(
                line: table.firstLine + offset, count: row.count, expected: table.columns.count, source: table.source)
        }
        return try align(
            columns: table.columns, dateColumn: dateColumn, rowCount: table.rows.count, source: table.source, firstLine: table.firstLine,
            date: { offset in
                try timestamp(
                    of: table.rows[offset], dateColumn: dateColumn, line: table.firstLine + offset, source: table.source, offset: offset)
            },
            value: { offset, column, name in
                let text = table.rows[offset][column].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite else {
                    throw SchemaAlignmentError.notANumber(text, line: table.firstLine + offset, column: name, source: table.source)
                }
                return value
            })
    }

    /// Aligns rows that are numbers already (`rows[i][j]` is column `columns[j]` of row i, as a
    /// request's JSON gives them); rows are dated 0, 1, 2, ... Throws ``SchemaAlignmentError`` as
    /// ``align(_:)`` does, with row numbers from `firstLine`.
    public func align(columns: [String], rows: [[Double]], source: String, firstLine: Int = 0) throws -> AlignedTable {
        try align(
            columns: columns, dateColumn: nil, rowCount: rows.count, source: source, firstLine: firstLine,
            date: { Timestamp(secondsSinceEpoch: Int64($0)) },
            value: { offset, column, name in
                let value = rows[offset][column]
                guard value.isFinite else {
                    throw SchemaAlignmentError.notANumber("\(value)", line: firstLine + offset, column: name, source: source)
                }
                return value
            })
    }

    /// The policies and the per-cell loop both entry points share.
    private func align(
        columns names: [String], dateColumn: Int?, rowCount: Int, source: String, firstLine: Int, date: (Int) throws -> Timestamp,
        value: (_ row: Int, _ column: Int, _ name: String) throws -> Double
    ) throws -> AlignedTable {
        // Where each feature's values are in the table, `nil` for a feature the table lacks.
        let sources: [Int?]
        let extra: [String]
        if names == featureNames {
            sources = Array(names.indices)
            extra = []
        } else {
            let positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            sources = featureNames.map { positions[$0] }
            extra = names.enumerated().filter { $0.offset != dateColumn && featurePositions[$0.element] == nil }.map(\.element)
        }
        let missing = zip(featureNames, sources).filter { $0.1 == nil }.map(\.0)
        if !missing.isEmpty, strict || schema.missingFeaturePolicy == .refuse {
            throw SchemaAlignmentError.missingFeatures(missing, source: source)
        }
        if !extra.isEmpty, strict || schema.extraColumnPolicy == .refuse {
            throw SchemaAlignmentError.extraColumns(extra, source: source)
        }
        var index: [Timestamp] = []
        var columns = [[Double]](repeating: [], count: featureNames.count)
        var flagged: [OutOfRangeValue] = []
        for offset in 0..<rowCount {
            index.append(try date(offset))
            for (position, field) in schema.features.enumerated() {
                guard let column = sources[position] else {
                    columns[position].append(0)
                    continue
                }
                let cell = try value(offset, column, field.name)
                if let range = field.trainingRange, !range.contains(cell) {
                    flagged.append(OutOfRangeValue(line: firstLine + offset, column: field.name, value: cell, range: range))
                }
                columns[position].append(cell)
            }
        }
        let frame = try Frame(index: index, columns: zip(featureNames, columns).map { ($0, $1) })
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
            + outOfRange.map {
                "line \($0.line): \($0.column) = \($0.value) is outside the training range [\($0.range.min), \($0.range.max)]"
            }
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
