//! The `skydraft` command line.

mod design_cmd;
mod input;
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
    /// Templates, share links and validation.
    #[command(flatten)]
    Design(design_cmd::DesignCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = match &cli.command {
        Command::Simulate(a) => sim_cmd::simulate(a),
        Command::Bench(a) => sim_cmd::bench(a),
        Command::Design(c) => return design_cmd::run(c),
    };
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
