//! Incidents and breaches (45 CFR 164.400–414; county policy §11): what an incident log entry
//! needs, the four-factor risk assessment of 164.402(2), the Privacy Official's determination
//! (a breach, a low probability of compromise, or one of the three exceptions of 164.402(1)),
//! and for a breach the clocks and thresholds of notification: each individual within 60
//! days of discovery (164.404(b)), substitute notice when contact information is out of date
//! (164.404(d)(2)), the Secretary at once for 500 or more individuals and the media for more
//! than 500 residents of a State (164.406, 164.408(b)), and the annual log of the smaller ones
//! due 60 days after the calendar year ends (164.408(c)). An associate's report is checked
//! against its agreement's days.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::associate::{Duties, Duty};

/// An incident entry or step that cannot stand, naming the form field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct IncidentError {
    pub field: &'static str,
    pub problem: &'static str,
}

fn refuse<T>(field: &'static str, problem: &'static str) -> Result<T, IncidentError> {
    Err(IncidentError { field, problem })
}

/// Who told the office of the incident.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReporterKind {
    /// A member of the county's workforce.
    Staff,
    /// A plan participant (one on file).
    Participant,
    /// A business associate from the register, under its agreement's reporting duty.
    Associate,
    /// Anyone else, named.
    Other,
}

/// The kinds of information an incident involved.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Information {
    Names,
    Addresses,
    DatesOfBirth,
    Ssn,
    MemberIds,
    Diagnoses,
    Claims,
    Other,
}

impl Information {
    pub const ALL: [Information; 8] = [
        Information::Names,
        Information::Addresses,
        Information::DatesOfBirth,
        Information::Ssn,
        Information::MemberIds,
        Information::Diagnoses,
        Information::Claims,
        Information::Other,
    ];

    /// As a list or a screen says it.
    pub fn label(self) -> &'static str {
        match self {
            Information::Names => "names",
            Information::Addresses => "addresses",
            Information::DatesOfBirth => "dates of birth",
            Information::Ssn => "Social Security numbers",
            Information::MemberIds => "member ID numbers",
            Information::Diagnoses => "diagnoses or treatment",
            Information::Claims => "claims or payment information",
            Information::Other => "other information",
        }
    }

    /// As the notification letter says it to the individual (164.404(c)(1)(B)); `Other` is
    /// said in the words recorded with the incident.
    pub fn to_individual(self) -> &'static str {
        match self {
            Information::Names => "your name",
            Information::Addresses => "your address",
            Information::DatesOfBirth => "your date of birth",
            Information::Ssn => "your Social Security number",
            Information::MemberIds => "your health plan member ID number",
            Information::Diagnoses => "information about your diagnosis or treatment",
            Information::Claims => "information about claims and payments for your care",
            Information::Other => "other information",
        }
    }

    /// The HHS breach portal's type of protected health information.
    pub fn hhs_type(self) -> &'static str {
        match self {
            Information::Names => "Demographic: Name",
            Information::Addresses => "Demographic: Address/ZIP",
            Information::DatesOfBirth => "Demographic: Date of Birth",
            Information::Ssn => "Demographic: SSN",
            Information::MemberIds => "Demographic: Other Identifier",
            Information::Diagnoses => "Clinical: Diagnosis/Conditions",
            Information::Claims => "Financial: Claims Information",
            Information::Other => "Other",
        }
    }
}

/// The HHS breach portal's type of breach.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreachType {
    HackingIt,
    ImproperDisposal,
    Loss,
    Theft,
    UnauthorizedAccess,
    Other,
}

impl BreachType {
    pub const ALL: [BreachType; 6] = [
        BreachType::UnauthorizedAccess,
        BreachType::Loss,
        BreachType::Theft,
        BreachType::ImproperDisposal,
        BreachType::HackingIt,
        BreachType::Other,
    ];

    pub fn hhs_label(self) -> &'static str {
        match self {
            BreachType::HackingIt => "Hacking/IT Incident",
            BreachType::ImproperDisposal => "Improper Disposal",
            BreachType::Loss => "Loss",
            BreachType::Theft => "Theft",
            BreachType::UnauthorizedAccess => "Unauthorized Access/Disclosure",
            BreachType::Other => "Other",
        }
    }
}

/// The HHS breach portal's location of the information at the time of the breach.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    Paper,
    Email,
    Desktop,
    Laptop,
    NetworkServer,
    PortableDevice,
    HealthRecord,
    Other,
}

impl Location {
    pub const ALL: [Location; 8] = [
        Location::Paper,
        Location::Email,
        Location::Desktop,
        Location::Laptop,
        Location::NetworkServer,
        Location::PortableDevice,
        Location::HealthRecord,
        Location::Other,
    ];

    pub fn hhs_label(self) -> &'static str {
        match self {
            Location::Paper => "Paper/Films",
            Location::Email => "Email",
            Location::Desktop => "Desktop Computer",
            Location::Laptop => "Laptop",
            Location::NetworkServer => "Network Server",
            Location::PortableDevice => "Other Portable Electronic Device",
            Location::HealthRecord => "Electronic Medical Record",
            Location::Other => "Other",
        }
    }
}

/// The HHS breach portal's safeguards in place before the breach (none chosen: "None").
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Safeguard {
    PrivacyRule,
    SecurityAdministrative,
    SecurityPhysical,
    SecurityTechnical,
}

impl Safeguard {
    pub const ALL: [Safeguard; 4] = [
        Safeguard::PrivacyRule,
        Safeguard::SecurityAdministrative,
        Safeguard::SecurityPhysical,
        Safeguard::SecurityTechnical,
    ];

    pub fn hhs_label(self) -> &'static str {
        match self {
            Safeguard::PrivacyRule => "Privacy Rule Safeguards (Training, Policies and Procedures, etc.)",
            Safeguard::SecurityAdministrative => {
                "Security Rule Administrative Safeguards (Risk Analysis, Risk Management, etc.)"
            }
            Safeguard::SecurityPhysical => {
                "Security Rule Physical Safeguards (Facility Access Controls, Workstation Security, etc.)"
            }
            Safeguard::SecurityTechnical => {
                "Security Rule Technical Safeguards (Access Controls, Transmission Security, etc.)"
            }
        }
    }
}

