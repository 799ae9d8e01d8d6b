//! Decisions: grant, extension, denial and its approval; the response letter.

use super::*;
use desk_office::{decision, letter, request, response};

fn status(store: &Store, r: i64) -> String {
    desk_office::form::code_of(&store.request(r).expect("request").status)
}

#[test]
fn record_of_a_grant_decides_the_request_at_once() {
    let mut o = office();
    let (_, r) = o.request("access");
    let today = o.today();
    let before = audit_count(&o.store);
    let row = decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
    assert_eq!(row.outcome, OutcomeKind::Grant);
    assert!(!row.needs_approval, "a grant needs no approval");
    assert_eq!(row.approved_by, None);
    assert_eq!(row.drafted_by, "Pat Official");
    assert!(
        row.summary
            .starts_with("Copies mailed to the address on file (paper copies"),
        "the summary says how access is given: {}",
        row.summary
    );
    assert_eq!(
        status(&o.store, r),
        "decided",
        "a grant decides the request"
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec!["request.begin_review", "decision.draft", "request.grant"],
        "review begins, the decision is drafted and the request granted in one write"
    );
    assert_eq!(
        audited(&o.store, before, "decision.draft").entity_id,
        Some(row.id)
    );
}

#[test]
fn record_refuses_an_incomplete_form_on_its_field_and_writes_nothing() {
    let mut o = office();
    let (_, r) = o.request("access");
    let today = o.today();
    let no_date = DecisionForm {
        available_on: None,
        ..grant_form(r, today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::record(s, &no_date),
            "availableOn",
            "a grant says when access is ready",
        )
    });
    let bad_format = DecisionForm {
        format: "vellum".into(),
        ..grant_form(r, today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::record(s, &bad_format),
            "format",
            "paper or electronic only",
        )
    });
    let no_grounds = DecisionForm {
        grounds: Vec::new(),
        ..denial_form(r)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::record(s, &no_grounds),
            "grounds",
            "a denial names its grounds",
        )
    });
    let unknown = serde_json::from_value::<DecisionForm>(serde_json::json!({
        "requestId": r, "outcome": "maybe", "access": "", "format": "", "availableOn": null,
        "fee": {"method": "none", "records": "", "copying": "", "supplies": "", "postage": "",
                "pages": "", "rate": "", "flat": "", "summary": ""},
        "notify": "", "reason": "", "grounds": [], "explanation": ""
    }))
    .expect_err("grant, extension or denial only");
    assert!(
        unknown.to_string().contains("unknown variant `maybe`"),
        "{unknown}"
    );
    assert!(
        o.store.decisions_of(r).expect("decisions").is_empty(),
        "no decision was drafted"
    );
    assert_eq!(status(&o.store, r), "verified", "the request did not move");
}

#[test]
fn record_of_an_extension_moves_the_due_date_once() {
    let mut o = office();
    let (_, r) = o.request("access");
    let today = o.today();
    let before = audit_count(&o.store);
    let form = DecisionForm {
        reason: "The records are kept at an offsite archive.".into(),
        ..decision_form(r, OutcomeKind::Extension)
    };
    let row = decision::record(&mut o.store, &form).expect("extended");
    assert_eq!(row.outcome, OutcomeKind::Extension);
    assert!(!row.needs_approval, "an extension needs no approval");
    let summary = o.store.request(r).expect("request");
    assert_eq!(
        summary.extension_noticed_on,
        Some(today),
        "the notice is dated today"
    );
    assert_eq!(
        summary.extended_due_on,
        Some(today + Days::new(60)),
        "30 days plus the one 30-day extension"
    );
    assert_eq!(
        summary.effective_due_on(),
        Some(today + Days::new(30)),
        "until its notice is mailed the extension extends nothing"
    );
    assert_eq!(status(&o.store, r), "extended");
    let acts = actions_since(&o.store, before);
    assert!(
        acts.contains(&"decision.draft".to_owned()) && acts.contains(&"request.extend".to_owned()),
        "the extension and its decision are audited together: {acts:?}"
    );
    // The one extension is used: a second is refused on the decision's outcome.
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::record(s, &form),
            "outcome",
            "only one extension is allowed",
        )
    });
    // The notice mailed today, inside the first period: the extended date counts.
    let notice = desk_office::response::respond(&mut o.store, r).expect("the notice");
    let late = desk_office::letter::mark_sent(
        &mut o.store,
        notice.letter_id,
        desk_office::letter::Delivery::Mail,
        &iso(today),
    )
    .expect("mailed");
    assert_eq!(late, None, "mailed in time");
    let page = desk_office::request::page(&mut o.store, r).expect("page");
    assert_eq!(page.extension_mailed_on, Some(today));
    assert_eq!(page.effective_due_on, Some(today + Days::new(60)));
    assert!(!page.extension_late && !page.extension_available);
}

