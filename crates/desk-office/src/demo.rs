//! A demo database: made as set-up makes a real one, flagged as holding synthetic data, so that
//! its history can be replayed through the same operations on a simulated clock. Only a demo
//! database takes a simulated moment; a real one always runs on the real clock.

use std::path::Path;

use chrono::{DateTime, Utc};
use desk_core::organization::Organization;
use desk_core::Sensitive;
use desk_store::Store;

use crate::error::{Error, ErrorCode, Result};
use crate::session::{self, Opened, SignInForm};
use crate::setup::FirstOfficial;

/// Create the demo database at `db_path` at the moment `at`: its profile and first Privacy
/// Official (signed in), as [`crate::setup::create_with_profile`] makes them, and the flag that
/// it is a demo. The store's clock then reads `at`. The recovery code is returned once.
pub fn create(
    db_path: &Path,
    organization: &Organization,
    account: &FirstOfficial,
    at: DateTime<Utc>,
) -> Result<(Opened, Sensitive<String>)> {
    if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|_| Error::internal("creating the data folder"))?;
    }
    let (mut store, code) = Store::create_demo(
        db_path,
        organization,
        &account.username,
        &account.display_name,
        &account.password,
        at,
    )?;
    store.simulate_clock(at)?;
    Ok((session::opened(store)?, code))
}

/// A second session on the demo database `beside` is open on, signed in at the moment `at` (a
/// demo's staff member does their own steps beside the Privacy Official). Refused unless
/// `beside` is a demo database: a real sign-in is always stamped with the real time.
pub fn sign_in_beside(beside: &Store, form: &SignInForm, at: DateTime<Utc>) -> Result<Opened> {
    if !beside.is_demo() {
        return Err(Error::new(
            ErrorCode::Forbidden,
            "Only a demo database can be signed in to on a simulated clock.",
        ));
    }
    let mut store = Store::sign_in(beside.path(), &form.username, &form.password, at)?;
    store.simulate_clock(at)?;
    session::opened(store)
}

/// Move the demo's clock to `at`: every row written from now on is stamped with it. Refused on
/// a real database.
pub fn set_clock(store: &mut Store, at: DateTime<Utc>) -> Result<()> {
    store.simulate_clock(at)?;
    Ok(())
}
