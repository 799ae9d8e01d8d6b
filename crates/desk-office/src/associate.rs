//! Business associates: the register (the Privacy Official adds, corrects and ends entries;
//! everyone reads it), a request forwarded to the associate that holds the records — its letter,
//! the associate's clock beside the plan's, its reply — and which associates are told of an
//! accepted amendment, an agreed or ended restriction, or a confidential-communication
//! accommodation (desk-core's rule, each ticked or unticked by staff before the notices go).

use chrono::NaiveDate;
use desk_core::associate::{
    Associate, Duties, Duty, Holding, NoticeKind, ReplyStanding, DUTY_DAYS,
};
use desk_core::letter::{self, AssociateAsk, Individual};
use desk_core::lifecycle;
use desk_core::person::Role;
use desk_core::request::RequestKind;
use desk_store::{AssociateEntry, NewAssociateNotice, NewAssociateRequest, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::form;
use crate::letter::{LetterDone, With};
use crate::settings::Range;

/// A register entry as its form sends it (days as typed, checked here; dates YYYY-MM-DD).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AssociateForm {
    pub name: String,
    /// One address line per text line.
    pub address: String,
    /// Who to write to or call there.
    pub contact: String,
    pub holds: Vec<Holding>,
    /// The day the agreement was signed; blank when not known.
    pub agreement_on: String,
    pub access_days: String,
    pub amendment_days: String,
    pub accounting_days: String,
    pub incident_days: String,
    /// The day the agreement ended; blank while it runs.
    pub ended_on: String,
}

/// An entry of the register.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateRow {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub address: Vec<String>,
    pub contact: String,
    pub holds: Vec<Holding>,
    pub agreement_on: Option<NaiveDate>,
    pub duties: Duties,
    pub ended_on: Option<NaiveDate>,
    /// Its agreement runs today.
    pub active: bool,
}

/// What an associate may hold, with the words the screens use.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HoldingOption {
    pub holding: Holding,
    pub label: String,
}

/// The register's screen: every entry (ended ones too), whether the signed-in user may change
/// it, and the choices and limits its form offers.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RegisterView {
    pub associates: Vec<AssociateRow>,
    /// Only the Privacy Official adds, corrects and ends entries.
    pub can_edit: bool,
    /// The agreement's days a new entry starts with.
    pub defaults: Duties,
    pub holdings: Vec<HoldingOption>,
    pub days: Range,
}

fn row(e: &AssociateEntry, today: NaiveDate) -> AssociateRow {
    let a = &e.associate;
    AssociateRow {
        id: e.id,
        name: a.name.clone(),
        address: a.address.clone(),
        contact: a.contact.clone(),
        holds: a.holds.clone(),
        agreement_on: a.agreement_on,
        duties: a.duties,
        ended_on: a.ended_on,
        active: a.active_on(today),
    }
}

/// The register (anyone signed in reads it).
pub fn register(store: &Store) -> Result<RegisterView> {
    let today = crate::today(store);
    Ok(RegisterView {
        associates: store.associates()?.iter().map(|e| row(e, today)).collect(),
        can_edit: store.principal().role() == Role::PrivacyOfficial,
        defaults: Duties::default(),
        holdings: Holding::ALL
            .into_iter()
            .map(|h| HoldingOption {
                holding: h,
                label: h.label().to_owned(),
            })
            .collect(),
        days: DUTY_DAYS.into(),
    })
}

/// A count of days as typed, or the field's error.
fn days(text: &str, field: &str) -> Result<u32> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| Error::field(field, "Give a number of days from 1 to 60."))
}

/// The form as desk-core's associate (its rules are checked by the store, through desk-core,
/// each refusal on the form's field).
fn associate_from(form: &AssociateForm) -> Result<Associate> {
    Ok(Associate {
        name: form.name.trim().to_owned(),
        address: form::lines(&form.address),
        contact: form.contact.trim().to_owned(),
        holds: form.holds.clone(),
        agreement_on: form::optional_date(&form.agreement_on, "agreementOn")?,
        duties: Duties {
            access_days: days(&form.access_days, "accessDays")?,
            amendment_days: days(&form.amendment_days, "amendmentDays")?,
            accounting_days: days(&form.accounting_days, "accountingDays")?,
            incident_days: days(&form.incident_days, "incidentDays")?,
        },
        ended_on: form::optional_date(&form.ended_on, "endedOn")?,
    })
}

/// Add an associate to the register (the Privacy Official). One write with its audit row.
pub fn add(store: &mut Store, form: &AssociateForm) -> Result<AssociateRow> {
    let a = associate_from(form)?;
    let id = store.add_associate(&a)?;
    Ok(row(&store.associate(id)?, crate::today(store)))
}

