//! Letters to the plan's business associates about one individual: the request for records the
//! associate holds (access, or an amendment to decide), with the day its agreement gives it; the
//! notice of an accepted amendment to incorporate; and the notice of a confidential-communication
//! accommodation to follow when it sends mail. Minimum necessary: the individual's name, member
//! id and date of birth (what finds the record), and what is asked or agreed, nothing more.

use chrono::NaiveDate;

use super::*;
use crate::associate::Duty;

/// The individual as a letter to a business associate names them: what the associate needs to
/// find the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Individual {
    pub name: String,
    /// The plan's member number (the employee id of the coverage they are enrolled under).
    pub member_id: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
}

/// What the plan asks an associate for, and by when under its agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociateAsk {
    /// Access or Amendment (an accounting's request for disclosures is a letter of its own).
    pub duty: Duty,
    pub individual: Individual,
    /// The day the plan received the individual's request.
    pub received_on: NaiveDate,
    /// The records the individual asked for, or the amendment they asked the plan to make.
    pub asked_for: String,
    /// The agreement's days for the duty, counted from the day the plan asks.
    pub days: u32,
    /// The day the associate owes its reply.
    pub due_on: NaiveDate,
    /// The day the business associate agreement was signed, when the register has it.
    pub agreement_on: Option<NaiveDate>,
    /// The day the plan must answer the individual.
    pub plan_due_on: Option<NaiveDate>,
}

/// "Name: … · Member ID: … · Date of birth: …" on one labelled line.
fn individual_line(i: &Individual) -> Block {
    let mut spans = vec![b("Name: "), r(keep(&i.name))];
    if let Some(id) = i.member_id.as_deref().filter(|s| not_blank(s)) {
        spans.extend([
            r(" \u{b7} "),
            b(format!("{} ", keep("Member ID:"))),
            r(keep(id)),
        ]);
    }
    if let Some(born) = i.date_of_birth {
        spans.extend([
            r(" \u{b7} "),
            b(format!("{} ", keep("Date of birth:"))),
            r(date(born)),
        ]);
    }
    Block::Paragraph(spans)
}

/// "your business associate agreement with the Plan, signed March 1, 2019,"
fn agreement(org: &Organization, agreement_on: Option<NaiveDate>) -> String {
    match agreement_on {
        Some(d) => format!(
            "your business associate agreement with the {}, signed {},",
            keep(&org.plan_name),
            date(d)
        ),
        None => format!(
            "your business associate agreement with the {}",
            keep(&org.plan_name)
        ),
    }
}

fn days_word(days: u32) -> String {
    if days == 1 {
        keep("1 day")
    } else {
        keep(&format!("{days} days"))
    }
}

