//! Reading one design's row of the comparison from its three runs.

use super::{Case, Job, Outcome, Row};
use crate::challenge::Metric;
use crate::challenge::measure::{recovery, value};
use crate::run::Run;
use crate::scenario::{Event, Scenario, Shape};

/// Error rate, percent, under which a design counts as recovered.
const RECOVERED_BELOW_PCT: f64 = 1.0;

/// The row of the design called `name` from its jobs and their outcomes
/// (any order; a case missing from `runs` leaves its figures empty).
#[must_use]
pub fn row(name: &str, runs: &[(&Job, &Outcome)]) -> Row {
    let mut r = Row {
        name: name.to_owned(),
        ..Row::default()
    };
    for (job, outcome) in runs {
        let scenario = match &job.input {
            Ok((_, sc)) => sc,
            Err(why) => {
                r.notes.push(format!("{}: {why}", case_name(job.case)));
                continue;
            }
        };
        let run = match outcome {
            Ok(run) => run,
            Err(why) => {
                r.notes.push(format!("{}: {why}", case_name(job.case)));
                continue;
            }
        };
        match job.case {
            Case::Base => base(&mut r, run),
            Case::AzOutage => outage(&mut r, run, scenario),
            Case::Spike => spike(&mut r, run, scenario),
        }
    }
    r
}

/// The case's name in a note.
fn case_name(case: Case) -> &'static str {
    match case {
        Case::Base => "base workload",
        Case::AzOutage => "AZ outage",
        Case::Spike => "spike",
    }
}

/// Buckets of `run` overlapping `[from_s, to_s)`.
fn window(run: &Run, from_s: f64, to_s: f64) -> Vec<usize> {
    (0..run.buckets.len())
        .filter(|&i| {
            let s = run.buckets[i].start_s;
            s + run.bucket_s > from_s + 1e-9 && s < to_s - 1e-9
        })
        .collect()
}

fn base(r: &mut Row, run: &Run) {
    let all: Vec<usize> = (0..run.buckets.len()).collect();
    r.cost_per_hour = value(Metric::CostPerHour, run, &all);
    r.p50_ms = value(Metric::LatencyP50, run, &all);
    r.p99_ms = value(Metric::LatencyP99, run, &all);
    r.error_pct = value(Metric::ErrorRate, run, &all);
    r.cold_starts = Some(
        run.components
            .iter()
            .filter_map(|c| c.serverless.as_ref())
            .map(|s| s.cold_starts)
            .sum(),
    );
}

fn outage(r: &mut Row, run: &Run, sc: &Scenario) {
    let Some((start, end)) = sc.timeline.iter().find_map(|e| match &e.event {
        Event::AzOutage { duration_s, .. } => {
            Some((e.at_s, e.at_s + duration_s.unwrap_or(run.duration_s)))
        }
        _ => None,
    }) else {
        r.notes
            .push("AZ outage: the scenario failed no zone".to_owned());
        return;
    };
    r.outage_error_pct = value(Metric::ErrorRate, run, &window(run, start, end));
    let after = window(run, start, run.duration_s);
    r.recovery_s = recovery(run, &after, start, RECOVERED_BELOW_PCT).0;
    if r.recovery_s.is_none() {
        r.notes
            .push("AZ outage: errors were still above 1% when the run ended".to_owned());
    }
}

/// Instances and tasks in service at the end of bucket `i`, all components.
fn in_service(run: &Run, i: usize) -> u32 {
    run.series
        .iter()
        .filter_map(|s| s.points.get(i))
        .map(|p| p.instances.in_service)
        .sum()
}

fn spike(r: &mut Row, run: &Run, sc: &Scenario) {
    let Some((at, len)) = sc.traffic.iter().find_map(|t| match t.shape {
        Shape::Spike {
            at_s, duration_s, ..
        } => Some((at_s, duration_s)),
        _ => None,
    }) else {
        r.notes.push("spike: the scenario has no spike".to_owned());
        return;
    };
    let spiked = window(run, at, at + len);
    r.spike_p99_ms = value(Metric::LatencyP99, run, &spiked);
    r.spike_error_pct = value(Metric::ErrorRate, run, &spiked);
    let before = window(run, 0.0, at)
        .last()
        .map_or(0, |&i| in_service(run, i));
    let during = window(run, at, run.duration_s);
    r.scale_s = during
        .iter()
        .find(|&&i| in_service(run, i) > before)
        .map(|&i| (run.buckets[i].start_s + run.bucket_s - at).max(0.0));
    if r.scale_s.is_none() {
        r.notes.push(if before == 0 {
            "spike: no instances or tasks to add (capacity follows requests)".to_owned()
        } else {
            "spike: no capacity was added".to_owned()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Workload, plan};
    use super::*;
    use crate::{sim, template};

    /// Runs every job of one design.
    fn rows(id: &str) -> Row {
        let d = template::get(id).expect("template").design;
        let jobs = plan(&[d], &Workload::default()).expect("plan");
        let outcomes: Vec<Outcome> = jobs
            .iter()
            .map(|j| match &j.input {
                Ok((d, sc)) => {
                    let sc = Scenario {
                        duration_s: sc.duration_s.min(1500.0),
                        ..sc.clone()
                    };
                    sim::run(d, &sc).map_err(|e| e.to_string())
                }
                Err(e) => Err(e.clone()),
            })
            .collect();
        let pairs: Vec<(&Job, &Outcome)> = jobs.iter().zip(&outcomes).collect();
        row(id, &pairs)
    }

    #[test]
    fn an_auto_scaling_group_scales_for_the_spike_and_recovers_from_the_outage() {
        let r = rows("alb-asg");
        assert!(r.cost_per_hour.is_some_and(|c| c > 0.0), "{r:?}");
        assert!(r.p50_ms.is_some_and(|p| p > 0.0), "{r:?}");
        assert!(r.p99_ms >= r.p50_ms, "{r:?}");
        assert!(r.scale_s.is_some_and(|s| s > 0.0 && s < 900.0), "{r:?}");
        assert!(r.outage_error_pct.is_some(), "{r:?}");
        assert!(r.recovery_s.is_some(), "{r:?}");
        assert_eq!(r.cold_starts, Some(0));
    }

    #[test]
    fn lambda_has_cold_starts_and_adds_environments_faster_than_instances_boot() {
        let lambda = rows("apigw-lambda");
        let asg = rows("alb-asg");
        assert!(lambda.cold_starts.is_some_and(|c| c > 0), "{lambda:?}");
        let (Some(l), Some(a)) = (lambda.scale_s, asg.scale_s) else {
            panic!("both scale: {lambda:?} {asg:?}");
        };
        assert!(l < a, "Lambda {l} s, Auto Scaling group {a} s");
    }
}
