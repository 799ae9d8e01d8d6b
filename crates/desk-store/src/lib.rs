//! Records Desk storage: one SQLCipher database opened with a raw data key, per-user key slots,
//! migrations by `PRAGMA user_version`, the hash-chained audit log.
