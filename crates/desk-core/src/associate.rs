//! Business associates (45 CFR 164.502(e), 164.504(e); county policy §10): who holds the plan's
//! health information outside the office, and the days their agreement gives them to act on the
//! plan's request (access, amendment, accounting information) and to report an incident.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// What an associate holds for the plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    Claims,
    Enrolment,
    Pharmacy,
    CareManagement,
    Mail,
    Other,
}

impl Holding {
    pub const ALL: [Holding; 6] = [
        Holding::Claims,
        Holding::Enrolment,
        Holding::Pharmacy,
        Holding::CareManagement,
        Holding::Mail,
        Holding::Other,
    ];

    /// As a letter or a screen says it.
    pub fn label(self) -> &'static str {
        match self {
            Holding::Claims => "claims",
            Holding::Enrolment => "enrolment",
            Holding::Pharmacy => "pharmacy",
            Holding::CareManagement => "care management",
            Holding::Mail => "mailings to members",
            Holding::Other => "other records",
        }
    }
}

/// What a notice to an associate tells it: it holds the record or sends the mail the
/// individual's right touches.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// An accepted amendment to incorporate (164.526(c)(3)).
    Amendment,
    /// An agreed restriction to observe (164.522(a)).
    Restriction,
    /// The end of a restriction.
    RestrictionEnd,
    /// A confidential-communication accommodation to follow when it sends mail (164.522(b)).
    ConfidentialCommunication,
    /// The end of a confidential-communication accommodation: mail goes to the address on
    /// file again (the notice of the accommodation promised to say so in writing).
    CommunicationEnd,
}

impl NoticeKind {
    /// What an associate must hold to be told (staff may tick or untick each before the notices
    /// go): the record an amendment or a restriction touches — claims, enrolment, pharmacy, care
    /// management or other records the plan keeps with it — or, for a confidential-communication
    /// accommodation, the mail it sends members (claims statements from a claims administrator,
    /// cards and notices from an enrolment service).
    pub fn holdings(self) -> &'static [Holding] {
        match self {
            NoticeKind::Amendment | NoticeKind::Restriction | NoticeKind::RestrictionEnd => &[
                Holding::Claims,
                Holding::Enrolment,
                Holding::Pharmacy,
                Holding::CareManagement,
                Holding::Other,
            ],
            NoticeKind::ConfidentialCommunication | NoticeKind::CommunicationEnd => {
                &[Holding::Mail, Holding::Claims, Holding::Enrolment]
            }
        }
    }

    /// As a screen says it: "accepted amendment", …
    pub fn label(self) -> &'static str {
        match self {
            NoticeKind::Amendment => "accepted amendment",
            NoticeKind::Restriction => "agreed restriction",
            NoticeKind::RestrictionEnd => "end of a restriction",
            NoticeKind::ConfidentialCommunication => "confidential-communication accommodation",
            NoticeKind::CommunicationEnd => "end of a confidential-communication accommodation",
        }
    }
}

/// Which of the agreement's duties a clock runs for.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    /// Make the PHI available for inspection and copying (164.524).
    Access,
    /// Amend, or let the plan amend, and incorporate the amendment (164.526).
    Amendment,
    /// Give the information the plan needs for an accounting (164.528).
    Accounting,
    /// Report a use or disclosure the agreement does not permit.
    IncidentReport,
}

/// The agreement's days for each duty, counted in calendar days from the plan's request (or,
/// for an incident report, from the day the associate learned of it).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Duties {
    pub access_days: u32,
    pub amendment_days: u32,
    pub accounting_days: u32,
    pub incident_days: u32,
}

impl Default for Duties {
    /// The addendum the county's agreements follow: access within 15 days, incident reports
    /// within 5. Amendment ("promptly") and accounting information ("upon request") are given
    /// days that leave the plan time inside its own 60 days.
    fn default() -> Self {
        Duties {
            access_days: 15,
            amendment_days: 10,
            accounting_days: 15,
            incident_days: 5,
        }
    }
}

