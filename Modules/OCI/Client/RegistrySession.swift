import AsyncHTTPClient
import FerryCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// HTTP to one registry for one repository, with the distribution specification's
/// authentication: on a `401`, the `WWW-Authenticate` challenge decides between basic
/// credentials and a bearer token fetched from the challenge's realm (with the credentials, when
/// there are any), and the request is sent again once. Tokens are kept for the session.
final class RegistrySession: Sendable {
    /// The registry and repository.
    let reference: ImageReference
    /// `https://host[:port]`, or `http://` for a loopback registry or with `insecure`.
    let base: String
    /// The user's credentials for this registry, if any.
    let credentials: RegistryCredentials?
    private let client: HTTPClient
    private let authorization = Authorization()
    /// How long one request may take.
    let timeout: TimeAmount

    /// The header the next request carries, once a challenge has been answered.
    private actor Authorization {
        var header: String?
        func set(_ value: String) { header = value }
    }

    /// The event loop every request of the session is written and read on.
    var eventLoop: any EventLoop { client.eventLoopGroup.next() }

    /// The client all registry traffic goes through, for the life of the process: one event loop
    /// (a push or pull moves one blob at a time; uploads pace themselves against it, see
    /// ``FileChunks``), responses never decompressed (a blob's bytes are what its digest names),
    /// redirects to blob storage followed, connections and silences time-limited.
    static let traffic: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .follow(max: 10, allowCycles: false)
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(30), read: .seconds(120))
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup(numberOfThreads: 1), configuration: configuration)
    }()

    /// Opens a session; plain HTTP only to loopback or when `insecure`.
    init(reference: ImageReference, credentials: RegistryCredentials?, insecure: Bool, timeout: TimeAmount = .seconds(600)) {
        self.reference = reference
        self.credentials = credentials
        self.client = Self.traffic
        self.timeout = timeout
        base = (reference.isLoopback || insecure ? "http://" : "https://") + reference.registry
    }

    /// The URL of `path` under the repository (`/v2/<repository>/<path>`).
    func url(_ path: String) -> String { "\(base)/v2/\(reference.repository)/\(path)" }

    /// A URL the registry returned in `Location`, made absolute against the registry.
    func absolute(_ location: String) -> String {
        location.hasPrefix("http://") || location.hasPrefix("https://") ? location : base + (location.hasPrefix("/") ? "" : "/") + location
    }

    /// Sends a request, answering one authentication challenge if the registry makes one.
    /// `body` is called again for the retry, so a streamed body starts over.
    func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: (@Sendable () -> HTTPClientRequest.Body)? = nil
    ) async throws -> HTTPClientResponse {
        var response = try await attempt(method, url, headers: headers, body: body?())
        if response.status == .unauthorized {
            try await answer(response.headers.first(name: "WWW-Authenticate"), url: url)
            response = try await attempt(method, url, headers: headers, body: body?())
        }
        if response.status == .unauthorized || response.status == .forbidden {
            let why =
                credentials == nil
                ? "no credentials for \(reference.registry) in REGISTRY_AUTH_FILE or ~/.docker/config.json"
                : "the credentials for \(reference.registry) were refused"
            throw FerryError(.refused, "\(reference): \(method) \(response.status.code) \(response.status.reasonPhrase): \(why)")
        }
        return response
    }

    private func attempt(_ method: HTTPMethod, _ url: String, headers: [(String, String)], body: HTTPClientRequest.Body?) async throws
        -> HTTPClientResponse
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let header = await authorization.header { request.headers.replaceOrAdd(name: "Authorization", value: header) }
        if let body { request.body = body }
        do {
            return try await client.execute(request, timeout: timeout)
        } catch {
            throw FerryError(.unavailable, "\(reference.registry): \(method) failed: \(error)")
        }
    }

    /// Takes up a `WWW-Authenticate` challenge: basic credentials, or a bearer token from its realm.
    private func answer(_ header: String?, url: String) async throws {
        guard let header, let challenge = AuthenticationChallenge(header) else {
            throw FerryError(.refused, "\(reference): the registry answered 401 without a usable WWW-Authenticate challenge")
        }
        switch challenge.scheme {
        case "basic":
            guard let credentials else {
                throw FerryError(
                    .refused, "\(reference.registry) asks for credentials; none found in REGISTRY_AUTH_FILE or ~/.docker/config.json")
            }
            await authorization.set(credentials.basicHeader)
        case "bearer":
            await authorization.set("Bearer " + (try await token(for: challenge)))
        default:
            throw FerryError(
                .refused, "\(reference): the registry asks for '\(challenge.scheme)' authentication, which Ferry does not speak")
        }
    }

    /// A bearer token from the challenge's realm, for pulling and pushing this repository.
    private func token(for challenge: AuthenticationChallenge) async throws -> String {
        guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm),
            components.scheme == "https" || (components.scheme == "http" && (reference.isLoopback || base.hasPrefix("http://")))
        else {
            throw FerryError(.refused, "\(reference): the token realm '\(challenge.parameters["realm"] ?? "")' is not an https URL")
        }
        var query = components.queryItems ?? []
        if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
        query.append(URLQueryItem(name: "scope", value: challenge.parameters["scope"] ?? "repository:\(reference.repository):pull,push"))
        components.queryItems = query
        guard let tokenURL = components.string else {
            throw FerryError(.invalidData, "\(reference): cannot build the token URL from '\(realm)'")
        }
        var request = HTTPClientRequest(url: tokenURL)
        if let credentials { request.headers.add(name: "Authorization", value: credentials.basicHeader) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw FerryError(.unavailable, "\(reference): the token service \(components.host ?? realm) cannot be reached: \(error)")
        }
        guard response.status == .ok else {
            throw FerryError(.refused, "\(reference): the token service answered \(response.status.code) (credentials refused or missing)")
        }
        struct TokenAnswer: Decodable {
            let token: String?
            let access_token: String?
        }
        let body = try await response.body.collect(upTo: OCILimits.smallDocument)
        guard let answer = try? JSONDecoder().decode(TokenAnswer.self, from: Data(body.readableBytesView)),
            let token = answer.token ?? answer.access_token,
            !token.isEmpty
        else {
            throw FerryError(.invalidData, "\(reference): the token service's answer holds no token")
        }
        return token
    }
}
