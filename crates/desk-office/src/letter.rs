//! Letters and notices: one function issues every one of them (rendered, kept with its SHA-256
//! together with whatever register entry goes with it, in one write); the stored bytes, saving a
//! copy, printing, and recording how a letter went out.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use desk_core::communication;
use desk_core::decision::Addressee;
use desk_core::letter::{Letter, LetterKind};
use desk_core::person::RequesterRole;
use desk_core::restriction::EndedBy;
use desk_store::{
    DeliveryMethod, LetterMeta, NewAssociateNotice, NewAssociateRequest, NewCommunication,
    NewLetter, NewRestriction, RequestSummary, Store,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{fields, Error, Result};
use crate::form::{self, code_of};

/// A letter just issued, for the preview: the stored letter it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LetterDone {
    #[ts(type = "number")]
    pub letter_id: i64,
    pub sha256: String,
    pub title: String,
}

/// A letter or form as stored: its hash proves what was sent.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LetterRow {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: LetterKind,
    pub title: String,
    pub sha256: String,
    #[ts(type = "string")]
    pub rendered_at: chrono::DateTime<chrono::Utc>,
    /// How it went out, or null until sent.
    pub delivery: Option<Delivery>,
    pub sent_on: Option<NaiveDate>,
}

/// How a letter went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Delivery {
    Mail,
    InPerson,
    Email,
    Fax,
}

impl From<Delivery> for DeliveryMethod {
    fn from(d: Delivery) -> Self {
        match d {
            Delivery::Mail => DeliveryMethod::Mailed,
            Delivery::InPerson => DeliveryMethod::HandedOver,
            Delivery::Email => DeliveryMethod::Emailed,
            Delivery::Fax => DeliveryMethod::Faxed,
        }
    }
}

impl From<DeliveryMethod> for Delivery {
    fn from(d: DeliveryMethod) -> Self {
        match d {
            DeliveryMethod::Mailed => Delivery::Mail,
            DeliveryMethod::HandedOver => Delivery::InPerson,
            DeliveryMethod::Emailed => Delivery::Email,
            DeliveryMethod::Faxed => Delivery::Fax,
        }
    }
}

/// A stored letter as the request page lists it. Every letter is issued by [`issue`] from a
/// desk-core kind, so a kind the rules do not know means the file was changed outside the app.
pub fn letter_row(l: &LetterMeta) -> Result<LetterRow> {
    let kind: LetterKind = form::parse_code(&l.kind, "kind")
        .map_err(|_| Error::internal("reading a letter of a kind Records Desk never issues"))?;
    let delivery = l.deliveries.last();
    Ok(LetterRow {
        id: l.id,
        kind,
        title: kind.title().to_owned(),
        sha256: l.sha256.clone(),
        rendered_at: l.rendered_at,
        delivery: delivery.map(|d| d.method.into()),
        sent_on: delivery.map(|d| d.delivered_on),
    })
}

