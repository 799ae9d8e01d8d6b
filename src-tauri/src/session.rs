//! Who is signed in, and the idle lock: after the idle limit the store (and so the key) is
//! dropped and the webview is told, whatever the webview is doing.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use desk_store::Store;
use tauri::{AppHandle, Emitter, Manager};

use crate::error::{ApiError, Result};

/// The app's one piece of state.
pub struct Desk {
    pub db_path: PathBuf,
    /// An upper bound on the idle limit given on the command line (`--idle-seconds`); it can
    /// shorten the Privacy Official's setting, never lengthen it.
    pub idle_cap: Option<Duration>,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    session: Option<Session>,
    /// The recovery code created at set-up, held only until the sheet is printed or the person
    /// continues, so the sheet can be printed.
    pub recovery_code: Option<desk_core::Sensitive<String>>,
}

impl Inner {
    /// End the open session, if any, recording how. Returns whether one was open.
    fn end(&mut self, how: Ending) -> bool {
        match self.session.take() {
            Some(s) => {
                close(s.store, how);
                true
            }
            None => false,
        }
    }
}

struct Session {
    store: Store,
    last_activity: Instant,
    idle_limit: Duration,
}

impl Desk {
    pub fn new(db_path: PathBuf, idle_cap: Option<Duration>) -> Self {
        Self {
            db_path,
            idle_cap,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn lock_inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock must not make the app unusable: the data is still valid.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Start a session over an opened store.
    pub fn begin(&self, store: Store, idle_minutes: u32) {
        let mut limit = Duration::from_secs(u64::from(idle_minutes.max(1)) * 60);
        if let Some(cap) = self.idle_cap {
            limit = limit.min(cap);
        }
        self.lock_inner().session = Some(Session {
            store,
            last_activity: Instant::now(),
            idle_limit: limit,
        });
    }

    /// Run `f` with the signed-in store, counting as activity. Refuses when locked or idle too long.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut inner = self.lock_inner();
        let session = inner.session.as_mut().ok_or_else(ApiError::locked)?;
        if session.last_activity.elapsed() > session.idle_limit {
            inner.end(Ending::Idle);
            return Err(ApiError::locked());
        }
        session.last_activity = Instant::now();
        f(&mut session.store)
    }

    pub fn touch(&self) -> Result<()> {
        self.with_store(|_| Ok(()))
    }

    /// Record how the session ends, then drop the store and with it the key. Returns whether a
    /// session was open.
    pub fn end(&self, how: Ending) -> bool {
        self.lock_inner().end(how)
    }

    pub fn set_recovery_code(&self, code: Option<desk_core::Sensitive<String>>) {
        self.lock_inner().recovery_code = code;
    }

    pub fn recovery_code(&self) -> Option<desk_core::Sensitive<String>> {
        self.lock_inner().recovery_code.clone()
    }

    /// Lock if the session has been idle past its limit. Returns true when it locked now.
    fn lock_if_idle(&self) -> bool {
        let mut inner = self.lock_inner();
        let idle = inner
            .session
            .as_ref()
            .is_some_and(|s| s.last_activity.elapsed() > s.idle_limit);
        if idle {
            inner.end(Ending::Idle);
            inner.recovery_code = None;
        }
        idle
    }
}

/// How a session ends, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    SignOut,
    /// The lock button or the idle limit.
    Idle,
}

/// Close the store with its audit row. A row that cannot be written does not keep the session
/// open: the key is dropped either way.
fn close(store: Store, how: Ending) {
    let recorded = match how {
        Ending::SignOut => store.sign_out(),
        Ending::Idle => store.lock_idle(),
    };
    if recorded.is_err() {
        eprintln!("records-desk-app: the end of a session could not be recorded in the audit log");
    }
}

/// Checks the idle clock every second; on lock, tells the webview (`session-locked`).
pub fn spawn_idle_watch(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(1));
        let desk = app.state::<Desk>();
        if desk.lock_if_idle() {
            // The webview may be gone while the app closes; nothing to do then.
            let _ = app.emit("session-locked", ());
        }
    });
}
