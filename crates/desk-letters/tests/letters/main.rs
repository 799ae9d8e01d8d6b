//! desk-letters PDFs, checked with poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages).
//! PNGs of every letter are written to artifacts/letters/ for people to look at.

mod associate;
mod associate_accounting;
mod breach;
mod form;
mod large_print;
mod layout;
mod report;
mod response;
mod support;
