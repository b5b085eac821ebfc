//! `skydraft compare`: several designs under one workload, an AZ outage and
//! a spike, in one table (core's `compare` plans and reads; the runs go on
//! every core here).

use std::fmt::Write as _;

use clap::Args;
use skydraft_core::compare::{self, COLUMNS, CompareError, Job, Outcome, Row, Workload};
use skydraft_core::sim;

use crate::input::{self, InputError};

/// Arguments of `skydraft compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Designs: template ids, share links or codes, or design files.
    #[arg(required = true)]
    pub designs: Vec<String>,
    /// The base workload's scenario preset (steady-day, launch-spike, …).
    #[arg(long, default_value = "steady-day")]
    pub scenario: String,
    /// Requests per second every design receives (default: the first design's).
    #[arg(long)]
    pub rate: Option<f64>,
    /// Seed of every run.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// One JSON object per design, one per line.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// One CSV row per design.
    #[arg(long)]
    pub csv: bool,
    /// Runs made at once (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
}

/// Why `compare` could not start.
#[derive(Debug)]
pub enum CompareCmdError {
    /// A design could not be read.
    Input(InputError),
    /// The comparison itself is impossible (no traffic, bad rate or preset).
    Compare(CompareError),
}

impl std::fmt::Display for CompareCmdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompareCmdError::Input(e) => e.fmt(f),
            CompareCmdError::Compare(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CompareCmdError {}

/// `skydraft compare`.
///
/// # Errors
/// When a design cannot be read or the workload is impossible; a run that
/// fails is a note in its row instead.
pub fn compare(args: &CompareArgs) -> Result<String, CompareCmdError> {
    let mut designs = Vec::with_capacity(args.designs.len());
    for arg in &args.designs {
        designs.push(input::anything(arg).map_err(CompareCmdError::Input)?.design);
    }
    let workload = Workload {
        preset: args.scenario.clone(),
        rate: args.rate,
        seed: args.seed,
    };
    let jobs = compare::plan(&designs, &workload).map_err(CompareCmdError::Compare)?;
    let threads = crate::parallel::threads(args.jobs, jobs.len());
    let outcomes: Vec<Outcome> = crate::parallel::map(&jobs, threads, run_job);
    let rows: Vec<Row> = args
        .designs
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mine: Vec<(&Job, &Outcome)> = jobs
                .iter()
                .zip(&outcomes)
                .filter(|(j, _)| j.contender == i)
                .collect();
            compare::row(name, &mine)
        })
        .collect();
    Ok(if args.json {
        json(&rows)
    } else if args.csv {
        compare::csv(&rows)
    } else {
        table(&rows, &workload, compare::drawn_rate(&designs[0]))
    })
}

fn run_job(job: &Job) -> Outcome {
    let (design, scenario) = job.input.as_ref().map_err(Clone::clone)?;
    sim::run(design, scenario).map_err(|e| e.to_string())
}

fn table(rows: &[Row], w: &Workload, first_rate: f64) -> String {
    let mut cells: Vec<Vec<String>> = vec![
        std::iter::once("design".to_owned())
            .chain(COLUMNS.iter().map(|c| c.head.to_owned()))
            .collect(),
    ];
    for r in rows {
        cells.push(
            std::iter::once(r.name.clone())
                .chain(COLUMNS.iter().map(|c| c.show(r)))
                .collect(),
        );
    }
    let widths: Vec<usize> = (0..cells[0].len())
        .map(|i| {
            cells
                .iter()
                .map(|row| row[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let rate = w.rate.unwrap_or(first_rate);
    let mut o = format!(
        "Workload: {} at {rate:.0} requests/s, seed {}; AZ outage at peak, 4x spike at 10:00\n\n",
        w.preset, w.seed
    );
    for row in &cells {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i == 0 {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        let _ = writeln!(o, "{}", line.join("  ").trim_end());
    }
    o.push_str("\n(\u{2013}: no figure. A p99 among failed requests has none; see the notes.)\n");
    for r in rows.iter().filter(|r| !r.notes.is_empty()) {
        let _ = writeln!(o, "\n{}:", r.name);
        for n in &r.notes {
            let _ = writeln!(o, "  - {n}");
        }
    }
    o
}

fn json(rows: &[Row]) -> String {
    rows.iter()
        .map(|r| serde_json::to_string(r).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}
