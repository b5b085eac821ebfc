//! Rooms: who is connected, the latest snapshot, and delivery to the
//! connections of this relay.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

use bytes::Bytes;
use sha2::{Digest, Sha256};
use tokio::sync::{Notify, OnceCell, mpsc};

use crate::conn::Refusal;
use crate::fanout::{Fanout, Subscription, Up};
use crate::limits::Limits;

/// A room's name: 16 bytes, written as 32 hex digits in the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RoomId([u8; 16]);

impl RoomId {
    /// Reads 32 hex digits.
    #[must_use]
    pub fn parse(hex: &str) -> Option<Self> {
        Some(RoomId(decode_hex::<16>(hex)?))
    }

    /// The room a teacher's secret opens: the first 16 bytes of the
    /// secret's SHA-256.
    #[must_use]
    pub fn of_secret(secret: &[u8; 32]) -> Self {
        let digest = Sha256::digest(secret);
        let mut id = [0; 16];
        id.copy_from_slice(&digest[..16]);
        RoomId(id)
    }

    /// Whether `secret` (64 hex digits) is this room's teacher secret.
    #[must_use]
    pub fn opened_by(&self, secret: &str) -> bool {
        decode_hex::<32>(secret).is_some_and(|s| RoomId::of_secret(&s) == *self)
    }
}