/// The letter that forwards an individual's request to the business associate holding the
/// records: who the individual is, what is needed, by when under the agreement, and where to
/// send it (the Privacy Official).
pub fn associate_request(
    org: &Organization,
    associate: &Addressee,
    dated: NaiveDate,
    ask: &AssociateAsk,
) -> Letter {
    let amendment = ask.duty == Duty::Amendment;
    let (rule, right) = if amendment {
        (
            "45 CFR 164.526",
            "to amend protected health information about them",
        )
    } else {
        (
            "45 CFR 164.524",
            "to inspect and obtain a copy of protected health information about them",
        )
    };
    let mut blocks = vec![
        salutation(&associate.name),
        para(format!(
            "On {} the {} received a request from the individual below, under {}, {right}. You hold records this request covers for the Plan.",
            date(ask.received_on),
            keep(&org.plan_name),
            keep(rule),
        )),
        individual_line(&ask.individual),
        heading("What is needed"),
    ];
    if amendment {
        blocks.push(para("The amendment the individual asked the Plan to make:"));
        blocks.push(Block::Quote(format!(
            "\u{201c}{}\u{201d}",
            ask.asked_for.trim()
        )));
        blocks.push(para("Please send the Plan copies of the records you hold that this amendment concerns, and say whether your records agree with it, so that the Plan can decide the request. Do not change the records yet: if the Plan accepts the amendment, it will tell you in writing what to amend."));
    } else {
        blocks.push(para(
            "The records the individual asked to inspect and copy:",
        ));
        blocks.push(Block::Quote(format!(
            "\u{201c}{}\u{201d}",
            ask.asked_for.trim()
        )));
        blocks.push(para("Please make available to the Plan every record you hold for it that falls within this description: copies of the records, electronic where you keep them electronically. Send only these records."));
    }
    blocks.push(heading("By when"));
    let mut by_when = vec![
        r(format!(
            "Under {} you make this information available within {} of the Plan's request. Please reply so that it reaches the Privacy Official no later than ",
            agreement(org, ask.agreement_on),
            days_word(ask.days)
        )),
        b(date(ask.due_on)),
        r(format!(
            ", {} from the date of this letter.",
            days_word(ask.days)
        )),
    ];
    if let Some(plan_due) = ask.plan_due_on {
        by_when.push(r(format!(
            " The Plan must answer the individual by {}: a late reply makes the Plan late.",
            date(plan_due)
        )));
    }
    blocks.push(Block::Paragraph(by_when));
    blocks.push(heading("Where to send it"));
    blocks.push(para(
        "Send your reply and the records to the Privacy Official, not to the individual, and quote the reference above. If you hold no records of this individual, or cannot reply by that date, tell the Privacy Official at once:",
    ));
    blocks.push(official_contact(org));
    blocks.push(signature(org));
    let what = if amendment {
        "Request to amend records of"
    } else {
        "Request for records of"
    };
    Letter {
        kind: LetterKind::AssociateRequest,
        title: LetterKind::AssociateRequest.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(associate),
        reference: Some(format!(
            "Re: {what} {}, reply due {}",
            keep(&ask.individual.name),
            date(ask.due_on)
        )),
        blocks,
    }
}

/// Tells a business associate that holds the individual's records of an amendment the plan
/// accepted (164.526(c)(3)), and that it must incorporate it within the agreement's days.
#[allow(clippy::too_many_arguments)]
pub fn associate_amendment_notice(
    org: &Organization,
    associate: &Addressee,
    dated: NaiveDate,
    individual: &Individual,
    amendment: &str,
    amended_on: NaiveDate,
    days: u32,
    due_on: NaiveDate,
) -> Letter {
    let mut blocks = vec![
        salutation(&associate.name),
        para(format!(
            "On {} the {} accepted a request by {}, under 45 CFR 164.526, to amend protected health information about them. You hold records of this individual for the Plan, so the amendment must reach your records too. The amendment is:",
            date(amended_on),
            keep(&org.plan_name),
            keep(&individual.name)
        )),
        Block::Quote(format!("\u{201c}{}\u{201d}", amendment.trim())),
        individual_line(individual),
    ];
    blocks.push(Block::Paragraph(vec![
        r(format!(
            "Under your business associate agreement, within {} of this notice, by ",
            days_word(days)
        )),
        b(date(due_on)),
        r(", please:"),
    ]));
    blocks.push(Block::Bullets(vec![
        vec![r("amend the records you hold for the Plan, or append or link this amendment to them, and rely on the amended information from now on;")],
        vec![r("include the amendment with any later disclosure of the records it affects;")],
        vec![r("tell the Privacy Official in writing when it is done.")],
    ]));
    blocks.push(para(
        "If you hold no records of this individual, or have questions, please contact the Privacy Official:",
    ));
    blocks.push(official_contact(org));
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::AssociateAmendmentNotice,
        title: LetterKind::AssociateAmendmentNotice.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(associate),
        reference: Some(format!(
            "Re: Amendment accepted for {} on {}",
            keep(&individual.name),
            date(amended_on)
        )),
        blocks,
    }
}

/// How the plan agreed to communicate with the individual: at another address, or by other
/// means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arranged {
    /// The address lines to send everything to.
    Address(Vec<String>),
    /// Other means in the individual's words ("telephone only, at 555-0100").
    Means(String),
}

