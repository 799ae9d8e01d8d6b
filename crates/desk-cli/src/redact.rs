//! Error text without the input's values. A refusal names the field and says what is wrong with
//! it; it never repeats what was typed there, which may be a name, a date of birth or an ID
//! (standard error ends up in terminals, logs and bug reports).

/// A serde error message with every value it quotes from the input taken out: `"…"` strings,
/// and `` `…` `` values after `variant`, `integer`, `point`, `boolean`, `char`, `value` or
/// `string`. Field names (`` missing field `x` ``) and the values a field accepts
/// (`` expected one of `a`, `b` ``) stay.
pub fn serde_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(['"', '`']) {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        let quote = from.as_bytes()[0] as char;
        let body = &from[1..];
        let end = if quote == '"' {
            closing_quote(body)
        } else {
            body.find('`')
        };
        let Some(end) = end else {
            // An unclosed quote: nothing after it is shown.
            out.push_str("(a value)");
            return out;
        };
        let value = &body[..end];
        let word = before.split_whitespace().last().unwrap_or("");
        let hidden = quote == '"'
            || matches!(
                word,
                "variant" | "integer" | "point" | "boolean" | "char" | "value" | "string"
            );
        if hidden {
            out.push_str("(a value)");
        } else {
            out.push(quote);
            out.push_str(value);
            out.push(quote);
        }
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Where a JSON-escaped string body ends (its closing `"`).
fn closing_quote(body: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::serde_message;

    #[test]
    fn values_from_the_input_are_taken_out_and_field_names_and_choices_stay() {
        let cases = [
            (
                r#"invalid type: string "Jane Q. Participant", expected a boolean at line 1 column 40"#,
                "invalid type: string (a value), expected a boolean at line 1 column 40",
            ),
            (
                "unknown variant `Jane Doe`, expected one of `employee`, `dependent`",
                "unknown variant (a value), expected one of `employee`, `dependent`",
            ),
            (
                "invalid type: integer `123456789`, expected a string",
                "invalid type: integer (a value), expected a string",
            ),
            ("missing field `signer`", "missing field `signer`"),
            (
                r#"unknown field `sgner`, expected one of `signer`"#,
                "unknown field `sgner`, expected one of `signer`",
            ),
            (
                r#"invalid value: string "a \"quoted\" name", expected a date"#,
                "invalid value: string (a value), expected a date",
            ),
            (r#"cut off "Jane"#, "cut off (a value)"),
        ];
        for (message, shown) in cases {
            assert_eq!(serde_message(message), shown, "{message}");
        }
    }
}
