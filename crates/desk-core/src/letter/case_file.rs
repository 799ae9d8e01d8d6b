//! The case file: one document holding everything the plan did on a request, for the Office
//! for Civil Rights or the Privacy Official's file — the request, how its clock was worked out,
//! the verification record, the decisions with each approval or return, the case's notes and
//! endings, the letters with their SHA-256 and mailing day, and the timeline of every audit
//! event of the case with its user and time. The letters' own pages follow it (desk-letters).

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::identity::{VerificationMethod, VerificationOutcome};
use crate::person::{Channel, RequesterRole};
use crate::request::{RequestKind, RequestStatus};

/// A verification as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseVerification {
    /// Local time.
    pub at: NaiveDateTime,
    pub by: String,
    pub method: VerificationMethod,
    pub outcome: VerificationOutcome,
    /// What was seen, in words.
    pub seen: String,
    pub note: String,
}

/// A decision, in words, with its approval or return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDecision {
    pub at: NaiveDateTime,
    pub by: String,
    /// What was decided, in plain words.
    pub summary: String,
    /// Who approved it and when (a denial).
    pub approved: Option<(String, NaiveDateTime)>,
    /// A denial the Privacy Official sent back.
    pub returned: bool,
}

/// A denial sent back by the Privacy Official, with her reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseReturn {
    pub at: NaiveDateTime,
    pub by: String,
    pub reason: String,
}

/// A call, mail or note taken down on the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNote {
    pub on: NaiveDate,
    /// "Telephone call", "Mail received", "Note".
    pub kind: String,
    pub by: String,
    pub text: String,
    /// Corrected by a later note.
    pub corrected: bool,
}

/// A close, withdrawal, reopening or referral to the County Attorney.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEnding {
    pub at: NaiveDateTime,
    pub by: String,
    /// "Closed", "Withdrawn", "Reopened", …
    pub step: String,
    pub reason: String,
}

/// A letter as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseLetter {
    pub id: i64,
    pub title: String,
    pub rendered_at: NaiveDateTime,
    /// SHA-256 of the stored bytes, lower-case hex.
    pub sha256: String,
    /// The day it was first sent, if it was.
    pub mailed_on: Option<NaiveDate>,
    /// How it went that day: "mailed", "handed over", "emailed", "faxed".
    pub how: String,
}

/// One audit row of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEventLine {
    pub seq: i64,
    /// Local time.
    pub at: NaiveDateTime,
    /// The account's user name, or "—".
    pub user: String,
    /// The code word (`request.extension_mailed`).
    pub action: String,
    /// `request 12`, `letter 40`.
    pub record: String,
}

/// Everything a case file holds, gathered by the caller from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFileFacts {
    pub request_id: i64,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub channel: Channel,
    pub participant: String,
    pub requester: String,
    pub requester_role: RequesterRole,
    pub summary: String,
    /// [`crate::clock::working`]'s steps.
    pub clock: Vec<String>,
    pub verifications: Vec<CaseVerification>,
    pub decisions: Vec<CaseDecision>,
    pub returns: Vec<CaseReturn>,
    pub notes: Vec<CaseNote>,
    pub endings: Vec<CaseEnding>,
    pub letters: Vec<CaseLetter>,
    /// Oldest first.
    pub events: Vec<CaseEventLine>,
}

