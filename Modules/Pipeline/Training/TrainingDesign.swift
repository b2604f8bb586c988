import FerryCore
import FerryData
import FerryFeatures
import FerryModels
import Logging

/// The rows a job trains and evaluates on: one block per instrument, features then the target.
struct TrainingDesign {
    /// Each instrument's rows (features, then the target as the last column), in time order.
    let blocks: [Frame]
    /// The feature columns, in order.
    let featureNames: [String]
    /// The predicted column.
    let target: String
    /// Rows purged before each evaluation set: how far the target looks ahead.
    let gap: Int
    /// The feature pipeline (bar input) or `nil` (a plain table).
    let pipeline: FeaturePipeline?
    /// The input files' fingerprint.
    let fingerprint: DataFingerprint
    /// The data's bar frequency.
    let frequency: Frequency?
    /// Rows left out because their target or a feature had no value.
    let droppedRows: Int

    /// How many rows all blocks hold.
    var rowCount: Int { blocks.reduce(0) { $0 + $1.rowCount } }

    static func build(_ job: TrainingJob, logger: Logger = Logger(label: "ferry.train")) throws -> TrainingDesign {
        switch job.input {
        case let .market(paths, reference): return try market(job, paths: paths, reference: reference, logger: logger)
        case let .table(path): return try table(job, path: path)
        }
    }

    private static func market(_ job: TrainingJob, paths: [String], reference: String?, logger: Logger) throws -> TrainingDesign {
        guard !paths.isEmpty else { throw FerryError(.invalidArgument, "no data files given") }
        let reader = MarketFileReader(mode: job.mode)
        let pipeline = job.features ?? FeaturePipeline.standard(withReference: reference != nil)
        let computation = FeatureComputation(pipeline: pipeline, mode: job.mode)
        var blocks: [Frame] = []
        var frequencies = Set<Frequency>()
        var dropped = 0
        for path in paths {
            guard case let .prices(series) = try reader.read(path).data else {
                throw FerryError(
                    .invalidData, "\(path) is a single series, not bars; train on bar files and give a macro series as the reference series"
                )
            }
            let aligned = try reference.map { try computation.alignedReference($0, onto: series, reader: reader) }
            let table = try computation.table(for: series, reference: aligned, logger: logger)
            guard table.targetNames.contains(job.target) else {
                throw FerryError(
                    .invalidArgument,
                    "target '\(job.target)' is not computed; the pipeline's targets are \(table.targetNames.joined(separator: ", "))")
            }
            let (block, left) = try completeRows(table.frame.selecting(table.featureNames + [job.target]))
            blocks.append(block)
            dropped += left
            if let frequency = Frequency.infer(from: series.timestamps) { frequencies.insert(frequency) }
        }
        guard frequencies.count <= 1 else {
            throw FerryError(
                .invalidData,
                "the data files have different frequencies (\(frequencies.map(\.rawValue).sorted().joined(separator: ", "))); train on one at a time"
            )
        }
        let horizon = pipeline.targets.first { $0.name == job.target }?.horizon ?? 1
        return TrainingDesign(
            blocks: blocks, featureNames: pipeline.featureNames, target: job.target, gap: horizon, pipeline: pipeline,
            fingerprint: try DataFingerprint(files: paths + (reference.map { [$0] } ?? [])), frequency: frequencies.first,
            droppedRows: dropped)
    }

    private static func table(_ job: TrainingJob, path: String) throws -> TrainingDesign {
        let frame = try NumericTableReader().read(path)
        guard frame.columnNames.contains(job.target) else {
            throw FerryError(
                .invalidArgument, "\(path) has no column '\(job.target)'; its columns are \(frame.columnNames.joined(separator: ", "))")
        }
        let features = frame.columnNames.filter { $0 != job.target }
        guard !features.isEmpty else { throw FerryError(.invalidData, "\(path) has no feature columns besides the target '\(job.target)'") }
        let (block, dropped) = try completeRows(frame.selecting(features + [job.target]))
        return TrainingDesign(
            blocks: [block], featureNames: features, target: job.target, gap: 0, pipeline: nil,
            fingerprint: try DataFingerprint(files: [path]), frequency: Frequency.infer(from: frame.index), droppedRows: dropped)
    }

