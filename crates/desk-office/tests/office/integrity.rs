//! The check of every page: due at the first sign-in of each day, run beside the session,
//! shown to the Privacy Official (not to staff); a backup's progress and its check.

use super::*;
use desk_office::backup;
use desk_office::integrity::{self, IntegrityState};
use desk_office::session::{self, SignInForm};
use desk_store::DatabaseCheck;

fn sign_in(o: &Office) -> session::Opened {
    session::sign_in(
        &o.path,
        &SignInForm {
            username: PO_USER.into(),
            password: pw(PO_PASSWORD),
        },
    )
    .unwrap_or_else(|e| panic!("the official signs in: {e:?}"))
}

#[test]
fn the_first_sign_in_of_the_day_brings_the_check_and_the_next_does_not() {
    let o = office();
    let opened = sign_in(&o);
    let check = opened
        .check
        .as_ref()
        .expect("never checked: the first sign-in of the day brings the check");
    let shown = integrity::status(&opened.store, true).expect("status");
    assert_eq!(
        shown.map(|v| v.state),
        Some(IntegrityState::Running),
        "while it runs, the official sees it running"
    );
    let outcome = integrity::run(check).expect("the check runs beside the session");
    assert!(
        matches!(outcome, DatabaseCheck::Sound { .. }),
        "{outcome:?}"
    );
    let shown = integrity::status(&opened.store, false)
        .expect("status")
        .expect("shown to the official");
    assert_eq!(shown.state, IntegrityState::Sound);
    assert!(shown.checked_at.is_some() && shown.advice.is_none());
    drop(opened);

    let again = sign_in(&o);
    assert!(
        again.check.is_none(),
        "checked today already: the next sign-in does not check again"
    );
}

#[test]
fn staff_are_shown_nothing_of_the_check() {
    let mut o = office();
    let sam = o.staff();
    assert_eq!(integrity::status(&sam, false).expect("status"), None);
}

#[test]
fn a_backup_reports_its_progress_in_whole_percents_up_to_the_check_of_the_copy() {
    let mut o = office();
    o.request("access");
    let job = backup::prepare(&o.store, &o.dir.path().join("Backups")).expect("prepared");
    let mut seen = Vec::new();
    let done = backup::run(&job, |p| seen.push(p)).expect("backed up");
    assert!(std::path::Path::new(&done.path).exists());
    let copying: Vec<u8> = seen
        .iter()
        .filter(|p| !p.verifying)
        .map(|p| p.percent)
        .collect();
    assert_eq!(
        copying.last(),
        Some(&100),
        "the copy reaches 100 %: {seen:?}"
    );
    assert!(
        copying.windows(2).all(|w| w[0] < w[1]),
        "each percentage is told once, growing: {copying:?}"
    );
    assert!(
        seen.last().is_some_and(|p| p.verifying),
        "then the copy's check: {seen:?}"
    );
    let shown = integrity::status(&o.store, false)
        .expect("status")
        .expect("official");
    assert_eq!(
        shown.state,
        IntegrityState::Sound,
        "the backup's check of every page is recorded as the day's check"
    );
}

#[test]
fn a_backup_is_refused_to_staff_before_anything_is_copied() {
    let mut o = office();
    let sam = o.staff();
    match backup::prepare(&sam, &o.dir.path().join("Backups")) {
        Ok(_) => panic!("only the Privacy Official backs up"),
        Err(e) => assert_eq!(e.code, ErrorCode::Forbidden),
    }
}
