import Foundation
import Testing
@testable import WorkforceStandards

/// `PostRecord` behaves as a plain value: a copy is independent of the record it was copied
/// from, equality is by value, and the records the pipeline lends its projections are the
/// records a plain loop would hand them (Performance/RecordLending.swift against the plain
/// `records[index]`).
@Suite("post records are values")
struct PostRecordValueTests {
    static func record(_ id: String, sex: String, givenNames: [String] = ["Ann"]) -> PostRecord {
        var record = PostRecord()
        record.postID = id
        record.sex = sex
        record.givenNames = givenNames
        record.payItems = [PayItem(type: "ACT", amount: 1200)]
        return record
    }

    @Test func aCopyIsIndependentOfTheOriginal() {
        let original = Self.record("P1", sex: "F")
        var copy = original
        #expect(copy == original)
        copy.sex = "M"
        copy.givenNames.append("Beth")
        copy.payItems[0].amount = 99
        copy.line = 7
        #expect(original.sex == "F" && original.givenNames == ["Ann"] && original.payItems[0].amount == 1200 && original.line == 0)
        #expect(copy.sex == "M" && copy.givenNames == ["Ann", "Beth"] && copy.payItems[0].amount == 99 && copy.line == 7)
        #expect(copy != original)
    }

    @Test func equalityIsByValue() {
        #expect(Self.record("P1", sex: "F") == Self.record("P1", sex: "F"))
        #expect(Self.record("P1", sex: "F") != Self.record("P1", sex: "M"))
        #expect(PostRecord() == PostRecord())
        var changedBack = Self.record("P1", sex: "F")
        changedBack.sex = "M"
        changedBack.sex = "F"
        #expect(changedBack == Self.record("P1", sex: "F"))
    }

    @Test func aRecordSentToAnotherTaskKeepsItsValues() async {
        let record = Self.record("P9", sex: "F")
        let seen = await Task.detached { [record] in (record.postID, record.sex, record.payItems.first?.amount) }.value
        #expect(seen.0 == "P9" && seen.1 == "F" && seen.2 == 1200)
    }

    @Test func aRecordReadFromTheExchangeFormatIsTheRecordBuiltInMemory() {
        var reader = PostRecordReader()
        _ = reader.readHeader(CSVRecord(fields: ["post_identifier", "sex", "given_names", "additional_payment_type", "additional_payment_amount"], line: 1))
        let (read, diagnostics) = reader.read(CSVRecord(fields: ["P1", "F", "Ann", "ACT", "1200"], line: 2))
        #expect(diagnostics.isEmpty)
        var expected = Self.record("P1", sex: "F")
        expected.line = 2
        #expect(read == expected)
    }

    @Test("lending records is the plain loop over them", arguments: [[Int](), [0], [2, 0, 2, 1], [3, 3, 3], Array(0..<4)])
    func lendingIsThePlainLoop(_ indices: [Int]) {
        let records = [Self.record("P0", sex: "F"), Self.record("P1", sex: "M", givenNames: []),
                       Self.record("P2", sex: "U", givenNames: ["Cy", "Di"]), PostRecord()]
        var lent: [PostRecord] = []
        PostRecord.forEachLent(in: records, at: indices) { record in lent.append(copy record) }
        let plain = indices.map { records[$0] }
        #expect(lent == plain)
        #expect(lent.map(\.postID) == indices.map { ["P0", "P1", "P2", nil][$0] })
    }
}