/// What an audit action means, in plain words (the code is printed beside it).
pub fn action_words(action: &str) -> &'static str {
    match action {
        "request.create" => "Request logged",
        "request.view" => "Request page viewed",
        "request.case_file" => "Case file viewed or exported",
        "request.status" => "Status set",
        "request.verify" => "Requester verified",
        "request.ask_for_written_request" => "Asked for a written request",
        "request.written_request_received" => "Written request received",
        "request.route_to_county_attorney" => "Sent to the County Attorney",
        "request.begin_review" => "Work on the request begun",
        "request.extend" | "request.extension" => "Extension given",
        "request.extension_mailed" => "Extension notice mailed",
        "request.grant" => "Request granted",
        "request.draft_denial" => "Denial drafted",
        "request.approve_denial" => "Denial approved",
        "request.return_denial" => "Denial sent back",
        "request.send_letter" => "Answer sent",
        "request.request_review" => "Review of the denial asked for",
        "request.complete_review" => "Review of the denial completed",
        "request.close" => "Case closed",
        "request.withdraw" => "Request withdrawn",
        "request.reopen" => "Case reopened",
        "request.note" => "Call, mail or note taken down",
        "request.form" => "Request form printed",
        "requester.add" => "Requester recorded",
        "verification.record" => "Verification recorded",
        "decision.draft" => "Decision recorded",
        "decision.approve" => "Decision approved",
        "attachment.add" => "Document attached",
        "attachment.view" => "Attachment viewed",
        "letter.store" => "Letter prepared and stored",
        "letter.view" => "Letter viewed",
        "letter.print" => "Letter printed",
        "letter.save" => "Letter saved as PDF",
        "letter.deliver" => "Letter marked sent",
        "accounting.period" => "Accounting period set",
        "accounting.fee_notice" => "Accounting fee notice",
        "amendment.dispute" => "Amendment dispute step",
        "restriction.record" => "Restriction recorded",
        "restriction.end" => "Restriction ended",
        "confidential_communication.record" => "Confidential communication recorded",
        "communication.end" => "Confidential communication ended",
        "complaint.log" => "Complaint logged",
        "complaint.acknowledge" => "Complaint acknowledged",
        "complaint.close" => "Complaint outcome recorded",
        _ => "Other event",
    }
}

fn kind_words(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Access => "Inspect or copy health information (45 CFR 164.524)",
        RequestKind::Amendment => "Amend health information (45 CFR 164.526)",
        RequestKind::Accounting => "Accounting of disclosures (45 CFR 164.528)",
        RequestKind::Restriction => "Restriction of uses and disclosures (45 CFR 164.522(a))",
        RequestKind::ConfidentialCommunication => "Confidential communications (45 CFR 164.522(b))",
        RequestKind::Complaint => "Complaint (45 CFR 164.530(d))",
    }
}

fn status_words(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Received => "received",
        RequestStatus::AwaitingWrittenRequest => "awaiting a written request",
        RequestStatus::Verified => "verified",
        RequestStatus::InReview => "being worked on",
        RequestStatus::Extended => "extended",
        RequestStatus::PendingApproval => "denial awaiting approval",
        RequestStatus::Decided => "decided",
        RequestStatus::LetterSent => "answered",
        RequestStatus::UnderReview => "denial under review",
        RequestStatus::Closed => "closed",
        RequestStatus::Withdrawn => "withdrawn",
    }
}

fn channel_words(channel: Channel) -> &'static str {
    match channel {
        Channel::InPerson => "in person",
        Channel::Telephone => "by telephone",
        Channel::Mail => "by mail",
        Channel::Fax => "by fax",
    }
}

fn role_words(role: RequesterRole) -> &'static str {
    match role {
        RequesterRole::Individual => "the individual",
        RequesterRole::Parent => "a parent of a minor",
        RequesterRole::PersonalRepresentative => "a personal representative",
        RequesterRole::PublicOfficial => "a public official",
        RequesterRole::ThirdParty => "a third party with an authorization",
    }
}

fn method_words(method: VerificationMethod) -> &'static str {
    match method {
        VerificationMethod::PhotoId => "government photo ID, in person",
        VerificationMethod::SsnMatch => "SSN digits read out matched (not stored)",
        VerificationMethod::DependentCoverage => "child enrolled under the parent, a minor",
        VerificationMethod::LegalDocument => "the representative's legal document",
        VerificationMethod::Credentials => "an official's credentials",
        VerificationMethod::Letterhead => "government letterhead",
        VerificationMethod::Referred => "referred to the Privacy Official",
    }
}

fn outcome_words(outcome: VerificationOutcome) -> &'static str {
    match outcome {
        VerificationOutcome::Verified => "verified",
        VerificationOutcome::NotVerified => "not verified",
        VerificationOutcome::ReferredToPrivacyOfficial => "referred to the Privacy Official",
    }
}

fn at(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn table(columns: &[(&str, f32)], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        columns: columns
            .iter()
            .map(|(title, width)| Column {
                title: (*title).to_string(),
                width: *width,
            })
            .collect(),
        rows,
    })
}

