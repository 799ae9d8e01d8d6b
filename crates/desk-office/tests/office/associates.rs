//! Business associates: the register's operations, a request forwarded to the associate that
//! holds the records (its letter and clock, the reply), the dashboard's warning, and the notices
//! of an accepted amendment, an agreed or ended restriction and an accommodation.

use super::*;
use desk_core::associate::{Duty, Holding, NoticeKind, ReplyStanding};
use desk_office::associate::{self, AssociateForm, ForwardForm, ReplyForm};
use desk_office::communication::{self, CommunicationDecisionForm};
use desk_office::restriction::{self, EndRestrictionForm, RestrictionDecisionForm};
use desk_office::{dashboard, decision, request, response, settings};

const CLAIMS: &str = "Blue Cross and Blue Shield of Florida";
const MAIL_HOUSE: &str = "Sampleton Mail Services";

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A stored letter's text, whitespace collapsed.
fn letter_text(store: &Store, letter_id: i64) -> String {
    squash(&pdf_text(&store.letter(letter_id).expect("the letter").pdf))
}

#[track_caller]
fn says(text: &str, what: &str, statements: &[&str]) {
    for s in statements {
        assert!(text.contains(&squash(s)), "{what} says {s:?}:\n{text}");
    }
}

fn claims_form() -> AssociateForm {
    AssociateForm {
        name: CLAIMS.into(),
        address: "4800 Deerwood Campus Parkway\nJacksonville, FL 32246".into(),
        contact: "Privacy Office".into(),
        holds: vec![Holding::Claims],
        agreement_on: "2019-01-01".into(),
        access_days: "15".into(),
        amendment_days: "10".into(),
        accounting_days: "15".into(),
        incident_days: "5".into(),
        ended_on: String::new(),
    }
}

fn mail_form() -> AssociateForm {
    AssociateForm {
        name: MAIL_HOUSE.into(),
        address: "77 Press Road\nSampleton, FL 32960".into(),
        contact: String::new(),
        holds: vec![Holding::Mail],
        agreement_on: String::new(),
        ..claims_form()
    }
}

/// The claims administrator added to the register. Returns its id.
fn claims_administrator(o: &mut Office) -> i64 {
    associate::add(&mut o.store, &claims_form())
        .expect("added")
        .id
}

#[test]
fn the_register_is_read_by_staff_and_changed_by_the_privacy_official_alone() {
    let mut o = office();
    let mut sam = o.staff();
    let view = writes_nothing(&mut sam, |s| associate::register(s).expect("staff read it"));
    assert!(!view.can_edit, "staff read the register");
    assert_eq!(view.associates.len(), 1, "the set-up's associate");
    assert_eq!(view.associates[0].name, ASSOCIATE);
    assert_eq!(view.associates[0].holds, vec![Holding::Other]);
    assert_eq!(view.defaults.access_days, 15);
    assert_eq!((view.days.min, view.days.max), (1, 60));
    assert_eq!(view.holdings.len(), Holding::ALL.len());
    writes_nothing(&mut sam, |s| {
        refused_with(
            associate::add(s, &claims_form()),
            ErrorCode::Forbidden,
            "staff add no associate",
        )
    });
    let acme = associate_id(&o.store, ASSOCIATE);
    let today = iso(o.today());
    writes_nothing(&mut sam, |s| {
        refused_with(
            associate::end(s, acme, &today),
            ErrorCode::Forbidden,
            "staff end no agreement",
        )
    });
    assert!(associate::register(&o.store).expect("read").can_edit);
}