/// An incident as logged. Who reported it beyond the name (the participant or associate on
/// file) and which participants were involved are the store's ids; desk-core sees their counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub reporter: ReporterKind,
    /// Who reported it: the staff member's or other person's name (a participant's or an
    /// associate's comes from the record on file).
    pub reporter_name: String,
    pub reported_on: NaiveDate,
    /// For an associate's report: the day the associate learned of it (its clock starts then).
    pub associate_learned_on: Option<NaiveDate>,
    /// The day the plan knew of it, or by reasonable diligence would have (164.404(a)(2)).
    pub discovered_on: NaiveDate,
    /// When it happened, if known; `occurred_until` for one that went on over days.
    pub occurred_on: Option<NaiveDate>,
    pub occurred_until: Option<NaiveDate>,
    /// What happened, in plain words and without the names of those involved: the
    /// notification letters and the annual log to HHS say it.
    pub what_happened: String,
    /// Who received or used the information, when known.
    pub recipient: String,
    pub breach_type: BreachType,
    pub location: Location,
    pub safeguards: Vec<Safeguard>,
    pub information: Vec<Information>,
    /// What the "other information" was.
    pub other_information: String,
}

impl Incident {
    /// A report that can be logged: someone who reported it, what happened, what information
    /// and how many participants (`involved`) were involved, and dates in order, none in the
    /// future. `reporter_on_file` says the participant or associate who reported it is chosen.
    pub fn check(
        &self,
        involved: usize,
        reporter_on_file: bool,
        today: NaiveDate,
    ) -> Result<(), IncidentError> {
        match self.reporter {
            ReporterKind::Staff | ReporterKind::Other if self.reporter_name.trim().is_empty() => {
                return refuse("reporterName", "give the name of whoever reported it");
            }
            ReporterKind::Participant if !reporter_on_file => {
                return refuse(
                    "reporterParticipantId",
                    "choose the participant who reported it",
                );
            }
            ReporterKind::Associate if !reporter_on_file => {
                return refuse(
                    "associateId",
                    "choose the business associate from the register",
                );
            }
            _ => {}
        }
        if self.reported_on > today {
            return refuse(
                "reportedOn",
                "the day it was reported cannot be in the future",
            );
        }
        if self.discovered_on > today {
            return refuse(
                "discoveredOn",
                "the day it was discovered cannot be in the future",
            );
        }
        match (self.reporter, self.associate_learned_on) {
            (ReporterKind::Associate, None) => {
                return refuse(
                    "associateLearnedOn",
                    "give the day the associate learned of it: its agreement's days run from then",
                );
            }
            (ReporterKind::Associate, Some(learned)) if learned > self.reported_on => {
                return refuse(
                    "associateLearnedOn",
                    "the associate cannot have learned of it after it reported it",
                );
            }
            (ReporterKind::Associate, _) => {}
            (_, Some(_)) => {
                return refuse(
                    "associateLearnedOn",
                    "only for a business associate's report",
                );
            }
            (_, None) => {}
        }
        if let Some(from) = self.occurred_on {
            if from > self.discovered_on || from > self.reported_on {
                return refuse(
                    "occurredOn",
                    "it cannot have happened after it was discovered or reported",
                );
            }
        }
        match (self.occurred_on, self.occurred_until) {
            (None, Some(_)) => {
                return refuse("occurredOn", "give the day it started, or leave both blank");
            }
            (Some(from), Some(until)) if until < from => {
                return refuse("occurredUntil", "the end cannot come before the start");
            }
            (_, Some(until)) if until > today => {
                return refuse("occurredUntil", "the end cannot be in the future");
            }
            _ => {}
        }
        if self.what_happened.trim().is_empty() {
            return refuse("whatHappened", "say what happened");
        }
        if self.information.is_empty() {
            return refuse("information", "choose the kinds of information involved");
        }
        if self.information.contains(&Information::Other)
            && self.other_information.trim().is_empty()
        {
            return refuse("otherInformation", "say what the other information was");
        }
        if involved == 0 {
            return refuse(
                "participantIds",
                "choose the participants whose information was involved",
            );
        }
        Ok(())
    }

    /// The report as kept: texts trimmed, each kind of information and safeguard once and in
    /// order, and the "other information" only when other information was involved.
    pub fn normalized(&self) -> Incident {
        let mut i = self.clone();
        for text in [
            &mut i.reporter_name,
            &mut i.what_happened,
            &mut i.recipient,
            &mut i.other_information,
        ] {
            *text = text.trim().to_owned();
        }
        if !matches!(i.reporter, ReporterKind::Staff | ReporterKind::Other) {
            i.reporter_name.clear();
        }
        i.information.sort();
        i.information.dedup();
        i.safeguards.sort();
        i.safeguards.dedup();
        if !i.information.contains(&Information::Other) {
            i.other_information.clear();
        }
        i
    }

    /// A correction of the details as logged (`before`): checked as a report is, with who
    /// reported it kept (a participant's or an associate's report stays theirs), a reason, and
    /// at least one detail changed. `involved` counts the participants involved now.
    pub fn check_correction(
        &self,
        before: &Incident,
        reason: &str,
        involved: usize,
        today: NaiveDate,
    ) -> Result<(), IncidentError> {
        if self.reporter != before.reporter {
            return refuse(
                "reporter",
                "who reported it stays as logged: log a new incident if it was someone else",
            );
        }
        self.check(involved, true, today)?;
        if self.normalized() == before.normalized() {
            return refuse("details", "change a detail, or cancel the correction");
        }
        if reason.trim().is_empty() {
            return refuse("reason", "say why the details are corrected");
        }
        Ok(())
    }

    /// The day the information went out, for the logbook: when it happened, else the day it
    /// was discovered.
    pub fn disclosed_on(&self) -> NaiveDate {
        self.occurred_on.unwrap_or(self.discovered_on)
    }

    /// The information involved, as one line ("names, Social Security numbers, …").
    pub fn information_line(&self) -> String {
        let mut words: Vec<String> = self
            .information
            .iter()
            .filter(|i| **i != Information::Other)
            .map(|i| i.label().to_string())
            .collect();
        if self.information.contains(&Information::Other) {
            words.push(self.other_information.trim().to_string());
        }
        words.join(", ")
    }
}

