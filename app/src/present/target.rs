//! What the step shown fits and holds, edited in the presentation bar: its
//! target ("This view", the whole design, or one of the design's frames by
//! label) and whether it holds the replay's moment of the last run.

use leptos::prelude::*;
use skydraft_core::design::{GroupKind, Step, StepTarget};
use skydraft_core::edit::Command;

use super::Present;
use crate::run::RunState;
use crate::state::Editor;

/// The `<select>` value of "This view".
const VIEW: &str = "view";
/// The `<select>` value of "Whole design".
const WHOLE: &str = "whole";

/// The `<select>` value naming a target.
fn value_of(target: StepTarget) -> String {
    match target {
        StepTarget::Whole => WHOLE.to_owned(),
        StepTarget::Region(_) => VIEW.to_owned(),
        StepTarget::Frame(g) => format!("frame-{g}"),
    }
}

/// A frame's kind as the option names it.
fn kind_name(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Region => "Region",
        GroupKind::AvailabilityZone => "AZ",
        GroupKind::Vpc => "VPC",
    }
}

/// Replaces the step shown with `change` applied, then walks to it again so
/// the view fits what it now names.
fn change_step(editor: Editor, present: Present, change: impl FnOnce(&mut Step)) {
    let index = present.step.get_untracked();
    let Some(mut step) = editor
        .design
        .with_untracked(|d| d.steps.get(index).cloned())
    else {
        return;
    };
    change(&mut step);
    if editor.dispatch(&Command::SetStep { index, step }).is_some() {
        present.go(editor, index);
    }
}

/// The target a `<select>` value names; `None` for a frame that is gone.
fn target_of(editor: Editor, value: &str) -> Option<StepTarget> {
    match value {
        WHOLE => Some(StepTarget::Whole),
        VIEW => Some(StepTarget::Region(super::bar::visible_region(editor))),
        other => {
            let id = other.strip_prefix("frame-")?;
            editor.design.with_untracked(|d| {
                d.groups
                    .iter()
                    .find(|g| g.id.to_string() == id)
                    .map(|g| StepTarget::Frame(g.id))
            })
        }
    }
}

/// The replay moment a step would hold: the one shown, else the start of
/// the last run; `None` without a finished run.
fn moment_now(present: Present) -> Option<f64> {
    present
        .has_run_untracked()
        .then(|| present.run.moment.get_untracked().unwrap_or(0.0))
}

/// The step shown's target and held moment, editable.
#[component]
pub fn StepTargetControls() -> impl IntoView {
    let editor = Editor::get();
    let present = Present::get();
    let step = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.steps.get(present.step.get()).cloned())
    });
    let frames = Memo::new(move |_| {
        editor.design.with(|d| {
            d.groups
                .iter()
                .map(|g| {
                    (
                        format!("frame-{}", g.id),
                        format!("{} {}", kind_name(g.kind), g.label),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let selected = move || step.get().map(|s| value_of(s.target)).unwrap_or_default();
    let has_run = move || present.run.state.with(|s| matches!(s, RunState::Done(_)));
    let held = move || step.get().and_then(|s| s.moment);
    let on_hold = move |ev: web_sys::Event| {
        let on = event_target_checked(&ev);
        let moment = if on { moment_now(present) } else { None };
        if on && moment.is_none() {
            editor.notify(
                "Run the design first: a step holds a moment of the last run's replay.",
                crate::state::Tone::Error,
            );
        }
        change_step(editor, present, |s| s.moment = moment);
    };
    view! {
        <label class="present-target">
            <span>"Fits"</span>
            <select data-testid="present-step-target" aria-label="What this step fits"
                prop:value=selected
                on:change=move |ev| {
                    if let Some(t) = target_of(editor, &event_target_value(&ev)) {
                        change_step(editor, present, |s| s.target = t);
                    }
                }>
                <option value=VIEW selected=move || selected() == VIEW>"This view"</option>
                <option value=WHOLE selected=move || selected() == WHOLE>"Whole design"</option>
                <For each=move || frames.get() key=|f| f.clone() let:f>
                    {
                        let v = f.0.clone();
                        view! { <option value=f.0 selected=move || selected() == v>{f.1}</option> }
                    }
                </For>
            </select>
        </label>
        <label class="check present-hold" title="Walking to this step moves the replay to this moment">
            <input type="checkbox" data-testid="present-hold-moment"
                prop:checked=move || held().is_some() disabled=move || held().is_none() && !has_run()
                on:change=on_hold />
            {move || match held() {
                Some(t) => format!("Hold replay moment ({})", crate::run::text::dur(t)),
                None => "Hold replay moment".to_owned(),
            }}
        </label>
    }
}