/// The case file's own pages, dated `dated`. Not signed and not mailed: a record of the case.
pub fn case_file(org: &Organization, f: &CaseFileFacts, dated: NaiveDate) -> Letter {
    let mut blocks = vec![
        para(format!(
            "The case file of request {} to the {}, as of {}: everything the plan recorded \
             on it. The letters follow, each as stored and sent, after a page giving its SHA-256; \
             their exact bytes are also attached to this PDF as files.",
            f.request_id,
            keep(&org.plan_name),
            date(dated)
        )),
        heading("The request"),
        table(
            &[("About the request", 0.24), ("As recorded", 0.76)],
            vec![
                row("Request number", f.request_id.to_string()),
                row("Kind", kind_words(f.kind).to_string()),
                row("Participant", f.participant.clone()),
                row(
                    "Requester",
                    format!("{} ({})", f.requester, role_words(f.requester_role)),
                ),
                row("Came in", channel_words(f.channel).to_string()),
                row("Where it stands", status_words(f.status).to_string()),
                row("Summary", f.summary.clone()),
            ],
        ),
        heading("How the clock was worked out"),
        Block::Bullets(f.clock.iter().map(|s| vec![r(s.clone())]).collect()),
        heading("Verification"),
    ];
    if f.verifications.is_empty() {
        blocks.push(para("No verification is recorded."));
    } else {
        blocks.push(table(
            &[
                ("When", 0.18),
                ("By", 0.14),
                ("How", 0.30),
                ("Outcome", 0.13),
                ("Seen and noted", 0.25),
            ],
            f.verifications
                .iter()
                .map(|v| {
                    let seen = match (v.seen.trim(), v.note.trim()) {
                        ("", n) => n.to_string(),
                        (s, "") => s.to_string(),
                        (s, n) => format!("{s}; {n}"),
                    };
                    vec![
                        at(v.at),
                        v.by.clone(),
                        method_words(v.method).to_string(),
                        outcome_words(v.outcome).to_string(),
                        seen,
                    ]
                })
                .collect(),
        ));
    }
    blocks.push(heading("Decisions, approvals and returns"));
    if f.decisions.is_empty() && f.returns.is_empty() {
        blocks.push(para("No decision is recorded."));
    } else {
        let mut rows: Vec<Vec<String>> = Vec::new();
        for d in &f.decisions {
            let after = match (&d.approved, d.returned) {
                (Some((who, when)), _) => format!("approved by {who}, {}", at(*when)),
                (None, true) => "sent back".to_string(),
                (None, false) => "—".to_string(),
            };
            rows.push(vec![at(d.at), d.by.clone(), d.summary.clone(), after]);
        }
        for x in &f.returns {
            rows.push(vec![
                at(x.at),
                x.by.clone(),
                format!("Denial sent back: {}", x.reason),
                "—".to_string(),
            ]);
        }
        rows.sort_by(|a, b| a[0].cmp(&b[0]));
        blocks.push(table(
            &[
                ("When", 0.18),
                ("By", 0.14),
                ("What", 0.44),
                ("Approval", 0.24),
            ],
            rows,
        ));
    }
    blocks.push(heading("Calls, mail and notes"));
    if f.notes.is_empty() {
        blocks.push(para("No call, mail or note is taken down."));
    } else {
        blocks.push(table(
            &[("Day", 0.13), ("Kind", 0.15), ("By", 0.14), ("Text", 0.58)],
            f.notes
                .iter()
                .map(|n| {
                    vec![
                        iso(n.on),
                        n.kind.clone(),
                        n.by.clone(),
                        if n.corrected {
                            format!("{} (corrected by a later note)", n.text)
                        } else {
                            n.text.clone()
                        },
                    ]
                })
                .collect(),
        ));
    }
    if !f.endings.is_empty() {
        blocks.push(heading("Closing, withdrawal and reopening"));
        blocks.push(table(
            &[
                ("When", 0.17),
                ("By", 0.14),
                ("Step", 0.17),
                ("Reason", 0.52),
            ],
            f.endings
                .iter()
                .map(|e| vec![at(e.at), e.by.clone(), e.step.clone(), e.reason.clone()])
                .collect(),
        ));
    }
    blocks.push(heading("Letters"));
    if f.letters.is_empty() {
        blocks.push(para("No letter is stored for this request."));
    }
    for (i, l) in f.letters.iter().enumerate() {
        let mailed = match l.mailed_on {
            Some(d) => format!("{} {}", l.how, iso(d)),
            None => "not marked sent".to_string(),
        };
        blocks.push(Block::Paragraph(vec![
            b(format!("{}. Letter {}: {}", i + 1, l.id, l.title)),
            r(format!(
                ", prepared {}, {mailed}. SHA-256:",
                at(l.rendered_at)
            )),
        ]));
        blocks.push(Block::Lines(vec![l.sha256.clone()]));
    }
    blocks.push(heading("Timeline"));
    blocks.push(para(format!(
        "Every event the audit log holds about this request and what belongs to it ({} {}, \
         oldest first), with its user and time; the code word is the audit log's own.",
        f.events.len(),
        if f.events.len() == 1 { "row" } else { "rows" }
    )));
    blocks.push(table(
        &[
            ("Row", 0.07),
            ("When", 0.22),
            ("User", 0.12),
            ("What happened", 0.41),
            ("Record", 0.18),
        ],
        f.events
            .iter()
            .map(|e| {
                vec![
                    e.seq.to_string(),
                    e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    e.user.clone(),
                    format!("{} ({})", action_words(&e.action), e.action),
                    e.record.clone(),
                ]
            })
            .collect(),
    ));
    blocks.push(para(
        "Times are the office's local time. The audit log is hash-chained; records-desk audit \
         verify walks the chain.",
    ));
    Letter {
        kind: LetterKind::CaseFile,
        title: format!("{} No. {}", LetterKind::CaseFile.title(), f.request_id),
        dated,
        date_line: Some(long_date(dated)),
        mailing: None,
        reference: None,
        blocks,
    }
}

