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

mod entry;
mod store;
mod thumb;

use std::fmt;

pub use entry::{Entry, EntryId, Origin};
pub use store::{MemoryStore, Store, StoreError, item_bytes};
pub use thumb::{THUMB_H, THUMB_MAX_ITEMS, THUMB_W, Thumb, ThumbCard};

use crate::design::{Design, Repair};
use crate::scenario::Scenario;
use crate::share::{self, DecodeError};
use crate::template;

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

/// What opening a link found.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkOpened {
    /// No entry had this design: a new one was made.
    New,
    /// An entry already held exactly this design.
    Reopened,
    /// The entry made when this link was first opened, edited since; the
    /// link's original design can still be opened as an entry of its own.
    ReopenedEdited,
}

/// An entry opened from a link, with what the decoder repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The entry now open.
    pub entry: Entry,
    /// How it was found.
    pub how: LinkOpened,
    /// The design and scenario it holds.
    pub design: Design,
    /// Its scenario.
    pub scenario: Scenario,
    /// Repairs made while reading the link (empty for a link Skydraft wrote).
    pub repairs: Vec<Repair>,
}

/// The result of saving the open design.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// The stored copy already held this design: nothing was written.
    Unchanged,
    /// Written as revision `rev`.
    Written {
        /// The entry's revision now.
        rev: u64,
        /// Another tab had changed the entry after this tab loaded it; its
        /// version was kept as this new entry before ours was written.
        kept_other: Option<Box<Entry>>,
        /// The entry had been deleted (in another tab) and was made again.
        recreated: bool,
    },
}

