/// What the FHIR and SSSOM exports share: the base of their canonical URLs, and the names of
/// the files they write.
public struct ExportSettings: Sendable, Equatable {
    /// The default base of the canonical URLs: a placeholder under `example.org`, since the
    /// standard has no published home; pass the URL you publish under instead.
    public static let defaultBaseURL = "https://example.org/wds"

    /// The base every canonical URL starts with, without a trailing `/`
    /// (`https://example.org/wds/CodeSystem/harmonised.sex`).
    public let baseURL: String

    /// Settings with `baseURL` (a trailing `/` is dropped).
    ///
    /// - Throws: ``ExportError/invalidBaseURL(_:reason:)`` unless `baseURL` is an absolute
    ///   `http` or `https` URL with a host and no spaces, query, fragment or `|` (FHIR uses
    ///   `|` to add a version to a canonical URL).
    public init(baseURL: String = ExportSettings.defaultBaseURL) throws {
        let lower = baseURL.lowercased()
        let scheme = lower.hasPrefix("https://") ? "https://" : lower.hasPrefix("http://") ? "http://" : nil
        guard let scheme else {
            throw ExportError.invalidBaseURL(baseURL, reason: "it must start with https:// or http://")
        }
        var base = baseURL
        while base.hasSuffix("/") && base.count > scheme.count { base.removeLast() }
        guard base.count > scheme.count, !base.dropFirst(scheme.count).hasPrefix("/") else {
            throw ExportError.invalidBaseURL(baseURL, reason: "it has no host")
        }
        if let bad = base.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value >= 0x7F || "|#?\"<>\\^`{}".unicodeScalars.contains($0) }) {
            throw ExportError.invalidBaseURL(baseURL, reason: "it holds \"\(bad.escaped(asASCII: true))\"; use a plain URL such as \(ExportSettings.defaultBaseURL)")
        }
        self.baseURL = base
    }

    /// The canonical URL of a resource: `<base>/<type>/<name>`.
    func canonical(_ type: String, _ name: String) -> String { "\(baseURL)/\(type)/\(name)" }
}

/// Why an export could not be made.
public enum ExportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The base URL given for the canonical URLs is not usable.
    case invalidBaseURL(String, reason: String)
    /// A code set or map id cannot be a FHIR resource id (`[A-Za-z0-9-.]{1,64}`).
    case invalidResourceID(String, reason: String)
    /// A map's licence has no known URL (SSSOM wants the licence as a URL).
    case unknownLicence(map: String, licence: String)

    /// What went wrong, in words.
    public var description: String {
        switch self {
        case let .invalidBaseURL(value, reason):
            return "base URL \"\(value)\" is not usable: \(reason)"
        case let .invalidResourceID(id, reason):
            return "\"\(id)\" cannot be a FHIR resource id: \(reason) (valid: letters, digits, '-' and '.', at most 64)"
        case let .unknownLicence(map, licence):
            return "map \(map): licence \"\(licence)\" has no known URL (known: Open Government Licence v3.0, MIT)"
        }
    }
}

/// A generated file: its path relative to the output folder, and its text.
public struct ExportFile: Sendable, Equatable {
    /// The file's path, relative to the output folder.
    public var path: String
    /// The file's text.
    public var contents: String
}
