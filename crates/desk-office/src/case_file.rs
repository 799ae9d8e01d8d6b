//! The case file: one PDF holding everything the plan did on a request — its timeline from the
//! audit log, the verification record, the decisions with their approvals and returns, the
//! notes, how the clock was worked out, and every letter as stored and sent (its pages after
//! the file's own, its exact bytes attached, its SHA-256 and the day it went out). desk-core
//! says what it holds, desk-letters lays it out; viewing or exporting it is audited.

use chrono::{DateTime, Local, NaiveDateTime, Utc};
use desk_core::clock;
use desk_core::letter::{
    self, CaseDecision, CaseEnding, CaseEventLine, CaseFileFacts, CaseLetter, CaseNote, CaseReturn,
    CaseVerification,
};
use desk_letters::{EmbeddedFile, Enclosure};
use desk_store::{CaseEvent, DeliveryMethod, EndStep, NoteKind, Store};

use crate::error::{Error, Result};
use crate::letter::letter_row;

fn local(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&Local).naive_local()
}

fn record_of(e: &CaseEvent) -> String {
    match e.entity_id {
        Some(id) => format!("{} {id}", e.entity),
        None => e.entity.clone(),
    }
}

fn sent_words(method: DeliveryMethod) -> &'static str {
    match method {
        DeliveryMethod::Mailed => "mailed",
        DeliveryMethod::HandedOver => "handed over",
        DeliveryMethod::Emailed => "emailed",
        DeliveryMethod::Faxed => "faxed",
    }
}

fn note_words(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::PhoneCall => "Telephone call",
        NoteKind::MailReceived => "Mail received",
        NoteKind::Note => "Note",
    }
}

fn step_words(step: EndStep) -> &'static str {
    match step {
        EndStep::Close => "Closed",
        EndStep::Withdraw => "Withdrawn",
        EndStep::Reopen => "Reopened",
        EndStep::CountyAttorney => "Sent to the County Attorney",
    }
}

/// What was seen at a verification: the document, its last digits and expiry when kept.
fn seen_of(v: &desk_store::VerificationRecord) -> String {
    let mut seen = crate::request::seen_words(&v.document_type);
    if !v.document_last_digits.is_empty() {
        seen.push_str(&format!(", ending {}", v.document_last_digits));
    }
    if let Some(on) = v.document_expires_on {
        seen.push_str(&format!(", expires {on}"));
    }
    if v.corrected_by.is_some() {
        seen.push_str(" (corrected by a later verification)");
    }
    seen
}

/// The case file of request `request_id` as one PDF (any signed-in user, as the request page);
/// recorded in the audit log as `request.case_file`. An unknown request is not found.
pub fn pdf(store: &mut Store, request_id: i64) -> Result<Vec<u8>> {
    let r = store.request(request_id)?;
    let page = crate::request::view(store, request_id)?;
    let today = crate::today(store);
    let events = store.case_audit(request_id)?;
    let letters = store.letters_of(request_id)?;

    let mut case_letters = Vec::new();
    let mut stored = Vec::new();
    for meta in &letters {
        let row = letter_row(meta)?;
        let first = meta.deliveries.first();
        case_letters.push(CaseLetter {
            id: meta.id,
            title: row.title.clone(),
            rendered_at: local(meta.rendered_at),
            sha256: meta.sha256.clone(),
            mailed_on: first.map(|d| d.delivered_on),
            how: first.map_or("", |d| sent_words(d.method)).to_string(),
        });
        stored.push(store.letter(meta.id)?.pdf);
    }

    let facts = CaseFileFacts {
        request_id,
        kind: r.kind,
        status: r.status,
        channel: r.channel,
        participant: page.participant_name.clone(),
        requester: page.requester_name.clone(),
        requester_role: r.requester_role,
        summary: r.summary.clone(),
        clock: clock::working(&crate::request::clock_facts(&r, today)),
        verifications: store
            .verifications_of(request_id)?
            .iter()
            .map(|v| CaseVerification {
                at: local(v.verified_at),
                by: v.verified_by_name.clone(),
                method: v.method,
                outcome: v.outcome,
                seen: seen_of(v),
                note: v.note.clone(),
            })
            .collect(),
        decisions: store
            .decisions_of(request_id)?
            .iter()
            .map(|d| {
                let row = crate::decision::row(d);
                CaseDecision {
                    at: local(row.drafted_at),
                    by: row.drafted_by,
                    summary: row.summary,
                    approved: row.approved_by.zip(row.approved_at.map(local)),
                    returned: row.returned,
                }
            })
            .collect(),
        returns: page
            .returns
            .iter()
            .map(|x| CaseReturn {
                at: local(x.returned_at),
                by: x.returned_by.clone(),
                reason: x.reason.clone(),
            })
            .collect(),
        notes: page
            .notes
            .iter()
            .map(|n| CaseNote {
                on: n.on_day,
                kind: note_words(n.kind).to_string(),
                by: n.by.clone(),
                text: n.text.clone(),
                corrected: n.corrected_by.is_some(),
            })
            .collect(),
        endings: page
            .endings
            .iter()
            .map(|e| CaseEnding {
                at: local(e.at),
                by: e.by.clone(),
                step: step_words(e.step).to_string(),
                reason: e.reason.clone(),
            })
            .collect(),
        letters: case_letters.clone(),
        events: events
            .iter()
            .map(|e| CaseEventLine {
                seq: e.seq,
                at: local(e.at),
                user: e.user.clone().unwrap_or_else(|| "—".into()),
                action: e.action.clone(),
                record: record_of(e),
            })
            .collect(),
    };
    let org = store.organization()?;
    let model = letter::case_file(&org, &facts, today);

    let captions: Vec<String> = case_letters
        .iter()
        .map(|l| {
            let sent = match l.mailed_on {
                Some(d) => format!("{} {d}", l.how),
                None => "not marked sent".to_string(),
            };
            format!(
                "Letter {}: {}, {sent}. SHA-256: {}",
                l.id, l.title, l.sha256
            )
        })
        .collect();
    let names: Vec<String> = case_letters
        .iter()
        .map(|l| format!("request-{request_id}-letter-{:06}.pdf", l.id))
        .collect();
    let descriptions: Vec<String> = case_letters
        .iter()
        .map(|l| format!("{}, SHA-256 {}", l.title, l.sha256))
        .collect();
    let enclosures: Vec<Enclosure<'_>> = captions
        .iter()
        .zip(&stored)
        .map(|(caption, bytes)| Enclosure { caption, bytes })
        .collect();
    let files: Vec<EmbeddedFile<'_>> = names
        .iter()
        .zip(&descriptions)
        .zip(&stored)
        .map(|((name, description), bytes)| EmbeddedFile {
            name,
            description,
            bytes,
        })
        .collect();
    let witness = store.witness()?.to_string();
    let bytes =
        desk_letters::render_with_files(&model, &org, None, &enclosures, &files, Some(&witness))
            .map_err(|_| Error::internal("printing the case file"))?;
    store.record_event("request.case_file", "request", Some(request_id))?;
    Ok(bytes)
}
