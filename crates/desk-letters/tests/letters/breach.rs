//! The notice of a breach to an individual (45 CFR 164.404(c)): each required element, read
//! back from the PDF with pdftotext, in plain language, with the dates written out; in large
//! print too. PNGs land in artifacts/letters/.

use desk_core::incident::Information;
use desk_core::letter::{self, BreachNotice, Letter};
use desk_letters::Print;

use crate::support::*;

fn notice() -> BreachNotice {
    BreachNotice {
        occurred_on: Some(d("2026-02-27")),
        occurred_until: None,
        discovered_on: d("2026-03-02"),
        what_happened: "On a Friday afternoon a benefits clerk e-mailed a claims report to the County Parks Department instead of the claims administrator. The report listed plan members with their Social Security numbers and the amounts of their claims.".into(),
        information: vec![Information::Names, Information::Ssn, Information::Claims],
        other_information: String::new(),
        investigating: "The Privacy Official traced every copy of the e-mail and spoke with each person who received it.".into(),
        mitigating: "The Parks Department deleted the e-mail and confirmed it in writing. The Plan is paying for two years of credit monitoring for you.".into(),
        protecting: "Reports that contain Social Security numbers are no longer sent by e-mail, and the benefits staff have been trained again.".into(),
        extra_steps: "To enroll in the free credit monitoring, call the Privacy Official before June 30, 2026.".into(),
        toll_free: "1-800-555-0199".into(),
    }
}

fn breach_letter(n: &BreachNotice) -> Letter {
    letter::breach_notification(&org(), &jane(), d("2026-03-10"), n)
}

/// The position of `phrase` in `text` after `from`, or a failure naming the element.
#[track_caller]
fn after(text: &str, from: usize, phrase: &str, element: &str) -> usize {
    match text[from..].find(&squash(phrase)) {
        Some(at) => from + at,
        None => panic!("{element}: {phrase:?} in its place\n--- text ---\n{text}"),
    }
}

#[test]
fn the_notice_carries_each_element_of_164_404_c_in_order() {
    let l = breach_letter(&notice());
    let pdf = render(&l);
    let text = pdf.text();
    assert_well_formed(&pdf, "breach notification");
    assert_kept_whole(&pdf, &l, "breach notification");
    pdf.save_png("breach-notification");

    // Addressed and dated like every letter, marked, signed by the Privacy Official.
    assert_says(
        &text,
        "breach notification",
        &[
            "Notice of a Breach of Your Health Information",
            "March 10, 2026",
            "Personal & Confidential",
            "Jane Q. Participant",
            "12 Palm Ave",
            "Re: A breach of your health information, discovered March 2, 2026",
            "Dear Jane Q. Participant:",
            "Pat Official",
            "Benefits/Payroll Administrator",
            "Signature of Plan Representative",
        ],
    );

    // (A) What happened, with the date of the breach and the date of its discovery.
    let a = after(&text, 0, "What happened", "(A)");
    let a = after(
        &text,
        a,
        "e-mailed a claims report to the County Parks Department",
        "(A)",
    );
    let a = after(
        &text,
        a,
        "The breach happened on February 27, 2026. The Plan discovered the breach on March 2, 2026.",
        "(A) dates",
    );
    // (B) The types of unsecured protected health information involved.
    let b = after(&text, a, "What information was involved", "(B)");
    for kind in [
        "your name",
        "your Social Security number",
        "information about claims and payments for your care",
    ] {
        after(&text, b, kind, "(B)");
    }
    // (C) Steps the individual should take to protect themselves.
    let c = after(&text, b, "What you can do to protect yourself", "(C)");
    for step in [
        "Place a free fraud alert on your credit file",
        "www.annualcreditreport.com",
        "Read each Explanation of Benefits",
        "www.identitytheft.gov or 1-877-438-4338",
        "To enroll in the free credit monitoring, call the Privacy Official before June 30, 2026.",
    ] {
        after(&text, c, step, "(C)");
    }
    // (D) What the plan is doing to investigate, to mitigate harm, and to protect against
    // further breaches.
    let d_ = after(&text, c, "What we are doing", "(D)");
    let d_ = after(
        &text,
        d_,
        "Looking into what happened: The Privacy Official traced every copy",
        "(D) investigate",
    );
    let d_ = after(
        &text,
        d_,
        "Lessening any harm to you: The Parks Department deleted the e-mail",
        "(D) mitigate",
    );
    let d_ = after(
        &text,
        d_,
        "Protecting against another breach: Reports that contain Social Security numbers",
        "(D) protect",
    );
    // (E) Contact procedures: a toll-free number and the postal address (and the telephone).
    let e = after(&text, d_, "For more information", "(E)");
    after(
        &text,
        e,
        "please call the Privacy Official at 772-567-8000 ext. 1448",
        "(E) telephone",
    );
    after(
        &text,
        e,
        "A toll-free number is open for questions about this breach: 1-800-555-0199.",
        "(E) toll-free",
    );
    after(
        &text,
        e,
        "You may also write to the Privacy Official",
        "(E) postal address",
    );
    after(&text, e, "1840 25th Street", "(E) postal address");
    after(&text, e, "Vero Beach, FL 32960", "(E) postal address");
    after(
        &text,
        e,
        "in large print or another format",
        "(E) another format",
    );
    assert_eq!(
        text.matches("in large print or another format").count(),
        1,
        "other formats are offered once"
    );
}