/// What is written together with an issued letter and its notices.
pub(crate) enum With<'a> {
    /// The letters alone.
    Nothing,
    /// The letter answers its request with no separate decision (an accounting): the request
    /// is decided with it, and answered when the letter is marked sent.
    Answer { request_id: i64 },
    /// The one extension of a request with no separate decision (an accounting): its notice
    /// is kept with the new due date.
    Extension {
        request_id: i64,
        noticed_on: NaiveDate,
        extended_due_on: NaiveDate,
    },
    /// An accounting's fee notice and the special service charge it tells.
    FeeNotice {
        request_id: i64,
        charge: Option<&'a desk_core::accounting::SpecialServiceCharge>,
    },
    /// A step of a denied amendment's dispute (the rebuttal, whose copy is the letter).
    Dispute(&'a desk_store::NewDisputeStep),
    /// A restriction's register entry (agreed or not).
    Restriction(&'a NewRestriction),
    /// The end of an agreed restriction.
    RestrictionEnd {
        restriction_id: i64,
        on: NaiveDate,
        by: EndedBy,
    },
    /// A confidential-communication register entry.
    Communication(&'a NewCommunication),
    /// The end of a confidential-communication accommodation.
    CommunicationEnd {
        communication_id: i64,
        on: NaiveDate,
    },
    /// A complaint's acknowledgement.
    ComplaintAcknowledgement { complaint_id: i64, on: NaiveDate },
    /// A request forwarded to a business associate: the letter starts the associate's clock.
    Forward(&'a NewAssociateRequest),
}

impl With<'_> {
    /// The request the letters belong to, when what is written with them names it.
    fn request_id(&self) -> Option<i64> {
        match self {
            With::Answer { request_id }
            | With::Extension { request_id, .. }
            | With::FeeNotice { request_id, .. } => Some(*request_id),
            With::Dispute(step) => Some(step.request_id),
            With::Restriction(entry) => Some(entry.request_id),
            With::Communication(entry) => Some(entry.request_id),
            With::Forward(new) => Some(new.request_id),
            With::Nothing
            | With::RestrictionEnd { .. }
            | With::CommunicationEnd { .. }
            | With::ComplaintAcknowledgement { .. } => None,
        }
    }
}

/// The participant a request is about: their name as letters address them ("First Last") and
/// whether they asked for large print.
struct Reader {
    name: String,
    large_print: bool,
    /// The participant made the request themselves (no representative asked for them).
    asked_themselves: bool,
}

fn participant_of(store: &Store, request_id: Option<i64>) -> Result<Option<Reader>> {
    let Some(id) = request_id else {
        return Ok(None);
    };
    let r = store.request(id)?;
    let p = store.participant(r.participant_id)?;
    Ok(Some(Reader {
        name: format!("{} {}", p.summary.first_name, p.summary.last_name),
        large_print: p.large_print,
        asked_themselves: r.requester_role == RequesterRole::Individual,
    }))
}

/// How a letter is printed, decided by whom it is addressed to. Large print only for the
/// participant of its request who asked for it:
/// - a mailed letter, when it is addressed to that participant (at whichever address: a
///   confidential-communication address changes where it goes, not who reads it);
/// - a form with no addressee of its own issued alone (the request form for signature), when
///   the participant made the request themselves;
/// - a form enclosed with a letter (`enclosing`: the first letter's print) is printed as that
///   letter is.
///
/// A letter to anyone else stays regular, even about that participant: a personal
/// representative who asked on their behalf, a business associate told of a restriction, a
/// public official.
fn print_for(
    letter: &Letter,
    participant: Option<&Reader>,
    enclosing: Option<desk_letters::Print>,
) -> desk_letters::Print {
    let squash = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let Some(p) = participant.filter(|p| p.large_print) else {
        return desk_letters::Print::Regular;
    };
    let large = match (&letter.mailing, enclosing) {
        (Some(m), _) => squash(&m.recipient.name) == squash(&p.name),
        (None, Some(with)) => with == desk_letters::Print::Large,
        (None, None) => p.asked_themselves,
    };
    if large {
        desk_letters::Print::Large
    } else {
        desk_letters::Print::Regular
    }
}

/// Issue a letter: render it and the notices that go with it (signed when desk-core says the
/// kind is signed), and keep their exact bytes with `with` in one write: all or none. Returns
/// the first letter. Every letter, notice and kept form of Records Desk is issued here.
pub(crate) fn issue(
    store: &mut Store,
    request_id: Option<i64>,
    letter: &Letter,
    notices: &[Letter],
    with: With<'_>,
) -> Result<LetterDone> {
    issue_all(store, request_id, letter, &[], notices, &[], with)
}

/// [`issue`] with notices to business associates, each kept with its register entry (who was
/// told, of what, when) in the same write.
pub(crate) fn issue_telling(
    store: &mut Store,
    request_id: Option<i64>,
    letter: &Letter,
    notices: &[Letter],
    told: &[(NewAssociateNotice, Letter)],
    with: With<'_>,
) -> Result<LetterDone> {
    issue_all(store, request_id, letter, &[], notices, told, with)
}

/// [`issue`] for a letter whose enclosures are printed with it (after its own pages, in the
/// stored bytes), with no notices.
pub(crate) fn issue_with_enclosures(
    store: &mut Store,
    request_id: Option<i64>,
    letter: &Letter,
    enclosures: &[desk_letters::Enclosure<'_>],
    with: With<'_>,
) -> Result<LetterDone> {
    issue_all(store, request_id, letter, enclosures, &[], &[], with)
}

fn issue_all(
    store: &mut Store,
    request_id: Option<i64>,
    letter: &Letter,
    enclosures: &[desk_letters::Enclosure<'_>],
    notices: &[Letter],
    told: &[(NewAssociateNotice, Letter)],
    with: With<'_>,
) -> Result<LetterDone> {
    let org = store.organization()?;
    let signature = store.signature_image()?;
    // The audit log's head as the letters are made, printed in their footers.
    let witness = store.witness()?.to_string();
    let participant = participant_of(store, request_id.or_else(|| with.request_id()))?;
    let mut letters = Vec::with_capacity(1 + notices.len() + told.len());
    let first = print_for(letter, participant.as_ref(), None);
    let to_associates = told.iter().map(|(_, model)| model);
    for (i, model) in std::iter::once(letter)
        .chain(notices)
        .chain(to_associates)
        .enumerate()
    {
        let signed = model
            .kind
            .is_signed()
            .then_some(signature.as_deref())
            .flatten();
        let enclosed = if i == 0 { enclosures } else { &[] };
        let pdf = desk_letters::render_printed(
            model,
            &org,
            signed,
            enclosed,
            &[],
            Some(&witness),
            if i == 0 {
                first
            } else {
                print_for(model, participant.as_ref(), Some(first))
            },
        )
        .map_err(|e| match e {
            // The scan was checked when it was kept; one that cannot be printed is said.
            desk_letters::Error::Enclosure(why) => Error::field(
                "enclosure",
                format!("A copy of a written request cannot be printed with the letter: {why}."),
            ),
            _ => Error::internal("rendering the letter"),
        })?;
        letters.push(NewLetter {
            request_id,
            kind: code_of(&model.kind),
            pdf,
            corrects_id: None,
        });
    }
    // The notices to associates go with their register entries.
    let told: Vec<(NewAssociateNotice, NewLetter)> = told
        .iter()
        .map(|(n, _)| n.clone())
        .zip(letters.split_off(1 + notices.len()))
        .collect();
    if !told.is_empty()
        && !matches!(
            with,
            With::Nothing
                | With::Restriction(_)
                | With::RestrictionEnd { .. }
                | With::Communication(_)
                | With::CommunicationEnd { .. }
        )
    {
        return Err(Error::internal(
            "keeping the notices to business associates",
        ));
    }
    let ids = match with {
        With::Nothing if told.is_empty() => store.store_letters(&letters)?,
        With::Nothing => store.store_letters_telling(&letters, &told)?,
        With::Restriction(entry) => store.record_restriction_telling(entry, &letters, &told)?.1,
        With::RestrictionEnd {
            restriction_id,
            on,
            by,
        } => {
            store
                .end_restriction_telling(restriction_id, on, by, &letters, &told)
                .map_err(fields(&[("endedOn", "endedOn")]))?
                .1
        }
        With::Communication(entry) => {
            store
                .record_communication_telling(entry, &letters, &told)?
                .1
        }
        With::Forward(new) => {
            let id = store
                .forward_to_associate(new, &letters)
                .map_err(fields(&[("duty", "associateId")]))?;
            store.associate_request(id)?.letter_id.into_iter().collect()
        }
        With::CommunicationEnd {
            communication_id,
            on,
        } => {
            store
                .end_communication(communication_id, on, &letters, &told)
                .map_err(fields(&[("endedOn", "endedOn")]))?
                .1
        }
        With::Answer { request_id } => store.store_answer(request_id, &letters)?,
        With::FeeNotice { request_id, charge } => store
            .store_fee_notice(request_id, charge, &letters)
            .map_err(fields(&[
                ("special_charge", "specialCharge"),
                ("special_charge_reason", "specialChargeReason"),
            ]))?,
        With::Dispute(step) => {
            store.record_dispute_step(step, &letters)?;
            let kind = code_of(&letter.kind);
            store
                .letters_of(step.request_id)?
                .iter()
                .rev()
                .find(|l| l.kind == kind)
                .map(|l| vec![l.id])
                .unwrap_or_default()
        }
        With::Extension {
            request_id,
            noticed_on,
            extended_due_on,
        } => store
            .store_extension_notice(request_id, noticed_on, extended_due_on, &letters)
            .map_err(fields(&[
                ("extension", "reason"),
                ("extensionNoticedOn", "reason"),
                ("extendedDueOn", "reason"),
                ("status", "reason"),
            ]))?,
        With::ComplaintAcknowledgement { complaint_id, on } => {
            let (_, id) = store
                .acknowledge_complaint(complaint_id, on, &letters[0])
                .map_err(fields(&[("acknowledgedOn", "complaint")]))?;
            vec![id]
        }
    };
    let id = *ids
        .first()
        .ok_or_else(|| Error::internal("keeping the letter"))?;
    let meta = store.letter(id)?.meta;
    Ok(LetterDone {
        letter_id: id,
        sha256: meta.sha256,
        title: letter.kind.title().to_owned(),
    })
}

/// Issue one letter to each participant named beside it (a breach's notices, none of a
/// request): each rendered signed, in large print when the participant asked for it and it is
/// addressed to them, then all kept by `keep` in one write with what goes with them. Returns
/// the letters in order.
pub(crate) fn issue_to_participants(
    store: &mut Store,
    letters: &[(i64, Letter)],
    keep: impl FnOnce(&mut Store, Vec<NewLetter>) -> Result<Vec<i64>>,
) -> Result<Vec<LetterDone>> {
    let org = store.organization()?;
    let signature = store.signature_image()?;
    let witness = store.witness()?.to_string();
    let mut rendered = Vec::with_capacity(letters.len());
    for (participant_id, model) in letters {
        let p = store.participant(*participant_id)?;
        let reader = Reader {
            name: format!("{} {}", p.summary.first_name, p.summary.last_name),
            large_print: p.large_print,
            asked_themselves: true,
        };
        let signed = model
            .kind
            .is_signed()
            .then_some(signature.as_deref())
            .flatten();
        let pdf = desk_letters::render_printed(
            model,
            &org,
            signed,
            &[],
            &[],
            Some(&witness),
            print_for(model, Some(&reader), None),
        )
        .map_err(|_| Error::internal("rendering the letter"))?;
        rendered.push(NewLetter {
            request_id: None,
            kind: code_of(&model.kind),
            pdf,
            corrects_id: None,
        });
    }
    let ids = keep(store, rendered)?;
    ids.iter()
        .zip(letters)
        .map(|(id, (_, model))| {
            Ok(LetterDone {
                letter_id: *id,
                sha256: store.letter_meta(*id)?.sha256,
                title: model.kind.title().to_owned(),
            })
        })
        .collect()
}

/// A document that is printed but not kept as a letter (the authorization form, the recovery
/// sheet): its bytes, unsigned.
pub(crate) fn render(store: &Store, model: &Letter) -> Result<Vec<u8>> {
    let org = store.organization()?;
    desk_letters::render(model, &org, None).map_err(|_| Error::internal("printing the document"))
}

/// [`render`] for the participant `participant_id` to fill in and sign (the authorization
/// form): in large print when they asked for it.
pub(crate) fn render_for(store: &Store, model: &Letter, participant_id: i64) -> Result<Vec<u8>> {
    let org = store.organization()?;
    let print = if store.participant(participant_id)?.large_print {
        desk_letters::Print::Large
    } else {
        desk_letters::Print::Regular
    };
    desk_letters::render_printed(model, &org, None, &[], &[], None, print)
        .map_err(|_| Error::internal("printing the document"))
}

/// [`render`] with the audit log's head as it is now printed in the footer (the report, the
/// audit trail): what the log held when the document was made.
pub(crate) fn render_witnessed(store: &Store, model: &Letter) -> Result<Vec<u8>> {
    let org = store.organization()?;
    let witness = store.witness()?.to_string();
    desk_letters::render_with_enclosures(model, &org, None, &[], Some(&witness))
        .map_err(|_| Error::internal("printing the document"))
}

/// Whoever asked, at the address on file for them; while a confidential-communication
/// accommodation is in force, a letter to the individual goes to the alternate address.
pub fn addressee_of(store: &Store, r: &RequestSummary, dated: NaiveDate) -> Result<Addressee> {
    let recipient = match store.requester_of(r.id)? {
        Some(q) => Addressee {
            name: q.name,
            address: q.address,
        },
        None => Addressee {
            name: r.participant_name.clone(),
            address: store.participant(r.participant_id)?.address.lines(),
        },
    };
    let to_the_individual = r.requester_role == RequesterRole::Individual;
    let accommodations = store.accommodations_of(r.participant_id)?;
    Ok(communication::addressee(
        &recipient,
        to_the_individual,
        &accommodations,
        dated,
    ))
}

/// A stored letter's exact bytes; viewing it is audited.
pub fn pdf(store: &mut Store, letter_id: i64) -> Result<Vec<u8>> {
    let letter = store.letter(letter_id)?;
    store.record_event("letter.view", "letter", Some(letter_id))?;
    Ok(letter.pdf)
}

/// Save a stored letter as a PDF file in `dir` (only the owner may read it); returns its path.
/// The name carries ids, not names: the file may sit in a shared folder.
pub fn save(store: &mut Store, letter_id: i64, dir: &Path) -> Result<PathBuf> {
    let letter = store.letter(letter_id)?;
    std::fs::create_dir_all(dir).map_err(|_| Error::internal("creating the folder"))?;
    let kind = letter.meta.kind.replace('_', "-");
    let path = dir.join(match letter.meta.request_id {
        Some(request) => format!("request-{request}-{kind}-{letter_id}.pdf"),
        // A letter of no request (a breach notice, a complaint's acknowledgement).
        None => format!("letter-{kind}-{letter_id}.pdf"),
    });
    write_private(&path, &letter.pdf).map_err(|_| Error::internal("saving the PDF"))?;
    store.record_event("letter.save", "letter", Some(letter_id))?;
    Ok(path)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    let mut file = desk_store::private_file::open(&mut options, path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A stored letter is about to be printed: the print is recorded first.
pub fn record_print(store: &mut Store, letter_id: i64) -> Result<()> {
    store.letter(letter_id)?;
    store.record_event("letter.print", "letter", Some(letter_id))?;
    Ok(())
}

/// Record how and when (`sent_on`, YYYY-MM-DD, today or earlier) a letter went out. An
/// extension's notice counts as given on the day it goes out: mailed after the first period
/// ended, it extends nothing, and the returned warning says so (the request is then due on its
/// original date).
pub fn mark_sent(
    store: &mut Store,
    letter_id: i64,
    delivery: Delivery,
    sent_on: &str,
) -> Result<Option<String>> {
    let on = form::date(sent_on, "sentOn")?;
    let letter = store.letter_meta(letter_id)?;
    let before = match letter.request_id {
        Some(rid) => Some(store.request(rid)?),
        None => None,
    };
    store
        .mark_letter_delivered(letter_id, delivery.into(), on)
        .map_err(fields(&[("deliveredOn", "sentOn")]))?;
    let Some(before) = before else {
        return Ok(None);
    };
    let after = store.request(before.id)?;
    let newly_mailed = before.extension_mailed_on.is_none() && after.extension_mailed_on.is_some();
    let due = after.due_on.map(|d| d.to_string()).unwrap_or_default();
    Ok((newly_mailed && after.extension_late()).then(|| {
        format!(
            "This extension notice went out on {on}, after the first period ended on {due}: it \
             does not extend the time, and the request was due on {due}."
        )
    }))
}
