//! The reason a goal failed, read from the run: which component throttled,
//! went unhealthy or saturated first, and when; the errors' main cause; the
//! zone or region that was down.

use super::goal::{Goal, Metric};
use super::verdict::Reason;
use crate::catalog::Role;
use crate::design::{Component, ComponentId, Design};
use crate::run::{ComponentPoint, ErrorCause, Errors, Run, mmss};

/// Share of workers held from which a component counts as saturated.
const SATURATED: f64 = 0.9;

/// What went wrong in a component during one bucket.
#[derive(Debug, Clone, PartialEq)]
enum Symptom {
    Throttled(u64),
    NoHealthyTarget,
    LostInstances { from: u32, to: u32 },
    Failing(u64),
    Saturated(f64),
    Refusing(u64),
}

impl Symptom {
    /// Whether this symptom produces errors of `cause`.
    fn shows(&self, cause: ErrorCause) -> bool {
        matches!(
            (self, cause),
            (Symptom::Throttled(_), ErrorCause::Throttled)
                | (Symptom::NoHealthyTarget, ErrorCause::NoHealthyTarget)
                | (Symptom::LostInstances { .. }, ErrorCause::InstanceLost)
                | (Symptom::Refusing(_), ErrorCause::Rejected)
                | (Symptom::Failing(_), ErrorCause::Failed)
        )
    }

    fn words(&self) -> String {
        match self {
            Symptom::Throttled(n) => format!("throttled first ({n} requests refused with 429)"),
            Symptom::NoHealthyTarget => "had no healthy target first".to_owned(),
            Symptom::LostInstances { from, to } => {
                format!("went unhealthy first ({from} → {to} instances in service)")
            }
            Symptom::Failing(n) => format!("went unhealthy first ({n} requests failed in it)"),
            Symptom::Saturated(u) => {
                format!("saturated first ({:.0}% of its workers busy)", u * 100.0)
            }
            Symptom::Refusing(n) => format!("saturated first ({n} requests refused)"),
        }
    }
}

/// Why `goal` failed in `run`, looking from `from_s`; `at_s` is the moment
/// the measure pointed at.
pub(crate) fn explain(
    goal: &Goal,
    design: &Design,
    run: &Run,
    from_s: f64,
    at_s: Option<f64>,
) -> Reason {
    if matches!(goal.metric, Metric::CostPerHour | Metric::CostTotal) {
        return costliest(design, run);
    }
    let outage = outage_words(run, from_s);
    let cause = main_cause(run, from_s);
    // A goal on one cause of errors is explained by the first component that
    // showed that cause, when one did: a throttle goal by the throttler, not
    // by a busy backend behind it.
    // So is an error goal whose errors are mostly throttles: a throttle is
    // the component's own limit, which a busy service behind it does not
    // explain. Other errors are explained by their first symptom, the root
    // (an instance lost before its load balancer ran out of targets).
    let wanted = match goal.metric {
        Metric::ErrorRateBy { cause } => Some(cause.error_cause()),
        Metric::ErrorRate => top_cause(run, from_s)
            .map(|(c, ..)| c)
            .filter(|c| *c == ErrorCause::Throttled),
        _ => None,
    };
    let first = wanted
        .and_then(|c| first_symptom(design, run, from_s, |s| s.shows(c)))
        .or_else(|| first_symptom(design, run, from_s, |_| true));
    match first {
        Some((t, id, symptom)) => Reason {
            at_s: Some(t),
            component: Some(id),
            text: join(&[
                outage,
                Some(format!(
                    "{} {}, at {}",
                    label(design, run, id),
                    symptom.words(),
                    mmss(t)
                )),
                cause,
            ]),
        },
        None => Reason {
            at_s,
            component: None,
            text: join(&[
                outage,
                Some(format!(
                    "no component saturated, went unhealthy or throttled{}",
                    at_s.map_or_else(String::new, |t| format!("; worst at {}", mmss(t)))
                )),
                goal.metric
                    .is_latency()
                    .then(|| cold_starts(design, run))
                    .flatten(),
                cause,
            ]),
        },
    }
}

fn join(parts: &[Option<String>]) -> String {
    parts
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("; ")
}

/// The component's label, else its kind's name.
fn label(design: &Design, run: &Run, id: ComponentId) -> String {
    let from_run = run.component(id).map(|c| (c.label.trim(), c.kind.as_str()));
    let (label, kind) = from_run
        .or_else(|| {
            design
                .component(id)
                .map(|c| (c.label.trim(), c.kind.as_str()))
        })
        .unwrap_or(("", ""));
    if label.is_empty() {
        crate::catalog::kind(kind).map_or_else(|| id.to_string(), |k| k.name.to_owned())
    } else {
        label.to_owned()
    }
}

/// "us-east-1a was down from 1:00" for the first outage at or after `from_s`
/// (or still on then).
fn outage_words(run: &Run, from_s: f64) -> Option<String> {
    let o = run
        .outages
        .iter()
        .find(|o| o.start_s >= from_s - 1e-9 || o.covers(from_s))?;
    let what = match (&o.az, &o.region) {
        (Some(az), _) => az.clone(),
        (None, Some(r)) => format!("region {r}"),
        (None, None) => "every region".to_owned(),
    };
    Some(format!("{what} was down from {}", mmss(o.start_s)))
}

