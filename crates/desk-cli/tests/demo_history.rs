//! `records-desk demo` makes every case through desk-office's operations, so each request's
//! history is true: its audit rows, folded through desk-core's lifecycle from a request just
//! received, arrive at the status the request shows. Also: the dates are the cases' own (the
//! audit chain runs in date order over the 18 months), every answered request has a letter that
//! went out, and the report has an on-time rate and a median from the answered cases.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use chrono::{Days, Local, NaiveDate};
use desk_core::clock::{self, Right};
use desk_core::lifecycle::{self, Case, Step};
use desk_core::person::Role;
use desk_core::request::{RequestKind, RequestStatus};
use desk_core::Sensitive;
use desk_store::{AuditEntry, ComplaintEntry, RequestFilter, RequestSummary, Store};

const BIN: &str = env!("CARGO_BIN_EXE_records-desk");

/// Run `records-desk demo` into `db` for `today`; returns what it printed.
fn demo(db: &Path, today: NaiveDate) -> String {
    let out = Command::new(BIN)
        .args(["demo", "--db"])
        .arg(db)
        .args([
            "--today",
            &today.format("%Y-%m-%d").to_string(),
            "--employees",
            "60",
            "--seed",
            "7",
        ])
        .output()
        .expect("the binary starts");
    assert!(
        out.status.success(),
        "demo succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn sign_in(db: &Path) -> Store {
    sign_in_at(db, chrono::Utc::now())
}

/// Signed in at `at` (a demo made for another day is signed in to near that day: an account
/// unused for 90 days is locked).
fn sign_in_at(db: &Path, at: chrono::DateTime<chrono::Utc>) -> Store {
    Store::sign_in(
        db,
        "official",
        &Sensitive::new("demo-official-pass".to_owned()),
        at,
    )
    .expect("the demo Privacy Official signs in")
}

/// The lifecycle move an audit row on a request records; `None` for rows that are no move
/// (the request's creation, a view, the accounting period, a request to its business associate). Any other row on a request is a
/// write past the lifecycle (such as the old `request.status`) and fails the test.
fn step_of(action: &str, role: Role) -> Option<Step> {
    Some(match action {
        "request.create"
        | "request.view"
        | "request.note"
        | "accounting.period"
        | "request.extension_mailed"
        | "accounting.fee_notice"
        // The requests to business associates, their replies and the notices to them: the
        // associate's clock, not the request's.
        | "associate.forward"
        | "associate.reply"
        | "associate.notice" => return None,
        "request.verify" => Step::Verify,
        "request.ask_for_written_request" => Step::AskForWrittenRequest,
        "request.written_request_received" => Step::WrittenRequestReceived,
        "request.route_to_county_attorney" => Step::RouteToCountyAttorney,
        "request.begin_review" => Step::BeginReview,
        "request.extend" => Step::Extend,
        "request.grant" => Step::Grant,
        "request.draft_denial" => Step::DraftDenial,
        "request.approve_denial" => Step::ApproveDenial { by: role },
        "request.return_denial" => Step::ReturnDenial { by: role },
        "request.draft_for_approval" => Step::DraftForApproval,
        "request.approve_decision" => Step::ApproveDecision { by: role },
        "request.send_letter" => Step::SendLetter,
        "request.withdraw" => Step::Withdraw,
        "request.close" => Step::Close,
        // Back to where it stood before it ended: `fold` fills in the status.
        "request.reopen" => Step::Reopen {
            to: RequestStatus::Received,
        },
        other => panic!("{other} on a request is not a move of its lifecycle"),
    })
}

/// The request's history folded from a request just received: the case it arrives at and
/// every status it passed through.
fn fold(
    r: &RequestSummary,
    rows: &[&AuditEntry],
    roles: &HashMap<i64, Role>,
) -> (Case, Vec<RequestStatus>) {
    let first = rows.first().expect("a request has audit rows");
    assert_eq!(first.action, "request.create", "request {} begins", r.id);
    assert_eq!(
        first.at.with_timezone(&Local).date_naive(),
        r.received_on,
        "request {} was logged on the day it was received",
        r.id
    );
    let mut case = Case::received();
    let mut passed = vec![case.status];
    for row in &rows[1..] {
        let role = row
            .user_id
            .and_then(|u| roles.get(&u).copied())
            .unwrap_or(Role::Staff);
        let Some(mut step) = step_of(&row.action, role) else {
            continue;
        };
        if let Step::Reopen { to } = &mut step {
            *to = passed[passed.len().saturating_sub(2)];
        }
        case = lifecycle::advance(case, &step).unwrap_or_else(|e| {
            panic!(
                "request {} ({:?}): {} from {:?} is refused by the lifecycle: {e}",
                r.id, r.kind, row.action, case.status
            )
        });
        if step == Step::Extend {
            let right = Right::of_kind(r.kind).expect("only clocked requests are extended");
            let noticed = r.extension_noticed_on.expect("an extension has its notice");
            assert_eq!(
                noticed,
                row.at.with_timezone(&Local).date_naive(),
                "request {}: the notice is dated the day of the extension",
                r.id
            );
            lifecycle::check_extension_notice(right, r.received_on, noticed)
                .expect("the notice went out inside the first period");
        }
        passed.push(case.status);
    }
    (case, passed)
}

#[test]
fn every_demo_request_has_the_history_its_status_says() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let today = Local::now().date_naive();
    let printed = demo(&db, today);
    assert!(
        printed.contains("demo-official-pass") && printed.contains("disclosures in the logbook"),
        "{printed}"
    );
    let store = sign_in(&db);
    assert_eq!(
        store.verify_audit().expect("chain"),
        None,
        "the chain holds"
    );

    let roles: HashMap<i64, Role> = store
        .list_users()
        .expect("users")
        .into_iter()
        .map(|u| (u.id, u.role))
        .collect();
    let mut audit = store.recent_audit(u32::MAX).expect("audit");
    audit.reverse();
    // The replay went forward in time: the chain's rows are in date order, the demo's last
    // step before today, the first about 18 months back.
    for pair in audit.windows(2) {
        assert!(
            pair[0].at <= pair[1].at,
            "audit rows {} and {} are out of date order",
            pair[0].seq,
            pair[1].seq
        );
    }
    // The first official's signing key signs its own registration, then the store's creation.
    assert_eq!(
        (audit[0].action.as_str(), audit[1].action.as_str()),
        ("user.signing_key", "store.create")
    );
    let signatures = store.verify_signatures().expect("signatures");
    assert!(
        signatures.holds() && signatures.unsigned_before_signing == 0,
        "every row of the replayed history is signed by whoever acted: {signatures:?}"
    );
    let first_day = audit[0].at.with_timezone(&Local).date_naive();
    assert!(
        first_day >= today - Days::new(530) && first_day <= today - Days::new(500),
        "the office started about 17 months ago: {first_day}"
    );

    let mut by_request: BTreeMap<i64, Vec<&AuditEntry>> = BTreeMap::new();
    for row in &audit {
        if row.entity == "request" {
            if let Some(id) = row.entity_id {
                by_request.entry(id).or_default().push(row);
            }
        }
    }
    let requests = store
        .list_requests(&RequestFilter::default())
        .expect("requests");
    assert!(
        (60..=90).contains(&requests.len()),
        "60 to 90 requests: {}",
        requests.len()
    );
    assert_eq!(
        by_request.len(),
        requests.len(),
        "every request has its rows"
    );

    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut shown: BTreeMap<String, usize> = BTreeMap::new();
    let mut staff_drafted_official_approved = 0;
    for r in &requests {
        assert_ne!(
            r.kind,
            RequestKind::Complaint,
            "complaints are in the complaint log"
        );
        assert!(
            r.received_on < today && r.received_on >= first_day,
            "request {} received inside the 18 months: {}",
            r.id,
            r.received_on
        );
        let rows = &by_request[&r.id];
        let (case, passed) = fold(r, rows, &roles);
        assert_eq!(
            case.status, r.status,
            "request {} ({:?}): its history arrives at {:?}, it shows {:?}",
            r.id, r.kind, case.status, r.status
        );
        assert_eq!(
            store.request_case(r.id).expect("case"),
            case,
            "request {}: the store's case is the fold's",
            r.id
        );
        reached.extend(passed.iter().map(|s| format!("{s:?}")));
        *shown.entry(format!("{:?}", r.status)).or_default() += 1;

        let letters = store.letters_of(r.id).expect("letters");
        // Letters are dated by the case's own days: made after the request came in, sent the
        // day they were made or later, all before today.
        for l in &letters {
            let made = l.rendered_at.with_timezone(&Local).date_naive();
            assert!(
                made >= r.received_on && made < today,
                "request {}: letter {} made on {made}",
                r.id,
                l.id
            );
            for d in &l.deliveries {
                assert!(
                    d.delivered_on >= made && d.delivered_on < today,
                    "request {}: letter {} sent on {}",
                    r.id,
                    l.id,
                    d.delivered_on
                );
            }
        }
        if r.status == RequestStatus::LetterSent {
            assert!(
                letters.iter().any(|l| !l.deliveries.is_empty()),
                "request {} shows its letter sent: a letter went out",
                r.id
            );
        }
        if r.status == RequestStatus::Withdrawn {
            assert_eq!(
                r.kind,
                RequestKind::Accounting,
                "only an accounting is withdrawn"
            );
            assert!(
                letters.iter().any(|l| l.kind == "accounting_fee_notice"),
                "request {} was withdrawn after its fee notice: {:?}",
                r.id,
                letters.iter().map(|l| &l.kind).collect::<Vec<_>>()
            );
        }
        let drafted = rows.iter().find(|a| a.action == "request.draft_denial");
        let approved = rows.iter().find(|a| a.action == "request.approve_denial");
        if let (Some(d), Some(a)) = (drafted, approved) {
            let role = |row: &&AuditEntry| row.user_id.and_then(|u| roles.get(&u).copied());
            assert_eq!(
                role(d),
                Some(Role::Staff),
                "request {}: staff drafted",
                r.id
            );
            assert_eq!(
                role(a),
                Some(Role::PrivacyOfficial),
                "request {}: the Privacy Official approved",
                r.id
            );
            staff_drafted_official_approved += 1;
        }
    }
    // Requesters of every kind the intake checks, on every channel.
    let requester_roles: BTreeSet<String> = requests
        .iter()
        .map(|r| format!("{:?}", r.requester_role))
        .collect();
    let channels: BTreeSet<String> = requests
        .iter()
        .map(|r| format!("{:?}", r.channel))
        .collect();
    for role in ["Individual", "Parent", "PersonalRepresentative"] {
        assert!(
            requester_roles.contains(role),
            "a request from a {role}: {requester_roles:?}"
        );
    }
    for channel in ["InPerson", "Telephone", "Mail"] {
        assert!(
            channels.contains(channel),
            "a request by {channel}: {channels:?}"
        );
    }
    for status in shown.keys() {
        assert!(reached.contains(status), "{status} was reached by a fold");
    }
    for status in [
        "Received",
        "Verified",
        "Extended",
        "PendingApproval",
        "Decided",
        "LetterSent",
        "Withdrawn",
    ] {
        assert!(
            shown.contains_key(status),
            "some request is {status}: {shown:?}"
        );
    }
    assert!(
        staff_drafted_official_approved >= 5,
        "denials drafted by staff and approved by the Privacy Official"
    );

    // Open access requests on the edge of their 30 days, as the dashboard shows them.
    let open_access: Vec<i64> = requests
        .iter()
        .filter(|r| {
            r.kind == RequestKind::Access
                && !matches!(
                    r.status,
                    RequestStatus::LetterSent | RequestStatus::Withdrawn
                )
        })
        .filter_map(|r| r.effective_due_on())
        .map(|due| clock::urgency(Some(due), today).days_left.unwrap_or(0))
        .collect();
    for days in [3, 2, 1, -1, -2, -3] {
        assert!(
            open_access.contains(&days),
            "an open access request {days} days from its due date: {open_access:?}"
        );
    }

    // Complaints: logged, acknowledged and closed, in the complaint log.
    let complaints: Vec<ComplaintEntry> = store.complaints().expect("complaints");
    let stages: BTreeSet<String> = complaints
        .iter()
        .map(|c| format!("{:?}", c.stage))
        .collect();
    assert_eq!(stages.len(), 3, "complaints at every stage: {stages:?}");
    for c in &complaints {
        if let Some(on) = c.acknowledged_on {
            assert!(
                (0..=5).contains(&(on - c.received_on).num_days()),
                "a complaint received on {} is acknowledged on {on}",
                c.received_on
            );
        }
    }

    // The logbook of SC10000, long enough for a two-page accounting.
    let sc10000 = store
        .search_participants(&desk_store::ParticipantSearch::EmployeeId("SC10000".into()))
        .expect("search")[0]
        .id;
    assert_eq!(store.disclosures_of(sc10000).expect("logbook").len(), 44);

    // The report: answered cases give an on-time rate (not all on time) and a median.
    let report = desk_office::report::get(&store, 18).expect("report");
    let rate = report.on_time_rate.expect("an on-time rate");
    assert!(rate > 0.5 && rate < 1.0, "most on time, a few late: {rate}");
    let median = report.median_days_to_answer.expect("a median");
    assert!(
        median > 0.0 && median < 60.0,
        "median days to answer: {median}"
    );
    assert!(report.overdue >= 3, "the overdue ones are counted");
    let counted: u32 = report.months.iter().flat_map(|m| m.counts.iter()).sum();
    assert_eq!(
        counted as usize,
        requests.len() + complaints.len(),
        "every request and complaint falls inside the report's 18 months"
    );
}

