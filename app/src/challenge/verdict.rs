//! The verdict of the latest Run of a challenge: passed or not, each goal's
//! value against its limit with the margin and the worst run, and the reason
//! read from that run; a click on the reason shows that run in the replay
//! at that moment, with the component selected.

use std::sync::Arc;

use leptos::prelude::*;
use skydraft_core::challenge::GoalVerdict;
use skydraft_core::run::mmss;

use crate::run::{Judgement, RunCtx, RunState};
use crate::state::{Editor, Selection};

/// Shows goal `g`'s worst run at its reason's moment.
fn jump(editor: Editor, run: RunCtx, j: &Judgement, g: &GoalVerdict) {
    let Some(reason) = g.reason.as_ref() else {
        return;
    };
    if let Some(shown) = j.run_of(&g.worst.variant) {
        run.state.set(RunState::Done(shown));
    }
    run.moment
        .set(Some(reason.at_s.or(g.worst.at_s).unwrap_or(0.0)));
    if let Some(id) = reason.component {
        editor.selection.set(Selection::one(id));
    }
}

/// One goal's line.
fn goal_line(j: &Arc<Judgement>, g: &GoalVerdict, bonus: bool) -> impl IntoView + use<> {
    let editor = Editor::get();
    let run = expect_context::<RunCtx>();
    let worst = match g.worst.at_s {
        Some(t) => format!("Worst run: {}, at {}.", g.worst.variant.describe(), mmss(t)),
        None => format!("Worst run: {}.", g.worst.variant.describe()),
    };
    let reason = g.reason.clone().map(|r| {
        let (j, g) = (Arc::clone(j), g.clone());
        let at = r.at_s.map(|t| format!("{t}")).unwrap_or_default();
        view! {
            <button class="reason" data-testid="verdict-reason" data-at=at
                title="Show this moment of that run in the replay"
                on:click=move |_| jump(editor, run, &j, &g)>{r.text}</button>
        }
    });
    view! {
        <li class="verdict-goal" class:passed=g.passed class:bonus=bonus data-testid="verdict-goal" data-goal=g.id.clone()
            data-passed=g.passed.to_string() data-value=g.value.map(|v| format!("{v}")).unwrap_or_default()>
            <span class="mark" aria-hidden="true">{if g.passed { "✓" } else { "✗" }}</span>
            <div>
                <strong>{if bonus { format!("Bonus: {}", g.text) } else { g.text.clone() }}</strong>
                <span class="muted">{format!(" · {} · ", g.margin)}{worst}</span>
                {reason}
            </div>
        </li>
    }
}

/// The verdict panel; empty until a Run judged the attempt.
#[component]
pub fn VerdictView() -> impl IntoView {
    let run = expect_context::<RunCtx>();
    move || {
        run.judged.get().map(|j| {
            let v = &j.verdict;
            let met = v.goals.iter().filter(|g| g.passed).count();
            let summary = format!(
                "{met} of {} goals met in every run · {} points of {} · {} runs judged",
                v.goals.len(),
                v.points,
                v.max_points,
                v.runs
            );
            let heading = if v.passed { "Passed" } else { "Not passed yet" };
            let violations: Vec<String> = v.violations.iter().map(ToString::to_string).collect();
            let refused = v.refused.clone();
            let lines: Vec<_> = v
                .goals
                .iter()
                .map(|g| goal_line(&j, g, false))
                .chain(v.bonus.iter().map(|g| goal_line(&j, g, true)))
                .collect();
            view! {
                <section class="verdict" class:passed=v.passed data-testid="verdict" data-passed=v.passed.to_string()
                    data-points=v.points.to_string() role="status">
                    <h3>{heading}</h3>
                    <p class="muted">{summary}</p>
                    {(!violations.is_empty()).then(|| view! {
                        <ul class="violations" data-testid="violations">
                            {violations.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                        </ul>
                    })}
                    {refused.map(|r| view! { <p class="error">{format!("The design could not be run: {r}")}</p> })}
                    <ul class="verdict-goals">{lines}</ul>
                </section>
            }
        })
    }
}
