//! A teacher's challenge from the current design: a title and a brief, the
//! goals picked with their values taken from the last run, the parts
//! locked; core's `challenge::author` makes the challenge, and its link is
//! copied and shown.

use leptos::prelude::*;
use skydraft_core::catalog::Role;
use skydraft_core::challenge::{self, Draft, Goal, Op, Unit, link};
use skydraft_core::design::ComponentId;

use super::ChallengeCtx;
use super::submit::{copy_text, page_link};
use crate::dialog::Modal;
use crate::run::RunCtx;
use crate::state::Editor;

/// One goal offered: picked or not, and its value as typed.
#[derive(Clone, Copy)]
struct Choice {
    index: usize,
    picked: RwSignal<bool>,
    value: RwSignal<String>,
}

/// A measured value as a limit the run meets, rounded outward.
fn limit_text(goal: &Goal, v: f64) -> String {
    let rounded = match goal.op {
        Op::AtMost => (v * 1000.0).ceil() / 1000.0,
        Op::AtLeast => (v * 1000.0).floor() / 1000.0,
    };
    format!("{rounded}")
}

/// The goals offered, values prefilled from the last run.
fn choices(goals: &[Goal]) -> Vec<Choice> {
    let editor = Editor::get();
    let run = expect_context::<RunCtx>();
    let last = run.state.with_untracked(|s| match s {
        crate::run::RunState::Done(r) => Some(std::sync::Arc::clone(r)),
        _ => None,
    });
    let scenario = editor.scenario.get_untracked();
    goals
        .iter()
        .enumerate()
        .map(|(index, g)| {
            let value = last
                .as_ref()
                .and_then(|r| challenge::value_from_run(g, r, &scenario))
                .map(|v| limit_text(g, v))
                .unwrap_or_default();
            Choice {
                index,
                picked: RwSignal::new(index < 2),
                value: RwSignal::new(value),
            }
        })
        .collect()
}

/// The goal rows.
#[component]
fn GoalRows(
    /// The goals offered.
    goals: Vec<Goal>,
    /// Whether each is picked, and its value.
    rows: Vec<Choice>,
) -> impl IntoView {
    rows.into_iter()
        .map(|c| {
            let g = &goals[c.index];
            let label = format!("{} {}", g.metric.name(), g.op.sign(true));
            let unit = match g.metric.unit() {
                Unit::Percent => "%",
                Unit::Ms => "ms",
                Unit::Seconds => "s",
                Unit::Usd => "USD",
                Unit::UsdPerHour => "USD/h",
                Unit::Count => "",
            };
            let id = g.id.clone();
            view! {
                <div class="author-goal" data-goal=id.clone()>
                    <label class="check">
                        <input type="checkbox" data-testid="author-goal" prop:checked=move || c.picked.get()
                            on:change=move |ev| c.picked.set(event_target_checked(&ev)) />
                        {label}
                    </label>
                    <input type="number" step="any" data-testid="author-value" aria-label=format!("Limit of {id}")
                        prop:value=move || c.value.get() on:input=move |ev| c.value.set(event_target_value(&ev)) />
                    <span class="muted">{unit}</span>
                </div>
            }
        })
        .collect_view()
}

/// The parts a teacher may lock.
#[component]
fn LockRows(
    /// Whether the traffic is fixed.
    lock_traffic: RwSignal<bool>,
    /// Each component with whether it is locked.
    comps: Vec<(ComponentId, String, RwSignal<bool>)>,
) -> impl IntoView {
    view! {
        <h3>"Locked parts"</h3>
        <label class="check"><input type="checkbox" data-testid="author-lock-traffic" prop:checked=move || lock_traffic.get()
            on:change=move |ev| lock_traffic.set(event_target_checked(&ev)) />"Fix the traffic (Users)"</label>
        {comps.into_iter().map(|(id, label, on)| view! {
            <label class="check"><input type="checkbox" data-testid="author-lock" data-component-id=id.to_string()
                prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev)) />{label}</label>
        }).collect_view()}
    }
}

