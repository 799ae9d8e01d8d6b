//! Business associates' disclosures in an accounting (164.528(b)(1)): each associate asked by
//! letter with its agreement's clock, its reply tracked, its log imported into the logbook
//! (every bad row named by row and column, nothing half-written) or entered one disclosure at a
//! time, and the accounting letter naming it.

use super::*;
use desk_core::associate::{Associate, Duties, Holding, ReplyStanding};
use desk_office::accounting;
use desk_office::associate_accounting::{
    self as baa, AssociateLogForm, AssociateLogImport, AssociateReplyForm, LogProblem,
};
use desk_office::logbook::{self, DisclosureCheckForm};

const BCBS: &str = "Blue Cross and Blue Shield of Florida";
const BCBS_DESCRIBED: &str =
    "Blue Cross and Blue Shield of Florida, the Plan's claims administrator";

fn claims_administrator() -> Associate {
    Associate {
        name: BCBS.into(),
        address: vec![
            "4800 Deerwood Campus Parkway".into(),
            "Jacksonville, FL 32246".into(),
        ],
        contact: "Privacy Office".into(),
        holds: vec![Holding::Claims],
        agreement_on: Some(d("2019-01-01")),
        duties: Duties::default(),
        ended_on: None,
    }
}

/// An office with the claims administrator in its register and a verified accounting request.
/// Returns (office, associate, participant, request).
fn asked_office() -> (Office, i64, i64, i64) {
    let mut o = office();
    let ba = o
        .store
        .add_associate(&claims_administrator())
        .expect("in the register");
    let (p, r) = o.request("accounting");
    (o, ba, p, r)
}

fn log(p: i64, ba: i64, csv: &str) -> AssociateLogForm {
    AssociateLogForm {
        participant_id: p,
        associate_id: ba,
        csv: csv.into(),
    }
}

fn day(o: &Office, days_ago: u64) -> String {
    iso(o.today() - Days::new(days_ago))
}

/// A good log of two disclosures, with its header.
fn good_log(o: &Office) -> String {
    format!(
        "date,recipient,recipient_address,description,purpose,basis\n\
         {},State Insurance Fraud Unit,\"200 East Gaines Street, Tallahassee, FL 32399\",Claims for one provider's office visits,Fraud investigation of the provider,health_oversight\n\
         {},County Health Department,,Immunization claims,Case report required by state law,Public health\n",
        day(o, 400),
        day(o, 90)
    )
}

#[test]
fn each_active_associate_is_asked_by_letter_and_its_reply_tracked() {
    let (mut o, ba, p, r) = asked_office();
    let today = o.today();
    let view = writes_nothing(&mut o.store, |s| baa::get(s, r).expect("view"));
    assert!(view.open && view.closed_because.is_none());
    assert_eq!(view.participant_id, p);
    let names: Vec<&str> = view.associates.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [ASSOCIATE, BCBS],
        "every associate whose agreement runs"
    );
    let row = |v: &baa::AssociateAccountingView| {
        v.associates
            .iter()
            .find(|a| a.associate_id == ba)
            .cloned()
            .expect("the claims administrator")
    };
    assert!(row(&view).can_ask && row(&view).asked.is_empty());
    assert_eq!(row(&view).described, BCBS_DESCRIBED);
    assert_eq!(row(&view).accounting_days, 15);

    let done = baa::ask(&mut o.store, r, ba).expect("asked by letter");
    let text = pdf_text(&desk_office::letter::pdf(&mut o.store, done.letter_id).expect("pdf"));
    for needle in [
        "Request for Disclosure Information for an Accounting",
        BCBS,
        "Attention: Privacy Office",
        "Jan Doe",
        "January 1, 1980",
        "your agreement gives you 15 days",
    ] {
        assert!(
            squash(&text)
                .to_lowercase()
                .contains(&needle.to_lowercase()),
            "{needle:?} in\n{text}"
        );
    }
    let due = today + Days::new(15);
    assert!(
        squash(&text).contains(&format!(
            "please reply by {}",
            desk_core::letter::long_date(due)
        )),
        "the agreement's day: {text}"
    );

    let view = baa::get(&o.store, r).expect("view");
    let asked = row(&view).asked;
    assert_eq!(asked.len(), 1);
    assert_eq!(
        (asked[0].sent_on, asked[0].due_on, asked[0].standing),
        (today, due, ReplyStanding::Waiting)
    );
    assert_eq!(asked[0].letter_id, Some(done.letter_id));
    assert!(!row(&view).can_ask, "asked once until it replies");
    writes_nothing(&mut o.store, |s| {
        refused_on(baa::ask(s, r, ba), "associateId", "already asked")
    });

    baa::record_reply(
        &mut o.store,
        asked[0].associate_request_id,
        &AssociateReplyForm {
            received_on: iso(today),
            note: "No disclosures in the period".into(),
        },
    )
    .expect("the reply");
    let view = baa::get(&o.store, r).expect("view");
    let asked = row(&view).asked;
    assert_eq!(asked[0].standing, ReplyStanding::OnTime);
    assert_eq!(asked[0].reply_note, "No disclosures in the period");
    assert!(row(&view).can_ask, "it may be asked again once it replied");
    refused_on(
        baa::record_reply(
            &mut o.store,
            asked[0].associate_request_id,
            &AssociateReplyForm {
                received_on: "soon".into(),
                note: String::new(),
            },
        ),
        "receivedOn",
        "a date",
    );
}