/// The days an agreement may give for a duty: at least one, and inside the plan's own longest
/// clock (60 days).
pub const DUTY_DAYS: std::ops::RangeInclusive<u32> = 1..=60;

impl Duties {
    pub fn days(&self, duty: Duty) -> u32 {
        match duty {
            Duty::Access => self.access_days,
            Duty::Amendment => self.amendment_days,
            Duty::Accounting => self.accounting_days,
            Duty::IncidentReport => self.incident_days,
        }
    }

    /// Each count of days within [`DUTY_DAYS`], or the field that is not.
    pub fn check(&self) -> Result<(), AssociateError> {
        for (field, days) in [
            ("accessDays", self.access_days),
            ("amendmentDays", self.amendment_days),
            ("accountingDays", self.accounting_days),
            ("incidentDays", self.incident_days),
        ] {
            if !DUTY_DAYS.contains(&days) {
                return Err(AssociateError {
                    field,
                    problem: "give a number of days from 1 to 60",
                });
            }
        }
        Ok(())
    }

    /// The day the associate owes `duty` when the clock started on `from`.
    pub fn due(&self, duty: Duty, from: NaiveDate) -> NaiveDate {
        from.checked_add_days(Days::new(u64::from(self.days(duty))))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// A register entry that cannot stand, naming the form field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct AssociateError {
    pub field: &'static str,
    pub problem: &'static str,
}

/// A business associate as the register holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Associate {
    pub name: String,
    /// Street lines then city/state/ZIP.
    pub address: Vec<String>,
    /// Who to write to or call there.
    pub contact: String,
    pub holds: Vec<Holding>,
    /// The day the business associate agreement was signed.
    pub agreement_on: Option<NaiveDate>,
    pub duties: Duties,
    /// The day the agreement ended; an ended associate is kept, and told of nothing new.
    pub ended_on: Option<NaiveDate>,
}

impl Associate {
    /// A name, an address to write to, what it holds, sound days, and dates that are not in
    /// the future (an end not before the agreement).
    pub fn check(&self, today: NaiveDate) -> Result<(), AssociateError> {
        if self.name.trim().is_empty() {
            return Err(AssociateError {
                field: "name",
                problem: "give the associate's name",
            });
        }
        if self.address.iter().all(|l| l.trim().is_empty()) {
            return Err(AssociateError {
                field: "address",
                problem: "give the address letters go to",
            });
        }
        if self.holds.is_empty() {
            return Err(AssociateError {
                field: "holds",
                problem: "say what the associate holds for the plan",
            });
        }
        self.duties.check()?;
        if self.agreement_on.is_some_and(|d| d > today) {
            return Err(AssociateError {
                field: "agreementOn",
                problem: "the agreement's date cannot be in the future",
            });
        }
        if let Some(end) = self.ended_on {
            if end > today {
                return Err(AssociateError {
                    field: "endedOn",
                    problem: "the end cannot be in the future",
                });
            }
            if self.agreement_on.is_some_and(|a| end < a) {
                return Err(AssociateError {
                    field: "endedOn",
                    problem: "the end cannot be before the agreement",
                });
            }
        }
        Ok(())
    }

    /// Where letters to it go: its name, then its contact ("Attention: Privacy Office"), then
    /// its address.
    pub fn addressee(&self) -> crate::decision::Addressee {
        let contact = self.contact.trim();
        crate::decision::Addressee {
            name: self.name.trim().to_string(),
            address: (!contact.is_empty())
                .then(|| format!("Attention: {contact}"))
                .into_iter()
                .chain(self.address.iter().map(|l| l.trim().to_string()))
                .filter(|l| !l.is_empty())
                .collect(),
        }
    }

    /// Whether the agreement still runs on `day`.
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.ended_on.is_none_or(|end| day < end)
    }

    /// Whether it holds the record set (claims, enrolment, …) an amendment or a restriction
    /// touches, or sends the plan's mail (a confidential-communication accommodation).
    pub fn holds_any(&self, kinds: &[Holding]) -> bool {
        self.holds.iter().any(|h| kinds.contains(h))
    }

    /// Whether a notice of `kind` goes to it unless staff untick it: its agreement runs on
    /// `day` and it holds what the notice touches ([`NoticeKind::holdings`]).
    pub fn to_be_told(&self, kind: NoticeKind, day: NaiveDate) -> bool {
        self.active_on(day) && self.holds_any(kind.holdings())
    }
}

