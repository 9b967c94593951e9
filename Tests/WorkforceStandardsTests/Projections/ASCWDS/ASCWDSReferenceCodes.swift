// Code lists of the ASC-WDS worker bulk upload, copied as facts for the independent validator
// in ASCWDSReferenceValidator.swift. Source: Skills for Care's ASC-WDS service
// (NMDSdevopsServiceAdm/SopraSteria-SFC@b6857156beec5b291ddc66745de5586ec7fc869e, MIT), as
// extracted in the research files nmds/{nationality,country,qualifications,ethnicity,
// recruitment_source,job_roles,cwp_role_category,qualification_levels}.csv: the bulk-upload codes
// only. They are deliberately not read from the project's CodeSets/, so that a wrong code set
// there is caught here.

/// The codes ASC-WDS accepts in the worker file, by column.
enum ASCWDSReferenceCodes {
    /// NATIONALITY: nationality.csv (826 British, 998 don't know, 999 other are the validator's own).
    static let nationality: Set<Int> = [
        4, 8, 12, 16, 20, 24, 28, 31, 32, 36, 40, 44, 48, 50, 51, 52, 56, 60, 64, 68, 70, 72, 76, 84, 90, 96, 100, 104,
        108, 112, 116, 120, 124, 132, 136, 140, 144, 148, 152, 156, 158, 170, 174, 178, 180, 184, 188, 191, 192, 196,
        203, 204, 208, 212, 214, 218, 222, 226, 231, 232, 233, 234, 242, 246, 250, 262, 266, 268, 270, 275, 276, 288,
        292, 296, 300, 304, 308, 316, 320, 324, 328, 332, 340, 344, 348, 352, 356, 360, 364, 368, 372, 376, 380, 384,
        388, 392, 398, 400, 404, 408, 410, 414, 417, 418, 422, 426, 428, 430, 434, 438, 440, 442, 446, 450, 454, 458,
        462, 466, 470, 474, 478, 480, 484, 492, 496, 498, 499, 500, 504, 508, 512, 516, 520, 524, 528, 531, 534, 535,
        548, 554, 558, 562, 566, 570, 578, 583, 584, 585, 586, 591, 598, 600, 604, 608, 616, 620, 624, 626, 630, 634,
        642, 643, 646, 654, 659, 660, 662, 670, 674, 678, 682, 686, 688, 690, 694, 702, 703, 704, 705, 706, 710, 716,
        724, 728, 732, 736, 740, 748, 752, 756, 760, 762, 764, 768, 776, 780, 784, 788, 792, 795, 796, 798, 800, 804,
        807, 818, 826, 834, 840, 854, 858, 860, 862, 876, 882, 887, 894, 995, 998, 999,
    ]

    /// COUNTRYOFBIRTH: country.csv (826 UK, 998 don't know, 999 other).
    static let country: Set<Int> = [
        4, 8, 10, 12, 16, 20, 24, 28, 31, 32, 36, 40, 44, 48, 50, 51, 52, 56, 60, 64, 68, 70, 72, 74, 76, 84, 86, 90,
        92, 96, 100, 104, 108, 112, 116, 120, 124, 132, 136, 140, 144, 148, 152, 156, 158, 162, 166, 170, 174, 175,
        178, 180, 184, 188, 191, 192, 196, 203, 204, 208, 212, 214, 218, 222, 226, 231, 232, 233, 234, 238, 239, 242,
        246, 248, 250, 254, 258, 260, 262, 266, 268, 270, 275, 276, 288, 292, 296, 300, 304, 308, 312, 316, 320, 324,
        328, 332, 334, 336, 340, 344, 348, 352, 356, 360, 364, 368, 372, 376, 380, 384, 388, 392, 398, 400, 404, 408,
        410, 414, 417, 418, 422, 426, 428, 430, 434, 438, 440, 442, 446, 450, 454, 458, 462, 466, 470, 474, 478, 480,
        484, 492, 496, 498, 499, 500, 504, 508, 512, 516, 520, 524, 528, 530, 531, 533, 534, 535, 540, 548, 554, 558,
        562, 566, 570, 574, 578, 580, 581, 583, 584, 585, 586, 591, 598, 600, 604, 608, 612, 616, 620, 624, 626, 630,
        634, 638, 642, 643, 646, 652, 654, 659, 660, 662, 663, 666, 670, 674, 678, 682, 686, 688, 690, 694, 702, 703,
        704, 705, 706, 710, 716, 724, 728, 732, 736, 740, 744, 748, 752, 756, 760, 762, 764, 768, 772, 776, 780, 784,
        788, 792, 795, 796, 798, 800, 804, 807, 818, 826, 831, 832, 834, 840, 850, 854, 858, 860, 862, 876, 882, 887,
        894, 995, 998, 999,
    ]