#[test]
fn no_associate_is_asked_for_an_unverified_requester_an_ended_agreement_or_another_kind() {
    let (mut o, ba, p, _) = asked_office();
    let mut seen = evidence(p, o.today());
    seen.doubt = true;
    let referred = desk_office::intake::log(&mut o.store, &intake("accounting", seen))
        .expect("referred")
        .request_id;
    writes_nothing(&mut o.store, |s| {
        refused_on(baa::ask(s, referred, ba), "status", "not verified")
    });
    assert!(!baa::get(&o.store, referred).expect("view").open);

    let (_, access) = o.request("access");
    refused_on(
        baa::ask(&mut o.store, access, ba),
        "kind",
        "not an accounting",
    );

    let (_, r) = o.request("accounting");
    let mut ended = claims_administrator();
    ended.ended_on = Some(o.today());
    o.store.update_associate(ba, &ended).expect("ended");
    assert!(
        baa::get(&o.store, r)
            .expect("view")
            .associates
            .iter()
            .all(|a| a.associate_id != ba),
        "an ended agreement is not offered"
    );
    writes_nothing(&mut o.store, |s| {
        refused_on(baa::ask(s, r, ba), "associateId", "ended")
    });
}

#[test]
fn an_associates_log_goes_into_the_logbook_marked_and_answers_its_request() {
    let (mut o, ba, p, r) = asked_office();
    let asked = baa::ask(&mut o.store, r, ba).expect("asked");
    let _ = asked;
    let csv = good_log(&o);
    assert!(baa::check(&o.store, &log(p, ba, &csv))
        .expect("checked")
        .is_empty());
    let done = baa::import(&mut o.store, &log(p, ba, &csv)).expect("imported");
    assert_eq!(
        done,
        AssociateLogImport::Imported {
            disclosures: 2,
            replies: 1
        }
    );
    let book = logbook::get(&o.store, p).expect("logbook");
    assert_eq!(book.disclosures.len(), 2);
    assert!(book
        .disclosures
        .iter()
        .all(|d| d.associate.as_deref() == Some(BCBS) && d.associate_id == Some(ba)));
    assert!(book
        .disclosures
        .iter()
        .all(|d| d.minimum_necessary.is_none() && !d.awaiting_review));
    let view = baa::get(&o.store, r).expect("view");
    let row = view
        .associates
        .iter()
        .find(|a| a.associate_id == ba)
        .expect("row");
    assert_eq!(row.logged, 2);
    assert_eq!(
        (row.asked[0].replied_on, row.asked[0].reply_note.as_str()),
        (Some(o.today()), "2 disclosures imported")
    );

    // The accounting lists them under the associate's name, on the screen and in the letter.
    let view = accounting::get(&o.store, r).expect("accounting");
    assert_eq!(view.lines.len(), 2);
    assert!(view
        .lines
        .iter()
        .all(|l| l.disclosed_by.as_deref() == Some(BCBS_DESCRIBED)));
    let done = accounting::letter(&mut o.store, r).expect("the accounting letter");
    let text = squash(&pdf_text(
        &desk_office::letter::pdf(&mut o.store, done.letter_id).expect("pdf"),
    ));
    for needle in [
        &format!("Disclosed by {BCBS_DESCRIBED}")[..],
        "State Insurance Fraud Unit",
        // The address beside the recipient, wrapped in its column.
        "200 East Gaines Street,",
        "Tallahassee, FL 32399",
        "County Health Department",
        "Case report required by state law",
        "and its business associates on its behalf",
    ] {
        assert!(text.contains(needle), "{needle:?} in\n{text}");
    }

    // A second log from the same associate adds to the logbook; nothing is left to answer.
    let more = format!(
        "{},Sheriff,,Claims dates,Warrant,law_enforcement\n",
        day(&o, 3)
    );
    assert_eq!(
        baa::import(&mut o.store, &log(p, ba, &more)).expect("imported"),
        AssociateLogImport::Imported {
            disclosures: 1,
            replies: 0
        },
        "a file without a header takes the columns in their order"
    );
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn problems(o: &mut Office, p: i64, ba: i64, csv: &str) -> Vec<LogProblem> {
    let found = writes_nothing(&mut o.store, |s| {
        match baa::import(s, &log(p, ba, csv)).expect("read") {
            AssociateLogImport::Refused { problems } => problems,
            other => panic!("a bad log is refused, not {other:?}"),
        }
    });
    assert!(
        logbook::get(&o.store, p)
            .expect("logbook")
            .disclosures
            .is_empty(),
        "nothing is half-written"
    );
    found
}

#[test]
fn every_bad_row_is_named_by_row_and_column_and_nothing_is_written() {
    let (mut o, ba, p, r) = asked_office();
    baa::ask(&mut o.store, r, ba).expect("asked");
    let good = day(&o, 30);
    let tomorrow = iso(o.today() + Days::new(1));
    let long = "x".repeat(2_001);
    let csv = format!(
        "date,recipient,recipient_address,description,purpose,basis\n\
         {good},County Health Department,,Immunization claims,Case report,public_health\n\
         2025-02-30,County Health Department,,Immunization claims,Case report,public_health\n\
         {tomorrow},Sheriff,,Claims dates,Warrant,law_enforcement\n\
         {good}, ,,Claims,Audit,health_oversight\n\
         {good},Court,,Claims,Subpoena\n\
         {good},Court,,Claims,Subpoena,gossip\n\
         {good},Employer,,Claims,Hiring,authorization\n\
         {good},Court,,{long},,judicial\n"
    );
    let found = problems(&mut o, p, ba, &csv);
    let named: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        named,
        [
            "row 3: date: not a date (use YYYY-MM-DD)",
            "row 4: date: is after today",
            "row 5: recipient: is empty (it is required)",
            "row 6: row: has 5 column(s); each row has 6",
            "row 7: basis: not a basis Records Desk knows (use one of the codes listed for the column)",
            "row 8: basis: a disclosure under an authorization is checked against the authorization on file: record it through the logbook form",
            "row 9: description: is longer than 2,000 characters",
            "row 9: purpose: is empty (it is required)",
        ]
    );
    assert!(
        named
            .iter()
            .all(|n| !n.contains("County Health") && !n.contains("Sheriff")),
        "a problem never quotes the row"
    );
    let q = &baa::get(&o.store, r).expect("view").associates[1].asked[0];
    assert_eq!(q.replied_on, None, "no reply recorded from a refused log");

    // The header: every column named, no other.
    let found = problems(
        &mut o,
        p,
        ba,
        &format!(
            "date,recipient,recipient_address,description,basis,notes\n{good},A,,B,judicial,C\n"
        ),
    );
    let named: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        named,
        [
            "row 1: header: names a column that is not one of the log's (see the columns listed)",
            "row 1: header: does not name the column purpose",
        ]
    );
    // Rows are the file's lines: an empty line still counts, as a spreadsheet shows it.
    let found = problems(
        &mut o,
        p,
        ba,
        &format!("{good},A,,B,C,judicial\n\n{good},A,,B,C,friendly\n"),
    );
    assert_eq!(found[0].row, 3, "{found:?}");
    // A header in another order is read by its names.
    let reordered = format!(
        "Basis,Date,Recipient,Description,Purpose,Recipient_Address\njudicial,{good},Court,Claims,Subpoena,\n"
    );
    assert!(baa::check(&o.store, &log(p, ba, &reordered))
        .expect("checked")
        .is_empty());

    // A file with no rows is refused whole, on the file.
    for empty in [
        "",
        "date,recipient,recipient_address,description,purpose,basis\n",
    ] {
        writes_nothing(&mut o.store, |s| {
            refused_on(baa::import(s, &log(p, ba, empty)), "csv", "no rows")
        });
    }
    // An associate not in the register.
    let csv = good_log(&o);
    writes_nothing(&mut o.store, |s| {
        refused_on(
            baa::import(s, &log(p, 999, &csv)),
            "associateId",
            "not in the register",
        )
    });
}

