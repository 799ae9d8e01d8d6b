//! desk-letters PDFs, checked with poppler-utils.
