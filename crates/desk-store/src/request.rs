//! Requesters and the requests the office answers: kind, channel, dates, status, due dates;
//! every move of a request's lifecycle, each checked by `desk_core::lifecycle` (intake, which
//! writes a requester and a request together, is `intake`).

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::clock::{self, Right};
use desk_core::lifecycle::{self, Case, LifecycleError, Step};
use desk_core::person::{Channel, RequesterRole, Role};
use desk_core::request::{RequestKind, RequestStatus};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use serde::Serialize;

use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_from, enum_str, parse_date, parse_opt_date, parse_ts, ts};
use crate::{audit, Store};

// Columns holding desk-core's `#[non_exhaustive]` enums carry no CHECK list: the enums grow
// without a migration, and only values that parse as the enum are ever written.
pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE requesters (
        id             INTEGER PRIMARY KEY,
        role           TEXT NOT NULL, -- desk_core::person::RequesterRole
        -- Set when the requester is on file as a participant (the individual, a parent).
        participant_id INTEGER REFERENCES participants(id),
        name           TEXT NOT NULL,
        organization   TEXT NOT NULL DEFAULT '',
        address        TEXT NOT NULL DEFAULT '[]', -- JSON array of lines
        phone          TEXT NOT NULL DEFAULT '',
        -- A personal representative's or official's stated authority.
        authority      TEXT NOT NULL DEFAULT '',
        corrects_id    INTEGER UNIQUE REFERENCES requesters(id),
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("requesters"),
    "CREATE TABLE requests (
        id                   INTEGER PRIMARY KEY,
        kind                 TEXT NOT NULL, -- desk_core::request::RequestKind
        channel              TEXT NOT NULL, -- desk_core::person::Channel
        received_on          TEXT NOT NULL,
        participant_id       INTEGER NOT NULL REFERENCES participants(id),
        requester_id         INTEGER REFERENCES requesters(id),
        requester_role       TEXT NOT NULL, -- desk_core::person::RequesterRole
        status               TEXT NOT NULL, -- desk_core::request::RequestStatus
        due_on               TEXT,
        extension_noticed_on TEXT,
        extended_due_on      TEXT,
        summary              TEXT NOT NULL DEFAULT '',
        created_at           TEXT NOT NULL,
        created_by           INTEGER REFERENCES users(id),
        updated_at           TEXT NOT NULL,
        CHECK ((extension_noticed_on IS NULL) = (extended_due_on IS NULL))
    ) STRICT;",
    "CREATE INDEX requests_by_status ON requests (status, due_on);",
    "CREATE INDEX requests_by_participant ON requests (participant_id);",
    never_deleted!("requests"),
];

/// Schema 8: the dashboard's "answered in the last 30 days" by index, not by reading every
/// case the office ever answered.
pub(crate) const SCHEMA_V8_ANSWERED: &[&str] = &[
    "CREATE INDEX requests_by_answered ON requests (answered_on) WHERE answered_on IS NOT NULL;",
];

/// Schema 2: what the lifecycle remembers besides the status (the extension is the
/// `extension_noticed_on` column).
pub(crate) const SCHEMA_V2: &[&str] = &[
    "ALTER TABLE requests ADD COLUMN denied INTEGER NOT NULL DEFAULT 0 CHECK (denied IN (0, 1));",
    "ALTER TABLE requests ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1));",
];

/// Schema 6: the day a request was answered (its answer's delivery), kept once. Requests
/// answered before schema 6 take the day the report counted then: their letters' latest
/// delivery.
pub(crate) const SCHEMA_V6: &[&str] = &[
    "ALTER TABLE requests ADD COLUMN answered_on TEXT CHECK (answered_on IS NULL OR date(answered_on) = answered_on);",
    "UPDATE requests SET answered_on =
        (SELECT max(ld.delivered_on) FROM letter_deliveries ld
           JOIN letters l ON l.id = ld.letter_id WHERE l.request_id = requests.id)
     WHERE status IN ('letter_sent', 'closed', 'under_review');",
];

