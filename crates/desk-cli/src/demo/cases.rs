//! The demo's cases: who asked for what, how the requester was verified, and every step the
//! office took on the case, day by day, over the 18 months to yesterday. Old cases are answered
//! (most on time, a few late, some after the one extension, some denied with the Privacy
//! Official's approval); recent ones stand at every stage the operations reach.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc, Weekday};
use desk_core::identity::{VerificationMethod, VerificationOutcome};
use desk_core::Sensitive;
use desk_office::letter::Delivery;
use desk_office::{complaint, intake};
use desk_store::{EndStep, NoteKind};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

use super::replay::{day_of, moment, Decide, Op, Step, Who};
use super::{FIRST_NAMES, LAST_NAMES};

/// A participant who may ask for themself (an employee or retiree of the roster).
#[derive(Debug, Clone)]
pub struct Adult {
    pub id: i64,
    pub name: String,
    /// What the roster gave as the last four SSN digits (read out on the telephone).
    pub ssn4: Option<Sensitive<String>>,
    pub address: Vec<String>,
}

/// A dependent child, enrolled under `parent` (an index into `People::adults`).
#[derive(Debug, Clone)]
pub struct Child {
    pub id: i64,
    pub parent: usize,
    pub born: NaiveDate,
}

#[derive(Debug, Clone, Default)]
pub struct People {
    pub adults: Vec<Adult>,
    pub children: Vec<Child>,
}

/// How a request came in and how the requester was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// In person, with a driver licence that matches, a copy filed.
    InPerson,
    /// The participant on the telephone, reading out SSN digits that match.
    Telephone,
    /// A letter from a known sender, with SSN digits that match.
    Mail,
    /// A parent of a minor dependent on file, in person.
    ParentInPerson,
    /// A parent of a minor dependent on file, on the telephone with their own SSN digits.
    ParentTelephone,
    /// A personal representative in person, with power of attorney and stated authority.
    Representative,
    /// In person, but staff doubt the ID: referred to the Privacy Official.
    Doubt,
    /// A letter whose origin is not known: referred to the Privacy Official.
    MailUnknownOrigin,
    /// The participant on the telephone, reading out SSN digits that do not match: asked to
    /// send the request in writing.
    WrongSsn,
}

impl How {
    /// The ways requests come in, in the order the answered cases take them.
    const ROTATION: [How; 6] = [
        How::InPerson,
        How::Telephone,
        How::Mail,
        How::ParentInPerson,
        How::Representative,
        How::ParentTelephone,
    ];

    /// What the desk's verification comes out as.
    fn outcome(self) -> VerificationOutcome {
        match self {
            How::Doubt | How::MailUnknownOrigin => VerificationOutcome::ReferredToPrivacyOfficial,
            How::WrongSsn => VerificationOutcome::NotVerified,
            _ => VerificationOutcome::Verified,
        }
    }

    /// How the answer goes out to this requester.
    fn delivery(self, electronic: bool) -> Delivery {
        match self {
            _ if electronic => Delivery::Email,
            How::InPerson | How::ParentInPerson | How::Representative => Delivery::InPerson,
            _ => Delivery::Mail,
        }
    }
}

/// A request kind with the words its forms use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Access,
    Amendment,
    Restriction,
    Communication,
    Accounting,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Access => "access",
            Kind::Amendment => "amendment",
            Kind::Restriction => "restriction",
            Kind::Communication => "confidential_communication",
            Kind::Accounting => "accounting",
        }
    }
}

const ACCESS_DETAILS: [&str; 6] = [
    "Copies of claims history for the last two plan years",
    "Enrollment and coverage records",
    "Explanation of benefits statements",
    "Pharmacy claims for the current plan year",
    "Copy of the claims appeal file",
    "Dental claims and payments",
];
const AMENDMENT_DETAILS: [&str; 4] = [
    "Correct the date of service on a claim",
    "Correct the provider named on an office visit claim",
    "Correct the dependent's date of birth in enrollment",
    "Remove a duplicate claim from the claims history",
];
const RESTRICTION_DETAILS: [(&str, &str, &str); 3] = [
    (
        "Do not disclose claims for counseling visits",
        "Claims for counseling visits",
        "Not to be used for plan operations reviews",
    ),
    (
        "Do not disclose pharmacy claims to a family member",
        "Pharmacy claims",
        "",
    ),
    (
        "Restrict claims for physical therapy",
        "Claims for physical therapy",
        "Only for payment of those claims",
    ),
];
const COMMUNICATION_DETAILS: &str = "Send plan mail to another address";
const ACCOUNTING_DETAILS: &str = "Everyone who received my information";
const GRANT_ACCESS: [&str; 3] = [
    "Copies will be mailed to you",
    "You may inspect the records at the Benefits office, 1840 25th Street",
    "Copies will be sent to the secure e-mail address you gave",
];
const EXTENSION_REASON: &str =
    "The records are held by the claims administrator and must be retrieved from its archive.";

/// A case being planned: its index and the moment of its last step.
struct Case {
    index: usize,
    last: Option<DateTime<Utc>>,
}

/// Builds every case's steps.
pub struct Planner<'a> {
    rng: &'a mut StdRng,
    people: &'a People,
    today: NaiveDate,
    pub steps: Vec<Step>,
    pub cases: usize,
    order: Vec<usize>,
    next: usize,
}

