//! Response letters to a person's request: access, amendment, restriction, confidential
//! communications, accounting (and its fee notice), complaint acknowledgement, denial review.

use chrono::NaiveDate;

use super::*;
use crate::decision::{
    AccessDecision, AccessDenial, AccessGrant, AmendmentDecision, AmendmentDenial,
    ConfidentialCommunicationDecision, DenialReview, Extension, RestrictionDecision, ReviewOutcome,
};
use crate::disclosure::{repeated, Disclosure};

/// Days the person has to file a statement of disagreement (county procedure).
pub const DISAGREEMENT_DAYS: u64 = 60;

fn opening(org: &Organization, what: &str, received_on: NaiveDate) -> String {
    format!(
        "The {} received your request {what} on {}.",
        keep(&org.plan_name),
        date(received_on)
    )
}

fn questions(org: &Organization) -> Vec<Block> {
    vec![para(QUESTIONS_OR_ANOTHER_FORMAT), official_contact(org)]
}

fn extension_blocks(
    org: &Organization,
    what: &str,
    received_on: NaiveDate,
    ext: &Extension,
) -> Vec<Block> {
    vec![
        heading("We need more time to respond"),
        para(format!(
            "{} The Plan has begun to evaluate it, but it needs more time to respond, for the following reason:",
            opening(org, what, received_on)
        )),
        Block::Quote(ext.reason.trim().to_string()),
        Block::Paragraph(vec![
            r("The Plan will respond to your request no later than "),
            b(date(ext.respond_by)),
            r(". The law allows the Plan one extension of up to 30 days when it tells you in writing, within the original time limit, why it needs more time and when it will respond; this letter is that notice."),
        ]),
    ]
}

fn fee_paragraph(fee_cents: u64) -> Block {
    if fee_cents == 0 {
        Block::Paragraph(vec![
            b("Fee: "),
            r("none. There is no charge for this access."),
        ])
    } else {
        Block::Paragraph(vec![
            b("Fee: "),
            r(format!(
                "{}. The fee is reasonable and cost-based: it covers only the labour and supplies for copying, postage if the copies are mailed, and preparing a summary if you agreed to one. The Plan does not charge for searching for, retrieving or verifying your records.",
                dollars(fee_cents)
            )),
        ])
    }
}

/// Response to a request to inspect or copy (164.524): grant, extension or denial.
pub fn access_response(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    received_on: NaiveDate,
    decision: &AccessDecision,
) -> Letter {
    let what = "to inspect or copy your health information";
    let mut blocks = vec![salutation(&recipient.name)];
    match decision {
        AccessDecision::Grant(g) => blocks.extend(access_grant_blocks(org, what, received_on, g)),
        AccessDecision::Extension(e) => blocks.extend(extension_blocks(org, what, received_on, e)),
        AccessDecision::Denial(d) => blocks.extend(access_denial_blocks(org, what, received_on, d)),
    }
    if !matches!(decision, AccessDecision::Denial(_)) {
        blocks.extend(questions(org));
    }
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::AccessResponse,
        title: LetterKind::AccessResponse.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(request_received(what, received_on)),
        blocks,
    }
}