#[test]
fn each_field_that_cannot_stand_is_refused_on_its_name_and_nothing_is_written() {
    let mut o = office();
    let tomorrow = iso(o.today() + Days::new(1));
    type Spoil = fn(&mut AssociateForm, &str);
    let cases: [(&str, Spoil); 12] = [
        ("name", |f, _| f.name = "  ".into()),
        ("address", |f, _| f.address = "\n \n".into()),
        ("holds", |f, _| f.holds.clear()),
        ("accessDays", |f, _| f.access_days = "0".into()),
        ("accessDays", |f, _| f.access_days = "fifteen".into()),
        ("amendmentDays", |f, _| f.amendment_days = "61".into()),
        ("accountingDays", |f, _| f.accounting_days = "".into()),
        ("incidentDays", |f, _| f.incident_days = "-5".into()),
        ("agreementOn", |f, _| f.agreement_on = "01/01/2019".into()),
        ("agreementOn", |f, t| f.agreement_on = t.into()),
        ("endedOn", |f, t| f.ended_on = t.into()),
        ("endedOn", |f, _| f.ended_on = "2018-12-31".into()),
    ];
    for (field, spoil) in cases {
        let mut form = claims_form();
        spoil(&mut form, &tomorrow);
        writes_nothing(&mut o.store, |s| {
            refused_on(associate::add(s, &form), field, "named by its field")
        });
    }
    assert_eq!(o.store.associates().expect("register").len(), 1);
}

#[test]
fn add_correct_and_end_each_write_one_audited_change_and_nothing_is_deleted() {
    let mut o = office();
    let before = audit_count(&o.store);
    let row = associate::add(&mut o.store, &claims_form()).expect("added");
    assert_eq!(actions_since(&o.store, before), vec!["associate.add"]);
    assert_eq!(row.name, CLAIMS);
    assert_eq!(
        row.address,
        vec!["4800 Deerwood Campus Parkway", "Jacksonville, FL 32246"]
    );
    assert_eq!(row.agreement_on, Some(d("2019-01-01")));
    assert!(row.active);

    let before = audit_count(&o.store);
    let corrected = associate::correct(
        &mut o.store,
        row.id,
        &AssociateForm {
            access_days: "12".into(),
            holds: vec![Holding::Claims, Holding::Mail],
            ..claims_form()
        },
    )
    .expect("corrected");
    assert_eq!(actions_since(&o.store, before), vec!["associate.update"]);
    assert_eq!(corrected.duties.access_days, 12);
    assert_eq!(corrected.holds, vec![Holding::Claims, Holding::Mail]);

    let today = o.today();
    writes_nothing(&mut o.store, |s| {
        refused_on(associate::end(s, row.id, "soon"), "endedOn", "a date")
    });
    let before = audit_count(&o.store);
    let ended = associate::end(&mut o.store, row.id, &iso(today)).expect("ended");
    assert_eq!(actions_since(&o.store, before), vec!["associate.end"]);
    assert_eq!(ended.ended_on, Some(today));
    assert!(!ended.active, "an agreement ended today runs no more");
    writes_nothing(&mut o.store, |s| {
        refused_on(associate::end(s, row.id, &iso(today)), "endedOn", "once")
    });
    let view = associate::register(&o.store).expect("register");
    assert_eq!(view.associates.len(), 2, "the ended entry is kept");
    let letterhead = o.store.organization().expect("profile").business_associates;
    assert_eq!(
        letterhead
            .iter()
            .map(|b| b.name.as_str())
            .collect::<Vec<_>>(),
        vec![ASSOCIATE],
        "the letterhead lists only associates whose agreement runs"
    );
}

#[test]
fn saving_the_profile_leaves_the_register_as_it_was() {
    let mut o = office();
    claims_administrator(&mut o);
    let view = settings::get(&o.store).expect("settings");
    assert_eq!(view.associates_active, 2);
    let profile = settings::ProfileForm {
        phone: "555-020-0000".into(),
        ..view.organization
    };
    settings::save_organization(&mut o.store, &profile).expect("saved");
    assert_eq!(o.store.associates().expect("register").len(), 2);
    assert_eq!(
        settings::get(&o.store).expect("settings").associates_active,
        2
    );
}

