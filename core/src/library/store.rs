//! Where the library keeps its records: a small key-value interface the page
//! implements over the browser's local storage, and an in-memory store for
//! tests that can be told to run out of room.

use std::collections::BTreeMap;
use std::fmt;

/// Why a record could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage for this site is full (a quota error).
    Full,
    /// Storage refused the write for another reason (disabled, private mode).
    Unavailable(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => f.write_str("the browser's storage for Skydraft is full"),
            StoreError::Unavailable(why) => {
                write!(f, "the browser refused to store the design ({why})")
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// A string-to-string store with the semantics of `window.localStorage`.
pub trait Store {
    /// The value under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `value` under `key`; on error nothing was written.
    ///
    /// # Errors
    /// [`StoreError::Full`] when the quota is exceeded.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (nothing happens when it is absent).
    fn remove(&mut self, key: &str);
    /// Every key in the store.
    fn keys(&self) -> Vec<String>;
}

/// A store in memory with an optional quota, counted like browsers count
/// local storage: UTF-16 code units of keys and values, two bytes each.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    items: BTreeMap<String, String>,
    /// Most bytes the store may hold; `None` for no limit.
    pub quota: Option<usize>,
}

impl MemoryStore {
    /// An empty store without a quota.
    #[must_use]
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// An empty store that holds at most `bytes`.
    #[must_use]
    pub fn with_quota(bytes: usize) -> Self {
        MemoryStore {
            items: BTreeMap::new(),
            quota: Some(bytes),
        }
    }

    /// Bytes held now.
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.items.iter().map(|(k, v)| item_bytes(k, v)).sum()
    }
}

/// The bytes a browser charges for one local-storage item.
#[must_use]
pub fn item_bytes(key: &str, value: &str) -> usize {
    2 * (key.encode_utf16().count() + value.encode_utf16().count())
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.items.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = self.quota {
            let old = self.items.get(key).map_or(0, |v| item_bytes(key, v));
            if self.bytes() - old + item_bytes(key, value) > quota {
                return Err(StoreError::Full);
            }
        }
        self.items.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.items.remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.items.keys().cloned().collect()
    }
}
