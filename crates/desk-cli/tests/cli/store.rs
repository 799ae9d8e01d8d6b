//! `records-desk init`, `user`, `import roster`, `demo` over a real encrypted file.
