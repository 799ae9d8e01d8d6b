//! Large print: every text the letter shows is set at 18 pt or more (read from the PDF's own
//! text operators), except the page number, the audit witness and the address in the envelope
//! window; the letter still wraps inside the margins, keeps its groups together, runs over
//! more pages and prints every word.

use std::collections::BTreeSet;

use desk_core::decision::*;
use desk_core::letter::{self, AccountingEntry, AccountingStatement, FormPerson, Letter};
use desk_letters::Print;

use crate::support::*;

const WITNESS: &str = "42:0123456789abcdef0123456789abcdef";

/// One piece of text shown: its page, type size and baseline position (PDF coordinates,
/// origin bottom-left).
#[derive(Debug)]
struct Shown {
    page: usize,
    size: f32,
    x: f32,
    y: f32,
}

/// Every text-showing operator in the letter's content streams with the size set by `Tf`.
fn shown(bytes: &[u8]) -> Vec<Shown> {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF reads");
    let mut out = Vec::new();
    for (n, (_, id)) in doc.get_pages().into_iter().enumerate() {
        let content = doc.get_page_content(id);
        let ops = lopdf::content::Content::decode(&content).expect("content decodes");
        let (mut size, mut x, mut y) = (0.0_f32, 0.0_f32, 0.0_f32);
        let num = |o: &lopdf::Object| o.as_float().expect("a number");
        for op in ops.operations {
            match op.operator.as_str() {
                "Tf" => size = num(&op.operands[1]),
                "Td" => {
                    x = num(&op.operands[0]);
                    y = num(&op.operands[1]);
                }
                "Tm" => {
                    x = num(&op.operands[4]);
                    y = num(&op.operands[5]);
                }
                "Tj" | "TJ" | "'" | "\"" => out.push(Shown {
                    page: n + 1,
                    size,
                    x,
                    y,
                }),
                _ => {}
            }
        }
    }
    assert!(!out.is_empty(), "the letter shows text");
    out
}

/// The texts allowed under 18 pt: the footer (page number, audit witness) and, on page 1,
/// the marking and address in the No. 10 envelope window.
fn excepted(s: &Shown) -> bool {
    let footer = s.y <= 41.0;
    let window = s.page == 1 && s.x < 387.0 && s.y >= 792.0 - 227.0 && s.y <= 792.0 - 144.0;
    footer || window
}

fn render_as(l: &Letter, print: Print) -> Pdf {
    pdf_of(
        desk_letters::render_printed(l, &org(), None, &[], &[], Some(WITNESS), print)
            .expect("letter renders"),
    )
}

