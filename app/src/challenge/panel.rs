//! The challenge being attempted, above the canvas: its brief, goals,
//! locked parts and scenario, Run (which judges), the verdict, the hints
//! earned by failed attempts, Submit and Leave.

use leptos::prelude::*;
use skydraft_core::challenge::{Aggregation, Challenge, EventRef, Goal, locked_ids};
use skydraft_core::run::mmss;

use super::verdict::VerdictView;
use super::{ATTEMPT_PREFIX, ChallengeCtx, storage};
use crate::library::LibCtx;
use crate::run::RunCtx;
use crate::state::{Editor, Tone};

/// A goal in words: "error rate ≤ 3% after the warm-up".
#[must_use]
pub fn goal_text(c: &Challenge, g: &Goal) -> String {
    let over = match g.over {
        Aggregation::AfterWarmup => "after the warm-up".to_owned(),
        Aggregation::WorstBucket { allowed_over: 0 } => "in every bucket".to_owned(),
        Aggregation::WorstBucket { allowed_over } => {
            format!("in every bucket but {allowed_over}")
        }
        Aggregation::AfterEvent {
            event: EventRef::AzLoss,
        } => "after the zone is lost".to_owned(),
        Aggregation::AfterEvent {
            event: EventRef::Timeline { index },
        } => c.scenario.timeline.get(index as usize).map_or_else(
            || "after an event".to_owned(),
            |e| format!("after the event at {}", mmss(e.at_s)),
        ),
    };
    format!(
        "{} {} {} {over}",
        g.metric.name(),
        g.op.sign(true),
        g.metric.unit().format(g.value)
    )
}

/// "Locked: Users, Web tier; the traffic is fixed."
fn locks_text(c: &Challenge) -> Option<String> {
    let labels: Vec<String> = locked_ids(c)
        .iter()
        .filter_map(|id| c.start.component(*id).map(|x| x.label.clone()))
        .collect();
    if labels.is_empty() {
        return None;
    }
    let traffic = if c.locked.traffic {
        "; the traffic is fixed"
    } else {
        ""
    };
    Some(format!(
        "Locked (marked with a lock): {}{traffic}.",
        labels.join(", ")
    ))
}

/// The runs a challenge makes, in words.
fn runs_text(c: &Challenge) -> String {
    let n = skydraft_core::challenge::variants(c).len();
    let az = if c.variants.each_az.is_some() {
        ", each losing one zone in turn"
    } else {
        ""
    };
    format!(
        "Run judges {n} run{} of {}{az} against the challenge's own scenario (read-only in the Scenario tab).",
        if n == 1 { "" } else { "s" },
        crate::run::text::dur(c.scenario.duration_s)
    )
}

/// The hints earned so far.
#[component]
fn Hints(
    /// The challenge.
    challenge: std::sync::Arc<Challenge>,
) -> impl IntoView {
    let ctx = ChallengeCtx::get();
    let run = expect_context::<RunCtx>();
    move || {
        let failures = ctx.failures.get();
        let failed: Vec<String> = run.judged.with(|j| match j {
            Some(j) => j
                .verdict
                .failed_goals()
                .iter()
                .map(|g| (*g).to_owned())
                .collect(),
            None => challenge.goals.iter().map(|g| g.id.clone()).collect(),
        });
        let names: Vec<&str> = failed.iter().map(String::as_str).collect();
        let hints: Vec<String> = challenge
            .hints_for(failures, &names)
            .into_iter()
            .map(|h| h.text.clone())
            .collect();
        let next = challenge
            .hints
            .iter()
            .map(|h| h.after_failures)
            .filter(|n| *n > failures)
            .min();
        view! {
            <section class="hints" data-testid="hints" data-failures=failures.to_string()>
                <h3>{format!("Hints ({failures} failed attempt{} here)", if failures == 1 { "" } else { "s" })}</h3>
                {hints.into_iter().map(|h| view! { <p class="hint" data-testid="hint">{h}</p> }).collect_view()}
                {next.map(|n| view! { <p class="muted">{format!("Another hint after {n} failed attempts.")}</p> })}
            </section>
        }
    }
}

