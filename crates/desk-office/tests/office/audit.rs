//! The audit trail for the Privacy Official, and its PDF.

use super::*;
use desk_office::audit::{self, AuditFilterForm};
use desk_office::{logbook, participant};

#[test]
fn trail_shows_every_row_newest_first_with_the_chain_intact() {
    let mut o = office();
    let (p, _) = o.request("access");
    let before = audit_count(&o.store);
    let view = audit::trail(&mut o.store, &AuditFilterForm::default()).expect("trail");
    assert_eq!(view.broken_at, None, "the hash chain holds");
    assert_eq!(
        view.total,
        before + 1,
        "the total counts the view's own row too"
    );
    assert_eq!(
        view.rows.len() as i64,
        before,
        "every row written before the view"
    );
    assert!(
        view.rows.windows(2).all(|w| w[0].seq > w[1].seq),
        "newest first"
    );
    assert_eq!(
        view.rows[view.rows.len() - 1].action,
        "user.signing_key",
        "the first official's key is registered first, then the store is created"
    );
    assert!(view
        .rows
        .iter()
        .any(|r| r.action == "participant.add" && r.entity_id == Some(p)));
    assert_eq!(
        view.rows[0].user.as_deref(),
        Some(PO_USER),
        "rows name the account"
    );
    assert!(
        view.rows[0].at.ends_with('Z'),
        "times are RFC 3339 in UTC: {}",
        view.rows[0].at
    );
    assert_eq!(
        view.users
            .iter()
            .map(|u| u.username.as_str())
            .collect::<Vec<_>>(),
        vec![PO_USER],
        "the accounts, for the user filter"
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec!["audit.view"],
        "viewing the trail is itself recorded"
    );
}

#[test]
fn trail_filters_by_participant_and_by_user() {
    let mut o = office();
    let (p, r) = o.request("access");
    let (q, _) = o.request("access");
    let mut sam = o.staff();
    participant::page(&mut sam, q).expect("sam looks at the other participant");
    let sam_id = sam.user().expect("sam").id;

    let about_p = audit::trail(
        &mut o.store,
        &AuditFilterForm {
            participant_id: Some(p),
            user_id: None,
        },
    )
    .expect("trail");
    assert!(!about_p.rows.is_empty());
    assert!(
        about_p.rows.iter().all(|row| match row.entity.as_str() {
            "participant" => row.entity_id == Some(p),
            "request" => row.entity_id == Some(r),
            _ => true,
        }),
        "only rows about the participant and their request: {:?}",
        about_p
            .rows
            .iter()
            .map(|r| (&r.action, r.entity_id))
            .collect::<Vec<_>>()
    );
    assert!(about_p
        .rows
        .iter()
        .any(|row| row.action == "request.create" && row.entity_id == Some(r)));

    let by_sam = audit::trail(
        &mut o.store,
        &AuditFilterForm {
            participant_id: None,
            user_id: Some(sam_id),
        },
    )
    .expect("trail");
    assert!(!by_sam.rows.is_empty());
    assert!(
        by_sam
            .rows
            .iter()
            .all(|row| row.user.as_deref() == Some(STAFF_USER)),
        "only sam's rows"
    );
    assert!(by_sam
        .rows
        .iter()
        .any(|row| row.action == "participant.view" && row.entity_id == Some(q)));
}

#[test]
fn trail_about_a_participant_includes_their_authorizations() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let auth = logbook::record_authorization(
        &mut o.store,
        &logbook::AuthorizationForm {
            participant_id: p,
            information: "claims history 2024".into(),
            discloser: "Sample County Group Health Plan".into(),
            recipient: "Dr Ames Clinic".into(),
            purpose: "second opinion".into(),
            expires_kind: "date".into(),
            expires_value: iso(today + Days::new(365)),
            signed_on: iso(today),
            signer_name: "Jan Doe".into(),
            signer_capacity: "individual".into(),
            representative_authority: String::new(),
            right_to_revoke: true,
            conditioning: true,
            redisclosure: true,
            received_on: iso(today),
            scan: None,
            defects_seen: false,
        },
    )
    .expect("kept");
    let view = audit::trail(
        &mut o.store,
        &AuditFilterForm {
            participant_id: Some(p),
            user_id: None,
        },
    )
    .expect("trail");
    assert!(
        view.rows
            .iter()
            .any(|row| row.action == "authorization.record" && row.entity_id == Some(auth)),
        "the participant's trail shows who recorded their authorization: {:?}",
        view.rows
            .iter()
            .map(|r| r.action.as_str())
            .collect::<Vec<_>>()
    );
}

#[test]
fn trail_is_the_privacy_officials_alone() {
    let mut o = office();
    let mut sam = o.staff();
    writes_nothing(&mut sam, |s| {
        refused_with(
            audit::trail(s, &AuditFilterForm::default()),
            ErrorCode::Forbidden,
            "staff do not read the audit trail",
        )
    });
    writes_nothing(&mut sam, |s| {
        refused_with(
            audit::trail_pdf(s, &AuditFilterForm::default()),
            ErrorCode::Forbidden,
            "staff do not export the audit trail",
        )
    });
}

#[test]
fn trail_pdf_prints_the_selected_rows_and_records_the_export() {
    let mut o = office();
    let (p, _) = o.request("access");
    let before = audit_count(&o.store);
    let pdf = audit::trail_pdf(
        &mut o.store,
        &AuditFilterForm {
            participant_id: Some(p),
            user_id: None,
        },
    )
    .expect("pdf");
    assert_pdf(&pdf, "the audit trail");
    // Made after the trail's own view row, before its export row.
    let witness = o
        .store
        .recent_audit(2)
        .expect("audit")
        .iter()
        .find(|e| e.action == "audit.view")
        .map(|e| e.seq)
        .expect("the view row");
    assert!(
        pdf_text(&pdf).contains(&format!("Records Desk audit witness {witness}:")),
        "the audit trail carries the log's head when it was made in its footer"
    );
    let rows = audit_since(&o.store, before);
    assert_eq!(
        rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
        vec!["audit.view", "audit.export"],
        "reading the rows and exporting them are both recorded"
    );
    assert_eq!(rows[1].entity, "audit_log");
}

#[test]
fn verify_counts_the_rows_of_an_intact_chain_for_any_user_and_writes_nothing() {
    let mut o = office();
    o.request("access");
    let rows = audit_count(&o.store);
    let chain = writes_nothing(&mut o.store, |s| audit::verify(s).expect("verified"));
    assert_eq!(chain.rows, rows, "every row of the log");
    assert_eq!(chain.broken_at, None, "the chain holds");
    let mut sam = o.staff();
    let by_staff = writes_nothing(&mut sam, |s| audit::verify(s).expect("verified"));
    assert_eq!(
        by_staff.broken_at, None,
        "staff may walk the chain: it shows counts, no record"
    );
}

#[test]
fn verify_names_the_first_row_that_was_changed() {
    let mut o = office();
    o.request("access");
    let rows = audit_count(&o.store);
    // Change row 2 past the append-only trigger, through the store's own connection.
    for sql in [
        "DROP TRIGGER audit_log_append_only_update",
        "UPDATE audit_log SET user_id = NULL WHERE seq = 2",
    ] {
        desk_store::fixture::execute(&o.store, sql).expect("tampered");
    }
    let chain = writes_nothing(&mut o.store, |s| audit::verify(s).expect("walked"));
    assert_eq!(chain.rows, rows, "the row is still there, changed");
    assert_eq!(chain.broken_at, Some(2), "the first row that does not hold");
}
