//! Judging: every variant of a challenge run against the submitted design,
//! each goal measured in every run, the worst run kept with its reason.

use super::check::{ChallengeError, Violation, check_challenge, check_design};
use super::goal::{Aggregation, EventRef, Goal, Op};
use super::measure::{Measured, measure};
use super::reason::explain;
use super::record::Challenge;
use super::verdict::{GoalVerdict, Variant, Verdict, WorstRun};
use crate::design::Design;
use crate::run::Run;
use crate::scenario::{Event, Scenario, TimedEvent};
use crate::sim::{self, SimError};

/// Every run a challenge asks for: each seed, and with "each AZ in turn"
/// each seed once per zone.
#[must_use]
pub fn variants(c: &Challenge) -> Vec<Variant> {
    let seeds = if c.variants.seeds.is_empty() {
        vec![c.scenario.seed]
    } else {
        c.variants.seeds.clone()
    };
    let azs: Vec<Option<String>> = match &c.variants.each_az {
        Some(loss) => loss.azs.iter().cloned().map(Some).collect(),
        None => vec![None],
    };
    seeds
        .iter()
        .flat_map(|&seed| {
            azs.iter().map(move |az| Variant {
                seed,
                az: az.clone(),
            })
        })
        .collect()
}

/// The scenario of one run: the challenge's, with the variant's seed and,
/// when it loses a zone, that zone's outage added to the timeline.
#[must_use]
pub fn scenario_of(c: &Challenge, v: &Variant) -> Scenario {
    let mut s = c.scenario.clone();
    s.seed = v.seed;
    if let (Some(az), Some(loss)) = (&v.az, &c.variants.each_az) {
        s.timeline.push(TimedEvent {
            at_s: loss.at_s,
            event: Event::AzOutage {
                az: az.clone(),
                duration_s: loss.duration_s,
            },
        });
    }
    s
}

/// Judges `design` against every variant of `c`, running them one after
/// the other (the command line runs many designs at once instead).
///
/// # Errors
/// A [`ChallengeError`] when the challenge itself cannot be judged.
pub fn judge(c: &Challenge, design: &Design) -> Result<Verdict, ChallengeError> {
    check_challenge(c)?;
    let runs: Vec<(Variant, Result<Run, SimError>)> = variants(c)
        .into_iter()
        .map(|v| {
            let run = sim::run(design, &scenario_of(c, &v));
            (v, run)
        })
        .collect();
    Ok(verdict_from_runs(c, design, &runs))
}

/// The verdict from runs already made, one per variant (in the order of
/// [`variants`]): the page runs them in its worker and judges here.
#[must_use]
pub fn verdict_from_runs(
    c: &Challenge,
    design: &Design,
    runs: &[(Variant, Result<Run, SimError>)],
) -> Verdict {
    let mut violations = check_design(c, design);
    let refused = runs
        .iter()
        .find_map(|(_, r)| r.as_ref().err())
        .map(ToString::to_string);
    if let (Some(budget), Some((_, Ok(run)))) = (c.constraints.budget_per_hour, runs.first())
        && let Some(per_hour) = cost_per_hour(run, c.scenario.warmup_s)
        && per_hour > budget
    {
        violations.push(Violation::OverBudget { per_hour, budget });
    }
    let ok: Vec<(&Variant, &Run)> = runs
        .iter()
        .filter_map(|(v, r)| r.as_ref().ok().map(|r| (v, r)))
        .collect();
    let judge_all = |goals: &[Goal]| -> Vec<GoalVerdict> {
        goals
            .iter()
            .map(|g| judge_goal(c, design, g, &ok, refused.as_deref()))
            .collect()
    };
    let goals = judge_all(&c.goals);
    let bonus = judge_all(&c.bonus);
    let usable = violations.is_empty() && refused.is_none();
    let points_of = |v: &[GoalVerdict], goals: &[Goal]| -> u32 {
        v.iter()
            .zip(goals)
            .filter(|(v, _)| v.passed && usable)
            .map(|(_, g)| g.points)
            .sum()
    };
    Verdict {
        challenge: c.id.clone(),
        passed: usable && goals.iter().all(|g| g.passed),
        points: points_of(&goals, &c.goals),
        max_points: c.goals.iter().map(|g| g.points).sum(),
        bonus_points: points_of(&bonus, &c.bonus),
        violations,
        refused,
        goals,
        bonus,
        runs: u32::try_from(runs.len()).unwrap_or(u32::MAX),
    }
}

