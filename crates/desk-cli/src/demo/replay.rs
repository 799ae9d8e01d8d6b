//! The demo's replay: every step of every case, in date order, through desk-office's operations
//! as the app's commands make them, each on the store's clock set to the step's own moment.

use anyhow::{bail, Context};
use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use desk_core::identity::VerificationOutcome;
use desk_office::decision::OutcomeKind;
use desk_office::{
    accounting, associate, associate_accounting, communication, complaint, decision, incident,
    intake, letter, logbook, referral, request, response, restriction,
};
use desk_store::Store;

/// Who does a step: the staff account, or the Privacy Official (approvals only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Staff,
    Official,
}

/// A decision as its form is filled in (the request is the case's).
#[derive(Debug, Clone)]
pub enum Decide {
    AccessGrant {
        access: &'static str,
        electronic: bool,
        /// The actual cost of paper copies mailed: copying, supplies, postage ("4.80").
        fee: Option<(&'static str, &'static str, &'static str)>,
        available_in_days: u64,
    },
    Extension {
        reason: &'static str,
    },
    AccessDenial {
        grounds: &'static [&'static str],
        explanation: &'static str,
    },
    AmendmentGrant {
        notify: String,
    },
    AmendmentDenial {
        grounds: &'static [&'static str],
        explanation: &'static str,
    },
    RestrictionAgree {
        information: &'static str,
        manner: &'static str,
        not_disclosed_to: String,
    },
    RestrictionDeny {
        reason: &'static str,
    },
    Accommodate {
        alternate_address: String,
        alternate_means: &'static str,
        endangerment: bool,
    },
    CommunicationDeny {
        reason: &'static str,
    },
}

