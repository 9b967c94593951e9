// A substring test over UTF-8 bytes, for start-up work that checks thousands of short strings.

/// Whether one string holds another, compared byte for byte (so without Unicode equivalence:
/// for the ASCII words and qualifiers of the title indexes, that is the same answer). The title
/// coder's index build checks two thousand coding-index qualifiers against a dozen council
/// contexts: Foundation's `contains` bridged each string and took a tenth of the build, and the
/// standard library's generic `firstRange(of:)` three times that.
enum ByteSearch {
    /// Whether `text` holds `part` (an empty `part` is held by every text).
    static func contains(_ text: String, _ part: String) -> Bool {
        let text = Array(text.utf8), part = Array(part.utf8)
        guard let first = part.first else { return true }
        guard part.count <= text.count else { return false }
        for start in 0...(text.count - part.count) where text[start] == first {
            if text[start..<(start + part.count)].elementsEqual(part) { return true }
        }
        return false
    }
}