fn words(pdf: &Pdf) -> BTreeSet<String> {
    pdf.text()
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

fn access_denial() -> Letter {
    letter::access_response(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &AccessDecision::Denial(AccessDenial {
            grounds: vec![AccessDenialGround::Endangerment, AccessDenialGround::Inmate],
            explanation: "A licensed professional reviewed the file.".into(),
            released: None,
            held_by: None,
            withheld: None,
        }),
    )
}

fn accounting() -> Letter {
    let entries = (1..=12)
        .map(|n| AccountingEntry {
            on: d(&format!("2024-{:02}-03", n)),
            recipient: format!("Circuit Court of the Nineteenth Judicial Circuit, case {n}"),
            recipient_address: Some("2000 16th Avenue, Vero Beach, FL 32960".into()),
            description: format!("Claims and eligibility records, 2023, set {n}"),
            purpose: "Response to a subpoena duces tecum".into(),
            repeated: None,
            written_request_of: None,
            disclosed_by: None,
        })
        .collect();
    letter::accounting(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &AccountingStatement {
            period_from: d("2019-06-01"),
            period_to: d("2025-06-01"),
            entries,
            fee_cents: 0,
        },
    )
}

fn inspection_form() -> Letter {
    letter::inspection_request_form(
        &org(),
        &FormPerson {
            name: "Jane Q. Participant".into(),
            date_of_birth: Some(d("1980-07-04")),
            employee_id: Some("E-10442".into()),
            address: vec!["12 Palm Ave".into(), "Vero Beach, FL 32960".into()],
            phone: Some("772-555-0100".into()),
        },
        Some(Format::Electronic),
        d("2025-03-10"),
    )
}

fn long_word_denial() -> Letter {
    letter::restriction_response(
        &org(),
        &long_recipient(),
        d("2025-03-10"),
        d("2025-03-03"),
        &RestrictionDecision::Denied(RestrictionDenied {
            reason: format!("A very long unbroken token follows: {}", "X".repeat(150)),
        }),
    )
}

fn letters() -> Vec<(&'static str, Letter)> {
    vec![
        ("access denial", access_denial()),
        ("accounting", accounting()),
        ("inspection form", inspection_form()),
        ("long word", long_word_denial()),
    ]
}

#[test]
fn large_print_sets_every_text_at_18_pt_or_more() {
    for (what, l) in letters() {
        let pdf = render_as(&l, Print::Large);
        let texts = shown(&pdf.bytes);
        for s in texts.iter().filter(|s| !excepted(s)) {
            assert!(
                s.size >= 18.0,
                "{what}: text at {:.1} pt on page {} at ({:.0}, {:.0}): large print is 18 pt or more",
                s.size,
                s.page,
                s.x,
                s.y
            );
        }
        // The body itself is 18 pt: the size most text is set at.
        let body = texts
            .iter()
            .filter(|s| (s.size - 18.0).abs() < 0.01)
            .count();
        assert!(
            body * 2 > texts.len(),
            "{what}: most text is at the 18-pt body size ({body} of {})",
            texts.len()
        );
        // The exceptions keep their small sizes: the footer and the window.
        assert!(
            texts.iter().any(|s| s.size == 6.0 && s.y <= 41.0),
            "{what}: the 6-pt audit witness is still printed"
        );
        // Poppler's word boxes agree: no word outside the exceptions is shorter than 18 pt.
        for w in pdf.words() {
            let window = w.page == 1 && w.x_max <= 387.0 && w.y_min >= 144.0 && w.y_max <= 227.0;
            let footer = w.y_min >= 740.0;
            if !window && !footer {
                assert!(
                    w.y_max - w.y_min >= 18.0,
                    "{what}: word {:?} on page {} is {:.1} pt high",
                    w.text,
                    w.page,
                    w.y_max - w.y_min
                );
            }
        }
        // The margins checked as every letter's are, without the witness (it sits in the
        // bottom margin by design).
        let plain = pdf_of(
            desk_letters::render_printed(&l, &org(), None, &[], &[], None, Print::Large)
                .expect("letter renders"),
        );
        assert_well_formed(&plain, what);
        plain.save_png(&format!("large-print-{}", what.replace(' ', "-")));
        // A table's narrow column cannot hold "January 3, 2024" at 18 pt, nor a line a
        // 60-character name: there a kept phrase breaks at its spaces (every word still
        // printed, see below); elsewhere it stays whole.
        if !["accounting", "long word"].contains(&what) {
            assert_kept_whole(&plain, &l, what);
        }
    }
}

#[test]
fn the_regular_letter_keeps_its_10_5_pt_body() {
    let texts = shown(&render_as(&access_denial(), Print::Regular).bytes);
    assert!(
        texts.iter().any(|s| (s.size - 10.5).abs() < 0.01),
        "the regular body is 10.5 pt"
    );
    assert!(
        texts.iter().all(|s| s.size < 18.0),
        "nothing in a regular letter is large print"
    );
}

#[test]
fn large_print_runs_over_more_pages_with_every_word() {
    for (what, l) in letters() {
        let regular = render_as(&l, Print::Regular);
        let large = render_as(&l, Print::Large);
        assert!(
            large.pages() > regular.pages(),
            "{what}: large print takes more pages ({} regular, {} large)",
            regular.pages(),
            large.pages()
        );
        assert_eq!(
            desk_letters::page_count_printed(&l, &org(), Print::Large).expect("pages"),
            large.pages(),
            "{what}: the page count (a fee by the page) counts the large-print pages"
        );
        let pages = large.pages();
        for p in 1..=pages {
            assert!(
                large.page_text(p).contains(&format!("Page {p} of {pages}")),
                "{what}: page {p} is numbered"
            );
        }
        if what == "long word" {
            // The unbroken token is split between characters, all 150 printed.
            let xs = |pdf: &Pdf| pdf.text().matches('X').count();
            assert_eq!(xs(&large), xs(&regular), "{what}: every X printed");
            continue;
        }
        // Every word, but the offer of large print (it offers another format instead).
        let offer = render_as(&l.in_large_print(), Print::Regular);
        let (r, g) = (words(&offer), words(&large));
        let missing: Vec<_> = r.difference(&g).collect();
        assert!(
            missing.is_empty(),
            "{what}: every word of the letter is printed in large print; missing {missing:?}"
        );
    }
}

#[test]
fn a_letter_in_large_print_offers_another_format_not_large_print() {
    let l = access_denial();
    let flat = |pdf: &Pdf| pdf.text().split_whitespace().collect::<Vec<_>>().join(" ");
    let regular = flat(&render_as(&l, Print::Regular));
    assert!(
        regular.contains("in large print or another format"),
        "the regular letter offers large print: {regular}"
    );
    let large = flat(&render_as(&l, Print::Large));
    assert!(
        !large.contains("large print"),
        "the large-print letter does not offer what it is: {large}"
    );
    assert!(
        large.contains("this letter in another format"),
        "it still offers another format: {large}"
    );
}

#[test]
fn large_print_keeps_the_address_in_the_window_and_the_signature_together() {
    let pdf = render_as(&access_denial(), Print::Large);
    let window: Vec<_> = pdf
        .words()
        .into_iter()
        .filter(|w| w.page == 1 && ["Personal", "Jane", "Palm"].contains(&w.text.as_str()))
        .filter(|w| w.y_min < 230.0)
        .collect();
    assert_eq!(window.len(), 3, "marking, name and address: {window:?}");
    for w in window {
        assert!(
            w.x_min >= 63.0 && w.x_max <= 387.0 && w.y_min >= 144.0 && w.y_max <= 227.0,
            "{:?} is inside the envelope window: {w:?}",
            w.text
        );
    }
    // The signature block is kept on one page: its line label and the official's name.
    let pages = pdf.pages();
    let with = |needle: &str| {
        (1..=pages)
            .filter(|&p| pdf.page_text(p).contains(needle))
            .collect::<Vec<_>>()
    };
    let names = with("Pat Official");
    let labels = with("Signature of");
    assert!(
        !labels.is_empty() && labels.iter().all(|p| names.contains(p)),
        "the signature line and the name share a page (labels on {labels:?}, name on {names:?})"
    );
    pdf.save_png("large-print-access-denial");
}

#[test]
fn a_long_letterhead_in_large_print_leaves_the_window_where_it_is() {
    let mut o = org();
    o.name =
        "The Consolidated Municipal and County Governments of the Treasure Coast Region".into();
    o.department = "Department of Human Resources, Benefits and Risk Management Division".into();
    let l = letter::access_response(
        &o,
        &long_recipient(),
        d("2025-03-10"),
        d("2025-03-03"),
        &AccessDecision::Denial(AccessDenial {
            grounds: vec![AccessDenialGround::Endangerment],
            explanation: "A licensed professional reviewed the file.".into(),
            released: None,
            held_by: None,
            withheld: None,
        }),
    );
    let pdf = pdf_of(
        desk_letters::render_printed(&l, &o, None, &[], &[], None, Print::Large).expect("renders"),
    );
    assert_well_formed(&pdf, "long letterhead");
    let words = pdf.words();
    for needle in ["Maximiliana", "34986-1234"] {
        let w = words
            .iter()
            .find(|w| w.page == 1 && w.text == needle)
            .unwrap_or_else(|| panic!("{needle} printed"));
        assert!(
            w.y_min >= 144.0 && w.y_max <= 227.0 && w.x_max <= 387.0,
            "{needle} still sits in the envelope window: {w:?}"
        );
    }
    assert!(
        pdf.text().contains("Benefits and Risk Management Division"),
        "the department is still printed"
    );
    pdf.save_png("large-print-long-letterhead");
}
