//! The plan's request to a business associate for its disclosures of one individual's health
//! information, for an accounting (164.528(b)(1); the agreement's "disclosure accounting"
//! duty). Minimum necessary: who the individual is (name, date of birth, member ID), the period,
//! what each entry must show and by when; nothing of the request or the individual beyond that.

use chrono::NaiveDate;

use super::*;
use crate::associate_log::COLUMNS;

/// Who the accounting is for, as the associate finds them in its records.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountingSubject {
    /// "First Last".
    pub name: String,
    pub date_of_birth: NaiveDate,
    /// The plan's member ID (the employee's id, for a dependent the employee's), when known.
    #[serde(default)]
    pub member_id: Option<String>,
}

/// What the plan asks of the associate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssociateAccountingAsk {
    pub subject: AccountingSubject,
    /// The day the plan received the individual's request.
    pub received_on: NaiveDate,
    /// The accounting's period, both ends inclusive.
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// The agreement's days for accounting information, and the day they end (counted from
    /// the letter's date).
    pub days: u32,
    pub reply_by: NaiveDate,
}

/// The letter asking `associate` for its disclosures of the subject's information in the period.
pub fn associate_accounting_request(
    org: &Organization,
    associate: &Addressee,
    dated: NaiveDate,
    ask: &AssociateAccountingAsk,
) -> Letter {
    let s = &ask.subject;
    let mut who = vec![
        vec![b("Name: "), r(s.name.trim())],
        vec![b("Date of birth: "), r(long_date(s.date_of_birth))],
    ];
    if let Some(id) = s.member_id.as_deref().filter(|i| not_blank(i)) {
        who.push(vec![b("Member ID: "), r(id.trim())]);
    }
    let blocks = vec![
        salutation(&associate.name),
        para(format!(
            "On {} the individual named below asked the {} for an accounting of disclosures of their protected health information under 45 CFR 164.528. The accounting must include the disclosures that the Plan's business associates made on its behalf.",
            date(ask.received_on),
            keep(&org.plan_name),
        )),
        para(format!(
            "Under your business associate agreement with the Plan, please send the Privacy Official a list of every disclosure you made of this individual's protected health information from {} to {}, by {}.",
            date(ask.period_from),
            date(ask.period_to),
            date(ask.reply_by),
        )),
        heading("The individual"),
        Block::Bullets(who),
        heading("What each entry must show"),
        Block::Bullets(vec![
            vec![r("the date of the disclosure;")],
            vec![r("the name of the person or organization that received the information, and their address if you know it;")],
            vec![r("a brief description of the information disclosed;")],
            vec![r("a brief statement of the purpose of the disclosure (or a copy of the written request for it);")],
            vec![r("the legal basis on which you made it (for example: required by law, a court order or subpoena, law enforcement, public health, health oversight).")],
        ]),
        para("You need not list disclosures for treatment, payment or health care operations; disclosures to the individual; disclosures incidental to a permitted use; disclosures the individual authorized in writing; disclosures for national security or intelligence purposes; disclosures to correctional institutions or law enforcement officials having custody of the individual; disclosures as part of a limited data set; or disclosures made before April 14, 2003. If you made no other disclosures in the period, please say so in writing."),
        heading("When and how to reply"),
        para(format!(
            "Your agreement gives you {} days from the Plan's request: please reply by {}, so that the Plan can answer the individual on time.",
            ask.days,
            date(ask.reply_by),
        )),
        para(format!(
            "If you keep your log electronically, the Plan can read a CSV file (one row per disclosure, a header row optional) with these columns, in this order: {}. Dates are written as YYYY-MM-DD.",
            COLUMNS
                .iter()
                .map(|c| c.name)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        para("Please send the reply marked \"Personal & Confidential\". If you have questions, contact the Privacy Official:"),
        official_contact(org),
        signature(org),
    ];
    Letter {
        kind: LetterKind::AssociateAccountingRequest,
        title: LetterKind::AssociateAccountingRequest.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(associate),
        reference: Some(format!(
            "Re: Accounting of disclosures for {}, requested {}",
            keep(s.name.trim()),
            date(ask.received_on)
        )),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organization::Official;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn the_letter_names_the_individual_the_period_each_entry_and_the_day() {
        let org = Organization {
            name: "Sample County".into(),
            plan_name: "Sample County Group Health Plan".into(),
            department: "Human Resources".into(),
            address: vec!["1 Main St".into()],
            phone: "555-0100".into(),
            fax: String::new(),
            privacy_official: Official {
                name: "Pat Official".into(),
                title: "Benefits/Payroll Administrator".into(),
            },
            business_associates: Vec::new(),
        };
        let letter = associate_accounting_request(
            &org,
            &Addressee {
                name: "Blue Cross and Blue Shield of Florida".into(),
                address: vec!["4800 Deerwood Campus Parkway".into()],
            },
            d("2026-03-02"),
            &AssociateAccountingAsk {
                subject: AccountingSubject {
                    name: "Avery Ashgrove".into(),
                    date_of_birth: d("1978-04-02"),
                    member_id: Some("SC10001".into()),
                },
                received_on: d("2026-03-01"),
                period_from: d("2020-03-01"),
                period_to: d("2026-03-01"),
                days: 15,
                reply_by: d("2026-03-17"),
            },
        );
        let text = letter.plain_text();
        for needle in [
            "Request for Disclosure Information for an Accounting",
            "Dear Blue Cross and Blue Shield of Florida:",
            "Avery Ashgrove",
            "April 2, 1978",
            "SC10001",
            "from March 1, 2020 to March 1, 2026",
            "the date of the disclosure",
            "their address if you know it",
            "description of the information disclosed",
            "purpose of the disclosure",
            "15 days",
            "reply by March 17, 2026",
            "date, recipient, recipient_address, description, purpose, basis",
        ] {
            assert!(text.contains(needle), "{needle:?} in\n{text}");
        }
        assert!(LetterKind::AssociateAccountingRequest.is_signed());
        assert!(!LetterKind::AssociateAccountingRequest.answers_request());
    }
}
