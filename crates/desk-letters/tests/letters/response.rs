//! Every response letter and outcome: the statements the regulation requires, the recipient,
//! the dates written out, the official's name and title; US Letter, fonts embedded, margins.

use desk_core::decision::*;
use desk_core::letter::{self, AccountingEntry, AccountingFee, AccountingStatement, Letter};

use crate::support::*;

/// What every response letter carries (CLI.md "Every letter carries").
const COMMON: &[&str] = &[
    // Every letter to a person says it can be had in another format.
    "in large print or another format",
    "Sample County",
    "Sample County Group Health Plan",
    "Human Resources Department",
    "1840 25th Street",
    "Vero Beach, FL 32960",
    "772-567-8000 ext. 1448",
    "772-770-5004",
    "Personal & Confidential",
    "Jane Q. Participant",
    "12 Palm Ave",
    "March 10, 2025",
    // The date the request was received.
    "March 3, 2025",
    "Pat Official",
    "Benefits/Payroll Administrator",
    "Signature of Plan Representative",
    "Date",
];

const COMPLAINT: &[&str] = &[
    "file a complaint",
    "Secretary of the U.S. Department of Health and Human Services",
    "Office for Civil Rights",
    "200 Independence Avenue, S.W., Washington, D.C. 20201",
    "1-800-368-1019",
    "will not retaliate",
];

fn check(name: &str, letter: &Letter, statements: &[&str]) -> Pdf {
    let pdf = render(letter);
    let text = pdf.text();
    assert_says(&text, name, COMMON);
    assert_eq!(
        squash(&text)
            .matches("in large print or another format")
            .count(),
        1,
        "{name}: the other formats are offered once"
    );
    assert_says(&text, name, statements);
    assert_well_formed(&pdf, name);
    assert_kept_whole(&pdf, letter, name);
    pdf.save_png(name);
    // "Personal & Confidential" comes before the recipient's name, on page 1.
    let first = pdf.page_text(1);
    let marking = first
        .find("Personal & Confidential")
        .expect("marking on page 1");
    let name_at = first
        .find("Jane Q. Participant")
        .expect("recipient on page 1");
    assert!(
        marking < name_at,
        "{name}: the marking sits above the recipient"
    );
    pdf
}

fn received(text: &str) -> String {
    format!("received March 3, 2025{}", text)
}

fn access(outcome: AccessDecision) -> Letter {
    letter::access_response(&org(), &jane(), d("2025-03-10"), d("2025-03-03"), &outcome)
}

fn amendment(outcome: AmendmentDecision) -> Letter {
    letter::amendment_response(&org(), &jane(), d("2025-03-10"), d("2025-03-03"), &outcome)
}

fn restriction(outcome: RestrictionDecision) -> Letter {
    letter::restriction_response(&org(), &jane(), d("2025-03-10"), d("2025-03-03"), &outcome)
}

#[test]
fn access_grant_says_how_when_format_and_fee() {
    for (format, fee, fee_text) in [
        (Format::Paper, 1250, "$12.50"),
        (Format::Electronic, 0, "no charge"),
    ] {
        let l = access(AccessDecision::Grant(AccessGrant {
            access: "Copies will be mailed to the address above.".into(),
            format,
            available_on: d("2025-03-17"),
            fee_cents: fee,
        }));
        let name = format!("access-grant-{}", format.as_words());
        let mut says = vec![
            "Response to Inspection Request",
            "has been granted",
            "Copies will be mailed to the address above.",
            "March 17, 2025",
            fee_text,
        ];
        let received = received("");
        says.push(&received);
        says.push(if format == Format::Paper {
            "Paper copies"
        } else {
            "Electronic copies"
        });
        if fee > 0 {
            says.extend([
                "labour and supplies for copying",
                "postage",
                "does not charge for searching for, retrieving or verifying",
            ]);
        }
        check(&name, &l, &says);
    }
}

