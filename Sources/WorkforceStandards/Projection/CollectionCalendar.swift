/// The collection year of a run, and the reference date each collection takes from it.
///
/// A council answers "the 2025 census": the School Workforce Census counts staff on its
/// census day in November 2025, the Children's Social Work Workforce census on 30 September
/// 2025. The Local Government Earnings Survey runs by financial year: LGES 2025 is the
/// financial year 2025/26 (``lgesSurveyPeriod(_:)``), with posts and pay rates taken on its
/// first day. ASC-WDS has no census day of its own in this project yet; it takes the SWF
/// census day of the year, as it always has here.
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
    /// for SWF and ASC-WDS, 30 September for CSWW (the end of its year), 1 April for LGES (the
    /// first day of its financial year).
    public static func referenceDate(of collection: CollectionID, year: Int, registry: Registry = .embedded) -> SimpleDate {
        switch collection {
        case .csww:
            guard let date = SimpleDate(year: year, month: 9, day: 30) else { preconditionFailure("30 September exists in every year") }
            return date
        case .lges:
            return lgesSurveyPeriod(year).start
        case .swf, .ascwds:
            return swfCensusDay(year, registry: registry).date
        }
    }

    /// The survey period of LGES collection year `year`: the financial year `year`/`year`+1,
    /// 1 April `year` to 31 March `year`+1, named as the LGA names its editions (`2025/26`).
    ///
    /// The LGA's last edition "relate[s] to the 2019/20 financial year", its data "collected
    /// between July 2019 and March 2020" (LGA, Local Government Earnings and Demography Survey
    /// 2019/20 summary report, local.gov.uk). So `--year 2025` means 2025/26, the edition
    /// collected from July 2025. The LGA publishes no reference date inside the year; this
    /// project takes posts and pay rates on the first day, 1 April, the day the NJC pay award
    /// of the year takes effect, and a day a council can extract at any point of the
    /// collection window (`--reference-date` overrides it).
    public static func lgesSurveyPeriod(_ year: Int) -> (start: SimpleDate, end: SimpleDate, name: String) {
        guard let start = SimpleDate(year: year, month: 4, day: 1), let end = SimpleDate(year: year + 1, month: 3, day: 31) else {
            preconditionFailure("1 April and 31 March exist in every year")
        }
        let next = (year + 1) % 100
        return (start, end, "\(year)/\(next < 10 ? "0" : "")\(next)")
    }

    /// What collection year `year` of `collection` is, for a run's summary: `financial year
    /// 2025/26` for LGES; empty for the collections whose year is named by its reference date.
    public static func periodDescription(of collection: CollectionID, year: Int) -> String {
        guard collection == .lges else { return "" }
        let period = lgesSurveyPeriod(year)
        return "financial year \(period.name), \(period.start) to \(period.end)"
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
