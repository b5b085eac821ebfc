//! A teacher's challenge from the current design: a title and a brief, the
//! goals picked with their values taken from the last run, each over its
//! window and some for extra credit ([`super::author_goal`]), the runs
//! (seeds, each AZ in turn), hints after failed attempts, the parts locked;
//! core's `challenge::author` makes the challenge, and its link is copied
//! and shown.

use leptos::prelude::*;
use skydraft_core::catalog::Role;
use skydraft_core::challenge::{self, Draft, Goal, Op, link};
use skydraft_core::design::ComponentId;

use super::ChallengeCtx;
use super::author_goal::{Choice, GoalRow};
use super::submit::{copy_text, page_link};
use crate::dialog::Modal;
use crate::run::RunCtx;
use crate::state::Editor;

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
            Choice::new(index, value, index < 2)
        })
        .collect()
}

/// The scenario's timeline events as windows a goal may take: "after
/// event N (kind, at m:ss)".
fn event_windows(editor: Editor) -> Vec<(String, String)> {
    editor.scenario.with_untracked(|s| {
        s.timeline
            .iter()
            .enumerate()
            .map(|(i, e)| {
                (
                    format!("event-{i}"),
                    format!(
                        "after event {}: {} at {}",
                        i + 1,
                        e.event.kind().name,
                        crate::run::text::dur(e.at_s)
                    ),
                )
            })
            .collect()
    })
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

/// What the dialog holds besides the goals and locks: the variants and
/// the hints, as typed.
#[derive(Clone, Copy)]
struct Extras {
    seeds: RwSignal<String>,
    each_az: RwSignal<bool>,
    hints: RwSignal<String>,
    hints_after: RwSignal<String>,
}

/// The variants and hints rows.
#[component]
fn ExtraRows(
    /// What they set.
    x: Extras,
) -> impl IntoView {
    view! {
        <h3>"Runs"</h3>
        <div class="author-runs">
            <label class="field-row inline"><span>"Seeds"</span>
                <input type="number" min="1" max=challenge::MAX_SEEDS.to_string() step="1" data-testid="author-seeds"
                    value=x.seeds.get_untracked() on:input=move |ev| x.seeds.set(event_target_value(&ev)) /></label>
            <label class="check"><input type="checkbox" data-testid="author-each-az" prop:checked=move || x.each_az.get()
                on:change=move |ev| x.each_az.set(event_target_checked(&ev)) />"Each AZ in turn (every seed once per zone lost)"</label>
        </div>
        <h3>"Hints"</h3>
        <label class="field-row"><span>"One hint per line"</span>
            <textarea data-testid="author-hints" rows="3" prop:value=move || x.hints.get()
                on:input=move |ev| x.hints.set(event_target_value(&ev)) /></label>
        <label class="field-row inline"><span>"Show them after this many failed attempts"</span>
            <input type="number" min="0" step="1" data-testid="author-hints-after"
                value=x.hints_after.get_untracked() on:input=move |ev| x.hints_after.set(event_target_value(&ev)) /></label>
    }
}

/// A whole number typed into `field`, or the sentence saying it is not.
fn whole(text: &str, field: &str) -> Result<u32, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("\"{field}\" is not a whole number."))
}

/// The draft the dialog describes, or the first thing wrong in it.
fn draft_of(
    editor: Editor,
    (goals, rows): (&[Goal], &[Choice]),
    (title, brief): (String, String),
    locked: Vec<ComponentId>,
    lock_traffic: bool,
    x: Extras,
) -> Result<Draft, String> {
    let mut required = Vec::new();
    let mut bonus = Vec::new();
    for c in rows.iter().filter(|c| c.picked.get_untracked()) {
        let g = c.goal(&goals[c.index])?;
        if c.bonus.get_untracked() {
            bonus.push(g);
        } else {
            required.push(g);
        }
    }
    Ok(Draft {
        title,
        brief,
        start: editor.design.get_untracked(),
        scenario: editor.scenario.get_untracked(),
        goals: required,
        locked,
        lock_traffic,
        bonus,
        seeds: whole(&x.seeds.get_untracked(), "Seeds")?,
        each_az: x.each_az.get_untracked(),
        hints: x.hints.get_untracked(),
        hints_after: whole(&x.hints_after.get_untracked(), "Show them after")?,
    })
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
    let x = Extras {
        seeds: RwSignal::new("1".to_owned()),
        each_az: RwSignal::new(false),
        hints: RwSignal::new(String::new()),
        hints_after: RwSignal::new("1".to_owned()),
    };
    let comps: Vec<(ComponentId, String, RwSignal<bool>)> = editor.design.with_untracked(|d| {
        d.components
            .iter()
            .filter(|x| x.role() != Some(Role::Layout))
            .map(|x| (x.id, x.label.clone(), RwSignal::new(false)))
            .collect()
    });
    let made = RwSignal::new(None::<Result<String, String>>);
    let locks = comps.clone();
    let events = event_windows(editor);
    let shown: Vec<_> = rows.iter().map(|c| (goals[c.index].clone(), *c)).collect();
    let make = move || {
        let locked = locks
            .iter()
            .filter(|l| l.2.get_untracked())
            .map(|l| l.0)
            .collect();
        let texts = (title.get_untracked(), brief.get_untracked());
        let out = draft_of(
            editor,
            (&goals, &rows),
            texts,
            locked,
            lock_traffic.get_untracked(),
            x,
        )
        .and_then(|d| {
            challenge::author(d).map_err(|e| format!("The challenge cannot be made: {e}."))
        })
        .map(|c| page_link(&link::encode(&c, None, None)));
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
        {shown.into_iter().map(|(goal, c)| view! { <GoalRow goal c events=events.clone() /> }).collect_view()}
        <ExtraRows x />
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
