//! Enclosures printed with a letter (the copy of a written request an accounting encloses in
//! place of a purpose): a scan (PNG or JPEG) becomes a page of its own under its caption; a
//! PDF gets a caption page, and its own pages follow it unchanged.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use printpdf::{Op, PdfFontHandle, Point, Pt, TextItem, XObjectId, XObjectTransform};

use crate::font::Faces;
use crate::layout::{PAGE_H, PAGE_W};
use crate::{Error, Result};

/// One enclosure: its bytes (a PDF, PNG or JPEG file) and the caption printed with it
/// ("Enclosure 1: copy of the written request for the disclosure of March 1, 2025 to …").
#[derive(Debug, Clone, Copy)]
pub struct Enclosure<'a> {
    pub caption: &'a str,
    pub bytes: &'a [u8],
}

/// A file attached to the PDF itself, its bytes kept exactly (a letter as stored, in a case
/// file). `name` is the file name a reader shows; names should differ.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFile<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub bytes: &'a [u8],
}

/// Attaches `files` to `target` (ISO 32000-1, 7.11.4): one embedded file stream and file
/// specification each, named in the catalog's /Names /EmbeddedFiles tree, sorted by name.
pub(crate) fn embed_files(target: &mut Document, files: &[EmbeddedFile<'_>]) -> Result<()> {
    let mut sorted: Vec<&EmbeddedFile<'_>> = files.iter().collect();
    sorted.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    let mut names = Vec::new();
    for f in sorted {
        let mut params = Dictionary::new();
        params.set("Size", f.bytes.len() as i64);
        let mut stream_dict = Dictionary::new();
        stream_dict.set("Type", Object::Name(b"EmbeddedFile".to_vec()));
        stream_dict.set("Params", params);
        let stream = target.add_object(Stream::new(stream_dict, f.bytes.to_vec()));
        let mut ef = Dictionary::new();
        ef.set("F", Object::Reference(stream));
        ef.set("UF", Object::Reference(stream));
        let mut spec = Dictionary::new();
        spec.set("Type", Object::Name(b"Filespec".to_vec()));
        spec.set("F", Object::string_literal(f.name));
        spec.set("UF", Object::string_literal(f.name));
        spec.set("Desc", Object::string_literal(f.description));
        spec.set("EF", ef);
        let spec = target.add_object(spec);
        names.push(Object::string_literal(f.name));
        names.push(Object::Reference(spec));
    }
    let mut tree = Dictionary::new();
    tree.set("Names", names);
    let catalog = target
        .catalog_mut()
        .map_err(|_| Error::Write("the PDF has no catalog".into()))?;
    let mut all = match catalog.get(b"Names") {
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    all.set("EmbeddedFiles", tree);
    catalog.set("Names", all);
    Ok(())
}

/// What an enclosure's bytes are, by their first bytes.
pub(crate) enum Kind {
    Image,
    Pdf,
}

pub(crate) fn kind(bytes: &[u8]) -> Result<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Ok(Kind::Pdf)
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(Kind::Image)
    } else {
        Err(Error::Enclosure("it is not a PDF, PNG or JPEG file".into()))
    }
}

const MARGIN: f32 = 72.0;
const CAPTION_BASELINE: f32 = 60.0;
const IMAGE_TOP: f32 = 92.0;
const CAPTION_SIZE: f32 = 10.0;

/// The caption in bold, wrapped to at most two lines (a longer one is cut with "…"), and the
/// baseline of its last line.
fn caption_ops(faces: &Faces, caption: &str) -> (Vec<Op>, f32) {
    let face = &faces.bold;
    let max = PAGE_W - 2.0 * MARGIN;
    let mut lines: Vec<String> = vec![String::new()];
    for word in caption.split_whitespace() {
        let last = lines.last_mut().expect("a line");
        let joined = if last.is_empty() {
            word.to_string()
        } else {
            format!("{last} {word}")
        };
        if face.width(&joined, CAPTION_SIZE) <= max || last.is_empty() {
            *last = joined;
        } else {
            lines.push(word.to_string());
        }
    }
    if lines.len() > 2 {
        lines.truncate(2);
        let second = &mut lines[1];
        while !second.is_empty() && face.width(&format!("{second}…"), CAPTION_SIZE) > max {
            second.pop();
        }
        *second = format!("{}…", second.trim_end());
    }
    let mut ops = Vec::new();
    let mut baseline = CAPTION_BASELINE;
    for (i, line) in lines.iter().enumerate() {
        baseline = CAPTION_BASELINE + i as f32 * 13.0;
        ops.extend(line_ops(face, line, baseline));
    }
    (ops, baseline)
}

fn line_ops(face: &crate::font::Face, text: &str, baseline: f32) -> Vec<Op> {
    vec![
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(face.id.clone()),
            size: Pt(CAPTION_SIZE),
        },
        Op::SetTextCursor {
            pos: Point {
                x: Pt(MARGIN),
                y: Pt(PAGE_H - baseline),
            },
        },
        Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        },
        Op::EndTextSection,
    ]
}

