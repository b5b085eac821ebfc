//! Share links: a design and its scenario as one URL-safe string, and back.
//!
//! A link is `1.` followed by base64url (no padding) of raw deflate of the
//! compact JSON layout described in the `wire` module. The leading number is
//! the format version: it never changes meaning, and every released version has
//! a frozen fixture in `core/tests/data/share/` that must decode forever.
//!
//! Decoding treats its input as hostile: the text length and the inflated size
//! are capped before anything is allocated for them, every failure is a
//! [`DecodeError`] whose `Display` is a plain sentence, and the design goes
//! through the same repair path as a JSON file ([`crate::design::repair`]).
//!
//! The page keeps the code in the URL fragment (`#d=<code>`), so it never
//! reaches a server; [`code_from_link`] accepts either the whole URL or the code.
//!
//! ```
//! use skydraft_core::{share, template};
//! let t = template::get(template::DEFAULT_ID).ok_or("no default template")?;
//! let code = share::encode(&t.design, &t.scenario);
//! let (design, scenario) = share::decode(&code)?;
//! assert_eq!(design, t.design);
//! assert_eq!(scenario, t.scenario);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod json;
mod wire;

use std::fmt;
use std::io::{Read, Write};

use base64::Engine;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;

pub use json::{export_json, import_json};

use crate::design::{self, Design, LoadError, Repair};
use crate::json::{from_json, to_json};
use crate::scenario::Scenario;
use wire::Wire;

/// Prefix of format 1 links.
pub const VERSION_1: &str = "1.";
/// Longest code accepted, in characters (about 48 KB of compressed data).
pub const MAX_CODE_LEN: usize = 64 * 1024;
/// Most bytes a code may inflate to.
pub const MAX_INFLATED: usize = 1 << 20;

const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why a link could not be opened. Each variant's `Display` is a sentence the
/// page can show as is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DecodeError {
    /// Nothing to decode.
    Empty,
    /// The code is longer than any design needs.
    TooLong {
        /// Its length in characters.
        len: usize,
    },
    /// The code does not start with a version this build reads.
    UnknownVersion(String),
    /// The code has characters outside base64url or was cut short.
    NotBase64,
    /// The data is not a deflate stream (damaged or truncated link).
    NotCompressed,
    /// The data inflates beyond [`MAX_INFLATED`].
    TooLarge,
    /// The data is not the expected layout.
    Malformed(String),
    /// The scenario part could not be read.
    Scenario(String),
    /// The design could not be loaded.
    Design(LoadError),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("the link holds no design"),
            DecodeError::TooLong { len } => write!(
                f,
                "the link is too long ({len} characters; at most {MAX_CODE_LEN})"
            ),
            DecodeError::UnknownVersion(v) => write!(
                f,
                "the link uses format \"{v}\", which this version of Skydraft does not know"
            ),
            DecodeError::NotBase64 => {
                f.write_str("the link is damaged: a character was changed or it was cut short")
            }
            DecodeError::NotCompressed => {
                f.write_str("the link is damaged or cut short (its data does not unpack)")
            }
            DecodeError::TooLarge => write!(
                f,
                "the link unpacks to more than {MAX_INFLATED} bytes, larger than any design"
            ),
            DecodeError::Malformed(why) => write!(f, "the link's data is not a design ({why})"),
            DecodeError::Scenario(why) => write!(f, "the link's scenario is not valid ({why})"),
            DecodeError::Design(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DecodeError::Design(e) => Some(e),
            _ => None,
        }
    }
}

impl From<LoadError> for DecodeError {
    fn from(e: LoadError) -> Self {
        DecodeError::Design(e)
    }
}

/// A decoded link: the design, its scenario and what the load path repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The repaired design.
    pub design: Design,
    /// The scenario.
    pub scenario: Scenario,
    /// What was fixed on the way in (empty for links Skydraft wrote itself).
    pub repairs: Vec<Repair>,
}

/// The share code of a design and its scenario (without `#d=`).
#[must_use]
pub fn encode(design: &Design, scenario: &Scenario) -> String {
    let mut wire = Wire::from_design(design);
    wire.s = scenario_diff(scenario);
    // Serializing plain records to memory cannot fail; an empty payload would
    // decode to a clear error rather than a wrong design.
    pack(to_json(&wire).as_bytes())
}

/// `bytes` deflated and base64url-encoded behind the format-1 prefix: the
/// packing of every code (designs here, challenges in
/// [`crate::challenge::link`]).
pub(crate) fn pack(bytes: &[u8]) -> String {
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
    let deflated = enc
        .write_all(bytes)
        .and_then(|()| enc.finish())
        .unwrap_or_default();
    let mut out = String::with_capacity(VERSION_1.len() + deflated.len() * 4 / 3 + 4);
    out.push_str(VERSION_1);
    ENGINE.encode_string(&deflated, &mut out);
    out
}

