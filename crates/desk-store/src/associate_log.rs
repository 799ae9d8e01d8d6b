//! A business associate's log of its disclosures of one participant's information, written into
//! the logbook in one transaction, each entry marked with the associate (164.528(b)(1)): all of
//! it or none. When the log answers the plan's requests to that associate for the participant's
//! accountings, their replies are recorded in the same write.

use chrono::NaiveDate;
use desk_core::associate::Duty;

use crate::error::{FieldError, Result};
use crate::logbook::{check_disclosure, insert_disclosure, not_in_future};
use crate::{associate_request, request, NewDisclosure, Store};

/// An associate's log as checked, ready to write.
#[derive(Debug, Clone)]
pub struct NewAssociateLog {
    pub participant_id: i64,
    pub associate_id: i64,
    /// Each disclosure of the log: about `participant_id`, made by `associate_id`, on a basis
    /// other than an authorization, with no written request or correction.
    pub disclosures: Vec<NewDisclosure>,
    /// The plan's requests to the associate (for accounting information, on this participant's
    /// requests, not yet answered) that the log answers, and the reply's day and note.
    pub answers: Vec<i64>,
    pub received_on: NaiveDate,
    pub note: String,
}

impl Store {
    /// Write an associate's log: every disclosure with its audit row, and the reply to each
    /// request it answers, in one write. Refused whole on the first entry or answer that cannot
    /// stand (`disclosures` empty, an entry about someone else or by another associate, or on
    /// the field a single entry would be refused on; an answer to another associate, duty or
    /// participant on `answers`). Returns the disclosures' ids in the log's order.
    pub fn record_associate_log(&mut self, log: &NewAssociateLog) -> Result<Vec<i64>> {
        if log.disclosures.is_empty() {
            return Err(FieldError::new("disclosures", "the log holds no disclosures").into());
        }
        let now = self.now();
        let today = self.today();
        for d in &log.disclosures {
            if d.participant_id != log.participant_id || d.associate_id != Some(log.associate_id) {
                return Err(FieldError::new(
                    "disclosures",
                    "every entry is about the participant and made by the associate",
                )
                .into());
            }
            if d.authorization_id.is_some()
                || d.written_request.is_some()
                || d.corrects_id.is_some()
            {
                return Err(FieldError::new(
                    "disclosures",
                    "an entry under an authorization, with a written request or correcting another is recorded on its own",
                )
                .into());
            }
            check_disclosure(d)?;
            not_in_future("disclosedOn", d.disclosed_on, now)?;
        }
        self.write(|tx, me| {
            for &answer in &log.answers {
                let q = associate_request::one(tx, answer)?;
                let owner = request::get(tx, q.request_id)?.participant_id;
                if q.associate_id != log.associate_id
                    || q.duty != Duty::Accounting
                    || owner != log.participant_id
                {
                    return Err(FieldError::new(
                        "answers",
                        "is not a request to this associate for this participant's accounting",
                    )
                    .into());
                }
                associate_request::insert_reply(
                    tx,
                    me,
                    now,
                    today,
                    answer,
                    log.received_on,
                    &log.note,
                )?;
            }
            let mut ids = Vec::with_capacity(log.disclosures.len());
            for d in &log.disclosures {
                match insert_disclosure(tx, me, now, d)? {
                    Ok(id) => ids.push(id),
                    // No entry of a log names an authorization, so none is refused by one.
                    Err(reason) => {
                        return Err(FieldError::new(
                            reason.field(),
                            reason.message().trim_end_matches('.'),
                        )
                        .into())
                    }
                }
            }
            Ok(ids)
        })
    }
}
