//! The class's link and keys.
//!
//! A class has three secrets, all made from random bytes the page draws
//! (`crypto.getRandomValues`): the AES-256 key every message is encrypted
//! with, and the teacher's secret, whose SHA-256 starts with the room's id
//! so that any relay can check the teacher without shared state (the
//! relay's `RoomId::of_secret` is the same rule). The key and the secret
//! travel only in the link's fragment, which browsers never send to a
//! server:
//!
//! - a student's link: `#live=<room: 32 hex>.<key: base64url>`;
//! - the teacher's: the same plus `&t=<secret: 64 hex>`.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// Longest fragment [`ClassKeys::parse`] reads, in bytes; a real one is
/// under 160.
const MAX_FRAGMENT: usize = 512;

/// Why a live-class link could not be opened; each `Display` is a sentence
/// the page can show as is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LiveLinkError {
    /// The fragment has no `live=` part.
    NotLive,
    /// The fragment is longer than any class link.
    TooLong,
    /// The room is not 32 hex digits.
    BadRoom,
    /// The key is not 32 bytes of base64url.
    BadKey,
    /// The teacher's secret is not 64 hex digits.
    BadSecret,
    /// The teacher's secret does not open this room.
    WrongSecret,
    /// The relay address is not a `ws://` or `wss://` address.
    BadRelay,
}

impl fmt::Display for LiveLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LiveLinkError::NotLive => "This link is not a live class.",
            LiveLinkError::TooLong => "This live-class link is too long to be real.",
            LiveLinkError::BadRoom => "This live-class link is incomplete: its room is damaged.",
            LiveLinkError::BadKey => "This live-class link is incomplete: its key is damaged.",
            LiveLinkError::BadSecret | LiveLinkError::WrongSecret => {
                "This teacher's link is damaged: its teacher key does not open the class."
            }
            LiveLinkError::BadRelay => {
                "This live-class link names a relay that is not a WebSocket address."
            }
        })
    }
}

impl std::error::Error for LiveLinkError {}

/// A class's room, key and (for the teacher) secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ClassKeys {
    room: [u8; 16],
    key: [u8; 32],
    secret: Option<[u8; 32]>,
}

impl fmt::Debug for ClassKeys {
    /// Names the room only: keys never reach a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClassKeys({})", self.room_hex())
    }
}

impl ClassKeys {
    /// A new class from 64 random bytes: the teacher's secret and the key.
    #[must_use]
    pub fn new(secret: [u8; 32], key: [u8; 32]) -> Self {
        ClassKeys {
            room: room_of(&secret),
            key,
            secret: Some(secret),
        }
    }

    /// The room's id.
    #[must_use]
    pub fn room(&self) -> [u8; 16] {
        self.room
    }

    /// The room's id as the relay's address names it (32 hex digits).
    #[must_use]
    pub fn room_hex(&self) -> String {
        hex(&self.room)
    }

    /// The AES-256 key.
    #[must_use]
    pub fn key(&self) -> &[u8; 32] {
        &self.key
    }

    /// The teacher's secret; `None` on a student's link.
    #[must_use]
    pub fn secret(&self) -> Option<&[u8; 32]> {
        self.secret.as_ref()
    }

    /// Whether these keys may broadcast (the teacher's).
    #[must_use]
    pub fn is_teacher(&self) -> bool {
        self.secret.is_some()
    }

    /// The keys a student gets: the same class, no secret.
    #[must_use]
    pub fn for_student(&self) -> ClassKeys {
        ClassKeys {
            secret: None,
            ..self.clone()
        }
    }

    /// The relay path this side opens: `/r/<room>`, plus `?t=<secret>` for
    /// the teacher.
    #[must_use]
    pub fn relay_path(&self) -> String {
        match &self.secret {
            Some(s) => format!("/r/{}?t={}", self.room_hex(), hex(s)),
            None => format!("/r/{}", self.room_hex()),
        }
    }