/// Schema 7: the day a written request came for a contact the office could not verify (its
/// clock runs from then).
pub(crate) const SCHEMA_V7: &[&str] = &[
    "ALTER TABLE requests ADD COLUMN written_request_on TEXT CHECK (written_request_on IS NULL OR date(written_request_on) = written_request_on);",
];

/// Schema 8: the day the extension's written notice was mailed (its first delivery). An
/// extension counts as noticed on that day, not the day it was drafted: until it is mailed, and
/// when it was mailed after the first period ended, the original due date stands. Extensions
/// given before schema 8 take their notice letter's first delivery.
pub(crate) const SCHEMA_V8: &[&str] = &[
    // A third party's authorization in the register (checked by desk-core at intake).
    "ALTER TABLE requests ADD COLUMN authorization_id INTEGER REFERENCES authorizations(id);",
    "ALTER TABLE requests ADD COLUMN extension_mailed_on TEXT CHECK (extension_mailed_on IS NULL OR date(extension_mailed_on) = extension_mailed_on);",
    // An access or amendment extension's notice: a response letter prepared after the extension
    // was drafted, before any later decision.
    "UPDATE requests SET extension_mailed_on =
        (SELECT min(ld.delivered_on) FROM decisions x
           JOIN letters l ON l.request_id = x.request_id AND l.rendered_at >= x.drafted_at
           JOIN letter_deliveries ld ON ld.letter_id = l.id
         WHERE x.request_id = requests.id
           AND json_extract(x.outcome, '$.decision.extension') IS NOT NULL
           AND l.kind IN ('access_response', 'amendment_response')
           AND NOT EXISTS (SELECT 1 FROM decisions y WHERE y.request_id = x.request_id
                             AND y.id > x.id AND y.drafted_at <= l.rendered_at))
     WHERE extended_due_on IS NOT NULL;",
    // An accounting's extension notice is its own kind of letter.
    "UPDATE requests SET extension_mailed_on =
        (SELECT min(ld.delivered_on) FROM letters l
           JOIN letter_deliveries ld ON ld.letter_id = l.id
         WHERE l.request_id = requests.id AND l.kind = 'accounting_extension')
     WHERE extended_due_on IS NOT NULL AND extension_mailed_on IS NULL;",
];

/// The date that counts, in SQL over `requests r`: the extended one only when its notice was
/// mailed on or before the original due date.
pub(crate) const EFFECTIVE_DUE_SQL: &str =
    "(CASE WHEN r.extension_mailed_on <= r.due_on THEN r.extended_due_on ELSE r.due_on END)";

/// A request as received at intake. `due_on` is computed by the caller from desk-core's clock
/// rules (`None` for "promptly" kinds and complaints).
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: RequestKind,
    pub channel: Channel,
    pub received_on: NaiveDate,
    pub participant_id: i64,
    pub requester_role: RequesterRole,
    pub requester_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    /// A few words for the dashboard; keep PHI to the minimum.
    pub summary: String,
}

/// One line of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestSummary {
    pub id: i64,
    pub kind: RequestKind,
    pub channel: Channel,
    pub status: RequestStatus,
    pub received_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    /// The day the extension was given (its notice drafted).
    pub extension_noticed_on: Option<NaiveDate>,
    pub extended_due_on: Option<NaiveDate>,
    /// The day the extension's notice was mailed: it counts as noticed then.
    pub extension_mailed_on: Option<NaiveDate>,
    pub participant_id: i64,
    pub participant_name: String,
    pub requester_role: RequesterRole,
    pub summary: String,
    /// The day its answer went out, once it did.
    pub answered_on: Option<NaiveDate>,
    /// For a contact asked to write: the day the written request came.
    pub written_request_on: Option<NaiveDate>,
}