fn access_grant_blocks(
    org: &Organization,
    what: &str,
    received_on: NaiveDate,
    g: &AccessGrant,
) -> Vec<Block> {
    vec![
        heading("Your request is granted"),
        para(format!(
            "{} Your request to access your health information has been granted.",
            opening(org, what, received_on)
        )),
        Block::Paragraph(vec![b("How access will be provided: "), r(g.access.trim())]),
        Block::Paragraph(vec![
            b("When: "),
            r("the information will be available to you from "),
            b(date(g.available_on)),
            r("."),
        ]),
        Block::Paragraph(vec![
            b("Format: "),
            r(format!("{} copies.", capitalise(g.format.as_words()))),
        ]),
        fee_paragraph(g.fee_cents),
    ]
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Text as a sentence: trimmed, with a full stop unless it already ends one.
fn ended(text: &str) -> String {
    let t = text.trim();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn access_denial_blocks(
    org: &Organization,
    what: &str,
    received_on: NaiveDate,
    d: &AccessDenial,
) -> Vec<Block> {
    let mut blocks = vec![
        heading("Your request is denied"),
        para(format!(
            "{} After review, the Plan has denied your request for the following reason{}:",
            opening(org, what, received_on),
            if d.grounds.len() > 1 { "s" } else { "" }
        )),
        Block::Bullets(d.grounds.iter().map(|g| vec![r(g.description())]).collect()),
    ];
    if not_blank(&d.explanation) {
        blocks.push(Block::Paragraph(vec![
            b("Explanation: "),
            r(d.explanation.trim()),
        ]));
    }
    blocks.push(heading("Partial denial"));
    match d.released.as_deref().filter(|s| not_blank(s)) {
        Some(released) => {
            blocks.push(para(
                "This denial covers only part of what you asked for.",
            ));
            blocks.push(Block::Paragraph(vec![
                b("Denied, for the reasons above: "),
                r(ended(
                    d.withheld
                        .as_deref()
                        .filter(|s| not_blank(s))
                        .map_or("the information described in the explanation above", str::trim),
                )),
            ]));
            blocks.push(Block::Paragraph(vec![
                b("Released to you: "),
                r(format!(
                    "{} The Plan will give you access to it as it would to any record you ask for.",
                    ended(released)
                )),
            ]));
        }
        None => blocks.push(para(
            "If this denial covers only part of the information you asked for, the Plan will still give you access to everything else you requested, after excluding only the information it has denied.",
        )),
    }
    match d.held_by.as_deref().filter(|s| not_blank(s)) {
        Some(holder) => {
            blocks.push(heading("Records the Plan does not hold"));
            blocks.push(para(
                "The Plan does not keep some of the information you asked for. It is held by the organization below, and you may send your request there:",
            ));
            blocks.push(Block::Lines(
                holder
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
            ));
        }
        None => blocks.push(para(
            "If the information you asked for is not kept by the Plan but by someone else (for example the Plan's claims administrator), the Plan will tell you where to send your request; please contact the Privacy Official.",
        )),
    }
    blocks.push(heading("Your right to have this denial reviewed"));
    if d.is_reviewable() {
        blocks.push(Block::Paragraph(vec![
            r("You have the right to have this denial reviewed. The review will be done by a "),
            r("licensed health care professional"),
            r(" designated by the Plan who did not participate in the original decision to deny. To ask for a review, write to the Privacy Official at the address below. The Plan will promptly refer your request to the reviewer, tell you the reviewer's decision in writing, and carry it out."),
        ]));
        if d.grounds.iter().any(|g| !g.is_reviewable()) {
            blocks.push(para(
                "The review covers only the reasons above that rest on a licensed health care professional's judgement; the other reasons cannot be reviewed.",
            ));
        }
    } else {
        blocks.push(para(
            "The law does not provide a review of a denial made for the reason given above, so this decision is final. You may still file a complaint as described below.",
        ));
    }
    blocks.extend(complaint_rights(org));
    blocks
}

/// Response to a request to correct or amend (164.526): grant, extension or denial.
pub fn amendment_response(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    received_on: NaiveDate,
    decision: &AmendmentDecision,
) -> Letter {
    let what = "to amend or correct your health information";
    let mut blocks = vec![salutation(&recipient.name)];
    match decision {
        AmendmentDecision::Grant(g) => {
            blocks.push(heading("Your request is granted"));
            blocks.push(para(format!(
                "{} Your request has been granted. The Plan will amend your health information: it will make the change in its designated record set, identify the records affected, and append or link the amendment to them.",
                opening(org, what, received_on)
            )));
            if g.notify.is_empty() {
                blocks.push(para(
                    "You did not name anyone to be told of the amendment. If you want the Plan to tell anyone, send the Privacy Official their names and addresses.",
                ));
            } else {
                blocks.push(para(
                    "As you asked, the Plan will tell the following people of the amendment:",
                ));
                blocks.push(Block::Bullets(
                    g.notify
                        .iter()
                        .map(|p| vec![r(addressee_line(p))])
                        .collect(),
                ));
            }
            blocks.push(para(
                "The Plan will also make reasonable efforts to tell, within a reasonable time, anyone it knows has the information that was amended and may have relied, or could rely, on it to your detriment, including the Plan's business associates.",
            ));
            blocks.extend(questions(org));
        }
        AmendmentDecision::Extension(e) => {
            blocks.extend(extension_blocks(org, what, received_on, e));
            blocks.extend(questions(org));
        }
        AmendmentDecision::Denial(d) => {
            blocks.extend(amendment_denial_blocks(org, what, dated, received_on, d))
        }
    }
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::AmendmentResponse,
        title: LetterKind::AmendmentResponse.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(request_received(what, received_on)),
        blocks,
    }
}

fn addressee_line(p: &Addressee) -> String {
    let mut parts = vec![keep(&p.name)];
    parts.extend(
        p.address
            .iter()
            .filter(|l| not_blank(l))
            .map(|l| l.trim().to_string()),
    );
    parts.join(", ")
}

fn amendment_denial_blocks(
    org: &Organization,
    what: &str,
    dated: NaiveDate,
    received_on: NaiveDate,
    d: &AmendmentDenial,
) -> Vec<Block> {
    let file_by = dated
        .checked_add_days(chrono::Days::new(DISAGREEMENT_DAYS))
        .unwrap_or(dated);
    let mut blocks = vec![
        heading("Your request is denied"),
        para(format!(
            "{} After review, the Plan has denied your request for the following reason{}:",
            opening(org, what, received_on),
            if d.grounds.len() > 1 { "s" } else { "" }
        )),
        Block::Bullets(d.grounds.iter().map(|g| vec![r(g.description())]).collect()),
    ];
    if not_blank(&d.explanation) {
        blocks.push(Block::Paragraph(vec![
            b("Explanation: "),
            r(d.explanation.trim()),
        ]));
    }
    blocks.extend([
        heading("Statement of disagreement"),
        Block::Paragraph(vec![
            r("You have the right to file a written "),
            r(keep("statement of disagreement")),
            r(" saying why you disagree with this denial. The statement must be limited to two single-sided 8½ x 11 inch pages. Please file it within 60 days of the date of this letter, that is by "),
            b(date(file_by)),
            r(", with "),
            r(official(org)),
            r(", at:"),
        ]),
        Block::Lines(
            std::iter::once(format!(
                "{}, {}",
                org.department.trim(),
                org.plan_name.trim()
            ))
            .chain(org.address.iter().map(|l| l.trim().to_string()))
            .chain(std::iter::once(format!("Fax {}", org.fax.trim())))
            .collect(),
        ),
        para("The Plan may prepare a written rebuttal to your statement of disagreement. If it does, it will send you a copy."),
        para("If you do not submit a statement of disagreement, you may ask the Plan to include your request for amendment and this denial with any future disclosures of the information that is the subject of your request."),
    ]);
    blocks.extend(complaint_rights(org));
    blocks
}

/// Response to a request to restrict uses and disclosures (164.522(a)).
pub fn restriction_response(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    received_on: NaiveDate,
    decision: &RestrictionDecision,
) -> Letter {
    let what = "to restrict the use and disclosure of your health information";
    let mut blocks = vec![salutation(&recipient.name)];
    match decision {
        RestrictionDecision::Agreed(a) => {
            blocks.push(heading("The Plan agrees to your restriction"));
            blocks.push(para(format!(
                "{} The Plan agrees, from {}, to the following restriction:",
                opening(org, what, received_on),
                date(dated)
            )));
            blocks.push(Block::Quote(format!(
                "\u{201c}{}\u{201d}",
                a.restriction.trim()
            )));
            let associates: Vec<_> = a
                .business_associates
                .iter()
                .filter(|s| not_blank(s))
                .collect();
            if associates.is_empty() {
                blocks.push(para(
                    "No business associate of the Plan handles the restricted information, so no one else needs to be told.",
                ));
            } else {
                blocks.push(para(
                    "The Plan will tell these business associates of the restriction in writing, so that they observe it too:",
                ));
                blocks.push(Block::Bullets(
                    associates.iter().map(|s| vec![r(keep(s))]).collect(),
                ));
            }
            blocks.push(heading("Ending the restriction"));
            blocks.push(para(
                "Either you or the Plan may end this restriction at any time. You may end it by writing to the Privacy Official; if the Plan ends it, it will tell you in writing. Ending the restriction affects only future uses and disclosures: information created or received while the restriction was in force stays covered by it unless you agree otherwise.",
            ));
            blocks.push(para(
                "If you need emergency treatment and the restricted information is needed to provide it, the Plan may disclose it to a health care provider for that treatment and will ask the provider not to use or disclose it further.",
            ));
        }
        RestrictionDecision::Denied(d) => {
            blocks.push(heading("The Plan cannot agree to your restriction"));
            blocks.push(para(format!(
                "{} The law does not require the Plan to agree to a requested restriction, and after review the Plan cannot agree to yours, for the following reason:",
                opening(org, what, received_on)
            )));
            blocks.push(Block::Quote(d.reason.trim().to_string()));
            blocks.push(para(
                "You may ask for a different restriction at any time, or ask the Plan to send its communications to you at another address or by other means.",
            ));
        }
    }
    blocks.extend(questions(org));
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::RestrictionResponse,
        title: LetterKind::RestrictionResponse.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(request_received(what, received_on)),
        blocks,
    }
}

