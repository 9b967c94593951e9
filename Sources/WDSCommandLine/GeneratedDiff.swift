/// A short line diff for `--check` commands: which lines differ between the committed and the
/// regenerated text, enough to see what drifted.
enum GeneratedDiff {
    static func describe(path: String, old: String, new: String, maxLines: Int = 20) -> String {
        let oldLines = old.split(separator: "\n", omittingEmptySubsequences: false)
        let newLines = new.split(separator: "\n", omittingEmptySubsequences: false)
        // Trim the common head and tail; what is left is the changed hunk.
        var head = 0
        while head < oldLines.count && head < newLines.count && oldLines[head] == newLines[head] { head += 1 }
        var tail = 0
        while tail < oldLines.count - head && tail < newLines.count - head
            && oldLines[oldLines.count - 1 - tail] == newLines[newLines.count - 1 - tail] { tail += 1 }
        let removed = oldLines[head..<(oldLines.count - tail)]
        let added = newLines[head..<(newLines.count - tail)]
        var out = "--- \(path) (committed)\n+++ \(path) (regenerated)\n@@ line \(head + 1) @@\n"
        for line in removed.prefix(maxLines) { out += "-\(line)\n" }
        if removed.count > maxLines { out += "-... \(removed.count - maxLines) more line(s)\n" }
        for line in added.prefix(maxLines) { out += "+\(line)\n" }
        if added.count > maxLines { out += "+... \(added.count - maxLines) more line(s)\n" }
        return out
    }
}
