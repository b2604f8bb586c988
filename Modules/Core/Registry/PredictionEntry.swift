/// One logged prediction: which model version made it for which instrument and day, from a batch
/// or a request (with the A/B variant and the caller's key when served).
public struct PredictionEntry: Codable, Sendable, Equatable {
    public var model: String
    public var version: String
    public var variant: String?
    public var caller: String?
    public var instrument: String
    public var asOf: String
    /// The prediction; `nil` when the model had none for the row (a missing feature).
    public var value: Double?
    /// `batch` or `api`.
    public var source: String
    public var batchID: Int64?
    public var createdAt: String

    /// Makes an entry.
    public init(
        model: String, version: String, variant: String? = nil, caller: String? = nil, instrument: String, asOf: String, value: Double?,
        source: String, batchID: Int64? = nil, createdAt: String
    ) {
        (self.model, self.version, self.variant, self.caller) = (model, version, variant, caller)
        (self.instrument, self.asOf, self.value, self.source) = (instrument, asOf, value, source)
        (self.batchID, self.createdAt) = (batchID, createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case model, version, variant, caller, instrument, value, source
        case asOf = "as_of"
        case batchID = "batch_id"
        case createdAt = "created_at"
    }
}