#[test]
fn a_request_is_forwarded_with_the_agreements_clock_beside_the_plans_and_its_reply_recorded() {
    let mut o = office();
    let claims = claims_administrator(&mut o);
    let p = o.employee("SC10001", "Ashgrove", "Avery");
    let r = o.request_from(p, "access", 2);
    let today = o.today();
    let forward = |associate_id: Option<i64>, sent_on: String| ForwardForm {
        request_id: r,
        associate_id,
        sent_on,
    };

    // What the page offers before: the associates, with the day each would owe its reply.
    let page = request::page(&mut o.store, r).expect("page");
    assert!(page.forward_open);
    let option = page
        .associates
        .iter()
        .find(|a| a.id == claims)
        .expect("the claims administrator is offered");
    assert_eq!(option.days, Some(15));
    assert_eq!(option.due_if_sent_today, Some(today + Days::new(15)));

    writes_nothing(&mut o.store, |s| {
        refused_on(
            associate::forward(s, &forward(None, iso(today))),
            "associateId",
            "an associate must be chosen",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            associate::forward(s, &forward(Some(999), iso(today))),
            "associateId",
            "only an associate of the register",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            associate::forward(s, &forward(Some(claims), "tomorrow".into())),
            "sentOn",
            "a date",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            associate::forward(s, &forward(Some(claims), iso(today + Days::new(1)))),
            "sentOn",
            "not in the future",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            associate::forward(s, &forward(Some(claims), iso(today - Days::new(3)))),
            "sentOn",
            "not before the request came",
        )
    });

    // Staff forward it: the letter and the associate's clock in one write.
    let mut sam = o.staff();
    let before = audit_count(&sam);
    let done = associate::forward(&mut sam, &forward(Some(claims), iso(today))).expect("sent");
    assert_eq!(done.title, "Request to a Business Associate");
    assert_eq!(
        actions_since(&sam, before),
        vec!["letter.store", "associate.forward"],
        "the letter and the clock are one write"
    );
    let due = today + Days::new(15);
    let text = letter_text(&o.store, done.letter_id);
    says(
        &text,
        "the forwarding letter",
        &[
            CLAIMS,
            "Attention: Privacy Office",
            "Name: Avery Ashgrove",
            "Member ID: SC10001",
            "Date of birth: January 1, 1980",
            "claims history for 2024",
            "signed January 1, 2019",
            "within 15 days of the Plan's request",
            &format!(
                "no later than {}, 15 days from the date of this letter",
                desk_core::letter::long_date(due)
            ),
            &format!(
                "The Plan must answer the individual by {}",
                desk_core::letter::long_date(o.today() + Days::new(28))
            ),
            "Send your reply and the records to the Privacy Official",
        ],
    );
    assert!(
        !text.contains("12 Palm Avenue"),
        "only what finds the record goes to the associate, not the individual's address: {text}"
    );

    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.associate_requests.len(), 1);
    let q = &page.associate_requests[0];
    assert_eq!(
        (
            q.associate_name.as_str(),
            q.duty,
            q.sent_on,
            q.due_on,
            q.days
        ),
        (CLAIMS, Duty::Access, today, due, 15)
    );
    assert_eq!(q.standing, ReplyStanding::Waiting);
    assert_eq!(q.days_left, 15);
    assert_eq!(q.letter_id, Some(done.letter_id));
    assert_eq!(page.effective_due_on, Some(today + Days::new(28)));
    assert!(page
        .letters
        .iter()
        .any(|l| l.id == done.letter_id && l.title == "Request to a Business Associate"));
    writes_nothing(&mut o.store, |s| {
        refused_on(
            associate::forward(s, &forward(Some(claims), iso(today))),
            "associateId",
            "asked once until it replies",
        )
    });

    // The reply.
    let reply = |received_on: String, note: &str| ReplyForm {
        associate_request_id: q.id,
        received_on,
        note: note.into(),
    };
    writes_nothing(&mut sam, |s| {
        refused_on(
            associate::reply(s, &reply(iso(today + Days::new(1)), "")),
            "receivedOn",
            "not in the future",
        )
    });
    writes_nothing(&mut sam, |s| {
        refused_on(
            associate::reply(s, &reply(iso(today), &"x".repeat(2_001))),
            "note",
            "at most 2,000 characters",
        )
    });
    let before = audit_count(&sam);
    let row = associate::reply(
        &mut sam,
        &reply(iso(today), "Claims for 2024 sent on CD, 14 pages."),
    )
    .expect("recorded");
    assert_eq!(actions_since(&sam, before), vec!["associate.reply"]);
    assert_eq!(row.standing, ReplyStanding::OnTime);
    assert_eq!(row.replied_on, Some(today));
    assert_eq!(row.reply_note, "Claims for 2024 sent on CD, 14 pages.");
    writes_nothing(&mut sam, |s| {
        refused_on(
            associate::reply(s, &reply(iso(today), "")),
            "receivedOn",
            "recorded once",
        )
    });
    // Answered as any access request.
    decision::record(&mut sam, &grant_form(r, today)).expect("granted");
    let done = response::respond(&mut sam, r).expect("the response");
    assert_eq!(done.title, "Response to Inspection Request");
}