/// The dialog's body, made each time it opens.
#[component]
fn AuthorBody() -> impl IntoView {
    let editor = Editor::get();
    let goals = challenge::goal_choices();
    let rows = choices(&goals);
    let has_run = rows.iter().any(|c| !c.value.get_untracked().is_empty());
    let title = RwSignal::new(String::new());
    let brief = RwSignal::new(String::new());
    let lock_traffic = RwSignal::new(true);
    let comps: Vec<(ComponentId, String, RwSignal<bool>)> = editor.design.with_untracked(|d| {
        d.components
            .iter()
            .filter(|x| x.role() != Some(Role::Layout))
            .map(|x| (x.id, x.label.clone(), RwSignal::new(false)))
            .collect()
    });
    let made = RwSignal::new(None::<Result<String, String>>);
    let locks = comps.clone();
    let (goals_shown, rows_shown) = (goals.clone(), rows.clone());
    let make = move || {
        let picked: Result<Vec<Goal>, String> = rows
            .iter()
            .filter(|c| c.picked.get_untracked())
            .map(|c| {
                let mut g = goals[c.index].clone();
                g.value = c.value.get_untracked().trim().parse().map_err(|_| {
                    format!("The limit of \"{}\" is not a number.", g.metric.name())
                })?;
                Ok(g)
            })
            .collect();
        let out = picked.and_then(|goals| {
            let draft = Draft {
                title: title.get_untracked(),
                brief: brief.get_untracked(),
                start: editor.design.get_untracked(),
                scenario: editor.scenario.get_untracked(),
                goals,
                locked: locks
                    .iter()
                    .filter(|l| l.2.get_untracked())
                    .map(|l| l.0)
                    .collect(),
                lock_traffic: lock_traffic.get_untracked(),
            };
            challenge::author(draft).map_err(|e| format!("The challenge cannot be made: {e}."))
        });
        let out = out.map(|c| page_link(&link::encode(&c, None, None)));
        if let Ok(l) = &out {
            copy_text(
                editor,
                l,
                "Challenge link copied: students who open it attempt this challenge.",
            );
        }
        made.set(Some(out));
    };
    view! {
        <label class="field-row"><span>"Title"</span>
            <input type="text" data-testid="author-title" maxlength="80" prop:value=move || title.get()
                on:input=move |ev| title.set(event_target_value(&ev)) /></label>
        <label class="field-row"><span>"Brief (a blank line between paragraphs)"</span>
            <textarea data-testid="author-brief" rows="3" prop:value=move || brief.get()
                on:input=move |ev| brief.set(event_target_value(&ev)) /></label>
        <h3>"Goals"</h3>
        <p class="muted">{if has_run { "Values are taken from the last run; change them to set the bar." } else { "Run the design first to take the values from its run, or type them." }}</p>
        <GoalRows goals=goals_shown rows=rows_shown />
        <LockRows lock_traffic comps />
        <div class="dialog-actions">
            <button class="btn primary" data-testid="author-copy" on:click=move |_| make()>"Copy the challenge link"</button>
        </div>
        {move || made.get().map(|r| match r {
            Ok(l) => view! { <label class="field-row"><span>"Challenge link"</span>
                <input type="text" readonly data-testid="author-link" prop:value=l /></label> }.into_any(),
            Err(e) => view! { <p class="error" role="alert" data-testid="author-error">{e}</p> }.into_any(),
        })}
    }
}

/// The teacher's dialog.
#[component]
pub fn AuthorDialog() -> impl IntoView {
    let ctx = ChallengeCtx::get();
    view! {
        <Modal open=ctx.author_open label="Make a challenge" testid="author-dialog">
            <header class="modal-head">
                <h2>"Make a challenge from this design"</h2>
                <button class="btn icon" aria-label="Close" on:click=move |_| ctx.author_open.set(false)>"×"</button>
            </header>
            <AuthorBody />
        </Modal>
    }
}