/// The challenge panel; empty while no challenge is attempted.
#[component]
pub fn ChallengePanel() -> impl IntoView {
    let editor = Editor::get();
    let run = expect_context::<RunCtx>();
    let ctx = ChallengeCtx::get();
    let lib_ctx = LibCtx::get();
    let expanded = RwSignal::new(true);
    // A judgement folds the panel to its one-line summary: the canvas and
    // the results drawer get the room, and the toggle unfolds it again.
    Effect::new(move |_| {
        if run.judged.with(Option::is_some) {
            expanded.set(false);
        }
    });
    let leave = move || {
        if let (Some(s), Some(open)) = (storage(), lib_ctx.open.get_untracked()) {
            let _ = s.remove_item(&format!("{ATTEMPT_PREFIX}{}", open.id));
        }
        run.judged.set(None);
        editor.challenge.set(None);
        editor.notify(
            "You left the challenge; the design stays in My designs.",
            Tone::Info,
        );
    };
    move || {
        editor.challenge.get().map(|c| {
            let brief = c.brief.clone();
            let goals: Vec<(String, String)> = c.goals.iter().map(|g| (g.id.clone(), goal_text(&c, g))).collect();
            let bonus: Vec<String> = c.bonus.iter().map(|g| goal_text(&c, g)).collect();
            view! {
                <aside class="challenge-panel" data-testid="challenge-panel" data-challenge=c.id.clone() aria-label="Challenge">
                    <header class="challenge-head">
                        <h2 data-testid="challenge-title" title=c.title.clone()>{c.title.clone()}</h2>
                        {move || run.judged.with(|j| j.as_ref().map(|j| view! {
                            <span class="challenge-summary" class:passed=j.verdict.passed data-testid="challenge-summary"
                                data-passed=j.verdict.passed.to_string()>
                                <span class="mark" aria-hidden="true">{if j.verdict.passed { "✓" } else { "✗" }}</span>
                                <span class="visually-hidden">{format!("{}: ", j.verdict.outcome())}</span>
                                {j.verdict.met_line()}
                            </span>
                        }))}
                        <span class="grow" />
                        <button class="btn primary" data-testid="challenge-run" disabled=move || run.running()
                            on:click=move |_| run.start(editor)>"Run and judge"</button>
                        <button class="btn" data-testid="submit-open" on:click=move |_| ctx.submit_open.set(true)>"Submit"</button>
                        <button class="btn ghost" data-testid="challenge-toggle" aria-expanded=move || expanded.get().to_string()
                            aria-controls="challenge-body" on:click=move |_| expanded.update(|e| *e = !*e)>
                            {move || if expanded.get() { "Hide details" } else { "Show details" }}
                        </button>
                        <button class="btn ghost" data-testid="challenge-leave" on:click=move |_| leave()>"Leave"</button>
                    </header>
                    <div class="challenge-body" id="challenge-body" hidden=move || !expanded.get()>
                        <div class="brief" data-testid="challenge-brief">
                            {brief.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                        </div>
                        <h3>"Goals"</h3>
                        <ul class="goals" data-testid="challenge-goals">
                            {goals.into_iter().map(|(id, t)| view! { <li data-goal=id>{t}</li> }).collect_view()}
                            {bonus.into_iter().map(|t| view! { <li class="bonus">{format!("Bonus: {t}")}</li> }).collect_view()}
                        </ul>
                        {locks_text(&c).map(|t| view! { <p class="locks" data-testid="challenge-locks">{t}</p> })}
                        <p class="muted">{runs_text(&c)}</p>
                        <VerdictView />
                        <Hints challenge=c.clone() />
                    </div>
                </aside>
            }
        })
    }
}
