//! Incidents and breaches (164.400–414; county policy §11): logging a report (anyone), the
//! incident's page (who reported it and, for an associate, whether on time; the risk
//! assessment; the determination; for a breach each individual's notice, the 60-day date, the
//! reach by State, substitute notice; mitigation and sanctions), the Privacy Official's steps,
//! each individual's notification letter, and the annual log of breaches under 500 for the
//! Secretary as CSV. The rules are desk-core's; the writes desk-store's.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use desk_core::communication;
use desk_core::decision::Addressee;
use desk_core::incident::{
    self, ActionKind, BreachType, Determination, IndividualNotice, Information, Location,
    NotificationProgress, Reach, ReporterKind, RiskAssessment, Safeguard, SubstituteMethod,
    SubstituteRule,
};
use desk_core::letter::{self, BreachNotice};
use desk_store::{IncidentRecord, NewIncident, NewSubstitute, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{rule_sentence, Error, Result};
use crate::form;
use crate::letter::LetterDone;

/// An incident as reported.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct IncidentForm {
    pub reporter: ReporterKind,
    /// A staff member's or another person's name.
    pub reporter_name: String,
    #[ts(type = "number | null")]
    pub reporter_participant_id: Option<i64>,
    #[ts(type = "number | null")]
    pub associate_id: Option<i64>,
    /// YYYY-MM-DD; the day the associate learned of it (an associate's report), else blank.
    pub reported_on: String,
    pub associate_learned_on: String,
    pub discovered_on: String,
    /// Blank when not known.
    pub occurred_on: String,
    pub occurred_until: String,
    pub what_happened: String,
    pub recipient: String,
    pub breach_type: BreachType,
    pub location: Location,
    pub safeguards: Vec<Safeguard>,
    pub information: Vec<Information>,
    pub other_information: String,
    #[ts(type = "Array<number>")]
    pub participant_ids: Vec<i64>,
}

/// A correction of an incident's details (Privacy Official): the details as they should read,
/// and why. Who reported it stays as logged.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct CorrectionForm {
    /// A staff member's or another person's name (kept for a participant's or associate's).
    pub reporter_name: String,
    pub reported_on: String,
    pub associate_learned_on: String,
    pub discovered_on: String,
    pub occurred_on: String,
    pub occurred_until: String,
    pub what_happened: String,
    pub recipient: String,
    pub breach_type: BreachType,
    pub location: Location,
    pub safeguards: Vec<Safeguard>,
    pub information: Vec<Information>,
    pub other_information: String,
    /// Why the details are corrected.
    pub reason: String,
}

/// Participants found to be involved after the incident was logged (Privacy Official).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AddParticipantsForm {
    #[ts(type = "Array<number>")]
    pub participant_ids: Vec<i64>,
    /// How they were found to be involved.
    pub reason: String,
}

/// A correction of the details, as the page lists it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CorrectionView {
    pub corrected_on: NaiveDate,
    pub by: String,
    pub reason: String,
}

/// An incident in the log.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IncidentRow {
    #[ts(type = "number")]
    pub id: i64,
    pub reported_on: NaiveDate,
    pub discovered_on: NaiveDate,
    /// Who reported it, as the page names them.
    pub reporter: String,
    pub what_happened: String,
    #[ts(type = "number")]
    pub individuals: usize,
    /// The determination in force; none while undecided.
    pub determination: Option<Determination>,
    /// For a breach: where the individual notices stand.
    pub notification: Option<NotificationProgress>,
}

