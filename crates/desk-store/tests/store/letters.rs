//! Letters: the exact bytes and their hash; deliveries as rows of their own.

use super::*;
use desk_core::request::RequestStatus;
use desk_store::{DeliveryMethod, NewLetter, MAX_LETTER_BYTES};
use sha2::{Digest, Sha256};

fn letter(request_id: Option<i64>, kind: &str) -> NewLetter {
    NewLetter {
        request_id,
        kind: kind.into(),
        pdf: PDF.to_vec(),
        corrects_id: None,
    }
}

#[test]
fn a_granted_request_is_sent_when_its_letter_is_delivered() {
    let (fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    verify(&mut store, rid);
    store
        .draft_decision(rid, &super::decisions::grant())
        .expect("grant");
    let id = store
        .store_letter(&letter(Some(rid), "access_response"))
        .expect("stored");
    let got = store.letter(id).expect("get");
    assert_eq!(got.pdf, PDF, "the exact bytes");
    assert_eq!(got.meta.sha256, hex::encode(Sha256::digest(PDF)));
    assert_eq!(got.meta.kind, "access_response");
    assert!(got.meta.deliveries.is_empty());

    let today = Utc::now().date_naive();
    store
        .mark_letter_delivered(id, DeliveryMethod::Mailed, today)
        .expect("mailed");
    assert_eq!(
        store.request(rid).expect("r").status,
        RequestStatus::LetterSent
    );
    assert_eq!(last_action(&store), "request.send_letter");
    store
        .mark_letter_delivered(id, DeliveryMethod::Emailed, today)
        .expect("sent a second way: the request stays LetterSent");
    let listed = store.letters_of(rid).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0]
            .deliveries
            .iter()
            .map(|x| (x.method, x.delivered_on))
            .collect::<Vec<_>>(),
        vec![
            (DeliveryMethod::Mailed, today),
            (DeliveryMethod::Emailed, today)
        ]
    );
    let e = desk_store::fixture::execute(&store, "UPDATE letters SET sent_on = '2025-01-01'")
        .expect_err("letters are never changed");
    assert!(e.to_string().contains("never changed"), "{e}");
    let e = desk_store::fixture::execute(&store, "DELETE FROM letter_deliveries")
        .expect_err("deliveries are records too");
    assert!(e.to_string().contains("never deleted"), "{e}");

    let e = store
        .mark_letter_delivered(id, DeliveryMethod::HandedOver, today + chrono::Days::new(2))
        .expect_err("future");
    assert_eq!(field_of(e), "delivered_on");
    drop(fx);
}

#[test]
fn a_letter_outside_the_decision_leaves_the_request_where_it_is() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    let form = store
        .store_letter(&letter(Some(rid), "inspection_request_form"))
        .expect("form");
    store
        .mark_letter_delivered(form, DeliveryMethod::HandedOver, Utc::now().date_naive())
        .expect("handed over");
    assert_eq!(
        store.request(rid).expect("r").status,
        RequestStatus::Received,
        "a form for signature does not answer the request"
    );
    let sheet = store
        .store_letter(&letter(None, "recovery_sheet"))
        .expect("a letter about no request");
    assert_eq!(store.letter(sheet).expect("get").meta.request_id, None);
    let fixed = store
        .store_letter(&NewLetter {
            corrects_id: Some(form),
            ..letter(Some(rid), "inspection_request_form")
        })
        .expect("a corrected letter points at the old");
    assert_eq!(
        store
            .letters_of(rid)
            .expect("list")
            .iter()
            .map(|l| (l.id, l.corrects_id))
            .collect::<Vec<_>>(),
        vec![(form, None), (fixed, Some(form))]
    );
}

#[test]
fn letters_that_are_not_pdfs_are_refused_naming_the_field() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    let mut big = PDF.to_vec();
    big.resize(MAX_LETTER_BYTES + 1, b' ');
    for (l, field) in [
        (
            NewLetter {
                pdf: PNG.to_vec(),
                ..letter(Some(rid), "access_response")
            },
            "pdf",
        ),
        (
            NewLetter {
                pdf: big,
                ..letter(Some(rid), "access_response")
            },
            "pdf",
        ),
        (letter(Some(rid), "Access Response"), "kind"),
        (letter(Some(9_999), "access_response"), "request_id"),
    ] {
        let e = store.store_letter(&l).expect_err(field);
        assert_eq!(field_of(e), field);
    }
    assert!(store.letters_of(rid).expect("none").is_empty());
}

#[test]
fn a_letter_and_its_notices_are_kept_together_or_not_at_all() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    let ids = store
        .store_letters(&[
            letter(Some(rid), "amendment_response"),
            letter(Some(rid), "amendment_notice"),
            letter(Some(rid), "amendment_notice"),
        ])
        .expect("three letters");
    assert_eq!(ids.len(), 3);
    assert_eq!(store.letters_of(rid).expect("letters").len(), 3);

    let mut bad = letter(Some(rid), "amendment_notice");
    bad.pdf = PNG.to_vec();
    let e = store
        .store_letters(&[letter(Some(rid), "amendment_response"), bad])
        .expect_err("a notice that is no PDF");
    assert_eq!(field_of(e), "pdf");
    assert_eq!(
        store.letters_of(rid).expect("letters").len(),
        3,
        "the good letter did not go in without its notice"
    );
}
