//! How a room's messages reach its connections: within this process, or
//! through NATS so that every relay of a cluster delivers to its own.
//!
//! With NATS each room has three subjects, `skydraft.room.<room>.down` (the
//! teacher's messages), `.up` (students' messages and arrivals) and
//! `skydraft.snap.<room>` (a relay that has just opened the room asks the
//! others for the latest snapshot). A relay delivers only what it receives from NATS, its own
//! publications included, so every relay sees one order.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;

use crate::room::{PeerId, RoomId, Rooms};

/// How rooms fan out.
#[derive(Clone, Debug)]
pub enum Fanout {
    /// Within this process: one relay.
    Local,
    /// Through NATS subjects: any number of relays.
    Nats(async_nats::Client),
}

/// What travels from a student to the teacher.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Up {
    /// A student connected.
    Joined(PeerId),
    /// A student left.
    Left(PeerId),
    /// A student's message.
    Message(PeerId, Bytes),
}

impl Up {
    /// NATS payload: a kind byte, the peer, the data.
    fn encode(&self) -> Bytes {
        let (kind, peer, data): (u8, PeerId, &[u8]) = match self {
            Up::Joined(p) => (1, *p, &[]),
            Up::Left(p) => (2, *p, &[]),
            Up::Message(p, d) => (0, *p, d),
        };
        let mut out = Vec::with_capacity(9 + data.len());
        out.push(kind);
        out.extend_from_slice(&peer.0.to_be_bytes());
        out.extend_from_slice(data);
        Bytes::from(out)
    }

    /// Reads [`Up::encode`]'s payload.
    fn decode(payload: &Bytes) -> Option<Up> {
        let peer = PeerId(u64::from_be_bytes(payload.get(1..9)?.try_into().ok()?));
        match payload.first()? {
            0 => Some(Up::Message(peer, payload.slice(9..))),
            1 => Some(Up::Joined(peer)),
            2 => Some(Up::Left(peer)),
            _ => None,
        }
    }
}

/// A room's NATS subscription; dropping it unsubscribes.
pub(crate) struct Subscription(tokio::task::JoinHandle<()>);

impl Drop for Subscription {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// How long a relay waits for another's snapshot of a room it has just
/// opened.
const SNAPSHOT_WAIT: Duration = Duration::from_secs(1);

fn subject(room: RoomId, what: &str) -> String {
    format!("skydraft.room.{room}.{what}")
}

/// Where a relay asks for a room's snapshot; outside the room's own
/// subjects so that a relay does not answer itself.
fn snap_subject(room: RoomId) -> String {
    format!("skydraft.snap.{room}")
}

impl Fanout {
    /// Opens `room` on this relay: with NATS, subscribes to it and asks the
    /// other relays for its snapshot.
    pub(crate) async fn open(
        &self,
        rooms: Arc<Rooms>,
        room: RoomId,
    ) -> (Option<Subscription>, Option<Bytes>) {
        let Fanout::Nats(client) = self else {
            return (None, None);
        };
        let Ok(messages) = client.subscribe(subject(room, "*")).await else {
            return (None, None);
        };
        // Asked before this relay answers questions for the room itself, so
        // that only relays that hold it answer (none: at once, no wait).
        let snapshot = tokio::time::timeout(
            SNAPSHOT_WAIT,
            client.request(snap_subject(room), Bytes::new()),
        )
        .await
        .ok()
        .and_then(Result::ok)
        .map(|m| m.payload)
        .filter(|p| !p.is_empty());
        let Ok(questions) = client.subscribe(snap_subject(room)).await else {
            return (None, snapshot);
        };
        let task = tokio::spawn({
            let client = client.clone();
            async move {
                let mut both = futures_util::stream::select(messages, questions);
                while let Some(msg) = both.next().await {
                    route(&rooms, &client, room, msg).await;
                }
            }
        });
        (Some(Subscription(task)), snapshot)
    }

    /// Sends a teacher's message to every student of `room`.
    pub(crate) async fn down(&self, rooms: &Rooms, room: RoomId, message: Bytes) {
        match self {
            Fanout::Local => rooms.deliver_down(room, &message),
            Fanout::Nats(client) => {
                let _ = client.publish(subject(room, "down"), message).await;
            }
        }
    }

    /// Sends a student's message or arrival to the teachers of `room`.
    pub(crate) async fn up(&self, rooms: &Rooms, room: RoomId, up: Up) {
        match self {
            Fanout::Local => rooms.deliver_up(room, &up),
            Fanout::Nats(client) => {
                let _ = client.publish(subject(room, "up"), up.encode()).await;
            }
        }
    }
}

/// Delivers one NATS message of `room` to this relay's connections, or
/// answers a question for the snapshot.
async fn route(rooms: &Rooms, client: &async_nats::Client, room: RoomId, msg: async_nats::Message) {
    let what = if msg.subject.starts_with("skydraft.snap.") {
        "snap"
    } else {
        msg.subject.rsplit('.').next().unwrap_or_default()
    };
    match what {
        "down" => rooms.deliver_down(room, &msg.payload),
        "up" => {
            if let Some(up) = Up::decode(&msg.payload) {
                rooms.deliver_up(room, &up);
            }
        }
        "snap" => {
            // An empty answer says "none yet", so the asker need not wait.
            if let Some(reply) = msg.reply {
                let snapshot = rooms.snapshot(room).unwrap_or_default();
                let _ = client.publish(reply, snapshot).await;
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_messages_round_trip_and_junk_is_ignored() {
        let p = PeerId(0x0102_0304_0506_0708);
        for up in [
            Up::Joined(p),
            Up::Left(p),
            Up::Message(p, Bytes::from_static(b"hand-in")),
        ] {
            assert_eq!(Up::decode(&up.encode()), Some(up));
        }
        assert_eq!(Up::decode(&Bytes::from_static(b"\x00abc")), None);
        assert_eq!(Up::decode(&Bytes::from_static(b"\x09abcdefgh")), None);
        assert_eq!(Up::decode(&Bytes::new()), None);
    }
}
