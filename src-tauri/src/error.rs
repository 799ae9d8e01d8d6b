//! The error every command returns to the webview: desk-office's `{ code, message, field? }`.

pub use desk_office::{Error as ApiError, ErrorCode, Result};
