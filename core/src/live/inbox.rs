//! What a receiver accepts: a readable envelope of this version, from the
//! side allowed to say it, newer than anything seen from its sender. A
//! tampered frame (decryption failed), a replayed or reordered one, or a
//! student's message posing as the teacher's is dropped with a reason the
//! page shows; it is never applied.

use std::collections::HashMap;
use std::fmt;

use super::message::Envelope;

/// Senders a teacher's inbox keeps track of; a class is far smaller.
pub const MAX_SENDERS: usize = 4_096;

/// Why a message was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// It did not decrypt: changed on the way, or not this class's key.
    Tampered,
    /// It decrypted but is not a message of this version.
    Unreadable,
    /// Its sender said something newer already: a replay or a reorder.
    Replayed,
    /// The other side may not say this (a student posing as the teacher).
    WrongSide,
    /// More senders than a class can have.
    TooManySenders,
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dropped::Tampered => "A live-class message was changed on the way and was ignored.",
            Dropped::Unreadable => "A live-class message from a newer or broken page was ignored.",
            Dropped::Replayed => "An old live-class message arrived again and was ignored.",
            Dropped::WrongSide => "A live-class message from the wrong side was ignored.",
            Dropped::TooManySenders => "A message from one sender too many was ignored.",
        })
    }
}

impl std::error::Error for Dropped {}

/// One side's filter over incoming messages.
#[derive(Debug, Clone)]
pub struct Inbox {
    /// Accepts the teacher's messages (a student's inbox) or the students'
    /// (the teacher's).
    teacher_side: bool,
    /// Per sender, the newest (epoch, seq) accepted.
    newest: HashMap<u64, (u64, u64)>,
}

impl Inbox {
    /// A student's inbox: the teacher's messages only.
    #[must_use]
    pub fn for_student() -> Self {
        Inbox {
            teacher_side: true,
            newest: HashMap::new(),
        }
    }

    /// The teacher's inbox: hand-ins and raised hands only.
    #[must_use]
    pub fn for_teacher() -> Self {
        Inbox {
            teacher_side: false,
            newest: HashMap::new(),
        }
    }

    /// Takes a decrypted message (`None` when decryption failed).
    ///
    /// # Errors
    /// [`Dropped`] with the reason it is not applied.
    pub fn accept(&mut self, plaintext: Option<&[u8]>) -> Result<Envelope, Dropped> {
        let bytes = plaintext.ok_or(Dropped::Tampered)?;
        let envelope = Envelope::from_bytes(bytes).ok_or(Dropped::Unreadable)?;
        if envelope.body.from_teacher() != self.teacher_side {
            return Err(Dropped::WrongSide);
        }
        // A student follows one teacher, whose reopened page starts a later
        // epoch under a new sender id: order them all on one line.
        let sender = if self.teacher_side { 0 } else { envelope.from };
        let at = (envelope.epoch, envelope.seq);
        match self.newest.get(&sender) {
            Some(&seen) if at <= seen => return Err(Dropped::Replayed),
            None if self.newest.len() >= MAX_SENDERS => return Err(Dropped::TooManySenders),
            _ => {}
        }
        self.newest.insert(sender, at);
        Ok(envelope)
    }
}

/// The sending side's counter: one epoch, a sequence that only grows.
#[derive(Debug, Clone)]
pub struct Outbox {
    from: u64,
    epoch: u64,
    seq: u64,
}

impl Outbox {
    /// A sender `from` (random per page) starting its session at `epoch`
    /// (the wall-clock millisecond).
    #[must_use]
    pub fn new(from: u64, epoch: u64) -> Self {
        Outbox {
            from,
            epoch,
            seq: 0,
        }
    }

    /// The next envelope around `body`.
    pub fn wrap(&mut self, body: super::message::Body) -> Envelope {
        self.seq += 1;
        Envelope {
            version: super::message::VERSION,
            from: self.from,
            epoch: self.epoch,
            seq: self.seq,
            body,
        }
    }
}
