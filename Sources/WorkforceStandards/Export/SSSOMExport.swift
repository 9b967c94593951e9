import Foundation

/// Every map of the standard as an SSSOM mapping set (Simple Standard for Sharing Ontological
/// Mappings, TSV with its YAML metadata block in `#` lines), for mapping tools.
///
/// The predicate follows the map's FHIR R5 relationship:
///
/// | relationship | predicate |
/// |---|---|
/// | `equivalent` | `skos:exactMatch` |
/// | `source-is-narrower-than-target` | `skos:broadMatch` (the object is broader) |
/// | `source-is-broader-than-target` | `skos:narrowMatch` (the object is narrower) |
/// | `related-to` | `skos:relatedMatch` |
/// | `not-related-to` | `skos:relatedMatch` with `predicate_modifier` `Not` |
/// | `unmatched` | `skos:relatedMatch` to `sssom:NoTermFound`: not even a related code exists |
///
/// An ONS share (the share of the source concept that falls in the target) is the row's
/// `confidence`; the reverse share goes in its comment. Concepts are CURIEs whose prefix names
/// the code set (`harmonised_sex:F`) and expands to `<base>/CodeSystem/<set id>/`, the FHIR
/// export's canonical URL of the set.
public struct SSSOMExport: Sendable {
    /// The standard exported.
    public let registry: Registry
    /// The base URL, dates and other settings of the export.
    public let settings: ExportSettings

    /// An export of `registry` with `settings`.
    public init(registry: Registry, settings: ExportSettings) {
        self.registry = registry
        self.settings = settings
    }

    /// The file of a map's mapping set (`harmonised.sex--csww.gender.sssom.tsv`).
    public func file(for map: ConceptMap) -> String { "\(map.id.rawValue).sssom.tsv" }

    /// One file per map, sorted by path.
    public func files() throws -> [ExportFile] {
        try registry.maps.map { ExportFile(path: file(for: $0), contents: try mappingSet($0)) }.sorted { $0.path < $1.path }
    }

    /// The licence URLs SSSOM asks for, by what the standard's files say.
    static func licenceURL(_ licence: String) -> String? {
        if licence.contains("Open Government Licence v3.0") {
            return "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
        }
        if licence.hasPrefix("MIT") { return "https://opensource.org/license/mit" }
        return nil
    }