    /// QUALACHnn codes: qualifications.csv.
    static let qualification: Set<Int> = [
        1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 25, 26, 27, 28, 32, 33, 34, 35, 36, 37, 38,
        39, 41, 42, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 62, 63, 64, 67, 68, 72, 73, 74, 76, 77, 82, 83, 84, 85,
        86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 98, 99, 100, 101, 102, 103, 104, 105, 107, 108, 109, 110, 111, 112,
        113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134,
        135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156,
        157, 158, 159, 301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315,
    ]

    /// ETHNICITY: ethnicity.csv.
    static let ethnicity: Set<Int> = [
        31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 98, 99,
    ]

    /// RECSOURCE: recruitment_source.csv without the legacy code 3 (rejected, error 1180); 16 is the validator's "not known".
    static let recruitmentSource: Set<Int> = [
        1, 2, 5, 7, 8, 10, 12, 15, 16, 17, 18,
    ]

    /// MAINJOBROLE: job_roles.csv rows accepted in the worker bulk upload (22 and 41 deleted 2024-05; legacy NMDS-SC codes never accepted).
    static let mainJobRole: Set<Int> = [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 23, 24, 25, 26, 27, 34, 35, 36, 37, 38, 39, 40, 42, 43, 44, 45,
        46, 47, 48, 49, 50, 51, 52,
    ]

    /// CWPCATEGORY: cwp_role_category.csv (1-7, 998, 999).
    static let careWorkforcePathway: Set<Int> = [
        1, 2, 3, 4, 5, 6, 7, 998, 999,
    ]

    /// The level after 1; in SCQUAL and NONSCQUAL: qualification_levels.csv.
    static let qualificationLevel: Set<Int> = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 999,
    ]

    /// MAINJOBROLE codes that can carry out delegated healthcare activities: job_roles.csv
    /// can_do_delegated_healthcare_activities = yes (DHA is ignored, warning 5661, otherwise).
    static let delegatedHealthcareRoles: Set<Int> = [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 15, 17, 23, 34, 35, 36, 39, 40, 42, 43, 45, 52,
    ]
}

/// Code lists of the ASC-WDS workplace and training files, copied as facts (same source and
/// commit as above): research extract nmds/services.csv (codes, the validator's
/// cqcRegulatedServiceCodes, the DHA flags), and backend/reference/trainingCategory.js (the
/// training CATEGORY bulk-upload codes).
enum ASCWDSReferenceWorkplaceCodes {
    static let services: Set<Int> = [1, 2, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 52, 53, 54, 55, 60, 61, 62, 63, 64,
                                     66, 67, 68, 69, 70, 71, 72, 73, 74, 75]
    /// MAINSERVICE codes of CQC-regulated services (REGTYPE must be 2 for them, 0 otherwise).
    static let cqcRegulated: Set<Int> = [1, 2, 8, 17, 54, 55, 61, 62, 63, 64, 66, 67, 68, 69, 70, 74]
    /// Services that cannot carry out delegated healthcare activities (warning 5662 for a worker's DHA).
    static let withoutDelegatedHealthcare: Set<Int> = [10, 13, 19, 60, 72]
    /// ESTTYPE codes with a mapping.
    static let employerType: Set<Int> = [1, 3, 6, 7, 8]
    /// Training CATEGORY codes (BUDI), 1 to 51 without 3, 4 and 24.
    static let trainingCategory: Set<Int> = Set(1...51).subtracting([3, 4, 24])
}
