//! Reading what the user names: a template id, a design file or a share link.
//! Every command that takes a design reads it here, with one error type.

use std::fmt;
use std::io::Read;
use std::path::Path;

use skydraft_core::design::{Design, MAX_JSON_BYTES, Repair};
use skydraft_core::scenario::Scenario;
use skydraft_core::share::{self, DecodeError};
use skydraft_core::template;

/// Why an input could not be read. Displayed as one line.
#[derive(Debug)]
pub enum InputError {
    /// The file could not be read.
    Io {
        /// The path given.
        path: String,
        /// The reason.
        source: std::io::Error,
    },
    /// The file is larger than any design.
    TooLarge(String),
    /// The file is not a design.
    File {
        /// The path given.
        path: String,
        /// Why.
        source: DecodeError,
    },
    /// The link could not be decoded.
    Link(DecodeError),
    /// Neither a template id nor an existing file.
    NotFound(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io { path, source } => write!(f, "cannot read {path}: {source}"),
            InputError::TooLarge(path) => {
                write!(
                    f,
                    "{path} is larger than {MAX_JSON_BYTES} bytes; not a design"
                )
            }
            InputError::File { path, source } => write!(f, "{path}: {source}"),
            InputError::Link(e) => write!(f, "cannot open the link: {e}"),
            InputError::NotFound(what) => write!(
                f,
                "\"{what}\" is neither a template ({}), a file nor a share link",
                template::ids().join(", ")
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// A design with its scenario and what loading repaired.
pub struct Loaded {
    pub design: Design,
    pub scenario: Scenario,
    pub repairs: Vec<Repair>,
}

fn read_capped(path: &str) -> Result<String, InputError> {
    let io = |source| InputError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut text = String::new();
    file.take(MAX_JSON_BYTES as u64 + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() > MAX_JSON_BYTES {
        return Err(InputError::TooLarge(path.to_owned()));
    }
    Ok(text)
}

fn is_file(arg: &str) -> bool {
    Path::new(arg).is_file()
}

fn from_file(path: &str) -> Result<Loaded, InputError> {
    let text = read_capped(path)?;
    let trimmed = text.trim_start();
    let decoded = if trimmed.starts_with('{') {
        share::import_json(&text)
    } else {
        share::decode_with_repairs(trimmed)
    }
    .map_err(|source| InputError::File {
        path: path.to_owned(),
        source,
    })?;
    Ok(Loaded {
        design: decoded.design,
        scenario: decoded.scenario,
        repairs: decoded.repairs,
    })
}

fn from_template(id: &str) -> Option<Loaded> {
    template::get(id).map(|t| Loaded {
        design: t.design,
        scenario: t.scenario,
        repairs: Vec::new(),
    })
}

/// A template id or a design file.
pub fn design_or_template(arg: &str) -> Result<Loaded, InputError> {
    if let Some(t) = from_template(arg) {
        return Ok(t);
    }
    if is_file(arg) {
        return from_file(arg);
    }
    Err(InputError::NotFound(arg.to_owned()))
}

/// A link, or a file holding one.
pub fn link_text(arg: &str) -> Result<String, InputError> {
    if is_file(arg) {
        return read_capped(arg).map(|t| t.trim().to_owned());
    }
    Ok(arg.to_owned())
}

/// A template id, a design file, or a share link or code.
pub fn anything(arg: &str) -> Result<Loaded, InputError> {
    if let Some(t) = from_template(arg) {
        return Ok(t);
    }
    if is_file(arg) {
        return from_file(arg);
    }
    if !share::code_from_link(arg).contains('.') {
        return Err(InputError::NotFound(arg.to_owned()));
    }
    let d = share::decode_with_repairs(arg).map_err(InputError::Link)?;
    Ok(Loaded {
        design: d.design,
        scenario: d.scenario,
        repairs: d.repairs,
    })
}
