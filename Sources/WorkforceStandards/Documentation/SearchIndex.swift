/// One thing the offline search can find: an item, a code set, a role, a job title, a
/// collection field or a code, with the page it opens.
package struct SearchEntry: Sendable, Equatable {
    /// What kind of thing it is. The order of the cases is the order of equally good hits,
    /// so a search for a role's title shows the role before codes that share its words.
    package enum Kind: String, Sendable, CaseIterable, Comparable {
        /// A harmonised job role.
        case role
        /// An example job title of a role (the job role index).
        case jobTitle = "job title"
        /// A harmonised data item.
        case item
        /// A code set.
        case codeSet = "code set"
        /// A field of a collection's return.
        case field
        /// A code of a code set.
        case code

        /// Kinds sort in the order of their declaration.
        package static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// What kind of thing the entry is.
    package var kind: Kind
    /// What the hit shows and what the search matches first (`R244 Social worker`).
    package var title: String
    /// A second line that says where the hit belongs (`role in G2C Social work`); also searched.
    package var detail: String
    /// The page (and place on it) the hit opens.
    package var link: DocLink
}

/// Builds the search entries from the registry, in a fixed order (kind, then the registry's
/// own order), so the generated search data is the same on every run.
struct SearchIndex {
    let builder: DocumentationBuilder

    func entries() -> [SearchEntry] {
        let registry = builder.registry
        var entries: [SearchEntry] = []
        for role in builder.roles {
            entries.append(SearchEntry(kind: .role, title: "\(role.code) \(role.title)",
                                       detail: "role in \(role.subGroup.value) \(role.subGroup.label); SOC2000 \(role.soc2000)"
                                           + (role.profile.map { "; " + $0.definition } ?? ""),
                                       link: DocLink(page: DocumentationBuilder.rolePage(role.code))))
        }
        for role in builder.roles {
            for title in role.profile?.exampleTitles ?? [] {
                entries.append(SearchEntry(kind: .jobTitle, title: title, detail: "job title: \(role.code) \(role.title)",
                                           link: DocLink(page: DocumentationBuilder.rolePage(role.code))))
            }
        }
        for item in registry.items {
            entries.append(SearchEntry(kind: .item, title: "\(item.ref.rawValue) \(item.name)",
                                       detail: "data item (\(item.entity.rawValue)): \(item.definition)",
                                       link: DocLink(page: DocumentationBuilder.itemPage(item.ref))))
        }
        for set in registry.codeSets {
            entries.append(SearchEntry(kind: .codeSet, title: "\(set.id.rawValue) \(set.title)",
                                       detail: "code set, \(set.codes.count) codes" + (set.element.map { "; element \($0)" } ?? ""),
                                       link: DocLink(page: DocumentationBuilder.codeSetPage(set.id))))
        }
        if builder.hasCoverage {
            for collection in CollectionID.allCases {
                for field in registry.fields[collection] ?? [] {
                    entries.append(SearchEntry(kind: .field, title: "\(collection.rawValue.uppercased()) \(field.field)",
                                               detail: "field of the \(collection.title): \(field.name)",
                                               link: builder.fieldLink(collection, field.field)))
                }
            }
        }
        for set in registry.codeSets where set.id != RoleCodeSet.id {
            for code in set.codes {
                entries.append(SearchEntry(kind: .code, title: "\(code.value) \(code.label)", detail: "code of \(set.id.rawValue) \(set.title)",
                                           link: DocLink(page: DocumentationBuilder.codeSetPage(set.id), anchor: DocumentationBuilder.codeAnchor(code.value))))
            }
        }
        return entries
    }
}