impl<'a> Planner<'a> {
    pub fn new(rng: &'a mut StdRng, people: &'a People, today: NaiveDate) -> Self {
        let mut order: Vec<usize> = (0..people.adults.len()).collect();
        order.shuffle(rng);
        Planner {
            rng,
            people,
            today,
            steps: Vec::new(),
            cases: 0,
            order,
            next: 0,
        }
    }

    fn case(&mut self) -> Case {
        self.cases += 1;
        Case {
            index: self.cases - 1,
            last: None,
        }
    }

    /// The day `ago` days before today, moved off the weekend (Saturday to Friday, Sunday to
    /// Monday unless Monday is today), never later than yesterday. Monotone: a later `ago` never
    /// gives a later day.
    fn workday(&self, ago: u64) -> NaiveDate {
        let day = self.exact(ago);
        match day.weekday() {
            Weekday::Sat => day - Days::new(1),
            Weekday::Sun if day + Days::new(1) < self.today => day + Days::new(1),
            Weekday::Sun => day - Days::new(2),
            _ => day,
        }
    }

    /// The day `ago` days before today (at least yesterday).
    fn exact(&self, ago: u64) -> NaiveDate {
        self.today - Days::new(ago.max(1))
    }

    /// A step on `day` at a working-hours moment after the case's last step.
    fn at(&mut self, case: &mut Case, day: NaiveDate, who: Who, op: Op) {
        let mut t = moment(day, self.rng.gen_range(510..=930));
        if let Some(last) = case.last {
            if t <= last {
                t = last + Duration::minutes(self.rng.gen_range(4..=20));
            }
        }
        debug_assert!(case.last.is_none_or(|l| day_of(l) <= day));
        case.last = Some(t);
        self.steps.push(Step {
            at: t,
            case: case.index,
            who,
            op,
        });
    }

    /// A step at `minutes` past midnight on `day` (the roster and logbook set-up).
    pub fn at_time(&mut self, case: usize, day: NaiveDate, minutes: u32, who: Who, op: Op) {
        self.steps.push(Step {
            at: moment(day, minutes),
            case,
            who,
            op,
        });
    }

    /// A case of its own for steps placed with `at_time`.
    pub fn new_case(&mut self) -> usize {
        self.case().index
    }

    /// The next adult in the shuffled rotation.
    fn adult(&mut self) -> usize {
        let i = self.order[self.next % self.order.len()];
        self.next += 1;
        i
    }

    /// A minor dependent on file on `day`, born before it.
    fn child(&mut self, day: NaiveDate) -> Option<usize> {
        let minors: Vec<usize> = (0..self.people.children.len())
            .filter(|&i| {
                let c = &self.people.children[i];
                c.born < day && desk_core::person::is_minor(c.born, day)
            })
            .collect();
        minors.choose(self.rng).copied()
    }

    fn made_up_name(&mut self) -> String {
        format!(
            "{} {}",
            FIRST_NAMES[self.rng.gen_range(0..FIRST_NAMES.len())],
            LAST_NAMES[self.rng.gen_range(0..LAST_NAMES.len())]
        )
    }

    /// Log the request: the intake form as staff fill it in for `how`. Returns how it came in
    /// (a parent without a minor on file falls back to the participant in person).
    fn intake(
        &mut self,
        case: &mut Case,
        day: NaiveDate,
        kind: Kind,
        how: How,
        details: &str,
        who: Option<usize>,
    ) -> How {
        let child = match how {
            How::ParentInPerson | How::ParentTelephone => self.child(day),
            _ => None,
        };
        let how = match (how, child) {
            (How::ParentInPerson | How::ParentTelephone, None) => How::InPerson,
            _ => how,
        };
        let adult = match child {
            Some(c) => self.people.children[c].parent,
            None => who.unwrap_or_else(|| self.adult()),
        };
        let people = self.people;
        let person = &people.adults[adult];
        let participant_id = child.map_or(person.id, |c| people.children[c].id);
        let in_person = matches!(
            how,
            How::InPerson | How::ParentInPerson | How::Representative | How::Doubt
        );
        let ssn = matches!(
            how,
            How::Telephone | How::Mail | How::ParentTelephone | How::MailUnknownOrigin
        );
        let channel = match how {
            _ if in_person => "in_person",
            How::Telephone | How::ParentTelephone | How::WrongSsn => "telephone",
            _ => "mail",
        };
        let role = match how {
            How::ParentInPerson | How::ParentTelephone => "parent",
            How::Representative => "personal_representative",
            _ => "individual",
        };
        let requester = (how == How::Representative).then(|| {
            let name = self.made_up_name();
            intake::RequesterForm {
                name,
                organization: String::new(),
                address_lines: format!(
                    "{} Heron Court\nSampleton, FL 3296{}",
                    self.rng.gen_range(100..999),
                    self.rng.gen_range(0..10)
                ),
                phone: format!("555-0142-{:04}", self.rng.gen_range(0..10000)),
                authority: "Durable power of attorney signed by the participant".to_owned(),
            }
        });
        let form = intake::IntakeForm {
            kind: kind.code().to_owned(),
            evidence: intake::EvidenceForm {
                role: role.to_owned(),
                channel: channel.to_owned(),
                received_on: day,
                participant_id,
                requester_participant_id: match how {
                    How::Representative => None,
                    _ => Some(person.id),
                },
                photo_id_kind: in_person.then(|| "drivers_licence".to_owned()),
                photo_id_matches: in_person,
                copy_filed: in_person,
                // A licence good for some years yet.
                photo_id_expires_on: in_person.then(|| day + chrono::Days::new(900)),
                ssn_digits: if ssn {
                    person.ssn4.clone()
                } else if how == How::WrongSsn {
                    // Four digits that are not the ones on file.
                    let on_file = person.ssn4.as_ref().map(|s| s.expose().clone());
                    let wrong = if on_file.as_deref() == Some("4821") {
                        "4822"
                    } else {
                        "4821"
                    };
                    Some(Sensitive::new(wrong.to_owned()))
                } else {
                    None
                },
                origin_known: matches!(how, How::Mail | How::Telephone | How::ParentTelephone),
                representative_document: (how == How::Representative)
                    .then(|| "power_of_attorney".to_owned()),
                official_credentials: false,
                government_letterhead: false,
                statement_of_legal_authority: false,
                legal_process: None,
                authorization_id: None,
                doubt: how == How::Doubt,
                state_law_concern: false,
            },
            requester,
            details: details.to_owned(),
            scan: None,
        };
        self.at(
            case,
            day,
            Who::Staff,
            Op::Intake {
                form: Box::new(form),
                outcome: how.outcome(),
            },
        );
        how
    }