/// An associate's report judged against its agreement.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateReportView {
    pub associate: String,
    #[ts(type = "number")]
    pub incident_days: u32,
    pub learned_on: NaiveDate,
    pub due_on: NaiveDate,
    #[ts(type = "number")]
    pub days_late: u32,
    /// "reported on time" or "reported N days late".
    pub standing: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssessmentView {
    pub nature_and_extent: String,
    pub unauthorized_person: String,
    pub acquired_or_viewed: String,
    pub mitigation: String,
    pub assessed_on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeterminationView {
    #[ts(type = "number")]
    pub id: i64,
    pub determination: Determination,
    pub label: String,
    pub reasons: String,
    pub decided_on: NaiveDate,
    /// Replaced by a later determination.
    pub corrected: bool,
}

/// One individual involved, and how they were told.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IndividualView {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub name: String,
    pub state: String,
    pub large_print: bool,
    #[ts(type = "number | null")]
    pub letter_id: Option<i64>,
    pub notice: IndividualNotice,
    /// The logbook entry of their disclosure, once logged.
    #[ts(type = "number | null")]
    pub disclosure_id: Option<i64>,
    /// Under 18 today: their letter goes to their parent or guardian.
    pub minor: bool,
    /// Added after the incident was logged: when, by whom and why.
    pub added: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SubstituteView {
    pub method: SubstituteMethod,
    pub label: String,
    pub given_on: NaiveDate,
    /// The individual told; empty for a posting or media notice (to all out of date).
    pub name: String,
    pub detail: String,
    pub toll_free: String,
    /// A web posting's (and its toll-free number's) last day.
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionView {
    pub kind: ActionKind,
    pub taken_on: NaiveDate,
    pub whom: String,
    pub text: String,
}

/// The incident's page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IncidentPage {
    #[ts(type = "number")]
    pub id: i64,
    pub reporter_kind: ReporterKind,
    pub reporter: String,
    /// The name as logged for a staff member's or another person's report (the correction
    /// form starts from it).
    pub reporter_name: String,
    pub reported_on: NaiveDate,
    pub associate_learned_on: Option<NaiveDate>,
    pub other_information: String,
    /// The corrections of the details, oldest first (the details shown are the newest's).
    pub corrections: Vec<CorrectionView>,
    pub discovered_on: NaiveDate,
    pub occurred_on: Option<NaiveDate>,
    pub occurred_until: Option<NaiveDate>,
    pub what_happened: String,
    pub recipient: String,
    pub breach_type: BreachType,
    pub location: Location,
    pub safeguards: Vec<Safeguard>,
    pub information: Vec<Information>,
    /// The information involved, as one line.
    pub information_line: String,
    pub associate_report: Option<AssociateReportView>,
    pub assessment: Option<AssessmentView>,
    /// Every determination, oldest first; the last is in force.
    pub determinations: Vec<DeterminationView>,
    pub determination: Option<Determination>,
    pub individuals: Vec<IndividualView>,
    /// For a breach: the individual notices, due 60 days after discovery.
    pub notification: Option<NotificationProgress>,
    pub reach: Reach,
    /// For a breach of 500 or more (or over 500 in a State): who must be told now, and by when.
    pub flag: Option<String>,
    /// What the count of out-of-date addresses calls for.
    pub substitute_rule: SubstituteRule,
    pub substitutes: Vec<SubstituteView>,
    pub actions: Vec<ActionView>,
    /// The steps desk-core gives the individuals for the information involved (the letter's
    /// part (C), before any the Privacy Official adds).
    pub protective_steps: Vec<String>,
}

/// A business associate the reporter list offers.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportingAssociate {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub incident_days: u32,
    pub ended: bool,
}

/// The four factors as the Privacy Official writes them.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AssessmentForm {
    pub nature_and_extent: String,
    pub unauthorized_person: String,
    pub acquired_or_viewed: String,
    pub mitigation: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct DeterminationForm {
    pub determination: Determination,
    pub reasons: String,
}

/// What the notification letters say beyond the incident's own account.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct BreachLettersForm {
    pub investigating: String,
    pub mitigating: String,
    pub protecting: String,
    /// One step a line, after desk-core's.
    pub extra_steps: String,
    /// A toll-free number for questions, or blank.
    pub toll_free: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SubstituteForm {
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    pub method: SubstituteMethod,
    pub given_on: String,
    pub detail: String,
    pub toll_free: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ActionForm {
    pub kind: ActionKind,
    pub taken_on: String,
    pub whom: String,
    pub text: String,
}

/// The annual log of breaches under 500 discovered in a year, for the HHS breach portal.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AnnualLog {
    pub year: i32,
    pub due_on: NaiveDate,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The incidents in it, in row order.
    #[ts(type = "Array<number>")]
    pub incident_ids: Vec<i64>,
}

