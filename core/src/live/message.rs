//! What travels in a live class, and the frame around its ciphertext.
//!
//! The page encrypts an [`Envelope`] (postcard bytes) with AES-GCM under the
//! class key, with a fresh 12-byte nonce and the frame's first byte and the
//! room as additional data, so the relay can neither read a message nor
//! turn an ordinary one into the room's snapshot. On the wire a message is
//! [`Frame`]: `[kind][nonce: 12][ciphertext]`, where kind
//! [`Kind::Snapshot`] (the relay's `SNAPSHOT`, 1) tells the relay to keep it
//! for late joiners.

use serde::{Deserialize, Serialize};

/// The version of [`Envelope`] this build writes and reads.
pub const VERSION: u8 = 1;
/// Longest laser trail a message carries, in points.
pub const MAX_LASER_POINTS: usize = 64;
/// Longest name a hand-in carries, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// Bytes of an AES-GCM nonce.
pub const NONCE_BYTES: usize = 12;

/// What kind of frame: the relay reads only this byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The whole class state; the relay keeps the latest for late joiners.
    Snapshot = 1,
    /// Anything else, forwarded and forgotten.
    Update = 2,
}

/// A message in its wire frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Whether the relay keeps it.
    pub kind: Kind,
    /// The AES-GCM nonce.
    pub nonce: [u8; NONCE_BYTES],
    /// The encrypted [`Envelope`] with its tag.
    pub ciphertext: Vec<u8>,
}

impl Frame {
    /// The frame's bytes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + NONCE_BYTES + self.ciphertext.len());
        out.push(self.kind as u8);
        out.extend_from_slice(&self.nonce);
        out.extend_from_slice(&self.ciphertext);
        out
    }

    /// Reads a frame; `None` for anything that is not one (too short, an
    /// unknown kind). The ciphertext is checked by decryption, not here.
    #[must_use]
    pub fn from_bytes(bytes: &[u8]) -> Option<Frame> {
        let kind = match *bytes.first()? {
            1 => Kind::Snapshot,
            2 => Kind::Update,
            _ => return None,
        };
        let nonce = bytes.get(1..=NONCE_BYTES)?.try_into().ok()?;
        // AES-GCM's tag alone is 16 bytes: nothing shorter is a message.
        let ciphertext = bytes.get(1 + NONCE_BYTES..).filter(|c| c.len() >= 16)?;
        Some(Frame {
            kind,
            nonce,
            ciphertext: ciphertext.to_vec(),
        })
    }

    /// The additional data AES-GCM authenticates with the ciphertext: the
    /// kind byte and the room, so a frame cannot be moved to another room or
    /// promoted to a snapshot.
    #[must_use]
    pub fn associated_data(kind: Kind, room: &[u8; 16]) -> Vec<u8> {
        let mut ad = vec![kind as u8];
        ad.extend_from_slice(room);
        ad
    }
}

/// A message with its place in its sender's sequence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// [`VERSION`].
    pub version: u8,
    /// Who sent it: random per page, so a reconnect keeps its identity and
    /// a receiver can order each sender's messages.
    pub from: u64,
    /// The sender's session: the wall-clock millisecond its page started the
    /// class (a reopened page continues above the old one).
    pub epoch: u64,
    /// Increases by one with every message of the session.
    pub seq: u64,
    /// What it says.
    pub body: Body,
}

/// Where the teacher is looking: the world rectangle a follower fits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// Left edge, world units.
    pub x: f32,
    /// Top edge, world units.
    pub y: f32,
    /// Width, world units (positive).
    pub w: f32,
    /// Height, world units (positive).
    pub h: f32,
}

impl View {
    /// Whether every number is finite and the size positive and sane.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        let ok = |v: f32| v.is_finite() && v.abs() < 1.0e7;
        ok(self.x) && ok(self.y) && ok(self.w) && ok(self.h) && self.w > 0.0 && self.h > 0.0
    }
}

/// Everything a student needs to be current at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The design and scenario as a share code.
    pub code: String,
    /// Whether students follow (locked) or work on their own copy.
    pub locked: bool,
    /// The teacher's view.
    pub view: Option<View>,
    /// The replay moment, ms into the run.
    pub moment_ms: Option<u64>,
    /// The presentation step.
    pub step: Option<u32>,
    /// The challenge the class works on (its link part `c=…`).
    pub challenge: Option<String>,
}

/// What a message says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Body {
    /// Teacher: the whole state (sent as [`Kind::Snapshot`]).
    Snapshot(State),
    /// Teacher: the view moved.
    View(View),
    /// Teacher: the selection, by id (`c12`, `l3`).
    Selection(Vec<String>),
    /// Teacher: the replay moment, or none.
    Moment(Option<u64>),
    /// Teacher: the presentation step, or none.
    Step(Option<u32>),
    /// Teacher: the laser's recent points (world units) and its colour.
    Laser {
        /// Newest last.
        points: Vec<(f32, f32)>,
        /// `#rrggbb`.
        colour: String,
    },
    /// Teacher: everyone looks at this student's design.
    Show {
        /// The student's name.
        name: String,
        /// Their design's share code.
        code: String,
    },
    /// Student: my design, for the teacher.
    HandIn {
        /// The student's name (may be empty).
        name: String,
        /// Their design's share code.
        code: String,
    },
    /// Student: hand raised or lowered.
    Hand(bool),
    /// Teacher: the class is over.
    End,
}

impl Body {
    /// Whether only the teacher may send it.
    #[must_use]
    pub fn from_teacher(&self) -> bool {
        !matches!(self, Body::HandIn { .. } | Body::Hand(_))
    }

    /// The frame kind it travels in.
    #[must_use]
    pub fn kind(&self) -> Kind {
        match self {
            Body::Snapshot(_) => Kind::Snapshot,
            _ => Kind::Update,
        }
    }
}

impl Envelope {
    /// The bytes the page encrypts.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// Reads decrypted bytes; `None` for anything that is not an envelope
    /// of this version with sane contents.
    #[must_use]
    pub fn from_bytes(bytes: &[u8]) -> Option<Envelope> {
        let e: Envelope = postcard::from_bytes(bytes).ok()?;
        (e.version == VERSION && e.body.is_sane()).then_some(e)
    }
}

impl Body {
    /// Caps a hostile message could break: finite views, bounded laser
    /// trails and names.
    fn is_sane(&self) -> bool {
        match self {
            Body::Snapshot(s) => s.view.is_none_or(|v| v.is_valid()),
            Body::View(v) => v.is_valid(),
            Body::Laser { points, colour } => {
                points.len() <= MAX_LASER_POINTS
                    && points.iter().all(|(x, y)| x.is_finite() && y.is_finite())
                    && is_colour(colour)
            }
            Body::Show { name, .. } | Body::HandIn { name, .. } => {
                name.chars().count() <= MAX_NAME_CHARS
            }
            Body::Selection(_) | Body::Moment(_) | Body::Step(_) | Body::Hand(_) | Body::End => {
                true
            }
        }
    }
}

/// `#rrggbb`.
fn is_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}
