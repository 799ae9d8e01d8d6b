//! Drafts saved as they are typed, per user and per key (`intake`, `request:12:decision`), so
//! that after the idle lock the same user returns to where they were. Drafts are not records:
//! they are replaced on every save and deleted when discarded (no retention trigger covers
//! this table).

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::{FieldError, Result};
use crate::sql::{parse_ts, ts};
use crate::{audit, Store};

/// Schema 2.
pub(crate) const SCHEMA_V2: &[&str] = &["CREATE TABLE drafts (
        user_id  INTEGER NOT NULL REFERENCES users(id),
        key      TEXT NOT NULL,
        body     TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
    ) STRICT;"];

/// Largest draft body accepted: 1 MiB of text.
pub const MAX_DRAFT_BYTES: usize = 1024 * 1024;

/// A saved draft: the body is whatever the screen saved (JSON of the form, as a rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub key: String,
    pub body: String,
    pub saved_at: DateTime<Utc>,
}

/// 1–100 of `a-z 0-9 : . _ -`.
fn check_key(key: &str) -> Result<()> {
    let ok = !key.is_empty()
        && key.len() <= 100
        && key.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, ':' | '.' | '_' | '-')
        });
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            "key",
            "use 1 to 100 lower-case letters, digits, ':', '.', '_' or '-'",
        )
        .into())
    }
}

fn own_account() -> FieldError {
    FieldError::new("draft", "sign in with your own account to keep drafts")
}

impl Store {
    /// Save (or replace) the signed-in user's draft under `key`.
    pub fn save_draft(&mut self, key: &str, body: &str) -> Result<()> {
        check_key(key)?;
        if body.len() > MAX_DRAFT_BYTES {
            return Err(FieldError::new("body", "the draft is larger than 1 MB").into());
        }
        let now = self.now();
        self.write(|tx, me| {
            let me = me.ok_or_else(own_account)?;
            tx.execute(
                "INSERT INTO drafts (user_id, key, body, saved_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (user_id, key)
                 DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
                rusqlite::params![me, key, body, ts(now)],
            )?;
            audit::append(tx, now, Some(me), "draft.save", "draft", None)?;
            Ok(())
        })
    }

    /// The signed-in user's draft under `key`, if one is saved.
    pub fn load_draft(&self, key: &str) -> Result<Option<Draft>> {
        check_key(key)?;
        let Some(me) = self.principal.user_id() else {
            return Ok(None);
        };
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT body, saved_at FROM drafts WHERE user_id = ?1 AND key = ?2",
                rusqlite::params![me, key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(body, at)| {
            Ok(Draft {
                key: key.to_owned(),
                body,
                saved_at: parse_ts(&at)?,
            })
        })
        .transpose()
    }

    /// The signed-in user's drafts, most recently saved first.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        let Some(me) = self.principal.user_id() else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare(
            "SELECT key, body, saved_at FROM drafts WHERE user_id = ?1
             ORDER BY saved_at DESC, key",
        )?;
        let rows = stmt.query_map([me], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (key, body, at) = row?;
            out.push(Draft {
                key,
                body,
                saved_at: parse_ts(&at)?,
            });
        }
        Ok(out)
    }

    /// Delete the signed-in user's draft under `key` (nothing happens when there is none).
    pub fn discard_draft(&mut self, key: &str) -> Result<()> {
        check_key(key)?;
        let now = self.now();
        self.write(|tx, me| {
            let me = me.ok_or_else(own_account)?;
            let n = tx.execute(
                "DELETE FROM drafts WHERE user_id = ?1 AND key = ?2",
                rusqlite::params![me, key],
            )?;
            if n > 0 {
                audit::append(tx, now, Some(me), "draft.discard", "draft", None)?;
            }
            Ok(())
        })
    }
}