fn name_of(store: &Store, participant_id: i64) -> Result<String> {
    let p = store.participant(participant_id)?;
    Ok(format!("{} {}", p.summary.first_name, p.summary.last_name))
}

/// Who reported it: the name given, or the participant's or associate's on file.
fn reporter(store: &Store, r: &IncidentRecord) -> Result<String> {
    Ok(match r.incident.reporter {
        ReporterKind::Participant => match r.reporter_participant_id {
            Some(p) => format!("{} (participant)", name_of(store, p)?),
            None => "A participant".to_owned(),
        },
        ReporterKind::Associate => match r.associate_id {
            Some(a) => format!(
                "{} (business associate)",
                store.associate(a)?.associate.name
            ),
            None => "A business associate".to_owned(),
        },
        ReporterKind::Staff => format!("{} (staff)", r.incident.reporter_name),
        ReporterKind::Other => r.incident.reporter_name.clone(),
    })
}

/// Each individual's notice, in the incident's order of participants.
fn notices(r: &IncidentRecord) -> Vec<(i64, IndividualNotice)> {
    let to_all: Vec<(SubstituteMethod, NaiveDate)> = r
        .substitutes
        .iter()
        .filter(|s| s.method.is_conspicuous())
        .map(|s| (s.method, s.given_on))
        .collect();
    r.participant_ids
        .iter()
        .map(|&p| {
            let letter = r.letters.iter().find(|l| l.participant_id == p);
            let mailed_on = letter
                .and_then(|l| l.letter.deliveries.first())
                .map(|d| d.delivered_on);
            let noted = r
                .out_of_date
                .iter()
                .find(|(o, _)| *o == p)
                .map(|(_, on)| *on);
            let own = r
                .substitutes
                .iter()
                .find(|s| s.participant_id == Some(p))
                .map(|s| s.given_on);
            let substituted_on =
                noted.and_then(|on| incident::substitute_reached(on, own, &to_all));
            (
                p,
                IndividualNotice::of(letter.is_some(), mailed_on, noted.is_some(), substituted_on),
            )
        })
        .collect()
}

fn progress(r: &IncidentRecord, today: NaiveDate) -> Option<NotificationProgress> {
    r.is_breach().then(|| {
        let list: Vec<IndividualNotice> = notices(r).into_iter().map(|(_, n)| n).collect();
        incident::progress(r.incident.discovered_on, &list, today)
    })
}

fn reach(store: &Store, r: &IncidentRecord) -> Result<Reach> {
    let states = r
        .participant_ids
        .iter()
        .map(|&p| Ok(store.participant(p)?.address.state))
        .collect::<Result<Vec<String>>>()?;
    Ok(incident::reach(&states))
}

/// What a breach that large calls for, said plainly.
fn flag(reach: &Reach, due_on: NaiveDate) -> Option<String> {
    let due = letter::long_date(due_on);
    match (reach.hhs_now, reach.media_states.is_empty()) {
        (false, true) => None,
        (true, true) => Some(format!(
            "{} individuals: notify the Secretary of HHS now, without unreasonable delay and by {due}, not in the annual log.",
            reach.individuals
        )),
        (_, false) => Some(format!(
            "More than 500 residents of {} were affected: notify prominent media serving the State and the Secretary of HHS without unreasonable delay, by {due}.",
            reach.media_states.join(", ")
        )),
    }
}

/// The business associates the reporter list offers, ended ones last.
pub fn associates(store: &Store) -> Result<Vec<ReportingAssociate>> {
    let today = crate::today(store);
    let mut out: Vec<ReportingAssociate> = store
        .associates()?
        .into_iter()
        .map(|e| ReportingAssociate {
            id: e.id,
            ended: !e.associate.active_on(today),
            name: e.associate.name,
            incident_days: e.associate.duties.incident_days,
        })
        .collect();
    out.sort_by_key(|a| a.ended);
    Ok(out)
}

