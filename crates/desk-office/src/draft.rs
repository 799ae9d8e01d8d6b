//! Drafts saved as they are typed, in the encrypted database, so a lock loses nothing.

use desk_store::Store;

use crate::error::{fields, Result};

pub fn load(store: &Store, key: &str) -> Result<Option<String>> {
    Ok(store.load_draft(key)?.map(|d| d.body))
}

pub fn save(store: &mut Store, key: &str, json: &str) -> Result<()> {
    store
        .save_draft(key, json)
        .map_err(fields(&[("body", "draft")]))
}

pub fn discard(store: &mut Store, key: &str) -> Result<()> {
    Ok(store.discard_draft(key)?)
}
