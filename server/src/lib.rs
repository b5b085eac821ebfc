//! The live-class relay: WebSocket rooms that forward opaque messages.
//!
//! A live class has one writer, the teacher, and many readers. The teacher's
//! page sends the design's share code and small view messages; every student
//! re-runs the deterministic simulation locally. The relay only forwards:
//! every message is encrypted end to end by the pages (AES-GCM with a key
//! that lives only in the link's fragment), and the relay never parses or
//! logs a message's content.
//!
//! # The protocol
//!
//! A connection opens `ws://<relay>/r/<room>`; the room is 32 hex digits.
//! The teacher adds `?t=<secret>`, 64 hex digits whose SHA-256 starts with
//! the room's digits ([`RoomId::of_secret`]), so any relay can check the
//! teacher without shared state, and a student, who knows only the room,
//! cannot broadcast.
//!
//! - The teacher's binary messages go to every student of the room. A
//!   message whose first byte is [`SNAPSHOT`] is also kept as the room's
//!   snapshot and sent to every student who joins later, so a late joiner is
//!   current at once.
//! - A student's binary messages go to the teacher only, behind the
//!   student's 8-byte peer id ([`PeerId`]).
//! - The relay tells the teacher who comes and goes in text messages:
//!   `joined <peer>` and `left <peer>` (peer ids in hex); a teacher who
//!   connects (again) first hears `joined` for every student already there.
//! - An offending connection is closed with a close code and a reason
//!   ([`Refusal`]): a message too big, too many messages per second, a full
//!   room or relay, a wrong teacher secret, a room that expired.
//!
//! With [`Fanout::Nats`], rooms fan out through NATS subjects instead of in
//! the process, so students connected to different relays share a room.

mod conn;
mod fanout;
mod limits;
mod room;

pub use conn::Refusal;
pub use fanout::Fanout;
pub use limits::{Limits, Rate};
pub use room::{PeerId, RoomId};

use std::sync::Arc;

use tokio::net::TcpListener;

/// First byte of a teacher's message that the relay keeps as the room's
/// snapshot.
pub const SNAPSHOT: u8 = 1;

/// A relay: its limits, its rooms and how rooms fan out.
#[derive(Clone)]
pub struct Relay {
    shared: Arc<room::Rooms>,
}

impl Relay {
    /// A relay with `limits`, fanning out through `fanout`.
    #[must_use]
    pub fn new(limits: Limits, fanout: Fanout) -> Self {
        Relay {
            shared: Arc::new(room::Rooms::new(limits, fanout)),
        }
    }

    /// Accepts connections on `listener` until the task is dropped; rooms
    /// idle for longer than the limits allow are closed along the way.
    ///
    /// # Errors
    /// When the listener fails.
    pub async fn serve(self, listener: TcpListener) -> std::io::Result<()> {
        let sweeper = tokio::spawn(room::sweep(Arc::clone(&self.shared)));
        let result = loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    let rooms = Arc::clone(&self.shared);
                    tokio::spawn(async move { conn::handle(stream, rooms).await });
                }
                Err(e) if is_transient(&e) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
                Err(e) => break Err(e),
            }
        };
        sweeper.abort();
        result
    }

    /// How many rooms the relay holds now.
    #[must_use]
    pub fn rooms(&self) -> usize {
        self.shared.count()
    }
}

/// Accept errors that concern one connection, not the listener.
fn is_transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionReset, Interrupted, WouldBlock};
    matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | Interrupted | WouldBlock
    ) || e.raw_os_error() == Some(24) // too many open files: wait for one to close
}