#[test]
fn unknown_or_spread_dates_are_said_plainly_and_other_information_in_its_words() {
    let mut n = notice();
    n.occurred_on = None;
    n.toll_free = String::new();
    n.information = vec![Information::DatesOfBirth, Information::Other];
    n.other_information = "the name of your dental plan".into();
    let text = render(&breach_letter(&n)).text();
    assert_says(
        &text,
        "unknown date",
        &[
            "The Plan does not know the exact date the breach happened. The Plan discovered the breach on March 2, 2026.",
            "your date of birth",
            "other information: the name of your dental plan",
            "www.annualcreditreport.com",
        ],
    );
    assert!(!text.contains("toll-free number is open"), "none was given");
    assert!(!text.contains("fraud alert"), "no SSN: no fraud alert step");
    n.occurred_on = Some(d("2026-02-20"));
    n.occurred_until = Some(d("2026-02-27"));
    let text = render(&breach_letter(&n)).text();
    assert_says(
        &text,
        "a breach over days",
        &["The breach happened between February 20, 2026 and February 27, 2026."],
    );
}

#[test]
fn the_notice_prints_in_large_print_with_every_element() {
    let l = breach_letter(&notice());
    let pdf = pdf_of(
        desk_letters::render_printed(&l, &org(), None, &[], &[], None, Print::Large)
            .expect("renders"),
    );
    assert_well_formed(&pdf, "large breach notification");
    pdf.save_png("breach-notification-large");
    let text = pdf.text();
    assert!(
        pdf.pages() > render(&l).pages(),
        "18-pt type takes more pages"
    );
    assert_says(
        &text,
        "large breach notification",
        &[
            "What happened",
            "February 27, 2026",
            "March 2, 2026",
            "What information was involved",
            "What you can do to protect yourself",
            "What we are doing",
            "For more information",
            "1-800-555-0199",
            "1840 25th Street",
            "ask for this letter in another format",
        ],
    );
    assert!(
        !text.contains("large print"),
        "a letter in large print does not offer large print: {text}"
    );
}

#[test]
fn a_childs_notice_goes_to_the_parent_and_says_whose_information_it_is() {
    let parent = desk_core::decision::Addressee {
        name: "Parent or guardian of Jamie Participant".into(),
        address: jane().address,
    };
    let l = letter::breach_notification_to_parent(
        &org(),
        &parent,
        "Jamie Participant",
        d("2026-03-10"),
        &notice(),
    );
    let pdf = render(&l);
    assert_well_formed(&pdf, "breach notification to a parent");
    assert_kept_whole(&pdf, &l, "breach notification to a parent");
    pdf.save_png("breach-notification-parent");
    let text = pdf.text();
    let mut at = 0;
    for (phrase, element) in [
        ("Parent or guardian of Jamie Participant", "the mailing window"),
        (
            "Re: A breach of Jamie Participant's health information, discovered March 2, 2026",
            "the reference",
        ),
        ("Dear Parent or guardian of Jamie Participant:", "the salutation"),
        (
            "We are writing to you as the parent or guardian of Jamie Participant, who is under 18.",
            "whose information it is",
        ),
        ("it means Jamie Participant.", "what \"you\" means"),
        ("What happened", "(A)"),
        ("What information was involved", "(B)"),
        ("What you can do to protect yourself", "(C)"),
        ("What we are doing", "(D)"),
        ("For more information", "(E)"),
    ] {
        at = after(&text, at, phrase, element);
    }
}

/// A list item that reaches the foot of a page goes to the next page whole with its bullet:
/// what happened grows a sentence at a time, so some length puts an item's first line where
/// too little room is left for it.
#[test]
fn a_bullet_goes_to_the_next_page_with_its_text() {
    let mut n = notice();
    let mut broke = 0;
    for extra in 0..24 {
        let pdf = render(&breach_letter(&n));
        // assert_well_formed refuses a bullet on a line of its own.
        assert_well_formed(
            &pdf,
            &format!("breach notification, {extra} sentences more"),
        );
        if pdf.pages() > 1 {
            broke += 1;
        }
        n.what_happened
            .push_str(" The clerk noticed the mistake the next Monday.");
    }
    assert!(broke > 0, "some of the lengths break a page");
}