#[test]
fn record_refuses_an_extension_noticed_after_the_first_period() {
    let mut o = office();
    let n = o.employee("E1", "Doe", "Jan");
    let r = o.request_from(n, "access", 40);
    let form = DecisionForm {
        reason: "More time is needed.".into(),
        ..decision_form(r, OutcomeKind::Extension)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::record(s, &form),
            "outcome",
            "an extension noticed after the 30 days extends nothing",
        )
    });
    assert_eq!(
        o.store.request(r).expect("request").extension_noticed_on,
        None
    );
}

#[test]
fn a_staff_denial_waits_for_the_privacy_official_who_alone_approves_it() {
    let mut o = office();
    let (_, r) = o.request("access");
    let mut sam = o.staff();
    let before = audit_count(&sam);
    let row = decision::record(&mut sam, &denial_form(r)).expect("drafted");
    assert_eq!(row.outcome, OutcomeKind::Denial);
    assert!(
        row.needs_approval,
        "every denial waits for the Privacy Official"
    );
    assert_eq!(row.drafted_by, "Sam Staff");
    assert_eq!(row.approved_by, None);
    assert_eq!(status(&sam, r), "pending_approval");
    assert!(actions_since(&sam, before).contains(&"request.draft_denial".to_owned()));

    let queue = decision::approvals(&sam).expect("approvals");
    assert_eq!(queue.len(), 1, "the denial is in the approval queue");
    assert_eq!(queue[0].decision_id, row.id);
    assert_eq!(queue[0].request_id, r);
    assert_eq!(queue[0].kind, RequestKind::Access);
    assert_eq!(queue[0].participant_name, "Jan Doe");
    assert_eq!(queue[0].drafted_by, "Sam Staff");
    assert!(
        queue[0].summary.contains("psychotherapy notes"),
        "the queue shows the grounds in plain words: {}",
        queue[0].summary
    );

    // Staff cannot approve, even their own denial; nothing is written.
    writes_nothing(&mut sam, |s| {
        let e = refused_with(
            decision::approve(s, row.id, ""),
            ErrorCode::Forbidden,
            "staff approve nothing",
        );
        assert_eq!(e.field, None, "a role refusal names no field");
    });
    assert_eq!(
        status(&sam, r),
        "pending_approval",
        "the denial still waits"
    );
    // Nor can a response letter go out before the approval.
    writes_nothing(&mut sam, |s| {
        refused_on(
            response::respond(s, r),
            "decision",
            "a denial's letter waits for approval",
        )
    });

    let before = audit_count(&o.store);
    decision::approve(&mut o.store, row.id, "Reviewed with counsel.").expect("approved");
    assert_eq!(
        status(&o.store, r),
        "decided",
        "the approved denial decides the request"
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec!["decision.approve", "request.approve_denial"]
    );
    let approved = request::page(&mut o.store, r).expect("page");
    assert_eq!(
        approved.decisions[0].approved_by.as_deref(),
        Some("Pat Official")
    );
    assert!(
        decision::approvals(&o.store).expect("approvals").is_empty(),
        "the queue is empty"
    );

    // Approving it again is refused on the decision.
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::approve(s, row.id, ""),
            "decision",
            "it is already approved",
        )
    });
    let done = response::respond(&mut o.store, r).expect("the denial letter");
    assert_eq!(done.title, "Response to Inspection Request");
    assert_pdf(
        &letter::pdf(&mut o.store, done.letter_id).expect("bytes"),
        "the denial letter",
    );
}

#[test]
fn approve_refuses_a_grant_which_needs_no_approval() {
    let mut o = office();
    let (_, r) = o.request("access");
    let today = o.today();
    let row = decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::approve(s, row.id, ""),
            "decision",
            "only a denial is approved",
        )
    });
}

