//! One connection: the handshake, who it is (teacher or student of which
//! room), and its loop of forwarding, limits and closing with a reason.

use std::fmt;
use std::sync::Arc;
use tokio::time::Instant;

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, WebSocketConfig};
use tokio_tungstenite::tungstenite::{Error, Message, Utf8Bytes};

use crate::fanout::Up;
use crate::limits::Bucket;
use crate::room::{Out, PeerId, RoomId, Rooms, Seat};

/// Read buffer allocated for each connection, bytes.
const READ_BUFFER_BYTES: usize = 4 * 1024;

/// Why the relay closed a connection; each is sent as the close frame's
/// code and reason, so the page can say what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The address names no room.
    BadRoom,
    /// The teacher's secret does not open this room.
    NotTeacher,
    /// A message over the size limit.
    TooBig,
    /// More messages than the rate allows.
    TooFast,
    /// A text message: the relay forwards only binary (encrypted) ones.
    NotBinary,
    /// The room holds as many connections as allowed.
    RoomFull,
    /// The relay holds as many rooms as allowed.
    RelayFull,
    /// Nothing was said in the room for longer than allowed.
    Expired,
    /// The connection fell too far behind to be sent more.
    TooSlow,
}

impl Refusal {
    /// The WebSocket close code.
    #[must_use]
    pub fn code(self) -> u16 {
        match self {
            Refusal::TooBig => 1009,
            Refusal::NotBinary => 1003,
            Refusal::RoomFull | Refusal::RelayFull => 1013,
            Refusal::Expired => 1001,
            Refusal::BadRoom | Refusal::NotTeacher | Refusal::TooFast | Refusal::TooSlow => 1008,
        }
    }

    /// The close reason (at most 123 bytes, as WebSocket allows).
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::BadRoom => "not a live-class room: the link is incomplete",
            Refusal::NotTeacher => "this link's teacher key does not open the room",
            Refusal::TooBig => "message too big for the relay",
            Refusal::TooFast => "too many messages per second",
            Refusal::NotBinary => "only encrypted binary messages are relayed",
            Refusal::RoomFull => "the class is full",
            Refusal::RelayFull => "the relay is full; try again later",
            Refusal::Expired => "the class ended after being idle",
            Refusal::TooSlow => "the connection fell too far behind",
        }
    }

    fn frame(self) -> CloseFrame {
        CloseFrame {
            code: CloseCode::from(self.code()),
            reason: Utf8Bytes::from_static(self.reason()),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.reason(), self.code())
    }
}

/// Who a connection is, from the address it opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Caller {
    room: RoomId,
    teacher: bool,
}

/// Reads `/r/<room>` and an optional `?t=<secret>`.
fn caller(path_and_query: &str) -> Result<Caller, Refusal> {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let room = path
        .strip_prefix("/r/")
        .and_then(RoomId::parse)
        .ok_or(Refusal::BadRoom)?;
    let secret = query.split('&').find_map(|p| p.strip_prefix("t="));
    match secret {
        None => Ok(Caller {
            room,
            teacher: false,
        }),
        Some(s) if room.opened_by(s) => Ok(Caller {
            room,
            teacher: true,
        }),
        Some(_) => Err(Refusal::NotTeacher),
    }
}

/// Serves one TCP connection until it closes.
pub(crate) async fn handle(stream: TcpStream, rooms: Arc<Rooms>) {
    let mut address = String::new();
    // The signature is tungstenite's handshake callback's; it never fails.
    #[allow(clippy::result_large_err)]
    let record = |req: &Request, res: Response| -> Result<Response, ErrorResponse> {
        address = req
            .uri()
            .path_and_query()
            .map_or_else(String::new, ToString::to_string);
        Ok(res)
    };
    // The protocol's own guard, above the relay's limit so that the relay
    // can close with its reason; frames beyond it are dropped unread.
    let guard = rooms.limits.max_message_bytes.saturating_mul(2).max(1024);
    // A class is many quiet connections: a 4 KiB read buffer (grown for a
    // larger message) instead of tungstenite's eager 128 KiB keeps a room
    // of 500 students small.
    let config = WebSocketConfig::default()
        .read_buffer_size(READ_BUFFER_BYTES)
        .max_message_size(Some(guard))
        .max_frame_size(Some(guard));
    let Ok(mut ws) =
        tokio_tungstenite::accept_hdr_async_with_config(stream, record, Some(config)).await
    else {
        return;
    };
    let who = match caller(&address) {
        Ok(who) => who,
        Err(refusal) => return close(&mut ws, refusal).await,
    };
    let peer = PeerId::next();
    match rooms.join(who.room, peer, who.teacher).await {
        Ok(seat) => {
            serve(&mut ws, &rooms, who, peer, seat).await;
            rooms.leave(who.room, peer).await;
        }
        Err(refusal) => close(&mut ws, refusal).await,
    }
}