/// Response to a request for confidential communications (164.522(b)).
pub fn confidential_communication_response(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    received_on: NaiveDate,
    decision: &ConfidentialCommunicationDecision,
) -> Letter {
    let what = "to receive communications at another address or by other means";
    let mut blocks = vec![salutation(&recipient.name)];
    match decision {
        ConfidentialCommunicationDecision::Accommodated { means, .. } => {
            blocks.push(heading("The Plan will accommodate your request"));
            blocks.push(para(format!(
                "{} From {}, the Plan will send its communications about your health information as follows:",
                opening(org, what, received_on),
                date(dated)
            )));
            blocks.push(Block::Quote(means.trim().to_string()));
            blocks.push(para(
                "If your address or preferred means changes, or you want to end this arrangement, please write to the Privacy Official.",
            ));
        }
        ConfidentialCommunicationDecision::Denied { reason } => {
            blocks.push(heading("The Plan cannot accommodate your request"));
            blocks.push(para(format!(
                "{} The Plan cannot accommodate it as made, for the following reason:",
                opening(org, what, received_on)
            )));
            blocks.push(Block::Quote(reason.trim().to_string()));
            blocks.push(para(
                "The Plan must accommodate a reasonable request if you tell it that sending information to your usual address, or by the usual means, could endanger you. If that is the case, please write to the Privacy Official saying so, with the address or means you want the Plan to use; you do not have to explain further.",
            ));
        }
    }
    blocks.extend(questions(org));
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::ConfidentialCommunicationResponse,
        title: LetterKind::ConfidentialCommunicationResponse
            .title()
            .to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(request_received(what, received_on)),
        blocks,
    }
}