#[test]
fn approvals_is_empty_without_a_pending_denial() {
    let mut o = office();
    let (_, r) = o.request("access");
    let today = o.today();
    decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
    let queue = writes_nothing(&mut o.store, |s| decision::approvals(s).expect("approvals"));
    assert!(queue.is_empty(), "a grant never enters the approval queue");
}

#[test]
fn respond_issues_the_response_letter_for_a_grant() {
    let mut o = office();
    let (_, r) = o.request("access");
    let today = o.today();
    decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
    let before = audit_count(&o.store);
    let done = response::respond(&mut o.store, r).expect("the letter");
    assert_eq!(done.title, "Response to Inspection Request");
    assert_eq!(done.sha256.len(), 64, "the letter is kept with its SHA-256");
    let pdf = letter::pdf(&mut o.store, done.letter_id).expect("its bytes");
    assert_pdf(&pdf, "the access response");
    let letters = o.store.letters_of(r).expect("letters");
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].kind, "access_response");
    assert_eq!(letters[0].sha256, done.sha256);
    assert_eq!(
        audited(&o.store, before, "letter.store").entity_id,
        Some(done.letter_id)
    );
}

#[test]
fn respond_to_an_accepted_amendment_keeps_a_notice_for_each_person_told() {
    let mut o = office();
    let (_, r) = o.request("amendment");
    let form = DecisionForm {
        notify: "Dr Ames, 2 Clinic Road; Sampleton FL 32960\nBlue Lab, 9 Test Way".into(),
        ..decision_form(r, OutcomeKind::Grant)
    };
    let row = decision::record(&mut o.store, &form).expect("accepted");
    assert_eq!(row.summary, "amend the record; tell 2 people");
    let before = audit_count(&o.store);
    let done = response::respond(&mut o.store, r).expect("letters");
    assert_eq!(done.title, "Response to Amendment or Correction Request");
    assert_pdf(
        &letter::pdf(&mut o.store, done.letter_id).expect("bytes"),
        "the amendment response",
    );
    let kinds: Vec<String> = o
        .store
        .letters_of(r)
        .expect("letters")
        .into_iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            "amendment_response",
            "amendment_notice",
            "amendment_notice",
            "associate_amendment_notice"
        ],
        "the response, one notice per person told and one per associate holding the record \
         are kept together"
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec![
            "letter.store",
            "letter.store",
            "letter.store",
            "letter.store",
            "associate.notice",
            "letter.view"
        ],
        "four letters and the associate's notice kept in one write, then the response viewed"
    );
}

#[test]
fn respond_refuses_a_request_without_a_decision() {
    let mut o = office();
    let (_, r) = o.request("access");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            response::respond(s, r),
            "decision",
            "there is nothing to answer with yet",
        )
    });
    assert!(
        o.store.letters_of(r).expect("letters").is_empty(),
        "no letter was kept"
    );
}