    /// The mapping set of `map`: metadata block, header, one row per map row in file order.
    public func mappingSet(_ map: ConceptMap) throws -> String {
        guard let licence = Self.licenceURL(map.provenance.licence) else {
            throw ExportError.unknownLicence(map: map.id.rawValue, licence: map.provenance.licence)
        }
        let source = registry.codeSet(map.sourceSet), target = registry.codeSet(map.targetSet)
        let subjectPrefix = Self.prefix(map.sourceSet), objectPrefix = Self.prefix(map.targetSet)
        let hasNot = map.elements.contains { $0.relationship == .notRelatedTo }
        let hasShares = map.elements.contains { $0.share != nil }

        var prefixes: [(String, String)] = [
            (subjectPrefix, settings.canonical("CodeSystem", map.sourceSet.rawValue) + "/"),
            ("semapv", "https://w3id.org/semapv/vocab/"),
            ("skos", "http://www.w3.org/2004/02/skos/core#"),
            ("sssom", "https://w3id.org/sssom/"),
            ("wds", settings.baseURL + "/"),
        ]
        if objectPrefix != subjectPrefix {
            prefixes.append((objectPrefix, settings.canonical("CodeSystem", map.targetSet.rawValue) + "/"))
        }
        prefixes.sort { $0.0 < $1.0 }

        var description = "\(map.title). From \(map.sourceSet.rawValue) to \(map.targetSet.rawValue), valid for \(map.targetVersion). Source: \(map.provenance.source.trimmingSpaces())."
        description += " Predicates follow the FHIR R5 relationship of each row (equivalent: exactMatch; source-is-narrower-than-target: broadMatch; source-is-broader-than-target: narrowMatch; related-to: relatedMatch); a source code with no counterpart maps to sssom:NoTermFound."
        if hasShares { description += " confidence is the ONS share of the subject concept that falls in the object concept, not a measure of doubt; the comment gives the reverse share." }
        for note in map.provenance.notes { description += "\n" + note.trimmingSpaces() }

        var text = "#curie_map:\n"
        for (prefix, expansion) in prefixes { text += "#  \(prefix): \(Self.yaml(expansion))\n" }
        let metadata: [(String, String)] = [
            ("mapping_set_id", settings.canonical("sssom", file(for: map))),
            ("mapping_set_version", registry.standard.version),
            ("mapping_set_title", map.title.trimmingSpaces()),
            ("mapping_set_description", description),
            ("license", licence),
            ("subject_source", "wds:CodeSystem/\(map.sourceSet.rawValue)"),
            ("subject_source_version", registry.standard.version),
            ("object_source", "wds:CodeSystem/\(map.targetSet.rawValue)"),
            ("object_source_version", map.targetVersion),
            ("mapping_tool", "wds export sssom"),
            ("comment", "Generated from \(map.file) of \(registry.standard.name) \(registry.standard.version); the same map as the FHIR ConceptMap \(settings.canonical("ConceptMap", map.id.rawValue))."),
        ]
        for (key, value) in metadata { text += "#\(key): \(Self.yaml(value))\n" }

        var columns = ["subject_id", "subject_label", "predicate_id"]
        if hasNot { columns.append("predicate_modifier") }
        columns += ["object_id", "object_label", "mapping_justification", "confidence", "comment"]
        text += columns.joined(separator: "\t") + "\n"
        for element in map.elements {
            var cells = ["\(subjectPrefix):\(Self.localID(element.source))", source?.code(element.source)?.label ?? "", Self.predicate(element.relationship)]
            if hasNot { cells.append(element.relationship == .notRelatedTo ? "Not" : "") }
            if let code = element.target, element.relationship != .unmatched {
                cells += ["\(objectPrefix):\(Self.localID(code))", target?.code(code)?.label ?? ""]
            } else {
                cells += ["sssom:NoTermFound", ""]
            }
            cells.append("semapv:ManualMappingCuration")
            cells.append(element.share.map { String($0) } ?? "")
            var comment = element.comment?.trimmingSpaces() ?? ""
            if let reverse = element.reverseShare {
                comment += (comment.isEmpty ? "" : "; ") + "reverse share \(reverse)"
            }
            cells.append(comment)
            text += cells.map(Self.cell).joined(separator: "\t") + "\n"
        }
        return text
    }

    static func predicate(_ relationship: MapRelationship) -> String {
        switch relationship {
        case .equivalent: return "skos:exactMatch"
        case .sourceIsNarrowerThanTarget: return "skos:broadMatch"
        case .sourceIsBroaderThanTarget: return "skos:narrowMatch"
        case .relatedTo, .notRelatedTo, .unmatched: return "skos:relatedMatch"
        }
    }

    /// The CURIE prefix of a code set: its id with every character but letters and digits as
    /// `_` (`swf.role-identifier` -> `swf_role_identifier`).
    static func prefix(_ set: CodeSetID) -> String {
        String(set.rawValue.unicodeScalars.map { $0.isASCII && (ASCIIClass.letterOrDigit($0)) ? Character($0) : "_" })
    }

    /// A code as the local part of a CURIE: unreserved URI characters kept, others
    /// percent-encoded as UTF-8.
    static func localID(_ code: String) -> String {
        var out = ""
        for byte in code.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80 && (ASCIIClass.letterOrDigit(scalar) || "-._~".unicodeScalars.contains(scalar)) {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// A YAML double-quoted scalar.
    static func yaml(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// A TSV cell: tabs and line breaks become spaces (a cell is one line); a cell that starts
    /// with `"` is quoted, its quotes doubled, as the CSV readers that load SSSOM expect.
    static func cell(_ text: String) -> String {
        var cleaned = text
        if cleaned.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            cleaned = String(cleaned.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        }
        return cleaned.hasPrefix("\"") ? "\"" + cleaned.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cleaned
    }
}

private enum ASCIIClass {
    static func letterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
    }
}
