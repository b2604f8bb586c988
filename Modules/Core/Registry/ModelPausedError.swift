/// A request for a paused model reference: the batch scores nothing (exit 22) and the server
/// answers 503, each with the pause's reason.
public struct ModelPausedError: CodedError, CustomStringConvertible {
    /// The pause in force.
    public let pause: ModelPause

    /// The error for `pause`.
    public init(_ pause: ModelPause) { self.pause = pause }

    /// `unavailable`: the model exists but is out of service.
    public var code: FerryError.Code { .unavailable }

    /// What the caller is told: which reference, why, since when and by whom, and how it is lifted.
    public var description: String {
        "\(pause.reference) is paused (status \(pause.status), since \(pause.setAt) by \(pause.setBy)): \(pause.reason); "
            + "ferry registry resume \(pause.reference) --force --reason TEXT lifts it"
    }
}