#[test]
fn the_access_fee_is_priced_by_the_rule_and_refused_on_its_field() {
    use desk_office::decision::{FeeForm, FeeMethod};
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let fee = |method, f: fn(&mut FeeForm)| {
        let mut x = FeeForm {
            method,
            records: "electronic".into(),
            ..FeeForm::default()
        };
        f(&mut x);
        x
    };
    let grant = |r: i64, format: &str, fee: FeeForm| DecisionForm {
        format: format.into(),
        fee,
        ..grant_form(r, today)
    };
    let refusals = [
        (
            "electronic",
            fee(FeeMethod::Flat, |f| f.flat = "6.51".into()),
            "fee.flat",
            "at most $6.50, not $6.51",
        ),
        (
            "paper",
            fee(FeeMethod::Flat, |f| f.flat = "5.00".into()),
            "fee.method",
            "electronic copies of electronic records",
        ),
        (
            "electronic",
            fee(FeeMethod::Flat, |f| f.records = "paper".into()),
            "fee.flat",
            "flat fee",
        ),
        (
            "paper",
            fee(FeeMethod::Actual, |f| f.copying = "12.5.0".into()),
            "fee.copying",
            "dollars and cents",
        ),
        (
            "paper",
            fee(FeeMethod::Average, |f| f.rate = "0.10".into()),
            "fee.pages",
            "pages",
        ),
        (
            "paper",
            fee(FeeMethod::Actual, |f| f.records = "vellum".into()),
            "fee.records",
            "",
        ),
    ];
    let r = o.request_from(p, "access", 3);
    for (format, f, field, words) in refusals {
        let e = writes_nothing(&mut o.store, |s| {
            decision::record(s, &grant(r, format, f)).expect_err(field)
        });
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
        assert!(e.message.contains(words), "{field}: {}", e.message);
    }
    let late = DecisionForm {
        available_on: Some(today + Days::new(40)),
        ..grant_form(r, today)
    };
    let e = writes_nothing(&mut o.store, |s| {
        decision::record(s, &late).expect_err("late")
    });
    assert_eq!(e.field.as_deref(), Some("availableOn"));
    assert!(e.message.contains("due date"), "{}", e.message);

    // Actual cost: copying, supplies and postage, told in advance.
    let actual = fee(FeeMethod::Actual, |f| {
        f.records = "paper".into();
        f.copying = "4.80".into();
        f.supplies = ".50".into();
        f.postage = "$1.20".into();
    });
    let row = decision::record(&mut o.store, &grant(r, "paper", actual)).expect("priced");
    assert!(row.summary.contains("$6.50"), "{}", row.summary);

    // Average cost: 30 pages at 10 cents, and postage.
    let r2 = o.request_from(p, "access", 2);
    let average = fee(FeeMethod::Average, |f| {
        f.records = "paper".into();
        f.pages = "30".into();
        f.rate = "0.10".into();
        f.postage = "1.50".into();
    });
    let row = decision::record(&mut o.store, &grant(r2, "paper", average)).expect("priced");
    assert!(row.summary.contains("$4.50"), "{}", row.summary);

    // A flat fee, for an electronic copy of electronic records.
    let r3 = o.request_from(p, "access", 1);
    let flat = fee(FeeMethod::Flat, |f| f.flat = "6.50".into());
    let row = decision::record(&mut o.store, &grant(r3, "electronic", flat)).expect("priced");
    assert!(row.summary.contains("$6.50"), "{}", row.summary);
}

#[test]
fn a_partial_denial_states_what_is_released_and_what_is_denied_and_where_to_send() {
    let mut o = office();
    let (_, r) = o.request("access");
    let acme = associate_id(&o.store, ASSOCIATE);
    let partial = |held_by_associate_id: Option<i64>, held_by: &str, released: &str| DecisionForm {
        withheld: "The notes of the 2024 counselling visits".into(),
        released: released.into(),
        held_by_associate_id,
        held_by: held_by.into(),
        ..denial_form(r)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::record(s, &partial(Some(999), "", "Claims for 2024")),
            "heldByAssociateId",
            "only an associate of the register",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::record(s, &partial(None, "Nobody Inc.", "Claims for 2024")),
            "heldBy",
            "a holder typed in gives its address too",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::record(
                s,
                &partial(Some(acme), "Nobody Inc.\n1 Road", "Claims for 2024"),
            ),
            "heldBy",
            "one holder: from the register or typed",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            decision::record(s, &partial(None, "", "  ")),
            "released",
            "a partial denial releases the rest",
        )
    });
    let row = decision::record(&mut o.store, &partial(Some(acme), "", "Claims for 2024"))
        .expect("drafted");
    decision::approve(&mut o.store, row.id, "").expect("approved");
    let done = response::respond(&mut o.store, r).expect("letter");
    let text = pdf_text(&o.store.letter(done.letter_id).expect("letter").pdf);
    for said in [
        "Denied, for the reasons above: The notes of the 2024 counselling visits.",
        "Released to you: Claims for 2024. The Plan will give you access",
        "psychotherapy notes",
        "Records the Plan does not hold",
        ASSOCIATE,
        "5 Side Street",
    ] {
        assert!(text.contains(said), "the letter says {said:?}:\n{text}");
    }

    // A holder that is not an associate of the plan, typed in with its address.
    let (_, r2) = o.request("access");
    let typed = DecisionForm {
        held_by: "Sampleton Family Clinic\n12 Clinic Way\nSampleton, FL 32960".into(),
        ..denial_form(r2)
    };
    let row = decision::record(&mut o.store, &typed).expect("drafted");
    decision::approve(&mut o.store, row.id, "").expect("approved");
    let done = response::respond(&mut o.store, r2).expect("letter");
    let text = pdf_text(&o.store.letter(done.letter_id).expect("letter").pdf);
    for said in ["Sampleton Family Clinic", "12 Clinic Way"] {
        assert!(text.contains(said), "the letter says {said:?}:\n{text}");
    }
}