/// One operation of the office.
#[derive(Debug)]
pub enum Op {
    /// `intake::log`; `outcome`: what desk-core must find (verified, referred to the Privacy
    /// Official, or not verified: asked to write).
    Intake {
        form: Box<intake::IntakeForm>,
        outcome: VerificationOutcome,
    },
    /// `referral::verify`: the requester verified, and what was seen.
    Verify(desk_core::identity::VerificationMethod, &'static str),
    /// `referral::refuse`: the Privacy Official cannot verify; the person is asked to write.
    Refuse(&'static str),
    /// `referral::letter`: the letter asking for a written request, with its form.
    WrittenLetter,
    /// `referral::written_request_received` on the step's day.
    WrittenCame,
    Decide(Decide),
    /// `decision::approve` of the case's drafted denial.
    Approve,
    /// `response::respond`: the letter for the decision in force.
    Respond,
    /// `letter::mark_sent` of the case's last letter, on the step's day.
    Send(letter::Delivery),
    Period {
        from: NaiveDate,
        to: NaiveDate,
    },
    FeeNotice,
    Withdraw,
    AccountingLetter,
    /// `associate_accounting::ask` of every associate the accounting panel offers to ask; the
    /// case's last letter is the last of them.
    AskAssociates,
    /// `associate_accounting::import` of the asked associate's log (CSV text) for the case's
    /// participant: its reply recorded with it.
    AssociateLog(String),
    /// `restriction::end` of the case's agreed restriction from the step's day, by `individual`
    /// or `plan`.
    EndRestriction(&'static str),
    /// `communication::end_accommodation` of the case's accommodation from the step's day, at
    /// the individual's request; the associates told of it are told it has ended.
    EndCommunication,
    Complaint(Box<complaint::ComplaintForm>),
    Acknowledge,
    Close(&'static str),
    Disclose(Box<logbook::DisclosureCheckForm>),
    /// `logbook::review_disclosure` of the case's last disclosure: the Privacy Official's
    /// minimum-necessary review, with her note.
    ReviewDisclosure(&'static str),
    /// `request::end`: the case closed (or withdrawn, reopened) with its reason.
    End(desk_store::EndStep, &'static str),
    /// `request::note`: a call or a piece of mail taken down on the step's day.
    Note(desk_store::NoteKind, &'static str),
    /// `associate::forward` of the case's request, on the step's day, to the register's
    /// associate holding claims; its letter is the case's last.
    Forward,
    /// `associate::reply`: the associate's reply to the case's forwarded request, received on
    /// the step's day, with what came.
    AssociateReply(&'static str),
    /// `incident::log`: an incident reported (the case is the incident). An associate's report
    /// names the register's associate holding claims.
    IncidentLog(Box<incident::IncidentForm>),
    /// `incident::assess`: the four factors.
    IncidentAssess(Box<incident::AssessmentForm>),
    /// `incident::decide`: the determination with its reasons.
    IncidentDecide(desk_core::incident::Determination, &'static str),
    /// `incident::add_participants`: a participant found involved later, with how.
    IncidentAdd(i64, &'static str),
    /// `incident::correct`: who received it, corrected, with the reason.
    IncidentRecipient(&'static str, &'static str),
    /// `incident::prepare_letters`: each individual's notification letter not yet prepared.
    IncidentLetters(Box<incident::BreachLettersForm>),
    /// `letter::mark_sent` of each of the incident's letters not yet mailed, on the step's day.
    IncidentMailed,
    /// `incident::act`: a mitigation step or a sanction on the step's day.
    IncidentAction(desk_core::incident::ActionKind, &'static str, &'static str),
}

impl Op {
    fn name(&self) -> &'static str {
        match self {
            Op::Intake { .. } => "intake",
            Op::Verify(..) => "verification",
            Op::Refuse(_) => "referral refused",
            Op::WrittenLetter => "written-request letter",
            Op::WrittenCame => "written request received",
            Op::Decide(_) => "decision",
            Op::Approve => "approval",
            Op::Respond => "response letter",
            Op::Send(_) => "letter sent",
            Op::Period { .. } => "accounting period",
            Op::FeeNotice => "fee notice",
            Op::Withdraw => "withdrawal",
            Op::AccountingLetter => "accounting letter",
            Op::AskAssociates => "request to the associates",
            Op::AssociateLog(_) => "associate's disclosure log",
            Op::EndRestriction(_) => "end of the restriction",
            Op::Complaint(_) => "complaint",
            Op::Acknowledge => "acknowledgement",
            Op::Close(_) => "complaint outcome",
            Op::Disclose(_) => "disclosure",
            Op::ReviewDisclosure(_) => "disclosure review",
            Op::End(..) => "case ending",
            Op::Note(..) => "case note",
            Op::Forward => "request forwarded to an associate",
            Op::AssociateReply(_) => "associate's reply",
            Op::EndCommunication => "end of the confidential communications",
            Op::IncidentLog(_) => "incident reported",
            Op::IncidentAssess(_) => "incident's risk assessment",
            Op::IncidentDecide(..) => "incident's determination",
            Op::IncidentAdd(..) => "participant added to the incident",
            Op::IncidentRecipient(..) => "incident's details corrected",
            Op::IncidentLetters(_) => "breach notification letters",
            Op::IncidentMailed => "breach letters mailed",
            Op::IncidentAction(..) => "incident's mitigation or sanction",
        }
    }
}

/// One step of one case, at its moment.
#[derive(Debug)]
pub struct Step {
    pub at: DateTime<Utc>,
    pub case: usize,
    pub who: Who,
    pub op: Op,
}

/// What a case's earlier steps made, for its later steps.
#[derive(Debug, Default, Clone, Copy)]
struct State {
    request: Option<i64>,
    decision: Option<i64>,
    letter: Option<i64>,
    complaint: Option<i64>,
    disclosure: Option<i64>,
    associate_request: Option<i64>,
    incident: Option<i64>,
}

/// The two signed-in sessions: the Privacy Official's and the staff member's.
pub struct Desk {
    pub official: Store,
    pub staff: Store,
}

/// The local day of a moment (the office's day).
pub fn day_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

/// `day` at `minutes` past midnight, local time, as the store's clock takes it.
pub fn moment(day: NaiveDate, minutes: u32) -> DateTime<Utc> {
    let naive = day
        .and_hms_opt(minutes / 60 % 24, minutes % 60, 0)
        .unwrap_or_default();
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
}

/// desk-office's error with the field it names (messages carry no PHI).
pub(super) fn office<T>(r: desk_office::Result<T>) -> anyhow::Result<T> {
    r.map_err(|e| match e.field {
        Some(f) => anyhow::anyhow!("{f}: {}", e.message),
        None => anyhow::anyhow!("{}", e.message),
    })
}

/// Run every step in order; steps must come sorted by moment. Returns nothing: what was made
/// is in the store.
pub fn run(desk: &mut Desk, cases: usize, steps: Vec<Step>) -> anyhow::Result<()> {
    let mut states = vec![State::default(); cases];
    let mut last: Option<DateTime<Utc>> = None;
    for step in steps {
        if last.is_some_and(|t| step.at < t) {
            bail!("the demo's steps are out of date order");
        }
        last = Some(step.at);
        let what = step.op.name();
        let case = step.case;
        let state = states.get_mut(case).context("a demo step names no case")?;
        one(desk, state, step).with_context(|| format!("demo case {case}: {what}"))?;
    }
    Ok(())
}

fn need(id: Option<i64>, what: &str) -> anyhow::Result<i64> {
    id.with_context(|| format!("no {what} yet"))
}

fn one(desk: &mut Desk, st: &mut State, step: Step) -> anyhow::Result<()> {
    let store = match step.who {
        Who::Staff => &mut desk.staff,
        Who::Official => &mut desk.official,
    };
    office(desk_office::demo::set_clock(store, step.at)).context("could not set the demo clock")?;
    let day = day_of(step.at);
    match step.op {
        Op::Intake {
            form,
            outcome: want,
        } => {
            let done = office(intake::log(store, &form))?;
            if done.verification.outcome != want {
                bail!(
                    "the verification came out {:?}, not {want:?}",
                    done.verification.outcome
                );
            }
            st.request = Some(done.request_id);
        }
        Op::Decide(d) => {
            let request_id = need(st.request, "request")?;
            let row = decide(store, request_id, d, day)?;
            st.decision = Some(row.id);
        }
        Op::Approve => {
            let id = need(st.decision, "decision")?;
            office(decision::approve(
                store,
                id,
                "Grounds checked against the records.",
            ))?;
        }
        Op::Respond => {
            let done = office(response::respond(store, need(st.request, "request")?))?;
            st.letter = Some(done.letter_id);
        }
        Op::Send(delivery) => {
            let id = need(st.letter, "letter")?;
            let late = office(letter::mark_sent(
                store,
                id,
                delivery,
                &day.format("%Y-%m-%d").to_string(),
            ))?;
            if late.is_some() {
                anyhow::bail!("a demo extension's notice went out after its first period");
            }
        }
        Op::Period { from, to } => {
            office(accounting::set_period(
                store,
                need(st.request, "request")?,
                &accounting::AccountingPeriodForm {
                    period_from: from.format("%Y-%m-%d").to_string(),
                    period_to: to.format("%Y-%m-%d").to_string(),
                },
            ))?;
        }
        Op::FeeNotice => {
            let done = office(accounting::fee_notice(
                store,
                need(st.request, "request")?,
                &Default::default(),
            ))?;
            st.letter = Some(done.letter_id);
        }
        Op::Withdraw => office(accounting::withdraw(store, need(st.request, "request")?))?,
        Op::Verify(method, seen) => office(referral::verify(
            store,
            &referral::VerifyForm {
                request_id: need(st.request, "request")?,
                method,
                seen: seen.into(),
                note: String::new(),
            },
        ))?,
        Op::Refuse(reason) => office(referral::refuse(
            store,
            &referral::ReasonForm {
                request_id: need(st.request, "request")?,
                reason: reason.into(),
            },
        ))?,
        Op::WrittenLetter => {
            let done = office(referral::letter(store, need(st.request, "request")?))?;
            st.letter = Some(done.letter_id);
        }
        Op::WrittenCame => office(referral::written_request_received(
            store,
            &referral::WrittenForm {
                request_id: need(st.request, "request")?,
                written_on: day.format("%Y-%m-%d").to_string(),
                scan: None,
            },
        ))?,
        Op::End(step, reason) => {
            office(request::end(
                store,
                &request::EndForm {
                    request_id: need(st.request, "request")?,
                    step,
                    reason: reason.into(),
                },
            ))?;
        }
        Op::Note(kind, text) => {
            office(request::note(
                store,
                &request::NoteForm {
                    request_id: need(st.request, "request")?,
                    kind,
                    on_day: day.format("%Y-%m-%d").to_string(),
                    text: text.into(),
                    corrects_id: None,
                },
            ))?;
        }
        Op::AccountingLetter => {
            let done = office(accounting::letter(store, need(st.request, "request")?))?;
            st.letter = Some(done.letter_id);
        }
        Op::AskAssociates => {
            let request_id = need(st.request, "request")?;
            let view = office(associate_accounting::get(store, request_id))?;
            let ask: Vec<i64> = view
                .associates
                .iter()
                .filter(|a| a.can_ask)
                .map(|a| a.associate_id)
                .collect();
            if ask.is_empty() {
                bail!("no associate to ask");
            }
            for associate_id in ask {
                let done = office(associate_accounting::ask(store, request_id, associate_id))?;
                st.letter = Some(done.letter_id);
            }
        }
        Op::AssociateLog(csv) => {
            let request_id = need(st.request, "request")?;
            let asked = store
                .associate_requests_of(request_id)
                .context("could not read the requests to associates")?;
            let associate_id = asked
                .first()
                .context("no associate was asked")?
                .associate_id;
            let participant_id = store
                .request(request_id)
                .context("could not read the request")?
                .participant_id;
            match office(associate_accounting::import(
                store,
                &associate_accounting::AssociateLogForm {
                    participant_id,
                    associate_id,
                    csv,
                },
            ))? {
                associate_accounting::AssociateLogImport::Imported { replies: 1, .. } => {}
                other => bail!("the associate's log was not imported as its reply: {other:?}"),
            }
        }
        Op::EndRestriction(by) => {
            let request_id = need(st.request, "request")?;
            let participant = store
                .request(request_id)
                .context("could not read the request")?
                .participant_id;
            let entry = office(restriction::list(store, participant))?
                .into_iter()
                .find(|r| r.request_id == request_id && r.agreed && r.ended_on.is_none())
                .context("no agreed restriction in force")?;
            let done = office(restriction::end(
                store,
                entry.id,
                &day.format("%Y-%m-%d").to_string(),
                by,
            ))?;
            st.letter = Some(done.letter_id);
        }
        Op::EndCommunication => {
            let request_id = need(st.request, "request")?;
            let participant = store
                .request(request_id)
                .context("could not read the request")?
                .participant_id;
            let entry = store
                .confidential_communications_of(participant)
                .context("could not read the confidential communications")?
                .into_iter()
                .find(|c| c.request_id == request_id && c.accommodated && c.ended_on.is_none())
                .context("no accommodation in force")?;
            let done = office(communication::end_accommodation(
                store,
                &communication::EndAccommodationForm {
                    communication_id: entry.id,
                    ended_on: day.format("%Y-%m-%d").to_string(),
                    associate_ids: None,
                },
            ))?;
            st.letter = Some(done.letter_id);
        }
        Op::Complaint(form) => st.complaint = Some(office(complaint::log(store, &form))?),
        Op::Acknowledge => {
            let done = office(complaint::acknowledge(
                store,
                need(st.complaint, "complaint")?,
            ))?;
            // Acknowledging corrects the log's row: the complaint goes on under the new one.
            let current = store
                .complaints()
                .context("could not read the complaint log")?
                .into_iter()
                .find(|c| c.letter_id == Some(done.letter_id))
                .context("the acknowledged complaint is not in the log")?;
            st.complaint = Some(current.id);
            st.letter = Some(done.letter_id);
        }
        Op::Close(disposition) => office(complaint::close(
            store,
            need(st.complaint, "complaint")?,
            disposition,
        ))?,
        Op::Disclose(form) => {
            st.disclosure = Some(office(logbook::record_disclosure(store, &form))?);
        }
        Op::ReviewDisclosure(note) => office(logbook::review_disclosure(
            store,
            need(st.disclosure, "disclosure")?,
            note,
        ))?,
        Op::Forward => {
            let request_id = need(st.request, "request")?;
            let holder = office(associate::register(store))?
                .associates
                .into_iter()
                .find(|a| a.active && a.holds.contains(&desk_core::associate::Holding::Claims))
                .context("no associate in the register holds claims")?;
            let done = office(associate::forward(
                store,
                &associate::ForwardForm {
                    request_id,
                    associate_id: Some(holder.id),
                    sent_on: day.format("%Y-%m-%d").to_string(),
                },
            ))?;
            st.letter = Some(done.letter_id);
            st.associate_request = store
                .associate_requests_of(request_id)
                .context("could not read what was asked of associates")?
                .last()
                .map(|q| q.id);
        }
        Op::AssociateReply(note) => {
            office(associate::reply(
                store,
                &associate::ReplyForm {
                    associate_request_id: need(st.associate_request, "forwarded request")?,
                    received_on: day.format("%Y-%m-%d").to_string(),
                    note: note.into(),
                },
            ))?;
        }
        op => incident_step(store, st, op, day)?,
    }
    Ok(())
}

/// An incident's steps, through desk-office's incident operations.
fn incident_step(store: &mut Store, st: &mut State, op: Op, day: NaiveDate) -> anyhow::Result<()> {
    let on = day.format("%Y-%m-%d").to_string();
    match op {
        Op::IncidentLog(mut form) => {
            if form.reporter == desk_core::incident::ReporterKind::Associate {
                let holder = office(associate::register(store))?
                    .associates
                    .into_iter()
                    .find(|a| a.active && a.holds.contains(&desk_core::associate::Holding::Claims))
                    .context("no associate in the register holds claims")?;
                form.associate_id = Some(holder.id);
            }
            st.incident = Some(office(incident::log(store, &form))?);
        }
        Op::IncidentAssess(form) => {
            office(incident::assess(
                store,
                need(st.incident, "incident")?,
                &form,
            ))?;
        }
        Op::IncidentDecide(determination, reasons) => office(incident::decide(
            store,
            need(st.incident, "incident")?,
            &incident::DeterminationForm {
                determination,
                reasons: reasons.into(),
            },
        ))?,
        Op::IncidentAdd(participant_id, reason) => office(incident::add_participants(
            store,
            need(st.incident, "incident")?,
            &incident::AddParticipantsForm {
                participant_ids: vec![participant_id],
                reason: reason.into(),
            },
        ))?,
        Op::IncidentRecipient(recipient, reason) => {
            let id = need(st.incident, "incident")?;
            let page = office(incident::page(store, id))?;
            let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
            office(incident::correct(
                store,
                id,
                &incident::CorrectionForm {
                    reporter_name: page.reporter_name,
                    reported_on: date(Some(page.reported_on)).unwrap_or_default(),
                    associate_learned_on: date(page.associate_learned_on).unwrap_or_default(),
                    discovered_on: date(Some(page.discovered_on)).unwrap_or_default(),
                    occurred_on: date(page.occurred_on).unwrap_or_default(),
                    occurred_until: date(page.occurred_until).unwrap_or_default(),
                    what_happened: page.what_happened,
                    recipient: recipient.into(),
                    breach_type: page.breach_type,
                    location: page.location,
                    safeguards: page.safeguards,
                    information: page.information,
                    other_information: page.other_information,
                    reason: reason.into(),
                },
            ))?;
        }
        Op::IncidentLetters(form) => {
            let done = office(incident::prepare_letters(
                store,
                need(st.incident, "incident")?,
                &form,
            ))?;
            st.letter = done.last().map(|l| l.letter_id);
        }
        Op::IncidentMailed => {
            let page = office(incident::page(store, need(st.incident, "incident")?))?;
            for i in page.individuals {
                if i.notice == desk_core::incident::IndividualNotice::Prepared {
                    let id = i.letter_id.context("a prepared notice has its letter")?;
                    office(letter::mark_sent(store, id, letter::Delivery::Mail, &on))?;
                }
            }
        }
        Op::IncidentAction(kind, whom, text) => office(incident::act(
            store,
            need(st.incident, "incident")?,
            &incident::ActionForm {
                kind,
                taken_on: on,
                whom: whom.into(),
                text: text.into(),
            },
        ))?,
        other => bail!("{} is not an incident's step", other.name()),
    }
    Ok(())
}

fn decide(
    store: &mut Store,
    request_id: i64,
    d: Decide,
    day: NaiveDate,
) -> anyhow::Result<decision::DecisionRow> {
    let form = |outcome: OutcomeKind| decision::DecisionForm::new(request_id, outcome);
    let codes = |grounds: &[&str]| grounds.iter().map(|g| (*g).to_owned()).collect();
    office(match d {
        Decide::AccessGrant {
            access,
            electronic,
            fee,
            available_in_days,
        } => decision::record(
            store,
            &decision::DecisionForm {
                access: access.to_owned(),
                format: if electronic { "electronic" } else { "paper" }.to_owned(),
                // Ready in a few days, but never after the due date (at once when late).
                available_on: {
                    let due = store
                        .request(request_id)
                        .context("could not read the request")?
                        .effective_due_on();
                    let ready = day + chrono::Days::new(available_in_days);
                    Some(due.map_or(ready, |d| ready.min(d.max(day))))
                },
                fee: match fee {
                    Some((copying, supplies, postage)) => decision::FeeForm {
                        method: decision::FeeMethod::Actual,
                        records: "electronic".into(),
                        copying: copying.into(),
                        supplies: supplies.into(),
                        postage: postage.into(),
                        ..decision::FeeForm::default()
                    },
                    None => decision::FeeForm::default(),
                },
                ..form(OutcomeKind::Grant)
            },
        ),
        Decide::Extension { reason } => decision::record(
            store,
            &decision::DecisionForm {
                reason: reason.to_owned(),
                ..form(OutcomeKind::Extension)
            },
        ),
        Decide::AccessDenial {
            grounds,
            explanation,
        }
        | Decide::AmendmentDenial {
            grounds,
            explanation,
        } => decision::record(
            store,
            &decision::DecisionForm {
                grounds: codes(grounds),
                explanation: explanation.to_owned(),
                ..form(OutcomeKind::Denial)
            },
        ),
        Decide::AmendmentGrant { notify } => decision::record(
            store,
            &decision::DecisionForm {
                notify,
                ..form(OutcomeKind::Grant)
            },
        ),
        Decide::RestrictionAgree {
            information,
            manner,
            not_disclosed_to,
        } => restriction::decide(
            store,
            &restriction::RestrictionDecisionForm {
                request_id,
                outcome: "agree".into(),
                information: information.into(),
                manner: manner.into(),
                not_disclosed_to,
                reason: String::new(),
            },
        ),
        Decide::RestrictionDeny { reason } => restriction::decide(
            store,
            &restriction::RestrictionDecisionForm {
                request_id,
                outcome: "deny".into(),
                information: String::new(),
                manner: String::new(),
                not_disclosed_to: String::new(),
                reason: reason.into(),
            },
        ),
        Decide::Accommodate {
            alternate_address,
            alternate_means,
            endangerment,
        } => communication::decide(
            store,
            &communication::CommunicationDecisionForm {
                request_id,
                outcome: "accommodate".into(),
                alternate_address,
                alternate_means: alternate_means.into(),
                endangerment,
                reason: String::new(),
            },
        ),
        Decide::CommunicationDeny { reason } => communication::decide(
            store,
            &communication::CommunicationDecisionForm {
                request_id,
                outcome: "deny".into(),
                alternate_address: String::new(),
                alternate_means: String::new(),
                endangerment: false,
                reason: reason.into(),
            },
        ),
    })
}