impl RequestSummary {
    /// The date that counts: the extended one once its notice was mailed on or before the
    /// original due date; until then (or when it was mailed late) the original one.
    pub fn effective_due_on(&self) -> Option<NaiveDate> {
        match (self.extended_due_on, self.extension_mailed_on, self.due_on) {
            (Some(extended), Some(mailed), Some(due)) if mailed <= due => Some(extended),
            _ => self.due_on,
        }
    }

    /// An extension whose notice was mailed after the first period ended: it extends nothing.
    pub fn extension_late(&self) -> bool {
        matches!((self.extension_mailed_on, self.due_on), (Some(m), Some(due)) if m > due)
    }

    /// The day its clock runs from: the day it was received, or for a contact asked to
    /// write, the day the written request came.
    pub fn clock_from(&self) -> NaiveDate {
        self.written_request_on.unwrap_or(self.received_on)
    }
}

/// Which requests the dashboard wants.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    /// Only these statuses; empty = all.
    pub statuses: Vec<RequestStatus>,
    /// Only requests that are not closed or withdrawn.
    pub open_only: bool,
    pub participant_id: Option<i64>,
    /// Only these kinds; empty = all.
    pub kinds: Vec<RequestKind>,
    /// Received on or after / on or before.
    pub received_from: Option<NaiveDate>,
    pub received_to: Option<NaiveDate>,
    /// Answered on or after this day.
    pub answered_since: Option<NaiveDate>,
    /// A request number (`42`, `#42`), or words that begin the participant's first or last
    /// name, or part of the requester's name (any case).
    pub text: Option<String>,
    /// Newest received first (else soonest due first).
    pub newest_first: bool,
    /// At most this many.
    pub limit: Option<u32>,
    /// Leave `participant_name` empty and read no participant's row (a text search still
    /// reads them to match): a list that shows the names of only some of its rows reads those
    /// with [`crate::Store::participant_names`]. On a county's years, the participants of a few
    /// hundred open requests are as many pages scattered over the file.
    pub without_names: bool,
}

/// The columns of a [`RequestSummary`], with `name` for the participant's name.
fn columns(name: &str) -> String {
    format!(
        "r.id, r.kind, r.channel, r.status, r.received_on, r.due_on,
         r.extension_noticed_on, r.extended_due_on, r.participant_id,
         {name}, r.requester_role, r.summary, r.answered_on,
         r.written_request_on, r.extension_mailed_on"
    )
}

type Raw = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        r.get(13)?,
        r.get(14)?,
    ))
}

fn to_summary(row: Raw) -> Result<RequestSummary> {
    let (
        id,
        kind,
        channel,
        status,
        received,
        due,
        ext_noticed,
        ext_due,
        pid,
        name,
        role,
        summary,
        answered,
        written,
        mailed,
    ) = row;
    Ok(RequestSummary {
        id,
        kind: enum_from(&kind)?,
        channel: enum_from(&channel)?,
        status: enum_from(&status)?,
        received_on: parse_date(&received)?,
        due_on: parse_opt_date(due)?,
        extension_noticed_on: parse_opt_date(ext_noticed)?,
        extended_due_on: parse_opt_date(ext_due)?,
        participant_id: pid,
        participant_name: name,
        requester_role: enum_from(&role)?,
        summary,
        answered_on: parse_opt_date(answered)?,
        written_request_on: parse_opt_date(written)?,
        extension_mailed_on: parse_opt_date(mailed)?,
    })
}

