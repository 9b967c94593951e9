// Objects lent from an array that keeps them alive, without a retain and a release per use: the
// speed machinery of the exchange reader's loop over every field of every row, where each
// column's binding object is used once a field.

/// An object held without a reference count, lent to a closure.
///
/// Taking a class instance out of an array retains it and releases it when done: two atomic
/// operations per use, on an object every thread reading rows shares. This view skips them. It
/// is safe as long as something else keeps the object alive for as long as the view is used:
/// build it from an array of objects that outlives it (``UnretainedReferences``). The plain
/// equivalent, which the tests compare it with, is reading the array's element.
package struct UnretainedReference<Object: AnyObject> {
    private let unmanaged: Unmanaged<Object>

    /// A view of `object`, which the caller keeps alive longer than the view.
    init(_ object: Object) { unmanaged = .passUnretained(object) }

    /// Calls `body` with the object, lent without a retain.
    @inline(__always)
    package func withObject<Result>(_ body: (Object) throws -> Result) rethrows -> Result {
        try unmanaged._withUnsafeGuaranteedRef(body)
    }
}

/// An array of optional objects with an unretained view of each: the array keeps them alive, the
/// views lend them (see ``UnretainedReference``).
package struct UnretainedReferences<Object: AnyObject> {
    /// The objects, kept alive here.
    package private(set) var objects: [Object?]
    private var views: [UnretainedReference<Object>?]

    /// The views of `objects`, which this value keeps alive.
    package init(_ objects: [Object?] = []) {
        self.objects = objects
        views = objects.map { $0.map(UnretainedReference.init) }
    }

    /// How many entries there are.
    package var count: Int { objects.count }

    /// The unretained view of the object at `index`, or nil for an empty entry.
    @inline(__always)
    package func lent(_ index: Int) -> UnretainedReference<Object>? { views[index] }
}