/// The mean cost rate after the warm-up, USD per hour.
fn cost_per_hour(run: &Run, warmup_s: f64) -> Option<f64> {
    let hours = (run.duration_s - warmup_s) / 3600.0;
    (hours > 0.0).then(|| run.totals.cost_usd / hours)
}

/// When the event a goal is measured after happened in a run.
fn event_s(c: &Challenge, g: &Goal, v: &Variant) -> Option<f64> {
    match g.over {
        Aggregation::AfterEvent {
            event: EventRef::Timeline { index },
        } => c.scenario.timeline.get(index as usize).map(|e| e.at_s),
        Aggregation::AfterEvent {
            event: EventRef::AzLoss,
        } => {
            v.az.as_ref()
                .and(c.variants.each_az.as_ref())
                .map(|l| l.at_s)
        }
        _ => None,
    }
}

fn judge_goal(
    c: &Challenge,
    design: &Design,
    g: &Goal,
    runs: &[(&Variant, &Run)],
    refused: Option<&str>,
) -> GoalVerdict {
    let warmup_s = c.scenario.warmup_s;
    let measured: Vec<(&Variant, &Run, Measured)> = runs
        .iter()
        .map(|&(v, r)| (v, r, measure(g, r, warmup_s, event_s(c, g, v))))
        .collect();
    // The worst run: a miss before a pass, then the worse value.
    let worst = measured
        .iter()
        .fold(None::<&(&Variant, &Run, Measured)>, |w, m| match w {
            None => Some(m),
            Some(w)
                if (w.2.met && !m.2.met)
                    || (w.2.met == m.2.met && g.op.worse(m.2.value, w.2.value)) =>
            {
                Some(m)
            }
            keep => keep,
        });
    let passed = refused.is_none() && !measured.is_empty() && measured.iter().all(|m| m.2.met);
    let value = worst.and_then(|w| w.2.value);
    let (text, margin) = words(g, value, worst.is_some_and(|w| w.2.met));
    let reason = match (refused, worst) {
        (Some(why), _) => Some(super::verdict::Reason {
            at_s: None,
            component: None,
            text: format!("the design could not be run: {why}"),
        }),
        (None, Some((v, run, m))) if !passed => {
            let from_s = event_s(c, g, v).unwrap_or(warmup_s).max(warmup_s);
            Some(explain(g, design, run, from_s, m.at_s))
        }
        _ => None,
    };
    GoalVerdict {
        id: g.id.clone(),
        metric: g.metric,
        op: g.op,
        limit: g.value,
        passed,
        value,
        text,
        margin,
        worst: WorstRun {
            variant: worst.map_or_else(
                || {
                    variants(c)
                        .into_iter()
                        .next()
                        .unwrap_or(Variant { seed: 0, az: None })
                },
                |w| w.0.clone(),
            ),
            at_s: worst.and_then(|w| w.2.at_s),
        },
        reason,
    }
}

/// "p99 187 ms ≤ 200 ms" and "13 ms to spare" for a measured value.
fn words(g: &Goal, value: Option<f64>, met: bool) -> (String, String) {
    let unit = g.metric.unit();
    let limit = unit.format(g.value);
    let name = g.metric.name();
    let shown = match value {
        Some(v) => unit.format(v),
        None if g.metric.is_latency() => {
            "beyond every completed request (too many failed)".to_owned()
        }
        None => "never (not by the end of the run)".to_owned(),
    };
    let text = format!("{name} {shown} {} {limit}", g.op.sign(met));
    let margin = match value {
        Some(v) => {
            let room = match g.op {
                Op::AtMost => g.value - v,
                Op::AtLeast => v - g.value,
            };
            if room >= 0.0 {
                format!("{} to spare", unit.format(room))
            } else {
                format!(
                    "{} {}",
                    unit.format(-room),
                    if g.op == Op::AtMost { "over" } else { "short" }
                )
            }
        }
        None => "no margin".to_owned(),
    };
    (text, margin)
}
