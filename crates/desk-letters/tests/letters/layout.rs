//! Layout rules: window envelope placement, wrapping of long names and addresses inside the
//! margins, deterministic bytes, signature image, size.

use desk_core::decision::*;
use desk_core::letter::{self, Letter};

use crate::support::*;

fn denial_to(recipient: &Addressee) -> Letter {
    letter::access_response(
        &org(),
        recipient,
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

#[test]
fn recipient_sits_in_the_no_10_window() {
    let pdf = render(&denial_to(&jane()));
    let words = pdf.words();
    let window: Vec<_> = words
        .iter()
        .filter(|w| w.page == 1 && ["Personal", "Jane", "Palm"].contains(&w.text.as_str()))
        // The first occurrence of each: the salutation repeats the name lower down.
        .filter(|w| w.y_min < 230.0)
        .collect();
    assert_eq!(
        window.len(),
        3,
        "marking, name and address found: {window:?}"
    );
    for w in window {
        // Window opening on the folded page: 0.875–5.375 in across, about 2.0–3.15 in down.
        assert!(
            w.x_min >= 63.0 && w.x_max <= 387.0 && w.y_min >= 144.0 && w.y_max <= 227.0,
            "{:?} is inside the envelope window: {w:?}",
            w.text
        );
    }
}

#[test]
fn a_60_character_name_and_4_line_address_stay_inside_margins_and_window() {
    let recipient = long_recipient();
    let l = denial_to(&recipient);
    let pdf = render(&l);
    assert_well_formed(&pdf, "long recipient");
    let text = pdf.text();
    assert_says(
        &text,
        "long recipient",
        &[
            "Maximiliana Alexandrovna Bartholomew-Fitzgerald-Westinghouse",
            "c/o Guardianship Services of the Treasure Coast, Suite 1400",
            "Port St. Lucie, FL 34986-1234",
        ],
    );
    for w in pdf.words().iter().filter(|w| {
        w.page == 1 && w.y_min < 230.0 && (w.text == "Maximiliana" || w.text == "34986-1234")
    }) {
        assert!(
            w.x_max <= 387.0 && w.y_max <= 227.0,
            "{:?} still fits the window: {w:?}",
            w.text
        );
    }
    pdf.save_png("long-recipient");
}

#[test]
fn long_words_and_long_names_wrap_inside_the_margins() {
    let mut o = org();
    o.name =
        "The Consolidated Municipal and County Governments of the Treasure Coast Region".into();
    o.address = vec![
        "Administration Building A, Second Floor, Suite 200".into(),
        "1840 25th Street".into(),
        "Post Office Box 1234".into(),
        "Vero Beach, FL 32960-1234".into(),
    ];
    let l = letter::restriction_response(
        &o,
        &long_recipient(),
        d("2025-03-10"),
        d("2025-03-03"),
        &RestrictionDecision::Denied(RestrictionDenied {
            reason: format!("A very long unbroken token follows: {}", "X".repeat(150)),
        }),
    );
    let pdf = render_with(&l, &o, None);
    assert_well_formed(&pdf, "long words");
    pdf.save_png("long-words");
}

#[test]
fn dates_and_names_are_never_split_across_lines() {
    // Every kept phrase of each model (dates, names, key phrases), each time it occurs.
    let mut o = org();
    o.privacy_official.title = "Benefits, Payroll and Privacy Compliance Administrator".into();
    let mut letters = vec![
        ("denial", denial_to(&jane()), org()),
        (
            "denial, long recipient",
            denial_to(&long_recipient()),
            org(),
        ),
        (
            "amendment denial",
            letter::amendment_response(
                &o,
                &long_recipient(),
                d("2025-09-30"),
                d("2025-09-13"),
                &AmendmentDecision::Denial(AmendmentDenial {
                    grounds: AmendmentDenialGround::ALL.to_vec(),
                    explanation: "The claim was processed as billed on November 27, 2024.".into(),
                }),
            ),
            o.clone(),
        ),
        (
            "restriction agreed",
            letter::restriction_response(
                &org(),
                &jane(),
                d("2025-11-30"),
                d("2025-11-27"),
                &RestrictionDecision::Agreed(RestrictionAgreed {
                    restriction: "No disclosure to my spouse.".into(),
                    business_associates: vec![
                        "Blue Cross Blue Shield of Florida Claims Administration".into(),
                        "PharmaCare Pharmacy Benefit Management Services".into(),
                        "Treasure Coast Employee Assistance Program".into(),
                    ],
                    terms: None,
                }),
            ),
            org(),
        ),
    ];
    letters.push((
        "access extension",
        letter::access_response(
            &org(),
            &jane(),
            d("2025-09-30"),
            d("2025-09-13"),
            &AccessDecision::Extension(Extension {
                reason: "The records are off site.".into(),
                respond_by: d("2025-11-12"),
            }),
        ),
        org(),
    ));
    for (what, l, o) in &letters {
        let pdf = render_with(l, o, None);
        assert_kept_whole(&pdf, l, what);
    }
    let pdf = render(&denial_to(&jane()));
    let raw = pdf.raw_text();
    for phrase in [
        "March 10, 2025",
        "March 3, 2025",
        "Jane Q. Participant",
        "Pat Official",
        "Office for Civil Rights",
    ] {
        let whole = raw.lines().filter(|l| squash(l).contains(phrase)).count();
        assert!(whole > 0, "{phrase:?} appears whole on one line:\n{raw}");
        assert_eq!(
            squash(&raw).matches(phrase).count(),
            whole,
            "every {phrase:?} sits whole on its line:\n{raw}"
        );
    }
}

#[test]
fn a_kept_phrase_wider_than_a_line_breaks_at_its_own_spaces_first() {
    // A business associate's name kept together but longer than a line: it wraps at its
    // non-breaking spaces, never inside a word.
    let long = "The Consolidated Treasure Coast Regional Claims Administration and Pharmacy Benefit Management Cooperative of Indian River, St. Lucie and Martin Counties";
    let l = letter::restriction_response(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &RestrictionDecision::Agreed(RestrictionAgreed {
            restriction: "No disclosure to my spouse.".into(),
            business_associates: vec![long.into()],
            terms: None,
        }),
    );
    let pdf = render(&l);
    assert_well_formed(&pdf, "long associate");
    assert_says(&pdf.text(), "long associate", &[long]);
    let words: Vec<&str> = long.split(' ').collect();
    let printed: Vec<String> = pdf.words().into_iter().map(|w| w.text).collect();
    for w in words {
        assert!(
            printed.iter().any(|p| p == w),
            "{w:?} is printed as a whole word, not split between characters"
        );
    }
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let l = denial_to(&long_recipient());
    let a = desk_letters::render(&l, &org(), None).expect("render");
    let b = desk_letters::render(&l, &org(), None).expect("render");
    assert!(a == b, "same inputs, same bytes");
    // And a different date gives different bytes (the date is really in the file).
    let mut later = l.clone();
    later.dated = d("2025-03-11");
    let c = desk_letters::render(&later, &org(), None).expect("render");
    assert!(a != c, "the date is part of the document");
    let sig = signature_png();
    let s1 = desk_letters::render(&l, &org(), Some(&sig)).expect("render");
    let s2 = desk_letters::render(&l, &org(), Some(&sig)).expect("render");
    assert!(s1 == s2, "with a signature image too");
}

#[test]
fn a_one_page_letter_is_small_and_has_no_page_number() {
    let l = letter::access_response(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &AccessDecision::Extension(Extension {
            reason: "The records are off site.".into(),
            respond_by: d("2025-05-02"),
        }),
    );
    let pdf = render(&l);
    assert_eq!(pdf.pages(), 1, "an extension letter fits one page");
    assert!(
        !pdf.text().contains("Page 1"),
        "no page number on a one-page letter"
    );
    assert!(
        pdf.bytes.len() < 100 * 1024,
        "fonts are subset: {} bytes",
        pdf.bytes.len()
    );
}

/// A small PNG signature drawn in code: 120 × 30, a dark stroke on white.
fn signature_png() -> Vec<u8> {
    png(120, 30, |x, y| {
        (y as i32 - 15 - ((x as f32 / 8.0).sin() * 8.0) as i32).abs() < 2
    })
}

/// A 120 × 30 PNG with a dark frame on its edges, so its printed box can be measured.
fn framed_png() -> Vec<u8> {
    png(120, 30, |x, y| x < 2 || y < 2 || x >= 118 || y >= 28)
}

/// Minimal PNG writer: 8-bit greyscale, stored (uncompressed) deflate blocks; `dark(x, y)`
/// pixels are near-black, the rest white.
fn png(w: u32, h: u32, dark: impl Fn(u32, u32) -> bool) -> Vec<u8> {
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0u8);
        for x in 0..w {
            raw.push(if dark(x, y) { 20 } else { 255 });
        }
    }
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn adler(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in data {
            a = (a + u32::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    let mut z = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, c) in chunks.iter().enumerate() {
        z.push(u8::from(i + 1 == chunks.len()));
        let len = c.len() as u16;
        z.extend(len.to_le_bytes());
        z.extend((!len).to_le_bytes());
        z.extend(*c);
    }
    z.extend(adler(&raw).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        png.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        png.extend(&body);
        png.extend(crc(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &z);
    chunk(b"IEND", &[]);
    png
}

#[test]
fn a_signature_image_goes_on_the_signature_line() {
    let l = denial_to(&jane());
    let sig = signature_png();
    let pdf = render_with(&l, &org(), Some(&sig));
    assert_well_formed(&pdf, "signed");
    let out = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf.path)
        .output()
        .expect("pdfimages");
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.contains("120") && list.contains("30"),
        "the 120 x 30 image is embedded:\n{list}"
    );
    pdf.save_png("signed");
    let err = desk_letters::render(&l, &org(), Some(b"not a png"));
    assert!(err.is_err(), "a broken image is refused, not ignored");
}

/// Where the signature image lands: measured on the page at 72 dpi (one pixel a point), its
/// box stands on the signature line, at its left end, below "Sincerely," and above the label.
#[test]
fn the_signature_image_stands_on_the_line() {
    let l = denial_to(&jane());
    let signed = render_with(&l, &org(), Some(&framed_png()));
    let words = signed.words();
    let label = words
        .iter()
        .find(|w| w.text == "Representative")
        .expect("the signature line's label");
    let closing = words
        .iter()
        .find(|w| w.text == "Sincerely,")
        .expect("the closing");
    assert_eq!(label.page, closing.page, "the block stays on one page");
    let (w, h, px) = signed.grey_page(label.page);
    let dark = |x: usize, y: usize| px[y * w + x] < 128;
    // The signature line: the row just above the label, dark from 1.1 in to 4.4 in across.
    let label_top = label.y_min.floor() as usize;
    let line_row = (label_top.saturating_sub(8)..label_top)
        .rev()
        .find(|&y| (80..310).all(|x| dark(x, y)))
        .expect("a signature line above its label");
    // The frame's box: dark pixels between the closing and the line, left of the date line.
    let top = closing.y_max.ceil() as usize;
    let mut bbox: Option<(usize, usize, usize, usize)> = None;
    for y in top..line_row.saturating_sub(1) {
        for x in 60..340.min(w) {
            if dark(x, y) {
                let b = bbox.get_or_insert((x, y, x, y));
                b.0 = b.0.min(x);
                b.1 = b.1.min(y);
                b.2 = b.2.max(x);
                b.3 = b.3.max(y);
            }
        }
    }
    let (x0, y0, x1, y1) = bbox.expect("the signature image is drawn above the line");
    assert!(
        line_row - y1 <= 3,
        "the image stands on the line (bottom at {y1}, line at {line_row})"
    );
    assert!(
        (74..=79).contains(&x0),
        "the image starts at the line's left end, x = {x0}"
    );
    let (iw, ih) = (x1 - x0 + 1, y1 - y0 + 1);
    // 120 × 30 scaled to fit 240 × 38 pt keeps its shape: 152 × 38.
    assert!(
        (149..=155).contains(&iw) && (35..=40).contains(&ih),
        "the image keeps its proportions, {iw} x {ih} pt"
    );
    assert!(
        y0 >= top + 3,
        "the image stays clear of the closing (image top {y0}, closing bottom {top})"
    );
    assert!(h > line_row, "inside the page");

    // Without an image the same place is blank, left for a wet signature.
    let plain = render(&l);
    let (w2, _, px2) = plain.grey_page(label.page);
    let marks = (top..line_row.saturating_sub(1))
        .flat_map(|y| (60..340).map(move |x| (x, y)))
        .filter(|&(x, y)| px2[y * w2 + x] < 128)
        .count();
    assert_eq!(marks, 0, "no image, nothing above the line");
}

#[test]
fn the_default_organization_profile_parses_and_renders() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/organization.json");
    let text = std::fs::read_to_string(path).expect("assets/organization.json exists");
    let o: desk_core::organization::Organization =
        serde_json::from_str(&text).expect("the default profile matches Organization");
    let l = letter::complaint_acknowledgement(&o, &jane(), d("2025-03-10"), d("2025-03-03"));
    let pdf = render_with(&l, &o, None);
    assert_says(
        &pdf.text(),
        "default profile",
        &[&o.plan_name, &o.privacy_official.name],
    );
}

/// Page breaks that read badly: the signature block alone on a page, a heading at the foot of
/// a page with its text on the next, an address to write to split over two pages.
#[test]
fn page_breaks_keep_headings_addresses_and_the_signature_with_their_text() {
    let review_upheld = letter::denial_review(
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
    let restriction = letter::restriction_response(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &RestrictionDecision::Agreed(RestrictionAgreed {
            restriction: "Do not disclose my claims for physical therapy to my spouse.".into(),
            business_associates: vec!["Blue Cross".into(), "PharmaCare PBM".into()],
            terms: None,
        }),
    );
    let none = letter::accounting(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &letter::AccountingStatement {
            period_from: d("2019-06-01"),
            period_to: d("2025-06-01"),
            entries: vec![],
            fee_cents: 0,
        },
    );
    let letters = [
        ("denial", denial_to(&jane())),
        ("denial, long recipient", denial_to(&long_recipient())),
        ("review upheld", review_upheld),
        ("restriction agreed", restriction),
        ("accounting, none", none),
    ];
    for (what, l) in letters {
        let pdf = render(&l);
        let headings: Vec<String> = l
            .blocks
            .iter()
            .filter_map(|b| match b {
                desk_core::letter::Block::Heading(h) => Some(h.replace('\u{a0}', " ")),
                _ => None,
            })
            .collect();
        let pages = pdf.pages();
        for p in 1..=pages {
            let lines: Vec<String> = pdf
                .raw_page_text(p)
                .lines()
                .map(squash)
                .filter(|l| !l.is_empty() && !l.starts_with("Page "))
                .collect();
            // Later pages open with the short letterhead; the text follows it.
            let body: &[String] = if p > 1 { &lines[1..] } else { &lines };
            if let Some(at) = body.iter().position(|l| l == "Sincerely,") {
                assert!(
                    at > 0,
                    "{what}: page {p} holds the signature block with no text before it: {lines:?}"
                );
            }
            if let Some(last) = body.last() {
                assert!(
                    !headings.contains(last),
                    "{what}: page {p} ends with the heading {last:?}, its text on the next page"
                );
            }
            // The Privacy Official's contact block: name line and phone line on one page.
            let name_lines = body
                .iter()
                .filter(|l| l.as_str() == "Pat Official, Benefits/Payroll Administrator")
                .count();
            let phone_lines = body
                .iter()
                .filter(|l| l.as_str() == "Phone 772-567-8000 ext. 1448 Fax 772-770-5004")
                .count();
            assert_eq!(
                name_lines, phone_lines,
                "{what}: page {p} splits the contact address: {lines:?}"
            );
        }
    }
}

#[test]
fn enclosures_follow_the_letter_a_scan_under_its_caption_and_a_pdf_unchanged() {
    use desk_letters::Enclosure;
    let letter = denial_to(&jane());
    // A scanned page (600 × 800 pixels, framed) and a PDF (another letter).
    let scan = png(600, 800, |x, y| x < 6 || y < 6 || x >= 594 || y >= 794);
    let enclosed_pdf = desk_letters::render(&denial_to(&long_recipient()), &org(), None)
        .expect("the PDF to enclose");
    let enclosures = [
        Enclosure {
            caption: "Enclosure 1: copy of the written request for the disclosure of March 1, 2025",
            bytes: &scan,
        },
        Enclosure {
            caption: "Enclosure 2: copy of the written request for the disclosure of April 2, 2025",
            bytes: &enclosed_pdf,
        },
    ];
    let bytes = desk_letters::render_with_enclosures(&letter, &org(), None, &enclosures, None)
        .expect("renders with its enclosures");
    let again = desk_letters::render_with_enclosures(&letter, &org(), None, &enclosures, None)
        .expect("again");
    assert_eq!(bytes, again, "the same inputs give the same bytes");
    let pdf = pdf_of(bytes);
    let alone = render(&letter).pages();
    let enclosed_pages = pdf_of(enclosed_pdf.clone()).pages();
    assert_eq!(
        pdf.pages(),
        alone + 2 + enclosed_pages,
        "the letter, the scan's page, the PDF's caption page and its own pages"
    );
    assert_well_formed(&pdf, "a letter with enclosures");
    assert!(pdf
        .page_text(alone + 1)
        .contains("Enclosure 1: copy of the written request"));
    let (w, h, grey) = pdf.grey_page(alone + 1);
    let dark = grey.iter().filter(|&&g| g < 128).count();
    assert!(
        dark > (w + h) * 2,
        "the scan's frame is printed on its page ({dark} dark pixels of {w} × {h})"
    );
    let caption = pdf.page_text(alone + 2);
    assert!(
        caption.contains("Enclosure 2: copy of the written request")
            && caption.contains(&format!("follows on the next {enclosed_pages} pages")),
        "{caption}"
    );
    let enclosed = pdf.page_text(alone + 3);
    assert!(
        enclosed.contains(
            long_recipient()
                .name
                .split_whitespace()
                .next()
                .expect("a name")
        ),
        "the enclosed PDF's own page follows its caption: {enclosed}"
    );
    pdf.save_png("letter-with-enclosures");

    let e = desk_letters::render_with_enclosures(
        &letter,
        &org(),
        None,
        &[Enclosure {
            caption: "Enclosure 1",
            bytes: b"not a scan",
        }],
        None,
    )
    .expect_err("only a PDF, PNG or JPEG can be enclosed");
    assert!(matches!(e, desk_letters::Error::Enclosure(_)), "{e:?}");
}

#[test]
fn embedded_files_travel_inside_the_pdf_byte_for_byte() {
    use desk_letters::EmbeddedFile;
    let letter = denial_to(&jane());
    let first = desk_letters::render(&denial_to(&long_recipient()), &org(), None).expect("a PDF");
    let second = b"any bytes at all \x00\xff".to_vec();
    let files = [
        EmbeddedFile {
            name: "letter-0002.pdf",
            description: "the second",
            bytes: &second,
        },
        EmbeddedFile {
            name: "letter-0001.pdf",
            description: "the first",
            bytes: &first,
        },
    ];
    let bytes = desk_letters::render_with_files(&letter, &org(), None, &[], &files, None)
        .expect("renders with its files");
    assert_eq!(
        bytes,
        desk_letters::render_with_files(&letter, &org(), None, &[], &files, None).expect("again"),
        "the same inputs give the same bytes"
    );
    let doc = lopdf::Document::load_mem(&bytes).expect("a readable PDF");
    let names = doc
        .catalog()
        .and_then(|c| c.get(b"Names"))
        .and_then(lopdf::Object::as_dict)
        .and_then(|n| n.get(b"EmbeddedFiles"))
        .and_then(lopdf::Object::as_dict)
        .and_then(|t| t.get(b"Names"))
        .and_then(lopdf::Object::as_array)
        .expect("the catalog's /Names /EmbeddedFiles tree");
    let mut found = Vec::new();
    for pair in names.chunks(2) {
        let name = String::from_utf8(pair[0].as_str().expect("a name").to_vec()).expect("utf-8");
        let spec = doc
            .get_dictionary(pair[1].as_reference().expect("a reference"))
            .expect("a file specification");
        let stream_id = spec
            .get(b"EF")
            .and_then(lopdf::Object::as_dict)
            .and_then(|ef| ef.get(b"F"))
            .and_then(lopdf::Object::as_reference)
            .expect("its embedded file");
        let stream = doc
            .get_object(stream_id)
            .and_then(lopdf::Object::as_stream)
            .expect("a stream");
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        found.push((name, content));
    }
    assert_eq!(
        found,
        vec![
            ("letter-0001.pdf".to_string(), first.clone()),
            ("letter-0002.pdf".to_string(), second.clone())
        ],
        "each file, sorted by name as a name tree must be, with its exact bytes"
    );
    assert_eq!(
        pdf_of(bytes).pages(),
        render(&letter).pages(),
        "attached files add no pages"
    );
}
