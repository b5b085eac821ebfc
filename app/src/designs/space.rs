//! What the dialog lists and what storage it uses: the matching entries, the
//! usage line, and, when the latest change could not be saved, the banner
//! offering to remove unedited designs opened from links.

use leptos::prelude::*;
use skydraft_core::library::{Entry, Usage};

use super::size_text;
use crate::library::{self as lib, LibCtx};
use crate::state::{Editor, Tone};

/// What the dialog shows of the library.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Listing {
    /// The entries whose name matches the search, most recently edited first.
    pub entries: Vec<Entry>,
    /// How much the whole library holds.
    pub usage: Usage,
    /// The entries that may be removed to make room (never the open one).
    pub removable: Vec<Entry>,
}

impl Listing {
    /// Nothing: what the closed dialog holds.
    fn empty() -> Self {
        Listing {
            entries: Vec::new(),
            usage: Usage {
                designs: 0,
                bytes: 0,
            },
            removable: Vec::new(),
        }
    }
}

/// The listing for the search `query`, read again whenever the library
/// changes while the dialog is open.
pub(super) fn listing(ctx: LibCtx, query: RwSignal<String>) -> Memo<Listing> {
    Memo::new(move |_| {
        ctx.changed.track();
        if !ctx.list_open.get() {
            return Listing::empty();
        }
        let library = lib::open_library();
        let keep = ctx.open.with(|o| o.as_ref().map(|o| o.id.clone()));
        Listing {
            entries: library.search(&query.get()),
            usage: library.usage(),
            removable: library.removable(keep.as_ref()),
        }
    })
}

/// The line about the storage used.
pub(super) fn usage_text(usage: Usage) -> String {
    let s = if usage.designs == 1 { "" } else { "s" };
    format!(
        "{} design{s} · {} of this browser's storage (about 5 MB per site). Designs stay in this browser only: share a link to keep one elsewhere.",
        usage.designs,
        size_text(usage.bytes)
    )
}

/// Removes the designs offered when storage is full, then saves again.
fn free_space(editor: Editor, ctx: LibCtx, entries: &[Entry]) {
    let mut library = lib::open_library();
    for e in entries {
        let _ = library.delete(&e.id);
    }
    ctx.changed.update(|n| *n += 1);
    editor.notify(
        format!(
            "Removed {} unedited design(s) opened from links.",
            entries.len()
        ),
        Tone::Info,
    );
    lib::save_open(editor, ctx);
}

/// The banner shown while the latest change is not saved, with the offer
/// to free space when there is something to remove.
#[component]
pub(super) fn StorageFull(
    /// What the dialog lists.
    listing: Memo<Listing>,
) -> impl IntoView {
    let editor = Editor::get();
    let ctx = LibCtx::get();
    move || {
        let unsaved = ctx.unsaved.get()?;
        let removable = listing.get().removable;
        let (n, bytes) = lib::removable_summary(&removable);
        let offer = (n > 0).then(|| {
            let removable = removable.clone();
            view! {
                <p>{format!("{n} design(s) opened from links were never edited ({}). Removing them makes room; the links still open them.", size_text(bytes))}</p>
                <button class="btn danger" data-testid="free-space" on:click=move |_| free_space(editor, ctx, &removable)>
                    {format!("Remove {n} unedited link design(s)")}
                </button>
            }
        });
        Some(view! {
            <div class="storage-full" data-testid="storage-full" role="alert">
                <strong>{if unsaved.full { "Storage is full: your latest change is not saved yet." } else { "Your latest change is not saved." }}</strong>
                <p>{format!("{}. The design stays open in this tab; nothing has been removed. Delete designs you no longer need and it is saved at once.", crate::state::sentence(&unsaved.reason).trim_end_matches('.'))}</p>
                {offer}
            </div>
        })
    }
}
