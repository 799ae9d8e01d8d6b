//! desk-store over real SQLCipher files.