/// What a tab remembers across a reload (in its session storage): the entry
/// it had open and the share code it last wrote into its address. The
/// address lags the design by a short pause, so a reload right after an edit
/// finds an older code there; it still means "this entry, as it is now".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabHint {
    /// The entry the tab had open.
    pub entry: EntryId,
    /// The code the tab last wrote into its address.
    pub url_code: Option<String>,
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
        share::from_json::<Entry>(text.as_bytes())
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
        all.sort_by(|a, b| {
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
        out.sort_by_key(|e| e.opened);
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
        self.store
            .set(&Self::key(&entry.id), &share::to_json(entry))
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

    /// Moves the single autosave of earlier versions into the library, once:
    /// the slot is removed after its design is safely stored. A slot holding
    /// an unchanged template comes in as that template, unedited.
    ///
    /// # Errors
    /// [`LibraryError::Store`] when the store is full; the slot is then kept.
    pub fn migrate_legacy(&mut self, now: u64, nonce: u32) -> Result<Option<Entry>, LibraryError> {
        let Some(code) = self.store.get(LEGACY_AUTOSAVE_KEY) else {
            return Ok(None);
        };
        // An unreadable slot is left as it is: never destroy what cannot be read.
        let Ok((design, scenario)) = share::decode(&code) else {
            return Ok(None);
        };
        let canonical = share::encode(&design, &scenario);
        if self.entries().iter().any(|e| e.code == canonical) {
            self.store.remove(LEGACY_AUTOSAVE_KEY);
            return Ok(None);
        }
        let template = template::all()
            .into_iter()
            .find(|t| share::encode(&t.design, &t.scenario) == canonical);
        let (origin, edited) = match template {
            Some(t) => (
                Origin::Template {
                    id: t.id.to_owned(),
                },
                false,
            ),
            None => (Origin::Drawn, true),
        };
        let draft = Draft {
            design: &design,
            scenario: &scenario,
            edited,
        };
        let entry = self.create(draft, origin, now, nonce)?;
        self.store.remove(LEGACY_AUTOSAVE_KEY);
        Ok(Some(entry))
    }

    /// Opens a share link (or a bare code): reopens the entry that holds this
    /// design (preferring the entry this tab had open, and taking that entry
    /// as it is now when the link is the tab's own address), or the one made
    /// when the same link was opened before, else makes a new entry marked
    /// "from a link". Never writes over another entry.
    ///
    /// # Errors
    /// [`LibraryError::Decode`] for a link that does not decode (nothing is
    /// written); [`LibraryError::Store`] when a new entry does not fit.
    pub fn open_link(
        &mut self,
        link: &str,
        tab: Option<&TabHint>,
        now: u64,
        nonce: u32,
    ) -> Result<Opened, LibraryError> {
        let code = share::code_from_link(link).to_owned();
        let decoded = share::decode_with_repairs(&code)?;
        // The tab's own address, perhaps a moment behind its last edit.
        if let Some(t) = tab.filter(|t| t.url_code.as_deref() == Some(code.as_str()))
            && let Some(entry) = self.get(&t.entry)
            && let Ok((design, scenario)) = share::decode(&entry.code)
        {
            let entry = self.touch(entry, now);
            return Ok(Opened {
                entry,
                how: LinkOpened::Reopened,
                design,
                scenario,
                repairs: Vec::new(),
            });
        }
        let hint = tab.map(|t| &t.entry);
        let canonical = share::encode(&decoded.design, &decoded.scenario);
        let all = self.entries();
        let by_recent = |a: &&Entry, b: &&Entry| a.opened.cmp(&b.opened);
        let same_design = all.iter().filter(|e| e.code == canonical).max_by(|a, b| {
            (Some(&a.id) == hint)
                .cmp(&(Some(&b.id) == hint))
                .then_with(|| by_recent(a, b))
        });
        let same_link = || {
            all.iter()
                .filter(|e| matches!(&e.origin, Origin::Link { code: c } if *c == code))
                .max_by(by_recent)
        };
        let (entry, how) = if let Some(e) = same_design {
            (e.clone(), LinkOpened::Reopened)
        } else if let Some(e) = same_link() {
            (e.clone(), LinkOpened::ReopenedEdited)
        } else {
            let draft = Draft {
                design: &decoded.design,
                scenario: &decoded.scenario,
                edited: false,
            };
            let e = self.create(draft, Origin::Link { code }, now, nonce)?;
            (e, LinkOpened::New)
        };
        let entry = self.touch(entry, now);
        let (design, scenario) = if how == LinkOpened::ReopenedEdited {
            share::decode(&entry.code)?
        } else {
            (decoded.design, decoded.scenario)
        };
        Ok(Opened {
            entry,
            how,
            design,
            scenario,
            repairs: decoded.repairs,
        })
    }

    /// Opens the original design of a link as a new entry of its own, leaving
    /// the edited entry of the same link as it is.
    ///
    /// # Errors
    /// As [`Library::create`]; a code that no longer decodes.
    pub fn open_original(
        &mut self,
        link_code: &str,
        now: u64,
        nonce: u32,
    ) -> Result<Opened, LibraryError> {
        let decoded = share::decode_with_repairs(link_code)?;
        let design = decoded.design;
        let draft = Draft {
            design: &design,
            scenario: &decoded.scenario,
            edited: false,
        };
        let origin = Origin::Link {
            code: link_code.to_owned(),
        };
        let entry = self.create(draft, origin, now, nonce)?;
        Ok(Opened {
            entry,
            how: LinkOpened::New,
            design,
            scenario: decoded.scenario,
            repairs: decoded.repairs,
        })
    }

    /// Opens a built-in template: reopens an unedited entry of it, else adds
    /// a new one (an edited copy of the template is never written over).
    ///
    /// # Errors
    /// [`LibraryError::Store`] when a new entry does not fit.
    pub fn open_template(
        &mut self,
        template_id: &str,
        design: &Design,
        scenario: &Scenario,
        now: u64,
        nonce: u32,
    ) -> Result<Entry, LibraryError> {
        let code = share::encode(design, scenario);
        let unedited = self.entries().into_iter().find(|e| {
            e.edited.is_none()
                && e.code == code
                && matches!(&e.origin, Origin::Template { id } if id == template_id)
        });
        match unedited {
            Some(e) => Ok(self.touch(e, now)),
            None => {
                let draft = Draft {
                    design,
                    scenario,
                    edited: false,
                };
                let origin = Origin::Template {
                    id: template_id.to_owned(),
                };
                self.create(draft, origin, now, nonce)
            }
        }
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

    /// Saves the open design into its entry. `base_rev` is the revision this
    /// tab loaded or wrote last: when the stored one differs, another tab has
    /// written since, and its version is kept as a new entry first.
    ///
    /// # Errors
    /// [`LibraryError::Store`] when the store is full: nothing was written
    /// and the caller still holds the only copy of the change.
    pub fn save(
        &mut self,
        id: &EntryId,
        base_rev: u64,
        design: &Design,
        scenario: &Scenario,
        now: u64,
        nonce: u32,
    ) -> Result<Saved, LibraryError> {
        let code = share::encode(design, scenario);
        let name = display_name(design);
        let Some(mut entry) = self.get(id) else {
            // Deleted in another tab (or storage was cleared): make it again.
            let entry = Entry {
                id: id.clone(),
                name,
                created: now,
                edited: Some(now),
                opened: now,
                origin: Origin::Drawn,
                rev: base_rev + 1,
                thumb: Thumb::of(design),
                code,
            };
            self.write(&entry)?;
            return Ok(Saved::Written {
                rev: entry.rev,
                kept_other: None,
                recreated: true,
            });
        };
        if entry.code == code && entry.name == name {
            return Ok(Saved::Unchanged);
        }
        let mut kept_other = None;
        if entry.rev != base_rev && entry.code != code {
            let copy = Entry {
                id: self.fresh_id(now, nonce),
                name: copy_name(&entry.name, " (from another tab)"),
                created: now,
                origin: Origin::Copy,
                rev: 1,
                ..entry.clone()
            };
            self.write(&copy)?;
            kept_other = Some(Box::new(copy));
        }
        entry.code = code;
        entry.name = name;
        entry.thumb = Thumb::of(design);
        entry.rev = entry.rev.max(base_rev) + 1;
        entry.edited = Some(now);
        entry.opened = now;
        if let Err(e) = self.write(&entry) {
            // The other tab's version is still in the entry: no copy needed.
            if let Some(copy) = &kept_other {
                self.store.remove(&Self::key(&copy.id));
            }
            return Err(e.into());
        }
        Ok(Saved::Written {
            rev: entry.rev,
            kept_other,
            recreated: false,
        })
    }

    /// Renames an entry (the design's own name changes with it).
    ///
    /// # Errors
    /// [`LibraryError::NotFound`], a stored design that no longer decodes, or
    /// a full store.
    pub fn rename(&mut self, id: &EntryId, name: &str, now: u64) -> Result<Entry, LibraryError> {
        let mut entry = self
            .get(id)
            .ok_or_else(|| LibraryError::NotFound(id.clone()))?;
        let (mut design, scenario) = share::decode(&entry.code)?;
        design.name = name.trim().chars().take(MAX_NAME_CHARS).collect();
        entry.name = display_name(&design);
        entry.code = share::encode(&design, &scenario);
        entry.rev += 1;
        entry.edited = Some(now);
        self.write(&entry)?;
        Ok(entry)
    }

    /// Adds a copy of an entry, named "… (copy)"; it counts as the user's own
    /// work (this is how a view-only design becomes theirs).
    ///
    /// # Errors
    /// [`LibraryError::NotFound`], a stored design that no longer decodes, or
    /// a full store.
    pub fn duplicate(&mut self, id: &EntryId, now: u64, nonce: u32) -> Result<Entry, LibraryError> {
        let entry = self
            .get(id)
            .ok_or_else(|| LibraryError::NotFound(id.clone()))?;
        let (mut design, scenario) = share::decode(&entry.code)?;
        design.name = copy_name(&entry.name, " (copy)");
        let draft = Draft {
            design: &design,
            scenario: &scenario,
            edited: true,
        };
        self.create(draft, Origin::Copy, now, nonce)
    }

    /// Removes an entry and returns it, so the caller can offer to undo
    /// ([`Library::restore`]). Removing frees its space at once.
    ///
    /// # Errors
    /// [`LibraryError::NotFound`] when there is no such entry.
    pub fn delete(&mut self, id: &EntryId) -> Result<Entry, LibraryError> {
        let entry = self
            .get(id)
            .ok_or_else(|| LibraryError::NotFound(id.clone()))?;
        self.store.remove(&Self::key(id));
        Ok(entry)
    }

    /// Puts a deleted entry back. When an entry with its id exists again (a
    /// tab saved it meanwhile), that newer one stays.
    ///
    /// # Errors
    /// [`LibraryError::Store`] when it no longer fits.
    pub fn restore(&mut self, entry: &Entry) -> Result<(), LibraryError> {
        if self.get(&entry.id).is_none() {
            self.write(entry)?;
        }
        Ok(())
    }
}

/// `name` with `suffix`, kept within [`MAX_NAME_CHARS`].
fn copy_name(name: &str, suffix: &str) -> String {
    let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
    let mut out: String = name.chars().take(room).collect();
    out.push_str(suffix);
    out
}

#[cfg(test)]
mod tests;