fn row(label: &str, value: String) -> Vec<String> {
    vec![label.to_string(), value]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
    }

    #[test]
    fn the_case_file_holds_the_clock_every_event_and_each_letter_s_hash() {
        let org: Organization =
            serde_json::from_str(include_str!("../../../../assets/organization.json"))
                .expect("the default profile");
        let sha = "ab".repeat(32);
        let facts = CaseFileFacts {
            request_id: 12,
            kind: RequestKind::Access,
            status: RequestStatus::LetterSent,
            channel: Channel::InPerson,
            participant: "Pat Example".into(),
            requester: "Pat Example".into(),
            requester_role: RequesterRole::Individual,
            summary: "copies of 2025 claims".into(),
            clock: vec!["received 2026-03-02".into(), "30 days → 2026-04-01".into()],
            verifications: vec![CaseVerification {
                at: t("2026-03-02 09:10"),
                by: "staff".into(),
                method: VerificationMethod::PhotoId,
                outcome: VerificationOutcome::Verified,
                seen: "driver licence".into(),
                note: String::new(),
            }],
            decisions: vec![CaseDecision {
                at: t("2026-03-28 10:00"),
                by: "staff".into(),
                summary: "Extension of 30 days".into(),
                approved: None,
                returned: false,
            }],
            returns: Vec::new(),
            notes: Vec::new(),
            endings: Vec::new(),
            letters: vec![CaseLetter {
                id: 40,
                title: "Response to Inspection Request".into(),
                rendered_at: t("2026-04-20 11:00"),
                sha256: sha.clone(),
                mailed_on: NaiveDate::from_ymd_opt(2026, 4, 20),
                how: "mailed".into(),
            }],
            events: [
                "request.create",
                "verification.record",
                "letter.deliver",
                "x.unknown",
            ]
            .iter()
            .enumerate()
            .map(|(i, a)| CaseEventLine {
                seq: i as i64 + 1,
                at: t("2026-03-02 09:00"),
                user: "staff".into(),
                action: (*a).to_string(),
                record: "request 12".into(),
            })
            .collect(),
        };
        let dated = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let model = case_file(&org, &facts, dated);
        assert_eq!(model.kind, LetterKind::CaseFile);
        assert!(
            model.mailing.is_none() && !model.kind.is_signed() && !model.kind.answers_request(),
            "a record: not mailed, not signed, answers nothing"
        );
        let text = model.plain_text();
        for needle in [
            "received 2026-03-02",
            "30 days → 2026-04-01",
            "government photo ID, in person",
            "Extension of 30 days",
            "No call, mail or note is taken down.",
            "mailed 2026-04-20",
            sha.as_str(),
            "Request logged (request.create)",
            "Verification recorded (verification.record)",
            "Letter marked sent (letter.deliver)",
            "Other event (x.unknown)",
        ] {
            assert!(
                text.contains(needle),
                "the case file says {needle:?}:\n{text}"
            );
        }
    }
}