/// Whether an associate reported within its agreement's days.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportTimeliness {
    /// The agreement's last day for the report.
    pub due_on: NaiveDate,
    /// Days after that day it came (0 when on time).
    pub days_late: u32,
}

impl ReportTimeliness {
    /// "reported on time" or "reported N days late".
    pub fn sentence(&self) -> String {
        match self.days_late {
            0 => "reported on time".to_string(),
            1 => "reported 1 day late".to_string(),
            n => format!("reported {n} days late"),
        }
    }
}

/// An associate that learned of an incident on `learned_on` and reported it on `reported_on`,
/// against its agreement's incident-report days (164.410(b): a business associate reports to
/// the plan; the county's addenda say within 5 days).
pub fn associate_report(
    duties: &Duties,
    learned_on: NaiveDate,
    reported_on: NaiveDate,
) -> ReportTimeliness {
    let due_on = duties.due(Duty::IncidentReport, learned_on);
    let late = (reported_on - due_on).num_days().max(0);
    ReportTimeliness {
        due_on,
        days_late: u32::try_from(late).unwrap_or(u32::MAX),
    }
}

/// The four-factor risk assessment of 164.402(2), each factor in the Privacy Official's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskAssessment {
    /// (i) The nature and extent of the PHI involved, including the types of identifiers and
    /// the likelihood of re-identification.
    pub nature_and_extent: String,
    /// (ii) The unauthorized person who used the PHI or to whom it was disclosed.
    pub unauthorized_person: String,
    /// (iii) Whether the PHI was actually acquired or viewed.
    pub acquired_or_viewed: String,
    /// (iv) The extent to which the risk to the PHI has been mitigated.
    pub mitigation: String,
}

impl RiskAssessment {
    /// Every factor considered: none blank.
    pub fn check(&self) -> Result<(), IncidentError> {
        for (field, text) in [
            ("natureAndExtent", &self.nature_and_extent),
            ("unauthorizedPerson", &self.unauthorized_person),
            ("acquiredOrViewed", &self.acquired_or_viewed),
            ("mitigation", &self.mitigation),
        ] {
            if text.trim().is_empty() {
                return refuse(
                    field,
                    "the assessment considers every factor: write what was found",
                );
            }
        }
        Ok(())
    }
}

/// The Privacy Official's determination.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Determination {
    /// A breach of unsecured PHI: notification follows.
    Breach,
    /// Not a breach: the risk assessment shows a low probability that the PHI has been
    /// compromised (164.402(2)).
    LowProbability,
    /// 164.402(1)(i): an unintentional acquisition, access or use by a workforce member or
    /// person acting under the plan's authority, in good faith and within their authority, and
    /// not further used or disclosed impermissibly.
    UnintentionalWorkforce,
    /// 164.402(1)(ii): an inadvertent disclosure between people authorized to access PHI at
    /// the plan or its business associate, not further used or disclosed impermissibly.
    InadvertentAuthorized,
    /// 164.402(1)(iii): a disclosure where the plan in good faith believes the unauthorized
    /// person could not reasonably have retained the information.
    CannotRetain,
}

impl Determination {
    pub const ALL: [Determination; 5] = [
        Determination::Breach,
        Determination::LowProbability,
        Determination::UnintentionalWorkforce,
        Determination::InadvertentAuthorized,
        Determination::CannotRetain,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Determination::Breach => "A breach: notify",
            Determination::LowProbability => {
                "Not a breach: low probability of compromise (164.402(2))"
            }
            Determination::UnintentionalWorkforce => {
                "Not a breach: unintentional use by the workforce in good faith (164.402(1)(i))"
            }
            Determination::InadvertentAuthorized => {
                "Not a breach: inadvertent disclosure between authorized people (164.402(1)(ii))"
            }
            Determination::CannotRetain => {
                "Not a breach: the recipient could not have kept it (164.402(1)(iii))"
            }
        }
    }

    pub fn is_breach(self) -> bool {
        self == Determination::Breach
    }

    /// Did the information leave the plan in a way the Privacy Rule does not permit? Then each
    /// participant's disclosure is logged for the accounting (164.528(a)). The first two
    /// exceptions are uses and disclosures inside the plan or its associate, among people
    /// authorized to see the information: nothing left.
    pub fn is_impermissible_disclosure(self) -> bool {
        matches!(
            self,
            Determination::Breach | Determination::LowProbability | Determination::CannotRetain
        )
    }
}

/// A determination with its reasons: the reasons are required, and "low probability of
/// compromise" stands only on a risk assessment that considered every factor.
pub fn check_decision(
    determination: Determination,
    reasons: &str,
    assessment: Option<&RiskAssessment>,
) -> Result<(), IncidentError> {
    if reasons.trim().is_empty() {
        return refuse("reasons", "give the reasons for the decision");
    }
    if determination == Determination::LowProbability {
        match assessment {
            None => {
                return refuse(
                    "determination",
                    "a low probability of compromise must be shown by a risk assessment: record it first",
                )
            }
            Some(a) => a.check().map_err(|_| IncidentError {
                field: "determination",
                problem: "the risk assessment must consider every factor first",
            })?,
        }
    }
    Ok(())
}

/// Calendar days from discovery within which each individual is notified (164.404(b)), and
/// the Secretary for 500 or more (164.408(b)), and the media (164.406(b)).
pub const NOTIFY_DAYS: u64 = 60;

/// The last day for the individual notices of a breach discovered on `discovered_on`.
pub fn notification_due(discovered_on: NaiveDate) -> NaiveDate {
    discovered_on
        .checked_add_days(Days::new(NOTIFY_DAYS))
        .unwrap_or(NaiveDate::MAX)
}

/// How one individual was notified, or not yet.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "on")]
pub enum IndividualNotice {
    /// No letter yet.
    Waiting,
    /// The letter is prepared, not yet marked mailed.
    Prepared,
    /// The letter was mailed on that day.
    Mailed(NaiveDate),
    /// The address is out of date: substitute notice is needed.
    OutOfDate,
    /// Reached by substitute notice given on that day.
    Substituted(NaiveDate),
}