/// Correct an entry (the Privacy Official): every field as the form gives it; an end date ends
/// the agreement, a blank one reopens it. One write with its audit row.
pub fn correct(store: &mut Store, id: i64, form: &AssociateForm) -> Result<AssociateRow> {
    let a = associate_from(form)?;
    store.update_associate(id, &a)?;
    Ok(row(&store.associate(id)?, crate::today(store)))
}

/// End an agreement from `ended_on` (YYYY-MM-DD, not in the future): the entry is kept, and
/// the associate is neither asked nor told anything new from that day.
pub fn end(store: &mut Store, id: i64, ended_on: &str) -> Result<AssociateRow> {
    let on = form::date(ended_on, "endedOn")?;
    let mut a = store.associate(id)?.associate;
    if a.ended_on.is_some() {
        return Err(Error::field("endedOn", "This agreement has already ended."));
    }
    a.ended_on = Some(on);
    store.update_associate(id, &a)?;
    Ok(row(&store.associate(id)?, crate::today(store)))
}

// ---------------------------------------------------------------------------------------------
// Requests forwarded to an associate
// ---------------------------------------------------------------------------------------------

/// An associate a request can be forwarded to, or named as holding records the plan does not.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateOption {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub address: Vec<String>,
    pub holds: Vec<Holding>,
    /// The agreement's days for this request's kind (access or amendment), when it has one.
    pub days: Option<u32>,
    /// The associate's reply would be due on this day if the request went today.
    pub due_if_sent_today: Option<NaiveDate>,
}

/// A request forwarded to an associate, with its clock.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateRequestRow {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub associate_id: i64,
    pub associate_name: String,
    pub duty: Duty,
    pub sent_on: NaiveDate,
    pub due_on: NaiveDate,
    /// The agreement's days the clock ran for.
    #[ts(type = "number")]
    pub days: i64,
    /// Days to the associate's date (negative once past); 0 once replied.
    #[ts(type = "number")]
    pub days_left: i64,
    pub standing: ReplyStanding,
    pub replied_on: Option<NaiveDate>,
    pub reply_note: String,
    #[ts(type = "number | null")]
    pub letter_id: Option<i64>,
    pub by: String,
}

pub(crate) fn request_row(
    q: &desk_store::AssociateRequestEntry,
    today: NaiveDate,
) -> AssociateRequestRow {
    AssociateRequestRow {
        id: q.id,
        associate_id: q.associate_id,
        associate_name: q.associate_name.clone(),
        duty: q.duty,
        sent_on: q.sent_on,
        due_on: q.due_on,
        days: (q.due_on - q.sent_on).num_days(),
        days_left: if q.replied_on.is_some() {
            0
        } else {
            (q.due_on - today).num_days()
        },
        standing: q.standing(today),
        replied_on: q.replied_on,
        reply_note: q.reply_note.clone(),
        letter_id: q.letter_id,
        by: q.by.clone(),
    }
}

/// A request to forward: to which associate, sent on which day (the associate's clock starts
/// then; YYYY-MM-DD, today unless the letter went earlier).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ForwardForm {
    #[ts(type = "number")]
    pub request_id: i64,
    #[ts(type = "number | null")]
    pub associate_id: Option<i64>,
    pub sent_on: String,
}

/// What the plan asks of an associate for a request of `kind`: access or amendment.
pub(crate) fn duty_of(kind: RequestKind) -> Option<Duty> {
    match kind {
        RequestKind::Access => Some(Duty::Access),
        RequestKind::Amendment => Some(Duty::Amendment),
        _ => None,
    }
}

/// The individual as letters to associates name them: the participant's name, their member id
/// (their own employee id, or that of the coverage a dependent is enrolled under) and date of
/// birth.
pub(crate) fn individual(store: &Store, participant_id: i64) -> Result<Individual> {
    let p = store.participant(participant_id)?;
    let member_id = match (&p.summary.employee_id, &p.summary.dependent_of) {
        (Some(id), _) => Some(id.clone()),
        (None, Some(link)) => store.participant(link.participant_id)?.summary.employee_id,
        (None, None) => None,
    };
    Ok(Individual {
        name: format!("{} {}", p.summary.first_name, p.summary.last_name),
        member_id,
        date_of_birth: Some(p.summary.date_of_birth),
    })
}

/// Whether the request can be forwarded now: an access or amendment request that waits for
/// the office.
pub(crate) fn forward_open(r: &desk_store::RequestSummary) -> bool {
    duty_of(r.kind).is_some() && lifecycle::waits_for_office(r.status)
}