    /// The rows in which every column has a value, and how many were left out.
    private static func completeRows(_ frame: Frame) throws -> (Frame, Int) {
        let columns = frame.columnNames.map { frame[column: $0] ?? [] }
        let keep = (0..<frame.rowCount).filter { row in columns.allSatisfy { !$0[row].isNaN } }
        guard keep.count < frame.rowCount else { return (frame, 0) }
        let kept = try Frame(
            index: keep.map { frame.index[$0] },
            columns: zip(frame.columnNames, columns).map { name, values in (name, keep.map { values[$0] }) })
        return (kept, frame.rowCount - keep.count)
    }

    /// Splits every block at the same dates (so no instrument's evaluation rows precede another's
    /// training rows), purging `gap` rows before validation and before test, under the leakage guard.
    func split(_ plan: TrainingJob.SplitPlan) throws -> SplitSets {
        let (validationStart, testStart) = try boundaries(plan)
        var train: [Frame] = []
        var validation: [Frame] = []
        var test: [Frame] = []
        for block in blocks {
            let index = block.index
            let trainEnd = index.firstIndex { $0 >= validationStart } ?? index.count
            let validationEnd = index.firstIndex { $0 >= testStart } ?? index.count
            let validationRows = Swift.min(trainEnd + gap, validationEnd)..<validationEnd
            let testRows = Swift.min(validationEnd + gap, index.count)..<index.count
            try LeakageGuard.check(index, train: 0..<trainEnd, evaluation: validationRows, name: "validation")
            try LeakageGuard.check(index, train: 0..<trainEnd, evaluation: testRows, name: "test")
            train.append(block.rows(0..<trainEnd))
            validation.append(block.rows(validationRows))
            test.append(block.rows(testRows))
        }
        let sets = SplitSets(
            train: try Frame.concatenating(train), validation: try Frame.concatenating(validation), test: try Frame.concatenating(test),
            validationStart: validationStart, testStart: testStart)
        for (name, frame) in [("train", sets.train), ("validation", sets.validation), ("test", sets.test)] where frame.rowCount == 0 {
            throw FerryError(.invalidArgument, "the \(name) set is empty; move the split dates or fractions")
        }
        return sets
    }

    private func boundaries(_ plan: TrainingJob.SplitPlan) throws -> (Timestamp, Timestamp) {
        switch plan {
        case let .dates(validationStart, testStart):
            guard validationStart < testStart else {
                throw FerryError(
                    .invalidArgument,
                    "the validation start \(validationStart.isoDate) must come before the test start \(testStart.isoDate)",
                    field: "validationStart")
            }
            return (validationStart, testStart)
        case let .fractions(train, validation):
            let dates = Array(Set(blocks.flatMap(\.index))).sorted()
            let split = try ChronologicalSplit.byFraction(dates, train: train, validation: validation)
            return (dates[split.validation.lowerBound], dates[split.test.lowerBound])
        }
    }

    /// Features and target of `rows`, as a plugin trains on them.
    func trainingData(_ rows: Frame) throws -> TrainingData {
        try TrainingData(features: rows.selecting(featureNames), target: rows.values(of: target))
    }

    /// The schema of a model trained on `trainingRows`: features in order with the ranges and quantiles seen there.
    func schema(trainingRows: Frame) -> FeatureSchema {
        let fields = featureNames.map { name in
            let values = trainingRows[column: name] ?? []
            return FeatureField(name: name, trainingRange: ValueRange(of: values), trainingQuantiles: FeatureField.quantiles(of: values))
        }
        return FeatureSchema(features: fields, target: target, frequency: frequency)
    }
}

/// The rows of a split.
struct SplitSets {
    let train: Frame
    let validation: Frame
    let test: Frame
    let validationStart: Timestamp
    let testStart: Timestamp
}
