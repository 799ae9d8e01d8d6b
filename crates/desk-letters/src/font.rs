//! The embedded Liberation Sans faces, parsed once, and text measurement from their advances.

use std::sync::OnceLock;

use desk_core::letter::{Style, NBSP};
use printpdf::{FontId, ParsedFont};

use crate::Error;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Italic.ttf");

/// One face with what measuring needs.
pub(crate) struct Face {
    pub parsed: ParsedFont,
    /// Fixed resource name: six capitals, also the subset tag (`RDSANR+LiberationSans`), so
    /// the bytes never depend on printpdf's random ids.
    pub id: FontId,
    units_per_em: f32,
}

pub(crate) struct Faces {
    pub regular: Face,
    pub bold: Face,
    pub italic: Face,
}

impl Faces {
    pub fn get(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
            Style::Italic => &self.italic,
        }
    }
}

impl Face {
    fn parse(bytes: &[u8], id: &str) -> Option<Face> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        Some(Face {
            parsed,
            id: FontId(id.to_string()),
            units_per_em,
        })
    }

    /// Advance width of `text` at `size` points (no kerning: printpdf emits none either).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let c = if c == NBSP { ' ' } else { c };
                let gid = self.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
                u32::from(self.parsed.get_horizontal_advance(gid))
            })
            .sum();
        units as f32 * size / self.units_per_em
    }
}

static FACES: OnceLock<Option<Faces>> = OnceLock::new();

pub(crate) fn faces() -> Result<&'static Faces, Error> {
    FACES
        .get_or_init(|| {
            Some(Faces {
                regular: Face::parse(REGULAR, "RDSANR")?,
                bold: Face::parse(BOLD, "RDSANB")?,
                italic: Face::parse(ITALIC, "RDSANI")?,
            })
        })
        .as_ref()
        .ok_or(Error::Font)
}
