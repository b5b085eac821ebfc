//! Picking what to compare: the designs (this one, templates, My designs),
//! the base workload and the common rate; the Run and Cancel bar with the
//! progress of the run under way.

use leptos::prelude::*;
use skydraft_core::library::display_name;
use skydraft_core::scenario::presets::PRESETS;
use skydraft_core::template;

use super::{CompareCtx, Phase, Source};
use crate::library::{LibCtx, open_library};
use crate::run::RunCtx;
use crate::state::Editor;

/// One checkbox of the design list.
#[component]
fn Choice(
    /// The design it picks.
    source: Source,
    /// What it is called.
    name: String,
    /// A few words under the name.
    detail: String,
    /// Its `data-pick`.
    key: String,
) -> impl IntoView {
    let ctx = CompareCtx::get();
    let checked = {
        let s = source.clone();
        move || ctx.picks.with(|p| p.contains(&s))
    };
    view! {
        <label class="arch-choice" data-pick=key>
            <input type="checkbox" prop:checked=checked disabled=move || ctx.running()
                on:change=move |_| ctx.toggle(&source) />
            <span class="arch-choice-text"><strong>{name}</strong><span class="muted">{detail}</span></span>
        </label>
    }
}

/// The designs of My designs other than the one open here: id, name.
fn library_choices(lib: LibCtx) -> Vec<(skydraft_core::library::EntryId, String)> {
    let open = lib.open.get_untracked().map(|o| o.id);
    open_library()
        .entries()
        .into_iter()
        .filter(|e| Some(&e.id) != open.as_ref())
        .map(|e| (e.id, e.name))
        .collect()
}

/// The designs to compare and the workload.
#[component]
pub fn Picker() -> impl IntoView {
    let ctx = CompareCtx::get();
    let editor = Editor::get();
    let current = move || editor.design.with(display_name);
    let templates = template::all()
        .into_iter()
        .map(|t| {
            let n = t.design.components.len();
            view! { <Choice source=Source::Template(t.id) name=t.name.to_owned()
            detail=format!("{n} components") key=format!("template:{}", t.id) /> }
        })
        .collect_view();
    let mine = library_choices(LibCtx::get());
    let mine_view = if mine.is_empty() {
        view! { <p class="muted">"No other designs in My designs yet."</p> }.into_any()
    } else {
        mine.into_iter()
            .map(|(id, name)| {
                let key = format!("entry:{}", id.as_str());
                view! { <Choice source=Source::Entry(id) name detail="My designs".to_owned() key /> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="arch-pick">
            <fieldset class="arch-designs">
                <legend>"Designs"</legend>
                <div class="arch-list">
                    {move || view! { <Choice source=Source::Current name=format!("This design: {}", current())
                        detail="on the canvas".to_owned() key="current".to_owned() /> }}
                    <p class="arch-group">"Templates"</p>
                    {templates}
                    <p class="arch-group">"My designs"</p>
                    {mine_view}
                </div>
            </fieldset>
            <fieldset class="arch-workload">
                <legend>"Workload"</legend>
                <label class="field">"Base workload"
                    <select data-testid="arch-preset" disabled=move || ctx.running()
                        on:change=move |ev| ctx.preset.set(event_target_value(&ev))>
                        {PRESETS.iter().map(|p| view! {
                            <option value=p.id selected=move || ctx.preset.with(|s| s == p.id)>{p.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">"Rate, requests/s"
                    <input type="text" inputmode="decimal" data-testid="arch-rate" placeholder="the first design's"
                        disabled=move || ctx.running() prop:value=move || ctx.rate.get()
                        on:input=move |ev| ctx.rate.set(event_target_value(&ev)) />
                </label>
                <p class="muted small-note">"Every design gets the same traffic: empty takes the first \
                    design's drawn rate."</p>
            </fieldset>
        </div>
    }
}

/// Run or Cancel, with the progress of the comparison under way and why it
/// could not start.
#[component]
pub fn RunBar(
    /// The simulation worker.
    run: RunCtx,
    /// The editor (this design).
    editor: Editor,
) -> impl IntoView {
    let ctx = CompareCtx::get();
    let status = move || {
        match ctx.phase.get() {
        Phase::Running {
            label,
            finished,
            total,
            part,
        } => {
            #[allow(clippy::cast_precision_loss)]
            let pct = if total > 0 {
                (finished as f64 + part) / total as f64 * 100.0
            } else {
                0.0
            };
            view! {
                <div class="progress" data-testid="arch-progress" role="progressbar" aria-label="Comparison"
                    aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{pct:.0}")>
                    <div class="progress-bar" style=format!("width:{pct:.1}%") />
                </div>
                <span class="run-status" data-testid="arch-status" role="status">{label}</span>
            }
            .into_any()
        }
        Phase::Refused(why) => view! {
            <span class="run-status error" data-testid="arch-status" role="alert">{why}</span>
        }
        .into_any(),
        Phase::Cancelled(done, total) => view! {
            <span class="run-status" data-testid="arch-status" role="status">
                {format!("Cancelled after {done} of {total} runs. Press Run comparison to start again.")}
            </span>
        }
        .into_any(),
        Phase::Done(rows, _) => view! {
            <span class="run-status" data-testid="arch-status" role="status">
                {format!("Done: {} compared in the table below.", designs_words(rows.len()))}
            </span>
        }
        .into_any(),
        Phase::Idle => view! {
            <span class="run-status" data-testid="arch-status" role="status">
                {move || picked_words(ctx.picks.with(Vec::len))}
            </span>
        }
        .into_any(),
    }
    };
    view! {
        <div class="arch-bar">
            {move || if ctx.running() {
                view! { <button class="btn" data-testid="arch-cancel" on:click=move |_| ctx.cancel(run)>"Cancel"</button> }.into_any()
            } else {
                view! { <button class="btn primary" data-testid="arch-run" on:click=move |_| ctx.start(run, editor)>"Run comparison"</button> }.into_any()
            }}
            {status}
        </div>
    }
}

/// "1 design", "3 designs".
fn designs_words(n: usize) -> String {
    if n == 1 {
        "1 design".to_owned()
    } else {
        format!("{n} designs")
    }
}

/// What the picks will cost, in words.
fn picked_words(n: usize) -> String {
    match n {
        0 => "Pick the designs to compare.".to_owned(),
        n => format!(
            "{} picked: {} runs, one after another.",
            designs_words(n),
            n * 3
        ),
    }
}
