//! The page's side of core's [`skydraft_core::library`]: local storage as its
//! store, which entry this tab has open, and the moves between entries
//! (open, import, copy a view-only design, delete with undo).
//!
//! Local storage rather than IndexedDB: its writes are synchronous, so an
//! edit is stored before the next event and nothing waits in a transaction
//! when a tab closes; its `storage` event tells the other tabs at once; a
//! design is a share code of a few kilobytes, so its quota (about 5 MB per
//! site in current browsers) holds hundreds of designs; and it needs no
//! extra crate in a page that watches its size.

use leptos::prelude::*;
use skydraft_core::design::Design;
use skydraft_core::library::{
    self, Draft, Entry, EntryId, Library, LibraryError, Origin, Saved, Store, StoreError, TabHint,
};
use skydraft_core::scenario::Scenario;
use skydraft_core::share;
use wasm_bindgen::JsValue;

use crate::state::{Editor, Tone};

/// Session-storage key of the entry this tab has open; it survives a reload
/// of the tab and no other tab sees it.
pub const TAB_KEY: &str = "skydraft.tab";
/// Session-storage key of the share code this tab last wrote into its address.
pub const TAB_URL_KEY: &str = "skydraft.tab.url";

/// `window.localStorage` as core's [`Store`]. Without storage (disabled,
/// sandboxed) reads find nothing and writes fail with a clear reason.
pub struct LocalStore(Option<web_sys::Storage>);

impl LocalStore {
    /// The page's local storage.
    #[must_use]
    pub fn open() -> Self {
        LocalStore(web_sys::window().and_then(|w| w.local_storage().ok().flatten()))
    }
}

/// A quota error is a DOMException named `QuotaExceededError`.
fn store_error(e: &JsValue) -> StoreError {
    let name = js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StoreError::Full
    } else {
        StoreError::Unavailable(if name.is_empty() {
            "unknown error".to_owned()
        } else {
            name
        })
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let Some(s) = &self.0 else {
            return Err(StoreError::Unavailable("storage is turned off".to_owned()));
        };
        s.set_item(key, value).map_err(|e| store_error(&e))
    }

    fn remove(&mut self, key: &str) {
        if let Some(s) = &self.0 {
            let _ = s.remove_item(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        let Some(s) = &self.0 else { return Vec::new() };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}

/// The library in this page's local storage.
#[must_use]
pub fn open_library() -> Library<LocalStore> {
    Library::new(LocalStore::open())
}

/// Now, in ms since the Unix epoch.
#[must_use]
pub fn now() -> u64 {
    // Dates are positive and far below 2^53.
    js_sys::Date::now().max(0.0) as u64
}

/// A random number for new ids (unique across tabs with the time).
#[must_use]
pub fn nonce() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// The entry a tab has open, and the revision it loaded or wrote last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEntry {
    /// Which entry.
    pub id: EntryId,
    /// Its revision as this tab knows it.
    pub rev: u64,
}

/// Why the open design is not stored, shown until a save succeeds.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsaved {
    /// The plain reason.
    pub reason: String,
    /// The store is full (rather than unavailable).
    pub full: bool,
}

/// The library's state in this tab, provided as context.
#[derive(Clone, Copy)]
pub struct LibCtx {
    /// The entry this tab edits; `None` while viewing a view-only link, or
    /// while a design could not be stored yet.
    pub open: RwSignal<Option<OpenEntry>>,
    /// How a design that is not stored yet should enter the library.
    pub pending: StoredValue<Option<Origin>>,
    /// Bumped whenever the library changes here or in another tab.
    pub changed: RwSignal<u64>,
    /// Set while the latest change could not be stored.
    pub unsaved: RwSignal<Option<Unsaved>>,
    /// Whether "My designs" is open.
    pub list_open: RwSignal<bool>,
}

impl LibCtx {
    /// A new state: nothing open yet.
    #[must_use]
    pub fn new() -> Self {
        LibCtx {
            open: RwSignal::new(None),
            pending: StoredValue::new(None),
            changed: RwSignal::new(0),
            unsaved: RwSignal::new(None),
            list_open: RwSignal::new(false),
        }
    }

    /// The state provided by the app.
    ///
    /// # Panics
    /// Outside the app's component tree (a programming error).
    #[must_use]
    pub fn get() -> Self {
        expect_context::<LibCtx>()
    }

    /// Marks `entry` as the one this tab edits and remembers it for a reload.
    pub fn set_open(&self, entry: &Entry) {
        self.open.set(Some(OpenEntry {
            id: entry.id.clone(),
            rev: entry.rev,
        }));
        self.pending.set_value(None);
        remember_tab_entry(Some(&entry.id));
        self.changed.update(|n| *n += 1);
    }

