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
    assert_eq!(received.len(), 2);

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