impl IndividualNotice {
    /// Where one individual stands: a letter mailed to an address known to be out of date
    /// reached nobody, so only substitute notice counts for them.
    pub fn of(
        prepared: bool,
        mailed_on: Option<NaiveDate>,
        out_of_date: bool,
        substituted_on: Option<NaiveDate>,
    ) -> Self {
        match (out_of_date, substituted_on, mailed_on) {
            (true, Some(on), _) => IndividualNotice::Substituted(on),
            (true, None, _) => IndividualNotice::OutOfDate,
            (false, _, Some(on)) => IndividualNotice::Mailed(on),
            (false, _, None) if prepared => IndividualNotice::Prepared,
            _ => IndividualNotice::Waiting,
        }
    }

    pub fn notified_on(self) -> Option<NaiveDate> {
        match self {
            IndividualNotice::Mailed(on) | IndividualNotice::Substituted(on) => Some(on),
            _ => None,
        }
    }
}

/// Where a breach's notification stands on `today`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationProgress {
    pub due_on: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub individuals: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub notified: usize,
    /// Days to the due date (negative once past).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub days_left: i64,
    /// Everyone notified.
    pub complete: bool,
    /// Someone is still waiting after the due date.
    pub overdue: bool,
    /// The first and the last day an individual was notified (the HHS log's notice dates).
    pub first_notice_on: Option<NaiveDate>,
    pub last_notice_on: Option<NaiveDate>,
}

pub fn progress(
    discovered_on: NaiveDate,
    notices: &[IndividualNotice],
    today: NaiveDate,
) -> NotificationProgress {
    let due_on = notification_due(discovered_on);
    let days: Vec<NaiveDate> = notices.iter().filter_map(|n| n.notified_on()).collect();
    let complete = days.len() == notices.len();
    let days_left = (due_on - today).num_days();
    NotificationProgress {
        due_on,
        individuals: notices.len(),
        notified: days.len(),
        days_left,
        complete,
        overdue: !complete && today > due_on,
        first_notice_on: days.iter().min().copied(),
        last_notice_on: days.iter().max().copied(),
    }
}

/// Substitute notice (164.404(d)(2)): how many individuals with out-of-date contact
/// information call for notice to all of them at once.
pub const CONSPICUOUS_FROM: usize = 10;
/// Days a web posting stays up, and the toll-free number stays open, for 10 or more.
pub const POSTING_DAYS: u64 = 90;

/// How substitute notice was given.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubstituteMethod {
    /// Fewer than 10: an alternative form of written notice (another address, an e-mail).
    AlternativeWritten,
    /// Fewer than 10: by telephone.
    Telephone,
    /// Fewer than 10: other means.
    OtherMeans,
    /// 10 or more: a conspicuous posting on the plan's web home page for 90 days.
    WebPosting,
    /// 10 or more: conspicuous notice in major print or broadcast media where they likely live.
    Media,
}

impl SubstituteMethod {
    pub const ALL: [SubstituteMethod; 5] = [
        SubstituteMethod::AlternativeWritten,
        SubstituteMethod::Telephone,
        SubstituteMethod::OtherMeans,
        SubstituteMethod::WebPosting,
        SubstituteMethod::Media,
    ];

    /// Notice to all the out-of-date individuals at once (10 or more), not to one.
    pub fn is_conspicuous(self) -> bool {
        matches!(self, SubstituteMethod::WebPosting | SubstituteMethod::Media)
    }

    pub fn label(self) -> &'static str {
        match self {
            SubstituteMethod::AlternativeWritten => "alternative written notice",
            SubstituteMethod::Telephone => "telephone",
            SubstituteMethod::OtherMeans => "other means",
            SubstituteMethod::WebPosting => "web posting for 90 days",
            SubstituteMethod::Media => "major print or broadcast media",
        }
    }
}

/// The day substitute notice reached an individual whose address was found out of date on
/// `noted_on`: their own notice (`own`), or notice to all (`conspicuous`, each with the day it
/// was given): a web posting reaches whoever is found out of date before it comes down (from
/// the later of the two days), media notice those found out of date by its day.
pub fn substitute_reached(
    noted_on: NaiveDate,
    own: Option<NaiveDate>,
    conspicuous: &[(SubstituteMethod, NaiveDate)],
) -> Option<NaiveDate> {
    let to_all = conspicuous
        .iter()
        .filter_map(|&(method, given_on)| match method {
            SubstituteMethod::WebPosting if noted_on <= posting_until(given_on) => {
                Some(given_on.max(noted_on))
            }
            SubstituteMethod::Media if noted_on <= given_on => Some(given_on),
            _ => None,
        });
    own.into_iter().chain(to_all).min()
}

/// Which substitute notice the count of out-of-date individuals calls for.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubstituteRule {
    /// Nobody's address is out of date.
    None,
    /// Fewer than 10: to each of them, in writing by other means, by telephone or otherwise.
    EachIndividual,
    /// 10 or more: a web posting for 90 days or major media, with a toll-free number open 90
    /// days.
    Conspicuous,
}

pub fn substitute_rule(out_of_date: usize) -> SubstituteRule {
    match out_of_date {
        0 => SubstituteRule::None,
        n if n < CONSPICUOUS_FROM => SubstituteRule::EachIndividual,
        _ => SubstituteRule::Conspicuous,
    }
}

/// The last day of a 90-day posting (and of the toll-free number) that began on `from`.
pub fn posting_until(from: NaiveDate) -> NaiveDate {
    from.checked_add_days(Days::new(POSTING_DAYS - 1))
        .unwrap_or(NaiveDate::MAX)
}

/// A toll-free number: ten digits (a leading 1 allowed) on an 800, 833, 844, 855, 866, 877
/// or 888 exchange.
pub fn is_toll_free(number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.len() {
        11 if digits.starts_with('1') => &digits[1..],
        10 => &digits[..],
        _ => return false,
    };
    ["800", "833", "844", "855", "866", "877", "888"]
        .iter()
        .any(|p| digits.starts_with(p))
}