#[test]
fn the_demo_is_the_same_for_the_same_seed_and_date() {
    let dir = tempfile::tempdir().expect("tmp");
    let today = NaiveDate::from_ymd_opt(2026, 3, 16).expect("date");
    let cases = |name: &str| {
        let db = dir.path().join(name);
        demo(&db, today);
        let store = sign_in_at(&db, today.and_hms_opt(18, 0, 0).expect("time").and_utc());
        store
            .list_requests(&RequestFilter::default())
            .expect("requests")
    };
    assert_eq!(
        cases("a.db"),
        cases("b.db"),
        "the same requests, the same way"
    );
}

/// A PDF's text, whitespace collapsed (pdftotext, poppler-utils).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext reads the letter");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_demo_has_an_accounting_whose_associate_was_asked_and_sent_its_log() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    demo(&db, Local::now().date_naive());
    let store = sign_in(&db);
    let asked: Vec<(RequestSummary, desk_store::AssociateRequestEntry)> = store
        .list_requests(&RequestFilter::default())
        .expect("requests")
        .into_iter()
        .filter(|r| r.kind == RequestKind::Accounting)
        .flat_map(|r| {
            store
                .associate_requests_of(r.id)
                .expect("asked")
                .into_iter()
                .map(move |q| (r.clone(), q))
        })
        .collect();
    assert_eq!(asked.len(), 1, "one accounting asked its associate");
    let (r, q) = &asked[0];
    assert_eq!(q.duty, desk_core::associate::Duty::Accounting);
    assert!(
        q.replied_on.is_some_and(|on| on <= q.due_on),
        "the associate replied on time: {q:?}"
    );
    assert_eq!(q.reply_note, "2 disclosures imported");
    let logged = store
        .disclosures_of(r.participant_id)
        .expect("logbook")
        .into_iter()
        .filter(|d| d.associate_id == Some(q.associate_id))
        .count();
    assert_eq!(logged, 2, "its log is in the logbook, marked with it");

    let letters = store.letters_of(r.id).expect("letters");
    let to_associate = letters
        .iter()
        .find(|l| Some(l.id) == q.letter_id)
        .expect("the letter to the associate is the request's");
    assert_eq!(to_associate.kind, "associate_accounting_request");
    assert!(!to_associate.deliveries.is_empty(), "it was mailed");
    let accounting = letters
        .iter()
        .find(|l| l.kind == "accounting")
        .expect("the accounting letter");
    let text = pdf_text(&store.letter(accounting.id).expect("letter").pdf);
    let described = store
        .associate(q.associate_id)
        .expect("the register's entry")
        .associate
        .described();
    assert!(
        text.contains(&format!("Disclosed by {described}")),
        "the accounting names the associate as the register describes it ({described}):\n{text}"
    );
    assert!(text.contains("State Insurance Fraud Unit"), "{text}");
}