#[test]
fn the_privacy_official_returns_a_denial_with_her_reason_and_staff_revise_it() {
    let mut o = office();
    let (_, r) = o.request("access");
    let mut sam = o.staff();
    let row = decision::record(&mut sam, &denial_form(r)).expect("drafted");
    let e = writes_nothing(&mut sam, |s| {
        decision::return_denial(s, row.id, "Not psychotherapy notes").expect_err("staff")
    });
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = writes_nothing(&mut o.store, |s| {
        decision::return_denial(s, row.id, "  ").expect_err("why")
    });
    assert_eq!(e.field.as_deref(), Some("reason"));
    let before = audit_count(&o.store);
    decision::return_denial(
        &mut o.store,
        row.id,
        "These are claims, not psychotherapy notes: grant access.",
    )
    .expect("returned");
    assert_eq!(
        actions_since(&o.store, before),
        vec!["request.return_denial"]
    );
    assert_eq!(status(&o.store, r), "in_review");
    assert!(decision::approvals(&o.store).expect("queue").is_empty());
    let page = desk_office::request::page(&mut sam, r).expect("page");
    assert_eq!(page.returns.len(), 1);
    assert_eq!(page.returns[0].returned_by, "Pat Official");
    assert!(page.returns[0].reason.contains("grant access"));
    assert!(
        page.decisions_open.contains(&"grant".to_owned()),
        "staff decide again"
    );
    let e = writes_nothing(&mut o.store, |s| {
        decision::return_denial(s, row.id, "again").expect_err("once")
    });
    assert_eq!(e.field.as_deref(), Some("decision"));
    let today = o.today();
    decision::record(&mut sam, &grant_form(r, today)).expect("granted instead");
    assert_eq!(status(&sam, r), "decided");
}

#[test]
fn an_extension_notice_mailed_after_the_first_period_extends_nothing_and_says_so() {
    // Received 2025-01-31, due 03-02, drafted 03-02, mailed 03-04: that notice is late.
    let at = |day: &str| -> chrono::DateTime<Utc> {
        format!("{day}T15:00:00Z").parse().expect("moment")
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("demo.db");
    let account = desk_office::setup::FirstOfficial {
        username: PO_USER.into(),
        display_name: "Pat Official".into(),
        password: pw(PO_PASSWORD),
    };
    let (opened, _code) =
        desk_office::demo::create(&path, &organization(), &account, at("2025-01-31"))
            .expect("a demo database, on its own clock");
    let mut o = Office {
        dir,
        path,
        store: opened.store,
    };
    let p = o.employee("E1", "Doe", "Jan");
    let r = o.request_from(p, "access", 0);
    desk_office::demo::set_clock(&mut o.store, at("2025-03-02")).expect("clock");
    let form = DecisionForm {
        reason: "The records are kept at an offsite archive.".into(),
        ..decision_form(r, OutcomeKind::Extension)
    };
    decision::record(&mut o.store, &form).expect("drafted on the last day");
    let notice = response::respond(&mut o.store, r).expect("the notice");
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.extended_due_on, Some(d("2025-04-01")));
    assert_eq!(
        page.effective_due_on,
        Some(d("2025-03-02")),
        "not mailed yet: the first period's date counts"
    );
    desk_office::demo::set_clock(&mut o.store, at("2025-03-04")).expect("clock");
    let warning = letter::mark_sent(
        &mut o.store,
        notice.letter_id,
        letter::Delivery::Mail,
        "2025-03-04",
    )
    .expect("the mailing is recorded as it happened")
    .expect("and the late notice is said");
    assert!(
        warning.contains("2025-03-04") && warning.contains("2025-03-02"),
        "{warning}"
    );
    let page = request::page(&mut o.store, r).expect("page");
    assert!(page.extension_late);
    assert_eq!(page.extension_mailed_on, Some(d("2025-03-04")));
    assert_eq!(page.effective_due_on, Some(d("2025-03-02")));
    assert!(page.overdue, "the request was due on 2025-03-02");
}