#[test]
fn access_extension_gives_reason_and_new_date() {
    let l = access(AccessDecision::Extension(Extension {
        reason: "The records are kept by the claims administrator off site.".into(),
        respond_by: d("2025-05-02"),
    }));
    check(
        "access-extension",
        &l,
        &[
            "The records are kept by the claims administrator off site.",
            "no later than May 2, 2025",
            "one extension",
            "March 3, 2025",
        ],
    );
}

#[test]
fn access_denial_unreviewable_has_basis_and_complaint_but_no_review() {
    let l = access(AccessDecision::Denial(AccessDenial {
        grounds: vec![AccessDenialGround::PsychotherapyNotes],
        explanation: "The records you asked for are psychotherapy notes.".into(),
        released: None,
        held_by: None,
        withheld: None,
    }));
    let pdf = render(&l);
    let text = pdf.text();
    assert_says(&text, "unreviewable", COMPLAINT);
    assert_says(
        &text,
        "unreviewable",
        &[
            "denied",
            AccessDenialGround::PsychotherapyNotes.description(),
            "The records you asked for are psychotherapy notes.",
            "does not provide a review",
            "Partial denial",
            "where to send your request",
        ],
    );
    assert!(
        !text.contains("You have the right to have this denial reviewed"),
        "an unreviewable denial offers no review"
    );
    check("access-denial-unreviewable", &l, &[]);
}

#[test]
fn access_denial_each_ground_is_stated_and_reviewable_ones_offer_review() {
    for ground in AccessDenialGround::ALL {
        let l = access(AccessDecision::Denial(AccessDenial {
            grounds: vec![ground],
            explanation: "See above.".into(),
            released: Some("your claims history for 2024".into()),
            held_by: Some(
                "Blue Cross claims administrator, PO Box 1, Jacksonville, FL 32231".into(),
            ),
            withheld: Some("the notes of the 2024 counselling visits".into()),
        }));
        let text = render(&l).text();
        assert_says(&text, ground.code(), &[ground.description()]);
        assert_says(&text, ground.code(), COMPLAINT);
        assert_says(
            &text,
            ground.code(),
            &[
                "your claims history for 2024",
                "Blue Cross claims administrator, PO Box 1, Jacksonville, FL 32231",
            ],
        );
        let offers_review = text.contains("You have the right to have this denial reviewed")
            && text.contains("licensed health care professional designated by the Plan who did not participate in the original decision");
        assert_eq!(
            offers_review,
            ground.is_reviewable(),
            "{}: review offered exactly when the ground is reviewable",
            ground.code()
        );
    }
    let reviewable = access(AccessDecision::Denial(AccessDenial {
        grounds: vec![
            AccessDenialGround::Endangerment,
            AccessDenialGround::PsychotherapyNotes,
        ],
        explanation: "Two grounds apply.".into(),
        released: None,
        held_by: None,
        withheld: None,
    }));
    check(
        "access-denial-reviewable",
        &reviewable,
        &[
            "You have the right to have this denial reviewed",
            "licensed health care professional",
            "did not participate in the original decision",
            "Office for Civil Rights",
        ],
    );
}

#[test]
fn amendment_grant_says_who_will_be_told() {
    let l = amendment(AmendmentDecision::Grant(AmendmentGrant {
        notify: vec![Addressee {
            name: "Dr. Alan Smith".into(),
            address: vec!["40 Main St".into(), "Vero Beach FL 32960".into()],
        }],
    }));
    check(
        "amendment-grant",
        &l,
        &[
            "Response to Amendment or Correction Request",
            "has been granted",
            "will amend your health information",
            "Dr. Alan Smith, 40 Main St, Vero Beach FL 32960",
            "may have relied",
        ],
    );
}

#[test]
fn amendment_extension_gives_reason_and_new_date() {
    let l = amendment(AmendmentDecision::Extension(Extension {
        reason: "We are waiting for the claims administrator's records.".into(),
        respond_by: d("2025-06-01"),
    }));
    check(
        "amendment-extension",
        &l,
        &[
            "We are waiting for the claims administrator's records.",
            "no later than June 1, 2025",
        ],
    );
}

