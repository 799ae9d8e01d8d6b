//! Fixtures and the poppler-utils checks every letter goes through.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use desk_core::decision::Addressee;
use desk_core::letter::{Letter, NBSP};
use desk_core::organization::{Official, Organization};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn org() -> Organization {
    Organization {
        name: "Sample County".into(),
        plan_name: "Sample County Group Health Plan".into(),
        department: "Human Resources Department".into(),
        address: vec!["1840 25th Street".into(), "Vero Beach, FL 32960".into()],
        phone: "772-567-8000 ext. 1448".into(),
        fax: "772-770-5004".into(),
        privacy_official: Official {
            name: "Pat Official".into(),
            title: "Benefits/Payroll Administrator".into(),
        },
        business_associates: Vec::new(),
    }
}

pub fn jane() -> Addressee {
    Addressee {
        name: "Jane Q. Participant".into(),
        address: vec!["12 Palm Ave".into(), "Vero Beach, FL 32960".into()],
    }
}

/// A 60-character name and a four-line address: the widest the window must hold.
pub fn long_recipient() -> Addressee {
    let name = "Maximiliana Alexandrovna Bartholomew-Fitzgerald-Westinghouse";
    assert_eq!(name.chars().count(), 60);
    Addressee {
        name: name.into(),
        address: vec![
            "c/o Guardianship Services of the Treasure Coast, Suite 1400".into(),
            "Riverside Professional Centre, Building C".into(),
            "12345 Southwest Martin Luther King Jr. Boulevard".into(),
            "Port St. Lucie, FL 34986-1234".into(),
        ],
    }
}

/// A rendered PDF on disk with what poppler says about it.
pub struct Pdf {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    _dir: tempfile::TempDir,
}

pub fn render(letter: &Letter) -> Pdf {
    render_with(letter, &org(), None)
}

pub fn render_with(letter: &Letter, org: &Organization, sig: Option<&[u8]>) -> Pdf {
    pdf_of(desk_letters::render(letter, org, sig).expect("letter renders"))
}

/// Rendered bytes, kept in a temporary file for the poppler tools.
pub fn pdf_of(bytes: Vec<u8>) -> Pdf {
    assert!(bytes.starts_with(b"%PDF-"), "output is a PDF");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &bytes).expect("write pdf");
    Pdf {
        path,
        bytes,
        _dir: dir,
    }
}

fn tool(cmd: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(cmd)
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn info_tool(cmd: &str, path: &Path) -> String {
    let out = Command::new(cmd)
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed (poppler-utils): {e}"));
    assert!(out.status.success(), "{cmd} failed");
    String::from_utf8(out.stdout).expect("utf-8")
}

impl Pdf {
    /// The text, whitespace collapsed to single spaces.
    pub fn text(&self) -> String {
        squash(&tool("pdftotext", &["-enc", "UTF-8"], &self.path))
    }

    /// Text of one page (1-based), whitespace collapsed.
    pub fn page_text(&self, page: usize) -> String {
        let p = page.to_string();
        squash(&tool(
            "pdftotext",
            &["-enc", "UTF-8", "-f", &p, "-l", &p],
            &self.path,
        ))
    }

    /// Text as pdftotext lays it out, lines kept.
    pub fn raw_text(&self) -> String {
        tool("pdftotext", &["-enc", "UTF-8", "-layout"], &self.path)
    }

    pub fn pages(&self) -> usize {
        let info = info_tool("pdfinfo", &self.path);
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok())
            .expect("pdfinfo reports pages")
    }

    /// `pdfinfo -f 1 -l N`: one "Page n size" line per page.
    pub fn page_sizes(&self) -> Vec<String> {
        let last = self.pages().to_string();
        let out = Command::new("pdfinfo")
            .args(["-f", "1", "-l", &last])
            .arg(&self.path)
            .output()
            .expect("pdfinfo (poppler-utils) is installed");
        assert!(out.status.success(), "pdfinfo -f -l failed");
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .filter(|l| l.starts_with("Page") && l.contains("size:"))
            .map(str::to_string)
            .collect()
    }

    /// Text of one page as pdftotext lays it out, lines kept.
    pub fn raw_page_text(&self, page: usize) -> String {
        let p = page.to_string();
        tool(
            "pdftotext",
            &["-enc", "UTF-8", "-layout", "-f", &p, "-l", &p],
            &self.path,
        )
    }

    /// One page rendered in grey at 72 dpi, so one pixel is one point: (width, height, pixels
    /// row by row, 0 black to 255 white).
    pub fn grey_page(&self, page: usize) -> (usize, usize, Vec<u8>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("page");
        let p = page.to_string();
        let status = Command::new("pdftoppm")
            .args(["-gray", "-r", "72", "-f", &p, "-l", &p, "-singlefile"])
            .arg(&self.path)
            .arg(&root)
            .status()
            .expect("pdftoppm (poppler-utils) is installed");
        assert!(status.success(), "pdftoppm -gray");
        let pgm = std::fs::read(root.with_extension("pgm")).expect("a PGM file");
        // P5 header: magic, width, height, maxval, each followed by white space.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while pgm[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !pgm[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&pgm[start..at]).to_string());
        }
        assert_eq!(fields[0], "P5", "a binary greyscale PGM");
        let w: usize = fields[1].parse().expect("width");
        let h: usize = fields[2].parse().expect("height");
        let pixels = pgm[at + 1..].to_vec();
        assert_eq!(pixels.len(), w * h, "one byte a pixel");
        (w, h, pixels)
    }

    pub fn fonts(&self) -> String {
        info_tool("pdffonts", &self.path)
    }

    /// Every word with its box, in points from the top-left corner.
    pub fn words(&self) -> Vec<Word> {
        let html = tool("pdftotext", &["-bbox"], &self.path);
        let mut words = Vec::new();
        let mut page = 0;
        for line in html.lines() {
            let line = line.trim();
            if line.starts_with("<page ") {
                page += 1;
            }
            if let Some(rest) = line.strip_prefix("<word ") {
                let attr = |name: &str| -> f32 {
                    let key = format!("{name}=\"");
                    let start = rest.find(&key).expect("attribute") + key.len();
                    let end = rest[start..].find('"').expect("quote") + start;
                    rest[start..end].parse().expect("number")
                };
                let text_start = rest.find('>').expect(">") + 1;
                let text_end = rest.rfind("</word>").expect("</word>");
                words.push(Word {
                    page,
                    text: rest[text_start..text_end].to_string(),
                    x_min: attr("xMin"),
                    y_min: attr("yMin"),
                    x_max: attr("xMax"),
                    y_max: attr("yMax"),
                });
            }
        }
        words
    }

    /// PNGs of every page for people to look at: artifacts/letters/NAME-N.png.
    pub fn save_png(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts/letters");
        std::fs::create_dir_all(&dir).expect("artifacts dir");
        std::fs::copy(&self.path, dir.join(format!("{name}.pdf"))).expect("copy pdf");
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "80"])
            .arg(&self.path)
            .arg(dir.join(name))
            .status()
            .expect("pdftoppm");
        assert!(status.success(), "pdftoppm renders {name}");
    }
}

