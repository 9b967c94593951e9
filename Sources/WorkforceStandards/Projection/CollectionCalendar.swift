/// The collection year of a run, and the reference date each collection takes from it.
///
/// A council answers "the 2025 census": the School Workforce Census counts staff on its
/// census day in November 2025, the Children's Social Work Workforce census on 30 September
/// 2025. ASC-WDS and LGES have no census day of their own in this project yet; they take the
/// SWF census day of the year, as they always have here.
public enum CollectionCalendar {
    /// The years a run may ask for: the harmonised standard dates from 2010, and a year past
    /// 2100 is a typing mistake, not a census.
    public static let supportedYears = 2010...2100

    /// The SWF census day (CBDS 800004 ReferenceDate) of `year`: the day DfE set, from
    /// `swf.census-day`, or the first Thursday of November when the year is not in that list.
    ///
    /// - Returns: the date, and whether it came from the list (false: the fallback rule).
    public static func swfCensusDay(_ year: Int, registry: Registry = .embedded) -> (date: SimpleDate, isKnown: Bool) {
        if let code = registry.codeSet("swf.census-day")?.code(String(year)),
           let text = code.attributes["census_day"], let date = SimpleDate(text) {
            return (date, true)
        }
        return (firstThursdayOfNovember(year), false)
    }

    /// The first Thursday of November of `year`.
    static func firstThursdayOfNovember(_ year: Int) -> SimpleDate {
        guard let first = SimpleDate(year: year, month: 11, day: 1) else { preconditionFailure("1 November exists in every year") }
        // dayNumber 0 (0000-03-01) is a Wednesday, so Thursdays are 1 mod 7.
        return first.adding(days: ((1 - first.dayNumber % 7) % 7 + 7) % 7)
    }

    /// The reference date `collection` takes from collection year `year`: the SWF census day
    /// for SWF, ASC-WDS and LGES, 30 September for CSWW (the end of its year).
    public static func referenceDate(of collection: CollectionID, year: Int, registry: Registry = .embedded) -> SimpleDate {
        switch collection {
        case .csww:
            guard let date = SimpleDate(year: year, month: 9, day: 30) else { preconditionFailure("30 September exists in every year") }
            return date
        case .swf, .ascwds, .lges:
            return swfCensusDay(year, registry: registry).date
        }
    }

    /// The latest collection year of `collection` whose reference date is on or before `today`.
    public static func latestYear(of collection: CollectionID, onOrBefore today: SimpleDate, registry: Registry = .embedded) -> Int {
        referenceDate(of: collection, year: today.year, registry: registry) <= today ? today.year : today.year - 1
    }
}

extension ProjectionSettings {
    /// The settings of `collection`'s return for collection year `year`: its reference date
    /// from ``CollectionCalendar``, or `referenceDate` when one is given to override it.
    public init(registry: Registry = .embedded, collection: CollectionID, year: Int, referenceDate: SimpleDate? = nil) {
        self.init(registry: registry, referenceDate: referenceDate ?? CollectionCalendar.referenceDate(of: collection, year: year, registry: registry),
                  collectionYear: year)
    }
}
