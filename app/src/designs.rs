//! "My designs": every design in the local library, most recently edited
//! first, with open, rename, duplicate, delete (undoable for a few seconds),
//! search by name, the storage used, and what to remove when it is full.

use leptos::html;
use leptos::prelude::*;
use skydraft_core::catalog::Category;
use skydraft_core::edit::Named;
use skydraft_core::library::{Entry, EntryId, THUMB_H, THUMB_W, Thumb, Usage};

use crate::icons;
use crate::library::{self as lib, LibCtx};
use crate::state::{Editor, Tone};

/// How long ago `then` was, seen at `now` (both ms since the epoch), in a few
/// words: "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", and
/// a date in the form 2026-11-28 beyond a month.
#[must_use]
pub fn ago(now: u64, then: u64) -> String {
    const MIN: u64 = 60_000;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    let d = now.saturating_sub(then);
    match d {
        _ if d < MIN => "just now".to_owned(),
        _ if d < HOUR => format!("{} min ago", d / MIN),
        _ if d < DAY => format!("{} h ago", d / HOUR),
        _ if d < 2 * DAY => "yesterday".to_owned(),
        _ if d < 31 * DAY => format!("{} days ago", d / DAY),
        _ => civil_date(then),
    }
}

/// The UTC calendar date of a time in ms since the epoch, as `YYYY-MM-DD`
/// (Howard Hinnant's days-from-civil algorithm, inverted).
fn civil_date(ms: u64) -> String {
    let days = (ms / 86_400_000) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A size in bytes as "12 KB" or "1.4 MB".
#[must_use]
pub fn size_text(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// One line about an entry: where it came from and when it last changed.
#[must_use]
pub fn entry_meta(entry: &Entry, now: u64) -> String {
    match entry.edited {
        Some(t) => format!("{} · edited {}", entry.origin.describe(), ago(now, t)),
        None => format!("not edited · opened {}", ago(now, entry.opened)),
    }
}

/// The thumbnail's drawing (frames, links, cards) as SVG elements.
#[component]
fn ThumbView(
    /// What to draw.
    thumb: Thumb,
) -> impl IntoView {
    let colour = |id: &str| {
        Category::ALL
            .into_iter()
            .find(|c| c.id() == id)
            .map_or("#64748b", icons::category_colour)
    };
    view! {
        <svg class="thumb" viewBox=format!("0 0 {THUMB_W} {THUMB_H}") aria-hidden="true">
            {thumb.frames.iter().map(|f| view! {
                <rect class="thumb-frame" x=f[0] y=f[1] width=f[2] height=f[3] rx="3" />
            }).collect_view()}
            {thumb.links.iter().map(|l| view! {
                <line class="thumb-link" x1=l[0] y1=l[1] x2=l[2] y2=l[3] />
            }).collect_view()}
            {thumb.cards.iter().map(|c| view! {
                <rect x=c.x y=c.y width=c.size height=c.size rx="2" fill=colour(c.category) />
            }).collect_view()}
        </svg>
    }
}

/// Renames an entry: the open one through the editor (so Undo takes it
/// back), any other in the library directly.
fn rename(editor: Editor, ctx: LibCtx, id: &EntryId, name: String) {
    let is_open = ctx.open.get_untracked().is_some_and(|o| o.id == *id);
    if is_open {
        editor.rename(Named::Design, name);
        return;
    }
    let mut library = lib::open_library();
    let result = library.rename(id, &name, lib::now()).map(|_| ());
    ctx.changed.update(|n| *n += 1);
    if let Err(e) = result {
        editor.notify(
            format!("The design could not be renamed: {e}."),
            Tone::Error,
        );
    }
}

fn duplicate(editor: Editor, ctx: LibCtx, id: &EntryId) {
    let mut library = lib::open_library();
    let result = library.duplicate(id, lib::now(), lib::nonce());
    ctx.changed.update(|n| *n += 1);
    match result {
        Ok(copy) => editor.notify(format!("Made \"{}\".", copy.name), Tone::Info),
        Err(e) => ctx.report(editor, Err(e)),
    }
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

/// One row of the list.
#[component]
fn EntryRow(
    /// The entry.
    entry: Entry,
    /// The id being renamed, if any.
    renaming: RwSignal<Option<EntryId>>,
) -> impl IntoView {
    let editor = Editor::get();
    let ctx = LibCtx::get();
    let id = entry.id.clone();
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| ctx.open.with(|o| o.as_ref().is_some_and(|o| o.id == id)))
    };
    let meta = entry_meta(&entry, lib::now());
    let from_link = entry.is_unedited_copy();
    let origin_tag = crate::state::sentence(entry.origin.describe())
        .trim_end_matches('.')
        .to_owned();
    let name = entry.name.clone();
    let row_name = name.clone();
    let editing = {
        let id = id.clone();
        Memo::new(move |_| renaming.with(|r| r.as_ref() == Some(&id)))
    };
    let (open_id, dup_id, del_id, ren_id, commit_id) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let commit = move |text: String| {
        renaming.set(None);
        rename(editor, ctx, &commit_id, text);
    };
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
            el.select();
        }
    });
    view! {
        <li class="design-row" data-testid="design-entry" data-entry=id.to_string() data-name=row_name
            class:current=move || is_open.get()>
            <button class="design-open" data-testid="design-open" title="Open this design"
                on:click=move |_| {
                    ctx.list_open.set(false);
                    if !is_open.get_untracked() || editor.read_only.get_untracked() {
                        lib::open_entry(editor, ctx, &open_id);
                    }
                }>
                <ThumbView thumb=entry.thumb.clone() />
            </button>
            <div class="design-text">
                <Show when=move || editing.get() fallback={
                    let name = name.clone();
                    move || view! { <strong class="design-name-text">{name.clone()}</strong> }
                }>
                    <input class="rename-input" data-testid="rename-input" node_ref=input maxlength="80"
                        aria-label="New name" value=name.clone()
                        on:keydown={
                            let commit = commit.clone();
                            move |ev: web_sys::KeyboardEvent| {
                                ev.stop_propagation();
                                match ev.key().as_str() {
                                    "Enter" => commit(event_target_value(&ev)),
                                    "Escape" => renaming.set(None),
                                    _ => {}
                                }
                            }
                        }
                        on:blur={
                            let commit = commit.clone();
                            move |ev| if editing.try_get_untracked() == Some(true) { commit(event_target_value(&ev)) }
                        } />
                </Show>
                <span class="muted design-meta">
                    {from_link.then(|| view! { <span class="tag" data-testid="from-link">{origin_tag}</span> })}
                    {move || is_open.get().then(|| view! { <span class="tag open">"Open"</span> })}
                    {meta}
                </span>
            </div>
            <div class="row-actions">
                <button class="btn small" data-testid="design-rename" on:click=move |_| renaming.set(Some(ren_id.clone()))>"Rename"</button>
                <button class="btn small" data-testid="design-duplicate" on:click=move |_| duplicate(editor, ctx, &dup_id)>"Duplicate"</button>
                <button class="btn small danger" data-testid="design-delete" on:click=move |_| lib::delete_entry(editor, ctx, &del_id)>"Delete"</button>
            </div>
        </li>
    }
}