impl fmt::Display for RoomId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// `N` bytes from exactly `2 * N` hex digits.
fn decode_hex<const N: usize>(hex: &str) -> Option<[u8; N]> {
    if hex.len() != 2 * N || !hex.is_ascii() {
        return None;
    }
    let mut out = [0; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// One connection's id, unique across relays in practice: a random start
/// per relay process, counted up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeerId(pub u64);

impl PeerId {
    /// A new id.
    pub(crate) fn next() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        static START: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
        let start = *START.get_or_init(|| {
            std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish()
        });
        PeerId(start.wrapping_add(NEXT.fetch_add(1, Ordering::Relaxed)))
    }
}

impl fmt::Display for PeerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// What a connection is sent.
#[derive(Debug)]
pub(crate) enum Out {
    /// A message to pass on as it is.
    Binary(Bytes),
    /// A notice from the relay.
    Text(String),
    /// Close with this reason.
    Close(Refusal),
}

/// A connection of this relay in a room.
struct Peer {
    tx: mpsc::Sender<Out>,
    /// Told when the connection falls too far behind to be sent more.
    kick: Arc<Notify>,
    teacher: bool,
}

/// How many messages wait for a slow connection before it is closed.
pub(crate) const QUEUE: usize = 256;

/// A room as this relay knows it.
struct Room {
    peers: HashMap<PeerId, Peer>,
    snapshot: Option<Bytes>,
    active: Instant,
    /// Set once the room is subscribed (and, with NATS, its snapshot asked
    /// for); joiners wait for it.
    ready: Arc<OnceCell<()>>,
    subscription: Option<Subscription>,
}

/// Every room of a relay.
pub(crate) struct Rooms {
    pub(crate) limits: Limits,
    pub(crate) fanout: Fanout,
    rooms: Mutex<HashMap<RoomId, Room>>,
}

/// A connection's place in a room, given by [`Rooms::join`].
pub(crate) struct Seat {
    pub(crate) rx: mpsc::Receiver<Out>,
    pub(crate) kick: Arc<Notify>,
    pub(crate) snapshot: Option<Bytes>,
}

impl Rooms {
    /// No rooms yet.
    pub(crate) fn new(limits: Limits, fanout: Fanout) -> Self {
        Rooms {
            limits,
            fanout,
            rooms: Mutex::new(HashMap::new()),
        }
    }

    /// The map, even after a panic elsewhere (the map stays consistent:
    /// every change to it is one insert or remove).
    fn lock(&self) -> MutexGuard<'_, HashMap<RoomId, Room>> {
        self.rooms
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many rooms there are.
    pub(crate) fn count(&self) -> usize {
        self.lock().len()
    }

    /// Seats `peer` in `room`, making the room if it is new; the seat holds
    /// the room's snapshot for a late joiner.
    pub(crate) async fn join(
        self: &Arc<Self>,
        room: RoomId,
        peer: PeerId,
        teacher: bool,
    ) -> Result<Seat, Refusal> {
        let (tx, rx) = mpsc::channel(QUEUE);
        let kick = Arc::new(Notify::new());
        let ready = {
            let mut rooms = self.lock();
            if !rooms.contains_key(&room) && rooms.len() >= self.limits.max_rooms {
                return Err(Refusal::RelayFull);
            }
            let r = rooms.entry(room).or_insert_with(|| Room {
                peers: HashMap::new(),
                snapshot: None,
                active: Instant::now(),
                ready: Arc::new(OnceCell::new()),
                subscription: None,
            });
            if r.peers.len() >= self.limits.max_peers_per_room {
                return Err(Refusal::RoomFull);
            }
            let kick = Arc::clone(&kick);
            if teacher {
                // A teacher who (re)connects learns who is already here
                // (on this relay; as many as its queue holds).
                for p in r.peers.iter().filter(|(_, p)| !p.teacher).map(|(id, _)| id) {
                    if tx.try_send(Out::Text(format!("joined {p}"))).is_err() {
                        break;
                    }
                }
            }
            r.peers.insert(peer, Peer { tx, kick, teacher });
            Arc::clone(&r.ready)
        };
        ready
            .get_or_init(|| async {
                let (subscription, snapshot) = self.fanout.open(Arc::clone(self), room).await;
                if let Some(r) = self.lock().get_mut(&room) {
                    r.subscription = subscription;
                    if r.snapshot.is_none() {
                        r.snapshot = snapshot;
                    }
                }
            })
            .await;
        let snapshot = self.lock().get(&room).and_then(|r| r.snapshot.clone());
        if !teacher {
            self.fanout.up(self, room, Up::Joined(peer)).await;
        }
        Ok(Seat { rx, kick, snapshot })
    }

    /// Takes `peer` out of `room`; an empty room goes.
    pub(crate) async fn leave(self: &Arc<Self>, room: RoomId, peer: PeerId) {
        let was_student = {
            let mut rooms = self.lock();
            let Some(r) = rooms.get_mut(&room) else {
                return;
            };
            let was = r.peers.remove(&peer).is_some_and(|p| !p.teacher);
            if r.peers.is_empty() {
                rooms.remove(&room);
            }
            was
        };
        if was_student {
            self.fanout.up(self, room, Up::Left(peer)).await;
        }
    }

    /// Delivers a teacher's message to this relay's students of `room`,
    /// keeping it when it is a snapshot.
    pub(crate) fn deliver_down(&self, room: RoomId, message: &Bytes) {
        let mut rooms = self.lock();
        let Some(r) = rooms.get_mut(&room) else {
            return;
        };
        r.active = Instant::now();
        if message.first() == Some(&crate::SNAPSHOT) {
            r.snapshot = Some(message.clone());
        }
        send_all(r, false, || Out::Binary(message.clone()));
    }

    /// Delivers a student's message or arrival to this relay's teachers of
    /// `room`.
    pub(crate) fn deliver_up(&self, room: RoomId, up: &Up) {
        let mut rooms = self.lock();
        let Some(r) = rooms.get_mut(&room) else {
            return;
        };
        r.active = Instant::now();
        send_all(r, true, || match up {
            Up::Joined(p) => Out::Text(format!("joined {p}")),
            Up::Left(p) => Out::Text(format!("left {p}")),
            Up::Message(p, data) => {
                let mut framed = Vec::with_capacity(8 + data.len());
                framed.extend_from_slice(&p.0.to_be_bytes());
                framed.extend_from_slice(data);
                Out::Binary(Bytes::from(framed))
            }
        });
    }

    /// The snapshot this relay holds for `room`.
    pub(crate) fn snapshot(&self, room: RoomId) -> Option<Bytes> {
        self.lock().get(&room).and_then(|r| r.snapshot.clone())
    }

    /// Closes every room idle for longer than the limit.
    pub(crate) fn expire(&self, now: Instant) {
        let idle = self.limits.idle_room;
        let mut rooms = self.lock();
        rooms.retain(|_, r| {
            let keep = now.saturating_duration_since(r.active) <= idle;
            if !keep {
                for p in r.peers.values() {
                    if p.tx.try_send(Out::Close(Refusal::Expired)).is_err() {
                        p.kick.notify_one();
                    }
                }
            }
            keep
        });
    }
}

/// Sends to every teacher (or every student) of `r`; a connection whose
/// queue is full is told to close.
fn send_all(r: &Room, to_teachers: bool, out: impl Fn() -> Out) {
    for p in r.peers.values().filter(|p| p.teacher == to_teachers) {
        if p.tx.try_send(out()).is_err() {
            p.kick.notify_one();
        }
    }
}

/// Closes idle rooms, checking a few times per idle period.
pub(crate) async fn sweep(rooms: Arc<Rooms>) {
    let every =
        (rooms.limits.idle_room / 4).clamp(Duration::from_millis(50), Duration::from_secs(30));
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        rooms.expire(Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_opens_its_own_room_only() {
        let secret = [7u8; 32];
        let room = RoomId::of_secret(&secret);
        let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
        assert!(room.opened_by(&hex));
        assert!(!room.opened_by(&hex.replace('7', "8")));
        assert!(!room.opened_by("07"));
        assert!(!RoomId::of_secret(&[8; 32]).opened_by(&hex));
        assert_eq!(RoomId::parse(&room.to_string()), Some(room));
    }

    #[test]
    fn room_ids_are_exactly_32_hex_digits() {
        assert!(RoomId::parse(&"ab".repeat(16)).is_some());
        assert!(RoomId::parse(&"ab".repeat(15)).is_none());
        assert!(RoomId::parse(&"zz".repeat(16)).is_none());
        assert!(RoomId::parse(&"é".repeat(16)).is_none());
        assert!(RoomId::parse("").is_none());
    }

    #[test]
    fn peer_ids_differ() {
        assert_ne!(PeerId::next(), PeerId::next());
    }
}
