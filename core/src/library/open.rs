//! Opening designs into the library: links, their originals, templates and
//! the single autosave of earlier versions.

use super::{Draft, Entry, EntryId, LEGACY_AUTOSAVE_KEY, Library, LibraryError, Origin, Store};
use crate::design::{Design, Repair};
use crate::scenario::Scenario;
use crate::share;
use crate::template;

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

impl<S: Store> Library<S> {
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
}