#[test]
fn amendment_denial_carries_disagreement_rights() {
    for ground in AmendmentDenialGround::ALL {
        let l = amendment(AmendmentDecision::Denial(AmendmentDenial {
            grounds: vec![ground],
            explanation: "The claim was processed as billed.".into(),
        }));
        let text = render(&l).text();
        assert_says(&text, ground.code(), &[ground.description()]);
    }
    let l = amendment(AmendmentDecision::Denial(AmendmentDenial {
        grounds: vec![AmendmentDenialGround::AccurateAndComplete],
        explanation: "The claim was processed as billed.".into(),
    }));
    let mut says = vec![
        "The claim was processed as billed.",
        "statement of disagreement",
        "two single-sided 8½ x 11 inch pages",
        "within 60 days",
        "May 9, 2025",
        "Pat Official, Benefits/Payroll Administrator",
        "rebuttal",
        "send you a copy",
        "If you do not submit a statement of disagreement, you may ask the Plan to include your request for amendment and this denial with any future disclosures",
    ];
    says.extend(COMPLAINT);
    check("amendment-denial", &l, &says);
}

#[test]
fn restriction_agreed_quotes_it_names_associates_and_termination() {
    let l = restriction(RestrictionDecision::Agreed(RestrictionAgreed {
        restriction: "Do not disclose my claims for physical therapy to my spouse.".into(),
        business_associates: vec![
            "Blue Cross Claims Administration".into(),
            "PharmaCare PBM".into(),
        ],
        terms: None,
    }));
    check(
        "restriction-agreed",
        &l,
        &[
            "Response to Restriction Request",
            "\u{201c}Do not disclose my claims for physical therapy to my spouse.\u{201d}",
            "Blue Cross Claims Administration",
            "PharmaCare PBM",
            "in writing",
            "Either you or the Plan may end this restriction at any time",
            "future uses and disclosures",
        ],
    );
}

#[test]
fn restriction_denied_gives_the_reason() {
    let l = restriction(RestrictionDecision::Denied(RestrictionDenied {
        reason: "The claims system cannot hold back a single provider's claims.".into(),
    }));
    check(
        "restriction-denied",
        &l,
        &[
            "cannot agree",
            "The claims system cannot hold back a single provider's claims.",
            "not require the Plan to agree",
        ],
    );
}

#[test]
fn confidential_communications_both_ways() {
    let yes = letter::confidential_communication_response(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &ConfidentialCommunicationDecision::Accommodated {
            means: "PO Box 77, Sebastian, FL 32958".into(),
            alternate_address: Vec::new(),
            endangerment: false,
        },
    );
    check(
        "confidential-accommodated",
        &yes,
        &[
            "Response to Confidential Communications Request",
            "PO Box 77, Sebastian, FL 32958",
        ],
    );
    let no = letter::confidential_communication_response(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &ConfidentialCommunicationDecision::Denied {
            reason: "No alternative address was given.".into(),
        },
    );
    check(
        "confidential-denied",
        &no,
        &["No alternative address was given.", "could endanger you"],
    );
}

fn entry(on: &str, n: usize) -> AccountingEntry {
    AccountingEntry {
        on: d(on),
        recipient: format!("Circuit Court of the Nineteenth Judicial Circuit, case {n}"),
        recipient_address: Some("2000 16th Avenue, Vero Beach, FL 32960".into()),
        description: format!("Claims and eligibility records, 2023, set {n}"),
        purpose: "Response to a subpoena duces tecum".into(),
        repeated: None,
        written_request_of: None,
        disclosed_by: None,
    }
}

