import AsyncHTTPClient
import FerryCore
import Foundation
import Logging
import NIOCore

/// Tells people what a status did: a notice line in the log and, when the policy names one, a
/// JSON `POST` of the action to its webhook (the report stays in the store; the URL, which may
/// hold a secret, is never logged beyond its host).
public struct StatusNotifier: Sendable {
    /// How long the webhook may take to answer.
    public var timeout: TimeAmount = .seconds(10)

    /// Makes a notifier.
    public init() {}

    /// What became of a notification.
    public struct Delivery: Codable, Sendable, Equatable {
        /// Whether a line was written to the log.
        public let logged: Bool
        /// The webhook's host, when one was called.
        public let webhookHost: String?
        /// The HTTP status the webhook answered, when it answered.
        public let webhookStatus: Int?
        /// Why the webhook was not reached, when it was not.
        public let webhookError: String?

        enum CodingKeys: String, CodingKey {
            case logged
            case webhookHost = "webhook_host"
            case webhookStatus = "webhook_status"
            case webhookError = "webhook_error"
        }
    }

    /// Notifies as `policy` says about `action`; a webhook that fails is reported, never thrown
    /// (the action stands either way).
    public func notify(_ action: PolicyAction, policy: ModelPolicy, logger: Logger) async -> Delivery {
        if policy.logLine {
            logger.notice(
                "status action",
                metadata: [
                    "model": .string(action.alias.isEmpty ? action.name : "\(action.name)@\(action.alias)"),
                    "status": .string(action.status), "action": .string(action.kind.rawValue),
                    "from": .string(action.fromVersion ?? "-"), "to": .string(action.toVersion ?? "-"), "reason": .string(action.reason),
                ])
        }
        guard let webhook = policy.webhook else {
            return Delivery(logged: policy.logLine, webhookHost: nil, webhookStatus: nil, webhookError: nil)
        }
        let host = URLComponents(string: webhook)?.host ?? "?"
        do {
            var request = HTTPClientRequest(url: webhook)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try FerryJSON.encoder().encode(Notification(action))))
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 << 10)
            if !(200..<300).contains(Int(response.status.code)) {
                logger.warning("the status webhook answered \(response.status.code)", metadata: ["host": .string(host)])
            }
            return Delivery(logged: policy.logLine, webhookHost: host, webhookStatus: Int(response.status.code), webhookError: nil)
        } catch {
            logger.warning("the status webhook could not be reached", metadata: ["host": .string(host)])
            return Delivery(
                logged: policy.logLine, webhookHost: host, webhookStatus: nil,
                webhookError: "\(host) could not be reached: \(type(of: error))")
        }
    }

    /// What the webhook receives: the action without the report.
    struct Notification: Encodable {
        let model: String, alias: String, status: String, action: String, reason: String, at: String, by: String
        let fromVersion: String?, toVersion: String?

        init(_ action: PolicyAction) {
            (model, alias, status, self.action) = (action.name, action.alias, action.status, action.kind.rawValue)
            (reason, at, by, fromVersion, toVersion) = (action.reason, action.at, action.by, action.fromVersion, action.toVersion)
        }

        enum CodingKeys: String, CodingKey {
            case model, alias, status, action, reason, at, by
            case fromVersion = "from_version"
            case toVersion = "to_version"
        }
    }
}
