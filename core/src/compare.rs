//! Several designs under one workload: the comparison table of the seed's
//! solution architectures.
//!
//! Each contender is run three times with the same traffic: the base
//! workload (a scenario preset, by default a steady day), an Availability
//! Zone outage at peak and a launch spike. One [`Row`] per design then holds
//! what the notes argue about: cost per hour, p50 and p99, errors, the errors
//! and time to recover in the AZ outage, the time to add capacity for the
//! spike, and Lambda cold starts.
//!
//! Core plans the runs ([`plan`]), keeps a comparison made one run at a
//! time ([`Queue`]), reads the table from their results ([`row`]), names its
//! columns and their best figures ([`COLUMNS`], [`best`]) and writes its CSV
//! ([`csv`]); who runs them (one thread per core in the CLI, the simulation
//! worker in the page) is the caller's business, so core stays free of
//! threads.

mod queue;
mod read;
mod table;

use std::fmt;

use serde::Serialize;

use crate::catalog::Kind;
use crate::design::{Design, ParamValue};
use crate::run::Run;
use crate::scenario::{Scenario, presets};

pub use queue::{Next, Queue};
pub use read::row;
pub use table::{COLUMNS, Column, best, csv, fig};

/// The three runs a contender gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Case {
    /// The base workload: cost, latency, errors, cold starts.
    Base,
    /// The busiest Availability Zone fails at peak (preset `az-outage`).
    AzOutage,
    /// Traffic jumps to 4× for five minutes (preset `launch-spike`).
    Spike,
}

impl Case {
    /// Every case, in the order of the table's columns.
    pub const ALL: [Case; 3] = [Case::Base, Case::AzOutage, Case::Spike];

    /// The scenario preset the case applies (the base case's is chosen).
    #[must_use]
    pub fn preset(self, base: &str) -> &str {
        match self {
            Case::Base => base,
            Case::AzOutage => "az-outage",
            Case::Spike => "launch-spike",
        }
    }
}

/// How every contender is run.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// The preset of the base case (`steady-day` unless chosen).
    pub preset: String,
    /// Requests per second that every design receives in total; `None`
    /// takes the first design's drawn rate, so all get the same traffic.
    pub rate: Option<f64>,
    /// The seed of every run.
    pub seed: u64,
}

impl Default for Workload {
    fn default() -> Self {
        Workload {
            preset: "steady-day".to_owned(),
            rate: None,
            seed: 1,
        }
    }
}

/// Why a comparison cannot start.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CompareError {
    /// Nothing to compare.
    Empty,
    /// The rate is not a positive number of requests per second.
    Rate(f64),
    /// The base preset does not exist.
    Preset(String),
    /// The first design draws no traffic and no rate was given.
    NoTraffic,
    /// The design of this name has no Users: nothing would send it requests.
    NothingToRun(String),
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::Empty => f.write_str("give at least one design to compare"),
            CompareError::Rate(r) => write!(
                f,
                "the rate {r} is not a positive number of requests per second"
            ),
            CompareError::Preset(p) => write!(
                f,
                "there is no scenario preset called \"{p}\" (try steady-day, launch-spike, \
                 az-outage, spot-reclaim, bad-canary or region-outage)"
            ),
            CompareError::NoTraffic => f.write_str(
                "the first design sends no requests: give --rate, or compare designs with Users",
            ),
            CompareError::NothingToRun(name) => write!(
                f,
                "\u{201c}{name}\u{201d} has nothing to run: it has no Users sending it requests \
                 (add Users to it, or leave it out)"
            ),
        }
    }
}

impl std::error::Error for CompareError {}

/// One run to make: which contender, which case, and the design and
/// scenario to simulate, or why the case does not fit the design.
#[derive(Debug, Clone)]
pub struct Job {
    /// Index of the contender in the list given to [`plan`].
    pub contender: usize,
    /// Which of the three runs.
    pub case: Case,
    /// The design (its traffic scaled to the common rate) and the
    /// scenario, or why the preset does not fit (no zone, no users).
    pub input: Result<(Design, Scenario), String>,
}