impl Duty {
    /// What the plan asks for, as a letter or a screen says it.
    pub fn label(self) -> &'static str {
        match self {
            Duty::Access => "records for access",
            Duty::Amendment => "records for an amendment",
            Duty::Accounting => "disclosures for an accounting",
            Duty::IncidentReport => "incident report",
        }
    }
}

/// What an associate is to the plan, as a letter names it beside the associate's name: its
/// first holding in the order claims, pharmacy, enrolment, care management, mail.
fn role(holds: &[Holding]) -> &'static str {
    const ORDER: [(Holding, &str); 5] = [
        (Holding::Claims, "the Plan's claims administrator"),
        (Holding::Pharmacy, "the Plan's pharmacy benefit manager"),
        (Holding::Enrolment, "the Plan's enrolment administrator"),
        (Holding::CareManagement, "the Plan's care-management vendor"),
        (Holding::Mail, "the Plan's mailing service"),
    ];
    ORDER
        .iter()
        .find(|(h, _)| holds.contains(h))
        .map_or("a business associate of the Plan", |(_, role)| role)
}

/// The associate as an accounting names the one that made a disclosure on the plan's behalf:
/// "Blue Cross and Blue Shield of Florida, the Plan's claims administrator".
pub fn described(name: &str, holds: &[Holding]) -> String {
    format!("{}, {}", name.trim(), role(holds))
}

impl Associate {
    /// [`described`] for this entry.
    pub fn described(&self) -> String {
        described(&self.name, &self.holds)
    }
}

/// Where a clock running against an associate stands on `today`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyStanding {
    /// Waiting, with days left.
    Waiting,
    /// Waiting, and due within the warning days.
    DueSoon,
    /// Waiting past the agreement's day.
    Late,
    /// Replied on or before the day.
    OnTime,
    /// Replied after the day.
    ReceivedLate,
}

/// Days before an associate's date that the dashboard starts warning.
pub const WARN_DAYS: i64 = 3;