/// A substitute notice given on `given_on` by `method`, when `out_of_date` individuals have
/// out-of-date contact information: the method the count calls for, a toll-free number for 10
/// or more, and a day between discovery and today.
pub fn check_substitute(
    method: SubstituteMethod,
    out_of_date: usize,
    toll_free: &str,
    given_on: NaiveDate,
    discovered_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), IncidentError> {
    match substitute_rule(out_of_date) {
        SubstituteRule::None => {
            return refuse(
                "method",
                "no individual's address is marked out of date: mail the letters",
            )
        }
        SubstituteRule::EachIndividual if method.is_conspicuous() => {
            return refuse(
                "method",
                "for fewer than 10 individuals, give each one notice in writing by other means, by telephone or otherwise",
            )
        }
        SubstituteRule::Conspicuous if !method.is_conspicuous() => {
            return refuse(
                "method",
                "for 10 or more individuals, post the notice on the web home page for 90 days or in major print or broadcast media",
            )
        }
        SubstituteRule::Conspicuous if !is_toll_free(toll_free) => {
            return refuse(
                "tollFree",
                "give the toll-free number, open for 90 days, where people can learn whether they were affected",
            )
        }
        _ => {}
    }
    if given_on > today {
        return refuse("givenOn", "the day cannot be in the future");
    }
    if given_on < discovered_on {
        return refuse(
            "givenOn",
            "notice cannot come before the breach was discovered",
        );
    }
    Ok(())
}

/// Individuals who must be told on the same clock as the individuals: the Secretary for 500
/// or more (164.408(b)), the media for more than 500 residents of one State (164.406(a)).
pub const HHS_AT_ONCE_FROM: usize = 500;
/// More than this many residents of one State calls for media notice.
pub const MEDIA_OVER: usize = 500;

/// How far a breach reaches: how many individuals, how many in each State, and whether the
/// Secretary and the media must be told within the 60 days.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reach {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub individuals: usize,
    /// The largest State first ("" for an address without one).
    #[cfg_attr(feature = "ts", ts(type = "Array<[string, number]>"))]
    pub by_state: Vec<(String, usize)>,
    /// 500 or more: the Secretary is told now, not in the annual log.
    pub hhs_now: bool,
    /// The States with more than 500 residents involved: prominent media there are told.
    pub media_states: Vec<String>,
}

impl Reach {
    /// In the annual log to the Secretary (fewer than 500).
    pub fn in_annual_log(&self) -> bool {
        !self.hhs_now
    }
}

/// The reach of a breach whose individuals live in `states` (one entry per individual, the
/// State of their address).
pub fn reach<S: AsRef<str>>(states: &[S]) -> Reach {
    let mut by_state: Vec<(String, usize)> = Vec::new();
    for s in states {
        let key = s.as_ref().trim().to_uppercase();
        match by_state.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => by_state.push((key, 1)),
        }
    }
    by_state.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let media_states = by_state
        .iter()
        .filter(|(s, n)| !s.is_empty() && *n > MEDIA_OVER)
        .map(|(s, _)| s.clone())
        .collect();
    Reach {
        individuals: states.len(),
        hhs_now: states.len() >= HHS_AT_ONCE_FROM,
        by_state,
        media_states,
    }
}

/// The annual log of breaches affecting fewer than 500 discovered in `year` is due 60 days
/// after that calendar year ends (164.408(c)): March 1, or February 29 after a leap year's end.
pub fn annual_log_due(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31)
        .and_then(|d| d.checked_add_days(Days::new(NOTIFY_DAYS)))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether the dashboard shows last year's annual log on `today`: during the first 60 days of
/// the year, when last year had breaches for it. Returns the year and its due date.
pub fn annual_log_reminder(
    today: NaiveDate,
    last_year_has_breaches: bool,
) -> Option<(i32, NaiveDate)> {
    let year = today.year() - 1;
    let due = annual_log_due(year);
    (last_year_has_breaches && today <= due).then_some((year, due))
}

/// A mitigation step or a sanction (county policy §11; 164.530(e), (f)).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Mitigation,
    Sanction,
}

/// A dated mitigation step, or a sanction on a workforce member (whom: role or name; what).
pub fn check_action(
    kind: ActionKind,
    taken_on: NaiveDate,
    whom: &str,
    text: &str,
    today: NaiveDate,
) -> Result<(), IncidentError> {
    if taken_on > today {
        return refuse("takenOn", "the day cannot be in the future");
    }
    if kind == ActionKind::Sanction && whom.trim().is_empty() {
        return refuse(
            "whom",
            "name the workforce member sanctioned, or their role",
        );
    }
    if kind == ActionKind::Mitigation && !whom.trim().is_empty() {
        return refuse("whom", "only a sanction names a workforce member");
    }
    if text.trim().is_empty() {
        return refuse(
            "text",
            match kind {
                ActionKind::Mitigation => "say what was done",
                ActionKind::Sanction => "say what the sanction was",
            },
        );
    }
    Ok(())
}

/// One breach in the annual log for the Secretary (164.408(c)), as the HHS breach portal asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedBreach {
    pub incident: Incident,
    pub individuals: usize,
    pub progress: NotificationProgress,
    pub substitute_notice: bool,
    pub media_notice: bool,
    /// Mitigation steps and sanctions, in order, as recorded.
    pub actions: Vec<(ActionKind, String)>,
}

/// The columns of the annual log, in the HHS breach portal's order.
pub const ANNUAL_LOG_COLUMNS: [&str; 14] = [
    "Breach Start Date",
    "Breach End Date",
    "Discovery Date",
    "Approximate Number of Individuals Affected",
    "Type of Breach",
    "Location of Breached Information",
    "Type of Protected Health Information Involved",
    "Brief Description of the Breach",
    "Safeguards in Place Prior to Breach",
    "Individual Notice Provided Start Date",
    "Individual Notice Provided End Date",
    "Substitute Notice Required",
    "Media Notice Required",
    "Actions Taken in Response to Breach",
];

/// The portal's dates: MM/DD/YYYY.
fn us_date(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_string()
}

