//! Stored letters: their bytes, saving a copy, printing, and how a letter went out.

use super::*;
use desk_office::letter::{self, Delivery};
use desk_office::{decision, request, response};

/// A granted access request with its response letter. Returns (request, letter).
fn answered(o: &mut Office) -> (i64, i64) {
    let (_, r) = o.request("access");
    let today = o.today();
    decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
    let done = response::respond(&mut o.store, r).expect("letter");
    assert_eq!(done.title, "Response to Inspection Request");
    (r, done.letter_id)
}

#[test]
fn pdf_gives_the_stored_bytes_and_records_the_view() {
    let mut o = office();
    let (_, l) = answered(&mut o);
    let before = audit_count(&o.store);
    let bytes = letter::pdf(&mut o.store, l).expect("bytes");
    assert_pdf(&bytes, "the stored letter");
    assert_eq!(
        bytes,
        o.store.letter(l).expect("letter").pdf,
        "exactly the bytes kept"
    );
    let row = audited(&o.store, before, "letter.view");
    assert_eq!((row.entity.as_str(), row.entity_id), ("letter", Some(l)));
}

#[test]
fn pdf_of_a_letter_not_on_file_is_not_found_and_records_nothing() {
    let mut o = office();
    let (_, l) = answered(&mut o);
    writes_nothing(&mut o.store, |s| {
        refused_with(
            letter::pdf(s, l + 100),
            ErrorCode::NotFound,
            "no such letter",
        )
    });
}

#[test]
fn save_writes_an_owner_only_file_named_by_ids() {
    let mut o = office();
    let (r, l) = answered(&mut o);
    let out = o.dir.path().join("Saved letters");
    let before = audit_count(&o.store);
    let path = letter::save(&mut o.store, l, &out).expect("saved");
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some(format!("request-{r}-access-response-{l}.pdf").as_str()),
        "the file is named by ids, never by names"
    );
    let bytes = std::fs::read(&path).expect("the file is there");
    assert_eq!(
        bytes,
        o.store.letter(l).expect("letter").pdf,
        "the copy is the letter as kept"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "only the owner may read a saved letter");
    }
    let row = audited(&o.store, before, "letter.save");
    assert_eq!(row.entity_id, Some(l));
}

#[test]
fn save_of_a_letter_not_on_file_writes_no_file_and_records_nothing() {
    let mut o = office();
    let (_, l) = answered(&mut o);
    let out = o.dir.path().join("Saved letters");
    writes_nothing(&mut o.store, |s| {
        refused_with(
            letter::save(s, l + 100, &out),
            ErrorCode::NotFound,
            "no such letter",
        )
    });
    assert!(
        !out.exists(),
        "no folder or file was made for a letter that is not there"
    );
}

#[test]
fn record_print_records_the_print_of_the_letter() {
    let mut o = office();
    let (_, l) = answered(&mut o);
    let before = audit_count(&o.store);
    letter::record_print(&mut o.store, l).expect("recorded");
    let rows = audit_since(&o.store, before);
    assert_eq!(rows.len(), 1, "one row for one print");
    assert_eq!(
        (
            rows[0].action.as_str(),
            rows[0].entity.as_str(),
            rows[0].entity_id
        ),
        ("letter.print", "letter", Some(l))
    );
}

#[test]
fn record_print_of_a_letter_not_on_file_is_not_found_and_records_nothing() {
    let mut o = office();
    let (_, l) = answered(&mut o);
    writes_nothing(&mut o.store, |s| {
        refused_with(
            letter::record_print(s, l + 100),
            ErrorCode::NotFound,
            "the audit log must not record the print of a letter that does not exist",
        )
    });
}

#[test]
fn mark_sent_records_the_delivery_and_moves_the_request_to_letter_sent() {
    let mut o = office();
    let (r, l) = answered(&mut o);
    let today = o.today();
    let before = audit_count(&o.store);
    letter::mark_sent(&mut o.store, l, Delivery::Mail, &iso(today)).expect("sent");
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(
        page.status,
        RequestStatus::LetterSent,
        "the answer went out"
    );
    let row = page
        .letters
        .iter()
        .find(|x| x.id == l)
        .expect("the letter is listed");
    assert_eq!(row.delivery, Some(Delivery::Mail));
    assert_eq!(row.sent_on, Some(today));
    assert_eq!(row.title, "Response to Inspection Request");
    let acts = actions_since(&o.store, before);
    assert_eq!(
        &acts[..2],
        &[
            "letter.deliver".to_owned(),
            "request.send_letter".to_owned()
        ],
        "the delivery and the request's move are one write"
    );
}

#[test]
fn mark_sent_refuses_a_date_in_another_shape_or_in_the_future_on_sent_on() {
    let mut o = office();
    let (r, l) = answered(&mut o);
    let tomorrow = o.today() + Days::new(1);
    writes_nothing(&mut o.store, |s| {
        refused_on(
            letter::mark_sent(s, l, Delivery::Fax, "03/04/2025"),
            "sentOn",
            "dates are typed YYYY-MM-DD",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            letter::mark_sent(s, l, Delivery::InPerson, &iso(tomorrow)),
            "sentOn",
            "a letter cannot have gone out tomorrow",
        )
    });
    let meta = &o.store.letters_of(r).expect("letters")[0];
    assert!(meta.deliveries.is_empty(), "no delivery was recorded");
    assert_eq!(
        desk_office::form::code_of(&o.store.request(r).expect("request").status),
        "decided",
        "the request did not move"
    );
}

#[test]
fn addressee_of_is_the_individual_at_the_address_on_file() {
    let mut o = office();
    let (_, r) = o.request("access");
    let today = o.today();
    let summary = o.store.request(r).expect("request");
    let to = writes_nothing(&mut o.store, |s| {
        letter::addressee_of(s, &summary, today).expect("addressee")
    });
    assert_eq!(to.name, "Jan Doe");
    assert_eq!(
        to.address,
        vec![
            "12 Palm Avenue".to_owned(),
            "Sampleton, FL 32960".to_owned()
        ]
    );
    let mut gone = summary.clone();
    gone.id += 100;
    refused_with(
        letter::addressee_of(&o.store, &gone, today),
        ErrorCode::NotFound,
        "a request not on file has no addressee",
    );
}
