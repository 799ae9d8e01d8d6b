//! Records Desk letters and forms: lays out desk-core letter models as US Letter PDFs.