/// "most errors: Rejected: workers busy, queue full (82%)".
fn main_cause(run: &Run, from_s: f64) -> Option<String> {
    let (top, count, total) = top_cause(run, from_s)?;
    Some(format!(
        "most errors: {} ({:.0}% of {total})",
        top.label(run),
        100.0 * count as f64 / total as f64
    ))
}

/// The most frequent cause of errors from `from_s`, its count and the
/// errors' total; `None` without errors.
fn top_cause(run: &Run, from_s: f64) -> Option<(ErrorCause, u64, u64)> {
    let mut errors = Errors::default();
    for b in run
        .buckets
        .iter()
        .filter(|b| b.start_s + run.bucket_s > from_s)
    {
        errors.add(&b.errors);
    }
    let total = errors.total();
    let top = ErrorCause::ALL
        .iter()
        .copied()
        .max_by_key(|c| (c.count(&errors), std::cmp::Reverse(*c as u8)))?;
    (total > 0).then(|| (top, top.count(&errors), total))
}

/// The earliest bucket from `from_s` in which a component shows a symptom.
/// Within a bucket the cause is the component furthest downstream: a
/// caller fails because what it calls fails, not the other way round.
fn first_symptom(
    design: &Design,
    run: &Run,
    from_s: f64,
    wanted: impl Fn(&Symptom) -> bool,
) -> Option<(f64, ComponentId, Symptom)> {
    for (i, b) in run.buckets.iter().enumerate() {
        if b.start_s + run.bucket_s <= from_s {
            continue;
        }
        let found: Vec<(ComponentId, Symptom)> = run
            .series
            .iter()
            .filter_map(|s| {
                // The users' own failures are the errors themselves, not a cause.
                let role = design.component(s.id).and_then(Component::role)?;
                if role == Role::Source {
                    return None;
                }
                let p = s.points.get(i)?;
                let prev = i.checked_sub(1).and_then(|j| s.points.get(j));
                symptom(p, prev, role.throttles())
                    .filter(|sym| wanted(sym))
                    .map(|sym| (s.id, sym))
            })
            .collect();
        let downstream = |id: ComponentId| {
            !design
                .links_from(id)
                .any(|l| l.to != id && found.iter().any(|f| f.0 == l.to))
        };
        if let Some((id, sym)) = found
            .iter()
            .find(|f| downstream(f.0))
            .or(found.first())
            .cloned()
        {
            // A count read at the bucket's end changed by then; a rate
            // was seen from its start.
            let end = (b.start_s + run.bucket_s).min(run.duration_s);
            // Requests count in the bucket they arrived in: those an outage
            // at the bucket's end cut short failed then, not at its start.
            let outage_in_bucket = run
                .outages
                .iter()
                .map(|o| o.start_s)
                .find(|&t| t > b.start_s && t <= end);
            let at = match sym {
                Symptom::NoHealthyTarget | Symptom::LostInstances { .. } => end,
                Symptom::Failing(_) => outage_in_bucket.unwrap_or(b.start_s),
                _ => b.start_s,
            };
            return Some((at, id, sym));
        }
    }
    None
}

/// "Handler started 249 execution environments cold" for the functions
/// of a run that had cold starts after the warm-up.
fn cold_starts(design: &Design, run: &Run) -> Option<String> {
    let c = run
        .components
        .iter()
        .filter(|c| c.serverless.as_ref().is_some_and(|s| s.cold_starts > 0))
        .max_by_key(|c| c.serverless.as_ref().map_or(0, |s| s.cold_starts))?;
    let n = c.serverless.as_ref().map_or(0, |s| s.cold_starts);
    Some(format!(
        "{} started {n} execution environments cold",
        label(design, run, c.id)
    ))
}

fn symptom(p: &ComponentPoint, prev: Option<&ComponentPoint>, throttles: bool) -> Option<Symptom> {
    if throttles && p.rejections > 0 {
        return Some(Symptom::Throttled(p.rejections));
    }
    if let Some(prev) = prev {
        if prev.healthy_targets > 0 && p.healthy_targets == 0 {
            return Some(Symptom::NoHealthyTarget);
        }
        let (from, to) = (prev.instances.in_service, p.instances.in_service);
        if to < from && p.instances.pending + p.instances.draining < from - to {
            return Some(Symptom::LostInstances { from, to });
        }
    }
    if p.failures > 0 {
        return Some(Symptom::Failing(p.failures));
    }
    if p.rejections > 0 {
        return Some(Symptom::Refusing(p.rejections));
    }
    (p.utilization >= SATURATED).then_some(Symptom::Saturated(p.utilization))
}

/// The costliest component over the run.
fn costliest(design: &Design, run: &Run) -> Reason {
    let total = run.totals.cost_usd;
    match run
        .components
        .iter()
        .filter(|c| c.cost_usd > 0.0)
        .max_by(|a, b| a.cost_usd.total_cmp(&b.cost_usd))
    {
        Some(c) => Reason {
            at_s: None,
            component: Some(c.id),
            text: format!(
                "{} costs the most: ${:.3} of ${total:.3} over the run",
                label(design, run, c.id),
                c.cost_usd
            ),
        },
        None => Reason {
            at_s: None,
            component: None,
            text: format!("the run cost ${total:.3}"),
        },
    }
}
