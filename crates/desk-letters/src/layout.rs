//! Page layout: letterhead, envelope window, wrapped text, tables, form fields, signature block,
//! page numbers. Positions are in points from the top-left corner of a US Letter page and
//! turned into PDF coordinates (origin bottom-left) only when an operation is emitted.

use desk_core::letter::{keep, Block, Column, Field, Letter, Signature, Span, Style, NBSP};
use desk_core::organization::Organization;
use printpdf::{
    Color, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing,
    Pt, TextItem, WindingOrder, XObjectId, XObjectTransform,
};

use crate::font::{Face, Faces};
use crate::Print;

/// US Letter, in points.
pub const PAGE_W: f32 = 612.0;
pub const PAGE_H: f32 = 792.0;
/// Body text runs from 1 in to 1 in from either edge; nothing is printed closer than 0.5 in.
const LEFT: f32 = 72.0;
const RIGHT: f32 = PAGE_W - 72.0;
const TEXT_W: f32 = RIGHT - LEFT;
/// Top of the letterhead, 0.5 in.
const TOP: f32 = 36.0;
/// Content stops here (0.86 in above the bottom edge), leaving room for "Page N of M".
const BOTTOM: f32 = PAGE_H - 62.0;
/// Baseline of the page number, 0.56 in above the bottom edge.
const FOOTER_BASELINE: f32 = PAGE_H - 40.0;
/// The audit witness's small type, under the page number.
const WITNESS_SIZE: f32 = 6.0;
const WITNESS_BASELINE: f32 = PAGE_H - 28.0;

/// No. 10 window envelope (4⅛ × 9½ in, window 1⅛ × 4½ in, ⅞ in from the left and ½ in from the
/// bottom): a letter folded in three sits with its top third behind the window, whose opening
/// then spans about 2.0–3.15 in from the top of the page and 0.875–5.375 in from its left edge.
/// The marking and address start 1.0 in from the left and 2.0 in from the top, are at most
/// 4.25 in wide and are kept to seven 11-pt lines (1.07 in).
const WINDOW_X: f32 = 72.0;
const WINDOW_TOP: f32 = 144.0;
const WINDOW_W: f32 = 306.0;
/// Body of a mailed letter starts below the window zone (3.35 in).
const BODY_TOP_MAILED: f32 = 241.0;

/// Room between the closing and the signature line: a 38-pt signature image stands on the
/// line and stays clear of the closing.
const SIGNATURE_GAP: f32 = 44.0;
/// Large print: the signature line and the date line, one under the other, and the room to
/// write the date above its line.
const LARGE_SIGNATURE_W: f32 = 360.0;
const LARGE_DATE_W: f32 = 220.0;
const LARGE_DATE_GAP: f32 = 36.0;
/// Groups taller than this (about half a page) are not kept together: they just flow.
const KEEP_MAX: f32 = 330.0;

const BODY_SIZE: f32 = 10.5;
/// Large print: the body at 18 pt, everything else in the body scaled by the same factor and
/// never below 18 pt (the page number, the audit witness and the envelope window keep their
/// sizes).
const LARGE_BODY: f32 = 18.0;
const LARGE: f32 = LARGE_BODY / BODY_SIZE;
/// In large print a group is kept together up to about two thirds of a page.
const KEEP_MAX_LARGE: f32 = 460.0;
const BODY_LH: f32 = 13.5;
const PARA_GAP: f32 = 6.0;
/// Ascent of Liberation Sans (0.905 em): baseline = top of line box + ASCENT × size.
const ASCENT: f32 = 0.905;

/// A run of text on one line: where it starts and in which face.
struct Run {
    x: f32,
    text: String,
    style: Style,
}

/// A laid-out line: its runs and its width.
struct LaidLine {
    runs: Vec<Run>,
    width: f32,
}

/// One unbreakable word, possibly in several styles ("Fee:" bold glued to nothing, or a word
/// half bold half regular).
struct Word {
    frags: Vec<(String, Style)>,
    width: f32,
}

pub(crate) struct Layout<'a> {
    faces: &'a Faces,
    org: &'a Organization,
    letter: &'a Letter,
    pub pages: Vec<Vec<Op>>,
    y: f32,
    signature: Option<(XObjectId, f32, f32)>,
    /// The audit log's head when the letter was made (`SEQ:HASH`), for the footer.
    witness: Option<&'a str>,
    print: Print,
    /// Large print: the letterhead had no room for the department above the envelope window.
    department_after_window: bool,
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

fn pt(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_H - y_from_top),
    }
}

impl<'a> Layout<'a> {
    pub fn new(
        faces: &'a Faces,
        org: &'a Organization,
        letter: &'a Letter,
        signature: Option<(XObjectId, f32, f32)>,
        witness: Option<&'a str>,
        print: Print,
    ) -> Self {
        Layout {
            faces,
            org,
            letter,
            pages: vec![Vec::new()],
            y: TOP,
            signature,
            witness,
            print,
            department_after_window: false,
        }
    }

    // -- sizes --------------------------------------------------------------------------------

    fn large(&self) -> bool {
        matches!(self.print, Print::Large)
    }