    /// The fragment of the link students open (without `#`).
    #[must_use]
    pub fn student_fragment(&self) -> String {
        format!(
            "live={}.{}",
            self.room_hex(),
            URL_SAFE_NO_PAD.encode(self.key)
        )
    }

    /// The fragment of the teacher's own link (without `#`): the student's
    /// plus the secret. The teacher keeps it to reopen the class.
    #[must_use]
    pub fn teacher_fragment(&self) -> String {
        match &self.secret {
            Some(s) => format!("{}&t={}", self.student_fragment(), hex(s)),
            None => self.student_fragment(),
        }
    }

    /// Reads a link or fragment (`…#live=…`, with or without `#`).
    ///
    /// # Errors
    /// A [`LiveLinkError`] saying which part is damaged.
    pub fn parse(link: &str) -> Result<ClassKeys, LiveLinkError> {
        let fragment = link.split_once('#').map_or(link, |(_, f)| f);
        if fragment.len() > MAX_FRAGMENT {
            return Err(LiveLinkError::TooLong);
        }
        let mut live = None;
        let mut secret = None;
        for part in fragment.split('&') {
            if let Some(v) = part.strip_prefix("live=") {
                live = Some(v);
            } else if let Some(v) = part.strip_prefix("t=") {
                secret = Some(v);
            }
        }
        let (room, key) = live
            .ok_or(LiveLinkError::NotLive)?
            .split_once('.')
            .ok_or(LiveLinkError::BadKey)?;
        let room: [u8; 16] = unhex(room).ok_or(LiveLinkError::BadRoom)?;
        let key: [u8; 32] = URL_SAFE_NO_PAD
            .decode(key)
            .ok()
            .and_then(|k| k.try_into().ok())
            .ok_or(LiveLinkError::BadKey)?;
        let secret = match secret {
            None => None,
            Some(s) => {
                let s: [u8; 32] = unhex(s).ok_or(LiveLinkError::BadSecret)?;
                if room_of(&s) != room {
                    return Err(LiveLinkError::WrongSecret);
                }
                Some(s)
            }
        };
        Ok(ClassKeys { room, key, secret })
    }
}

/// Longest relay address a link carries, in bytes.
pub const MAX_RELAY: usize = 200;

/// The relay a link names (`&relay=wss://host:port`), when it names one;
/// without one the page uses the relay at its own origin.
///
/// # Errors
/// [`LiveLinkError::BadRelay`] for anything but a plain `ws://` or `wss://`
/// address (no spaces, quotes, angle brackets or fragments).
pub fn relay_in(link: &str) -> Result<Option<String>, LiveLinkError> {
    let fragment = link.split_once('#').map_or(link, |(_, f)| f);
    let Some(relay) = fragment.split('&').find_map(|p| p.strip_prefix("relay=")) else {
        return Ok(None);
    };
    let relay = relay
        .replace("%3A", ":")
        .replace("%3a", ":")
        .replace("%2F", "/")
        .replace("%2f", "/");
    let plain = relay.len() <= MAX_RELAY
        && relay
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\"'<>#%`\\".contains(&b));
    let scheme = relay.starts_with("ws://") || relay.starts_with("wss://");
    let host = relay.split_once("//").is_some_and(|(_, h)| !h.is_empty());
    if plain && scheme && host {
        Ok(Some(relay.trim_end_matches('/').to_owned()))
    } else {
        Err(LiveLinkError::BadRelay)
    }
}

/// Whether a link or fragment is a live class's.
#[must_use]
pub fn is_live_link(link: &str) -> bool {
    let fragment = link.split_once('#').map_or(link, |(_, f)| f);
    fragment.split('&').any(|p| p.starts_with("live="))
}

/// The room a teacher's secret opens: the first 16 bytes of its SHA-256.
#[must_use]
pub fn room_of(secret: &[u8; 32]) -> [u8; 16] {
    let digest = Sha256::digest(secret);
    let mut room = [0; 16];
    room.copy_from_slice(&digest[..16]);
    room
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Exactly `N` bytes from `2N` lowercase or uppercase hex digits.
fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != 2 * N || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}
