//! Decisions: a grant decides at once; a denial waits for the Privacy Official.

use super::*;
use desk_core::decision::{
    AccessDecision, AccessDenial, AccessDenialGround, AccessGrant, Extension, Format,
    RestrictionDecision, RestrictionDenied,
};
use desk_core::lifecycle::Step;
use desk_core::person::Role;
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{DecisionOutcome, DecisionState, Error};

pub fn grant() -> DecisionOutcome {
    DecisionOutcome::Access(AccessDecision::Grant(AccessGrant {
        access: "Copies will be mailed to you.".into(),
        format: Format::Paper,
        available_on: d("2025-03-20"),
        fee_cents: 0,
    }))
}

pub fn denial() -> DecisionOutcome {
    DecisionOutcome::Access(AccessDecision::Denial(AccessDenial {
        grounds: vec![AccessDenialGround::PsychotherapyNotes],
        explanation: "The records asked for are psychotherapy notes.".into(),
        released: None,
        held_by: None,
        withheld: None,
    }))
}

#[test]
fn a_grant_decides_the_request() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    let e = store
        .draft_decision(rid, &grant())
        .expect_err("not verified yet");
    assert_eq!(field_of(e), "status");
    verify(&mut store, rid);
    let id = store.draft_decision(rid, &grant()).expect("grant");
    assert_eq!(
        store.request(rid).expect("r").status,
        RequestStatus::Decided,
        "a verified request begins review and is granted in one go"
    );
    let all = store.decisions_of(rid).expect("decisions");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].id, id);
    assert_eq!(all[0].outcome, grant(), "the outcome round-trips as JSON");
    assert_eq!(all[0].state, DecisionState::InForce);
    assert_eq!(all[0].approval, None);
    assert!(store.pending_approvals().expect("queue").is_empty());
}

#[test]
fn a_staff_denial_waits_until_the_privacy_official_approves_it() {
    let (fx, store) = new_store();
    let mut sam = staff_store(&fx, store);
    let (_, rid) = access_request(&mut sam);
    verify(&mut sam, rid);
    let id = sam
        .draft_decision(rid, &denial())
        .expect("staff drafts a denial");
    assert_eq!(
        sam.request(rid).expect("r").status,
        RequestStatus::PendingApproval
    );
    let queue = sam.pending_approvals().expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(
        (
            queue[0].decision_id,
            queue[0].request_id,
            queue[0].kind,
            queue[0].participant_name.as_str(),
            queue[0].drafted_by_name.as_str()
        ),
        (id, rid, RequestKind::Access, "Jan Doe", "Sam Staff")
    );

    let seq = sam.recent_audit(1).expect("audit")[0].seq;
    let e = sam
        .approve_decision(id, "looks right")
        .expect_err("staff cannot approve");
    assert!(
        matches!(
            e,
            Error::NotPermitted {
                needed: Role::PrivacyOfficial
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        sam.recent_audit(1).expect("audit")[0].seq,
        seq,
        "nothing written"
    );
    assert_eq!(
        sam.decision(id).expect("d").state,
        DecisionState::PendingApproval
    );
    let staff_id = sam.user().expect("sam").id;
    let e = desk_store::fixture::execute(
        &sam,
        &format!(
            "INSERT INTO approvals (decision_id, approved_by, approved_at)
             VALUES ({id}, {staff_id}, '2025-03-10T00:00:00Z')"
        ),
    )
    .expect_err("the database refuses a staff approval too");
    assert!(e.to_string().contains("privacy official"), "{e}");
    sam.lock();

    let mut pat = sign_in(&fx.path);
    pat.approve_decision(id, "reviewed the file")
        .expect("approved");
    assert_eq!(pat.request(rid).expect("r").status, RequestStatus::Decided);
    assert!(
        pat.request_case(rid).expect("case").denied,
        "remembered as a denial"
    );
    let d = pat.decision(id).expect("d");
    assert_eq!(d.state, DecisionState::Approved);
    let approval = d.approval.expect("approval recorded");
    assert_eq!(approval.approved_by_name, "Pat Official");
    assert_eq!(approval.note, "reviewed the file");
    assert!(pat.pending_approvals().expect("queue").is_empty());
    assert_eq!(last_action(&pat), "request.approve_denial");
    let e = pat.approve_decision(id, "").expect_err("once");
    assert_eq!(field_of(e), "decision");
}

#[test]
fn a_returned_denial_leaves_the_queue_and_a_new_draft_replaces_it() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    verify(&mut store, rid);
    let first = store.draft_decision(rid, &denial()).expect("denial");
    let status = store
        .advance_request(rid, &Step::ReturnDenial { by: Role::Staff })
        .expect("the official sends it back (the role is the signed-in user's)");
    assert_eq!(status, RequestStatus::InReview);
    assert_eq!(
        store.decision(first).expect("d").state,
        DecisionState::Returned
    );
    assert!(store.pending_approvals().expect("queue").is_empty());
    let second = store.draft_decision(rid, &grant()).expect("then a grant");
    let all = store.decisions_of(rid).expect("all");
    assert_eq!(
        all.iter()
            .map(|d| (d.id, d.corrects_id, d.superseded_by, d.state))
            .collect::<Vec<_>>(),
        vec![
            (first, None, Some(second), DecisionState::Superseded),
            (second, Some(first), None, DecisionState::InForce),
        ]
    );
}

#[test]
fn decisions_that_do_not_fit_are_refused_naming_the_field() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    verify(&mut store, rid);
    let no_grounds = DecisionOutcome::Access(AccessDecision::Denial(AccessDenial {
        grounds: vec![],
        explanation: "x".into(),
        released: None,
        held_by: None,
        withheld: None,
    }));
    let extension = DecisionOutcome::Access(AccessDecision::Extension(Extension {
        reason: "records off site".into(),
        respond_by: d("2025-05-02"),
    }));
    let wrong_kind = DecisionOutcome::Restriction(RestrictionDecision::Denied(RestrictionDenied {
        reason: "cannot".into(),
    }));
    for (outcome, field) in [
        (no_grounds, "grounds"),
        // Noticed today, long after the first period ended on 2025-04-02.
        (extension, "extension"),
        (wrong_kind, "outcome"),
    ] {
        let e = store.draft_decision(rid, &outcome).expect_err(field);
        assert_eq!(field_of(e), field);
    }
    assert!(store.decisions_of(rid).expect("none").is_empty());
    assert_eq!(
        store.request(rid).expect("r").status,
        RequestStatus::Verified,
        "a refused draft moves nothing"
    );
}

