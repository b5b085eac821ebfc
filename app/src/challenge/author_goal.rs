//! One goal row of the teacher's dialog: picked or not, its limit, over
//! which part of the run it is taken (the whole run after the warm-up, the
//! worst bucket with some buckets allowed over, after the zone loss or a
//! timeline event), and whether it is for extra credit.

use leptos::prelude::*;
use skydraft_core::challenge::{Aggregation, EventRef, Goal, Unit};

/// The `<select>` value of the whole run after the warm-up.
const WARMUP: &str = "warmup";
/// The `<select>` value of the worst bucket.
const WORST: &str = "worst";
/// The `<select>` value of "after the zone loss".
const AZ: &str = "az";

/// One goal offered: picked or not, its value as typed, its window, bonus.
#[derive(Clone, Copy)]
pub(super) struct Choice {
    /// Index into the goals offered.
    pub index: usize,
    /// Whether the goal is part of the challenge.
    pub picked: RwSignal<bool>,
    /// The limit as typed.
    pub value: RwSignal<String>,
    /// The window's `<select>` value.
    pub over: RwSignal<String>,
    /// Buckets allowed over the limit (worst bucket), as typed.
    pub allowed: RwSignal<String>,
    /// Whether the goal is for extra credit only.
    pub bonus: RwSignal<bool>,
}

impl Choice {
    /// A goal offered with its prefilled value, picked when `picked`.
    pub fn new(index: usize, value: String, picked: bool) -> Self {
        Choice {
            index,
            picked: RwSignal::new(picked),
            value: RwSignal::new(value),
            over: RwSignal::new(WARMUP.to_owned()),
            allowed: RwSignal::new("0".to_owned()),
            bonus: RwSignal::new(false),
        }
    }

    /// The goal as set: its value and window, or why not.
    pub fn goal(&self, offered: &Goal) -> Result<Goal, String> {
        let name = offered.metric.name();
        let mut g = offered.clone();
        g.value = self
            .value
            .get_untracked()
            .trim()
            .parse()
            .map_err(|_| format!("The limit of \"{name}\" is not a number."))?;
        g.over = match self.over.get_untracked().as_str() {
            WORST => Aggregation::WorstBucket {
                allowed_over: self.allowed.get_untracked().trim().parse().map_err(|_| {
                    format!("The buckets allowed over for \"{name}\" is not a whole number.")
                })?,
            },
            AZ => Aggregation::AfterEvent {
                event: EventRef::AzLoss,
            },
            other => match other.strip_prefix("event-").and_then(|i| i.parse().ok()) {
                Some(index) => Aggregation::AfterEvent {
                    event: EventRef::Timeline { index },
                },
                None => Aggregation::AfterWarmup,
            },
        };
        Ok(g)
    }
}

/// The unit a limit is typed in.
fn unit_text(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "%",
        Unit::Ms => "ms",
        Unit::Seconds => "s",
        Unit::Usd => "USD",
        Unit::UsdPerHour => "USD/h",
        Unit::Count => "",
    }
}

/// One goal's row.
#[component]
pub(super) fn GoalRow(
    /// The goal offered.
    goal: Goal,
    /// Its settings.
    c: Choice,
    /// The scenario's timeline events, `(select value, label)`.
    events: Vec<(String, String)>,
) -> impl IntoView {
    let label = format!("{} {}", goal.metric.name(), goal.op.sign(true));
    let id = goal.id.clone();
    let name = goal.metric.name();
    view! {
        <div class="author-goal" data-goal=id.clone()>
            <label class="check">
                <input type="checkbox" data-testid="author-goal" prop:checked=move || c.picked.get()
                    on:change=move |ev| c.picked.set(event_target_checked(&ev)) />
                {label}
            </label>
            <input type="number" step="any" data-testid="author-value" aria-label=format!("Limit of {id}")
                value=c.value.get_untracked() on:input=move |ev| c.value.set(event_target_value(&ev)) />
            <span class="muted">{unit_text(goal.metric.unit())}</span>
            <Show when=move || c.picked.get()>
                <select data-testid="author-over" aria-label=format!("Over which part of the run {name} is taken")
                    prop:value=move || c.over.get() on:change=move |ev| c.over.set(event_target_value(&ev))>
                    <option value=WARMUP>"whole run after warm-up"</option>
                    <option value=WORST>"worst bucket"</option>
                    <option value=AZ>"after the zone loss"</option>
                    {events.iter().map(|(v, l)| view! { <option value=v.clone()>{l.clone()}</option> }).collect_view()}
                </select>
                <Show when=move || c.over.get() == WORST>
                    <label class="author-allowed"><span>"buckets allowed over"</span>
                        <input type="number" min="0" step="1" data-testid="author-allowed"
                            value=c.allowed.get_untracked() on:input=move |ev| c.allowed.set(event_target_value(&ev)) />
                    </label>
                </Show>
                <label class="check"><input type="checkbox" data-testid="author-bonus" prop:checked=move || c.bonus.get()
                    on:change=move |ev| c.bonus.set(event_target_checked(&ev)) />"bonus"</label>
            </Show>
        </div>
    }
}
