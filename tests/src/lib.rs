//! Shared helpers for Records Desk's cross-crate and end-to-end tests.