/// The dialog.
#[component]
pub fn MyDesigns() -> impl IntoView {
    let editor = Editor::get();
    let ctx = LibCtx::get();
    let query = RwSignal::new(String::new());
    let renaming = RwSignal::new(None::<EntryId>);
    let listing = Memo::new(move |_| {
        ctx.changed.track();
        if !ctx.list_open.get() {
            return (
                Vec::new(),
                Usage {
                    designs: 0,
                    bytes: 0,
                },
                Vec::new(),
            );
        }
        let library = lib::open_library();
        let keep = ctx.open.with(|o| o.as_ref().map(|o| o.id.clone()));
        (
            library.search(&query.get()),
            library.usage(),
            library.removable(keep.as_ref()),
        )
    });
    let search = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if ctx.list_open.get() {
            request_animation_frame(move || {
                if let Some(el) = search.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    let close = move || {
        ctx.list_open.set(false);
        renaming.set(None);
    };
    let usage = move || {
        let (_, usage, _) = listing.get();
        let s = if usage.designs == 1 { "" } else { "s" };
        format!(
            "{} design{s} · {} of this browser's storage (about 5 MB per site). Designs stay in this browser only: share a link to keep one elsewhere.",
            usage.designs,
            size_text(usage.bytes)
        )
    };
    let full_banner = move || {
        let unsaved = ctx.unsaved.get()?;
        let (_, _, removable) = listing.get();
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
    };
    view! {
        <Show when=move || ctx.list_open.get()>
            <div class="modal-backdrop" on:click=move |_| close()>
                <div class="modal designs" data-testid="my-designs-dialog" role="dialog" aria-modal="true" aria-label="My designs"
                    on:click=|ev| ev.stop_propagation()
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        ev.stop_propagation();
                        if ev.key() == "Escape" && renaming.get_untracked().is_none() {
                            close();
                        }
                    }>
                    <header class="modal-head">
                        <h2>"My designs"</h2>
                        <button class="btn icon" aria-label="Close" on:click=move |_| close()>"×"</button>
                    </header>
                    <div class="designs-tools">
                        <input type="search" class="designs-search" data-testid="designs-search" node_ref=search
                            placeholder="Search by name" aria-label="Search designs by name"
                            prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev)) />
                    </div>
                    {full_banner}
                    <p class="muted designs-usage" data-testid="storage-used">{usage}</p>
                    <ul class="designs-list">
                        <For
                            each=move || listing.get().0
                            key=|e| (e.id.clone(), e.rev, e.opened, e.name.clone())
                            children=move |entry| view! { <EntryRow entry renaming /> }
                        />
                    </ul>
                    <Show when=move || listing.with(|l| l.0.is_empty())>
                        <p class="muted designs-empty">{move || if query.with(String::is_empty) {
                            "No designs yet: what you draw is kept here."
                        } else {
                            "No design has that name."
                        }}</p>
                    </Show>
                </div>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_people_say_them() {
        let now = 1_764_892_800_000; // 2025-12-05 00:00 UTC
        assert_eq!(ago(now, now + 5), "just now");
        assert_eq!(ago(now, now - 59_000), "just now");
        assert_eq!(ago(now, now - 5 * 60_000), "5 min ago");
        assert_eq!(ago(now, now - 3 * 3_600_000), "3 h ago");
        assert_eq!(ago(now, now - 30 * 3_600_000), "yesterday");
        assert_eq!(ago(now, now - 4 * 86_400_000), "4 days ago");
        assert_eq!(ago(now, now - 40 * 86_400_000), "2025-10-26");
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(951_782_400_000), "2000-02-29");
    }

    #[test]
    fn sizes_round_up_to_a_kilobyte() {
        assert_eq!(size_text(0), "0 KB");
        assert_eq!(size_text(1), "1 KB");
        assert_eq!(size_text(999_999), "1000 KB");
        assert_eq!(size_text(4_400_000), "4.4 MB");
    }
}