/// One accountable disclosure, or a summary of repeated ones to one recipient for one purpose.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountingEntry {
    /// The date of the disclosure (the first one, for a summary).
    pub on: NaiveDate,
    pub recipient: String,
    /// The recipient's address, if known.
    #[serde(default)]
    pub recipient_address: Option<String>,
    /// What information was disclosed.
    pub description: String,
    /// The purpose, or a statement that a copy of the written request is attached.
    pub purpose: String,
    /// For repeated disclosures: how often or how many, and the date of the last.
    #[serde(default)]
    pub repeated: Option<Repeated>,
    /// With no purpose written, the disclosure (its logbook id) whose copy of the written
    /// request is enclosed instead (164.528(b)(2)(iv)).
    #[serde(default)]
    pub written_request_of: Option<String>,
    /// Made on the Plan's behalf by a business associate (164.528(b)(1)): the associate as the
    /// letter names it ("Blue Cross and Blue Shield of Florida, the Plan's claims
    /// administrator"); `None` for the Plan's own.
    #[serde(default)]
    pub disclosed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeated {
    /// "monthly", "12 disclosures", …
    pub frequency: String,
    pub last_on: NaiveDate,
}

/// The accounting of disclosures sent to the person (164.528).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountingStatement {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub entries: Vec<AccountingEntry>,
    /// 0 for the first accounting in 12 months.
    pub fee_cents: u64,
}

impl AccountingStatement {
    /// The entries in the order the letter prints them: the Plan's own first, then each
    /// business associate's (by the associate's name), each by date.
    pub fn printed(&self) -> Vec<&AccountingEntry> {
        let mut entries: Vec<&AccountingEntry> = self.entries.iter().collect();
        entries.sort_by_key(|e| (e.disclosed_by.as_deref().map(str::to_lowercase), e.on));
        entries
    }

    /// Whether any entry was made by a business associate (the letter then lists the
    /// disclosures under who made them).
    pub fn has_associates(&self) -> bool {
        self.entries.iter().any(|e| e.disclosed_by.is_some())
    }

    /// The copies of written requests enclosed with the letter, numbered from 1 in the order
    /// the table prints their entries: (number, the disclosure's logbook id).
    pub fn enclosures(&self) -> Vec<(usize, &str)> {
        self.printed()
            .into_iter()
            .filter_map(|e| e.written_request_of.as_deref())
            .enumerate()
            .map(|(i, id)| (i + 1, id))
            .collect()
    }