/// Requests ordered by the date that counts (soonest first, undated last), then by id.
pub(crate) fn list(conn: &Connection, filter: &RequestFilter) -> Result<Vec<RequestSummary>> {
    let mut conditions = vec!["1 = 1".to_owned()];
    let mut params: Vec<String> = Vec::new();
    if !filter.statuses.is_empty() {
        let mut marks = Vec::new();
        for s in &filter.statuses {
            params.push(enum_str(s)?);
            marks.push(format!("?{}", params.len()));
        }
        conditions.push(format!("r.status IN ({})", marks.join(", ")));
    }
    if filter.open_only {
        conditions.push("r.status NOT IN ('closed', 'withdrawn')".into());
    }
    if let Some(pid) = filter.participant_id {
        params.push(pid.to_string());
        conditions.push(format!(
            "r.participant_id = CAST(?{} AS INTEGER)",
            params.len()
        ));
    }
    if !filter.kinds.is_empty() {
        let mut marks = Vec::new();
        for k in &filter.kinds {
            params.push(enum_str(k)?);
            marks.push(format!("?{}", params.len()));
        }
        conditions.push(format!("r.kind IN ({})", marks.join(", ")));
    }
    for (day, op) in [(filter.received_from, ">="), (filter.received_to, "<=")] {
        if let Some(day) = day {
            params.push(date(day));
            conditions.push(format!("r.received_on {op} ?{}", params.len()));
        }
    }
    if let Some(day) = filter.answered_since {
        params.push(date(day));
        conditions.push(format!("r.answered_on >= ?{}", params.len()));
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let number = text.strip_prefix('#').unwrap_or(text).trim();
        if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            params.push(number.to_owned());
            conditions.push(format!("r.id = CAST(?{} AS INTEGER)", params.len()));
        } else {
            let like = |s: &str| {
                s.to_lowercase()
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            };
            let mut words = Vec::new();
            for word in text.split_whitespace() {
                params.push(format!("{}%", like(word)));
                let n = params.len();
                words.push(format!(
                    "(lower(p.first_name) LIKE ?{n} ESCAPE '\\' OR lower(p.last_name) LIKE ?{n} ESCAPE '\\')"
                ));
            }
            params.push(format!("%{}%", like(text)));
            conditions.push(format!(
                "(({}) OR r.requester_id IN (SELECT q.id FROM requesters q
                   WHERE lower(q.name) LIKE ?{} ESCAPE '\\'))",
                words.join(" AND "),
                params.len()
            ));
        }
    }
    let order = if filter.newest_first {
        "r.received_on DESC, r.id DESC".to_owned()
    } else {
        format!("{EFFECTIVE_DUE_SQL} IS NULL, {EFFECTIVE_DUE_SQL}, r.id")
    };
    let limit = filter
        .limit
        .map(|n| format!(" LIMIT {n}"))
        .unwrap_or_default();
    let searched = filter.text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let (name, join) = if filter.without_names && !searched {
        ("''", "")
    } else {
        (
            "p.first_name || ' ' || p.last_name",
            "JOIN participants p ON p.id = r.participant_id",
        )
    };
    let sql = format!(
        "SELECT {} FROM requests r {join}
         WHERE {}
         ORDER BY {order}{limit}",
        columns(name),
        conditions.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), raw)?;
    rows.map(|r| to_summary(r?)).collect()
}