#[test]
fn accounting_table_runs_over_pages_with_its_header_repeated() {
    let entries: Vec<_> = (1..=24)
        .map(|n| entry(&format!("2024-{:02}-{:02}", (n % 12) + 1, (n % 27) + 1), n))
        .collect();
    let statement = AccountingStatement {
        period_from: d("2019-06-01"),
        period_to: d("2025-06-01"),
        entries,
        fee_cents: 0,
    };
    let l = letter::accounting(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &statement,
    );
    let pdf = check(
        "accounting",
        &l,
        &[
            "Accounting of Disclosures",
            "June 1, 2019",
            "June 1, 2025",
            "There is no charge",
            "treatment, payment or health care operations",
        ],
    );
    assert!(pdf.pages() >= 2, "24 disclosures need more than one page");
    let pages = pdf.pages();
    for p in 1..=pages {
        let t = pdf.page_text(p);
        assert!(
            t.contains(&format!("Page {p} of {pages}")),
            "page {p} is numbered: {t}"
        );
        if t.contains("Circuit Court") {
            assert!(
                t.contains("Date Recipient Information disclosed Purpose"),
                "page {p} repeats the table header: {t}"
            );
        }
    }
    let text = pdf.text();
    for n in 1..=24 {
        assert!(text.contains(&format!("set {n}")), "row {n} printed");
    }
    for p in 2..=pages {
        assert_short_letterhead(&pdf, p);
    }
}

/// A later page starts with the short letterhead: the plan, the recipient, the letter's title
/// and its date, on the page's first line(s), above the text.
#[track_caller]
fn assert_short_letterhead(pdf: &Pdf, page: usize) {
    let raw = pdf.raw_page_text(page);
    let head: Vec<String> = raw
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .take(2)
        .collect();
    let first = head.first().cloned().unwrap_or_default();
    for part in [
        "Sample County Group Health Plan",
        "Jane Q. Participant",
        "Accounting of Disclosures",
    ] {
        assert!(
            first.contains(part),
            "page {page}: the short letterhead's first line names {part:?}: {first:?}\n{raw}"
        );
    }
    assert!(
        head.iter().any(|l| l.contains("March 10, 2025")),
        "page {page}: the short letterhead carries the letter's date, whole: {head:?}"
    );
}

#[test]
fn accounting_with_exactly_two_pages_is_numbered_page_1_of_2() {
    let mut n = 1;
    loop {
        let statement = AccountingStatement {
            period_from: d("2019-06-01"),
            period_to: d("2025-06-01"),
            entries: (1..=n).map(|i| entry("2024-02-03", i)).collect(),
            fee_cents: 0,
        };
        let l = letter::accounting(
            &org(),
            &jane(),
            d("2025-03-10"),
            d("2025-03-03"),
            &statement,
        );
        let pdf = render(&l);
        if pdf.pages() == 2 {
            assert!(pdf.page_text(1).contains("Page 1 of 2"), "page 1 of 2");
            assert!(pdf.page_text(2).contains("Page 2 of 2"), "page 2 of 2");
            assert_short_letterhead(&pdf, 2);
            return;
        }
        assert_eq!(pdf.pages(), 1, "grows one page at a time");
        assert!(
            !pdf.text().contains("Page 1 of 1"),
            "no page numbers on one page"
        );
        n += 1;
        assert!(n < 40, "two pages reached");
    }
}

#[test]
fn accounting_without_disclosures_and_fee_notice() {
    let statement = AccountingStatement {
        period_from: d("2019-06-01"),
        period_to: d("2025-06-01"),
        entries: vec![],
        fee_cents: 0,
    };
    let l = letter::accounting(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &statement,
    );
    check("accounting-none", &l, &["No accountable disclosures"]);
    let fee = letter::accounting_fee_notice(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &AccountingFee {
            previous_on: d("2024-11-02"),
            pages: 4,
            fee_cents: 60,
            reply_by: d("2025-03-24"),
            special_charge: None,
        },
    );
    check(
        "accounting-fee-notice",
        &fee,
        &[
            "$0.60",
            "4 pages at 15 cents a page",
            "no special service charge",
            "November 2, 2024",
            "withdraw",
            "March 24, 2025",
            "first accounting in any 12-month period is free",
        ],
    );
    // A special service charge is told with what it pays for, and within the total.
    let charged = letter::accounting_fee_notice(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &AccountingFee {
            previous_on: d("2024-11-02"),
            pages: 4,
            fee_cents: 60 + 2_500,
            reply_by: d("2025-03-24"),
            special_charge: Some(desk_core::accounting::SpecialServiceCharge {
                cents: 2_500,
                reason: "Two hours of a clerk's time retrieving archived claim files".into(),
            }),
        },
    );
    check(
        "accounting-fee-notice-special-charge",
        &charged,
        &[
            "$25.60",
            "4 pages at 15 cents a page ($0.60)",
            "special service charge of $25.00",
            "retrieving archived claim files",
        ],
    );
}

