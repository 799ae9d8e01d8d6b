//! Requests for the dashboard.

use super::*;
use desk_core::person::{Channel, RequesterRole};
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{NewRequest, RequestFilter};

#[test]
fn requests_list_soonest_due_first() {
    let (_fx, mut store) = new_store();
    let p = store
        .add_participant(&employee("E1", "Doe", "Jan", "1980-01-01"))
        .expect("p");
    let new = |kind, received: &str, due: Option<&str>| NewRequest {
        kind,
        channel: Channel::InPerson,
        received_on: d(received),
        participant_id: p,
        requester_role: RequesterRole::Individual,
        requester_id: None,
        due_on: due.map(d),
        summary: String::new(),
    };
    let a = store
        .create_request(&new(RequestKind::Access, "2025-03-01", Some("2025-03-31")))
        .expect("a");
    let b = store
        .create_request(&new(
            RequestKind::Amendment,
            "2025-01-01",
            Some("2025-03-02"),
        ))
        .expect("b");
    let c = store
        .create_request(&new(RequestKind::Complaint, "2025-02-01", None))
        .expect("c");
    verify(&mut store, b);
    store
        .set_request_extension(b, d("2025-02-20"), d("2025-04-01"))
        .expect("extension");
    store
        .set_request_status(a, RequestStatus::Closed)
        .expect("close");

    let all = store.list_requests(&RequestFilter::default()).expect("all");
    assert_eq!(
        all.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![a, b, c],
        "ordered by the date that counts (b's extension moves it after a), undated last"
    );
    assert_eq!(all[1].effective_due_on(), Some(d("2025-04-01")));
    assert_eq!(all[1].participant_name, "Jan Doe");
    let open = store
        .list_requests(&RequestFilter {
            open_only: true,
            ..Default::default()
        })
        .expect("open");
    assert_eq!(
        open.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![b, c],
        "closed ones drop out"
    );
    let received = store
        .list_requests(&RequestFilter {
            statuses: vec![RequestStatus::Received],
            ..Default::default()
        })
        .expect("by status");
    assert_eq!(
        received.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![c],
        "a is closed and b extended"
    );

    let e = store
        .create_request(&new(RequestKind::Access, "2999-01-01", None))
        .expect_err("future");
    assert!(
        matches!(
            e,
            desk_store::Error::Invalid {
                field: "received_on",
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn an_extension_is_given_once_and_only_inside_the_first_period() {
    let (_fx, mut store) = new_store();
    // The clock runs from receipt: an extension may be given before verification, and the
    // request stays Received.
    let (_, early) = access_request(&mut store);
    store
        .set_request_extension(early, d("2025-03-20"), d("2025-05-02"))
        .expect("an extension while still Received");
    assert_eq!(
        store.request(early).expect("r").status,
        RequestStatus::Received
    );
    let (_, rid) = access_request(&mut store);
    verify(&mut store, rid);

    let (_, late) = access_request(&mut store);
    verify(&mut store, late);
    let e = store
        .set_request_extension(late, d("2025-04-03"), d("2025-05-02"))
        .expect_err("the notice is a day late");
    let text = e.to_string();
    assert_eq!(field_of(e), "extension");
    assert!(
        text.contains("first period ended on 2025-04-02"),
        "says when the first period ended: {text}"
    );
    assert_eq!(
        store.request(late).expect("r").status,
        RequestStatus::Verified,
        "a refused extension moves nothing"
    );

    let e = store
        .set_request_extension(rid, d("2025-03-20"), d("2025-05-03"))
        .expect_err("more than 30 days");
    assert_eq!(field_of(e), "extended_due_on");
    store
        .set_request_extension(rid, d("2025-04-02"), d("2025-05-02"))
        .expect("noticed on the due date itself is in time");
    let r = store.request(rid).expect("r");
    assert_eq!(r.status, RequestStatus::Extended);
    assert_eq!(r.effective_due_on(), Some(d("2025-05-02")));
    assert_eq!(
        store.recent_audit(1).expect("audit")[0].action,
        "request.extension"
    );
    let e = store
        .set_request_extension(rid, d("2025-04-01"), d("2025-05-01"))
        .expect_err("only once");
    assert_eq!(field_of(e), "extension");

    let (_, complaint) = request_of_kind(&mut store, RequestKind::Complaint);
    verify(&mut store, complaint);
    let e = store
        .set_request_extension(complaint, d("2025-03-04"), d("2025-04-01"))
        .expect_err("no clock, no extension");
    assert_eq!(field_of(e), "extension");
}
