//! Records Desk letters and forms: lays out desk-core letter models as US Letter PDFs.
//!
//! `render(letter, org, signature_png)` → PDF bytes. Liberation Sans (assets/fonts, OFL) is
//! embedded and subset; no standard-14 fonts. The output is deterministic: the same inputs give
//! the same bytes (fixed font resource names, fixed image id, document dates taken from the
//! letter's date, and a document /ID derived from the content instead of printpdf's random one).

mod enclosure;
mod font;
mod layout;

use desk_core::letter::Letter;
use desk_core::organization::Organization;
use printpdf::{
    OffsetDateTime, PdfDocument, PdfPage, PdfSaveOptions, Pt, RawImage, Rect, XObject, XObjectId,
};

pub use enclosure::{EmbeddedFile, Enclosure};
pub use layout::{PAGE_H, PAGE_W};

/// Why a letter could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The embedded fonts could not be parsed (a build problem, never the caller's input).
    #[error("the embedded letter fonts could not be read")]
    Font,
    /// The signature image is not a PNG that can be decoded.
    #[error("the signature image is not a readable PNG: {0}")]
    Signature(String),
    /// Writing the PDF failed.
    #[error("the PDF could not be written: {0}")]
    Write(String),
    /// An enclosure cannot be printed with the letter.
    #[error("an enclosure cannot be printed: {0}")]
    Enclosure(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// How a letter is printed: a render option, not part of the letter (the same letter model can
/// be printed either way).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Print {
    /// A 10.5-pt body.
    #[default]
    Regular,
    /// Large print: an 18-pt body, headings, labels, tables and form fields in proportion and
    /// nothing in the body under 18 pt. The page number and the audit witness in the footer,
    /// and the address in the envelope window (it must fit the window), keep their sizes.
    Large,
}

const PRODUCER: &str = "Records Desk";
const SIGNATURE_ID: &str = "RDSIGNATURE";

/// How many pages `letter` lays out to (without a signature image), e.g. for a fee counted by
/// the page.
pub fn page_count(letter: &Letter, org: &Organization) -> Result<usize> {
    page_count_printed(letter, org, Print::Regular)
}

/// [`page_count`], printed as `print` says.
pub fn page_count_printed(letter: &Letter, org: &Organization, print: Print) -> Result<usize> {
    let faces = font::faces()?;
    Ok(
        layout::Layout::new(faces, org, &as_printed(letter, print), None, None, print)
            .run()
            .len(),
    )
}

/// The letter as `print` prints it: in large print it offers another format, not the large
/// print it is in.
fn as_printed(letter: &Letter, print: Print) -> std::borrow::Cow<'_, Letter> {
    match print {
        Print::Large => std::borrow::Cow::Owned(letter.in_large_print()),
        Print::Regular => std::borrow::Cow::Borrowed(letter),
    }
}

/// Whether `png` can be printed as the signature on letters: a PNG that decodes to a picture.
pub fn check_signature(png: &[u8]) -> Result<()> {
    signature_image(png).map(|_| ())
}

fn signature_image(bytes: &[u8]) -> Result<RawImage> {
    if !bytes.starts_with(b"\x89PNG") {
        return Err(Error::Signature("not a PNG file".to_string()));
    }
    let image = RawImage::decode_from_bytes(bytes, &mut Vec::new()).map_err(Error::Signature)?;
    if image.width < 1 || image.height < 1 {
        return Err(Error::Signature("the image is empty".to_string()));
    }
    Ok(image)
}

/// Renders one letter or form to PDF bytes.
///
/// `signature_png`, when given, is placed on the "Signature of Plan Representative" line of a
/// response letter (forms have no plan signature and ignore it).
pub fn render(
    letter: &Letter,
    org: &Organization,
    signature_png: Option<&[u8]>,
) -> Result<Vec<u8>> {
    render_with_enclosures(letter, org, signature_png, &[], None)
}