/// The bytes a packed code holds, with the caps on its length and on what
/// it inflates to.
///
/// # Errors
/// [`DecodeError::Empty`], [`DecodeError::TooLong`],
/// [`DecodeError::UnknownVersion`], [`DecodeError::NotBase64`],
/// [`DecodeError::NotCompressed`] or [`DecodeError::TooLarge`].
pub(crate) fn unpack(code: &str) -> Result<Vec<u8>, DecodeError> {
    if code.is_empty() {
        return Err(DecodeError::Empty);
    }
    if code.len() > MAX_CODE_LEN {
        return Err(DecodeError::TooLong { len: code.len() });
    }
    let Some(body) = code.strip_prefix(VERSION_1) else {
        let version: String = code
            .split('.')
            .next()
            .unwrap_or_default()
            .chars()
            .take(12)
            .collect();
        return Err(DecodeError::UnknownVersion(version));
    };
    let bytes = ENGINE
        .decode(body.trim_end())
        .map_err(|_| DecodeError::NotBase64)?;
    inflate(&bytes)
}

/// The design and scenario a share code (or a whole link) holds.
///
/// # Errors
/// A [`DecodeError`] for anything that is not a link Skydraft can open.
pub fn decode(link: &str) -> Result<(Design, Scenario), DecodeError> {
    decode_with_repairs(link).map(|d| (d.design, d.scenario))
}

/// Like [`decode`], and also reports what the load path repaired.
///
/// # Errors
/// A [`DecodeError`] for anything that is not a link Skydraft can open.
pub fn decode_with_repairs(link: &str) -> Result<Decoded, DecodeError> {
    let json = unpack(code_from_link(link))?;
    let wire: Wire = from_json(&json).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    let scenario_fields = wire.s.clone();
    let (mut design, mut repairs) = wire.into_design();
    repairs.extend(design::repair(&mut design)?);
    let scenario = scenario_from_diff(scenario_fields, &mut repairs)?;
    Ok(Decoded {
        design,
        scenario,
        repairs,
    })
}

/// The code inside a link: the text after `#d=` (or `d=`) when present,
/// else the whole input, trimmed.
#[must_use]
pub fn code_from_link(link: &str) -> &str {
    let link = link.trim();
    let fragment = link.rsplit_once('#').map_or(link, |(_, f)| f);
    fragment
        .split('&')
        .find_map(|part| part.strip_prefix("d="))
        .unwrap_or(fragment)
        .trim()
}

fn inflate(bytes: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    DeflateDecoder::new(bytes)
        .take(MAX_INFLATED as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| DecodeError::NotCompressed)?;
    if out.len() > MAX_INFLATED {
        return Err(DecodeError::TooLarge);
    }
    Ok(out)
}

type Fields = serde_json::Map<String, serde_json::Value>;

/// The scenario's fields that differ from [`Scenario::default`], so a link
/// carries only what the user changed and new fields cost nothing.
fn scenario_diff(scenario: &Scenario) -> Fields {
    let (Ok(serde_json::Value::Object(full)), Ok(serde_json::Value::Object(base))) = (
        serde_json::to_value(scenario),
        serde_json::to_value(Scenario::default()),
    ) else {
        return Fields::new();
    };
    full.into_iter()
        .filter(|(k, v)| base.get(k) != Some(v))
        .collect()
}

/// The scenario with `diff` laid over the defaults. A field that does not
/// fit is dropped (its default kept) and reported, so one bad field does not
/// cost the whole link.
fn scenario_from_diff(diff: Fields, repairs: &mut Vec<Repair>) -> Result<Scenario, DecodeError> {
    let base = match serde_json::to_value(Scenario::default()) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => Fields::new(),
    };
    let parse = |fields: &Fields| {
        serde_json::from_value::<Scenario>(serde_json::Value::Object(fields.clone()))
    };
    let mut all = base.clone();
    all.extend(diff.clone());
    if let Ok(s) = parse(&all) {
        return Ok(s);
    }
    let mut kept = base;
    for (k, v) in diff {
        let mut trial = kept.clone();
        trial.insert(k.clone(), v);
        if parse(&trial).is_ok() {
            kept = trial;
        } else {
            repairs.push(Repair::ScenarioFieldDropped {
                field: k.chars().take(40).collect(),
            });
        }
    }
    parse(&kept).map_err(|e| DecodeError::Scenario(e.to_string()))
}