    /// The statement for the disclosures an accounting includes (those
    /// [`crate::accounting::account`] lists), repeated disclosures to one recipient for one
    /// purpose summarised as one entry (see [`accounting_entries`]).
    pub fn summarised(
        period_from: NaiveDate,
        period_to: NaiveDate,
        included: &[Disclosure],
        fee_cents: u64,
    ) -> Self {
        AccountingStatement {
            period_from,
            period_to,
            entries: accounting_entries(included),
            fee_cents,
        }
    }
}

/// The table entries for the disclosures an accounting includes: one per disclosure, except
/// that repeated disclosures to one recipient for one purpose (164.528(b)(3),
/// [`crate::disclosure::repeated`]) become one entry giving the first of them (its date,
/// recipient, description and purpose), how many there were, and the date of the last.
pub fn accounting_entries(included: &[Disclosure]) -> Vec<AccountingEntry> {
    repeated(included)
        .into_iter()
        .filter_map(|group| {
            let first = included.iter().find(|d| d.id == group.first_id)?;
            Some(AccountingEntry {
                on: group.first_on,
                recipient: first.recipient.trim().to_string(),
                recipient_address: crate::authorization::present(Some(&first.recipient_address)),
                description: first.description.trim().to_string(),
                purpose: first.purpose.trim().to_string(),
                repeated: (group.count > 1).then(|| Repeated {
                    frequency: format!("{} disclosures", group.count),
                    last_on: group.last_on,
                }),
                // A blank purpose is never grouped, so the entry is this one disclosure.
                written_request_of: (first.purpose.trim().is_empty() && first.written_request_copy)
                    .then(|| first.id.clone()),
                // Grouping keeps each associate's disclosures apart from the Plan's own.
                disclosed_by: first
                    .by_associate
                    .as_deref()
                    .filter(|a| not_blank(a))
                    .map(|a| a.trim().to_string()),
            })
        })
        .collect()
}

/// The table of an accounting: one row per entry, in the order given.
fn accounting_table(
    entries: &[&AccountingEntry],
    enclosure_of: impl Fn(&AccountingEntry) -> Option<usize>,
) -> Block {
    Block::Table(Table {
        // The Date column holds the longest date written out ("September 30, 2024"), and
        // "last September 30, 2024", on one line.
        columns: vec![
            Column {
                title: "Date".to_string(),
                width: 0.23,
            },
            Column {
                title: "Recipient".to_string(),
                width: 0.28,
            },
            Column {
                title: "Information disclosed".to_string(),
                width: 0.26,
            },
            Column {
                title: "Purpose".to_string(),
                width: 0.23,
            },
        ],
        rows: entries
            .iter()
            .map(|e| {
                let mut when = date(e.on);
                if let Some(rep) = &e.repeated {
                    // "last" stays with its date: the cell reads first date,
                    // how often or how many, last date, one to a line.
                    when = format!(
                        "{when} (first); {}; {}",
                        rep.frequency.trim(),
                        keep(&format!("last {}", long_date(rep.last_on)))
                    );
                }
                let mut to = e.recipient.trim().to_string();
                if let Some(a) = e.recipient_address.as_deref().filter(|a| not_blank(a)) {
                    to = format!("{to}, {}", a.trim());
                }
                let purpose = match enclosure_of(e) {
                    Some(n) => format!("See the copy of the written request (enclosure {n})"),
                    None => e.purpose.trim().to_string(),
                };
                vec![when, to, e.description.trim().to_string(), purpose]
            })
            .collect(),
    })
}