    /// The type size for a regular `size`: in large print scaled with the body, at least 18 pt.
    fn sz(&self, size: f32) -> f32 {
        if self.large() {
            (size * LARGE).max(LARGE_BODY)
        } else {
            size
        }
    }

    /// The line height for regular `size` set on `lh`: in proportion to the size as printed.
    fn lh(&self, size: f32, lh: f32) -> f32 {
        lh * self.sz(size) / size
    }

    /// A gap or indent, scaled with the body in large print.
    fn gap(&self, v: f32) -> f32 {
        if self.large() {
            v * LARGE
        } else {
            v
        }
    }

    /// A line of an address as wrapped: in large print it breaks after its commas first
    /// ("Human Resources Department, / Sample County Group Health Plan"), each part kept whole
    /// when it fits.
    fn address_line(&self, line: &str) -> String {
        if self.large() {
            line.split(", ").map(keep).collect::<Vec<_>>().join(", ")
        } else {
            line.to_string()
        }
    }

    fn keep_max(&self) -> f32 {
        if self.large() {
            KEEP_MAX_LARGE
        } else {
            KEEP_MAX
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    // -- primitives ---------------------------------------------------------------------------

    fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style, size: f32) {
        let text = text.replace(NBSP, " ");
        if text.trim().is_empty() {
            return;
        }
        let font = self.faces.get(style).id.clone();
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: pt(x, baseline),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text)],
            },
            Op::EndTextSection,
        ]);
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, level: f32) {
        self.ops().extend([
            Op::SetOutlineColor { col: grey(level) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: pt(x1, y),
                            bezier: false,
                        },
                        LinePoint {
                            p: pt(x2, y),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    fn rect(&mut self, x: f32, top: f32, w: f32, h: f32, mode: PaintMode, level: f32) {
        let corners = [(x, top), (x + w, top), (x + w, top + h), (x, top + h)];
        let colour = match mode {
            PaintMode::Fill => Op::SetFillColor { col: grey(level) },
            _ => Op::SetOutlineColor { col: grey(level) },
        };
        self.ops().extend([
            colour,
            Op::SetOutlineThickness { pt: Pt(0.75) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing {
                        points: corners
                            .iter()
                            .map(|&(x, y)| LinePoint {
                                p: pt(x, y),
                                bezier: false,
                            })
                            .collect(),
                    }],
                    mode,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
        if matches!(mode, PaintMode::Fill) {
            self.ops().push(Op::SetFillColor { col: grey(0.0) });
        }
    }

    fn face(&self, style: Style) -> &Face {
        self.faces.get(style)
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
        // Short letterhead on later pages: each item kept whole (a date or a name never breaks),
        // lines break only after a separator.
        let mut parts = vec![self.org.plan_name.trim().to_string()];
        if let Some(m) = &self.letter.mailing {
            parts.push(m.recipient.name.clone());
        }
        parts.push(self.letter.title.clone());
        if let Some(d) = &self.letter.date_line {
            parts.push(d.clone());
        }
        let header = parts
            .iter()
            .map(|p| keep(p))
            .collect::<Vec<_>>()
            .join(&format!("{NBSP}\u{b7} "));
        let (size, lh) = (self.sz(8.5), self.lh(8.5, 10.5));
        let lines = self.wrap(&[span(&header, Style::Regular)], TEXT_W, size);
        for l in lines {
            let base = self.y + ASCENT * size;
            self.emit_line(&l, LEFT, base, size);
            self.y += lh;
        }
        self.y += 3.0;
        self.hline(LEFT, RIGHT, self.y, 0.5, 0.5);
        self.y += self.gap(12.0);
    }

    /// Starts a new page unless `h` points still fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM {
            self.new_page();
        }
    }

    // -- wrapping -----------------------------------------------------------------------------

    fn words(&self, spans: &[Span], size: f32) -> Vec<Word> {
        let mut words: Vec<Word> = Vec::new();
        let mut glue = false; // the next fragment continues the last word
        for s in spans {
            let parts: Vec<&str> = s.text.split(' ').collect();
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    glue = false;
                }
                if part.is_empty() {
                    continue;
                }
                let w = self.face(s.style).width(part, size);
                match words.last_mut() {
                    Some(last) if glue => {
                        last.frags.push((part.to_string(), s.style));
                        last.width += w;
                    }
                    _ => words.push(Word {
                        frags: vec![(part.to_string(), s.style)],
                        width: w,
                    }),
                }
                glue = true;
            }
            if s.text.ends_with(' ') {
                glue = false;
            }
        }
        words
    }

    /// Splits a non-breaking phrase at its non-breaking spaces: the pieces, each an ordinary
    /// word, are then packed onto lines like any words. One piece (no U+00A0 inside) is the word
    /// itself.
    fn split_at_nbsp(&self, word: Word, size: f32) -> Vec<Word> {
        let mut out: Vec<Word> = Vec::new();
        let mut cur = Word {
            frags: Vec::new(),
            width: 0.0,
        };
        for (text, style) in word.frags {
            for (i, piece) in text.split(NBSP).enumerate() {
                if i > 0 && !cur.frags.is_empty() {
                    out.push(std::mem::replace(
                        &mut cur,
                        Word {
                            frags: Vec::new(),
                            width: 0.0,
                        },
                    ));
                }
                if !piece.is_empty() {
                    cur.width += self.face(style).width(piece, size);
                    cur.frags.push((piece.to_string(), style));
                }
            }
        }
        if !cur.frags.is_empty() {
            out.push(cur);
        }
        out
    }

    /// Splits a word wider than the line into pieces that fit (the only place a word breaks).
    fn split_long(&self, word: Word, max: f32, size: f32) -> Vec<Word> {
        let mut out = Vec::new();
        let mut cur = Word {
            frags: Vec::new(),
            width: 0.0,
        };
        for (text, style) in word.frags {
            for c in text.chars() {
                let cw = self.face(style).width(&c.to_string(), size);
                if cur.width + cw > max && cur.width > 0.0 {
                    out.push(std::mem::replace(
                        &mut cur,
                        Word {
                            frags: Vec::new(),
                            width: 0.0,
                        },
                    ));
                }
                match cur.frags.last_mut() {
                    Some((t, s)) if *s == style => t.push(c),
                    _ => cur.frags.push((c.to_string(), style)),
                }
                cur.width += cw;
            }
        }
        if !cur.frags.is_empty() {
            out.push(cur);
        }
        out
    }

    /// Wraps styled text at ordinary spaces into lines no wider than `max`.
    fn wrap(&self, spans: &[Span], max: f32, size: f32) -> Vec<LaidLine> {
        let space = self.face(Style::Regular).width(" ", size);
        let mut lines: Vec<Vec<Word>> = Vec::new();
        let mut cur: Vec<Word> = Vec::new();
        let mut cur_w = 0.0;
        for word in self.words(spans, size) {
            // A phrase too wide for a line breaks first at its non-breaking spaces, and only a
            // single word still too wide is split between characters.
            let pieces: Vec<Word> = if word.width > max {
                self.split_at_nbsp(word, size)
                    .into_iter()
                    .flat_map(|w| {
                        if w.width > max {
                            self.split_long(w, max, size)
                        } else {
                            vec![w]
                        }
                    })
                    .collect()
            } else {
                vec![word]
            };
            for w in pieces {
                if cur.is_empty() {
                    cur_w = w.width;
                    cur.push(w);
                } else if cur_w + space + w.width <= max {
                    cur_w += space + w.width;
                    cur.push(w);
                } else {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = w.width;
                    cur.push(w);
                }
            }
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
        lines
            .into_iter()
            .map(|words| {
                let mut runs: Vec<Run> = Vec::new();
                let mut x = 0.0;
                for (i, w) in words.into_iter().enumerate() {
                    // Liberation Sans has the same space width in all three faces, so a space
                    // can join a run of any style.
                    let mut sep = "";
                    if i > 0 {
                        x += space;
                        sep = " ";
                    }
                    for (text, style) in w.frags {
                        let fw = self.face(style).width(&text, size);
                        match runs.last_mut() {
                            Some(r) if r.style == style => {
                                r.text.push_str(sep);
                                r.text.push_str(&text);
                            }
                            _ => runs.push(Run { x, text, style }),
                        }
                        sep = "";
                        x += fw;
                    }
                }
                LaidLine { runs, width: x }
            })
            .collect()
    }

    fn emit_line(&mut self, line: &LaidLine, x0: f32, baseline: f32, size: f32) {
        for r in &line.runs {
            self.text(x0 + r.x, baseline, &r.text, r.style, size);
        }
    }

    /// Wrapped text from the current position, breaking pages between lines. A paragraph that
    /// must break leaves at least two lines on each page: no single first line at the foot of
    /// a page (orphan), no single last line at the head of the next (widow).
    fn flow(&mut self, spans: &[Span], x0: f32, width: f32, size: f32, lh: f32) {
        self.flow_marked(None, spans, x0, width, size, lh);
    }

    /// [`Self::flow`], with `marker` (its x and text: a list's bullet) on the first line's
    /// baseline, so the marker goes wherever the first line does (to the next page with it).
    fn flow_marked(
        &mut self,
        marker: Option<(f32, &str)>,
        spans: &[Span],
        x0: f32,
        width: f32,
        size: f32,
        lh: f32,
    ) {
        let lines = self.wrap(spans, width, size);
        let n = lines.len();
        let fits = ((BOTTOM - self.y) / lh).floor().max(0.0) as usize;
        let mut break_at = None;
        if n > fits {
            if fits < 2 || n < 4 {
                // Too little room for two lines, or too short to split two and two.
                self.new_page();
            } else if n - fits == 1 {
                break_at = Some(fits - 1);
            }
        }
        for (i, line) in lines.into_iter().enumerate() {
            if break_at == Some(i) {
                self.new_page();
            } else {
                self.ensure(lh);
            }
            let base = self.y + ASCENT * size;
            if let (0, Some((mx, m))) = (i, marker) {
                self.text(mx, base, m, Style::Regular, size);
            }
            self.emit_line(&line, x0, base, size);
            self.y += lh;
        }
    }

    // -- heights, for keeping blocks together ---------------------------------------------------

    fn paragraph_height(&self, spans: &[Span]) -> f32 {
        self.wrap(spans, TEXT_W, self.sz(BODY_SIZE)).len() as f32 * self.lh(BODY_SIZE, BODY_LH)
            + self.gap(PARA_GAP)
    }

    fn lines_height(&self, lines: &[String]) -> f32 {
        lines
            .iter()
            .map(|l| {
                self.wrap(
                    &[span(&self.address_line(l), Style::Regular)],
                    TEXT_W - self.gap(24.0),
                    self.sz(BODY_SIZE),
                )
                .len()
            })
            .sum::<usize>() as f32
            * self.lh(BODY_SIZE, BODY_LH)
            + self.gap(PARA_GAP)
    }

    fn choices_height(&self, label: &str, options: &[desk_core::letter::Choice]) -> f32 {
        let label_h = self
            .wrap(&[span(label, Style::Bold)], TEXT_W, self.sz(9.5))
            .len() as f32
            * self.lh(9.5, 12.0);
        let options_h: f32 = options
            .iter()
            .map(|o| {
                self.wrap(
                    &[span(&o.label, Style::Regular)],
                    TEXT_W - self.gap(20.0),
                    self.sz(BODY_SIZE),
                )
                .len() as f32
                    * self.lh(BODY_SIZE, BODY_LH)
                    + self.gap(2.0)
            })
            .sum();
        label_h + options_h + self.gap(PARA_GAP)
    }

    /// The signature block's height, the space before it included.
    fn signature_height(&self, s: &Signature) -> f32 {
        if self.large() {
            let (size, lh) = (self.sz(BODY_SIZE), self.lh(BODY_SIZE, BODY_LH));
            let lines = |t: &str, style| self.wrap(&[span(t, style)], TEXT_W, size).len();
            let text = lines(&s.closing, Style::Regular)
                + lines(&s.name, Style::Bold)
                + lines(&s.title, Style::Regular)
                + lines(&s.organization, Style::Regular);
            return self.gap(6.0)
                + text as f32 * lh
                + SIGNATURE_GAP
                + self.large_labels_height(&s.line_label, LARGE_SIGNATURE_W)
                + LARGE_DATE_GAP
                + self.large_labels_height(&s.date_label, LARGE_DATE_W)
                + self.gap(PARA_GAP);
        }
        let wrapped_title = self
            .wrap(&[span(&s.title, Style::Regular)], TEXT_W, BODY_SIZE)
            .len();
        6.0 + BODY_LH + SIGNATURE_GAP + 14.0 + BODY_LH * (2 + wrapped_title) as f32 + 6.0
    }

    /// In large print: the height a line's label takes under it, wrapped to `w`, with the
    /// space after it.
    fn large_labels_height(&self, label: &str, w: f32) -> f32 {
        let n = self
            .wrap(&[span(label, Style::Regular)], w, self.sz(8.5))
            .len();
        4.0 + n as f32 * self.lh(8.5, 10.0) + self.gap(8.0)
    }

    /// The height of the blocks from `i` that stay together: a paragraph with the lines it
    /// introduces (an address to write to), and the last text of a letter with its signature.
    /// `None` when the block starts no such group.
    fn group_height(&self, blocks: &[Block], i: usize) -> Option<f32> {
        let mut h = match blocks.get(i)? {
            Block::Paragraph(spans) => self.paragraph_height(spans),
            Block::Lines(lines) => self.lines_height(lines),
            _ => return None,
        };
        let mut grouped = false;
        for b in &blocks[i + 1..] {
            match b {
                Block::Lines(lines) => h += self.lines_height(lines),
                Block::Signature(s) => {
                    h += self.signature_height(s);
                    grouped = true;
                    break;
                }
                _ => break,
            }
            grouped = true;
        }
        grouped.then_some(h)
    }

    fn centered(&mut self, text: &str, style: Style, size: f32, lh: f32) {
        for line in self.wrap(&[span(text, style)], TEXT_W, size) {
            let x0 = LEFT + (TEXT_W - line.width) / 2.0;
            let base = self.y + ASCENT * size;
            self.emit_line(&line, x0, base, size);
            self.y += lh;
        }
    }

    // -- the letter ---------------------------------------------------------------------------

    pub fn run(mut self) -> Vec<Vec<Op>> {
        self.letterhead();
        if let Some(m) = self.letter.mailing.clone() {
            self.window(&m.marking, &m.recipient.name, &m.recipient.address);
        } else {
            self.y += self.gap(8.0);
            let title = self.letter.title.clone();
            let (size, lh) = (self.sz(14.0), self.lh(14.0, 18.0));
            self.centered(&title, Style::Bold, size, lh);
            self.y += self.gap(8.0);
        }
        let blocks = self.letter.blocks.clone();
        for (i, b) in blocks.iter().enumerate() {
            // Keep a group together when it fits on a page at all; a longer one just flows.
            if let Some(h) = self.group_height(&blocks, i) {
                if h <= self.keep_max() {
                    self.ensure(h);
                }
            }
            // A heading goes with the group it introduces, so it is never left behind.
            if let (Block::Heading(t), Some(h)) = (b, self.group_height(&blocks, i + 1)) {
                let heading_h = self.gap(5.0)
                    + self
                        .wrap(&[span(t, Style::Bold)], TEXT_W, self.sz(11.0))
                        .len() as f32
                        * self.lh(11.0, 15.0);
                if heading_h + h <= self.keep_max() {
                    self.ensure(heading_h + h);
                }
            }
            self.block(b);
        }
        self.page_numbers();
        self.witness_lines();
        self.pages
    }

    fn letterhead(&mut self) {
        let org = self.org;
        if self.large() {
            // Above the envelope window there is room for about three large lines: the
            // office's address and numbers follow the window (see `window`), or come next on
            // a letter that is not mailed. A name too long for one line is set at the body
            // size, and the department follows the window too when it would not fit above it.
            self.y += 1.0;
            let (mut size, mut lh) = (self.sz(15.0), self.lh(15.0, 18.0));
            if self
                .wrap(&[span(&org.name, Style::Bold)], TEXT_W, size)
                .len()
                > 1
            {
                (size, lh) = (LARGE_BODY, LARGE_BODY * 1.2);
            }
            self.centered(&org.name, Style::Bold, size, lh);
            let (size, lh) = (self.sz(10.5), self.lh(10.5, 13.0));
            self.centered(&org.plan_name, Style::Regular, size, lh);
            let department_h = self
                .wrap(&[span(&org.department, Style::Regular)], TEXT_W, size)
                .len() as f32
                * lh;
            let mailed = self.letter.mailing.is_some();
            self.department_after_window = mailed && self.y + department_h + 13.0 > WINDOW_TOP;
            if !self.department_after_window {
                self.centered(&org.department, Style::Regular, size, lh);
            }
            if !mailed {
                self.office_contact();
            }
            self.y += 3.0;
            self.hline(LEFT, RIGHT, self.y, 0.75, 0.3);
            self.y += 10.0;
            return;
        }
        self.centered(&org.name, Style::Bold, 15.0, 18.0);
        self.centered(&org.plan_name, Style::Regular, 10.5, 13.0);
        self.centered(&org.department, Style::Regular, 10.0, 12.5);
        let address: Vec<String> = org.address.iter().map(|l| l.trim().to_string()).collect();
        self.centered_items(&address, 9.5, 12.0);
        let contact = [
            format!("Phone {}", org.phone.trim()),
            format!("Fax {}", org.fax.trim()),
        ];
        self.centered_items(&contact, 9.5, 12.0);
        self.y += 3.0;
        self.hline(LEFT, RIGHT, self.y, 0.75, 0.3);
        self.y += 10.0;
    }

    /// Large print: the office's address and numbers, centred.
    fn office_contact(&mut self) {
        let org = self.org;
        let (size, lh) = (self.sz(9.5), self.lh(9.5, 12.0));
        if self.department_after_window {
            self.centered(&org.department, Style::Regular, size, lh);
        }
        let address: Vec<String> = org.address.iter().map(|l| l.trim().to_string()).collect();
        self.centered_items(&address, size, lh);
        let contact = [
            format!("Phone {}", org.phone.trim()),
            format!("Fax {}", org.fax.trim()),
        ];
        self.centered_items(&contact, size, lh);
    }

    /// Items joined by " · " on centred lines, breaking only between items (an item longer
    /// than the line wraps on its own).
    fn centered_items(&mut self, items: &[String], size: f32, lh: f32) {
        let sep = "  \u{b7}  ";
        let mut line = String::new();
        for item in items.iter().filter(|i| !i.is_empty()) {
            let kept = keep(item);
            let joined = if line.is_empty() {
                kept.clone()
            } else {
                format!("{line}{sep}{kept}")
            };
            if line.is_empty() || self.face(Style::Regular).width(&joined, size) <= TEXT_W {
                line = joined;
            } else {
                let done = std::mem::replace(&mut line, kept);
                self.centered(&done, Style::Regular, size, lh);
            }
        }
        if !line.is_empty() {
            self.centered(&line, Style::Regular, size, lh);
        }
    }

    /// Date at the right, marking and address in the envelope window at the left.
    fn window(&mut self, marking: &str, name: &str, address: &[String]) {
        let top = self.y.max(WINDOW_TOP);
        let (size, lh) = (self.sz(BODY_SIZE), self.lh(BODY_SIZE, BODY_LH));
        if let Some(d) = self.letter.date_line.clone() {
            let w = self.face(Style::Regular).width(&d, size);
            self.text(RIGHT - w, top + ASCENT * size, &d, Style::Regular, size);
        }
        self.y = top;
        // The marking and address keep their size in large print: they must fit the window.
        self.fit_line(marking, Style::Bold);
        let lines: Vec<&str> = std::iter::once(name)
            .chain(address.iter().map(String::as_str))
            .collect();
        for l in lines {
            self.fit_line(l, Style::Regular);
        }
        self.y = (self.y + 20.0).max(BODY_TOP_MAILED);
        if self.large() {
            // The address and numbers the letterhead had no room for above the window.
            self.office_contact();
            self.y += 3.0;
            self.hline(LEFT, RIGHT, self.y, 0.75, 0.3);
            self.y += self.gap(10.0);
        }
        let title = self.letter.title.clone();
        let (ts, tlh) = (self.sz(12.5), self.lh(12.5, 16.0));
        self.flow(&[span(&title, Style::Bold)], LEFT, TEXT_W, ts, tlh);
        self.y += self.gap(2.0);
        if let Some(re) = self.letter.reference.clone() {
            self.flow(&[span(&re, Style::Bold)], LEFT, TEXT_W, size, lh);
        }
        self.y += self.gap(10.0);
    }

    /// One window line at 10 pt, shrunk down to 8 pt to stay on one line, else wrapped.
    fn fit_line(&mut self, text: &str, style: Style) {
        let mut size = 10.0;
        while size > 8.0 && self.face(style).width(text, size) > WINDOW_W {
            size -= 0.5;
        }
        for line in self.wrap(&[span(text, style)], WINDOW_W, size) {
            let base = self.y + ASCENT * size;
            self.emit_line(&line, WINDOW_X, base, size);
            self.y += 11.0;
        }
    }

    fn block(&mut self, block: &Block) {
        let (size, lh) = (self.sz(BODY_SIZE), self.lh(BODY_SIZE, BODY_LH));
        let para_gap = self.gap(PARA_GAP);
        match block {
            Block::Heading(t) => {
                // Keep a heading with at least two lines of what follows.
                let (hs, hlh) = (self.sz(11.0), self.lh(11.0, 15.0));
                self.y += self.gap(4.0);
                self.ensure(hlh + 2.0 * lh);
                self.flow(&[span(t, Style::Bold)], LEFT, TEXT_W, hs, hlh);
                self.y += self.gap(1.0);
            }
            Block::Paragraph(spans) => {
                self.flow(spans, LEFT, TEXT_W, size, lh);
                self.y += para_gap;
            }
            Block::Bullets(items) => {
                let indent = self.gap(20.0);
                for item in items {
                    self.ensure(lh);
                    let marker = (LEFT + self.gap(6.0), "\u{2022}");
                    self.flow_marked(Some(marker), item, LEFT + indent, TEXT_W - indent, size, lh);
                    self.y += self.gap(2.0);
                }
                self.y += para_gap - self.gap(2.0);
            }
            Block::Quote(t) => {
                let indent = self.gap(24.0);
                self.flow(
                    &[span(t, Style::Italic)],
                    LEFT + indent,
                    TEXT_W - 2.0 * indent,
                    size,
                    lh,
                );
                self.y += para_gap;
            }
            Block::Lines(lines) => {
                // An address is read as a whole: kept on one page when it fits.
                let h = self.lines_height(lines);
                if h <= self.keep_max() {
                    self.ensure(h - para_gap);
                }
                let indent = self.gap(24.0);
                for l in lines {
                    let l = self.address_line(l);
                    self.flow(
                        &[span(&l, Style::Regular)],
                        LEFT + indent,
                        TEXT_W - indent,
                        size,
                        lh,
                    );
                }
                self.y += para_gap;
            }
            Block::Table(t) => self.table(&t.columns, &t.rows),
            Block::Fields(fields) => {
                for f in fields {
                    self.field(f);
                }
                self.y += self.gap(2.0);
            }
            Block::Choices { label, options } => {
                // A question and its boxes stay on one page when they fit.
                let h = self.choices_height(label, options);
                let (ls, llh) = (self.sz(9.5), self.lh(9.5, 12.0));
                self.ensure(if h <= self.keep_max() {
                    h - para_gap
                } else {
                    llh + self.gap(14.0)
                });
                self.flow(&[span(label, Style::Bold)], LEFT, TEXT_W, ls, llh);
                let (box_w, indent) = (self.gap(9.0), self.gap(20.0));
                for o in options {
                    self.ensure(lh);
                    let top = self.y + self.gap(2.0);
                    self.rect(
                        LEFT + self.gap(4.0),
                        top,
                        box_w,
                        box_w,
                        PaintMode::Stroke,
                        0.0,
                    );
                    if o.checked {
                        // The mark centred in its box (an X is 0.667 em wide, 0.729 em tall).
                        let xs = self.sz(9.0);
                        let (dx, base) = if self.large() {
                            ((box_w - 0.667 * xs) / 2.0, top + (box_w + 0.729 * xs) / 2.0)
                        } else {
                            (1.6, top + 7.8)
                        };
                        self.text(LEFT + self.gap(4.0) + dx, base, "X", Style::Bold, xs);
                    }
                    self.flow(
                        &[span(&o.label, Style::Regular)],
                        LEFT + indent,
                        TEXT_W - indent,
                        size,
                        lh,
                    );
                    self.y += self.gap(2.0);
                }
                self.y += para_gap;
            }
            Block::SignatureLines(labels) => self.signature_lines(labels),
            Block::Signature(s) => self.signature_block(s),
            Block::Code(code) => {
                let size = self.sz(18.0);
                let step = self.lh(18.0, 24.0);
                let pad = self.gap(10.0);
                let lines = self.wrap(&[span(code, Style::Bold)], TEXT_W - 2.0 * pad - 4.0, size);
                let h = lines.len() as f32 * step + 2.0 * pad;
                self.ensure(h);
                let top = self.y;
                self.rect(LEFT, top, TEXT_W, h, PaintMode::Stroke, 0.0);
                self.y += pad;
                for l in lines {
                    let x0 = LEFT + (TEXT_W - l.width) / 2.0;
                    let base = self.y + ASCENT * size + 2.0;
                    self.emit_line(&l, x0, base, size);
                    self.y += step;
                }
                self.y = top + h + pad;
            }
            _ => {}
        }
    }

    fn field(&mut self, f: &Field) {
        let size = self.sz(BODY_SIZE);
        let (ls, llh) = (self.sz(9.0), self.lh(9.0, 11.0));
        // A rule's row: the value written on it, its baseline a little above the rule.
        let row = self.gap(18.0);
        let value_lines = if f.value.is_empty() {
            Vec::new()
        } else {
            self.wrap(&[span(&f.value, Style::Regular)], TEXT_W - 4.0, size)
        };
        let rules = value_lines.len().max(usize::from(f.lines.max(1)));
        let label_lines = self.wrap(&[span(&f.label, Style::Bold)], TEXT_W, ls);
        self.ensure(label_lines.len() as f32 * llh + row);
        for l in label_lines {
            let base = self.y + ASCENT * ls;
            self.emit_line(&l, LEFT, base, ls);
            self.y += llh;
        }
        for i in 0..rules {
            self.ensure(row);
            let rule_y = self.y + self.gap(16.0);
            if let Some(l) = value_lines.get(i) {
                self.emit_line(l, LEFT + 2.0, rule_y - self.gap(3.0), size);
            }
            self.hline(LEFT, RIGHT, rule_y, 0.5, 0.2);
            self.y += row;
        }
        self.y += self.gap(5.0);
    }

    fn signature_lines(&mut self, labels: &[String]) {
        if self.large() {
            // One line under another, each its label under it at full width: labels at 18 pt
            // do not share a line.
            for label in labels {
                let h = LARGE_DATE_GAP + self.large_labels_height(label, TEXT_W * 0.75);
                self.ensure(h);
                self.y += LARGE_DATE_GAP;
                self.hline(LEFT, LEFT + TEXT_W * 0.75, self.y, 0.75, 0.0);
                self.line_label(label, TEXT_W * 0.75);
            }
            return;
        }
        self.ensure(56.0);
        self.y += 30.0;
        let line_y = self.y;
        let gap = 18.0;
        let n = labels.len().max(1) as f32;
        let widths: Vec<f32> = if labels.len() == 2 {
            vec![TEXT_W * 0.64, TEXT_W * 0.36 - gap]
        } else {
            vec![(TEXT_W - gap * (n - 1.0)) / n; labels.len()]
        };
        let mut x = LEFT;
        for (label, w) in labels.iter().zip(widths) {
            self.hline(x, x + w, line_y, 0.75, 0.0);
            let lines = self.wrap(&[span(label, Style::Regular)], w, 8.5);
            let mut base = line_y + 10.0;
            for l in lines {
                self.emit_line(&l, x, base, 8.5);
                base += 10.0;
            }
            x += w + gap;
        }
        self.y = line_y + 24.0;
    }

    fn signature_block(&mut self, s: &Signature) {
        let sig_h = SIGNATURE_GAP;
        let h = self.signature_height(s);
        self.ensure(h);
        let (size, lh) = (self.sz(BODY_SIZE), self.lh(BODY_SIZE, BODY_LH));
        self.y += self.gap(6.0);
        self.flow(&[span(&s.closing, Style::Regular)], LEFT, TEXT_W, size, lh);
        self.y += sig_h;
        let line_y = self.y;
        let large = self.large();
        let sig_w = if large { LARGE_SIGNATURE_W } else { 250.0 };
        let date_x = LEFT + sig_w + 30.0;
        let date_w = 140.0;
        if let Some((id, w, h)) = self.signature.clone() {
            // Fit the image in 240 × 38 pt, standing on the line.
            let scale = (240.0 / w).min(38.0 / h);
            let (dw, dh) = (w * scale, h * scale);
            let dpi = 72.0 / scale;
            self.ops().push(Op::UseXobject {
                id,
                transform: XObjectTransform {
                    translate_x: Some(Pt(LEFT + 4.0)),
                    translate_y: Some(Pt(PAGE_H - line_y + 1.0)),
                    dpi: Some(dpi),
                    ..Default::default()
                },
            });
            let _ = (dw, dh);
        }
        if large {
            // The date line goes under the signature line: both labels at 18 pt need the width.
            self.hline(LEFT, LEFT + sig_w, line_y, 0.75, 0.0);
            self.y = line_y;
            self.line_label(&s.line_label, sig_w);
            self.y += LARGE_DATE_GAP;
            let date_y = self.y;
            self.hline(LEFT, LEFT + LARGE_DATE_W, date_y, 0.75, 0.0);
            self.line_label(&s.date_label, LARGE_DATE_W);
        } else {
            self.hline(LEFT, LEFT + sig_w, line_y, 0.75, 0.0);
            self.hline(date_x, date_x + date_w, line_y, 0.75, 0.0);
            self.text(LEFT, line_y + 10.0, &s.line_label, Style::Regular, 8.5);
            self.text(date_x, line_y + 10.0, &s.date_label, Style::Regular, 8.5);
            self.y = line_y + 16.0;
        }
        self.flow(&[span(&s.name, Style::Bold)], LEFT, TEXT_W, size, lh);
        self.flow(&[span(&s.title, Style::Regular)], LEFT, TEXT_W, size, lh);
        self.flow(
            &[span(&s.organization, Style::Regular)],
            LEFT,
            TEXT_W,
            size,
            lh,
        );
        self.y += self.gap(PARA_GAP);
    }

    /// Large print: a line's label under the line at `self.y`, wrapped to `w`; leaves `self.y`
    /// below it (see [`Self::large_labels_height`]).
    fn line_label(&mut self, label: &str, w: f32) {
        let (size, lh) = (self.sz(8.5), self.lh(8.5, 10.0));
        self.y += 4.0;
        for l in self.wrap(&[span(label, Style::Regular)], w, size) {
            let base = self.y + ASCENT * size;
            self.emit_line(&l, LEFT, base, size);
            self.y += lh;
        }
        self.y += self.gap(8.0);
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let size = self.sz(9.0);
        let lh = self.lh(9.0, 11.0);
        let pad = self.gap(4.0);
        let widths: Vec<f32> = columns.iter().map(|c| c.width * TEXT_W).collect();
        let cell_lines = |this: &Self, cells: &[String], style: Style| -> Vec<Vec<LaidLine>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| this.wrap(&[span(c, style)], w - 2.0 * pad, size))
                .collect()
        };
        let header: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let header_lines = cell_lines(self, &header, Style::Bold);
        let header_h = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let draw_row = |this: &mut Self, lines: &[Vec<LaidLine>], h: f32, is_header: bool| {
            let top = this.y;
            if is_header {
                this.rect(LEFT, top, TEXT_W, h, PaintMode::Fill, 0.88);
            }
            let mut x = LEFT;
            for (cell, w) in lines.iter().zip(&widths) {
                let mut base = top + pad + ASCENT * size;
                for l in cell {
                    this.emit_line(l, x + pad, base, size);
                    base += lh;
                }
                x += w;
            }
            this.hline(
                LEFT,
                RIGHT,
                top + h,
                if is_header { 0.75 } else { 0.4 },
                0.45,
            );
            this.y = top + h;
        };
        let first_h = rows
            .first()
            .map(|r| {
                cell_lines(self, r, Style::Regular)
                    .iter()
                    .map(Vec::len)
                    .max()
                    .unwrap_or(1) as f32
                    * lh
                    + 2.0 * pad
            })
            .unwrap_or(0.0);
        self.ensure(header_h + first_h);
        draw_row(self, &header_lines, header_h, true);
        for row in rows {
            let lines = cell_lines(self, row, Style::Regular);
            let h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
            if self.y + h > BOTTOM {
                self.new_page();
                draw_row(self, &header_lines, header_h, true);
            }
            draw_row(self, &lines, h, false);
        }
        self.y += self.gap(PARA_GAP + 4.0);
    }

    fn page_numbers(&mut self) {
        let total = self.pages.len();
        if total < 2 {
            return;
        }
        for i in 0..total {
            let label = format!("Page {} of {}", i + 1, total);
            let w = self.face(Style::Regular).width(&label, 9.0);
            let font = self.faces.regular.id.clone();
            self.pages[i].extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(font),
                    size: Pt(9.0),
                },
                Op::SetTextCursor {
                    pos: pt((PAGE_W - w) / 2.0, FOOTER_BASELINE),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(label)],
                },
                Op::EndTextSection,
            ]);
        }
    }
}

impl Layout<'_> {
    /// The audit log's witness, in small type under the page number on every page: what the
    /// log held when the letter was made.
    fn witness_lines(&mut self) {
        let Some(witness) = self.witness else {
            return;
        };
        let label = format!("Records Desk audit witness {witness}");
        let w = self.face(Style::Regular).width(&label, WITNESS_SIZE);
        let font = self.faces.regular.id.clone();
        for page in &mut self.pages {
            page.extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(font.clone()),
                    size: Pt(WITNESS_SIZE),
                },
                Op::SetTextCursor {
                    pos: pt((PAGE_W - w) / 2.0, WITNESS_BASELINE),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(label.clone())],
                },
                Op::EndTextSection,
            ]);
        }
    }
}

fn span(text: &str, style: Style) -> Span {
    Span {
        text: text.to_string(),
        style,
    }
}
