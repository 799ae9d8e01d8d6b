//! Notices the plan sends to others: an agreed restriction to each business associate, an
//! accepted amendment to each person named by the individual. Minimum necessary: the
//! individual's name and the restriction or amendment, nothing more.

use chrono::NaiveDate;

use super::*;

/// Tells a business associate, in writing, of a restriction the plan agreed to.
pub fn restriction_notice(
    org: &Organization,
    associate: &Addressee,
    dated: NaiveDate,
    individual: &str,
    restriction: &str,
    agreed_on: NaiveDate,
) -> Letter {
    let blocks = vec![
        salutation(&associate.name),
        para(format!(
            "On {} the {} agreed to a restriction, requested by {} under 45 CFR 164.522(a), on how the individual's protected health information is used and disclosed. The restriction is:",
            date(agreed_on),
            keep(&org.plan_name),
            keep(individual)
        )),
        Block::Quote(format!("\u{201c}{}\u{201d}", restriction.trim())),
        para("Under your business associate agreement with the Plan, please observe this restriction from the date of this notice in every use and disclosure you make of this individual's information on the Plan's behalf, and tell the people in your organization who handle it."),
        para("The restriction stays in force until the Plan tells you in writing that it has ended. It does not prevent a disclosure to a health care provider needed for the individual's emergency treatment."),
        para("If you cannot comply, or have questions, please contact the Privacy Official at once:"),
        official_contact(org),
        signature(org),
    ];
    Letter {
        kind: LetterKind::RestrictionNotice,
        title: LetterKind::RestrictionNotice.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(associate),
        reference: Some(format!(
            "Re: Restriction agreed for {} on {}",
            keep(individual),
            date(agreed_on)
        )),
        blocks,
    }
}

/// Tells a person named by the individual (or known to rely on the information) of an amendment.
pub fn amendment_notice(
    org: &Organization,
    to: &Addressee,
    dated: NaiveDate,
    individual: &str,
    amendment: &str,
    amended_on: NaiveDate,
) -> Letter {
    let blocks = vec![
        salutation(&to.name),
        para(format!(
            "At the request of {}, the {} amended the individual's health information on {}. You are receiving this notice because the individual named you, or because the Plan knows you have the information and may rely on it. The amendment is:",
            keep(individual),
            keep(&org.plan_name),
            date(amended_on)
        )),
        Block::Quote(format!("\u{201c}{}\u{201d}", amendment.trim())),
        para("Please update any records you keep that contain the information, and rely on the amended information from now on."),
        para("If you have questions, please contact the Privacy Official:"),
        official_contact(org),
        signature(org),
    ];
    Letter {
        kind: LetterKind::AmendmentNotice,
        title: LetterKind::AmendmentNotice.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(to),
        reference: Some(format!(
            "Re: Amendment of health information of {}",
            keep(individual)
        )),
        blocks,
    }
}