    /// What is granted for `kind`, and whether it goes out electronically.
    fn grant(&mut self, kind: Kind) -> (Decide, bool) {
        match kind {
            Kind::Access => {
                let which = self.rng.gen_range(0..GRANT_ACCESS.len());
                let electronic = which == 2;
                (
                    Decide::AccessGrant {
                        access: GRANT_ACCESS[which],
                        electronic,
                        fee: (which == 0 && self.rng.gen_bool(0.5))
                            .then_some(("4.80", "0.50", "1.20")),
                        available_in_days: self.rng.gen_range(1..=5),
                    },
                    electronic,
                )
            }
            Kind::Amendment => (
                // The claims administrator is told from the register; some individuals also
                // name their doctor's office.
                Decide::AmendmentGrant {
                    notify: if self.rng.gen_bool(0.5) {
                        "Sampleton Family Clinic, 12 Clinic Way; Sampleton, FL 32960".to_owned()
                    } else {
                        String::new()
                    },
                },
                false,
            ),
            Kind::Restriction => {
                let (_, information, manner) =
                    RESTRICTION_DETAILS[self.rng.gen_range(0..RESTRICTION_DETAILS.len())];
                let not_to = if manner.is_empty() || self.rng.gen_bool(0.5) {
                    self.made_up_name()
                } else {
                    String::new()
                };
                (
                    Decide::RestrictionAgree {
                        information,
                        manner,
                        not_disclosed_to: not_to,
                    },
                    false,
                )
            }
            Kind::Communication => {
                let endangerment = self.rng.gen_bool(0.4);
                (
                    Decide::Accommodate {
                        alternate_address: format!(
                            "PO Box {}\nSampleton, FL 3296{}",
                            self.rng.gen_range(100..9999),
                            self.rng.gen_range(0..10)
                        ),
                        alternate_means: "",
                        endangerment,
                    },
                    false,
                )
            }
            Kind::Accounting => (
                Decide::Extension {
                    reason: EXTENSION_REASON,
                },
                false,
            ),
        }
    }

    fn denial(kind: Kind) -> Decide {
        match kind {
            Kind::Amendment => Decide::AmendmentDenial {
                grounds: &["accurate_and_complete"],
                explanation: "The claim was checked against the provider's bill and is correct as recorded.",
            },
            Kind::Restriction => Decide::RestrictionDeny {
                reason: "The claims administrator cannot hold these claims apart from the others it pays.",
            },
            Kind::Communication => Decide::CommunicationDeny {
                reason: "The plan cannot send mail to an address outside the United States.",
            },
            _ => Decide::AccessDenial {
                grounds: &["legal_proceedings"],
                explanation: "The file was compiled for the appeal hearing before the county's benefits board.",
            },
        }
    }

    /// Grant (and, unless `send` is `None`, issue the letter and record it sent that day).
    fn granted(
        &mut self,
        case: &mut Case,
        day: NaiveDate,
        kind: Kind,
        how: How,
        send: Option<bool>,
    ) {
        let (decide, electronic) = self.grant(kind);
        self.at(case, day, Who::Staff, Op::Decide(decide));
        if matches!(kind, Kind::Restriction | Kind::Communication) {
            // The Privacy Official decides these: staff record the answers, she approves.
            self.at(case, day, Who::Official, Op::Approve);
        }
        if let Some(sent) = send {
            self.at(case, day, Who::Staff, Op::Respond);
            if sent {
                self.at(case, day, Who::Staff, Op::Send(how.delivery(electronic)));
            }
        }
    }

    /// The one extension, with its notice mailed the same day.
    fn extended(&mut self, case: &mut Case, day: NaiveDate) {
        self.at(
            case,
            day,
            Who::Staff,
            Op::Decide(Decide::Extension {
                reason: EXTENSION_REASON,
            }),
        );
        self.at(case, day, Who::Staff, Op::Respond);
        self.at(case, day, Who::Staff, Op::Send(Delivery::Mail));
    }

    /// A denial drafted by staff on `drafted`, approved by the Privacy Official on `approved`,
    /// its letter issued and mailed on `sent` (each optional from the end).
    fn denied(
        &mut self,
        case: &mut Case,
        kind: Kind,
        drafted: NaiveDate,
        approved: Option<NaiveDate>,
        sent: Option<NaiveDate>,
    ) {
        self.at(case, drafted, Who::Staff, Op::Decide(Self::denial(kind)));
        if let Some(day) = approved {
            self.at(case, day, Who::Official, Op::Approve);
            if let Some(day) = sent {
                self.at(case, day, Who::Staff, Op::Respond);
                self.at(case, day, Who::Staff, Op::Send(Delivery::Mail));
            }
        }
    }

