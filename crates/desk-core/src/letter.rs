//! Letter models: what each letter and form must say, decided here so desk-letters only lays out.
//!
//! A [`Letter`] is a list of [`Block`]s (headings, paragraphs, lists, a table, form fields, a
//! signature block) with every date already written out ("March 10, 2025"). One function per
//! letter or form builds it from the decision, the organization profile, the recipient and the
//! dates; the rules about which statements a letter must carry live here and are tested without
//! a PDF.
//!
//! Text that must never be split across lines (names, dates, a few key phrases) is joined with
//! non-breaking spaces (U+00A0); the layout wraps only at ordinary spaces and prints U+00A0 as
//! a space.

mod associate;
mod associate_accounting;
mod audit_trail;
mod breach;
mod case_file;
mod form;
mod notice;
mod register_report;
mod restriction_end;
pub use associate::*;
pub use associate_accounting::*;
pub use audit_trail::*;
pub use breach::*;
pub use case_file::*;
pub use register_report::*;
pub use restriction_end::*;
mod response;

pub use form::*;
pub use notice::*;
pub use response::*;

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::decision::Addressee;
use crate::organization::Organization;

/// The marking printed above the recipient's address on every response letter.
pub const MARKING: &str = "Personal & Confidential";

/// Non-breaking space: wrap never happens here.
pub const NBSP: char = '\u{a0}';

/// Which letter or form a model is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LetterKind {
    AccessResponse,
    AmendmentResponse,
    RestrictionResponse,
    RestrictionNotice,
    AmendmentNotice,
    ConfidentialCommunicationResponse,
    Accounting,
    AccountingFeeNotice,
    ComplaintAcknowledgement,
    DenialReview,
    InspectionRequestForm,
    AmendmentRequestForm,
    RestrictionRequestForm,
    AuthorizationForm,
    ConfidentialCommunicationRequestForm,
    AccountingRequestForm,
    RecoverySheet,
    PrivacyReport,
    RestrictionEnded,
    RestrictionEndedNotice,
    AuditTrail,
    /// To the address on file: a request the office could not verify must come in writing.
    WrittenRequestNeeded,
    /// The one 30-day extension of an accounting request, noticed in writing.
    AccountingExtension,
    /// The plan's rebuttal to a statement of disagreement, the individual's copy.
    AmendmentRebuttal,
    /// A confidential-communication accommodation ended at the individual's request.
    AccommodationEnded,
    /// Everything done on one request, for the Office for Civil Rights or the file: a record,
    /// neither signed nor mailed, and never stored as a letter of the case.
    CaseFile,
    /// To a business associate: its disclosures of the individual's information in the period
    /// of an accounting, by the day its agreement gives (164.528(b)(1)).
    AssociateAccountingRequest,
    /// A request forwarded to the business associate that holds the records, with the day its
    /// agreement gives it.
    AssociateRequest,
    /// An accepted amendment, to a business associate that holds the record.
    AssociateAmendmentNotice,
    /// A confidential-communication accommodation, to a business associate that sends mail.
    CommunicationNotice,
    /// The end of a confidential-communication accommodation, to each business associate told
    /// of it.
    CommunicationEndedNotice,
    /// To each individual whose unsecured health information was breached (164.404).
    BreachNotification,
}

