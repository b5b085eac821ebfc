//! The local library: every design the user opens or draws, each kept as its
//! own entry, so nothing a user drew is ever written over by another design.
//!
//! The rules, which the page follows through this module:
//! - opening a link creates an entry for it, or reopens the one made the last
//!   time the same link (or the same design) was opened; it never writes
//!   over another entry;
//! - an edit changes only the open entry, and only when its content changed;
//! - the plain address reopens the design edited last;
//! - a tab that finds the entry changed by another tab since it loaded it
//!   keeps that other version as a copy before writing its own, so two tabs
//!   can never silently overwrite each other;
//! - a full store refuses the write, and the caller keeps the design in
//!   memory and says so; nothing is dropped to make room without asking.
//!
//! Entries live in a [`Store`] (the page's local storage), one record per key
//! `skydraft.design.<id>`, so tabs editing different designs write different
//! keys. Time is passed in (ms since the Unix epoch) and so are the random
//! numbers that make ids: the module has no clock and no entropy of its own.

mod edit;
mod entry;
mod open;
mod store;
mod thumb;

use std::fmt;

pub use edit::Saved;
pub use entry::{Entry, EntryId, Origin};
pub use open::{LinkOpened, Opened, TabHint};
pub use store::{MemoryStore, Store, StoreError, item_bytes};
pub use thumb::{THUMB_H, THUMB_MAX_ITEMS, THUMB_W, Thumb, ThumbCard};

use crate::design::Design;
use crate::json;
use crate::scenario::Scenario;
use crate::share::{self, DecodeError};

/// Prefix of every entry's storage key.
pub const KEY_PREFIX: &str = "skydraft.design.";
/// The single autosave slot of earlier versions, moved into the library on
/// the first visit.
pub const LEGACY_AUTOSAVE_KEY: &str = "skydraft.autosave";
/// The name shown for a design that has none.
pub const UNTITLED: &str = "Untitled design";
/// Longest name the list keeps, in characters (the design name's own limit).
pub const MAX_NAME_CHARS: usize = 80;

/// Why a library operation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryError {
    /// The store refused the write; nothing changed.
    Store(StoreError),
    /// No entry has this id (deleted, perhaps in another tab).
    NotFound(EntryId),
    /// The stored design or the link could not be read.
    Decode(DecodeError),
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LibraryError::Store(e) => write!(f, "{e}"),
            LibraryError::NotFound(_) => f.write_str("that design is no longer in the library"),
            LibraryError::Decode(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LibraryError {}

impl From<StoreError> for LibraryError {
    fn from(e: StoreError) -> Self {
        LibraryError::Store(e)
    }
}

impl From<DecodeError> for LibraryError {
    fn from(e: DecodeError) -> Self {
        LibraryError::Decode(e)
    }
}

/// How much the library holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Designs in the library.
    pub designs: usize,
    /// Bytes its records take, counted as browsers count local storage.
    pub bytes: usize,
}

/// A design entering the library.
#[derive(Debug, Clone, Copy)]
pub struct Draft<'a> {
    /// The design.
    pub design: &'a Design,
    /// Its scenario.
    pub scenario: &'a Scenario,
    /// Whether the user made it (drawn, imported) rather than just opened it.
    pub edited: bool,
}

/// The list's name for a design.
#[must_use]
pub fn display_name(design: &Design) -> String {
    let name = design.name.trim();
    if name.is_empty() {
        UNTITLED.to_owned()
    } else {
        name.chars().take(MAX_NAME_CHARS).collect()
    }
}

/// The name of a new design: "Untitled design", or the first "Untitled
/// design N" (from 2) that no name in `taken` uses.
#[must_use]
pub fn fresh_name<'a>(taken: impl IntoIterator<Item = &'a str>) -> String {
    let taken: std::collections::HashSet<&str> = taken.into_iter().map(str::trim).collect();
    std::iter::once(UNTITLED.to_owned())
        .chain((2..).map(|n| format!("{} {n}", UNTITLED)))
        .find(|name| !taken.contains(name.as_str()))
        .unwrap_or_default()
}

/// The library over a store.
#[derive(Debug, Clone)]
pub struct Library<S> {
    store: S,
}

impl<S: Store> Library<S> {
    /// The library kept in `store`.
    pub fn new(store: S) -> Self {
        Library { store }
    }

    /// The store underneath.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The store underneath, to change it directly (tests, other tabs).
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    /// The storage key of an entry.
    #[must_use]
    pub fn key(id: &EntryId) -> String {
        format!("{KEY_PREFIX}{id}")
    }