/// Sends the close frame and lets the connection go.
async fn close(ws: &mut WebSocketStream<TcpStream>, refusal: Refusal) {
    let _ = ws.close(Some(refusal.frame())).await;
}

/// Forwards between the connection and its room until either ends.
async fn serve(
    ws: &mut WebSocketStream<TcpStream>,
    rooms: &Arc<Rooms>,
    who: Caller,
    peer: PeerId,
    mut seat: Seat,
) {
    if let Some(snapshot) = seat.snapshot.take()
        && ws.send(Message::Binary(snapshot)).await.is_err()
    {
        return;
    }
    let rate = if who.teacher {
        rooms.limits.teacher_rate
    } else {
        rooms.limits.student_rate
    };
    let mut bucket = Bucket::new(rate);
    loop {
        tokio::select! {
            out = seat.rx.recv() => match out {
                Some(Out::Binary(b)) => if ws.send(Message::Binary(b)).await.is_err() { return },
                Some(Out::Text(t)) => if ws.send(Message::text(t)).await.is_err() { return },
                Some(Out::Close(refusal)) => return close(ws, refusal).await,
                None => return,
            },
            () = seat.kick.notified() => return close(ws, Refusal::TooSlow).await,
            incoming = ws.next() => {
                let data = match incoming {
                    Some(Ok(Message::Binary(data))) => data,
                    Some(Ok(Message::Text(_))) => return close(ws, Refusal::NotBinary).await,
                    Some(Ok(Message::Close(_))) | None => return,
                    Some(Ok(_)) => continue,
                    Some(Err(Error::Capacity(_))) => return close(ws, Refusal::TooBig).await,
                    Some(Err(_)) => return,
                };
                if let Err(refusal) = check(&rooms.limits, &mut bucket, &data) {
                    return close(ws, refusal).await;
                }
                forward(rooms, who, peer, data).await;
            }
        }
    }
}

/// Holds a message to the connection's limits.
fn check(limits: &crate::Limits, bucket: &mut Bucket, data: &Bytes) -> Result<(), Refusal> {
    if data.len() > limits.max_message_bytes {
        return Err(Refusal::TooBig);
    }
    if !bucket.take(Instant::now()) {
        return Err(Refusal::TooFast);
    }
    Ok(())
}

/// A teacher's message goes down to the students; a student's up to the
/// teacher.
async fn forward(rooms: &Arc<Rooms>, who: Caller, peer: PeerId, data: Bytes) {
    if who.teacher {
        rooms.fanout.down(rooms, who.room, data).await;
    } else {
        rooms
            .fanout
            .up(rooms, who.room, Up::Message(peer, data))
            .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_a_room_and_maybe_its_teacher() {
        let secret = [3u8; 32];
        let room = RoomId::of_secret(&secret);
        let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            caller(&format!("/r/{room}")),
            Ok(Caller {
                room,
                teacher: false
            })
        );
        assert_eq!(
            caller(&format!("/r/{room}?t={hex}")),
            Ok(Caller {
                room,
                teacher: true
            })
        );
        assert_eq!(
            caller(&format!("/r/{room}?t={}", "00".repeat(32))),
            Err(Refusal::NotTeacher)
        );
        for bad in ["/", "/r/", "/r/xyz", "/room/00", &format!("/r/{room}x")] {
            assert_eq!(caller(bad), Err(Refusal::BadRoom), "{bad}");
        }
    }

    #[test]
    fn every_reason_fits_a_close_frame() {
        use Refusal::*;
        for r in [
            BadRoom, NotTeacher, TooBig, TooFast, NotBinary, RoomFull, RelayFull, Expired, TooSlow,
        ] {
            assert!(r.reason().len() <= 123, "{r:?}");
            assert!((1000..=4999).contains(&r.code()));
        }
    }
}