/// The associates a request of `kind` can be forwarded to (or named as holding records), with
/// the day the reply would be due if it went today.
pub(crate) fn options(store: &Store, kind: RequestKind) -> Result<Vec<AssociateOption>> {
    let today = crate::today(store);
    let duty = duty_of(kind);
    Ok(store
        .associates()?
        .into_iter()
        .filter(|e| e.associate.active_on(today))
        .map(|e| AssociateOption {
            id: e.id,
            name: e.associate.name.clone(),
            address: e.associate.address.clone(),
            holds: e.associate.holds.clone(),
            days: duty.map(|d| e.associate.duties.days(d)),
            due_if_sent_today: duty.map(|d| e.associate.duties.due(d, today)),
        })
        .collect())
}

/// Forward an access or amendment request to the associate that holds the records: the letter
/// (who the individual is, what is needed, by when under the agreement, where to send it) and
/// the associate's clock, from the day sent, in one write. Refused on `associateId` (none
/// chosen, not in the register, its agreement ended, already asked and not yet replied),
/// `sentOn` (not a date, in the future, before the request came) or `status` (the request no
/// longer waits for the office).
pub fn forward(store: &mut Store, form: &ForwardForm) -> Result<LetterDone> {
    let r = store.request(form.request_id)?;
    let duty = duty_of(r.kind).ok_or_else(|| {
        Error::field(
            "associateId",
            "Only an access or amendment request is forwarded to an associate here.",
        )
    })?;
    if !lifecycle::waits_for_office(r.status) {
        return Err(Error::field(
            "status",
            "This request no longer waits for the office: nothing is forwarded.",
        ));
    }
    let associate_id = form.associate_id.ok_or_else(|| {
        Error::field(
            "associateId",
            "Choose the associate that holds the records.",
        )
    })?;
    let sent_on = form::date(&form.sent_on, "sentOn")?;
    let entry = store
        .associate(associate_id)
        .map_err(|_| Error::field("associateId", "Choose an associate from the register."))?;
    let a = &entry.associate;
    let ask = AssociateAsk {
        duty,
        individual: individual(store, r.participant_id)?,
        received_on: r.clock_from(),
        asked_for: r.summary.clone(),
        days: a.duties.days(duty),
        due_on: a.duties.due(duty, sent_on),
        agreement_on: a.agreement_on,
        plan_due_on: r.effective_due_on(),
    };
    let org = store.organization()?;
    let model = letter::associate_request(&org, &a.addressee(), sent_on, &ask);
    let new = NewAssociateRequest {
        request_id: r.id,
        associate_id,
        duty,
        sent_on,
    };
    crate::letter::issue(store, Some(r.id), &model, &[], With::Forward(&new))
}

/// An associate's reply: the day it came, and what it said or sent.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ReplyForm {
    #[ts(type = "number")]
    pub associate_request_id: i64,
    pub received_on: String,
    pub note: String,
}

/// Record the associate's reply (once): refused on `receivedOn` (not a date, in the future,
/// before the request was sent, already recorded) or `note` (too long). One write with its
/// audit row. Answers the row, with where the reply stands against the agreement's day.
pub fn reply(store: &mut Store, form: &ReplyForm) -> Result<AssociateRequestRow> {
    let on = form::date(&form.received_on, "receivedOn")?;
    store.record_associate_reply(form.associate_request_id, on, &form.note)?;
    Ok(request_row(
        &store.associate_request(form.associate_request_id)?,
        crate::today(store),
    ))
}

// ---------------------------------------------------------------------------------------------
// Notices to associates
// ---------------------------------------------------------------------------------------------

/// An associate that may be told of an amendment, a restriction or an accommodation: ticked
/// when desk-core's rule says it is told, for staff to change before the notices go.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NoticeCandidate {
    #[ts(type = "number")]
    pub associate_id: i64,
    pub name: String,
    pub holds: Vec<Holding>,
    pub ticked: bool,
}

/// A notice sent to an associate about a request.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateNoticeRow {
    #[ts(type = "number")]
    pub id: i64,
    pub associate_name: String,
    pub kind: NoticeKind,
    pub sent_on: NaiveDate,
    #[ts(type = "number | null")]
    pub letter_id: Option<i64>,
}

/// The associates sent a notice of `kind` for request `request_id` (register ids): those an
/// end of the same arrangement tells by default.
pub(crate) fn told_of(store: &Store, request_id: i64, kind: NoticeKind) -> Result<Vec<i64>> {
    Ok(store
        .associate_notices_of(request_id)?
        .into_iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.associate_id)
        .collect())
}

pub(crate) fn notices_of(store: &Store, request_id: i64) -> Result<Vec<AssociateNoticeRow>> {
    Ok(store
        .associate_notices_of(request_id)?
        .into_iter()
        .map(|n| AssociateNoticeRow {
            id: n.id,
            associate_name: n.associate_name,
            kind: n.kind,
            sent_on: n.sent_on,
            letter_id: n.letter_id,
        })
        .collect())
}