/// The accounting of disclosures, as a table (or "no accountable disclosures"). Disclosures a
/// business associate made on the Plan's behalf (164.528(b)(1)) are listed under the
/// associate's name, after the Plan's own.
pub fn accounting(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    received_on: NaiveDate,
    statement: &AccountingStatement,
) -> Letter {
    let what = "for an accounting of disclosures of your health information";
    let by_associates = statement.has_associates();
    let who = if by_associates {
        "the Plan, and its business associates on its behalf,"
    } else {
        "the Plan"
    };
    let mut blocks = vec![
        salutation(&recipient.name),
        para(format!(
            "{} This accounting lists the disclosures of your health information that {who} made from {} to {} and that the law requires it to account for.",
            opening(org, what, received_on),
            date(statement.period_from),
            date(statement.period_to)
        )),
        para("It does not list disclosures for treatment, payment or health care operations; disclosures to you; disclosures incidental to a permitted use; disclosures you authorized in writing; disclosures for national security or intelligence purposes; disclosures to correctional institutions or law enforcement officials having custody of you; disclosures as part of a limited data set; or disclosures made before April 14, 2003."),
    ];
    let entries = statement.printed();
    let enclosures = statement.enclosures();
    let enclosure_of = |e: &AccountingEntry| {
        e.written_request_of
            .as_deref()
            .and_then(|id| enclosures.iter().find(|(_, of)| *of == id))
            .map(|(n, _)| *n)
    };
    if entries.is_empty() {
        blocks.push(heading("No accountable disclosures"));
        blocks.push(para(
            "The Plan made no disclosures of your health information during this period that it is required to account for.",
        ));
    } else {
        blocks.push(heading("Disclosures"));
        if entries.iter().any(|e| e.repeated.is_some()) {
            blocks.push(para(
                "Where the Plan made repeated disclosures to one recipient for one purpose, the table lists the first of them, how often or how many times it disclosed, and the date of the last.",
            ));
        }
        if by_associates {
            blocks.push(para(
                "Business associates of the Plan hold some of your health information and disclose it on the Plan's behalf. Their disclosures are listed under the name of the associate that made them.",
            ));
            // `printed` keeps each maker's entries together: the Plan's own, then each
            // associate's.
            let mut rest = entries.as_slice();
            while let Some(first) = rest.first() {
                let by = first.disclosed_by.clone();
                let n = rest.iter().take_while(|e| e.disclosed_by == by).count();
                let (group, tail) = rest.split_at(n);
                blocks.push(Block::Paragraph(vec![b(match &by {
                    None => "Disclosed by the Plan".to_string(),
                    Some(a) => format!("Disclosed by {}", a.trim()),
                })]));
                blocks.push(accounting_table(group, enclosure_of));
                rest = tail;
            }
        } else {
            blocks.push(accounting_table(&entries, enclosure_of));
        }
        if !enclosures.is_empty() {
            blocks.push(para(format!(
                "Where the Purpose column refers to it, the Plan encloses a copy of the written request for that disclosure instead of a statement of its purpose ({} enclosed with this letter).",
                match enclosures.len() {
                    1 => "one copy".to_string(),
                    n => format!("{n} copies"),
                }
            )));
        }
    }
    blocks.push(if statement.fee_cents == 0 {
        para("There is no charge for this accounting: it is your first in the last 12 months.")
    } else {
        para(format!(
            "The fee for this accounting is {}, as the Plan told you before preparing it.",
            dollars(statement.fee_cents)
        ))
    });
    blocks.extend(questions(org));
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::Accounting,
        title: LetterKind::Accounting.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(request_received(what, received_on)),
        blocks,
    }
}

/// The fee, told in advance, for a second accounting within 12 months.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountingFee {
    /// The date of the previous accounting in the last 12 months.
    pub previous_on: NaiveDate,
    pub pages: u32,
    /// 15 cents a page plus any special service charge, in cents.
    pub fee_cents: u64,
    /// Reply by this date; the Plan holds the request until then.
    pub reply_by: NaiveDate,
    /// The special service charge within `fee_cents`, with what it pays for.
    #[serde(default)]
    pub special_charge: Option<crate::accounting::SpecialServiceCharge>,
}

/// The accounting fee notice: the cost, and that the person may withdraw or change the request.
pub fn accounting_fee_notice(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    received_on: NaiveDate,
    fee: &AccountingFee,
) -> Letter {
    let what = "for an accounting of disclosures of your health information";
    let blocks = vec![
        salutation(&recipient.name),
        para(format!(
            "{} The first accounting in any 12-month period is free. Because the Plan already gave you an accounting on {}, there is a fee for this one.",
            opening(org, what, received_on),
            date(fee.previous_on)
        )),
        Block::Paragraph(vec![
            b("Fee: "),
            r(match fee.special_charge.as_ref().filter(|c| c.cents > 0) {
                Some(c) => format!(
                    "{}: {} page{} at 15 cents a page ({}), and a special service charge of {} for extensive clerical or supervisory assistance: {}. The charge is reasonable and based on the cost the Plan incurs.",
                    dollars(fee.fee_cents),
                    fee.pages,
                    if fee.pages == 1 { "" } else { "s" },
                    dollars(fee.fee_cents.saturating_sub(c.cents)),
                    dollars(c.cents),
                    c.reason.trim().trim_end_matches('.')
                ),
                None => format!(
                    "{} ({} page{} at 15 cents a page; no special service charge).",
                    dollars(fee.fee_cents),
                    fee.pages,
                    if fee.pages == 1 { "" } else { "s" }
                ),
            }),
        ]),
        Block::Paragraph(vec![
            r("Before the Plan prepares the accounting, you may withdraw your request, or change it (for example to a shorter period) to avoid or reduce the fee. Please tell the Privacy Official by "),
            b(date(fee.reply_by)),
            r(" whether you want to go ahead. The Plan will not charge you anything unless you agree."),
        ]),
    ]
    .into_iter()
    .chain(questions(org))
    .chain(std::iter::once(signature(org)))
    .collect();
    Letter {
        kind: LetterKind::AccountingFeeNotice,
        title: LetterKind::AccountingFeeNotice.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(request_received(what, received_on)),
        blocks,
    }
}