#[test]
fn the_demo_claims_administrator_is_asked_for_records_and_told_of_what_touches_them() {
    use desk_core::associate::{Holding, NoticeKind, ReplyStanding};
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let today = Local::now().date_naive();
    demo(&db, today);
    let store = sign_in(&db);
    let register = store.associates().expect("the register");
    let claims = register
        .iter()
        .find(|e| e.associate.name.starts_with("Sample Claims Administrator"))
        .expect("the claims administrator is in the register");
    assert!(claims.associate.holds.contains(&Holding::Claims));
    assert!(claims.associate.agreement_on.is_some());
    assert_eq!(claims.associate.duties.access_days, 15);

    let requests = store
        .list_requests(&RequestFilter::default())
        .expect("requests");
    let mut asked = Vec::new();
    let mut told = BTreeSet::new();
    for r in &requests {
        asked.extend(
            store
                .associate_requests_of(r.id)
                .expect("asked")
                .into_iter()
                .filter(|q| q.duty != desk_core::associate::Duty::Accounting),
        );
        for n in store.associate_notices_of(r.id).expect("told") {
            assert_eq!(n.associate_id, claims.id);
            told.insert(format!("{:?}", n.kind));
        }
    }
    asked.sort_by_key(|q| q.sent_on);
    let standings: Vec<ReplyStanding> = asked.iter().map(|q| q.standing(today)).collect();
    assert_eq!(
        standings,
        vec![ReplyStanding::OnTime, ReplyStanding::DueSoon],
        "one forwarded request answered after its reply, one whose reply is due soon"
    );
    assert!(asked.iter().all(|q| q.letter_id.is_some()));
    for kind in [
        NoticeKind::Amendment,
        NoticeKind::Restriction,
        NoticeKind::RestrictionEnd,
        NoticeKind::ConfidentialCommunication,
        NoticeKind::CommunicationEnd,
    ] {
        assert!(
            told.contains(&format!("{kind:?}")),
            "the claims administrator was told of a {kind:?}: {told:?}"
        );
    }
}