/// Where a reply due on `due` stands, given the day it came (if it has).
pub fn standing(due: NaiveDate, replied_on: Option<NaiveDate>, today: NaiveDate) -> ReplyStanding {
    match replied_on {
        Some(d) if d <= due => ReplyStanding::OnTime,
        Some(_) => ReplyStanding::ReceivedLate,
        None if today > due => ReplyStanding::Late,
        None if (due - today).num_days() <= WARN_DAYS => ReplyStanding::DueSoon,
        None => ReplyStanding::Waiting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn claims_administrator() -> Associate {
        Associate {
            name: "Blue Cross and Blue Shield of Florida".into(),
            address: vec![
                "4800 Deerwood Campus Parkway".into(),
                "Jacksonville, FL 32246".into(),
            ],
            contact: "Privacy Office".into(),
            holds: vec![Holding::Claims],
            agreement_on: Some(d("2019-01-01")),
            duties: Duties::default(),
            ended_on: None,
        }
    }

    #[test]
    fn the_addendum_gives_fifteen_days_for_access_and_five_for_an_incident_report() {
        let duties = Duties::default();
        assert_eq!(duties.due(Duty::Access, d("2026-03-20")), d("2026-04-04"));
        assert_eq!(
            duties.due(Duty::IncidentReport, d("2026-12-30")),
            d("2027-01-04")
        );
        assert_eq!(duties.days(Duty::Amendment), 10);
        assert_eq!(duties.days(Duty::Accounting), 15);
    }

    #[test]
    fn every_field_that_cannot_stand_is_named() {
        let today = d("2026-12-07");
        assert_eq!(claims_administrator().check(today), Ok(()));
        type Spoil = Box<dyn Fn(&mut Associate)>;
        let cases: Vec<(&str, Spoil)> = vec![
            ("name", Box::new(|a| a.name = "  ".into())),
            ("address", Box::new(|a| a.address = vec![" ".into()])),
            ("holds", Box::new(|a| a.holds.clear())),
            ("accessDays", Box::new(|a| a.duties.access_days = 0)),
            ("amendmentDays", Box::new(|a| a.duties.amendment_days = 61)),
            ("accountingDays", Box::new(|a| a.duties.accounting_days = 0)),
            ("incidentDays", Box::new(|a| a.duties.incident_days = 400)),
            (
                "agreementOn",
                Box::new(|a| a.agreement_on = Some(d("2026-12-08"))),
            ),
            ("endedOn", Box::new(|a| a.ended_on = Some(d("2018-12-31")))),
            ("endedOn", Box::new(|a| a.ended_on = Some(d("2027-01-01")))),
        ];
        for (field, spoil) in cases {
            let mut a = claims_administrator();
            spoil(&mut a);
            assert_eq!(a.check(today).map_err(|e| e.field), Err(field));
        }
    }

    #[test]
    fn an_associate_is_named_with_what_it_is_to_the_plan() {
        assert_eq!(
            claims_administrator().described(),
            "Blue Cross and Blue Shield of Florida, the Plan's claims administrator"
        );
        assert_eq!(
            described(" PharmaCare ", &[Holding::Mail, Holding::Pharmacy]),
            "PharmaCare, the Plan's pharmacy benefit manager"
        );
        assert_eq!(
            described("Acme", &[Holding::Other]),
            "Acme, a business associate of the Plan"
        );
    }

    #[test]
    fn notices_go_to_active_holders_of_the_record_or_senders_of_mail() {
        let today = d("2026-12-07");
        let mut claims = claims_administrator();
        assert!(claims.to_be_told(NoticeKind::Amendment, today));
        assert!(claims.to_be_told(NoticeKind::Restriction, today));
        assert!(
            claims.to_be_told(NoticeKind::ConfidentialCommunication, today),
            "a claims administrator mails claims statements"
        );
        let mut printer = claims_administrator();
        printer.holds = vec![Holding::Mail];
        assert!(printer.to_be_told(NoticeKind::ConfidentialCommunication, today));
        assert!(
            !printer.to_be_told(NoticeKind::Amendment, today),
            "a mail house holds no record to amend"
        );
        let mut pharmacy = claims_administrator();
        pharmacy.holds = vec![Holding::Pharmacy];
        assert!(pharmacy.to_be_told(NoticeKind::RestrictionEnd, today));
        assert!(!pharmacy.to_be_told(NoticeKind::ConfidentialCommunication, today));
        claims.ended_on = Some(d("2026-12-01"));
        assert!(
            !claims.to_be_told(NoticeKind::Amendment, today),
            "an ended agreement is told of nothing new"
        );
    }

    #[test]
    fn an_ended_agreement_is_not_active_from_its_end() {
        let mut a = claims_administrator();
        assert!(a.active_on(d("2026-12-07")));
        a.ended_on = Some(d("2026-06-30"));
        assert!(a.active_on(d("2026-06-29")));
        assert!(!a.active_on(d("2026-06-30")));
    }

    #[test]
    fn a_reply_is_waiting_due_soon_late_on_time_or_received_late() {
        let due = d("2026-04-04");
        assert_eq!(standing(due, None, d("2026-03-25")), ReplyStanding::Waiting);
        assert_eq!(standing(due, None, d("2026-04-01")), ReplyStanding::DueSoon);
        assert_eq!(standing(due, None, d("2026-04-04")), ReplyStanding::DueSoon);
        assert_eq!(standing(due, None, d("2026-04-05")), ReplyStanding::Late);
        assert_eq!(
            standing(due, Some(d("2026-04-04")), d("2026-05-01")),
            ReplyStanding::OnTime
        );
        assert_eq!(
            standing(due, Some(d("2026-04-05")), d("2026-05-01")),
            ReplyStanding::ReceivedLate
        );
    }
}
