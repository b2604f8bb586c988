import FerryCore
import FerryPipeline
import Foundation
import Hummingbird

/// `POST /v1/bundles` (upload a bundle) and `PUT /v1/models/{name}/aliases/{alias}` (admin role).
struct AdminRoutes {
    let serving: ModelServing
    let registration: BundleRegistration
    let changes: RegistryChanges
    let maxBundleBytes: Int

    struct AliasRequest: Decodable { let version: String }

    struct UploadResult: Encodable {
        let added: Bool
        let bundle: RegisteredBundle
    }

    func add(to router: Router<FerryRequestContext>) {
        router.post("/v1/bundles") { request, context -> Response in
            let token = try context.require(.admin)
            let body = try await request.body.collect(atMost: maxBundleBytes)
            guard body.readableBytes > 0 else { throw HTTPError(.badRequest, message: "the body must be the bundle (.tar.gz bytes)") }
            let upload = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-upload-\(UUID().uuidString).tar.gz")
            defer { try? FileManager.default.removeItem(at: upload) }
            try Data(buffer: body).write(to: upload)
            do {
                let (entry, added) = try registration.add(upload.path, by: "token \(token.id)")
                serving.registryChanged()
                return try JSONResponse.make(UploadResult(added: added, bundle: entry), status: added ? .created : .ok)
            } catch let refused as BundleError {
                throw HTTPError(.unprocessableContent, message: "\(refused.failing.rawValue): \(refused.message)")
            }
        }
        router.put("/v1/models/{name}/aliases/{alias}") { request, context -> Response in
            let token = try context.require(.admin)
            let (name, alias) = (try context.parameters.require("name"), try context.parameters.require("alias"))
            let body = try await request.body.collect(atMost: 64 << 10)
            let wanted: AliasRequest
            do {
                wanted = try JSONDecoder().decode(AliasRequest.self, from: Data(buffer: body))
            } catch {
                throw HTTPError(.badRequest, message: "the body must be JSON {\"version\": \"1.0.0\"}: \(RequestErrors.describe(error))")
            }
            try changes.setAlias(alias, to: "\(name)@\(wanted.version)", by: "token \(token.id)")
            serving.registryChanged()
            return try JSONResponse.make(["name": name, "alias": alias, "version": wanted.version])
        }
    }
}
