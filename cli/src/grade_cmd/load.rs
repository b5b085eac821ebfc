//! Reading the challenge and the submissions of `skydraft grade`.

use std::fmt;
use std::io::{BufRead, Read};
use std::path::Path;

use skydraft_core::challenge::{self, Challenge, ChallengeError, link};
use skydraft_core::design::{self, Design, MAX_JSON_BYTES};
use skydraft_core::share;

/// Why the challenge (or standard input) could not be read.
#[derive(Debug)]
pub enum LoadError {
    /// A file could not be read.
    Io(String, std::io::Error),
    /// The file is not a challenge.
    NotAChallenge(String),
    /// The link could not be opened.
    Link(link::LinkError),
    /// Neither a built-in id, a link nor a file.
    NotFound(String),
    /// The challenge cannot be judged.
    Unsound(ChallengeError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(path, e) => write!(f, "cannot read {path}: {e}"),
            LoadError::NotAChallenge(why) => write!(f, "not a challenge: {why}"),
            LoadError::Link(e) => write!(f, "{e}"),
            LoadError::NotFound(what) => write!(
                f,
                "\"{what}\" is neither a challenge ({}), a challenge link nor a file",
                challenge::ids().join(", ")
            ),
            LoadError::Unsound(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// A file's text, at most [`MAX_JSON_BYTES`].
fn read_capped(path: &str) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut text = String::new();
    file.take(MAX_JSON_BYTES as u64 + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    if text.len() > MAX_JSON_BYTES {
        return Err(format!("{path} is larger than {MAX_JSON_BYTES} bytes"));
    }
    Ok(text)
}

/// A built-in id, a challenge link, or a file with a challenge or a link.
pub fn challenge(arg: &str) -> Result<Challenge, LoadError> {
    if let Some(c) = challenge::get(arg) {
        return Ok(c);
    }
    if Path::new(arg).is_file() {
        let text = read_capped(arg).map_err(LoadError::NotAChallenge)?;
        let text = text.trim();
        if !text.starts_with('{') {
            return link::decode(text)
                .map(|l| l.challenge)
                .map_err(LoadError::Link);
        }
        let mut c: Challenge = serde_json::from_str(text)
            .map_err(|e| LoadError::NotAChallenge(format!("{arg}: {e}")))?;
        for d in std::iter::once(&mut c.start).chain(c.reference.as_mut()) {
            design::repair(d).map_err(|e| LoadError::NotAChallenge(e.to_string()))?;
        }
        return Ok(c);
    }
    if link::is_challenge_link(arg) {
        return link::decode(arg)
            .map(|l| l.challenge)
            .map_err(LoadError::Link);
    }
    Err(LoadError::NotFound(arg.to_owned()))
}

/// One submission to judge: where it came from and its design, or why it
/// could not be read.
pub struct Submission {
    /// The student's name from the link, else the file or the line.
    pub label: String,
    /// The design, or why it could not be read.
    pub design: Result<Design, String>,
}

/// The submissions named by the arguments; `-` reads one per line from
/// standard input (blank lines and `#` comments skipped).
pub fn submissions(args: &[String], c: &Challenge) -> Result<Vec<Submission>, LoadError> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            let stdin = std::io::stdin();
            for (n, line) in stdin.lock().lines().enumerate() {
                let line = line.map_err(|e| LoadError::Io("standard input".to_owned(), e))?;
                let line = line.trim();
                // A comment starts with `#`; a link's fragment has a `=`.
                if line.is_empty() || (line.starts_with('#') && !line.contains('=')) {
                    continue;
                }
                out.push(from_text(line, format!("line {}", n + 1), c));
            }
        } else if Path::new(arg).is_file() {
            out.push(match read_capped(arg) {
                Ok(text) => from_text(&text, arg.clone(), c),
                Err(why) => Submission {
                    label: arg.clone(),
                    design: Err(why),
                },
            });
        } else {
            out.push(from_text(arg, short(arg), c));
        }
    }
    Ok(out)
}

/// The first 40 characters of a link, as its label.
fn short(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() > 40 {
        format!("{}…", t.chars().take(39).collect::<String>())
    } else {
        t.to_owned()
    }
}

/// A design file (JSON export), a challenge link (for challenge `c`) or a
/// share link or code.
fn from_text(text: &str, label: String, c: &Challenge) -> Submission {
    let text = text.trim();
    if text.starts_with('{') {
        let design = share::import_json(text)
            .map(|d| d.design)
            .map_err(|e| e.to_string());
        return Submission { label, design };
    }
    if link::is_challenge_link(text) {
        return match link::decode(text) {
            Ok(l) if l.challenge != *c => Submission {
                label: l.name.filter(|n| !n.is_empty()).unwrap_or(label),
                design: Err(format!(
                    "the link is for challenge \"{}\", not \"{}\"",
                    l.challenge.id, c.id
                )),
            },
            Ok(l) => Submission {
                label: l.name.filter(|n| !n.is_empty()).unwrap_or(label),
                design: l
                    .design
                    .ok_or_else(|| "the link holds no design".to_owned()),
            },
            Err(e) => Submission {
                label,
                design: Err(e.to_string()),
            },
        };
    }
    Submission {
        label,
        design: share::decode(text)
            .map(|(d, _)| d)
            .map_err(|e| e.to_string()),
    }
}