impl Arranged {
    /// As a notice prints it: the address's lines, or the means in the individual's words.
    fn block(&self) -> Block {
        match self {
            Arranged::Address(lines) => Block::Lines(
                lines
                    .iter()
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
                    .collect(),
            ),
            Arranged::Means(means) => Block::Quote(means.trim().to_string()),
        }
    }
}

/// Tells a business associate that sends the individual mail on the plan's behalf of a
/// confidential-communication accommodation (164.522(b)) it must follow from `from`.
pub fn communication_notice(
    org: &Organization,
    associate: &Addressee,
    dated: NaiveDate,
    individual: &Individual,
    arranged: &Arranged,
    from: NaiveDate,
) -> Letter {
    let how = match arranged {
        Arranged::Address(_) => "at another address",
        Arranged::Means(_) => "by other means",
    };
    let (only, on_file) = match arranged {
        Arranged::Address(_) => (
            "only to this address",
            "nothing to the address you had on file",
        ),
        Arranged::Means(_) => (
            "only by these means",
            "nothing by mail to the address you had on file",
        ),
    };
    let mut blocks = vec![
        salutation(&associate.name),
        para(format!(
            "On {} the {} agreed to a request by {}, under 45 CFR 164.522(b), to receive communications of protected health information {how}. Your business associate agreement binds you to follow it whenever you communicate with the individual for the Plan.",
            date(from),
            keep(&org.plan_name),
            keep(&individual.name)
        )),
        individual_line(individual),
        Block::Paragraph(vec![
            r("From "),
            b(date(from)),
            r(format!(
                ", send every letter, statement, explanation of benefits, card or other communication to this individual {only}, and {on_file}:"
            )),
        ]),
    ];
    blocks.push(arranged.block());
    blocks.push(Block::Bullets(vec![
        vec![r(
            "Update your records, and tell the people in your organization who write to members.",
        )],
        vec![r(
            "Do not give the new address or means to anyone else, family members included.",
        )],
    ]));
    blocks.push(para(
        "The arrangement stays in force until the Plan tells you in writing that it has ended. If you cannot comply, or have questions, please contact the Privacy Official at once:",
    ));
    blocks.push(official_contact(org));
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::CommunicationNotice,
        title: LetterKind::CommunicationNotice.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(associate),
        reference: Some(format!(
            "Re: Confidential communications for {} from {}",
            keep(&individual.name),
            date(from)
        )),
        blocks,
    }
}