/// Acknowledges a privacy complaint (164.530(d)).
pub fn complaint_acknowledgement(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    received_on: NaiveDate,
) -> Letter {
    let blocks = vec![
        salutation(&recipient.name),
        para(format!(
            "The {} received your complaint about the privacy of your health information on {}. It has been recorded in the Plan's complaint log, and the Privacy Official will look into it. The Plan will write to you about the outcome.",
            keep(&org.plan_name),
            date(received_on)
        )),
        para("The Plan will not intimidate, threaten or retaliate against you in any way for filing a complaint, and it will not ask you to waive your privacy rights."),
        Block::Paragraph(vec![
            r("You may also file a complaint with the "),
            r("Secretary of the U.S. Department of Health and Human Services"),
            r(", through the "),
            r(keep("Office for Civil Rights")),
            r(", 200 Independence Avenue, S.W., Washington, D.C. 20201; telephone 1-800-368-1019 (TDD 1-800-537-7697); or online at www.hhs.gov/ocr/complaints."),
        ]),
    ]
    .into_iter()
    .chain(questions(org))
    .chain(std::iter::once(signature(org)))
    .collect();
    Letter {
        kind: LetterKind::ComplaintAcknowledgement,
        title: LetterKind::ComplaintAcknowledgement.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(format!(
            "Re: Your privacy complaint, received {}",
            date(received_on)
        )),
        blocks,
    }
}

/// The result of a licensed professional's review of a reviewable access denial.
pub fn denial_review(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    received_on: NaiveDate,
    review: &DenialReview,
) -> Letter {
    let mut blocks = vec![
        salutation(&recipient.name),
        Block::Paragraph(vec![r(format!(
            "The {} received on {} your request for review of its letter of {} denying you access to your health information. As the law requires, the Plan referred your request to a ",
            keep(&org.plan_name),
            date(received_on),
            date(review.denied_on)
        )), r("licensed health care professional"), r(format!(
            ", {}, who was designated by the Plan to review it and who did not participate in the original decision to deny.",
            review.reviewer.trim()
        ))]),
    ];
    match &review.outcome {
        ReviewOutcome::Upheld { explanation } => {
            blocks.push(heading("The reviewer upheld the denial"));
            blocks.push(para(format!(
                "The reviewer decided that the denial was correct: {}",
                explanation.trim()
            )));
            blocks.push(para("This decision is final. The Plan will give you access to any other information you asked for that was not covered by the denial."));
            blocks.extend(complaint_rights(org));
        }
        ReviewOutcome::Reversed(g) => {
            blocks.push(heading("The reviewer reversed the denial"));
            blocks.push(para("The reviewer decided that you should have access. The Plan will give you access as follows."));
            blocks.extend(
                access_grant_blocks(org, "for review", received_on, g)
                    .into_iter()
                    .skip(2),
            );
            blocks.extend(questions(org));
        }
    }
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::DenialReview,
        title: LetterKind::DenialReview.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(format!(
            "Re: Your request for review of a denial of access, received {}",
            date(received_on)
        )),
        blocks,
    }
}

/// What a request of `kind` asks for, as a letter says it ("to see and get a copy of your
/// health information").
fn asked_for(kind: crate::request::RequestKind) -> &'static str {
    use crate::request::RequestKind as K;
    match kind {
        K::Access => "to see and get a copy of health information",
        K::Amendment => "to amend health information",
        K::Accounting => "for an accounting of disclosures of health information",
        K::Restriction => "to restrict the use and disclosure of health information",
        K::ConfidentialCommunication => {
            "to receive communications of health information by other means or at another address"
        }
        _ => "about health information",
    }
}

