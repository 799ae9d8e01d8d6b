//! `records-desk check deadline`: arbitrary bytes into the decoder the CLI runs. The CLI reads its
//! input as UTF-8 text (other bytes are refused before decoding); every text is either
//! answered or refused naming a field, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = desk_cli::check::check_deadline(text) {
            assert!(
                !e.field.trim().is_empty(),
                "the refusal names no field: {e}"
            );
            assert!(
                !e.message.trim().is_empty(),
                "the refusal says nothing: {e}"
            );
        }
    }
});