/// The runs comparing `designs` under `workload`: three per design, in
/// order (contender, then [`Case::ALL`]).
///
/// # Errors
/// A [`CompareError`] when there is nothing to compare, the rate is not a
/// positive number or the base preset does not exist.
pub fn plan(designs: &[Design], workload: &Workload) -> Result<Vec<Job>, CompareError> {
    if designs.is_empty() {
        return Err(CompareError::Empty);
    }
    if presets::preset(&workload.preset).is_none() {
        return Err(CompareError::Preset(workload.preset.clone()));
    }
    let rate = match workload.rate {
        Some(r) if r.is_finite() && r > 0.0 => r,
        Some(r) => return Err(CompareError::Rate(r)),
        None => Some(drawn_rate(&designs[0]))
            .filter(|r| *r > 0.0)
            .ok_or(CompareError::NoTraffic)?,
    };
    let base = Scenario {
        seed: workload.seed,
        ..Scenario::default()
    };
    let mut jobs = Vec::with_capacity(designs.len() * Case::ALL.len());
    for (i, d) in designs.iter().enumerate() {
        let design = with_rate(d, rate);
        for case in Case::ALL {
            let input = presets::apply(case.preset(&workload.preset), &design, &base)
                .map(|a| (design.clone(), a.scenario))
                .map_err(|m| m.to_string());
            jobs.push(Job {
                contender: i,
                case,
                input,
            });
        }
    }
    Ok(jobs)
}

/// Requests per second the design's Users send in total.
#[must_use]
pub fn drawn_rate(d: &Design) -> f64 {
    d.components
        .iter()
        .filter(|c| c.is(Kind::Users))
        .map(|c| c.number("rate"))
        .sum()
}

/// `d` with its Users scaled so they send `rate` requests per second in
/// total (in their drawn proportions; evenly when they draw none).
fn with_rate(d: &Design, rate: f64) -> Design {
    let mut out = d.clone();
    let drawn = drawn_rate(d);
    let users = d.components.iter().filter(|c| c.is(Kind::Users)).count();
    for c in out.components.iter_mut().filter(|c| c.is(Kind::Users)) {
        let r = if drawn > 0.0 {
            c.number("rate") * rate / drawn
        } else {
            rate / users as f64
        };
        c.params.insert("rate".into(), ParamValue::Number(r));
    }
    out
}

/// The outcome of one [`Job`]: its run, or why there is none.
pub type Outcome = Result<Run, String>;

/// One design's line of the table. A figure is `None` when its run did not
/// happen (the reason is in [`Row::notes`]) or has no value (no recovery
/// before the end, a percentile among failed requests).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Row {
    /// The design's name.
    pub name: String,
    /// Cost per hour in the base case, US dollars.
    pub cost_per_hour: Option<f64>,
    /// Median latency in the base case, ms.
    pub p50_ms: Option<f64>,
    /// 99th percentile in the base case (failed requests count as slowest), ms.
    pub p99_ms: Option<f64>,
    /// Failed requests in the base case, percent.
    pub error_pct: Option<f64>,
    /// Failed requests while the zone was down, percent.
    pub outage_error_pct: Option<f64>,
    /// Seconds from the zone failing until errors stay under 1 %.
    pub recovery_s: Option<f64>,
    /// Seconds from the spike's start until more instances or tasks are in
    /// service than before it.
    pub scale_s: Option<f64>,
    /// 99th percentile during the spike (failed requests count as
    /// slowest, so more than 1 % failed leaves no value), ms.
    pub spike_p99_ms: Option<f64>,
    /// Failed requests during the spike, percent.
    pub spike_error_pct: Option<f64>,
    /// Lambda cold starts in the base case.
    pub cold_starts: Option<u64>,
    /// Why a figure is missing, in plain words.
    pub notes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template;

    fn t(id: &str) -> Design {
        template::get(id).expect("template").design
    }

    #[test]
    fn plans_three_runs_per_design_with_the_same_traffic() {
        let designs = [t(template::DEFAULT_ID), t("apigw-lambda")];
        let jobs = plan(&designs, &Workload::default()).expect("plan");
        assert_eq!(jobs.len(), 6);
        let want = drawn_rate(&designs[0]);
        for j in &jobs {
            if let Ok((d, _)) = &j.input {
                assert!((drawn_rate(d) - want).abs() < 1e-9, "{:?}", j.case);
            }
        }
        assert_eq!(jobs[4].case, Case::AzOutage);
    }

    #[test]
    fn refuses_what_cannot_be_compared() {
        assert_eq!(
            plan(&[], &Workload::default()).err(),
            Some(CompareError::Empty)
        );
        let w = Workload {
            rate: Some(-3.0),
            ..Workload::default()
        };
        assert!(matches!(
            plan(&[t(template::DEFAULT_ID)], &w),
            Err(CompareError::Rate(_))
        ));
        let w = Workload {
            preset: "nope".into(),
            ..Workload::default()
        };
        assert!(matches!(
            plan(&[t(template::DEFAULT_ID)], &w),
            Err(CompareError::Preset(_))
        ));
        assert_eq!(
            plan(&[Design::default()], &Workload::default()).err(),
            Some(CompareError::NoTraffic)
        );
    }
}