#[test]
fn only_an_access_or_amendment_request_that_waits_is_forwarded() {
    let mut o = office();
    let claims = claims_administrator(&mut o);
    let (_, r) = o.request("restriction");
    let today = o.today();
    let page = request::page(&mut o.store, r).expect("page");
    assert!(!page.forward_open, "a restriction request is not forwarded");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            associate::forward(
                s,
                &ForwardForm {
                    request_id: r,
                    associate_id: Some(claims),
                    sent_on: iso(today),
                },
            ),
            "associateId",
            "only access or amendment",
        )
    });

    // An amendment is forwarded for the records it concerns, on the amendment's days.
    let (_, r) = o.request("amendment");
    let done = associate::forward(
        &mut o.store,
        &ForwardForm {
            request_id: r,
            associate_id: Some(claims),
            sent_on: iso(today),
        },
    )
    .expect("forwarded");
    let text = letter_text(&o.store, done.letter_id);
    says(
        &text,
        "an amendment forwarded",
        &[
            "45 CFR 164.526",
            "within 10 days",
            "Do not change the records yet",
        ],
    );
    let q = &o.store.associate_requests_of(r).expect("asked")[0];
    assert_eq!((q.duty, q.due_on), (Duty::Amendment, today + Days::new(10)));

    // An ended agreement is offered no more and refused.
    associate::end(&mut o.store, claims, &iso(today)).expect("ended");
    let (_, r) = o.request("access");
    let page = request::page(&mut o.store, r).expect("page");
    assert!(page.associates.iter().all(|a| a.id != claims));
    writes_nothing(&mut o.store, |s| {
        refused_on(
            associate::forward(
                s,
                &ForwardForm {
                    request_id: r,
                    associate_id: Some(claims),
                    sent_on: iso(today),
                },
            ),
            "associateId",
            "its agreement has ended",
        )
    });
}