#[test]
fn a_disclosure_by_an_associate_is_entered_one_at_a_time_through_the_logbook_form() {
    let (mut o, ba, p, r) = asked_office();
    let form = DisclosureCheckForm {
        participant_id: p,
        disclosed_on: o.today() - Days::new(20),
        recipient: "County Health Department".into(),
        recipient_address: String::new(),
        description: "Immunization claims".into(),
        purpose: "Case report required by state law".into(),
        basis: "public_health".into(),
        conflicts_seen: false,
        authorization_id: None,
        written_request: None,
        corrects_id: None,
        minimum_necessary: None,
        review_note: String::new(),
        information_confirmed: false,
        associate_id: Some(ba),
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_disclosure(
                s,
                &DisclosureCheckForm {
                    minimum_necessary: marking("public_health"),
                    ..form.clone()
                },
            ),
            "minimumNecessary",
            "the associate answers for the minimum necessary",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_disclosure(
                s,
                &DisclosureCheckForm {
                    associate_id: Some(999),
                    ..form.clone()
                },
            ),
            "associateId",
            "not in the register",
        )
    });
    logbook::record_disclosure(&mut o.store, &form).expect("recorded");
    let book = logbook::get(&o.store, p).expect("logbook");
    assert_eq!(book.disclosures[0].associate.as_deref(), Some(BCBS));
    assert!(book.associates.iter().any(|a| a.id == ba && a.active));
    let view = accounting::get(&o.store, r).expect("accounting");
    assert_eq!(view.lines[0].disclosed_by.as_deref(), Some(BCBS_DESCRIBED));
}