impl LetterKind {
    /// The title printed under the letterhead, stored as the PDF's title and shown in lists.
    pub fn title(self) -> &'static str {
        match self {
            Self::AccessResponse => "Response to Inspection Request",
            Self::AmendmentResponse => "Response to Amendment or Correction Request",
            Self::RestrictionResponse => "Response to Restriction Request",
            Self::RestrictionNotice => "Notice of Agreed Restriction",
            Self::AmendmentNotice => "Notice of Amendment to Health Information",
            Self::ConfidentialCommunicationResponse => {
                "Response to Confidential Communications Request"
            }
            Self::Accounting => "Accounting of Disclosures",
            Self::AccountingFeeNotice => "Accounting of Disclosures: Fee Notice",
            Self::ComplaintAcknowledgement => "Acknowledgement of Your Complaint",
            Self::DenialReview => "Review of Denial of Access",
            Self::WrittenRequestNeeded => "Your Request: Please Send It in Writing",
            Self::AccountingExtension => "Accounting of Disclosures: Extension Notice",
            Self::AmendmentRebuttal => "Response to Your Statement of Disagreement",
            Self::AccommodationEnded => "Confidential Communications: Ending Your Request",
            Self::InspectionRequestForm => "Request to Inspect Health Information",
            Self::AmendmentRequestForm => "Request to Correct or Amend a Record",
            Self::RestrictionRequestForm => "Request Not to Use or Disclose Health Information",
            Self::AuthorizationForm => "Authorization for Release of Health Information",
            Self::ConfidentialCommunicationRequestForm => "Request for Confidential Communications",
            Self::AccountingRequestForm => "Request for an Accounting of Disclosures",
            Self::RecoverySheet => "Records Desk Recovery Sheet",
            Self::PrivacyReport => "Privacy Requests Report",
            Self::RestrictionEnded => "Ending of an Agreed Restriction",
            Self::RestrictionEndedNotice => "Notice That a Restriction Has Ended",
            Self::AuditTrail => "Audit Trail",
            Self::CaseFile => "Case File",
            Self::AssociateAccountingRequest => {
                "Request for Disclosure Information for an Accounting"
            }
            Self::AssociateRequest => "Request to a Business Associate",
            Self::AssociateAmendmentNotice => "Notice of Amendment to a Business Associate",
            Self::CommunicationNotice => "Notice of Confidential Communications",
            Self::CommunicationEndedNotice => "Notice That Confidential Communications Have Ended",
            Self::BreachNotification => "Notice of a Breach of Your Health Information",
        }
    }

    /// A letter or notice the plan sends, signed by the Privacy Official; forms, the recovery
    /// sheet, the report and the audit trail carry no signature.
    /// Does sending this letter answer its request (a response, an accounting, a review's
    /// outcome)? A notice, a form or an extension notice does not.
    pub fn answers_request(self) -> bool {
        matches!(
            self,
            Self::AccessResponse
                | Self::AmendmentResponse
                | Self::RestrictionResponse
                | Self::ConfidentialCommunicationResponse
                | Self::Accounting
                | Self::DenialReview
        )
    }

    pub fn is_signed(self) -> bool {
        matches!(
            self,
            Self::AccessResponse
                | Self::AmendmentResponse
                | Self::RestrictionResponse
                | Self::RestrictionNotice
                | Self::AmendmentNotice
                | Self::ConfidentialCommunicationResponse
                | Self::Accounting
                | Self::AccountingFeeNotice
                | Self::ComplaintAcknowledgement
                | Self::DenialReview
                | Self::RestrictionEnded
                | Self::RestrictionEndedNotice
                | Self::WrittenRequestNeeded
                | Self::AccountingExtension
                | Self::AmendmentRebuttal
                | Self::AccommodationEnded
                | Self::AssociateAccountingRequest
                | Self::AssociateRequest
                | Self::AssociateAmendmentNotice
                | Self::CommunicationNotice
                | Self::CommunicationEndedNotice
                | Self::BreachNotification
        )
    }
}

/// One letter or form, ready to lay out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Letter {
    pub kind: LetterKind,
    /// The title printed under the letterhead and stored as the PDF title.
    pub title: String,
    /// The letter's date: also the PDF's creation date, so the bytes depend on inputs only.
    pub dated: NaiveDate,
    /// `dated` written out, "March 10, 2025"; `None` on forms (they carry a Date field).
    pub date_line: Option<String>,
    /// Where it is mailed: printed for a No. 10 window envelope under the marking.
    pub mailing: Option<Mailing>,
    /// "Re: …" line, with the date the request was received.
    pub reference: Option<String>,
    pub blocks: Vec<Block>,
}

impl Letter {
    /// Every piece of text in the model, in order, with non-breaking spaces made plain
    /// (for tests and previews).
    pub fn plain_text(&self) -> String {
        let mut out = Vec::new();
        out.push(self.title.clone());
        if let Some(d) = &self.date_line {
            out.push(d.clone());
        }
        if let Some(m) = &self.mailing {
            out.push(m.marking.clone());
            out.push(m.recipient.name.clone());
            out.extend(m.recipient.address.iter().cloned());
        }
        if let Some(r) = &self.reference {
            out.push(r.clone());
        }
        for b in &self.blocks {
            b.collect_text(&mut out);
        }
        out.join("\n").replace(NBSP, " ")
    }
}