#[test]
fn the_dashboard_warns_of_a_reply_due_within_the_warning_days_or_late_until_it_comes() {
    let mut o = office();
    let claims = associate::add(
        &mut o.store,
        &AssociateForm {
            access_days: "3".into(),
            ..claims_form()
        },
    )
    .expect("added")
    .id;
    let p = o.employee("SC10002", "Brindlecombe", "Briar");
    let soon = o.request_from(p, "access", 1);
    let late = o.request_from(p, "access", 10);
    let quiet = o.request_from(p, "access", 0);
    let today = o.today();
    let send = |o: &mut Office, r: i64, on: NaiveDate| {
        associate::forward(
            &mut o.store,
            &ForwardForm {
                request_id: r,
                associate_id: Some(claims),
                sent_on: iso(on),
            },
        )
        .expect("forwarded")
    };
    send(&mut o, soon, today - Days::new(1));
    send(&mut o, late, today - Days::new(9));
    // A 15-day clock that started today is not yet warned of.
    associate::correct(&mut o.store, claims, &claims_form()).expect("15 days again");
    send(&mut o, quiet, today);

    let board = dashboard::get(&o.store).expect("dashboard");
    let warned: Vec<(i64, ReplyStanding, i64)> = board
        .associate_replies
        .iter()
        .map(|w| (w.request_id, w.standing, w.days_left))
        .collect();
    assert_eq!(
        warned,
        vec![
            (late, ReplyStanding::Late, -6),
            (soon, ReplyStanding::DueSoon, 2)
        ],
        "late and due soon, soonest first; a reply with days to go is not warned of"
    );
    assert_eq!(board.associate_replies[0].associate_name, CLAIMS);
    assert_eq!(board.associate_replies[0].participant, "Briar Brindlecombe");

    let q = o.store.associate_requests_of(late).expect("asked")[0].id;
    associate::reply(
        &mut o.store,
        &ReplyForm {
            associate_request_id: q,
            received_on: iso(today),
            note: String::new(),
        },
    )
    .expect("replied");
    let board = dashboard::get(&o.store).expect("dashboard");
    assert_eq!(
        board
            .associate_replies
            .iter()
            .map(|w| w.request_id)
            .collect::<Vec<_>>(),
        vec![soon],
        "a reply recorded, late or not, is warned of no more"
    );
    let page = request::page(&mut o.store, late).expect("page");
    assert_eq!(
        page.associate_requests[0].standing,
        ReplyStanding::ReceivedLate
    );
}

#[test]
fn an_accepted_amendment_reaches_the_associates_that_hold_the_record_as_ticked() {
    let mut o = office();
    let claims = claims_administrator(&mut o);
    let mail = associate::add(&mut o.store, &mail_form())
        .expect("added")
        .id;
    let acme = associate_id(&o.store, ASSOCIATE);
    let (_, r) = o.request("amendment");
    decision::record(&mut o.store, &decision_form(r, OutcomeKind::Grant)).expect("accepted");

    // The page offers every associate, the holders of a record ticked.
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.notice_kind, Some(NoticeKind::Amendment));
    let ticked: Vec<(i64, bool)> = page
        .notice_candidates
        .iter()
        .map(|c| (c.associate_id, c.ticked))
        .collect();
    assert!(ticked.contains(&(claims, true)));
    assert!(ticked.contains(&(acme, true)));
    assert!(
        ticked.contains(&(mail, false)),
        "a mail house holds no record to amend"
    );

    writes_nothing(&mut o.store, |s| {
        refused_on(
            response::respond_telling(s, r, Some(&[claims, 999])),
            "associateIds",
            "only associates of the register",
        )
    });
    // Staff untick Acme: only the claims administrator is told.
    let before = audit_count(&o.store);
    response::respond_telling(&mut o.store, r, Some(&[claims])).expect("letters");
    assert_eq!(
        actions_since(&o.store, before),
        vec!["letter.store", "letter.store", "associate.notice"],
        "the response and the associate's notice in one write"
    );
    let told = o.store.associate_notices_of(r).expect("notices");
    assert_eq!(told.len(), 1);
    assert_eq!(
        (told[0].associate_id, told[0].kind),
        (claims, NoticeKind::Amendment)
    );
    let today = o.today();
    let text = letter_text(&o.store, told[0].letter_id.expect("its letter"));
    says(
        &text,
        "the amendment notice",
        &[
            "Notice of Amendment to a Business Associate",
            CLAIMS,
            "Jan Doe",
            "claims history for 2024",
            &format!("On {}", desk_core::letter::long_date(today)),
            "amend the records you hold for the Plan",
            &format!(
                "within 10 days of this notice, by {}, please:",
                desk_core::letter::long_date(today + Days::new(10))
            ),
        ],
    );
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.notice_kind, None, "the letters are prepared");
    assert_eq!(page.associate_notices.len(), 1);
    assert_eq!(page.associate_notices[0].associate_name, CLAIMS);
}

