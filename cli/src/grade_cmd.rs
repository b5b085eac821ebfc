//! Challenge commands: `challenges` lists the built-in ones, `grade` judges
//! many submissions against one challenge, on every core.
//!
//! A submission that cannot be read gets a row that says why; it never stops
//! the batch. The verdict is always computed here: nothing a link says about
//! its own result is read.

mod load;
mod output;

use clap::Args;
use skydraft_core::challenge::{self, Challenge, Verdict};

pub use load::LoadError;

/// Arguments of `skydraft challenges`.
#[derive(Debug, Args)]
pub struct ChallengesArgs {
    /// Print id, title, brief and teaching note as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `skydraft grade`.
#[derive(Debug, Args)]
pub struct GradeArgs {
    /// A built-in challenge id, a challenge link (`#c=…`), or a file holding
    /// a challenge as JSON or a link.
    pub challenge: String,
    /// Submissions: challenge links, share links or codes, design files, or
    /// `-` to read one per line from standard input.
    #[arg(required = true)]
    pub submissions: Vec<String>,
    /// One CSV row per submission and goal, for a gradebook.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// One JSON object per submission, one per line.
    #[arg(long)]
    pub json: bool,
    /// Submissions judged at once (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
}

/// `skydraft challenges`.
#[must_use]
pub fn challenges(args: &ChallengesArgs) -> String {
    let all = challenge::all();
    if args.json {
        let list: Vec<_> = all
            .iter()
            .map(|c| {
                serde_json::json!({
                    "id": c.id, "title": c.title, "brief": c.brief, "note": c.note,
                    "goals": c.goals.iter().map(|g| &g.id).collect::<Vec<_>>(),
                    "runs": challenge::variants(c).len(),
                })
            })
            .collect();
        return serde_json::to_string_pretty(&list).unwrap_or_default();
    }
    let width = all.iter().map(|c| c.id.len()).max().unwrap_or(0);
    all.iter()
        .map(|c| format!("{:width$}  {}", c.id, c.title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One submission's outcome: its label and its verdict, or why it could not
/// be judged.
pub struct Graded {
    /// The name, file or line it came from.
    pub label: String,
    /// The verdict, or the reason there is none.
    pub outcome: Result<Verdict, String>,
}

/// `skydraft grade`.
///
/// # Errors
/// When the challenge itself cannot be read (a submission's problem is a row).
pub fn grade(args: &GradeArgs) -> Result<String, LoadError> {
    let c = load::challenge(&args.challenge)?;
    challenge::check_challenge(&c).map_err(LoadError::Unsound)?;
    let subs = load::submissions(&args.submissions, &c)?;
    let jobs = crate::parallel::threads(args.jobs, subs.len());
    let graded = judge_all(&c, subs, jobs);
    Ok(if args.csv {
        output::csv(&c, &graded)
    } else if args.json {
        output::json(&c, &graded)
    } else {
        output::table(&c, &graded)
    })
}

/// Judges every submission, `jobs` at a time, keeping their order; a
/// fault of the simulator on one becomes that row's reason.
fn judge_all(c: &Challenge, subs: Vec<load::Submission>, jobs: usize) -> Vec<Graded> {
    let outcomes = crate::parallel::map(&subs, jobs, |sub| match &sub.design {
        Ok(d) => challenge::judge(c, d).map_err(|e| e.to_string()),
        Err(why) => Err(why.clone()),
    });
    subs.into_iter()
        .zip(outcomes)
        .map(|(sub, outcome)| Graded {
            label: sub.label,
            outcome,
        })
        .collect()
}
