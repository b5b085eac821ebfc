//! "My designs": every design in the local library, most recently edited
//! first, with open, rename, duplicate, delete (undoable for a few seconds),
//! search by name, the storage used, and what to remove when it is full.
//! A row is in [`row`], the listing and the storage banner in [`space`].

mod row;
mod space;

use leptos::html;
use leptos::prelude::*;
use skydraft_core::library::{Entry, EntryId};

use crate::library::LibCtx;
use row::EntryRow;
use space::StorageFull;

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

/// Puts focus in the search field each time the dialog opens.
fn focus_when_open(ctx: LibCtx, search: NodeRef<html::Input>) {
    Effect::new(move |_| {
        if ctx.list_open.get() {
            request_animation_frame(move || {
                if let Some(el) = search.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
}

/// The dialog.
#[component]
pub fn MyDesigns() -> impl IntoView {
    let ctx = LibCtx::get();
    let query = RwSignal::new(String::new());
    let renaming = RwSignal::new(None::<EntryId>);
    let listing = space::listing(ctx, query);
    let search = NodeRef::<html::Input>::new();
    focus_when_open(ctx, search);
    let close = move || {
        ctx.list_open.set(false);
        renaming.set(None);
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
                    <StorageFull listing />
                    <p class="muted designs-usage" data-testid="storage-used">{move || space::usage_text(listing.get().usage)}</p>
                    <ul class="designs-list">
                        <For
                            each=move || listing.get().entries
                            key=|e| (e.id.clone(), e.rev, e.opened, e.name.clone())
                            children=move |entry| view! { <EntryRow entry renaming /> }
                        />
                    </ul>
                    <Show when=move || listing.with(|l| l.entries.is_empty())>
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