/// To the address on file, when a request could not be verified (an unknown caller, SSN
/// digits that did not match, a referral the Privacy Official refused): nothing was done or
/// given out; the request must come in writing, on the enclosed pre-filled form if the person
/// wishes; the time limit runs from the day the written request is received.
pub fn written_request_needed(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    contacted_on: NaiveDate,
    channel: crate::person::Channel,
    kind: crate::request::RequestKind,
    about: Option<&str>,
) -> Letter {
    use crate::person::Channel;
    let how = match channel {
        Channel::Telephone => "by telephone",
        Channel::Mail => "by mail",
        Channel::Fax => "by fax",
        Channel::InPerson => "in person",
    };
    let whose = match about {
        Some(name) => format!("about {}", keep(name)),
        None => "about you".to_string(),
    };
    let mut mail_to = vec![format!(
        "{}, {}",
        org.privacy_official.name.trim(),
        org.privacy_official.title.trim()
    )];
    mail_to.push(format!(
        "{}, {}",
        org.department.trim(),
        org.plan_name.trim()
    ));
    mail_to.extend(org.address.iter().map(|l| l.trim().to_string()));
    let limit = match crate::clock::Right::of_kind(kind) {
        Some(right) => format!(
            "The Plan will answer within {} days of the day it receives your written request.",
            right.period_days()
        ),
        None => "The Plan will answer promptly once it receives your written request.".to_string(),
    };
    let blocks = vec![
        salutation(&recipient.name),
        para(format!(
            "On {} the {} received a request {how} {} {whose}.",
            date(contacted_on),
            keep(&org.plan_name),
            asked_for(kind)
        )),
        para("The Plan protects the privacy of your health information. It could not confirm who made the request, so it has not acted on it and has given out no information."),
        heading("If you made this request"),
        para("Please send it to the Plan in writing, signed by you. A form is enclosed that you may use: it is already filled in with what the Plan has on file. Send it to:"),
        Block::Lines(mail_to),
        para("You may also bring it in person, with a government photo ID."),
        Block::Paragraph(vec![b(limit)]),
        heading("If you did not make this request"),
        para("Please call the Privacy Official: someone may have tried to get your information."),
    ]
    .into_iter()
    .chain(questions(org))
    .chain(std::iter::once(signature(org)))
    .collect();
    Letter {
        kind: LetterKind::WrittenRequestNeeded,
        title: LetterKind::WrittenRequestNeeded.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(format!(
            "Re: A request received {how} on {}",
            date(contacted_on)
        )),
        blocks,
    }
}

/// The written notice of the one 30-day extension of an accounting request (164.528(c)(1)(ii)):
/// why, and the date the accounting will be provided by.
pub fn accounting_extension_notice(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    received_on: NaiveDate,
    ext: &Extension,
) -> Letter {
    let blocks = vec![salutation(&recipient.name)]
        .into_iter()
        .chain(extension_blocks(
            org,
            "for an accounting of disclosures of your health information",
            received_on,
            ext,
        ))
        .chain(questions(org))
        .chain(std::iter::once(signature(org)))
        .collect();
    Letter {
        kind: LetterKind::AccountingExtension,
        title: LetterKind::AccountingExtension.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(request_received(
            "for an accounting of disclosures",
            received_on,
        )),
        blocks,
    }
}

/// The plan's rebuttal to a statement of disagreement (164.526(d)(3)): the individual's copy,
/// which says it goes, with the request, the denial and the statement, with every later
/// disclosure of the information the amendment concerns.
pub fn amendment_rebuttal(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    statement_received_on: NaiveDate,
    rebuttal: &str,
) -> Letter {
    let blocks = vec![
        salutation(&recipient.name),
        para(format!(
            "The {} received on {} your statement of disagreement with its denial of your request to amend your health information. The Plan has prepared the following rebuttal:",
            keep(&org.plan_name),
            date(statement_received_on)
        )),
        Block::Quote(rebuttal.trim().to_string()),
        para("Your request for amendment, the Plan's denial, your statement of disagreement and this rebuttal are kept with your record. The Plan will include them, or an accurate summary of them, with any later disclosure of the information your request concerns."),
    ]
    .into_iter()
    .chain(questions(org))
    .chain(std::iter::once(signature(org)))
    .collect();
    Letter {
        kind: LetterKind::AmendmentRebuttal,
        title: LetterKind::AmendmentRebuttal.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(format!(
            "Re: Your statement of disagreement, received {}",
            date(statement_received_on)
        )),
        blocks,
    }
}
