//! `skydraft simulate` and `skydraft bench`.

mod bench;
mod report;

use std::fmt;
use std::path::PathBuf;

use skydraft_core::sim;

use crate::input::{self, InputError};

pub use bench::bench;

/// Arguments of `skydraft simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// A design file (JSON export or bare design), a share link or code, or a template id.
    pub input: String,
    /// Seed of the run (default: the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Simulated duration: seconds, or with a unit (`90s`, `15m`, `2h`).
    #[arg(long)]
    pub duration: Option<String>,
    /// Print one JSON object instead of the readable summary.
    #[arg(long)]
    pub json: bool,
    /// Write SVG charts of the run into this directory.
    #[arg(long)]
    pub charts: Option<PathBuf>,
    /// Write the run's per-bucket metrics as CSV into this file.
    #[arg(long)]
    pub csv: Option<PathBuf>,
}

/// Arguments of `skydraft bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Also run 10 million requests and report peak memory (takes longer).
    #[arg(long)]
    pub memory: bool,
}

/// Why a command failed.
#[derive(Debug)]
pub enum CmdError {
    /// The input is neither a readable file, a template id nor a share link.
    Input(InputError),
    /// Something the command needs is not built in (a reference template).
    Missing(&'static str),
    /// The duration could not be read.
    Duration(String),
    /// The simulator refused or stopped.
    Sim(sim::SimError),
    /// Writing output failed.
    Io(String),
}

impl fmt::Display for CmdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CmdError::Input(e) => write!(f, "{e}"),
            CmdError::Missing(what) => write!(f, "{what} is missing from this build"),
            CmdError::Duration(d) => {
                write!(
                    f,
                    "cannot read the duration \"{d}\": use seconds or a unit, e.g. 90s, 15m, 2h"
                )
            }
            CmdError::Sim(e) => write!(f, "{e}"),
            CmdError::Io(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for CmdError {}

/// Reads `90`, `90s`, `15m`, `2h`, `1d` as seconds.
pub fn parse_duration(s: &str) -> Result<f64, CmdError> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 's')) => (&s[..i], 1.0),
        Some((i, 'm')) => (&s[..i], 60.0),
        Some((i, 'h')) => (&s[..i], 3600.0),
        Some((i, 'd')) => (&s[..i], 86_400.0),
        _ => (s, 1.0),
    };
    match num.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v * mult),
        _ => Err(CmdError::Duration(s.to_owned())),
    }
}

/// Runs `skydraft simulate`; returns what to print.
pub fn simulate(args: &SimulateArgs) -> Result<String, CmdError> {
    let loaded = input::anything(&args.input).map_err(CmdError::Input)?;
    let (design, mut scenario) = (loaded.design, loaded.scenario);
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    if let Some(d) = &args.duration {
        scenario.duration_s = parse_duration(d)?;
        if scenario.duration_s / scenario.bucket_s > 2000.0 {
            scenario.bucket_s = (scenario.duration_s / 2000.0).ceil();
        }
    }
    let run = sim::run(&design, &scenario).map_err(CmdError::Sim)?;
    let mut skipped = Vec::new();
    if let Some(dir) = &args.charts {
        skipped = report::write_charts(&run, dir)?;
    }
    if let Some(path) = &args.csv {
        report::write_csv(&run, path)?;
    }
    Ok(if args.json {
        report::json(&design, &run)
    } else {
        let mut text = report::text(&design, &scenario, &run);
        if !skipped.is_empty() {
            text.push_str(&format!(
                "\ncharts left out (nothing to show): {}\n",
                skipped.join(", ")
            ));
        }
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90").ok(), Some(90.0));
        assert_eq!(parse_duration("15m").ok(), Some(900.0));
        assert_eq!(parse_duration("2h").ok(), Some(7200.0));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("-5s").is_err());
    }
}
