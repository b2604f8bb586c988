import FerryCore
import Foundation

/// A content descriptor: a blob or manifest by media type, digest and size.
public struct OCIDescriptor: Codable, Sendable, Equatable {
    /// The media type of what it points at.
    public var mediaType: String
    /// `sha256:<hex>` of its bytes.
    public var digest: String
    /// Its size in bytes.
    public var size: Int64
    /// The artifact type of a manifest it points at (in a referrers index).
    public var artifactType: String?
    /// Annotations, such as the title of a layer.
    public var annotations: [String: String]?

    /// Describes content.
    public init(mediaType: String, digest: String, size: Int64, artifactType: String? = nil, annotations: [String: String]? = nil) {
        (self.mediaType, self.digest, self.size, self.artifactType, self.annotations) = (mediaType, digest, size, artifactType, annotations)
    }
}

/// An OCI image manifest (image specification 1.1), as Ferry writes and reads it.
public struct OCIManifest: Codable, Sendable, Equatable {
    /// Always 2.
    public var schemaVersion = 2
    /// ``OCIMediaTypes/imageManifest``.
    public var mediaType: String? = OCIMediaTypes.imageManifest
    /// What the artifact is.
    public var artifactType: String?
    /// The config blob.
    public var config: OCIDescriptor
    /// The layers.
    public var layers: [OCIDescriptor]
    /// The manifest this one refers to (a signature's bundle).
    public var subject: OCIDescriptor?
    /// Annotations.
    public var annotations: [String: String]?

    /// Makes a manifest.
    public init(
        artifactType: String?, config: OCIDescriptor, layers: [OCIDescriptor], subject: OCIDescriptor? = nil, annotations: [String: String]?
    ) {
        (self.artifactType, self.config, self.layers, self.subject, self.annotations) = (artifactType, config, layers, subject, annotations)
    }

    /// The canonical bytes Ferry pushes (keys sorted, no spaces), so a manifest's digest repeats.
    public func encoded() throws -> Data { try FerryJSON.encoder().encode(self) }
}

/// An OCI image index: the answer of the referrers API, and the `sha256-<hex>` fallback tag.
public struct OCIIndex: Codable, Sendable, Equatable {
    /// Always 2.
    public var schemaVersion = 2
    /// ``OCIMediaTypes/imageIndex``.
    public var mediaType: String? = OCIMediaTypes.imageIndex
    /// The manifests listed.
    public var manifests: [OCIDescriptor]

    /// Makes an index.
    public init(manifests: [OCIDescriptor]) { self.manifests = manifests }

    /// The canonical bytes Ferry pushes.
    public func encoded() throws -> Data { try FerryJSON.encoder().encode(self) }
}