    /// Nothing stored is open (a view-only design); `pending` says how the
    /// design enters the library on its first save, `None` never.
    pub fn set_unstored(&self, pending: Option<Origin>) {
        self.open.set(None);
        self.pending.set_value(pending);
        remember_tab_entry(None);
    }

    /// Reports a failed write (and clears the report after a good one).
    pub fn report(&self, editor: Editor, result: Result<(), LibraryError>) {
        match result {
            Ok(()) => {
                if self.unsaved.get_untracked().is_some() {
                    self.unsaved.set(None);
                    editor.notify("Your design is saved again.", Tone::Info);
                }
            }
            Err(e) => {
                let full = matches!(e, LibraryError::Store(StoreError::Full));
                let first = self.unsaved.get_untracked().is_none();
                self.unsaved.set(Some(Unsaved {
                    reason: e.to_string(),
                    full,
                }));
                if first {
                    let ctx = *self;
                    let text = if full {
                        "Your browser's storage for Skydraft is full: this change is kept in this tab but not saved. Free some space in My designs; nothing has been removed."
                    } else {
                        "Your design could not be saved in this browser; it stays in this tab. Keep the tab open, or copy its link."
                    };
                    editor.notify_with(text, Tone::Error, "My designs", move || {
                        ctx.list_open.set(true)
                    });
                }
            }
        }
    }
}

