//! What forms send, made into values in one step: dates typed as YYYY-MM-DD, text areas of
//! lines, code words of desk-core's enums, picked files. Each refusal names its field.

use base64::Engine;
use chrono::NaiveDate;
use desk_store::{AttachmentKind, NewAttachment};
use serde::Deserialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// A file the person picked (a scanned ID, a signed form), base64 in the JSON. Its kind is read
/// from the bytes by the store, never taken from the picker.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct UploadForm {
    pub file_name: String,
    pub base64: String,
}

/// A date typed in a form field (YYYY-MM-DD), or the field's error.
pub fn date(text: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::field(field, "Enter the date as YYYY-MM-DD."))
}

/// A date field that may be left blank.
pub fn optional_date(text: &str, field: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        date(text, field).map(Some)
    }
}

/// A sum of money typed in a form field ("12.50", "$6", blank for none) in cents, or the
/// field's error.
pub fn cents(text: &str, field: &str) -> Result<u64> {
    let t = text.trim();
    let t = t.strip_prefix('$').unwrap_or(t).trim();
    if t.is_empty() {
        return Ok(0);
    }
    let bad = || Error::field(field, "Enter dollars and cents, for example 12.50.");
    let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
    if (whole.is_empty() && fraction.is_empty())
        || whole.len() > 7
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let dollars: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let cents: u64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
    Ok(dollars * 100 + cents)
}

/// A text area's non-blank lines, trimmed.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A serde enum's wire name (`RequestKind::Access` → `access`).
pub fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A code word from a form (`in_person`) as the desk-core enum it names; a code the enum does
/// not know is a validation error on `field`.
pub fn parse_code<T: serde::de::DeserializeOwned>(code: &str, field: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned()))
        .map_err(|_| Error::field(field, "Choose one of the listed options."))
}

/// A picked file as the store takes it (the media type is read from the bytes there).
pub fn attachment(
    upload: &UploadForm,
    kind: AttachmentKind,
    request_id: Option<i64>,
    field: &str,
) -> Result<NewAttachment> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(upload.base64.trim())
        .map_err(|_| Error::field(field, "The file could not be read. Choose it again."))?;
    Ok(NewAttachment {
        request_id,
        kind,
        file_name: upload.file_name.clone(),
        bytes,
        corrects_id: None,
    })
}

/// "Name, address; more address" per line → names with their address lines.
pub fn named_addresses(text: &str) -> Vec<(String, Vec<String>)> {
    lines(text)
        .into_iter()
        .map(|line| match line.split_once(',') {
            Some((name, rest)) => (
                name.trim().to_owned(),
                rest.split(';')
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect(),
            ),
            None => (line, Vec::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_another_shape_is_refused_on_its_field() {
        let e = date("03/04/2025", "sentOn").expect_err("US order is refused");
        assert_eq!(e.field.as_deref(), Some("sentOn"));
        assert_eq!(
            date(" 2025-03-04 ", "sentOn"),
            Ok(NaiveDate::from_ymd_opt(2025, 3, 4).unwrap_or_default())
        );
        assert_eq!(optional_date("  ", "to"), Ok(None));
    }

    #[test]
    fn a_name_and_address_line_splits_at_the_first_comma() {
        assert_eq!(
            named_addresses("Blue Cross, 1 Main St; Jacksonville FL\n\nDr Ames"),
            vec![
                (
                    "Blue Cross".to_owned(),
                    vec!["1 Main St".to_owned(), "Jacksonville FL".to_owned()]
                ),
                ("Dr Ames".to_owned(), Vec::new()),
            ]
        );
    }
}
