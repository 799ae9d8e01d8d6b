//! The end of an agreed restriction in writing: to the individual (the plan must tell them when
//! it ends the restriction itself) and to each business associate that was told of it.

use chrono::NaiveDate;

use super::*;
use crate::restriction::EndedBy;

/// Tells the individual that a restriction ends on `ended_on`, for future uses and disclosures
/// only; when the plan ends it, information created or received before stays covered.
pub fn restriction_ended(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    restriction: &str,
    agreed_on: NaiveDate,
    ended_on: NaiveDate,
    ended_by: EndedBy,
) -> Letter {
    let opening = match ended_by {
        EndedBy::Individual => format!(
            "As you asked, the restriction on the use and disclosure of your health information that the Plan agreed to on {} ends on {}. The restriction was:",
            date(agreed_on),
            date(ended_on)
        ),
        EndedBy::Plan => format!(
            "The {} has decided to end the restriction on the use and disclosure of your health information that it agreed to on {}. The restriction ends on {}. It was:",
            keep(&org.plan_name),
            date(agreed_on),
            date(ended_on)
        ),
    };
    let mut blocks = vec![
        salutation(&recipient.name),
        para(opening),
        Block::Quote(format!("\u{201c}{}\u{201d}", restriction.trim())),
        para("Ending the restriction affects only uses and disclosures from that date on; nothing done while it was in force changes."),
    ];
    if ended_by == EndedBy::Plan {
        blocks.push(para(
            "Because the Plan, not you, ended the restriction, health information the Plan created or received before that date stays covered by it unless you agree otherwise in writing. Only information created or received from that date on may be used and disclosed as the law otherwise allows.",
        ));
    }
    blocks.push(para(
        "The Plan is telling its business associates that the restriction has ended. You may ask for a new restriction at any time.",
    ));
    blocks.push(para(QUESTIONS_OR_ANOTHER_FORMAT));
    blocks.push(official_contact(org));
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::RestrictionEnded,
        title: LetterKind::RestrictionEnded.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(format!("Re: The restriction agreed on {}", date(agreed_on))),
        blocks,
    }
}

/// Tells a business associate that a restriction it was told of ends on `ended_on`.
pub fn restriction_ended_notice(
    org: &Organization,
    associate: &Addressee,
    dated: NaiveDate,
    individual: &str,
    restriction: &str,
    ended_on: NaiveDate,
    ended_by: EndedBy,
) -> Letter {
    let mut blocks = vec![
        salutation(&associate.name),
        para(format!(
            "The {} told you in writing of a restriction agreed for {} on how the individual's protected health information is used and disclosed. That restriction ends on {}. It was:",
            keep(&org.plan_name),
            keep(individual),
            date(ended_on)
        )),
        Block::Quote(format!("\u{201c}{}\u{201d}", restriction.trim())),
        para("The end applies only to uses and disclosures from that date on."),
    ];
    if ended_by == EndedBy::Plan {
        blocks.push(para("Information created or received before that date stays covered by the restriction: keep observing it for that information."));
    }
    blocks.push(para(
        "If you have questions, please contact the Privacy Official:",
    ));
    blocks.push(official_contact(org));
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::RestrictionEndedNotice,
        title: LetterKind::RestrictionEndedNotice.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(associate),
        reference: Some(format!(
            "Re: Restriction for {} ending {}",
            keep(individual),
            date(ended_on)
        )),
        blocks,
    }
}

/// Confirms to the individual that, as they asked, letters about their health information go
/// again to the address on file from `ended_on`, no longer as their confidential-communication
/// request arranged.
pub fn accommodation_ended(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    arranged: &str,
    ended_on: NaiveDate,
) -> Letter {
    let blocks = vec![
        salutation(&recipient.name),
        para(format!(
            "As you asked, from {} the {} will send letters about your health information to the address on file, at the top of this letter, and no longer as you had asked it to:",
            date(ended_on),
            keep(&org.plan_name)
        )),
        Block::Quote(arranged.trim().to_string()),
        para("Letters sent before that date stay where they went. You may ask again at any time for communications by other means or at another address."),
        para("If you did not ask for this change, please call the Privacy Official at once."),
        para(QUESTIONS_OR_ANOTHER_FORMAT),
        official_contact(org),
        signature(org),
    ];
    Letter {
        kind: LetterKind::AccommodationEnded,
        title: LetterKind::AccommodationEnded.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(format!(
            "Re: Your request for confidential communications, ended {}",
            date(ended_on)
        )),
        blocks,
    }
}