#[test]
fn the_demo_has_a_breach_told_by_letter_a_low_probability_and_a_report_waiting() {
    use desk_core::incident::{Determination, ReporterKind};
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let today = Local::now().date_naive();
    demo(&db, today);
    let store = sign_in(&db);
    let incidents = store.incidents().expect("the incident log");
    assert_eq!(incidents.len(), 3, "three incidents");
    let decided: Vec<Option<Determination>> = incidents
        .iter()
        .map(|r| r.decision().map(|d| d.determination))
        .collect();
    assert_eq!(
        decided,
        vec![
            None,
            Some(Determination::LowProbability),
            Some(Determination::Breach)
        ],
        "newest discovered first: one waiting, the associate's, the breach"
    );

    let breach = &incidents[2];
    assert!(breach.assessment.is_some());
    assert_eq!(breach.corrections.len(), 1, "its recipient corrected once");
    assert_eq!(breach.added.len(), 1, "a family found later");
    assert_eq!(
        breach.letters.len(),
        breach.participant_ids.len(),
        "a letter to each individual"
    );
    let mailed = breach
        .letters
        .iter()
        .filter(|l| !l.letter.deliveries.is_empty())
        .count();
    assert_eq!(
        mailed,
        breach.participant_ids.len() - 1,
        "all mailed but the one to the family found later"
    );
    for &p in &breach.participant_ids {
        let log = store.disclosures_of(p).expect("logbook");
        assert!(
            log.iter().any(|d| d.basis == "impermissible"
                && d.recipient == "Another county employee, who returned the papers"),
            "each individual's impermissible disclosure, as corrected"
        );
    }
    assert_eq!(
        breach
            .actions
            .iter()
            .map(|a| format!("{:?}", a.kind))
            .collect::<Vec<_>>(),
        ["Mitigation", "Sanction"]
    );

    let associate = &incidents[1];
    assert_eq!(associate.incident.reporter, ReporterKind::Associate);
    assert!(associate.associate_id.is_some());
    let learned = associate.incident.associate_learned_on.expect("learned");
    assert!(associate.incident.reported_on - learned <= chrono::Duration::days(5));
    assert_eq!(
        associate.disclosures.len(),
        1,
        "a low probability is still logged"
    );

    assert!(incidents[0].assessment.is_none() && incidents[0].decisions.is_empty());
}