    /// The entry's id if `key` is an entry's storage key.
    #[must_use]
    pub fn id_of_key(key: &str) -> Option<EntryId> {
        key.strip_prefix(KEY_PREFIX).and_then(EntryId::parse)
    }

    /// The entry with this id. A record that cannot be read counts as absent.
    #[must_use]
    pub fn get(&self, id: &EntryId) -> Option<Entry> {
        let text = self.store.get(&Self::key(id))?;
        json::from_json::<Entry>(text.as_bytes())
            .ok()
            .filter(|e| e.id == *id)
    }

    /// Every entry, most recently changed first.
    #[must_use]
    pub fn entries(&self) -> Vec<Entry> {
        let mut all: Vec<Entry> = self
            .store
            .keys()
            .iter()
            .filter_map(|k| Self::id_of_key(k))
            .filter_map(|id| self.get(&id))
            .collect();
        all.sort_unstable_by(|a, b| {
            b.last_change()
                .cmp(&a.last_change())
                .then_with(|| b.opened.cmp(&a.opened))
                .then_with(|| a.id.cmp(&b.id))
        });
        all
    }

    /// Entries whose name contains `query` (ignoring case), in list order.
    #[must_use]
    pub fn search(&self, query: &str) -> Vec<Entry> {
        let q = query.trim().to_lowercase();
        self.entries()
            .into_iter()
            .filter(|e| e.name.to_lowercase().contains(&q))
            .collect()
    }

    /// The design the plain address opens: the one edited last, else the
    /// one opened last.
    #[must_use]
    pub fn last_edited(&self) -> Option<Entry> {
        let all = self.entries();
        let edited = all
            .iter()
            .filter(|e| e.edited.is_some())
            .max_by_key(|e| e.edited);
        edited
            .or_else(|| all.iter().max_by_key(|e| e.opened))
            .cloned()
    }

    /// How many designs and bytes the library holds.
    #[must_use]
    pub fn usage(&self) -> Usage {
        let mut usage = Usage {
            designs: 0,
            bytes: 0,
        };
        for key in self.store.keys() {
            if key.starts_with("skydraft.") {
                if let Some(v) = self.store.get(&key) {
                    usage.bytes += item_bytes(&key, &v);
                }
                if Self::id_of_key(&key).is_some() {
                    usage.designs += 1;
                }
            }
        }
        usage
    }

    /// Entries that could go to make room: opened from a link or a template
    /// and never edited, least recently opened first, except `keep`.
    #[must_use]
    pub fn removable(&self, keep: Option<&EntryId>) -> Vec<Entry> {
        let mut out: Vec<Entry> = self
            .entries()
            .into_iter()
            .filter(|e| e.is_unedited_copy() && Some(&e.id) != keep)
            .collect();
        out.sort_unstable_by(|a, b| a.opened.cmp(&b.opened).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// An id no entry has, from the time and a random number.
    #[must_use]
    pub fn fresh_id(&self, now: u64, nonce: u32) -> EntryId {
        let mut n = nonce;
        loop {
            let id = EntryId::new(now, n);
            if self.store.get(&Self::key(&id)).is_none() {
                return id;
            }
            n = n.wrapping_add(1);
        }
    }

    fn write(&mut self, entry: &Entry) -> Result<(), StoreError> {
        self.store.set(&Self::key(&entry.id), &json::to_json(entry))
    }

    /// Adds a design as a new entry.
    ///
    /// # Errors
    /// [`LibraryError::Store`] when the store is full; nothing was written.
    pub fn create(
        &mut self,
        draft: Draft<'_>,
        origin: Origin,
        now: u64,
        nonce: u32,
    ) -> Result<Entry, LibraryError> {
        let entry = Entry {
            id: self.fresh_id(now, nonce),
            name: display_name(draft.design),
            created: now,
            edited: draft.edited.then_some(now),
            opened: now,
            origin,
            rev: 1,
            thumb: Thumb::of(draft.design),
            code: share::encode(draft.design, draft.scenario),
        };
        self.write(&entry)?;
        Ok(entry)
    }

    /// Marks an entry as opened now. Best effort: a full store keeps the
    /// older time, which only changes the order of the list.
    pub fn touch(&mut self, mut entry: Entry, now: u64) -> Entry {
        let before = entry.opened;
        entry.opened = now;
        if self.write(&entry).is_err() {
            entry.opened = before;
        }
        entry
    }
}

#[cfg(test)]
mod tests;