/// Tells a business associate told of a confidential-communication accommodation that it has
/// ended at the individual's request: from `from` on, communications go to the address on file
/// again, and the arrangement (`arranged`) is no longer to be used.
pub fn communication_ended_notice(
    org: &Organization,
    associate: &Addressee,
    dated: NaiveDate,
    individual: &Individual,
    arranged: &Arranged,
    from: NaiveDate,
) -> Letter {
    let (what, stop, keep_it) = match arranged {
        Arranged::Address(_) => (
            "to receive communications at another address",
            "Stop using this address for the individual:",
            "Keep the old address confidential as before: do not give it to anyone.",
        ),
        Arranged::Means(_) => (
            "to receive communications by other means",
            "Stop using these means for the individual:",
            "Keep the old means confidential as before: do not give them to anyone.",
        ),
    };
    let mut blocks = vec![
        salutation(&associate.name),
        para(format!(
            "The {} wrote to you earlier that it had agreed, under 45 CFR 164.522(b), to a request by {} {what}. At the individual's request, that arrangement has ended.",
            keep(&org.plan_name),
            keep(&individual.name)
        )),
        individual_line(individual),
        Block::Paragraph(vec![
            r("From "),
            b(date(from)),
            r(", send every letter, statement, explanation of benefits, card or other communication to this individual at the address the Plan has on file for them, as you did before the arrangement."),
        ]),
        para(stop),
    ];
    blocks.push(arranged.block());
    blocks.push(Block::Bullets(vec![
        vec![r(
            "Update your records, and tell the people in your organization who write to members.",
        )],
        vec![r(keep_it)],
    ]));
    blocks.push(para(
        "If you cannot comply, or have questions, please contact the Privacy Official at once:",
    ));
    blocks.push(official_contact(org));
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::CommunicationEndedNotice,
        title: LetterKind::CommunicationEndedNotice.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(associate),
        reference: Some(format!(
            "Re: Confidential communications for {} ended from {}",
            keep(&individual.name),
            date(from)
        )),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn org() -> Organization {
        Organization {
            name: "Sample County".into(),
            plan_name: "Sample County Group Health Plan".into(),
            department: "Human Resources".into(),
            address: vec!["1 Main St".into(), "Sampleton, FL 32960".into()],
            phone: "555-0100".into(),
            fax: String::new(),
            privacy_official: crate::organization::Official {
                name: "Pat Official".into(),
                title: "Privacy Official".into(),
            },
            business_associates: Vec::new(),
        }
    }

    fn blue_cross() -> Addressee {
        Addressee {
            name: "Blue Cross and Blue Shield of Florida".into(),
            address: vec![
                "Attention: Privacy Office".into(),
                "4800 Deerwood Campus Parkway".into(),
                "Jacksonville, FL 32246".into(),
            ],
        }
    }

    fn avery() -> Individual {
        Individual {
            name: "Avery Ashgrove".into(),
            member_id: Some("SC10001".into()),
            date_of_birth: Some(d("1980-05-04")),
        }
    }

    #[test]
    fn the_forwarding_letter_says_who_what_by_when_under_the_agreement_and_where() {
        let ask = AssociateAsk {
            duty: Duty::Access,
            individual: avery(),
            received_on: d("2025-03-03"),
            asked_for: "Copies of claims for 2024".into(),
            days: 15,
            due_on: d("2025-03-20"),
            agreement_on: Some(d("2019-01-01")),
            plan_due_on: Some(d("2025-04-02")),
        };
        let l = associate_request(&org(), &blue_cross(), d("2025-03-05"), &ask);
        assert_eq!(l.kind, LetterKind::AssociateRequest);
        assert_eq!(l.title, "Request to a Business Associate");
        let text = l.plain_text();
        for said in [
            "Dear Blue Cross and Blue Shield of Florida:",
            "45 CFR 164.524",
            "Name: Avery Ashgrove \u{b7} Member ID: SC10001 \u{b7} Date of birth: May 4, 1980",
            "\u{201c}Copies of claims for 2024\u{201d}",
            "signed January 1, 2019",
            "within 15 days of the Plan's request",
            "no later than March 20, 2025, 15 days from the date of this letter",
            "The Plan must answer the individual by April 2, 2025",
            "Send your reply and the records to the Privacy Official, not to the individual",
            "If you hold no records of this individual",
            "1 Main St",
        ] {
            assert!(text.contains(said), "the letter says {said:?}:\n{text}");
        }
        assert_eq!(
            l.reference.as_deref().map(|s| s.replace(NBSP, " ")),
            Some("Re: Request for records of Avery Ashgrove, reply due March 20, 2025".into())
        );
    }

    #[test]
    fn an_amendment_is_forwarded_for_the_records_it_concerns_not_yet_to_be_made() {
        let ask = AssociateAsk {
            duty: Duty::Amendment,
            individual: Individual {
                member_id: None,
                date_of_birth: None,
                ..avery()
            },
            received_on: d("2025-03-03"),
            asked_for: "Correct the date of service on the March claim".into(),
            days: 10,
            due_on: d("2025-03-15"),
            agreement_on: None,
            plan_due_on: None,
        };
        let text = associate_request(&org(), &blue_cross(), d("2025-03-05"), &ask).plain_text();
        assert!(text.contains("45 CFR 164.526"), "{text}");
        assert!(text.contains("Do not change the records yet"), "{text}");
        assert!(text.contains("within 10 days"), "{text}");
        assert!(
            !text.contains("Member ID") && !text.contains("Date of birth"),
            "only what is on file is printed: {text}"
        );
        assert!(
            !text.contains("signed"),
            "no agreement date, none said: {text}"
        );
    }

    #[test]
    fn each_notice_names_the_individual_what_from_when_and_what_to_do() {
        let amendment = associate_amendment_notice(
            &org(),
            &blue_cross(),
            d("2025-03-10"),
            &avery(),
            "The claim of March 3 was for Dr Ames, not Dr Ames-Lee",
            d("2025-03-10"),
            10,
            d("2025-03-20"),
        );
        assert_eq!(amendment.kind, LetterKind::AssociateAmendmentNotice);
        let text = amendment.plain_text();
        for said in [
            "Avery Ashgrove",
            "Member ID: SC10001",
            "On March 10, 2025",
            "Dr Ames, not Dr Ames-Lee",
            "amend the records you hold for the Plan",
            "within 10 days of this notice, by March 20, 2025, please:",
        ] {
            assert!(text.contains(said), "the notice says {said:?}:\n{text}");
        }
        let mail = communication_notice(
            &org(),
            &blue_cross(),
            d("2025-03-10"),
            &avery(),
            &Arranged::Address(vec!["PO Box 77".into(), "Sampleton, FL 32961".into()]),
            d("2025-03-10"),
        );
        assert_eq!(mail.kind, LetterKind::CommunicationNotice);
        let text = mail.plain_text();
        for said in [
            "Avery Ashgrove",
            "45 CFR 164.522(b)",
            "From March 10, 2025, send every letter",
            "only to this address, and nothing to the address you had on file:",
            "PO Box 77",
        ] {
            assert!(text.contains(said), "the notice says {said:?}:\n{text}");
        }
        let means = communication_notice(
            &org(),
            &blue_cross(),
            d("2025-03-10"),
            &avery(),
            &Arranged::Means("Telephone only, at 555-0199".into()),
            d("2025-03-11"),
        )
        .plain_text();
        assert!(means.contains("by other means"), "{means}");
        assert!(means.contains("only by these means"), "{means}");
        assert!(means.contains("Telephone only, at 555-0199"), "{means}");
    }

    #[test]
    fn the_end_of_an_accommodation_says_from_when_mail_goes_home_and_what_to_stop() {
        let ended = communication_ended_notice(
            &org(),
            &blue_cross(),
            d("2025-09-01"),
            &avery(),
            &Arranged::Address(vec!["PO Box 77".into(), "Sampleton, FL 32961".into()]),
            d("2025-09-02"),
        );
        assert_eq!(ended.kind, LetterKind::CommunicationEndedNotice);
        assert!(ended.kind.is_signed());
        let text = ended.plain_text();
        let mut at = 0;
        for said in [
            "Dear Blue Cross and Blue Shield of Florida:",
            "45 CFR 164.522(b)",
            "to receive communications at another address",
            "that arrangement has ended",
            "Name: Avery Ashgrove",
            "From September 2, 2025, send every letter",
            "at the address the Plan has on file for them",
            "Stop using this address for the individual:",
            "PO Box 77",
            "Update your records",
            "1 Main St",
        ] {
            at += text[at..]
                .find(said)
                .unwrap_or_else(|| panic!("the notice says {said:?} in its place:\n{text}"));
        }
        assert_eq!(
            ended.reference.as_deref().map(|s| s.replace(NBSP, " ")),
            Some(
                "Re: Confidential communications for Avery Ashgrove ended from September 2, 2025"
                    .into()
            )
        );
        let means = communication_ended_notice(
            &org(),
            &blue_cross(),
            d("2025-09-01"),
            &avery(),
            &Arranged::Means("Telephone only, at 555-0199".into()),
            d("2025-09-01"),
        )
        .plain_text();
        assert!(means.contains("by other means"), "{means}");
        assert!(means.contains("Stop using these means"), "{means}");
        assert!(means.contains("Telephone only, at 555-0199"), "{means}");
    }
}
