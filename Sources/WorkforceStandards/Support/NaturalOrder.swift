/// The "natural" order of codes used to sort every code set and map file.
///
/// Codes are split into runs of digits and runs of other characters. Digit runs compare by
/// numeric value (then by length, so `1 < 01`), other runs byte by byte, and a digit run sorts
/// before a non-digit run. So `1 < 2 < 10 < 10A < A1`. It is a total order, which plain
/// "numeric when both are numbers, text otherwise" is not.
public enum NaturalOrder {
    /// Whether `lhs` sorts strictly before `rhs`.
    public static func areInIncreasingOrder(_ lhs: String, _ rhs: String) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Negative, zero or positive as `lhs` sorts before, with or after `rhs`.
    public static func compare(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            let aDigit = isDigit(a[i]), bDigit = isDigit(b[j])
            if aDigit != bDigit { return aDigit ? -1 : 1 }
            var iEnd = i, jEnd = j
            while iEnd < a.count && isDigit(a[iEnd]) == aDigit { iEnd += 1 }
            while jEnd < b.count && isDigit(b[jEnd]) == bDigit { jEnd += 1 }
            if aDigit {
                // Compare numerically without overflow: strip leading zeros, then length, then digits.
                var ia = i, jb = j
                while ia < iEnd - 1 && a[ia] == UInt8(ascii: "0") { ia += 1 }
                while jb < jEnd - 1 && b[jb] == UInt8(ascii: "0") { jb += 1 }
                let lengthA = iEnd - ia, lengthB = jEnd - jb
                if lengthA != lengthB { return lengthA < lengthB ? -1 : 1 }
                for k in 0..<lengthA where a[ia + k] != b[jb + k] { return a[ia + k] < b[jb + k] ? -1 : 1 }
                let runA = iEnd - i, runB = jEnd - j
                if runA != runB { return runA < runB ? -1 : 1 }
            } else {
                let lengthA = iEnd - i, lengthB = jEnd - j
                for k in 0..<min(lengthA, lengthB) where a[i + k] != b[j + k] { return a[i + k] < b[j + k] ? -1 : 1 }
                if lengthA != lengthB { return lengthA < lengthB ? -1 : 1 }
            }
            i = iEnd
            j = jEnd
        }
        if i < a.count { return 1 }
        if j < b.count { return -1 }
        return 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