    fn details(&mut self, kind: Kind) -> &'static str {
        match kind {
            Kind::Access => ACCESS_DETAILS[self.rng.gen_range(0..ACCESS_DETAILS.len())],
            Kind::Amendment => AMENDMENT_DETAILS[self.rng.gen_range(0..AMENDMENT_DETAILS.len())],
            Kind::Restriction => {
                RESTRICTION_DETAILS[self.rng.gen_range(0..RESTRICTION_DETAILS.len())].0
            }
            Kind::Communication => COMMUNICATION_DETAILS,
            Kind::Accounting => ACCOUNTING_DETAILS,
        }
    }

    /// An answered request: received `ago` days ago, then `answer`.
    fn answered(&mut self, kind: Kind, ago: u64, how: How, answer: Answer) -> Case {
        let mut case = self.case();
        let received = self.workday(ago);
        let details = self.details(kind);
        let how = self.intake(&mut case, received, kind, how, details, None);
        let after = |n: u64| received + Days::new(n);
        match answer {
            Answer::Granted { after: n } => {
                let day = self.on_or_before_yesterday(after(n));
                self.granted(&mut case, day, kind, how, Some(true));
            }
            Answer::Extended { notice, answer } => {
                let notice = self.on_or_before_yesterday(after(notice));
                self.extended(&mut case, notice);
                let day = self.on_or_before_yesterday(after(answer));
                self.granted(&mut case, day, kind, how, Some(true));
            }
            Answer::Denied { after: n } => {
                let drafted = self.on_or_before_yesterday(after(n));
                let approved = self.on_or_before_yesterday(after(n + 1));
                let sent = self.on_or_before_yesterday(after(n + 2));
                self.denied(&mut case, kind, drafted, Some(approved), Some(sent));
            }
        }
        case
    }

    fn on_or_before_yesterday(&self, day: NaiveDate) -> NaiveDate {
        let yesterday = self.today - Days::new(1);
        let day = day.min(yesterday);
        match day.weekday() {
            Weekday::Sat => day - Days::new(1),
            Weekday::Sun if day + Days::new(1) <= yesterday => day + Days::new(1),
            Weekday::Sun => day - Days::new(2),
            _ => day,
        }
    }

    /// A request logged `ago` days ago, with nothing done since but the intake.
    fn logged(&mut self, kind: Kind, ago: u64, how: How, exact: bool) -> Case {
        let mut case = self.case();
        let day = if exact {
            self.exact(ago)
        } else {
            self.workday(ago)
        };
        let details = self.details(kind);
        self.intake(&mut case, day, kind, how, details, None);
        case
    }

    /// The day `days` after the case's last step, when that is still before today.
    fn after_last(&self, case: &Case, days: u64) -> Option<NaiveDate> {
        let last = day_of(case.last?);
        let day = self.on_or_before_yesterday(last + Days::new(days));
        (day >= last && last + Days::new(days) < self.today).then_some(day)
    }

    /// A call taken down on the case `days` after its last step (if before today).
    fn note_after(&mut self, case: &mut Case, days: u64, text: &'static str) {
        if let Some(day) = self.after_last(case, days) {
            self.at(case, day, Who::Staff, Op::Note(NoteKind::PhoneCall, text));
        }
    }

    /// The case closed `days` after its last step (if before today), with the reason.
    fn close_after(&mut self, case: &mut Case, days: u64, reason: &'static str) {
        if let Some(day) = self.after_last(case, days) {
            self.at(case, day, Who::Staff, Op::End(EndStep::Close, reason));
        }
    }

    /// Every case, in the mix the office sees over 18 months.
    pub fn plan(&mut self) {
        // Access requests answered over the months: most on time, three late, four after the
        // one extension, two denied with the Privacy Official's approval.
        for i in 0..28u64 {
            let ago = 508 - i * 17 - self.rng.gen_range(0..5);
            let how = How::ROTATION[(i % 6) as usize];
            let answer = match i {
                4 | 13 | 22 => Answer::Granted {
                    after: self.rng.gen_range(32..=38),
                },
                2 | 9 | 17 | 25 => Answer::Extended {
                    notice: self.rng.gen_range(18..=25),
                    answer: self.rng.gen_range(38..=52),
                },
                6 | 19 => Answer::Denied {
                    after: self.rng.gen_range(8..=15),
                },
                _ => Answer::Granted {
                    after: self.rng.gen_range(2..=21),
                },
            };
            let mut case = self.answered(Kind::Access, ago, how, answer);
            if i % 6 == 1 {
                self.note_after(
                    &mut case,
                    4,
                    "Called to say the copies arrived; asked nothing more.",
                );
            }
            // The older answers are closed once nothing more is owed.
            if i < 20 {
                self.close_after(&mut case, 28, "Copies received; nothing more is owed.");
            }
        }
        // Recently answered access requests.
        for (ago, after) in [(44, 9), (38, 6), (26, 8), (20, 12)] {
            let how = How::ROTATION[(ago % 6) as usize];
            self.answered(Kind::Access, ago, how, Answer::Granted { after });
        }
        // Amendments: granted (the claims administrator told of each, some the individual's
        // doctor too), denied, one extended, one answered late.
        for (i, ago) in [505u64, 455, 390, 330, 270, 210, 150, 110]
            .into_iter()
            .enumerate()
        {
            let how = How::ROTATION[i % 6];
            let answer = match i {
                1 | 5 => Answer::Denied {
                    after: self.rng.gen_range(15..=40),
                },
                3 => Answer::Extended {
                    notice: self.rng.gen_range(40..=52),
                    answer: self.rng.gen_range(70..=85),
                },
                6 => Answer::Granted {
                    after: self.rng.gen_range(62..=68),
                },
                _ => Answer::Granted {
                    after: self.rng.gen_range(10..=45),
                },
            };
            let mut case = self.answered(Kind::Amendment, ago, how, answer);
            if i == 0 || i == 2 {
                self.close_after(
                    &mut case,
                    45,
                    "Amendment answered and the people named were told; nothing more is owed.",
                );
            }
        }
        // Restrictions and confidential communications, answered promptly.
        for (i, ago) in [500u64, 400, 300, 200, 120, 60].into_iter().enumerate() {
            let after = self.rng.gen_range(3..=10);
            let answer = if i == 2 || i == 4 {
                Answer::Denied { after }
            } else {
                Answer::Granted { after }
            };
            let mut case = self.answered(Kind::Restriction, ago, How::ROTATION[i % 6], answer);
            if i == 0 {
                // The individual later asks to end the restriction: the letters go out that day.
                let day = self.workday(ago - 180);
                self.at(&mut case, day, Who::Staff, Op::EndRestriction("individual"));
                self.at(&mut case, day, Who::Staff, Op::Send(Delivery::Mail));
            }
        }
        for (i, ago) in [480u64, 350, 240, 170, 90, 35].into_iter().enumerate() {
            let after = self.rng.gen_range(2..=8);
            let answer = if i == 2 {
                Answer::Denied { after }
            } else {
                Answer::Granted { after }
            };
            let mut case =
                self.answered(Kind::Communication, ago, How::ROTATION[(i + 1) % 6], answer);
            if i == 0 {
                // The individual later asks to end it: the confirming letter goes out that day,
                // and the associates told of it are told it has ended.
                let day = self.workday(ago - 200);
                self.at(&mut case, day, Who::Staff, Op::EndCommunication);
                self.at(&mut case, day, Who::Staff, Op::Send(Delivery::Mail));
            }
        }
        self.accountings();
        self.complaints();
        self.open_cases();
        self.forwarded();
        self.incidents();
    }

    /// Incidents: a family's explanation of benefits mailed to another employee, a breach whose
    /// letters went out (to the parent for a child under 18), corrected once, with a second
    /// family found later whose letter waits to be mailed; the claims administrator's report of
    /// a misdirected fax, judged a low probability of compromise; and a report just logged.
    fn incidents(&mut self) {
        use desk_core::incident::{
            ActionKind, BreachType, Determination, Information, Location, ReporterKind, Safeguard,
        };
        use desk_office::incident::{AssessmentForm, BreachLettersForm, IncidentForm};
        let ymd = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let report = |reporter: ReporterKind,
                      name: &str,
                      reported: NaiveDate,
                      learned: Option<NaiveDate>,
                      occurred: NaiveDate,
                      what: &str,
                      recipient: &str,
                      location: Location,
                      information: Vec<Information>,
                      ids: Vec<i64>| IncidentForm {
            reporter,
            reporter_name: name.into(),
            reporter_participant_id: None,
            associate_id: None,
            reported_on: ymd(reported),
            associate_learned_on: learned.map(ymd).unwrap_or_default(),
            discovered_on: ymd(learned.unwrap_or(reported)),
            occurred_on: ymd(occurred),
            occurred_until: String::new(),
            what_happened: what.into(),
            recipient: recipient.into(),
            breach_type: BreachType::UnauthorizedAccess,
            location,
            safeguards: vec![Safeguard::PrivacyRule, Safeguard::SecurityAdministrative],
            information,
            other_information: String::new(),
            participant_ids: ids,
        };

        // The breach: a family's mailing in another employee's envelope.
        let reported = self.workday(40);
        // A parent and their child under 18, when the roster has one.
        let ids = match self.child(reported) {
            Some(c) => {
                let child = &self.people.children[c];
                vec![self.people.adults[child.parent].id, child.id]
            }
            None => vec![self.people.adults[self.adult()].id],
        };
        let later = loop {
            let a = self.people.adults[self.adult()].id;
            if !ids.contains(&a) {
                break a;
            }
        };
        let mut case = self.case();
        let form = report(
            ReporterKind::Staff,
            "Benefits clerk on the front desk",
            reported,
            None,
            reported - Days::new(3),
            "Explanations of benefits for one family were put in the envelope addressed to another county employee, who opened it, saw it was not theirs and called the benefits office.",
            "Another employee",
            Location::Paper,
            vec![Information::Names, Information::Addresses, Information::MemberIds, Information::Claims],
            ids,
        );
        self.at(
            &mut case,
            reported,
            Who::Staff,
            Op::IncidentLog(Box::new(form)),
        );
        let next = reported + Days::new(1);
        self.at(
            &mut case,
            next,
            Who::Official,
            Op::IncidentAction(
                ActionKind::Mitigation,
                "",
                "The papers were collected from the employee the next morning and shredded; the employee confirmed keeping no copy.",
            ),
        );
        self.at(
            &mut case,
            next,
            Who::Official,
            Op::IncidentAssess(Box::new(AssessmentForm {
                nature_and_extent: "Names, address, member numbers and three claims with their amounts; no Social Security numbers or diagnoses.".into(),
                unauthorized_person: "A county employee outside the benefits office, not bound by the plan's privacy duties.".into(),
                acquired_or_viewed: "Opened and read before the employee saw it was not theirs.".into(),
                mitigation: "Returned the next morning and shredded; the employee signed a statement keeping no copy.".into(),
            })),
        );
        let decided = next + Days::new(1);
        self.at(
            &mut case,
            decided,
            Who::Official,
            Op::IncidentDecide(
                Determination::Breach,
                "The claims were read by someone outside the plan; a low probability of compromise cannot be shown.",
            ),
        );
        self.at(
            &mut case,
            decided,
            Who::Official,
            Op::IncidentRecipient(
                "Another county employee, who returned the papers",
                "The employee who opened it brought the papers back the next morning.",
            ),
        );
        let letters = BreachLettersForm {
            investigating: "We traced how the envelopes were filled and checked the rest of that day's mailing.".into(),
            mitigating: "The papers were returned to us the next morning and shredded; the employee who opened them kept no copy.".into(),
            protecting: "Each mailing is now checked by a second person before it is sealed, and the clerk was retrained.".into(),
            extra_steps: String::new(),
            toll_free: String::new(),
        };
        let mailed = decided + Days::new(2);
        self.at(
            &mut case,
            mailed,
            Who::Official,
            Op::IncidentLetters(Box::new(letters.clone())),
        );
        self.at(&mut case, mailed, Who::Official, Op::IncidentMailed);
        self.at(
            &mut case,
            mailed + Days::new(2),
            Who::Official,
            Op::IncidentAction(
                ActionKind::Sanction,
                "Benefits clerk",
                "Written reminder of the mailing procedure and retraining, under county policy section 11.",
            ),
        );
        let found = self.on_or_before_yesterday(mailed + Days::new(7));
        self.at(
            &mut case,
            found,
            Who::Official,
            Op::IncidentAdd(
                later,
                "The returned envelope also held a page of another employee's claims, found when the papers were listed.",
            ),
        );
        self.at(
            &mut case,
            found,
            Who::Official,
            Op::IncidentLetters(Box::new(letters)),
        );

        // The claims administrator's report: a fax to the wrong provider's office.
        let member = self.people.adults[self.adult()].id;
        let reported = self.workday(18);
        let mut case = self.case();
        let form = report(
            ReporterKind::Associate,
            "",
            reported,
            Some(reported - Days::new(3)),
            reported - Days::new(4),
            "The claims administrator's call centre faxed one member's claim summary to a doctor's office that had not asked for it. The office called the administrator and shredded the fax.",
            "A physician's office (a covered health care provider)",
            Location::Other,
            vec![Information::Names, Information::MemberIds, Information::Claims],
            vec![member],
        );
        self.at(
            &mut case,
            reported,
            Who::Staff,
            Op::IncidentLog(Box::new(form)),
        );
        let next = reported + Days::new(1);
        self.at(
            &mut case,
            next,
            Who::Official,
            Op::IncidentAssess(Box::new(AssessmentForm {
                nature_and_extent: "Name, member number and one page of claim summary; no Social Security number or diagnosis.".into(),
                unauthorized_person: "A physician's office: a covered entity itself bound by the Privacy Rule.".into(),
                acquired_or_viewed: "Seen by the receptionist only long enough to find it was misdirected.".into(),
                mitigation: "The office confirmed in writing that it shredded the fax and kept no copy.".into(),
            })),
        );
        self.at(
            &mut case,
            next,
            Who::Official,
            Op::IncidentDecide(
                Determination::LowProbability,
                "The four factors show a low probability that the information was compromised: a covered provider, one page glanced at, destruction confirmed in writing.",
            ),
        );

        // A report logged the day before yesterday, waiting for the Privacy Official.
        let member = self.people.adults[self.adult()].id;
        let reported = self.workday(2);
        let mut case = self.case();
        let form = report(
            ReporterKind::Staff,
            "Receptionist",
            reported,
            None,
            reported,
            "A printed enrolment list was left on the shared printer in the hallway for about an hour.",
            "",
            Location::Paper,
            vec![Information::Names, Information::DatesOfBirth],
            vec![member],
        );
        self.at(
            &mut case,
            reported,
            Who::Staff,
            Op::IncidentLog(Box::new(form)),
        );
    }

    /// Access requests for claims the claims administrator holds, forwarded to it with the
    /// agreement's 15 days: one answered after its reply came in time, one whose reply is due in
    /// two days (the dashboard warns of it).
    fn forwarded(&mut self) {
        let mut case = self.case();
        let received = self.workday(64);
        let how = self.intake(
            &mut case,
            received,
            Kind::Access,
            How::Mail,
            "Claims and payments for the last plan year, with the explanations of benefits",
            None,
        );
        let sent = self.on_or_before_yesterday(received + Days::new(1));
        self.at(&mut case, sent, Who::Staff, Op::Forward);
        self.at(&mut case, sent, Who::Staff, Op::Send(Delivery::Mail));
        let replied = self.on_or_before_yesterday(sent + Days::new(11));
        self.at(
            &mut case,
            replied,
            Who::Staff,
            Op::AssociateReply("Claims history and explanations of benefits on CD, 41 pages."),
        );
        self.granted(&mut case, replied, Kind::Access, how, Some(true));

        let mut case = self.case();
        let received = self.exact(14);
        self.intake(
            &mut case,
            received,
            Kind::Access,
            How::InPerson,
            "Pharmacy and medical claims for the current plan year",
            None,
        );
        let sent = self.exact(13);
        self.at(&mut case, sent, Who::Staff, Op::Forward);
        self.at(&mut case, sent, Who::Staff, Op::Send(Delivery::Mail));
    }

    /// Accounting requests: a first (free) accounting, for which the claims administrator was
    /// asked for its disclosures and sent its log; another first accounting; a second within
    /// twelve months whose fee notice led the person to withdraw, another whose fee notice waits
    /// for an answer, and one just logged.
    fn accountings(&mut self) {
        let first = self.adult();
        let second = self.adult();
        for (who, ago, answer_after) in [(first, 54u64, 14u64), (second, 47, 14)] {
            let mut case = self.case();
            let day = self.workday(ago);
            self.intake(
                &mut case,
                day,
                Kind::Accounting,
                How::InPerson,
                ACCOUNTING_DETAILS,
                Some(who),
            );
            if who == first {
                // The associate is asked the next day, by letter; its log comes a week later
                // and is imported as its reply.
                let asked = day + Days::new(1);
                self.at(&mut case, asked, Who::Staff, Op::AskAssociates);
                self.at(&mut case, asked, Who::Staff, Op::Send(Delivery::Mail));
                let replied = day + Days::new(8);
                self.at(
                    &mut case,
                    replied,
                    Who::Staff,
                    Op::AssociateLog(associate_log(day)),
                );
            }
            let day = self.on_or_before_yesterday(day + Days::new(answer_after));
            self.at(&mut case, day, Who::Staff, Op::AccountingLetter);
            self.at(&mut case, day, Who::Staff, Op::Send(Delivery::Mail));
        }
        // The first participant asks again, about a shorter period, and withdraws on hearing
        // the fee.
        let mut case = self.case();
        let day = self.workday(22);
        self.intake(
            &mut case,
            day,
            Kind::Accounting,
            How::Mail,
            "Disclosures over the last year",
            Some(first),
        );
        let op = Op::Period {
            from: day - Days::new(365),
            to: day - Days::new(30),
        };
        self.at(&mut case, day, Who::Staff, op);
        self.at(&mut case, day, Who::Staff, Op::FeeNotice);
        self.at(&mut case, day, Who::Staff, Op::Send(Delivery::Mail));
        let day = self.workday(9);
        self.at(&mut case, day, Who::Staff, Op::Withdraw);
        // The second asks again: the fee notice went out, no answer yet.
        let mut case = self.case();
        let day = self.workday(15);
        self.intake(
            &mut case,
            day,
            Kind::Accounting,
            How::Telephone,
            ACCOUNTING_DETAILS,
            Some(second),
        );
        let day = self.workday(13);
        self.at(&mut case, day, Who::Staff, Op::FeeNotice);
        self.at(&mut case, day, Who::Staff, Op::Send(Delivery::Mail));
        self.logged(Kind::Accounting, 5, How::InPerson, false);
    }

    /// Complaints: logged by staff, acknowledged by the Privacy Official with a letter, and
    /// closed with the outcome; the recent ones still open.
    fn complaints(&mut self) {
        const ABOUT: [(&str, &str); 6] = [
            (
                "My claims statement was mailed to my former address after I asked for it to go to my new one.",
                "The address was corrected and the mail room retrained; apology letter sent.",
            ),
            (
                "A coworker in the benefits office mentioned my claim to others.",
                "Investigated with HR; staff member counseled and retrained on minimum necessary.",
            ),
            (
                "My request for my records took too long.",
                "The request was answered within the extension noticed; the process was explained.",
            ),
            (
                "I received another participant's explanation of benefits.",
                "Misaddressed envelope confirmed; both participants told; enclosure check added.",
            ),
            ("The voicemail left at my home mentioned my diagnosis.", ""),
            ("I was not given the notice of privacy practices at enrollment.", ""),
        ];
        for (i, ago) in [495u64, 370, 250, 140, 42, 4].into_iter().enumerate() {
            let mut case = self.case();
            let a = self.adult();
            let people = self.people;
            let person = &people.adults[a];
            let day = self.workday(ago);
            let (description, outcome) = ABOUT[i];
            let form = complaint::ComplaintForm {
                received_on: day,
                participant_id: Some(person.id),
                name: person.name.clone(),
                address_lines: person.address.join("\n"),
                description: description.to_owned(),
            };
            self.at(&mut case, day, Who::Staff, Op::Complaint(Box::new(form)));
            if i >= 5 {
                continue;
            }
            let ack_ago = ago - self.rng.gen_range(1..=3);
            let day = self.workday(ack_ago);
            self.at(&mut case, day, Who::Official, Op::Acknowledge);
            self.at(&mut case, day, Who::Official, Op::Send(Delivery::Mail));
            if !outcome.is_empty() {
                let closed_ago = ago - self.rng.gen_range(20..=35);
                let day = self.workday(closed_ago);
                self.at(&mut case, day, Who::Official, Op::Close(outcome));
            }
        }
    }

    /// Requesters the desk could not verify: a referral the Privacy Official verified, callers
    /// asked to write (one whose written request came and was verified, one still awaited, one
    /// that never wrote and was closed), and a referral she could not verify.
    fn unverified(&mut self) {
        let mut case = self.logged(Kind::Access, 24, How::Doubt, false);
        let day = self.workday(23);
        self.at(
            &mut case,
            day,
            Who::Official,
            Op::Verify(
                VerificationMethod::PhotoId,
                "Driver licence; called the employee at the number on file",
            ),
        );
        let day = self.workday(9);
        self.granted(&mut case, day, Kind::Access, How::InPerson, Some(true));

        for (ago, came_ago) in [(26u64, Some(12u64)), (3, None)] {
            let mut case = self.logged(Kind::Access, ago, How::WrongSsn, false);
            let day = self.workday(ago);
            self.at(&mut case, day, Who::Staff, Op::WrittenLetter);
            self.at(&mut case, day, Who::Staff, Op::Send(Delivery::Mail));
            if let Some(came) = came_ago {
                let day = self.workday(came);
                self.at(&mut case, day, Who::Staff, Op::WrittenCame);
                self.at(
                    &mut case,
                    day,
                    Who::Staff,
                    Op::Verify(
                        VerificationMethod::Letterhead,
                        "Signed request; the signature matches the enrollment form",
                    ),
                );
            }
        }
        let mut case = self.logged(Kind::Amendment, 230, How::WrongSsn, false);
        let day = self.workday(230);
        self.at(&mut case, day, Who::Staff, Op::WrittenLetter);
        self.at(&mut case, day, Who::Staff, Op::Send(Delivery::Mail));
        self.close_after(&mut case, 90, "No written request came in 90 days.");

        let mut case = self.logged(Kind::Access, 45, How::MailUnknownOrigin, false);
        let day = self.workday(44);
        self.at(
            &mut case,
            day,
            Who::Official,
            Op::Refuse("The letter is unsigned and its return address is not on file."),
        );
        self.at(&mut case, day, Who::Staff, Op::WrittenLetter);
        self.at(&mut case, day, Who::Staff, Op::Send(Delivery::Mail));
    }

    /// The recent requests, open at every stage the operations reach.
    fn open_cases(&mut self) {
        self.unverified();
        // Referred to the Privacy Official: staff doubt the ID; a letter of unknown origin.
        self.logged(Kind::Access, 4, How::Doubt, false);
        self.logged(Kind::Access, 2, How::MailUnknownOrigin, false);
        // Verified and waiting for work.
        for (ago, how) in [
            (1, How::Telephone),
            (3, How::InPerson),
            (7, How::ParentInPerson),
            (10, How::Mail),
            (13, How::Representative),
        ] {
            self.logged(Kind::Access, ago, how, false);
        }
        self.logged(Kind::Amendment, 12, How::InPerson, false);
        self.logged(Kind::Communication, 3, How::Telephone, false);
        // On the edge of the 30 days: due in 3, 2 and 1 days, and 1, 2 and 3 days overdue.
        for (ago, how) in [
            (27, How::Mail),
            (28, How::InPerson),
            (29, How::Telephone),
            (31, How::Mail),
            (32, How::InPerson),
            (33, How::ParentTelephone),
        ] {
            self.logged(Kind::Access, ago, how, true);
        }
        // Extended: the notice went out inside the first period.
        for (kind, ago, notice_ago) in [
            (Kind::Access, 40u64, 22u64),
            (Kind::Access, 52, 26),
            (Kind::Amendment, 75, 20),
        ] {
            let mut case = self.logged(kind, ago, How::InPerson, false);
            let day = self.workday(notice_ago);
            self.extended(&mut case, day);
        }
        // Denials waiting for the Privacy Official's approval.
        for (kind, ago, drafted_ago) in [
            (Kind::Access, 16u64, 2u64),
            (Kind::Amendment, 34, 1),
            (Kind::Restriction, 6, 2),
            (Kind::Communication, 8, 1),
        ] {
            let mut case = self.logged(kind, ago, How::Telephone, false);
            let day = self.workday(drafted_ago);
            self.denied(&mut case, kind, day, None, None);
        }
        // Decided: the letter issued and not yet sent, or not issued yet.
        let mut case = self.logged(Kind::Access, 19, How::Mail, false);
        let day = self.workday(2);
        self.granted(&mut case, day, Kind::Access, How::Mail, Some(false));
        let mut case = self.logged(Kind::Access, 9, How::InPerson, false);
        let day = self.workday(1);
        self.granted(&mut case, day, Kind::Access, How::InPerson, None);
        let mut case = self.logged(Kind::Restriction, 5, How::InPerson, false);
        let day = self.workday(1);
        self.granted(
            &mut case,
            day,
            Kind::Restriction,
            How::InPerson,
            Some(false),
        );
        let mut case = self.logged(Kind::Amendment, 40, How::Mail, false);
        let (drafted, approved) = (self.workday(7), self.workday(6));
        self.denied(&mut case, Kind::Amendment, drafted, Some(approved), None);
    }
}

/// How an answered request was answered, in days after it was received.
#[derive(Debug, Clone, Copy)]
enum Answer {
    Granted { after: u64 },
    Extended { notice: u64, answer: u64 },
    Denied { after: u64 },
}

/// The claims administrator's log of its disclosures of a demo participant's information, as it
/// sends it for an accounting requested on `requested_on` (columns in docs/associate-log.md).
fn associate_log(requested_on: NaiveDate) -> String {
    let day = |n: u64| (requested_on - Days::new(n)).format("%Y-%m-%d").to_string();
    format!(
        "date,recipient,recipient_address,description,purpose,basis\n\
         {},State Insurance Fraud Unit,\"200 East Gaines Street, Tallahassee, FL 32399\",Claims for one provider's office visits,Fraud investigation of the provider under state law,health_oversight\n\
         {},County Health Department,,Immunization claims,Case report required by state law,public_health\n",
        day(410),
        day(95)
    )
}
