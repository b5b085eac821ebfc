//! Challenge links: a challenge and a submitted design in one URL fragment,
//! `#c=<challenge>&d=<design>&n=<name>`.
//!
//! A built-in challenge travels as its id (`c=az-outage`); any other as a
//! code packed like a design link (`c=1.<base64url of deflated JSON>`), with
//! the same caps and typed errors ([`crate::share`]). `d=` is a design's share
//! code (the student's scenario is not carried: the challenge owns it), and
//! `n=` an optional name, base64url of its text. A link never carries a
//! verdict: whoever opens it judges the design again.
//!
//! ```
//! use skydraft_core::challenge::{self, link};
//! let c = challenge::get("az-outage").ok_or("no such challenge")?;
//! let text = link::encode(&c, Some(&c.start), Some("Ada"));
//! assert!(text.starts_with("c=az-outage&d=1."));
//! let opened = link::decode(&format!("https://example.org/#{text}"))?;
//! assert_eq!(opened.challenge, c);
//! assert_eq!(opened.design, Some(c.start.clone()));
//! assert_eq!(opened.name.as_deref(), Some("Ada"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::check::{ChallengeError, check_challenge};
use super::record::Challenge;
use crate::design::{self, Design, Repair};
use crate::json::{from_json, to_json};
use crate::scenario::Scenario;
use crate::share::{self, DecodeError};

/// Longest name a link keeps, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// Longest built-in id accepted, in characters.
const MAX_ID_CHARS: usize = 64;

/// Why a challenge link could not be opened. Each `Display` is a sentence
/// the page can show as is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LinkError {
    /// The link has no `c=` part.
    NoChallenge,
    /// `c=` names no built-in challenge.
    UnknownChallenge(String),
    /// The challenge's code is damaged (same errors as a design link).
    Code(DecodeError),
    /// The challenge's code unpacks to something that is not a challenge.
    NotAChallenge(String),
    /// The challenge cannot be judged.
    Invalid(ChallengeError),
    /// The submitted design could not be read.
    Design(DecodeError),
    /// The name is not base64url text.
    BadName,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NoChallenge => f.write_str("the link holds no challenge"),
            LinkError::UnknownChallenge(id) => {
                write!(f, "there is no built-in challenge \"{id}\"")
            }
            LinkError::Code(e) => write!(f, "the challenge in the link cannot be read: {e}"),
            LinkError::NotAChallenge(why) => {
                write!(f, "the link's challenge is not a challenge ({why})")
            }
            LinkError::Invalid(e) => write!(f, "the link's challenge cannot be judged: {e}"),
            LinkError::Design(e) => write!(f, "the submitted design cannot be read: {e}"),
            LinkError::BadName => f.write_str("the link's name is damaged"),
        }
    }
}

impl std::error::Error for LinkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LinkError::Code(e) | LinkError::Design(e) => Some(e),
            LinkError::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

/// An opened challenge link.
#[derive(Debug, Clone, PartialEq)]
pub struct ChallengeLink {
    /// The challenge.
    pub challenge: Challenge,
    /// Whether it is a built-in challenge, named by its id.
    pub built_in: bool,
    /// The submitted design, when the link holds one.
    pub design: Option<Design>,
    /// The name the student gave, when the link holds one.
    pub name: Option<String>,
    /// What the load path repaired in the designs.
    pub repairs: Vec<Repair>,
}

/// The value of `key` in a link's fragment (the whole input when it has no `#`).
fn part<'a>(link: &'a str, key: &str) -> Option<&'a str> {
    let link = link.trim();
    let fragment = link.rsplit_once('#').map_or(link, |(_, f)| f);
    fragment
        .split('&')
        .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
        .map(str::trim)
}

/// Whether `link` holds a challenge (a `c=` part).
#[must_use]
pub fn is_challenge_link(link: &str) -> bool {
    part(link, "c").is_some()
}