/// Every associate whose agreement runs today, ticked when `ticked` says so.
pub(crate) fn candidates(
    store: &Store,
    ticked: impl Fn(&AssociateEntry) -> bool,
) -> Result<Vec<NoticeCandidate>> {
    let today = crate::today(store);
    Ok(store
        .associates()?
        .into_iter()
        .filter(|e| e.associate.active_on(today))
        .map(|e| NoticeCandidate {
            associate_id: e.id,
            name: e.associate.name.clone(),
            holds: e.associate.holds.clone(),
            ticked: ticked(&e),
        })
        .collect())
}

/// The candidates for a notice of `kind`, ticked by desk-core's rule.
pub(crate) fn candidates_for(store: &Store, kind: NoticeKind) -> Result<Vec<NoticeCandidate>> {
    let today = crate::today(store);
    candidates(store, |e| e.associate.to_be_told(kind, today))
}

/// The associates to tell: those `chosen` (each refused on `associateIds` unless in the
/// register with its agreement running), or, when none were chosen, those the rule ticks.
pub(crate) fn to_tell(
    store: &Store,
    kind: NoticeKind,
    chosen: Option<&[i64]>,
    default: impl Fn(&AssociateEntry) -> bool,
) -> Result<Vec<AssociateEntry>> {
    let today = crate::today(store);
    let register = store.associates()?;
    match chosen {
        None => Ok(register
            .into_iter()
            .filter(|e| e.associate.active_on(today) && default(e))
            .collect()),
        Some(ids) => {
            let mut told = Vec::with_capacity(ids.len());
            for id in ids {
                let e = register
                    .iter()
                    .find(|e| e.id == *id && e.associate.active_on(today))
                    .ok_or_else(|| {
                        Error::field(
                            "associateIds",
                            format!(
                                "Tick only associates in the register whose agreement runs: it \
                                 tells of the {}.",
                                kind.label()
                            ),
                        )
                    })?;
                if !told.iter().any(|t: &AssociateEntry| t.id == e.id) {
                    told.push(e.clone());
                }
            }
            Ok(told)
        }
    }
}

/// The register entry of each notice, for the same write as its letter.
fn notice(
    request_id: i64,
    e: &AssociateEntry,
    kind: NoticeKind,
    on: NaiveDate,
) -> NewAssociateNotice {
    NewAssociateNotice {
        request_id,
        associate_id: e.id,
        kind,
        sent_on: on,
    }
}

/// Each associate in `to` with its notice of `kind` about the request, sent `on`, and the
/// letter `write` makes for it.
pub(crate) fn notices_to(
    request_id: i64,
    to: &[AssociateEntry],
    kind: NoticeKind,
    on: NaiveDate,
    write: impl Fn(&AssociateEntry) -> desk_core::letter::Letter,
) -> Vec<(NewAssociateNotice, desk_core::letter::Letter)> {
    to.iter()
        .map(|e| (notice(request_id, e, kind, on), write(e)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The dashboard's warnings
// ---------------------------------------------------------------------------------------------

/// A reply an associate owes that is due within desk-core's warning days, or late.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateDueRow {
    #[ts(type = "number")]
    pub associate_request_id: i64,
    #[ts(type = "number")]
    pub request_id: i64,
    pub kind: RequestKind,
    pub participant: String,
    pub associate_name: String,
    pub duty: Duty,
    pub sent_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Days to the associate's date (negative once past).
    #[ts(type = "number")]
    pub days_left: i64,
    pub standing: ReplyStanding,
}

/// The replies associates owe on open requests that are due soon or late, soonest first.
pub(crate) fn replies_due(store: &Store) -> Result<Vec<AssociateDueRow>> {
    let today = crate::today(store);
    let mut rows = Vec::new();
    for q in store.open_associate_requests()? {
        let standing = q.standing(today);
        if !matches!(standing, ReplyStanding::DueSoon | ReplyStanding::Late) {
            continue;
        }
        let r = store.request(q.request_id)?;
        rows.push(AssociateDueRow {
            associate_request_id: q.id,
            request_id: q.request_id,
            kind: r.kind,
            participant: r.participant_name,
            associate_name: q.associate_name,
            duty: q.duty,
            sent_on: q.sent_on,
            due_on: q.due_on,
            days_left: (q.due_on - today).num_days(),
            standing,
        });
    }
    rows.sort_by_key(|r| (r.due_on, r.associate_request_id));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_not_a_number_are_refused_on_their_field() {
        let e = days("fifteen", "accessDays").expect_err("words");
        assert_eq!(e.field.as_deref(), Some("accessDays"));
        assert_eq!(days(" 15 ", "accessDays"), Ok(15));
    }

    #[test]
    fn only_access_and_amendment_requests_are_forwarded_here() {
        assert_eq!(duty_of(RequestKind::Access), Some(Duty::Access));
        assert_eq!(duty_of(RequestKind::Amendment), Some(Duty::Amendment));
        assert_eq!(duty_of(RequestKind::Restriction), None);
    }
}
