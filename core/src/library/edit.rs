//! Changing what the library holds: saving the open design (with the
//! stale-tab rule), renaming, duplicating, deleting and restoring.

use super::{
    Draft, Entry, EntryId, Library, LibraryError, MAX_NAME_CHARS, Origin, Store, Thumb,
    display_name,
};
use crate::design::Design;
use crate::scenario::Scenario;
use crate::share;

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

impl<S: Store> Library<S> {
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