#[test]
fn complaint_acknowledgement_and_denial_review() {
    let ack = letter::complaint_acknowledgement(&org(), &jane(), d("2025-03-10"), d("2025-03-03"));
    check(
        "complaint-acknowledgement",
        &ack,
        &[
            "received your complaint",
            "March 3, 2025",
            "Office for Civil Rights",
            "will not intimidate",
        ],
    );
    let upheld = letter::denial_review(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &DenialReview {
            reviewer: "Dr. Lee Reviewer, MD".into(),
            denied_on: d("2025-02-20"),
            outcome: ReviewOutcome::Upheld {
                explanation: "access is reasonably likely to endanger your life.".into(),
            },
        },
    );
    check(
        "denial-review-upheld",
        &upheld,
        &[
            "Dr. Lee Reviewer, MD",
            "did not participate in the original decision",
            "February 20, 2025",
            "upheld",
            "Office for Civil Rights",
        ],
    );
    let reversed = letter::denial_review(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &DenialReview {
            reviewer: "Dr. Lee Reviewer, MD".into(),
            denied_on: d("2025-02-20"),
            outcome: ReviewOutcome::Reversed(AccessGrant {
                access: "You may inspect the records at our office.".into(),
                format: Format::Paper,
                available_on: d("2025-03-20"),
                fee_cents: 0,
            }),
        },
    );
    check(
        "denial-review-reversed",
        &reversed,
        &[
            "reversed",
            "You may inspect the records at our office.",
            "March 20, 2025",
        ],
    );
}

/// The accounting's Date column: every date written out, September and November included,
/// sits whole on one line of the table; a summary of repeated disclosures keeps each of its
/// dates whole too.
#[test]
fn accounting_dates_sit_whole_in_the_table() {
    use desk_core::letter::Repeated;
    let dates = [
        "2024-09-30",
        "2024-11-30",
        "2024-09-13",
        "2024-11-27",
        "2023-12-31",
        "2024-02-29",
    ];
    let mut entries: Vec<AccountingEntry> = dates
        .iter()
        .enumerate()
        .map(|(i, on)| entry(on, i + 1))
        .collect();
    entries.push(AccountingEntry {
        repeated: Some(Repeated {
            frequency: "12 disclosures".into(),
            last_on: d("2024-11-29"),
        }),
        ..entry("2023-09-28", 99)
    });
    let statement = AccountingStatement {
        period_from: d("2019-06-01"),
        period_to: d("2025-06-01"),
        entries,
        fee_cents: 0,
    };
    let l = letter::accounting(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &statement,
    );
    let pdf = check("accounting-dates", &l, &["12 disclosures"]);
    let raw = pdf.raw_text();
    let lines: Vec<String> = raw.lines().map(squash).collect();
    for written in [
        "September 30, 2024",
        "November 30, 2024",
        "September 13, 2024",
        "November 27, 2024",
        "December 31, 2023",
        "February 29, 2024",
        "September 28, 2023",
        "November 29, 2024",
    ] {
        let whole = lines.iter().filter(|l| l.contains(written)).count();
        assert_eq!(
            whole, 1,
            "{written:?} sits whole on exactly one line of the table:\n{raw}"
        );
    }
    // No line holds a month name alone at its end (the rest of its date on the next line).
    for l in &lines {
        for month in ["September", "November", "December", "February"] {
            assert!(
                !l.ends_with(month),
                "a date is broken after {month:?}: {l:?}\n{raw}"
            );
        }
    }
}
