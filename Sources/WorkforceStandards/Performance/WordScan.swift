// Eight bytes at a time: finding a CSV row's separators without looking at each byte alone.

/// Classifies the eight bytes of a word at once ("SWAR": SIMD within a register), so that a
/// CSV row's plain fields are found with a few operations per eight bytes rather than a few
/// per byte.
///
/// A mask has the top bit of byte *i* set for a byte *i* that matches (byte 0 is the first in
/// memory: words are read little-endian). Every test is exact for every byte: no carry or
/// borrow crosses from one byte into the next, because only the low seven bits of a byte
/// are ever added to.
struct WordScan {
    private static let lows: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let sevenBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The separator in every byte.
    private let separatorPattern: UInt64

    /// Whether `separator` can be scanned for this way: an ASCII byte that is none of the
    /// bytes the scan stops at.
    static func canScan(separator: UInt8) -> Bool {
        separator < 0x80 && separator != 0x22 && separator >= 0x0E
    }

    init(separator: UInt8) {
        separatorPattern = UInt64(separator) &* Self.lows
    }

    /// The bytes of `word` equal to zero.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        // Adding 0x7F to the low seven bits sets the top bit unless they are all clear; or'ed
        // with the byte itself, only a zero byte keeps its top bit clear.
        ~(((word & sevenBits) &+ sevenBits) | word) & highs
    }

    /// The separators of `word`.
    @inline(__always)
    func separators(_ word: UInt64) -> UInt64 {
        Self.zeroBytes(word ^ separatorPattern)
    }

    /// The bytes of `word` that a plain field cannot hold: a quote, a line end, a NUL or any
    /// other control byte below 0x0E (tabs are rare in a comma-separated file, and reading
    /// them one by one is only slower), and every byte of 0x80 or above (not ASCII, so the
    /// field needs a UTF-8 check).
    @inline(__always)
    static func stops(_ word: UInt64) -> UInt64 {
        // Top bit set where the low seven bits are 0x0E or more (0x80 - 0x0E = 0x72).
        let atLeast0E = (word & sevenBits) &+ (0x72 &* lows)
        return ((~atLeast0E & highs) | zeroBytes(word ^ (0x22 &* lows)) | word) & highs
    }

    /// The place (0 to 7) of the first byte in `mask`, which must not be zero.
    @inline(__always)
    static func firstByte(_ mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }

    /// The bytes of `mask` before its first byte in `before` (all of `mask` when `before` is zero).
    @inline(__always)
    static func bytes(_ mask: UInt64, before: UInt64) -> UInt64 {
        before == 0 ? mask : mask & ((before & (0 &- before)) &- 1)
    }
}