#[test]
fn the_lifecycle_moves_with_audit_and_refuses_steps_that_need_their_record() {
    let (fx, store) = new_store();
    let mut sam = staff_store(&fx, store);
    let (_, rid) = access_request(&mut sam);
    for step in [
        Step::Verify,
        Step::Extend,
        Step::Grant,
        Step::DraftDenial,
        Step::ApproveDenial {
            by: Role::PrivacyOfficial,
        },
        Step::SendLetter,
        Step::Close,
        Step::Withdraw,
        Step::Reopen {
            to: RequestStatus::Received,
        },
    ] {
        let e = sam.advance_request(rid, &step).expect_err(step.as_str());
        assert_eq!(field_of(e), "step", "{}", step.as_str());
    }
    let e = sam
        .advance_request(rid, &Step::BeginReview)
        .expect_err("not verified");
    assert_eq!(field_of(e), "status");
    verify(&mut sam, rid);
    assert_eq!(
        sam.advance_request(rid, &Step::BeginReview)
            .expect("review"),
        RequestStatus::InReview
    );
    assert_eq!(last_action(&sam), "request.begin_review");
    sam.draft_decision(rid, &denial()).expect("denial");
    let e = sam
        .advance_request(
            rid,
            &Step::ReturnDenial {
                by: Role::PrivacyOfficial,
            },
        )
        .expect_err("staff cannot return a denial, whatever the step claims");
    assert!(matches!(e, Error::NotPermitted { .. }), "{e:?}");
    assert_eq!(
        sam.end_request(rid, desk_store::EndStep::Withdraw, "Called to withdraw")
            .expect("withdrawn"),
        RequestStatus::Withdrawn
    );
    let e = sam
        .end_request(rid, desk_store::EndStep::Close, "Closing")
        .expect_err("final");
    assert_eq!(field_of(e), "status");
}

#[test]
fn an_extension_inside_the_first_period_moves_the_due_date_and_keeps_its_notice() {
    let (_fx, mut store) = new_store();
    let today = chrono::Utc::now().date_naive();
    let p = store
        .add_participant(&employee("X1", "Doe", "Jan", "1980-01-01"))
        .expect("participant");
    let rid = store
        .intake(&desk_store::NewIntake {
            request: desk_store::NewRequest {
                kind: desk_core::request::RequestKind::Access,
                channel: desk_core::person::Channel::InPerson,
                received_on: today - chrono::Days::new(5),
                participant_id: p,
                requester_role: desk_core::person::RequesterRole::Individual,
                requester_id: None,
                due_on: None,
                summary: String::new(),
            },
            requester: None,
            scan: None,
            verification: None,
            awaiting_written_request: false,
            authorization_id: None,
        })
        .expect("intake");
    verify(&mut store, rid);
    let due = store.request(rid).expect("r").due_on.expect("a due date");
    let respond_by = due + chrono::Days::new(30);
    let ext = DecisionOutcome::Access(AccessDecision::Extension(Extension {
        reason: "records off site".into(),
        respond_by,
    }));
    store.draft_decision(rid, &ext).expect("extension");
    let r = store.request(rid).expect("r");
    assert_eq!(r.status, RequestStatus::Extended);
    assert_eq!(r.extended_due_on, Some(respond_by), "the new date counts");
    assert_eq!(r.extension_noticed_on, Some(today));
    let kept = store.decisions_of(rid).expect("decisions");
    assert_eq!(kept.len(), 1, "the notice's content is kept for its letter");
    assert!(!kept[0].outcome.is_denial());
    let again = store
        .draft_decision(rid, &ext)
        .expect_err("only one extension");
    assert_eq!(field_of(again), "extension");
}