/// A scan's page: its caption, and the image fitted to the page below it (never enlarged more
/// than twice).
pub(crate) fn image_page(faces: &Faces, caption: &str, id: XObjectId, w: f32, h: f32) -> Vec<Op> {
    let box_w = PAGE_W - 2.0 * MARGIN;
    let box_h = PAGE_H - IMAGE_TOP - 36.0;
    let scale = (box_w / w).min(box_h / h).min(2.0);
    let drawn_h = h * scale;
    let (mut ops, _) = caption_ops(faces, caption);
    ops.push(Op::UseXobject {
        id,
        transform: XObjectTransform {
            translate_x: Some(Pt(MARGIN)),
            translate_y: Some(Pt(PAGE_H - IMAGE_TOP - drawn_h)),
            dpi: Some(72.0 / scale),
            ..Default::default()
        },
    });
    ops
}

/// A PDF enclosure's caption page, saying how many of its own pages follow.
pub(crate) fn caption_page(faces: &Faces, caption: &str, pages: usize) -> Vec<Op> {
    let (mut ops, last) = caption_ops(faces, caption);
    let follows = match pages {
        1 => "The copy follows on the next page.".to_string(),
        n => format!("The copy follows on the next {n} pages."),
    };
    ops.extend(line_ops(&faces.regular, &follows, last + 16.0));
    ops
}

/// Reads a PDF enclosure, refusing one that cannot be read or is encrypted.
pub(crate) fn load(bytes: &[u8]) -> Result<Document> {
    let doc =
        Document::load_mem(bytes).map_err(|_| Error::Enclosure("the PDF cannot be read".into()))?;
    if doc.is_encrypted() {
        return Err(Error::Enclosure("the PDF is encrypted".into()));
    }
    if doc.get_pages().is_empty() {
        return Err(Error::Enclosure("the PDF has no pages".into()));
    }
    Ok(doc)
}

/// Attributes a page may inherit from its parents (ISO 32000-1, 7.7.3.4).
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// Puts each PDF enclosure's pages into `target` after the page it is paired with (its caption
/// page, counted from 1 among `target`'s own pages), in order, and makes the page tree flat.
pub(crate) fn insert_pdfs(target: &mut Document, after: Vec<(usize, Document)>) -> Result<()> {
    let broken = |what: &str| Error::Write(format!("the letter's page tree: {what}"));
    let root: ObjectId = target
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|_| broken("no root"))?;
    let own: Vec<ObjectId> = target.get_pages().into_values().collect();
    let mut extra: BTreeMap<usize, Vec<ObjectId>> = BTreeMap::new();
    for (position, mut source) in after {
        source.renumber_objects_with(target.max_id + 1);
        let pages: Vec<ObjectId> = source.get_pages().into_values().collect();
        for &page in &pages {
            let mut dict = source
                .get_dictionary(page)
                .map_err(|_| Error::Enclosure("a page of the PDF cannot be read".into()))?
                .clone();
            let mut parent = dict.get(b"Parent").and_then(Object::as_reference).ok();
            let mut hops = 0;
            while let Some(id) = parent.filter(|_| hops < 64) {
                let Ok(node) = source.get_dictionary(id) else {
                    break;
                };
                for key in INHERITED {
                    if !dict.has(key) {
                        if let Ok(value) = node.get(key) {
                            dict.set(key.to_vec(), value.clone());
                        }
                    }
                }
                parent = node.get(b"Parent").and_then(Object::as_reference).ok();
                hops += 1;
            }
            dict.set("Parent", root);
            source.objects.insert(page, Object::Dictionary(dict));
        }
        let max = source.max_id;
        for (id, object) in source.objects {
            let skip = matches!(object.type_name(), Ok(b"Catalog") | Ok(b"Pages"));
            if !skip {
                target.objects.insert(id, object);
            }
        }
        target.max_id = target.max_id.max(max);
        extra.entry(position).or_default().extend(pages);
    }
    let mut kids = Vec::new();
    for (i, page) in own.iter().enumerate() {
        kids.push(*page);
        if let Some(more) = extra.remove(&(i + 1)) {
            kids.extend(more);
        }
    }
    for more in extra.into_values() {
        kids.extend(more);
    }
    for page in &own {
        if let Ok(Object::Dictionary(d)) = target.get_object_mut(*page) {
            d.set("Parent", root);
        }
    }
    let mut pages = target
        .get_dictionary(root)
        .map_err(|_| broken("no root node"))?
        .clone();
    pages.set("Count", kids.len() as i64);
    pages.set(
        "Kids",
        kids.into_iter().map(Object::Reference).collect::<Vec<_>>(),
    );
    target.objects.insert(root, Object::Dictionary(pages));
    Ok(())
}
