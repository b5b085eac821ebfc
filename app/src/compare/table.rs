//! The comparison's table: one row per design, core's columns with their
//! units, the best figure of each column marked with a star and words (not
//! colour alone), the notes on what a design cannot have, and the CSV the
//! CLI writes, copied or downloaded.

use leptos::prelude::*;
use skydraft_core::compare::{self, COLUMNS, Row};

use super::{CompareCtx, Phase};
use crate::state::{Editor, Tone};

/// One design's row.
fn row_view(r: &Row, best: &[Vec<bool>], i: usize) -> impl IntoView + use<> {
    let cells = COLUMNS
        .iter()
        .zip(best)
        .map(|(c, b)| {
            let is_best = b[i];
            view! {
                <td data-col=c.id class:best=is_best data-best=is_best.to_string()>
                    {c.show(r)}
                    {is_best.then(|| view! {
                        <span class="best-mark" aria-hidden="true">" \u{2605}"</span>
                        <span class="visually-hidden">" (best)"</span>
                    })}
                </td>
            }
        })
        .collect_view();
    view! {
        <tr data-testid="arch-row">
            <th scope="row">{r.name.clone()}</th>
            {cells}
        </tr>
    }
}

/// The table of `rows`.
fn table_view(rows: &[Row], about: String) -> impl IntoView + use<> {
    let best: Vec<Vec<bool>> = COLUMNS.iter().map(|c| compare::best(rows, c)).collect();
    let heads = COLUMNS
        .iter()
        .map(|c| {
            let unit = (!c.unit.is_empty())
                .then(|| view! { <span class="unit">{format!(" ({})", c.unit)}</span> });
            view! { <th scope="col" data-col=c.id>{c.label}{unit}</th> }
        })
        .collect_view();
    let body = rows
        .iter()
        .enumerate()
        .map(|(i, r)| row_view(r, &best, i))
        .collect_view();
    view! {
        <p class="arch-about" data-testid="arch-about">{about}</p>
        <div class="arch-scroll" data-testid="arch-scroll" tabindex="0" role="region" aria-label="Comparison table, scrolls sideways">
            <table class="data arch-table" data-testid="arch-table">
                <caption class="visually-hidden">"One row per design; lower is better in every column"</caption>
                <thead><tr><th scope="col">"Design"</th>{heads}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <p class="muted arch-legend">"\u{2605} best in its column (the lowest). \u{2013} no figure: \
            the run did not happen or has none (see the notes)."</p>
    }
}

/// What each design cannot have, in words.
fn notes_view(rows: &[Row]) -> impl IntoView + use<> {
    let with_notes: Vec<&Row> = rows.iter().filter(|r| !r.notes.is_empty()).collect();
    (!with_notes.is_empty()).then(|| {
        let items = with_notes
            .into_iter()
            .map(|r| {
                let notes = r
                    .notes
                    .iter()
                    .map(|n| view! { <li>{n.clone()}</li> })
                    .collect_view();
                view! { <li><strong>{r.name.clone()}</strong><ul>{notes}</ul></li> }
            })
            .collect_view();
        view! {
            <section class="arch-notes" data-testid="arch-notes" aria-label="Notes">
                <h3>"Notes"</h3>
                <ul>{items}</ul>
            </section>
        }
    })
}

/// Copies `text` to the clipboard and says how it went.
fn copy(editor: Editor, text: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => editor.notify("Comparison copied as CSV.", Tone::Info),
            Err(_) => editor.notify(
                "The browser did not allow copying; use Download CSV instead.",
                Tone::Error,
            ),
        }
    });
}

/// Copy and download of the table as the CLI's CSV.
fn export_view(rows: &[Row]) -> impl IntoView + use<> {
    let editor = Editor::get();
    let text = compare::csv(rows);
    let for_copy = text.clone();
    view! {
        <div class="arch-export">
            <button class="btn small" data-testid="arch-copy-csv" on:click=move |_| copy(editor, for_copy.clone())>
                "Copy as CSV"</button>
            <button class="btn small" data-testid="arch-download-csv" on:click=move |_| {
                if let Err(e) = crate::export::download("comparison.csv", "text/csv", &text) {
                    editor.notify(e, Tone::Error);
                }
            }>"Download CSV"</button>
        </div>
    }
}

/// The finished comparison, if any.
#[component]
pub fn Results() -> impl IntoView {
    let ctx = CompareCtx::get();
    // A finished table comes into sight (the picks stay above it).
    Effect::new(move |_| {
        if ctx.phase.with(|p| matches!(p, Phase::Done(..))) {
            request_animation_frame(|| {
                let found = gloo::utils::document()
                    .query_selector("[data-testid=\"arch-results\"]")
                    .ok()
                    .flatten();
                if let Some(el) = found {
                    el.scroll_into_view();
                }
            });
        }
    });
    move || match ctx.phase.get() {
        Phase::Done(rows, about) => Some(view! {
            <section class="arch-results" data-testid="arch-results" aria-label="Comparison">
                {table_view(&rows, about)}
                {notes_view(&rows)}
                {export_view(&rows)}
            </section>
        }),
        _ => None,
    }
}