/// Renders a letter with its enclosures after it, in order: a scan (PNG or JPEG) on a page of
/// its own under its caption, a PDF's pages unchanged after a caption page. An enclosure that
/// is not a readable PDF, PNG or JPEG file is [`Error::Enclosure`].
///
/// `witness`, when given, is the audit log's head when the letter was made (`SEQ:HASH`),
/// printed in small type in the footer of each of the letter's own pages.
pub fn render_with_enclosures(
    letter: &Letter,
    org: &Organization,
    signature_png: Option<&[u8]>,
    enclosures: &[Enclosure<'_>],
    witness: Option<&str>,
) -> Result<Vec<u8>> {
    render_with_files(letter, org, signature_png, enclosures, &[], witness)
}

/// [`render_with_enclosures`], with `files` attached to the PDF as embedded files (the
/// catalog's /EmbeddedFiles name tree), each byte for byte as given: a reader lists them as
/// attachments and `pdfdetach` saves them.
pub fn render_with_files(
    letter: &Letter,
    org: &Organization,
    signature_png: Option<&[u8]>,
    enclosures: &[Enclosure<'_>],
    files: &[EmbeddedFile<'_>],
    witness: Option<&str>,
) -> Result<Vec<u8>> {
    render_printed(
        letter,
        org,
        signature_png,
        enclosures,
        files,
        witness,
        Print::Regular,
    )
}

/// [`render_with_files`], printed as `print` says (large print for a reader who asked for it).
pub fn render_printed(
    letter: &Letter,
    org: &Organization,
    signature_png: Option<&[u8]>,
    enclosures: &[Enclosure<'_>],
    files: &[EmbeddedFile<'_>],
    witness: Option<&str>,
    print: Print,
) -> Result<Vec<u8>> {
    let faces = font::faces()?;
    let mut doc = PdfDocument::new(&letter.title);

    let signature = match signature_png {
        Some(bytes) => {
            let image = signature_image(bytes)?;
            let (w, h) = (image.width as f32, image.height as f32);
            let id = XObjectId(SIGNATURE_ID.to_string());
            doc.resources
                .xobjects
                .map
                .insert(id.clone(), XObject::Image(image));
            Some((id, w, h))
        }
        None => None,
    };

    for face in [&faces.regular, &faces.bold, &faces.italic] {
        doc.resources.fonts.map.insert(
            face.id.clone(),
            printpdf::font::PdfFont::new(face.parsed.clone()),
        );
    }

    let letter = &*as_printed(letter, print);
    let mut pages = layout::Layout::new(faces, org, letter, signature, witness, print).run();
    let mut pdfs = Vec::new();
    for (i, e) in enclosures.iter().enumerate() {
        match enclosure::kind(e.bytes)? {
            enclosure::Kind::Image => {
                let image = RawImage::decode_from_bytes(e.bytes, &mut Vec::new())
                    .map_err(|_| Error::Enclosure("the image cannot be read".into()))?;
                if image.width < 1 || image.height < 1 {
                    return Err(Error::Enclosure("the image is empty".into()));
                }
                let (w, h) = (image.width as f32, image.height as f32);
                let id = XObjectId(format!("RDENCLOSURE{i}"));
                doc.resources
                    .xobjects
                    .map
                    .insert(id.clone(), XObject::Image(image));
                pages.push(enclosure::image_page(faces, e.caption, id, w, h));
            }
            enclosure::Kind::Pdf => {
                let source = enclosure::load(e.bytes)?;
                let count = source.get_pages().len();
                pdfs.push((pages.len() + 1, source));
                pages.push(enclosure::caption_page(faces, e.caption, count));
            }
        }
    }
    let mut digest = content_digest(letter, org, signature_png);
    if print == Print::Large {
        digest = fnv_digest(format!("{digest}large").as_bytes().iter());
    }
    for f in files {
        digest = fnv_digest(
            format!("{digest}{}{}", f.name, f.description)
                .as_bytes()
                .iter()
                .chain(f.bytes),
        );
    }
    for e in enclosures {
        digest = fnv_digest(
            format!("{digest}{}", e.caption)
                .as_bytes()
                .iter()
                .chain(e.bytes),
        );
    }
    doc.pages = pages
        .into_iter()
        .map(|ops| {
            let mut page = PdfPage::new(printpdf::Mm(215.9), printpdf::Mm(279.4), ops);
            let letter_size = Rect::from_wh(Pt(PAGE_W), Pt(PAGE_H));
            page.media_box = letter_size.clone();
            page.trim_box = letter_size.clone();
            page.crop_box = letter_size;
            page
        })
        .collect();

    let when = letter
        .dated
        .and_hms_opt(12, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    let when =
        OffsetDateTime::from_unix_timestamp(when).map_err(|e| Error::Write(e.to_string()))?;
    let info = &mut doc.metadata.info;
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    info.author = org.plan_name.trim().to_string();
    info.creator = PRODUCER.to_string();
    info.producer = PRODUCER.to_string();
    info.identifier = digest.clone();
    doc.metadata.xmp = None;

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    if !pdfs.is_empty() {
        enclosure::insert_pdfs(&mut lo, pdfs)?;
    }
    if !files.is_empty() {
        enclosure::embed_files(&mut lo, files)?;
    }
    // printpdf writes a random trailer /ID; ours is derived from the content.
    let raw: Vec<u8> = (0..digest.len() / 2)
        .filter_map(|i| u8::from_str_radix(&digest[2 * i..2 * i + 2], 16).ok())
        .collect();
    let id = lopdf::Object::String(raw, lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| Error::Write(e.to_string()))?;
    Ok(out)
}

/// A stable 128-bit digest (two FNV-1a 64 lanes) of everything that shapes the PDF, used as
/// the document identifier. Not a security hash: the store keeps the SHA-256 of the bytes.
fn content_digest(letter: &Letter, org: &Organization, signature_png: Option<&[u8]>) -> String {
    let text = format!("{letter:?}\u{0}{org:?}");
    fnv_digest(
        text.as_bytes()
            .iter()
            .chain(signature_png.unwrap_or_default().iter()),
    )
}

fn fnv_digest<'a>(bytes: impl Iterator<Item = &'a u8>) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x8422_2325_cbf2_9ce4;
    for &byte in bytes {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        b = (b ^ u64::from(byte.rotate_left(3))).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{a:016x}{b:016x}")
}