/// One row of the annual log, in [`ANNUAL_LOG_COLUMNS`] order. An unknown start is the
/// discovery date (the portal needs one); an end not given is the start.
pub fn annual_log_row(b: &LoggedBreach) -> [String; 14] {
    let i = &b.incident;
    let start = i.occurred_on.unwrap_or(i.discovered_on);
    let end = i.occurred_until.unwrap_or(start);
    let mut types: Vec<&str> = i.information.iter().map(|x| x.hhs_type()).collect();
    types.dedup();
    let mut phi = types.join("; ");
    if i.information.contains(&Information::Other) {
        phi = format!("{phi} ({})", i.other_information.trim());
    }
    let safeguards = if i.safeguards.is_empty() {
        "None".to_string()
    } else {
        i.safeguards
            .iter()
            .map(|s| s.hhs_label())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let actions = b
        .actions
        .iter()
        .map(|(kind, text)| match kind {
            ActionKind::Mitigation => format!("Mitigation: {}", text.trim()),
            ActionKind::Sanction => format!("Sanction: {}", text.trim()),
        })
        .collect::<Vec<_>>()
        .join("; ");
    [
        us_date(start),
        us_date(end),
        us_date(i.discovered_on),
        b.individuals.to_string(),
        i.breach_type.hhs_label().to_string(),
        i.location.hhs_label().to_string(),
        phi,
        i.what_happened
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        safeguards,
        b.progress.first_notice_on.map(us_date).unwrap_or_default(),
        b.progress.last_notice_on.map(us_date).unwrap_or_default(),
        yes_no(b.substitute_notice),
        yes_no(b.media_notice),
        actions,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn incident() -> Incident {
        Incident {
            reporter: ReporterKind::Staff,
            reporter_name: "Sam Staff".into(),
            reported_on: d("2026-03-03"),
            associate_learned_on: None,
            discovered_on: d("2026-03-02"),
            occurred_on: Some(d("2026-02-27")),
            occurred_until: None,
            what_happened: "A claims report was e-mailed to the wrong county department.".into(),
            recipient: "County Parks Department".into(),
            breach_type: BreachType::UnauthorizedAccess,
            location: Location::Email,
            safeguards: vec![Safeguard::PrivacyRule],
            information: vec![Information::Names, Information::Claims],
            other_information: String::new(),
        }
    }

    #[test]
    fn a_correction_keeps_the_reporter_changes_a_detail_and_says_why() {
        let today = d("2026-03-05");
        let before = incident();
        let mut after = incident();
        after.discovered_on = d("2026-03-01");
        assert_eq!(
            after.check_correction(&before, "Found the first e-mail", 2, today),
            Ok(())
        );
        let field = |after: &Incident, reason: &str| {
            after
                .check_correction(&before, reason, 2, today)
                .expect_err("refused")
                .field
        };
        assert_eq!(field(&after, "  "), "reason");
        let mut same = incident();
        same.information = vec![Information::Claims, Information::Names, Information::Names];
        same.what_happened = format!(" {} ", same.what_happened);
        assert_eq!(
            field(&same, "Tidied"),
            "details",
            "the same report, reordered and padded"
        );
        let mut other = after.clone();
        other.reporter = ReporterKind::Other;
        assert_eq!(field(&other, "Reported by a visitor"), "reporter");
        let mut future = after.clone();
        future.discovered_on = d("2026-03-06");
        assert_eq!(
            field(&future, "Typo"),
            "discoveredOn",
            "checked as a report is"
        );
    }

    #[test]
    fn kept_as_normalized_other_information_only_with_other() {
        let mut i = incident();
        i.other_information = "  a photograph ".into();
        i.information = vec![Information::Claims, Information::Names, Information::Claims];
        let n = i.normalized();
        assert_eq!(n.information, vec![Information::Names, Information::Claims]);
        assert_eq!(n.other_information, "");
        i.information.push(Information::Other);
        assert_eq!(i.normalized().other_information, "a photograph");
    }

    #[test]
    fn a_sound_report_is_accepted_and_each_fault_names_its_field() {
        let today = d("2026-03-05");
        assert_eq!(incident().check(2, false, today), Ok(()));
        type Spoil = Box<dyn Fn(&mut Incident)>;
        let cases: Vec<(&str, Spoil)> = vec![
            ("reporterName", Box::new(|i| i.reporter_name = " ".into())),
            ("reportedOn", Box::new(|i| i.reported_on = d("2026-03-06"))),
            (
                "discoveredOn",
                Box::new(|i| i.discovered_on = d("2026-03-06")),
            ),
            (
                "associateLearnedOn",
                Box::new(|i| i.associate_learned_on = Some(d("2026-03-01"))),
            ),
            (
                "occurredOn",
                Box::new(|i| i.occurred_on = Some(d("2026-03-04"))),
            ),
            (
                "occurredOn",
                Box::new(|i| {
                    i.occurred_on = None;
                    i.occurred_until = Some(d("2026-03-01"))
                }),
            ),
            (
                "occurredUntil",
                Box::new(|i| i.occurred_until = Some(d("2026-02-26"))),
            ),
            (
                "occurredUntil",
                Box::new(|i| i.occurred_until = Some(d("2026-03-06"))),
            ),
            ("whatHappened", Box::new(|i| i.what_happened = "\n".into())),
            ("information", Box::new(|i| i.information.clear())),
            (
                "otherInformation",
                Box::new(|i| i.information.push(Information::Other)),
            ),
        ];
        for (field, spoil) in cases {
            let mut i = incident();
            spoil(&mut i);
            assert_eq!(i.check(2, false, today).map_err(|e| e.field), Err(field));
        }
        assert_eq!(
            incident().check(0, false, today).map_err(|e| e.field),
            Err("participantIds")
        );
        let mut by_participant = incident();
        by_participant.reporter = ReporterKind::Participant;
        assert_eq!(
            by_participant.check(1, false, today).map_err(|e| e.field),
            Err("reporterParticipantId")
        );
        assert_eq!(by_participant.check(1, true, today), Ok(()));
    }

    #[test]
    fn an_associate_report_needs_the_day_it_learned_and_is_judged_against_its_days() {
        let today = d("2026-03-20");
        let mut i = incident();
        i.reporter = ReporterKind::Associate;
        i.reporter_name = String::new();
        assert_eq!(
            i.check(1, true, today).map_err(|e| e.field),
            Err("associateLearnedOn")
        );
        i.associate_learned_on = Some(d("2026-03-04"));
        assert_eq!(
            i.check(1, true, today).map_err(|e| e.field),
            Err("associateLearnedOn"),
            "learned after it reported"
        );
        i.associate_learned_on = Some(d("2026-02-26"));
        assert_eq!(i.check(1, true, today), Ok(()));

        let duties = Duties::default();
        let on_time = associate_report(&duties, d("2026-02-26"), d("2026-03-03"));
        assert_eq!(on_time.due_on, d("2026-03-03"), "5 days after it learned");
        assert_eq!(on_time.days_late, 0);
        assert_eq!(on_time.sentence(), "reported on time");
        let late = associate_report(&duties, d("2026-02-20"), d("2026-03-03"));
        assert_eq!(late.days_late, 6);
        assert_eq!(late.sentence(), "reported 6 days late");
        assert_eq!(
            associate_report(&duties, d("2026-02-25"), d("2026-03-03")).sentence(),
            "reported 1 day late"
        );
        let ten = Duties {
            incident_days: 10,
            ..Duties::default()
        };
        assert_eq!(
            associate_report(&ten, d("2026-02-20"), d("2026-03-03")).days_late,
            1
        );
    }

    #[test]
    fn a_decision_needs_reasons_and_low_probability_needs_the_whole_assessment() {
        let assessment = RiskAssessment {
            nature_and_extent: "Names and claim amounts of two members; no SSN.".into(),
            unauthorized_person: "A county employee bound by the personnel rules.".into(),
            acquired_or_viewed: "Opened, read, then deleted at once.".into(),
            mitigation: "Written assurance of deletion received.".into(),
        };
        assert_eq!(
            check_decision(Determination::Breach, " ", None).map_err(|e| e.field),
            Err("reasons")
        );
        assert_eq!(
            check_decision(Determination::Breach, "Presumed.", None),
            Ok(())
        );
        assert_eq!(
            check_decision(Determination::LowProbability, "Deleted unread.", None)
                .map_err(|e| e.field),
            Err("determination")
        );
        let mut partial = assessment.clone();
        partial.mitigation = String::new();
        assert_eq!(partial.check().map_err(|e| e.field), Err("mitigation"));
        assert_eq!(
            check_decision(Determination::LowProbability, "Deleted.", Some(&partial))
                .map_err(|e| e.field),
            Err("determination")
        );
        assert_eq!(
            check_decision(Determination::LowProbability, "Deleted.", Some(&assessment)),
            Ok(())
        );
        assert_eq!(
            check_decision(
                Determination::CannotRetain,
                "Envelope returned sealed.",
                None
            ),
            Ok(())
        );
        assert!(Determination::Breach.is_impermissible_disclosure());
        assert!(Determination::CannotRetain.is_impermissible_disclosure());
        assert!(!Determination::UnintentionalWorkforce.is_impermissible_disclosure());
        assert!(!Determination::InadvertentAuthorized.is_impermissible_disclosure());
    }

    #[test]
    fn individuals_are_notified_within_sixty_calendar_days_of_discovery() {
        assert_eq!(notification_due(d("2026-03-02")), d("2026-05-01"));
        assert_eq!(notification_due(d("2026-12-15")), d("2027-02-13"));
        let mailed = IndividualNotice::of(true, Some(d("2026-03-20")), false, None);
        let waiting = IndividualNotice::of(false, None, false, None);
        let prepared = IndividualNotice::of(true, None, false, None);
        assert_eq!(mailed, IndividualNotice::Mailed(d("2026-03-20")));
        assert_eq!(waiting, IndividualNotice::Waiting);
        assert_eq!(prepared, IndividualNotice::Prepared);
        let p = progress(d("2026-03-02"), &[mailed, prepared], d("2026-04-30"));
        assert_eq!((p.individuals, p.notified, p.days_left), (2, 1, 1));
        assert!(!p.complete && !p.overdue);
        let p = progress(d("2026-03-02"), &[mailed, prepared], d("2026-05-02"));
        assert!(p.overdue, "still waiting after the 60th day");
        assert_eq!(p.days_left, -1);
        let p = progress(d("2026-03-02"), &[mailed], d("2026-06-01"));
        assert!(p.complete && !p.overdue);
        assert_eq!(p.first_notice_on, Some(d("2026-03-20")));
    }

    #[test]
    fn an_out_of_date_address_counts_only_once_substitute_notice_is_given() {
        assert_eq!(
            IndividualNotice::of(true, Some(d("2026-03-20")), true, None),
            IndividualNotice::OutOfDate,
            "the letter went to an address known to be wrong"
        );
        assert_eq!(
            IndividualNotice::of(true, Some(d("2026-03-20")), true, Some(d("2026-03-25"))),
            IndividualNotice::Substituted(d("2026-03-25"))
        );
    }

    #[test]
    fn substitute_notice_is_to_each_below_ten_and_conspicuous_from_ten() {
        assert_eq!(substitute_rule(0), SubstituteRule::None);
        assert_eq!(substitute_rule(9), SubstituteRule::EachIndividual);
        assert_eq!(substitute_rule(10), SubstituteRule::Conspicuous);
        let (disc, today) = (d("2026-03-02"), d("2026-03-30"));
        let day = d("2026-03-25");
        use SubstituteMethod as M;
        assert_eq!(
            check_substitute(M::Telephone, 9, "", day, disc, today),
            Ok(())
        );
        assert_eq!(
            check_substitute(M::WebPosting, 9, "1-800-555-0100", day, disc, today)
                .map_err(|e| e.field),
            Err("method")
        );
        assert_eq!(
            check_substitute(M::Telephone, 10, "", day, disc, today).map_err(|e| e.field),
            Err("method")
        );
        assert_eq!(
            check_substitute(M::WebPosting, 10, "772-555-0100", day, disc, today)
                .map_err(|e| e.field),
            Err("tollFree"),
            "a local number is not toll-free"
        );
        assert_eq!(
            check_substitute(M::Media, 12, "1 (888) 555-0100", day, disc, today),
            Ok(())
        );
        assert_eq!(
            check_substitute(M::Telephone, 1, "", d("2026-03-31"), disc, today)
                .map_err(|e| e.field),
            Err("givenOn")
        );
        assert_eq!(
            check_substitute(M::Telephone, 1, "", d("2026-03-01"), disc, today)
                .map_err(|e| e.field),
            Err("givenOn")
        );
        assert_eq!(
            check_substitute(M::Telephone, 0, "", day, disc, today).map_err(|e| e.field),
            Err("method")
        );
        assert_eq!(
            posting_until(d("2026-03-25")),
            d("2026-06-22"),
            "90 days, the first included"
        );
        assert!(is_toll_free("800.555.0100"));
        assert!(!is_toll_free("1-900-555-0100"));
        assert!(!is_toll_free("800-555-010"));
    }

    #[test]
    fn a_posting_reaches_whoever_is_found_out_of_date_while_it_is_up() {
        use SubstituteMethod as M;
        let posted = [(M::WebPosting, d("2026-04-01"))];
        assert_eq!(
            substitute_reached(d("2026-03-20"), None, &posted),
            Some(d("2026-04-01")),
            "found before it went up: reached the day it went up"
        );
        assert_eq!(
            substitute_reached(d("2026-05-10"), None, &posted),
            Some(d("2026-05-10")),
            "found while it is up: reached that day"
        );
        assert_eq!(
            substitute_reached(d("2026-06-30"), None, &posted),
            None,
            "the posting came down on June 29"
        );
        let media = [(M::Media, d("2026-04-01"))];
        assert_eq!(substitute_reached(d("2026-04-02"), None, &media), None);
        assert_eq!(
            substitute_reached(d("2026-03-20"), Some(d("2026-03-25")), &media),
            Some(d("2026-03-25")),
            "their own notice came first"
        );
    }

    #[test]
    fn five_hundred_individuals_go_to_the_secretary_at_once_and_over_five_hundred_in_a_state_to_the_media(
    ) {
        let small = reach(&["FL", " fl", "GA"]);
        assert_eq!(small.individuals, 3);
        assert_eq!(small.by_state[0], ("FL".to_string(), 2));
        assert!(!small.hhs_now && small.media_states.is_empty() && small.in_annual_log());

        let mut states = vec!["FL"; 499];
        assert!(!reach(&states).hhs_now, "499: the annual log");
        states.push("FL");
        let r = reach(&states);
        assert!(r.hhs_now, "500 residents of one State: the Secretary now");
        assert!(!r.in_annual_log());
        assert!(
            r.media_states.is_empty(),
            "media only for more than 500 in a State"
        );
        states.push("FL");
        assert_eq!(reach(&states).media_states, ["FL"]);

        let mixed: Vec<&str> = std::iter::repeat_n("FL", 300)
            .chain(std::iter::repeat_n("GA", 250))
            .collect();
        let r = reach(&mixed);
        assert!(
            r.hhs_now && r.media_states.is_empty(),
            "550 over two States"
        );
    }

    #[test]
    fn the_annual_log_is_due_sixty_days_after_the_year_ends() {
        assert_eq!(annual_log_due(2025), d("2026-03-01"));
        assert_eq!(
            annual_log_due(2019),
            d("2020-02-29"),
            "after a leap year's February"
        );
        assert_eq!(
            annual_log_reminder(d("2026-01-02"), true),
            Some((2025, d("2026-03-01")))
        );
        assert_eq!(
            annual_log_reminder(d("2026-03-01"), true),
            Some((2025, d("2026-03-01")))
        );
        assert_eq!(annual_log_reminder(d("2026-03-02"), true), None);
        assert_eq!(annual_log_reminder(d("2026-01-02"), false), None);
    }

    #[test]
    fn a_sanction_names_whom_and_a_mitigation_does_not() {
        let today = d("2026-03-10");
        assert_eq!(
            check_action(ActionKind::Sanction, today, "", "Written warning", today)
                .map_err(|e| e.field),
            Err("whom")
        );
        assert_eq!(
            check_action(
                ActionKind::Sanction,
                today,
                "Benefits clerk",
                "Written warning",
                today
            ),
            Ok(())
        );
        assert_eq!(
            check_action(ActionKind::Mitigation, today, "Clerk", "Recalled", today)
                .map_err(|e| e.field),
            Err("whom")
        );
        assert_eq!(
            check_action(
                ActionKind::Mitigation,
                d("2026-03-11"),
                "",
                "Recalled",
                today
            )
            .map_err(|e| e.field),
            Err("takenOn")
        );
        assert_eq!(
            check_action(ActionKind::Mitigation, today, "", " ", today).map_err(|e| e.field),
            Err("text")
        );
    }

    #[test]
    fn the_annual_log_row_follows_the_portal() {
        let mut i = incident();
        i.information.push(Information::Other);
        i.other_information = "plan year".into();
        let notices = [
            IndividualNotice::Mailed(d("2026-03-20")),
            IndividualNotice::Mailed(d("2026-03-24")),
        ];
        let row = annual_log_row(&LoggedBreach {
            incident: i,
            individuals: 2,
            progress: progress(d("2026-03-02"), &notices, d("2026-04-01")),
            substitute_notice: false,
            media_notice: false,
            actions: vec![
                (
                    ActionKind::Mitigation,
                    "Recipient deleted the e-mail".into(),
                ),
                (ActionKind::Sanction, "Clerk retrained".into()),
            ],
        });
        assert_eq!(row[0], "02/27/2026");
        assert_eq!(row[1], "02/27/2026", "no end given: the start");
        assert_eq!(row[2], "03/02/2026");
        assert_eq!(row[3], "2");
        assert_eq!(row[4], "Unauthorized Access/Disclosure");
        assert_eq!(row[5], "Email");
        assert_eq!(
            row[6],
            "Demographic: Name; Financial: Claims Information; Other (plan year)"
        );
        assert!(row[8].starts_with("Privacy Rule Safeguards"));
        assert_eq!(
            (row[9].as_str(), row[10].as_str()),
            ("03/20/2026", "03/24/2026")
        );
        assert_eq!((row[11].as_str(), row[12].as_str()), ("No", "No"));
        assert_eq!(
            row[13],
            "Mitigation: Recipient deleted the e-mail; Sanction: Clerk retrained"
        );
    }
}
