// libFuzzer's entry points (swiftc -sanitize=fuzzer). Built by scripts/fuzz.sh; not part of
// the package.
import Foundation

/// The surface named by WDS_FUZZ_SURFACE, or nil to let each input's first byte choose.
let fixedSurface: FuzzSurface? = ProcessInfo.processInfo.environment["WDS_FUZZ_SURFACE"].flatMap(FuzzSurface.init(rawValue:))

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    Fuzz.warmUp()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    if let surface = fixedSurface {
        Fuzz.run(input, on: surface)
    } else if let first = input.first {
        Fuzz.run(UnsafeBufferPointer(rebasing: input[1...]), on: FuzzSurface.allCases[Int(first) % FuzzSurface.allCases.count])
    }
    return 0
}
