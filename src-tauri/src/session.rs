//! Who is signed in, and the idle lock: after the idle limit the store (and so the key) is
//! dropped and the webview is told, whatever the webview is doing.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use desk_store::Store;
use tauri::{AppHandle, Emitter, Manager};

use desk_office::integrity::IntegrityView;
use desk_office::session::{AppStatus, Opened, UserView};
use desk_office::setup::SetupResult;
use desk_office::Sensitive;

use crate::error::{ApiError, Result};

/// The app's one piece of state.
pub struct Desk {
    pub db_path: PathBuf,
    /// An upper bound on the idle limit given on the command line (`--idle-seconds`); it can
    /// shorten the Privacy Official's setting, never lengthen it.
    pub idle_cap: Option<Duration>,
    inner: Mutex<Inner>,
    /// The check of every page is running beside the session.
    checking: AtomicBool,
}

#[derive(Default)]
struct Inner {
    session: Option<Session>,
    /// The recovery code created at set-up, held only until the sheet is printed or the person
    /// continues, so the sheet can be printed.
    pub recovery_code: Option<Sensitive<String>>,
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
            checking: AtomicBool::new(false),
        }
    }

    fn lock_inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock must not make the app unusable: the data is still valid.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Start a session over a store just signed in to; returns who is signed in. The day's
    /// check of every page, when it is still to run, starts beside the session.
    pub fn begin(&self, app: &AppHandle, mut opened: Opened) -> UserView {
        self.set_recovery_code(None);
        if let Some(check) = opened.check.take() {
            self.spawn_check(app, check);
        }
        self.start(opened)
    }

    /// Run the check of every page on a thread and a connection of its own; tell the webview
    /// (`integrity-checked`) when it ends. Its outcome is in the audit log and read from the
    /// store by [`Desk::integrity`]; a check that could not run (not damage: the disk, a lock)
    /// is not recorded, so the next sign-in of the day runs it again.
    fn spawn_check(&self, app: &AppHandle, check: desk_store::Background) {
        self.checking.store(true, Ordering::SeqCst);
        let app = app.clone();
        std::thread::spawn(move || {
            if desk_office::integrity::run(&check).is_err() {
                eprintln!("records-desk-app: the check of every page could not run");
            }
            drop(check);
            app.state::<Desk>().checking.store(false, Ordering::SeqCst);
            // The webview may be gone while the app closes; nothing to do then.
            let _ = app.emit("integrity-checked", ());
        });
    }

    /// The check of every page as the Privacy Official sees it (nothing for staff), without
    /// counting as activity.
    pub fn integrity(&self) -> Result<Option<IntegrityView>> {
        let inner = self.lock_inner();
        let session = inner
            .session
            .as_ref()
            .filter(|s| s.last_activity.elapsed() <= s.idle_limit)
            .ok_or_else(ApiError::locked)?;
        desk_office::integrity::status(&session.store, self.checking.load(Ordering::SeqCst))
    }

    /// Refused on `field` while the check of every page runs beside the session (it holds a
    /// connection to the database a restore would replace).
    pub fn refuse_while_checking(&self, field: &str) -> Result<()> {
        if self.checking.load(Ordering::SeqCst) {
            return Err(ApiError::field(
                field,
                "The check of every page is still running: restore when it ends.",
            ));
        }
        Ok(())
    }

    /// Start the first session after set-up, holding the recovery code for its sheet.
    pub fn begin_setup(&self, opened: Opened, code: Sensitive<String>) -> SetupResult {
        let recovery_code = code.expose().clone();
        self.set_recovery_code(Some(code));
        SetupResult {
            recovery_code,
            user: self.start(opened),
        }
    }

    fn start(&self, opened: Opened) -> UserView {
        let mut limit = Duration::from_secs(u64::from(opened.idle_minutes.max(1)) * 60);
        if let Some(cap) = self.idle_cap {
            limit = limit.min(cap);
        }
        self.lock_inner().session = Some(Session {
            store: opened.store,
            last_activity: Instant::now(),
            idle_limit: limit,
        });
        opened.user
    }

    /// Whether a database exists, and who is signed in (without counting as activity).
    pub fn status(&self) -> AppStatus {
        let inner = self.lock_inner();
        let store = inner
            .session
            .as_ref()
            .filter(|s| s.last_activity.elapsed() <= s.idle_limit)
            .map(|s| &s.store);
        desk_office::session::status(&self.db_path, store)
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

    /// Record how the session ends, then drop the store and with it the key (and a recovery
    /// code still held). Returns whether a session was open.
    pub fn end(&self, how: Ending) -> bool {
        let mut inner = self.lock_inner();
        inner.recovery_code = None;
        inner.end(how)
    }

    fn set_recovery_code(&self, code: Option<Sensitive<String>>) {
        self.lock_inner().recovery_code = code;
    }

    pub fn recovery_code(&self) -> Option<Sensitive<String>> {
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
