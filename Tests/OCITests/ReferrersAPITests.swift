import FerryCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FerryOCI

/// The referrers API path, which Debian's registry (2.8) lacks: a registry that has it answers
/// with the responses the distribution specification 1.1 gives ("Listing Referrers"), recorded
/// here and served by a small live server.
@Suite struct ReferrersAPITests {
    static let subject = "sha256:" + String(repeating: "a1", count: 32)
    /// The specification's example answer: an image index of every manifest whose `subject` is
    /// the digest, each with its `artifactType`; here one Ferry signature and one SBOM.
    static let recordedAnswer = """
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.index.v1+json",
          "manifests": [
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "size": 1234,
              "digest": "sha256:\(String(repeating: "b2", count: 32))",
              "artifactType": "application/vnd.ferry.signature.v1+json",
              "annotations": {"dev.ferry.signature.key-id": "68bf4494adfc4edb"}
            },
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "size": 1234,
              "digest": "sha256:\(String(repeating: "c3", count: 32))",
              "artifactType": "application/vnd.example.sbom.v1"
            }
          ]
        }
        """

    /// A registry that has the referrers API and records the requests it is sent.
    static func application(requests: RequestLog) -> some ApplicationProtocol {
        let router = Router()
        router.get("/v2/models/spx/referrers/:digest") { request, context -> Response in
            await requests.add("GET \(request.uri.path)")
            guard context.parameters.get("digest") == subject else { return Response(status: .notFound) }
            var headers = HTTPFields()
            headers[.contentType] = OCIMediaTypes.imageIndex
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: recordedAnswer)))
        }
        router.put("/v2/models/spx/manifests/:reference") { request, _ -> Response in
            await requests.add("PUT \(request.uri.path)")
            return Response(status: .created)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    actor RequestLog {
        var lines: [String] = []
        func add(_ line: String) { lines.append(line) }
    }

    @Test func referrersComeFromTheAPIFilteredByArtifactType() async throws {
        let requests = RequestLog()
        try await Self.application(requests: requests).test(.live) { client in
            let port = try #require(client.port)
            let registry = RegistryClient(reference: try ImageReference("127.0.0.1:\(port)/models/spx:1.0.0"), credentials: nil)
            let (manifests, throughAPI) = try await registry.referrers(of: Self.subject, artifactType: OCIMediaTypes.signatureArtifact)
            #expect(throughAPI)
            #expect(manifests.map(\.digest) == ["sha256:" + String(repeating: "b2", count: 32)], "the SBOM is left out")
        }
    }

    @Test func aRegistryWithTheAPIIsNotGivenTheFallbackTag() async throws {
        let requests = RequestLog()
        try await Self.application(requests: requests).test(.live) { client in
            let port = try #require(client.port)
            let registry = RegistryClient(reference: try ImageReference("127.0.0.1:\(port)/models/spx:1.0.0"), credentials: nil)
            let referrer = OCIDescriptor(
                mediaType: OCIMediaTypes.imageManifest, digest: "sha256:" + String(repeating: "d4", count: 32), size: 10)
            try await registry.listReferrer(referrer, of: Self.subject)
        }
        #expect(await requests.lines == ["GET /v2/models/spx/referrers/\(Self.subject)"], "no PUT of sha256-<hex>")
    }
}

@Suite struct AuthenticationChallengeTests {
    @Test func readsBearerAndBasicChallenges() throws {
        let bearer = try #require(
            AuthenticationChallenge(
                #"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push""#))
        #expect(bearer.scheme == "bearer")
        #expect(
            bearer.parameters == [
                "realm": "https://auth.example.com/token", "service": "registry.example.com", "scope": "repository:a/b:pull,push",
            ])
        let basic = try #require(AuthenticationChallenge(#"Basic realm="ferry \"test\"""#))
        #expect(basic.scheme == "basic" && basic.parameters["realm"] == #"ferry "test""#)
        #expect(AuthenticationChallenge("") == nil)
    }
}