#[test]
fn an_agreed_restriction_and_its_end_reach_the_associates_ticked() {
    let mut o = office();
    let claims = claims_administrator(&mut o);
    let mail = associate::add(&mut o.store, &mail_form())
        .expect("added")
        .id;
    let acme = associate_id(&o.store, ASSOCIATE);
    let (p, r) = o.request("restriction");
    restriction::decide(
        &mut o.store,
        &RestrictionDecisionForm {
            request_id: r,
            outcome: "agree".into(),
            information: "Claims for counseling visits".into(),
            manner: "Not to be used for plan operations reviews".into(),
            not_disclosed_to: String::new(),
            reason: String::new(),
        },
    )
    .expect("agreed");
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.notice_kind, Some(NoticeKind::Restriction));
    // Staff tick the claims administrator alone.
    let done = response::respond_telling(&mut o.store, r, Some(&[claims])).expect("letters");
    let response_text = letter_text(&o.store, done.letter_id);
    assert!(
        response_text.contains(CLAIMS) && !response_text.contains(ASSOCIATE),
        "the response names the associates told:\n{response_text}"
    );
    let told = o.store.associate_notices_of(r).expect("notices");
    assert_eq!(
        told.iter()
            .map(|n| (n.associate_id, n.kind))
            .collect::<Vec<_>>(),
        vec![(claims, NoticeKind::Restriction)]
    );
    let text = letter_text(&o.store, told[0].letter_id.expect("its letter"));
    says(
        &text,
        "the restriction notice",
        &[
            "Notice of Agreed Restriction",
            CLAIMS,
            "Jan Doe",
            "Claims for counseling visits",
            "please observe this restriction from the date of this notice",
        ],
    );

    // Its end goes to those told of it unless staff tick otherwise.
    let row = restriction::list(&o.store, p).expect("register").remove(0);
    let ticked: Vec<(i64, bool)> = row
        .end_candidates
        .iter()
        .map(|c| (c.associate_id, c.ticked))
        .collect();
    assert!(ticked.contains(&(claims, true)));
    assert!(ticked.contains(&(acme, false)));
    assert!(ticked.contains(&(mail, false)));
    let today = o.today();
    let end = |associate_ids: Option<Vec<i64>>| EndRestrictionForm {
        restriction_id: row.id,
        ended_on: iso(today),
        ended_by: "plan".into(),
        associate_ids,
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            restriction::end_telling(s, &end(Some(vec![999]))),
            "associateIds",
            "only associates of the register",
        )
    });
    let before = audit_count(&o.store);
    restriction::end_telling(&mut o.store, &end(None)).expect("ended");
    assert_eq!(
        actions_since(&o.store, before),
        vec![
            "restriction.end",
            "letter.store",
            "letter.store",
            "associate.notice"
        ],
        "the end, the letter to the individual and the associate's notice in one write"
    );
    let told = o.store.associate_notices_of(r).expect("notices");
    assert_eq!(
        (told[1].associate_id, told[1].kind),
        (claims, NoticeKind::RestrictionEnd)
    );
    let text = letter_text(&o.store, told[1].letter_id.expect("its letter"));
    says(
        &text,
        "the end's notice",
        &[
            "Notice That a Restriction Has Ended",
            "Jan Doe",
            "Claims for counseling visits",
            "keep observing it for that information",
        ],
    );
}

