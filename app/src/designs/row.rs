//! One row of My designs: the thumbnail that opens the design, its name
//! (renamed in place), where it came from, and Rename, Duplicate and Delete.

use leptos::html;
use leptos::prelude::*;
use skydraft_core::catalog::Category;
use skydraft_core::edit::Named;
use skydraft_core::library::{Entry, EntryId, THUMB_H, THUMB_W, Thumb};

use super::entry_meta;
use crate::icons;
use crate::library::{self as lib, LibCtx};
use crate::state::{Editor, Tone};

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

/// The entry's name, or the field renaming it: Enter or leaving the field
/// renames, Escape gives up.
#[component]
fn NameField(
    /// The entry's id.
    id: EntryId,
    /// Its name now.
    name: String,
    /// The id being renamed, if any.
    renaming: RwSignal<Option<EntryId>>,
) -> impl IntoView {
    let editor = Editor::get();
    let ctx = LibCtx::get();
    let editing = {
        let id = id.clone();
        Memo::new(move |_| renaming.with(|r| r.as_ref() == Some(&id)))
    };
    let commit = move |text: String| {
        renaming.set(None);
        rename(editor, ctx, &id, text);
    };
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
            el.select();
        }
    });
    view! {
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
    }
}

/// Rename, Duplicate and Delete.
#[component]
fn RowActions(
    /// The entry's id.
    id: EntryId,
    /// The id being renamed, if any.
    renaming: RwSignal<Option<EntryId>>,
) -> impl IntoView {
    let editor = Editor::get();
    let ctx = LibCtx::get();
    let (dup_id, del_id) = (id.clone(), id.clone());
    view! {
        <div class="row-actions">
            <button class="btn small" data-testid="design-rename" on:click=move |_| renaming.set(Some(id.clone()))>"Rename"</button>
            <button class="btn small" data-testid="design-duplicate" on:click=move |_| duplicate(editor, ctx, &dup_id)>"Duplicate"</button>
            <button class="btn small danger" data-testid="design-delete" on:click=move |_| lib::delete_entry(editor, ctx, &del_id)>"Delete"</button>
        </div>
    }
}

/// One row of the list.
#[component]
pub(super) fn EntryRow(
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
    let open_id = id.clone();
    view! {
        <li class="design-row" data-testid="design-entry" data-entry=id.to_string() data-name=entry.name.clone()
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
                <NameField id=id.clone() name=entry.name.clone() renaming />
                <span class="muted design-meta">
                    {from_link.then(|| view! { <span class="tag" data-testid="from-link">{origin_tag}</span> })}
                    {move || is_open.get().then(|| view! { <span class="tag open">"Open"</span> })}
                    {meta}
                </span>
            </div>
            <RowActions id=id.clone() renaming />
        </li>
    }
}