/// The names of the participants `ids` (first and last), by id; ids not on file are left out.
pub(crate) fn participant_names(
    conn: &Connection,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn
        .prepare_cached("SELECT first_name || ' ' || last_name FROM participants WHERE id = ?1")?;
    let mut names = std::collections::HashMap::new();
    for &id in ids {
        if names.contains_key(&id) {
            continue;
        }
        if let Some(name) = stmt.query_row([id], |r| r.get::<_, String>(0)).optional()? {
            names.insert(id, name);
        }
    }
    Ok(names)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<RequestSummary> {
    let row = conn
        .query_row(
            &format!(
                "SELECT {} FROM requests r JOIN participants p ON p.id = r.participant_id
                 WHERE r.id = ?1",
                columns("p.first_name || ' ' || p.last_name")
            ),
            [id],
            raw,
        )
        .optional()?
        .ok_or(Error::NotFound { entity: "request" })?;
    to_summary(row)
}

pub(crate) fn insert(
    tx: &Transaction<'_>,
    req: &NewRequest,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    if req.received_on > crate::sql::local_date(now) {
        return Err(FieldError::new("received_on", "is in the future").into());
    }
    if let Some(due) = req.due_on {
        if due < req.received_on {
            return Err(FieldError::new("due_on", "is before the date received").into());
        }
    }
    let exists: Option<i64> = tx
        .query_row(
            "SELECT id FROM participants WHERE id = ?1",
            [req.participant_id],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Err(FieldError::new("participant_id", "is not on file").into());
    }
    if let Some(rid) = req.requester_id {
        let found: Option<i64> = tx
            .query_row("SELECT id FROM requesters WHERE id = ?1", [rid], |r| {
                r.get(0)
            })
            .optional()?;
        if found.is_none() {
            return Err(FieldError::new("requester_id", "is not on file").into());
        }
    }
    tx.execute(
        "INSERT INTO requests (kind, channel, received_on, participant_id, requester_id,
             requester_role, status, due_on, summary, created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'received', ?7, ?8, ?9, ?10, ?9)",
        rusqlite::params![
            enum_str(&req.kind)?,
            enum_str(&req.channel)?,
            date(req.received_on),
            req.participant_id,
            req.requester_id,
            enum_str(&req.requester_role)?,
            req.due_on.map(date),
            req.summary.trim(),
            ts(now),
            user_id,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn set_status(
    tx: &Transaction<'_>,
    id: i64,
    status: RequestStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE requests SET status = ?2, updated_at = ?3 WHERE id = ?1",
        (id, enum_str(&status)?, ts(now)),
    )?;
    if n == 0 {
        return Err(Error::NotFound { entity: "request" });
    }
    Ok(())
}

/// A lifecycle refusal as a field error (desk-core's messages start with the field's name).
pub(crate) fn refused(e: LifecycleError) -> Error {
    let field = e.field();
    let text = e.to_string();
    let problem = text
        .strip_prefix(field)
        .and_then(|t| t.strip_prefix(": "))
        .unwrap_or(&text)
        .to_owned();
    Error::Invalid { field, problem }
}

/// The request's place in its lifecycle, as `desk_core::lifecycle` sees it.
pub(crate) fn case(conn: &Connection, id: i64) -> Result<Case> {
    let (status, extended, denied, reviewed): (String, bool, bool, bool) = conn
        .query_row(
            "SELECT status, extension_noticed_on IS NOT NULL, denied, reviewed
             FROM requests WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(Error::NotFound { entity: "request" })?;
    Ok(Case {
        status: enum_from(&status)?,
        extended,
        denied,
        reviewed,
    })
}

/// Write what a move left behind (the extension flag is written with its dates, by
/// [`extend`]).
fn put_case(tx: &Transaction<'_>, id: i64, case: Case, now: DateTime<Utc>) -> Result<()> {
    let n = tx.execute(
        "UPDATE requests SET status = ?2, denied = ?3, reviewed = ?4, updated_at = ?5
         WHERE id = ?1",
        rusqlite::params![
            id,
            enum_str(&case.status)?,
            case.denied,
            case.reviewed,
            ts(now)
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound { entity: "request" });
    }
    Ok(())
}

/// Apply one move of the lifecycle, or refuse it naming the field.
pub(crate) fn apply(
    tx: &Transaction<'_>,
    id: i64,
    step: &Step,
    now: DateTime<Utc>,
) -> Result<Case> {
    let next = lifecycle::advance(case(tx, id)?, step).map_err(refused)?;
    put_case(tx, id, next, now)?;
    Ok(next)
}

/// Record the written extension notice and the new due date: once, only for requests on a
/// clock, only when the notice goes out on or before the original due date, and only from a
/// state the lifecycle extends from.
pub(crate) fn extend(
    tx: &Transaction<'_>,
    id: i64,
    noticed_on: NaiveDate,
    extended_due_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let current = get(tx, id)?;
    let state = case(tx, id)?;
    if state.extended {
        return Err(FieldError::new("extension", "the one extension was already given").into());
    }
    let right = Right::of_kind(current.kind).ok_or_else(|| {
        FieldError::new(
            "extension",
            "this kind of request is answered promptly and has no extension",
        )
    })?;
    let from = current.clock_from();
    if noticed_on < from {
        return Err(FieldError::new("extension_noticed_on", "is before the date received").into());
    }
    if noticed_on > crate::sql::local_date(now) {
        return Err(FieldError::new("extension_noticed_on", "is in the future").into());
    }
    let due_on = clock::due_on(right, from)
        .map_err(|_| FieldError::new("received_on", "the due date falls outside the calendar"))?;
    if clock::extension_status(due_on, Some(noticed_on)) != clock::Extension::Valid {
        return Err(FieldError::new(
            "extension",
            format!(
                "the first period ended on {}: an extension must be noticed on or before that date",
                date(due_on)
            ),
        )
        .into());
    }
    let latest = clock::deadline(right, from, Some(noticed_on), noticed_on)
        .map_err(|_| FieldError::new("received_on", "the due date falls outside the calendar"))?
        .effective_due_on;
    if extended_due_on <= current.due_on.unwrap_or(due_on) {
        return Err(
            FieldError::new("extended_due_on", "is not after the original due date").into(),
        );
    }
    if extended_due_on > latest {
        return Err(FieldError::new(
            "extended_due_on",
            format!(
                "is more than {} days after the original due date ({})",
                clock::EXTENSION_DAYS,
                date(due_on)
            ),
        )
        .into());
    }
    let next = lifecycle::advance(state, &Step::Extend).map_err(refused)?;
    tx.execute(
        "UPDATE requests SET extension_noticed_on = ?2, extended_due_on = ?3, updated_at = ?4
         WHERE id = ?1",
        (id, date(noticed_on), date(extended_due_on), ts(now)),
    )?;
    put_case(tx, id, next, now)
}

// ---- requesters ----

/// Who is asking, as taken down at intake.
#[derive(Debug, Clone)]
pub struct NewRequester {
    /// Must be the request's `requester_role`.
    pub role: RequesterRole,
    /// Set when the requester is on file as a participant (the individual, a parent).
    pub participant_id: Option<i64>,
    pub name: String,
    pub organization: String,
    pub address: Vec<String>,
    pub phone: String,
    /// A personal representative's or official's stated authority.
    pub authority: String,
}

/// A requester on file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requester {
    pub id: i64,
    pub role: RequesterRole,
    pub participant_id: Option<i64>,
    pub name: String,
    pub organization: String,
    pub address: Vec<String>,
    pub phone: String,
    pub authority: String,
    pub created_at: DateTime<Utc>,
}

pub(crate) fn insert_requester(
    tx: &Transaction<'_>,
    r: &NewRequester,
    role: RequesterRole,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    if r.role != role {
        return Err(FieldError::new(
            "requester.role",
            "differs from the request's requester role",
        )
        .into());
    }
    let name = r.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(FieldError::new("requester.name", "give a name of 1 to 200 characters").into());
    }
    if r.address.len() > 6 || r.address.iter().any(|l| l.chars().count() > 200) {
        return Err(
            FieldError::new("requester.address", "use at most 6 lines of 200 characters").into(),
        );
    }
    let phone_digits = r.phone.bytes().filter(u8::is_ascii_digit).count();
    if !r.phone.trim().is_empty() && !(10..=15).contains(&phone_digits) {
        return Err(FieldError::new("requester.phone", "give 10 digits with the area code").into());
    }
    if role.states_authority() && r.authority.trim().is_empty() {
        return Err(FieldError::new(
            "requester.authority",
            "is required: say what authority the requester acts under",
        )
        .into());
    }
    if let Some(pid) = r.participant_id {
        let found: Option<i64> = tx
            .query_row("SELECT id FROM participants WHERE id = ?1", [pid], |r| {
                r.get(0)
            })
            .optional()?;
        if found.is_none() {
            return Err(FieldError::new("requester.participant_id", "is not on file").into());
        }
    }
    let address: Vec<&str> = r
        .address
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let address = serde_json::to_string(&address).map_err(|_| Error::Invalid {
        field: "requester.address",
        problem: "cannot be stored".into(),
    })?;
    tx.execute(
        "INSERT INTO requesters (role, participant_id, name, organization, address, phone,
             authority, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            enum_str(&role)?,
            r.participant_id,
            name,
            r.organization.trim(),
            address,
            r.phone.trim(),
            r.authority.trim(),
            ts(now),
            user_id,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn requester(conn: &Connection, id: i64) -> Result<Requester> {
    let row: (
        i64,
        String,
        Option<i64>,
        String,
        String,
        String,
        String,
        String,
        String,
    ) = conn
        .query_row(
            "SELECT id, role, participant_id, name, organization, address, phone, authority,
                    created_at
             FROM requesters WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound {
            entity: "requester",
        })?;
    let (id, role, participant_id, name, organization, address, phone, authority, created_at) = row;
    Ok(Requester {
        id,
        role: enum_from(&role)?,
        participant_id,
        name,
        organization,
        address: serde_json::from_str(&address).map_err(|_| Error::Damaged)?,
        phone,
        authority,
        created_at: parse_ts(&created_at)?,
    })
}

fn own_record(what: &str) -> Error {
    FieldError::new("step", format!("this move is recorded with {what}")).into()
}

impl Store {
    /// The requester recorded at intake, if any.
    pub fn requester_of(&self, request_id: i64) -> Result<Option<Requester>> {
        let rid: Option<i64> = self
            .conn
            .query_row(
                "SELECT requester_id FROM requests WHERE id = ?1",
                [request_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::NotFound { entity: "request" })?;
        rid.map(|id| requester(&self.conn, id)).transpose()
    }

    /// Where the request stands in its lifecycle (what `desk_core::lifecycle::advance` needs).
    pub fn request_case(&self, id: i64) -> Result<Case> {
        case(&self.conn, id)
    }

    /// Move a request one step, checked by `desk_core::lifecycle::advance`, with its audit
    /// entry. Steps that a record stands behind have their own calls and are refused here
    /// (field `step`): `Verify` ([`Store::record_verification`]), `Extend`
    /// ([`Store::set_request_extension`]), `Grant`, `DraftDenial` and `DraftForApproval`
    /// ([`Store::draft_decision`]), `ApproveDenial` and `ApproveDecision`
    /// ([`Store::approve_decision`]) and `SendLetter`
    /// ([`Store::mark_letter_delivered`]), `Close`, `Withdraw` and `Reopen`
    /// ([`Store::end_request`], with the reason). `ReturnDenial` is the Privacy Official's: the role is
    /// the signed-in user's, whatever the step says.
    pub fn advance_request(&mut self, id: i64, step: &Step) -> Result<RequestStatus> {
        let step = match step {
            Step::Verify => return Err(own_record("a verification")),
            Step::Extend => return Err(own_record("the extension notice")),
            Step::Grant | Step::DraftDenial | Step::DraftForApproval => {
                return Err(own_record("a decision"))
            }
            Step::ApproveDenial { .. } | Step::ApproveDecision { .. } => {
                return Err(own_record("the approval"))
            }
            Step::SendLetter => return Err(own_record("the letter's delivery")),
            Step::Close | Step::Withdraw | Step::Reopen { .. } => {
                return Err(own_record("its reason (Store::end_request)"))
            }
            Step::ReturnDenial { .. } => {
                self.require(Role::PrivacyOfficial)?;
                Step::ReturnDenial {
                    by: self.principal.role(),
                }
            }
            other => other.clone(),
        };
        let now = self.now();
        let action = format!("request.{}", step.as_str());
        self.write(|tx, me| {
            let next = apply(tx, id, &step, now)?;
            audit::append(tx, now, me, &action, "request", Some(id))?;
            Ok(next.status)
        })
    }
}