#[derive(Debug)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
}

pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts every statement appears in the text (whitespace-insensitive).
#[track_caller]
pub fn assert_says(text: &str, what: &str, statements: &[&str]) {
    for s in statements {
        assert!(
            text.contains(&squash(s)),
            "{what}: the letter must say {s:?}\n--- text ---\n{text}"
        );
    }
}

/// The checks every letter passes: page size, embedded fonts, margins.
#[track_caller]
pub fn assert_well_formed(pdf: &Pdf, what: &str) {
    let sizes = pdf.page_sizes();
    assert_eq!(
        sizes.len(),
        pdf.pages(),
        "{what}: pdfinfo -f 1 -l N reports every page: {sizes:?}"
    );
    for line in &sizes {
        assert!(
            line.contains("612 x 792 pts"),
            "{what}: every page is US Letter: {line}"
        );
    }
    let fonts = pdf.fonts();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{what}: fonts are listed\n{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID: emb is the 5th column from the end.
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "{what}: every font embedded\n{fonts}");
        assert!(
            row.contains("LiberationSans"),
            "{what}: only the shipped fonts, no standard-14\n{fonts}"
        );
    }
    assert_inside_margins(pdf, what);
    let text = pdf.raw_text();
    assert!(
        !text.lines().any(|l| l.trim() == "\u{2022}"),
        "{what}: every bullet is on the page and line of its text:\n{text}"
    );
}

#[track_caller]
pub fn assert_inside_margins(pdf: &Pdf, what: &str) {
    let words = pdf.words();
    assert!(!words.is_empty(), "{what}: has words");
    for w in &words {
        assert!(
            w.x_min >= 36.0 && w.y_min >= 36.0 && w.x_max <= 576.0 && w.y_max <= 756.0,
            "{what}: word {:?} on page {} lies outside the 0.5-inch margins ({}, {})–({}, {})",
            w.text,
            w.page,
            w.x_min,
            w.y_min,
            w.x_max,
            w.y_max
        );
    }
}

/// Every phrase the model keeps together (joined by U+00A0: dates, names, key phrases) is
/// printed whole on one line, each time it occurs; and no occurrence of it anywhere in the
/// text is broken across two lines.
#[track_caller]
pub fn assert_kept_whole(pdf: &Pdf, letter: &Letter, what: &str) {
    let model = serde_json::to_value(letter).expect("the model serialises");
    let mut strings = Vec::new();
    collect_strings(&model, &mut strings);
    let mut phrases: Vec<(String, usize)> = Vec::new();
    for s in &strings {
        for token in s.split([' ', '\n']).filter(|t| t.contains(NBSP)) {
            let phrase = squash(&token.replace(NBSP, " "));
            if phrase.is_empty() || !phrase.contains(' ') {
                continue;
            }
            match phrases.iter_mut().find(|(p, _)| *p == phrase) {
                Some((_, n)) => *n += 1,
                None => phrases.push((phrase, 1)),
            }
        }
    }
    assert!(!phrases.is_empty(), "{what}: the model keeps some phrases");
    let raw = pdf.raw_text();
    let lines: Vec<String> = raw.lines().map(squash).collect();
    let whole = squash(&raw);
    for (phrase, in_model) in &phrases {
        let on_lines: usize = lines
            .iter()
            .map(|l| l.matches(phrase.as_str()).count())
            .sum();
        assert!(
            on_lines >= *in_model,
            "{what}: {phrase:?} is kept together {in_model} time(s) in the model but printed whole on a line only {on_lines} time(s):\n{raw}"
        );
        let anywhere = whole.matches(phrase.as_str()).count();
        assert!(
            anywhere <= on_lines,
            "{what}: {phrase:?} occurs {anywhere} time(s) but only {on_lines} on one line: one is split:\n{raw}"
        );
    }
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        serde_json::Value::Object(map) => map.values().for_each(|i| collect_strings(i, out)),
        _ => {}
    }
}