/// The `c=` value for a challenge: its id when it is that built-in
/// challenge unchanged, else its packed code.
#[must_use]
pub fn encode_challenge(c: &Challenge) -> String {
    if super::builtin::get(&c.id).is_some_and(|b| &b == c) {
        c.id.clone()
    } else {
        share::pack(to_json(c).as_bytes())
    }
}

/// The fragment (without `#`) of a link holding `c`, and optionally a
/// design and a name (cut to [`MAX_NAME_CHARS`]).
#[must_use]
pub fn encode(c: &Challenge, design: Option<&Design>, name: Option<&str>) -> String {
    let mut out = format!("c={}", encode_challenge(c));
    if let Some(d) = design {
        out.push_str("&d=");
        out.push_str(&share::encode(d, &Scenario::default()));
    }
    if let Some(n) = name.map(str::trim).filter(|n| !n.is_empty()) {
        let n: String = n.chars().take(MAX_NAME_CHARS).collect();
        out.push_str("&n=");
        out.push_str(&URL_SAFE_NO_PAD.encode(n.as_bytes()));
    }
    out
}

/// The fragment (without `#`) of an attempt in progress: the challenge, the
/// student's design and `&a=1`, which says it is work to resume rather than
/// a submission to judge.
#[must_use]
pub fn encode_attempt(c: &Challenge, design: &Design) -> String {
    format!("{}&a=1", encode(c, Some(design), None))
}

/// Whether `link` is an attempt in progress ([`encode_attempt`]).
#[must_use]
pub fn is_attempt(link: &str) -> bool {
    part(link, "a") == Some("1")
}

/// The challenge a `c=` value names.
///
/// # Errors
/// [`LinkError::UnknownChallenge`] for an id that names no built-in;
/// [`LinkError::Code`], [`LinkError::NotAChallenge`] or
/// [`LinkError::Invalid`] for a packed challenge that cannot be read or judged.
pub fn decode_challenge(code: &str) -> Result<(Challenge, bool, Vec<Repair>), LinkError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(LinkError::NoChallenge);
    }
    if !code.contains('.') {
        let id: String = code.chars().take(MAX_ID_CHARS).collect();
        return super::builtin::get(&id)
            .map(|c| (c, true, Vec::new()))
            .ok_or(LinkError::UnknownChallenge(id));
    }
    let json = share::unpack(code).map_err(LinkError::Code)?;
    let mut c: Challenge = from_json(&json).map_err(|e| LinkError::NotAChallenge(e.to_string()))?;
    let mut repairs = design::repair(&mut c.start).map_err(|e| LinkError::Code(e.into()))?;
    if let Some(r) = c.reference.as_mut() {
        repairs.extend(design::repair(r).map_err(|e| LinkError::Code(e.into()))?);
    }
    check_challenge(&c).map_err(LinkError::Invalid)?;
    Ok((c, false, repairs))
}

/// Opens a challenge link (a whole URL or its fragment).
///
/// # Errors
/// A [`LinkError`] for anything that is not a challenge link Skydraft can open.
pub fn decode(link: &str) -> Result<ChallengeLink, LinkError> {
    let code = part(link, "c").ok_or(LinkError::NoChallenge)?;
    let (challenge, built_in, mut repairs) = decode_challenge(code)?;
    let design = match part(link, "d") {
        None | Some("") => None,
        Some(d) => {
            let decoded = share::decode_with_repairs(d).map_err(LinkError::Design)?;
            repairs.extend(decoded.repairs);
            Some(decoded.design)
        }
    };
    let name = match part(link, "n") {
        None | Some("") => None,
        Some(n) => Some(decode_name(n)?),
    };
    Ok(ChallengeLink {
        challenge,
        built_in,
        design,
        name,
        repairs,
    })
}

fn decode_name(n: &str) -> Result<String, LinkError> {
    if n.len() > MAX_NAME_CHARS * 8 {
        return Err(LinkError::BadName);
    }
    let bytes = URL_SAFE_NO_PAD.decode(n).map_err(|_| LinkError::BadName)?;
    let text = String::from_utf8(bytes).map_err(|_| LinkError::BadName)?;
    Ok(text
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect::<String>()
        .trim()
        .to_owned())
}