/// Log an incident (anyone signed in). Returns its id.
pub fn log(store: &mut Store, f: &IncidentForm) -> Result<i64> {
    let incident = desk_core::incident::Incident {
        reporter: f.reporter,
        reporter_name: f.reporter_name.trim().to_owned(),
        reported_on: form::date(&f.reported_on, "reportedOn")?,
        associate_learned_on: form::optional_date(&f.associate_learned_on, "associateLearnedOn")?,
        discovered_on: form::date(&f.discovered_on, "discoveredOn")?,
        occurred_on: form::optional_date(&f.occurred_on, "occurredOn")?,
        occurred_until: form::optional_date(&f.occurred_until, "occurredUntil")?,
        what_happened: f.what_happened.clone(),
        recipient: f.recipient.clone(),
        breach_type: f.breach_type,
        location: f.location,
        safeguards: f.safeguards.clone(),
        information: f.information.clone(),
        other_information: f.other_information.clone(),
    };
    Ok(store.log_incident(&NewIncident {
        incident,
        reporter_participant_id: f.reporter_participant_id,
        associate_id: f.associate_id,
        participant_ids: f.participant_ids.clone(),
    })?)
}

/// The incident log, newest discovered first.
pub fn list(store: &Store) -> Result<Vec<IncidentRow>> {
    let today = crate::today(store);
    store
        .incidents()?
        .iter()
        .map(|r| row(store, r, today))
        .collect()
}

fn row(store: &Store, r: &IncidentRecord, today: NaiveDate) -> Result<IncidentRow> {
    Ok(IncidentRow {
        id: r.id,
        reported_on: r.incident.reported_on,
        discovered_on: r.incident.discovered_on,
        reporter: reporter(store, r)?,
        what_happened: r.incident.what_happened.clone(),
        individuals: r.participant_ids.len(),
        determination: r.decision().map(|d| d.determination),
        notification: progress(r, today),
    })
}