#[test]
fn an_accommodation_reaches_the_associates_that_send_mail() {
    let mut o = office();
    let claims = claims_administrator(&mut o);
    let mail = associate::add(&mut o.store, &mail_form())
        .expect("added")
        .id;
    let acme = associate_id(&o.store, ASSOCIATE);
    let (p, r) = o.request("confidential_communication");
    communication::decide(
        &mut o.store,
        &CommunicationDecisionForm {
            request_id: r,
            outcome: "accommodate".into(),
            alternate_address: "PO Box 4410\nSampleton, FL 32961".into(),
            alternate_means: String::new(),
            endangerment: true,
            reason: String::new(),
        },
    )
    .expect("accommodated");
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(
        page.notice_kind,
        Some(NoticeKind::ConfidentialCommunication)
    );
    let ticked: Vec<(i64, bool)> = page
        .notice_candidates
        .iter()
        .map(|c| (c.associate_id, c.ticked))
        .collect();
    assert!(
        ticked.contains(&(claims, true)),
        "claims statements go by mail"
    );
    assert!(ticked.contains(&(mail, true)));
    assert!(ticked.contains(&(acme, false)), "Acme sends no mail");

    let before = audit_count(&o.store);
    response::respond(&mut o.store, r).expect("letters");
    assert_eq!(
        actions_since(&o.store, before)
            .iter()
            .filter(|a| *a == "associate.notice")
            .count(),
        2,
        "one notice to each associate that sends mail, in the entry's write"
    );
    let told = o.store.associate_notices_of(r).expect("notices");
    let mut told_to: Vec<i64> = told.iter().map(|n| n.associate_id).collect();
    told_to.sort_unstable();
    let mut expected = vec![claims, mail];
    expected.sort_unstable();
    assert_eq!(told_to, expected);
    let today = o.today();
    for n in &told {
        assert_eq!(n.kind, NoticeKind::ConfidentialCommunication);
        let text = letter_text(&o.store, n.letter_id.expect("its letter"));
        says(
            &text,
            "the accommodation's notice",
            &[
                "Notice of Confidential Communications",
                &n.associate_name,
                "Jan Doe",
                "45 CFR 164.522(b)",
                &format!(
                    "From {}, send every letter",
                    desk_core::letter::long_date(today)
                ),
                "PO Box 4410",
                "nothing to the address you had on file",
            ],
        );
        assert!(
            !text.contains("12 Palm Avenue"),
            "the address on file is not repeated to the associate: {text}"
        );
    }
    // The individual's letter goes to the new address; the notices are no part of it.
    let response = o
        .store
        .letters_of(r)
        .expect("letters")
        .into_iter()
        .find(|l| l.kind == "confidential_communication_response")
        .expect("the response");
    let text = letter_text(&o.store, response.id);
    assert!(text.contains("PO Box 4410"), "{text}");

    // Its end at the person's request: the associates told of it are told it has ended, in
    // the end's own write (the notice of the accommodation promised to say so in writing).
    let communication = desk_office::participant::page(&mut o.store, p)
        .expect("their page")
        .confidential_communications
        .iter()
        .find(|c| c.in_force)
        .expect("the accommodation in force")
        .id;
    let end = |associate_ids: Option<Vec<i64>>| communication::EndAccommodationForm {
        communication_id: communication,
        ended_on: iso(today),
        associate_ids,
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            communication::end_accommodation(s, &end(Some(vec![999]))),
            "associateIds",
            "only associates of the register",
        )
    });
    let before = audit_count(&o.store);
    communication::end_accommodation(&mut o.store, &end(None)).expect("ended");
    let actions = actions_since(&o.store, before);
    assert_eq!(
        actions.iter().filter(|a| *a == "communication.end").count(),
        1,
        "{actions:?}"
    );
    assert_eq!(
        actions.iter().filter(|a| *a == "associate.notice").count(),
        2,
        "each associate told of it, in the end's write: {actions:?}"
    );
    let ended: Vec<_> = o
        .store
        .associate_notices_of(r)
        .expect("notices")
        .into_iter()
        .filter(|n| n.kind == NoticeKind::CommunicationEnd)
        .collect();
    let mut ended_to: Vec<i64> = ended.iter().map(|n| n.associate_id).collect();
    ended_to.sort_unstable();
    assert_eq!(ended_to, expected, "the two told of it, not Acme");
    for n in &ended {
        let text = letter_text(&o.store, n.letter_id.expect("its letter"));
        says(
            &text,
            "the end's notice",
            &[
                "Notice That Confidential Communications Have Ended",
                &n.associate_name,
                "Jan Doe",
                "that arrangement has ended",
                "at the address the Plan has on file for them",
                "Stop using this address for the individual:",
                "PO Box 4410",
            ],
        );
    }
}