impl Default for LibCtx {
    fn default() -> Self {
        LibCtx::new()
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The entry this tab had open before a reload.
#[must_use]
pub fn tab_entry() -> Option<EntryId> {
    session()?
        .get_item(TAB_KEY)
        .ok()
        .flatten()
        .as_deref()
        .and_then(EntryId::parse)
}

/// What this tab remembers across a reload: its entry and its address's code.
#[must_use]
pub fn tab_hint() -> Option<TabHint> {
    let url_code = session().and_then(|s| s.get_item(TAB_URL_KEY).ok().flatten());
    tab_entry().map(|entry| TabHint { entry, url_code })
}

/// Remembers the code just written into this tab's address.
pub fn remember_tab_url(code: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(TAB_URL_KEY, code);
    }
}

fn remember_tab_entry(id: Option<&EntryId>) {
    if let Some(s) = session() {
        let _ = match id {
            Some(id) => s.set_item(TAB_KEY, id.as_str()),
            None => s.remove_item(TAB_KEY),
        };
    }
}

/// Stores the editor's design in the open entry, or adds it as a new entry
/// when it is not stored yet. Called after every change; writes only when
/// the content changed.
pub fn save_open(editor: Editor, ctx: LibCtx) {
    if editor.read_only.get_untracked() {
        return;
    }
    let (design, scenario) = (
        editor.design.get_untracked(),
        editor.scenario.get_untracked(),
    );
    let mut lib = open_library();
    let (now, nonce) = (now(), nonce());
    let result = match ctx.open.get_untracked() {
        Some(open) => lib
            .save(&open.id, open.rev, &design, &scenario, now, nonce)
            .map(|saved| after_save(editor, ctx, &open.id, saved)),
        None => match ctx.pending.get_value() {
            None => Ok(()),
            Some(origin) => {
                let draft = Draft {
                    design: &design,
                    scenario: &scenario,
                    edited: true,
                };
                lib.create(draft, origin, now, nonce)
                    .map(|e| ctx.set_open(&e))
            }
        },
    };
    ctx.report(editor, result);
}

fn after_save(editor: Editor, ctx: LibCtx, id: &EntryId, saved: Saved) {
    let Saved::Written {
        rev,
        kept_other,
        recreated,
    } = saved
    else {
        return;
    };
    ctx.open.set(Some(OpenEntry {
        id: id.clone(),
        rev,
    }));
    ctx.changed.update(|n| *n += 1);
    if let Some(other) = kept_other {
        editor.notify(
            format!("Another tab changed this design at the same time; its version is kept in My designs as \"{}\".", other.name),
            Tone::Info,
        );
    } else if recreated {
        editor.notify(
            "This design had been deleted in another tab; your edit saved it again.",
            Tone::Info,
        );
    }
}

/// Replaces what the editor shows with `design` and marks `entry` open.
pub fn show_entry(editor: Editor, ctx: LibCtx, entry: &Entry, design: Design, scenario: Scenario) {
    // Anything not yet stored of the design on screen is written first.
    save_open(editor, ctx);
    ctx.set_open(entry);
    editor.read_only.set(false);
    editor.load(design, scenario);
    request_animation_frame(move || crate::canvas::zoom_to_fit(editor));
}

/// Opens a library entry by id.
pub fn open_entry(editor: Editor, ctx: LibCtx, id: &EntryId) {
    let mut lib = open_library();
    let Some(entry) = lib.get(id) else {
        editor.notify(
            "That design is no longer in My designs (deleted in another tab?).",
            Tone::Error,
        );
        ctx.changed.update(|n| *n += 1);
        return;
    };
    match share::decode(&entry.code) {
        Ok((d, s)) => {
            let entry = lib.touch(entry, now());
            show_entry(editor, ctx, &entry, d, s);
        }
        Err(e) => editor.notify(format!("That design could not be read: {e}."), Tone::Error),
    }
}

/// Opens a design that came from outside (a template, a file, a view-only
/// copy) as a new entry; when storage refuses it, it is shown all the same
/// and stored on its next change once there is room.
pub fn open_new(
    editor: Editor,
    ctx: LibCtx,
    design: Design,
    scenario: Scenario,
    origin: Origin,
    edited: bool,
) {
    let mut lib = open_library();
    let draft = Draft {
        design: &design,
        scenario: &scenario,
        edited,
    };
    match lib.create(draft, origin.clone(), now(), nonce()) {
        Ok(entry) => show_entry(editor, ctx, &entry, design, scenario),
        Err(e) => {
            save_open(editor, ctx);
            ctx.set_unstored(Some(origin));
            editor.read_only.set(false);
            editor.load(design, scenario);
            request_animation_frame(move || crate::canvas::zoom_to_fit(editor));
            ctx.report(editor, Err(e));
        }
    }
}

/// Opens a built-in template, reusing an unedited entry of it.
pub fn open_template(editor: Editor, ctx: LibCtx, id: &str, design: Design, scenario: Scenario) {
    let mut lib = open_library();
    match lib.open_template(id, &design, &scenario, now(), nonce()) {
        Ok(entry) => show_entry(editor, ctx, &entry, design, scenario),
        Err(_) => open_new(
            editor,
            ctx,
            design,
            scenario,
            Origin::Template { id: id.to_owned() },
            false,
        ),
    }
}

/// Starts an empty design with a name no design in the library has. The
/// design on screen is stored first and stays in My designs; the new one is
/// stored once something is drawn on it. The message offers to go back.
pub fn new_design(editor: Editor, ctx: LibCtx) {
    save_open(editor, ctx);
    let lib = open_library();
    let entries = lib.entries();
    let name = library::fresh_name(entries.iter().map(|e| e.name.as_str()));
    let before = ctx.open.get_untracked().map(|o| o.id);
    let kept = before
        .as_ref()
        .and_then(|id| entries.iter().find(|e| e.id == *id))
        .map(|e| e.name.clone());
    ctx.set_unstored(Some(Origin::Drawn));
    editor.read_only.set(false);
    editor.load(
        Design {
            name: name.clone(),
            ..Design::default()
        },
        Scenario::default(),
    );
    match (before, kept) {
        (Some(id), Some(kept)) => editor.notify_with(
            format!("Started \"{name}\". \"{kept}\" is kept in My designs."),
            Tone::Info,
            "Back",
            move || open_entry(editor, ctx, &id),
        ),
        _ => editor.notify(format!("Started \"{name}\"."), Tone::Info),
    }
}

/// Deletes an entry, with an Undo button for a few seconds. Deleting the open
/// design opens the one edited last (or an empty canvas, stored once drawn on).
pub fn delete_entry(editor: Editor, ctx: LibCtx, id: &EntryId) {
    let mut lib = open_library();
    let Ok(entry) = lib.delete(id) else {
        ctx.changed.update(|n| *n += 1);
        return;
    };
    let was_open = ctx.open.get_untracked().is_some_and(|o| o.id == *id);
    if was_open {
        ctx.set_unstored(None);
        match lib.last_edited() {
            Some(next) => open_entry(editor, ctx, &next.id),
            None => {
                // An empty canvas, stored once something is drawn on it.
                ctx.set_unstored(Some(Origin::Drawn));
                editor.load(Design::default(), Scenario::default());
            }
        }
    }
    ctx.changed.update(|n| *n += 1);
    let name = entry.name.clone();
    editor.notify_with(
        format!("Deleted \"{name}\"."),
        Tone::Info,
        "Undo",
        move || {
            let mut lib = open_library();
            let result = lib.restore(&entry);
            ctx.changed.update(|n| *n += 1);
            match result {
                Ok(()) if was_open => open_entry(editor, ctx, &entry.id),
                Ok(()) => editor.notify(format!("Restored \"{}\".", entry.name), Tone::Info),
                Err(e) => editor.notify(
                    format!("\"{}\" could not be restored: {e}.", entry.name),
                    Tone::Error,
                ),
            }
        },
    );
}

/// The names of the entries `library::Library::removable` offers, for a
/// message, and their total size in bytes.
#[must_use]
pub fn removable_summary(entries: &[Entry]) -> (usize, usize) {
    let bytes = entries
        .iter()
        .map(|e| {
            library::item_bytes(
                &Library::<LocalStore>::key(&e.id),
                &skydraft_core::json::to_json(e),
            )
        })
        .sum();
    (entries.len(), bytes)
}