/// The incident's page; viewing it is audited (it names the individuals involved).
pub fn page(store: &mut Store, id: i64) -> Result<IncidentPage> {
    let r = store.incident(id)?;
    store.record_event("incident.view", "incident", Some(id))?;
    let today = crate::today(store);
    let associate_report = match (r.associate_id, r.incident.associate_learned_on) {
        (Some(a), Some(learned)) => {
            let entry = store.associate(a)?;
            let t = incident::associate_report(
                &entry.associate.duties,
                learned,
                r.incident.reported_on,
            );
            Some(AssociateReportView {
                associate: entry.associate.name,
                incident_days: entry.associate.duties.incident_days,
                learned_on: learned,
                due_on: t.due_on,
                days_late: t.days_late,
                standing: t.sentence(),
            })
        }
        _ => None,
    };
    let notices = notices(&r);
    let individuals = notices
        .iter()
        .map(|&(p, notice)| {
            let participant = store.participant(p)?;
            Ok(IndividualView {
                participant_id: p,
                name: format!(
                    "{} {}",
                    participant.summary.first_name, participant.summary.last_name
                ),
                state: participant.address.state.trim().to_uppercase(),
                large_print: participant.large_print,
                letter_id: r
                    .letters
                    .iter()
                    .find(|l| l.participant_id == p)
                    .map(|l| l.letter.id),
                notice,
                disclosure_id: r.disclosures.iter().find(|(q, _)| *q == p).map(|(_, d)| *d),
                minor: desk_core::person::is_minor(participant.summary.date_of_birth, today),
                added: r.added.iter().find(|a| a.participant_id == p).map(|a| {
                    format!(
                        "Added {} by {}: {}",
                        letter::date(crate::local_date(a.added_at)),
                        a.added_by_name,
                        a.reason
                    )
                }),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let reach = reach(store, &r)?;
    let notification = progress(&r, today);
    let substitutes = r
        .substitutes
        .iter()
        .map(|s| {
            Ok(SubstituteView {
                method: s.method,
                label: s.method.label().to_owned(),
                given_on: s.given_on,
                name: match s.participant_id {
                    Some(p) => name_of(store, p)?,
                    None => String::new(),
                },
                detail: s.detail.clone(),
                toll_free: s.toll_free.clone(),
                until: (s.method == SubstituteMethod::WebPosting)
                    .then(|| incident::posting_until(s.given_on)),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let last = r.decisions.len();
    Ok(IncidentPage {
        id: r.id,
        reporter_kind: r.incident.reporter,
        reporter: reporter(store, &r)?,
        reporter_name: r.incident.reporter_name.clone(),
        reported_on: r.incident.reported_on,
        associate_learned_on: r.incident.associate_learned_on,
        other_information: r.incident.other_information.clone(),
        corrections: r
            .corrections
            .iter()
            .map(|c| CorrectionView {
                corrected_on: crate::local_date(c.created_at),
                by: c.created_by_name.clone(),
                reason: c.reason.clone(),
            })
            .collect(),
        discovered_on: r.incident.discovered_on,
        occurred_on: r.incident.occurred_on,
        occurred_until: r.incident.occurred_until,
        what_happened: r.incident.what_happened.clone(),
        recipient: r.incident.recipient.clone(),
        breach_type: r.incident.breach_type,
        location: r.incident.location,
        safeguards: r.incident.safeguards.clone(),
        information: r.incident.information.clone(),
        information_line: r.incident.information_line(),
        associate_report,
        assessment: r.assessment.as_ref().map(|a| AssessmentView {
            nature_and_extent: a.assessment.nature_and_extent.clone(),
            unauthorized_person: a.assessment.unauthorized_person.clone(),
            acquired_or_viewed: a.assessment.acquired_or_viewed.clone(),
            mitigation: a.assessment.mitigation.clone(),
            assessed_on: a.assessed_on,
        }),
        determinations: r
            .decisions
            .iter()
            .enumerate()
            .map(|(i, d)| DeterminationView {
                id: d.id,
                determination: d.determination,
                label: d.determination.label().to_owned(),
                reasons: d.reasons.clone(),
                decided_on: d.decided_on,
                corrected: i + 1 < last,
            })
            .collect(),
        determination: r.decision().map(|d| d.determination),
        individuals,
        flag: notification.and_then(|n| flag(&reach, n.due_on)),
        notification,
        reach,
        substitute_rule: incident::substitute_rule(r.out_of_date.len()),
        substitutes,
        actions: r
            .actions
            .iter()
            .map(|a| ActionView {
                kind: a.kind,
                taken_on: a.taken_on,
                whom: a.whom.clone(),
                text: a.text.clone(),
            })
            .collect(),
        protective_steps: letter::protective_steps(&r.incident.information, ""),
    })
}

/// Correct the incident's details (Privacy Official), with the reason; the logbook entries of
/// its disclosures follow in the same write.
pub fn correct(store: &mut Store, id: i64, f: &CorrectionForm) -> Result<()> {
    let before = store.incident(id)?;
    let details = desk_core::incident::Incident {
        reporter: before.incident.reporter,
        reporter_name: f.reporter_name.clone(),
        reported_on: form::date(&f.reported_on, "reportedOn")?,
        associate_learned_on: form::optional_date(&f.associate_learned_on, "associateLearnedOn")?,
        discovered_on: form::date(&f.discovered_on, "discoveredOn")?,
        occurred_on: form::optional_date(&f.occurred_on, "occurredOn")?,
        occurred_until: form::optional_date(&f.occurred_until, "occurredUntil")?,
        what_happened: f.what_happened.clone(),
        recipient: f.recipient.clone(),
        breach_type: f.breach_type,
        location: f.location,
        safeguards: f.safeguards.clone(),
        information: f.information.clone(),
        other_information: f.other_information.clone(),
    };
    store.correct_incident(id, &details, &f.reason)?;
    Ok(())
}

/// Add participants found to be involved later (Privacy Official), with how they were found;
/// under a determination that logs disclosures, theirs are logged too.
pub fn add_participants(store: &mut Store, id: i64, f: &AddParticipantsForm) -> Result<()> {
    store.add_incident_participants(id, &f.participant_ids, &f.reason)?;
    Ok(())
}

/// The incidents that involved a participant, newest discovered first (their page).
pub fn of_participant(store: &Store, participant_id: i64) -> Result<Vec<IncidentRow>> {
    let today = crate::today(store);
    store
        .incidents_of(participant_id)?
        .iter()
        .map(|r| row(store, r, today))
        .collect()
}

/// Record the four-factor risk assessment (Privacy Official).
pub fn assess(store: &mut Store, id: i64, f: &AssessmentForm) -> Result<()> {
    store.assess_incident(
        id,
        &RiskAssessment {
            nature_and_extent: f.nature_and_extent.clone(),
            unauthorized_person: f.unauthorized_person.clone(),
            acquired_or_viewed: f.acquired_or_viewed.clone(),
            mitigation: f.mitigation.clone(),
        },
    )?;
    Ok(())
}

/// Record the determination with its reasons (Privacy Official); the impermissible
/// disclosures go into the logbook with it.
pub fn decide(store: &mut Store, id: i64, f: &DeterminationForm) -> Result<()> {
    store.decide_incident(id, f.determination, &f.reasons)?;
    Ok(())
}

/// Prepare the notification letter of each individual of a breach who has none yet, dated
/// today, to the address on file (or the confidential-communication address in force), in
/// large print for those who asked; kept in one write. Returns the letters in order.
pub fn prepare_letters(
    store: &mut Store,
    id: i64,
    f: &BreachLettersForm,
) -> Result<Vec<LetterDone>> {
    let dated = crate::today(store);
    let r = store.incident(id)?;
    let i = &r.incident;
    let notice = BreachNotice {
        occurred_on: i.occurred_on,
        occurred_until: i.occurred_until,
        discovered_on: i.discovered_on,
        what_happened: i.what_happened.clone(),
        information: i.information.clone(),
        other_information: i.other_information.clone(),
        investigating: f.investigating.trim().to_owned(),
        mitigating: f.mitigating.trim().to_owned(),
        protecting: f.protecting.trim().to_owned(),
        extra_steps: f.extra_steps.trim().to_owned(),
        toll_free: f.toll_free.trim().to_owned(),
    };
    notice
        .check()
        .map_err(|e| Error::field(e.field, rule_sentence(e)))?;
    let org = store.organization()?;
    let mut letters = Vec::new();
    for &p in r
        .participant_ids
        .iter()
        .filter(|p| !r.letters.iter().any(|l| l.participant_id == **p))
    {
        let participant = store.participant(p)?;
        let name = format!(
            "{} {}",
            participant.summary.first_name, participant.summary.last_name
        );
        let usual = Addressee {
            name: name.clone(),
            address: participant.address.lines(),
        };
        let to = communication::addressee(&usual, true, &store.accommodations_of(p)?, dated);
        // A minor's letter goes to their parent or guardian at the address on file, unless
        // the minor's own request for confidential communications sends it elsewhere.
        let letter = if to == usual
            && desk_core::person::is_minor(participant.summary.date_of_birth, dated)
        {
            let parent = Addressee {
                name: format!("Parent or guardian of {name}"),
                address: usual.address,
            };
            letter::breach_notification_to_parent(&org, &parent, &name, dated, &notice)
        } else {
            letter::breach_notification(&org, &to, dated, &notice)
        };
        letters.push((p, letter));
    }
    if letters.is_empty() {
        return Err(Error::field(
            "letters",
            "Every individual involved already has a notification letter.",
        ));
    }
    let participants: Vec<i64> = letters.iter().map(|(p, _)| *p).collect();
    crate::letter::issue_to_participants(store, &letters, move |store, rendered| {
        let items: Vec<_> = participants
            .into_iter()
            .zip(rendered)
            .map(|(p, l)| (p, l, notice.clone()))
            .collect();
        Ok(store.store_breach_letters(id, &items)?)
    })
}

/// An individual's address is out of date: substitute notice is needed for them.
pub fn mark_out_of_date(store: &mut Store, id: i64, participant_id: i64) -> Result<()> {
    store.mark_address_out_of_date(id, participant_id)?;
    Ok(())
}

/// Record substitute notice (Privacy Official).
pub fn substitute(store: &mut Store, id: i64, f: &SubstituteForm) -> Result<()> {
    store.record_substitute_notice(
        id,
        &NewSubstitute {
            participant_id: f.participant_id,
            method: f.method,
            given_on: form::date(&f.given_on, "givenOn")?,
            detail: f.detail.clone(),
            toll_free: f.toll_free.clone(),
        },
    )?;
    Ok(())
}

/// Record a mitigation step or a sanction (Privacy Official).
pub fn act(store: &mut Store, id: i64, f: &ActionForm) -> Result<()> {
    let on = form::date(&f.taken_on, "takenOn")?;
    store.record_incident_action(id, f.kind, on, &f.whom, &f.text)?;
    Ok(())
}

/// The breaches in force whose notices are incomplete, soonest due first, for the dashboard.
pub(crate) fn breaches_due(
    store: &Store,
) -> Result<Vec<(IncidentRecord, NotificationProgress, Reach)>> {
    let today = crate::today(store);
    let mut out = Vec::new();
    for r in store.incidents()? {
        if let Some(p) = progress(&r, today).filter(|p| !p.complete) {
            let reach = reach(store, &r)?;
            out.push((r, p, reach));
        }
    }
    out.sort_by_key(|(r, p, _)| (p.due_on, r.id));
    Ok(out)
}

/// How many breaches under 500 were discovered in `year` (the dashboard's annual-log
/// reminder).
pub(crate) fn small_breaches_in(store: &Store, year: i32) -> Result<usize> {
    Ok(annual_breaches(store, year)?.len())
}

fn annual_breaches(store: &Store, year: i32) -> Result<Vec<(IncidentRecord, Reach)>> {
    let mut out = Vec::new();
    for r in store.incidents()? {
        if r.is_breach() && r.incident.discovered_on.year() == year {
            let reach = reach(store, &r)?;
            if reach.in_annual_log() {
                out.push((r, reach));
            }
        }
    }
    out.sort_by_key(|(r, _)| (r.incident.discovered_on, r.id));
    Ok(out)
}

/// The annual log of `year`'s breaches under 500 (164.408(c)), one row each as the HHS breach
/// portal asks (Privacy Official).
pub fn annual_log(store: &Store, year: i32) -> Result<AnnualLog> {
    if store.principal().role() != desk_core::person::Role::PrivacyOfficial {
        return Err(Error::forbidden());
    }
    let today = crate::today(store);
    let mut rows = Vec::new();
    let mut incident_ids = Vec::new();
    for (r, reach) in annual_breaches(store, year)? {
        let list: Vec<IndividualNotice> = notices(&r).into_iter().map(|(_, n)| n).collect();
        let logged = incident::LoggedBreach {
            individuals: reach.individuals,
            progress: incident::progress(r.incident.discovered_on, &list, today),
            substitute_notice: !r.out_of_date.is_empty(),
            media_notice: !reach.media_states.is_empty(),
            actions: r.actions.iter().map(|a| (a.kind, action_text(a))).collect(),
            incident: r.incident.clone(),
        };
        rows.push(incident::annual_log_row(&logged).to_vec());
        incident_ids.push(r.id);
    }
    Ok(AnnualLog {
        year,
        due_on: incident::annual_log_due(year),
        columns: incident::ANNUAL_LOG_COLUMNS
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        rows,
        incident_ids,
    })
}

fn action_text(a: &desk_store::ActionEntry) -> String {
    match a.kind {
        ActionKind::Sanction => format!("{} ({})", a.text.trim(), a.whom.trim()),
        ActionKind::Mitigation => a.text.trim().to_owned(),
    }
}

/// A cell a spreadsheet would read as a formula is kept as text.
fn cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// The annual log as CSV: the header, then one row per breach.
pub fn annual_log_csv(log: &AnnualLog) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(&log.columns)
        .map_err(|_| Error::internal("writing the annual log"))?;
    for row in &log.rows {
        w.write_record(row.iter().map(|v| cell(v)))
            .map_err(|_| Error::internal("writing the annual log"))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|_| Error::internal("writing the annual log"))?;
    String::from_utf8(bytes).map_err(|_| Error::internal("writing the annual log"))
}

/// Save `year`'s annual log as a CSV file in `dir` (only the owner may read it); the export is
/// audited. Returns its path.
pub fn save_annual_log(store: &mut Store, year: i32, dir: &Path) -> Result<PathBuf> {
    let log = annual_log(store, year)?;
    let csv = annual_log_csv(&log)?;
    std::fs::create_dir_all(dir).map_err(|_| Error::internal("creating the folder"))?;
    let path = dir.join(format!("hhs-breach-log-{year}.csv"));
    write_private(&path, csv.as_bytes()).map_err(|_| Error::internal("saving the CSV"))?;
    store.record_event("incident.annual_log_export", "incident", None)?;
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
