/// How a model's hyperparameters were chosen by walk-forward tuning (`ferry tune`): the grid,
/// the metric, the folds, every candidate's score on every fold, the baselines' on the same folds,
/// and the choice. A run keeps it and a bundle (format 2, `tuning` in the manifest) carries it, so
/// a reviewer sees how the values were found, not only what they are; the chosen values' full
/// fold-by-fold evaluation, financial side included, is the run's ``WalkForwardEvaluation``.
public struct TuningRecord: Codable, Sendable, Equatable {
    /// One hyperparameter of the grid with the values tried.
    public struct Parameter: Codable, Sendable, Equatable {
        /// The hyperparameter's name.
        public let name: String
        /// The values tried, as given.
        public let values: [String]

        /// Makes a grid parameter.
        public init(name: String, values: [String]) { (self.name, self.values) = (name, values) }
    }

    /// One fold: the dates it trained on and was scored on.
    public struct Fold: Codable, Sendable, Equatable {
        /// The fold's number, from 1.
        public let number: Int
        /// The first and last date it trained on.
        public let trainFrom: String, trainThrough: String
        /// The first and last date it was scored on.
        public let scoredFrom: String, scoredThrough: String
        /// How many rows it trained on and was scored on (every instrument's).
        public let trainRows: Int, scoredRows: Int

        /// Makes a fold's record.
        public init(
            number: Int, trainFrom: String, trainThrough: String, scoredFrom: String, scoredThrough: String, trainRows: Int, scoredRows: Int
        ) {
            (self.number, self.trainFrom, self.trainThrough) = (number, trainFrom, trainThrough)
            (self.scoredFrom, self.scoredThrough, self.trainRows, self.scoredRows) = (scoredFrom, scoredThrough, trainRows, scoredRows)
        }
    }

    /// One candidate: its hyperparameters and its score on each fold, in fold order.
    public struct Candidate: Codable, Sendable, Equatable {
        /// Its hyperparameters (beside the run's fixed ones).
        public let parameters: [String: String]
        /// Its score on each fold, in fold order.
        public let foldScores: [Double]

        /// Makes a candidate's record.
        public init(parameters: [String: String], foldScores: [Double]) { (self.parameters, self.foldScores) = (parameters, foldScores) }
    }

    /// The metric the folds were scored by (`mae`, `rmse`, `dir_acc`, `sharpe`).
    public let metric: String
    /// The grid, in the order given.
    public let grid: [Parameter]
    /// The folds.
    public let folds: [Fold]
    /// Every candidate tried, in grid order.
    public let candidates: [Candidate]
    /// Each naive baseline's score on each fold, by baseline id.
    public let baselines: [String: [Double]]
    /// The chosen hyperparameters.
    public let chosen: [String: String]

    /// Makes a record.
    public init(
        metric: String, grid: [Parameter], folds: [Fold], candidates: [Candidate], baselines: [String: [Double]], chosen: [String: String]
    ) {
        (self.metric, self.grid, self.folds, self.candidates) = (metric, grid, folds, candidates)
        (self.baselines, self.chosen) = (baselines, chosen)
    }
}
