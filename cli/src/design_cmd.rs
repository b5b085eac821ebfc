//! Design commands: `templates`, `link`, `decode`, `validate`.
//!
//! Exit codes: 0 success, 1 the design has validation errors, 2 the input
//! could not be read (one line on stderr, never a panic).

mod report;

use std::process::ExitCode;

use clap::{Args, Subcommand};
use skydraft_core::{share, template, validate};

use crate::input;
pub use crate::input::InputError;

/// The design commands, flattened into the top-level command list.
#[derive(Debug, Subcommand)]
pub enum DesignCommand {
    /// List the template ids (and names).
    Templates(TemplatesArgs),
    /// Print the share link of a template or a design file.
    Link(LinkArgs),
    /// Print the design and scenario a share link holds, as JSON.
    Decode(DecodeArgs),
    /// Print a design's diagnostics; exit 1 when there are errors.
    Validate(ValidateArgs),
}

/// Arguments of `skydraft templates`.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// Print id, name and teaching note as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `skydraft link`.
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// A template id or a design file (JSON export or bare design).
    pub input: String,
    /// Page address to prefix, printing `<base>#d=<code>` instead of the bare code.
    #[arg(long)]
    pub base: Option<String>,
}

/// Arguments of `skydraft decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// A share link (`…#d=<code>`), a bare code, or a file holding one.
    pub link: String,
}

/// Arguments of `skydraft validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// A design file, a share link or code, or a template id.
    pub input: String,
    /// Print the diagnostics as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs one design command and returns the process exit code.
#[must_use]
pub fn run(command: &DesignCommand) -> ExitCode {
    let result = match command {
        DesignCommand::Templates(a) => Ok((templates(a), ExitCode::SUCCESS)),
        DesignCommand::Link(a) => link(a).map(|s| (s, ExitCode::SUCCESS)),
        DesignCommand::Decode(a) => decode(a).map(|s| (s, ExitCode::SUCCESS)),
        DesignCommand::Validate(a) => validate_cmd(a),
    };
    match result {
        Ok((text, code)) => {
            println!("{}", text.trim_end());
            code
        }
        Err(e) => {
            eprintln!("skydraft: {e}");
            ExitCode::from(2)
        }
    }
}

fn templates(args: &TemplatesArgs) -> String {
    let all = template::all();
    if args.json {
        let list: Vec<_> = all
            .iter()
            .map(|t| serde_json::json!({ "id": t.id, "name": t.name, "note": t.note }))
            .collect();
        return serde_json::to_string_pretty(&list).unwrap_or_default();
    }
    let width = all.iter().map(|t| t.id.len()).max().unwrap_or(0);
    all.iter()
        .map(|t| format!("{:width$}  {}", t.id, t.name))
        .collect::<Vec<_>>()
        .join("\n")
}

fn link(args: &LinkArgs) -> Result<String, InputError> {
    let loaded = input::design_or_template(&args.input)?;
    for r in &loaded.repairs {
        eprintln!("note: {r}");
    }
    let code = share::encode(&loaded.design, &loaded.scenario);
    Ok(match &args.base {
        Some(base) => format!("{}#d={code}", base.trim_end_matches('#')),
        None => code,
    })
}

fn decode(args: &DecodeArgs) -> Result<String, InputError> {
    let text = input::link_text(&args.link)?;
    let decoded = share::decode_with_repairs(&text).map_err(InputError::Link)?;
    for r in &decoded.repairs {
        eprintln!("note: {r}");
    }
    Ok(share::export_json(&decoded.design, &decoded.scenario))
}

fn validate_cmd(args: &ValidateArgs) -> Result<(String, ExitCode), InputError> {
    let loaded = input::anything(&args.input)?;
    let found = validate::validate(&loaded.design);
    let errors = found
        .iter()
        .filter(|d| d.severity == validate::Severity::Error)
        .count();
    let text = if args.json {
        report::json(&found, &loaded.repairs)
    } else {
        report::text(&loaded.design, &found, &loaded.repairs)
    };
    let code = if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    Ok((text, code))
}
