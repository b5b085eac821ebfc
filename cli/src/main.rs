//! The `skydraft` command line.

mod compare_cmd;
mod design_cmd;
mod grade_cmd;
mod input;
mod parallel;
mod sim_cmd;

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Skydraft on the command line.
#[derive(Debug, Parser)]
#[command(name = "skydraft", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Simulate a design file, share link or template and print a summary.
    Simulate(sim_cmd::SimulateArgs),
    /// Measure the simulator's speed (and memory with --memory).
    Bench(sim_cmd::BenchArgs),
    /// List the built-in challenges.
    Challenges(grade_cmd::ChallengesArgs),
    /// Judge submissions against a challenge (every submission re-run here).
    Grade(grade_cmd::GradeArgs),
    /// Run several designs under one workload, an AZ outage and a spike; one table.
    Compare(compare_cmd::CompareArgs),
    /// Templates, share links and validation.
    #[command(flatten)]
    Design(design_cmd::DesignCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = match &cli.command {
        Command::Simulate(a) => sim_cmd::simulate(a),
        Command::Bench(a) => sim_cmd::bench(a),
        Command::Challenges(a) => Ok(grade_cmd::challenges(a)),
        Command::Grade(a) => {
            return print(grade_cmd::grade(a).map_err(|e| e.to_string()));
        }
        Command::Compare(a) => return print(compare_cmd::compare(a).map_err(|e| e.to_string())),
        Command::Design(c) => return design_cmd::run(c),
    };
    print(out.map_err(|e| e.to_string()))
}

/// Prints a command's text, or its error on one line (exit code 2).
fn print(out: Result<String, String>) -> ExitCode {
    match out {
        Ok(text) => {
            // A closed pipe (`skydraft simulate … | head`) is not an error.
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", text.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("skydraft: {e}");
            ExitCode::from(2)
        }
    }
}