/// The envelope window content: the marking, then the recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mailing {
    pub marking: String,
    pub recipient: Addressee,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    Regular,
    Bold,
    Italic,
}

/// One part of a letter, laid out top to bottom.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// A section heading (bold).
    Heading(String),
    /// A paragraph of styled runs, wrapped at spaces.
    Paragraph(Vec<Span>),
    /// A bulleted list; each item wraps under itself.
    Bullets(Vec<Vec<Span>>),
    /// Quoted text, indented and in italics (an agreed restriction, an amendment).
    Quote(String),
    /// Lines kept as lines, indented (an address to write to).
    Lines(Vec<String>),
    /// A table whose header repeats on every page.
    Table(Table),
    /// Form fields: a label with its pre-filled value on ruled lines.
    Fields(Vec<Field>),
    /// Tick boxes, the chosen ones marked X.
    Choices { label: String, options: Vec<Choice> },
    /// Blank, labelled signature and date lines on a form.
    SignatureLines(Vec<String>),
    /// The plan representative's signature block of a response letter.
    Signature(Signature),
    /// A code printed large, in a box (the recovery sheet).
    Code(String),
}

impl Block {
    fn collect_text(&self, out: &mut Vec<String>) {
        let spans = |s: &[Span]| s.iter().map(|s| s.text.as_str()).collect::<String>();
        match self {
            Block::Heading(t) | Block::Quote(t) | Block::Code(t) => out.push(t.clone()),
            Block::Paragraph(s) => out.push(spans(s)),
            Block::Bullets(items) => out.extend(items.iter().map(|i| spans(i))),
            Block::Lines(l) | Block::SignatureLines(l) => out.extend(l.iter().cloned()),
            Block::Table(t) => {
                out.push(
                    t.columns
                        .iter()
                        .map(|c| c.title.clone())
                        .collect::<Vec<_>>()
                        .join(" | "),
                );
                for r in &t.rows {
                    out.push(r.join(" | "));
                }
            }
            Block::Fields(fields) => {
                for f in fields {
                    out.push(f.label.clone());
                    if !f.value.is_empty() {
                        out.push(f.value.clone());
                    }
                }
            }
            Block::Choices { label, options } => {
                out.push(label.clone());
                for o in options {
                    out.push(format!(
                        "[{}] {}",
                        if o.checked { "X" } else { " " },
                        o.label
                    ));
                }
            }
            Block::Signature(s) => {
                out.push(s.closing.clone());
                out.push(s.line_label.clone());
                out.push(s.date_label.clone());
                out.push(s.name.clone());
                out.push(s.title.clone());
                out.push(s.organization.clone());
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub title: String,
    /// Share of the text width (the shares of a table add up to 1).
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub label: String,
    /// Pre-filled value; empty leaves the line blank for the requester.
    pub value: String,
    /// Ruled lines to leave (at least one).
    pub lines: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    /// "Sincerely,"
    pub closing: String,
    /// "Signature of Plan Representative"
    pub line_label: String,
    /// "Date"
    pub date_label: String,
    /// The Privacy Official's name and title, printed under the lines.
    pub name: String,
    pub title: String,
    pub organization: String,
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the builders
// ---------------------------------------------------------------------------------------------

pub use crate::words::long_date;
use crate::words::MONTHS;

/// A date written out and kept on one line.
pub fn date(d: NaiveDate) -> String {
    keep(&long_date(d))
}

/// Cents as dollars, "$12.50".
pub fn dollars(cents: u64) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

/// Joins words so a line never breaks inside them.
pub fn keep(s: &str) -> String {
    s.trim().replace(' ', &NBSP.to_string())
}

/// Titles and names of offices the letters use, never broken over two lines wherever they
/// appear in running text.
const KEY_PHRASES: [&str; 3] = [
    "Privacy Official",
    "Office for Civil Rights",
    "statement of disagreement",
];

/// Running text with its key phrases kept together.
fn keep_key_phrases(text: String) -> String {
    KEY_PHRASES.iter().fold(text, |t, phrase| {
        if t.contains(phrase) {
            t.replace(phrase, &keep(phrase))
        } else {
            t
        }
    })
}

fn r(text: impl Into<String>) -> Span {
    Span {
        text: keep_key_phrases(text.into()),
        style: Style::Regular,
    }
}

fn b(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        style: Style::Bold,
    }
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![r(text)])
}

fn heading(text: &str) -> Block {
    Block::Heading(text.to_string())
}

fn mailing(recipient: &Addressee) -> Option<Mailing> {
    Some(Mailing {
        marking: MARKING.to_string(),
        recipient: Addressee {
            name: recipient.name.trim().to_string(),
            address: recipient
                .address
                .iter()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
        },
    })
}

fn salutation(name: &str) -> Block {
    para(format!("Dear {}:", keep(name)))
}

/// "Pat Official, Benefits/Payroll Administrator"
fn official(org: &Organization) -> String {
    format!(
        "{}, {}",
        keep(&org.privacy_official.name),
        keep(&org.privacy_official.title)
    )
}

/// The Privacy Official's full contact, as indented lines.
/// How every letter to a person ends before the Privacy Official's address: whom to ask about
/// it, and that it can be had in large print or another format.
const QUESTIONS_OR_ANOTHER_FORMAT: &str = "If you have questions about this letter, or need it in large print or another format, please contact the Privacy Official:";
/// The same offer where the letter gives the Privacy Official's address for a complaint.
const ANOTHER_FORMAT: &str =
    "If you need this letter in large print or another format, please contact the Privacy Official at the address above.";

/// The two offers as a letter already in large print makes them: another format only.
const QUESTIONS_OR_OTHER_FORMAT: &str = "If you have questions about this letter, or need it in another format, please contact the Privacy Official:";
const OTHER_FORMAT: &str =
    "If you need this letter in another format, please contact the Privacy Official at the address above.";

impl Letter {
    /// The letter as it is printed in large print: it no longer offers large print, only
    /// another format.
    pub fn in_large_print(&self) -> Letter {
        let swaps = [
            (r(QUESTIONS_OR_ANOTHER_FORMAT), r(QUESTIONS_OR_OTHER_FORMAT)),
            (r(ANOTHER_FORMAT), r(OTHER_FORMAT)),
            (
                r(breach::WRITE_OR_ANOTHER_FORMAT),
                r(breach::WRITE_OR_OTHER_FORMAT),
            ),
        ];
        let mut letter = self.clone();
        for block in &mut letter.blocks {
            if let Block::Paragraph(spans) = block {
                for span in spans.iter_mut() {
                    if let Some((_, other)) = swaps.iter().find(|(offer, _)| offer == span) {
                        *span = other.clone();
                    }
                }
            }
        }
        letter
    }
}

fn official_contact(org: &Organization) -> Block {
    let mut lines = vec![
        format!(
            "{}, {}",
            org.privacy_official.name.trim(),
            org.privacy_official.title.trim()
        ),
        format!("{}, {}", org.department.trim(), org.plan_name.trim()),
    ];
    lines.extend(org.address.iter().map(|l| l.trim().to_string()));
    lines.push(format!(
        "Phone {}   Fax {}",
        org.phone.trim(),
        org.fax.trim()
    ));
    Block::Lines(lines)
}

/// The plan's representative signs every response letter.
fn signature(org: &Organization) -> Block {
    Block::Signature(Signature {
        closing: "Sincerely,".to_string(),
        line_label: "Signature of Plan Representative".to_string(),
        date_label: "Date".to_string(),
        name: org.privacy_official.name.trim().to_string(),
        title: org.privacy_official.title.trim().to_string(),
        organization: org.plan_name.trim().to_string(),
    })
}

/// How to complain: to the plan (the Privacy Official) and to the Secretary of HHS (OCR).
fn complaint_rights(org: &Organization) -> Vec<Block> {
    vec![
        heading("How to complain"),
        Block::Paragraph(vec![
            r("You may file a complaint about this decision with the Plan or with the "),
            r("Secretary of the U.S. Department of Health and Human Services"),
            r(". To complain to the Plan, write to the "),
            r(keep("Privacy Official")),
            r(":"),
        ]),
        official_contact(org),
        Block::Paragraph(vec![
            r("To complain to the Secretary, contact the "),
            r(keep("Office for Civil Rights")),
            r(", U.S. Department of Health and Human Services, 200 Independence Avenue, S.W., Washington, D.C. 20201; telephone 1-800-368-1019 (TDD 1-800-537-7697); or online at www.hhs.gov/ocr/complaints. A complaint to the Secretary must generally be filed within 180 days of when you knew of the matter."),
        ]),
        para("The Plan will not retaliate against you in any way for filing a complaint."),
        para(ANOTHER_FORMAT),
    ]
}

impl Letter {
    /// The same letter to someone acting for the participant (a parent, a representative):
    /// the "Re:" line names whose health information it is about, kept whole on one line.
    /// Its running text speaks of "the health information of <participant>" where a letter
    /// to the participant says "your health information".
    pub fn about(mut self, participant: &str) -> Letter {
        let theirs = format!("the health information of {}", keep(participant.trim()));
        let reword = |t: &mut String| *t = t.replace("your health information", &theirs);
        for block in &mut self.blocks {
            match block {
                Block::Paragraph(spans) => spans.iter_mut().for_each(|s| reword(&mut s.text)),
                Block::Bullets(items) => {
                    items.iter_mut().flatten().for_each(|s| reword(&mut s.text))
                }
                _ => {}
            }
        }
        if let Some(re) = self.reference.as_mut() {
            reword(re);
        }
        let who = format!("Participant: {}", keep(participant.trim()));
        self.reference = Some(match self.reference.take() {
            Some(re) => format!("{re}. {who}"),
            None => who,
        });
        self
    }
}

fn request_received(what: &str, received_on: NaiveDate) -> String {
    format!("Re: Your request {what}, received {}", date(received_on))
}

fn not_blank(s: &str) -> bool {
    !s.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn a_letter_to_someone_acting_for_the_participant_names_the_participant() {
        let official = crate::organization::Official {
            name: "Pat Official".into(),
            title: "Privacy Official".into(),
        };
        let org = crate::organization::Organization {
            name: "Sample County".into(),
            plan_name: "Sample County Group Health Plan".into(),
            department: "Human Resources".into(),
            address: vec!["1 Main St".into()],
            phone: "555-0100".into(),
            fax: String::new(),
            privacy_official: official,
            business_associates: Vec::new(),
        };
        let parent = Addressee {
            name: "Avery Ashgrove".into(),
            address: vec!["12 Palm Avenue".into()],
        };
        let grant = crate::decision::AccessDecision::Grant(crate::decision::AccessGrant {
            access: "Copies mailed".into(),
            format: crate::decision::Format::Paper,
            available_on: d("2025-03-20"),
            fee_cents: 0,
        });
        let letter = access_response(&org, &parent, d("2025-03-10"), d("2025-03-03"), &grant)
            .about("Calla Ashgrove");
        let text = letter.plain_text();
        assert!(
            text.contains("access the health information of Calla Ashgrove has been granted"),
            "the body speaks of the child's health information: {text}"
        );
        assert!(
            !text.contains("your health information"),
            "no \"your health information\" in a letter to a parent: {text}"
        );
        let re = letter.reference.expect("a Re: line");
        assert!(
            re.starts_with("Re: Your request") && re.ends_with("Participant: Calla\u{a0}Ashgrove"),
            "the received date stays and the participant is named, unbroken: {re}"
        );
    }

    #[test]
    fn dates_are_written_out() {
        assert_eq!(long_date(d("2025-03-10")), "March 10, 2025");
        assert_eq!(long_date(d("2024-12-01")), "December 1, 2024");
        assert_eq!(date(d("2025-03-03")), "March\u{a0}3,\u{a0}2025");
    }

    #[test]
    fn dollars_and_cents() {
        assert_eq!(dollars(0), "$0.00");
        assert_eq!(dollars(650), "$6.50");
        assert_eq!(dollars(123_405), "$1234.05");
    }
}
