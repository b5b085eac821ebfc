//! The relay over real WebSockets: the teacher broadcasts, a late joiner
//! gets the snapshot, students reach only the teacher, every limit closes
//! the offender with its reason, idle rooms expire; and with NATS, students
//! on another relay (the `skydraft-relay` program) share the teacher's room.
#![allow(clippy::unwrap_used, missing_docs)]

use std::process::Stdio;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use skydraft_relay::{Fanout, Limits, Rate, Refusal, Relay, RoomId, SNAPSHOT};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long a test waits for something that should happen.
const WAIT: Duration = Duration::from_secs(5);

/// A teacher's secret (hex) and its room.
fn class(n: u8) -> (String, RoomId) {
    let secret = [n; 32];
    let hex = secret.iter().map(|b| format!("{b:02x}")).collect();
    (hex, RoomId::of_secret(&secret))
}

/// A relay in this process; its address.
async fn relay(limits: Limits, fanout: Fanout) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(Relay::new(limits, fanout).serve(listener));
    format!("ws://{addr}")
}

async fn teacher(relay: &str, n: u8) -> Ws {
    let (secret, room) = class(n);
    connect(&format!("{relay}/r/{room}?t={secret}")).await
}

async fn student(relay: &str, n: u8) -> Ws {
    let (_, room) = class(n);
    connect(&format!("{relay}/r/{room}")).await
}

async fn connect(url: &str) -> Ws {
    tokio_tungstenite::connect_async(url).await.unwrap().0
}

/// The next message that is not a ping or pong.
async fn next(ws: &mut Ws) -> Message {
    loop {
        let m = tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("a message in time")
            .expect("the connection is open")
            .expect("a readable message");
        if !matches!(m, Message::Ping(_) | Message::Pong(_)) {
            return m;
        }
    }
}

async fn binary(ws: &mut Ws) -> Vec<u8> {
    match next(ws).await {
        Message::Binary(b) => b.to_vec(),
        other => panic!("expected a binary message, got {other:?}"),
    }
}

async fn text(ws: &mut Ws) -> String {
    match next(ws).await {
        Message::Text(t) => t.to_string(),
        other => panic!("expected a text message, got {other:?}"),
    }
}

/// Waits for the close frame and checks its code and reason.
async fn closed_with(ws: &mut Ws, refusal: Refusal) {
    match next(ws).await {
        Message::Close(Some(frame)) => {
            assert_eq!(u16::from(frame.code), refusal.code());
            assert_eq!(frame.reason.as_str(), refusal.reason());
        }
        other => panic!("expected {refusal:?}, got {other:?}"),
    }
}

/// Nothing arrives for a while.
async fn silent(ws: &mut Ws) {
    let got = tokio::time::timeout(Duration::from_millis(300), ws.next()).await;
    assert!(got.is_err(), "unexpected {got:?}");
}

async fn send(ws: &mut Ws, data: &[u8]) {
    ws.send(Message::binary(data.to_vec())).await.unwrap();
}

#[tokio::test]
async fn the_teacher_broadcasts_and_a_late_joiner_is_current_at_once() {
    let relay = relay(Limits::default(), Fanout::Local).await;
    let mut t = teacher(&relay, 1).await;
    let mut a = student(&relay, 1).await;
    assert!(text(&mut t).await.starts_with("joined "));
    send(&mut t, &[SNAPSHOT, 1, 2, 3]).await;
    send(&mut t, &[0, 9]).await;
    assert_eq!(binary(&mut a).await, [SNAPSHOT, 1, 2, 3]);
    assert_eq!(binary(&mut a).await, [0, 9]);
    // A late joiner gets the latest snapshot first, not the transient message.
    let mut late = student(&relay, 1).await;
    assert_eq!(binary(&mut late).await, [SNAPSHOT, 1, 2, 3]);
    silent(&mut late).await;
    // Another class hears nothing.
    let mut other = student(&relay, 2).await;
    send(&mut t, &[0, 10]).await;
    assert_eq!(binary(&mut a).await, [0, 10]);
    silent(&mut other).await;
}

#[tokio::test]
async fn students_reach_only_the_teacher_who_sees_them_come_and_go() {
    let relay = relay(Limits::default(), Fanout::Local).await;
    let mut t = teacher(&relay, 3).await;
    let mut a = student(&relay, 3).await;
    let joined = text(&mut t).await;
    let peer = joined.strip_prefix("joined ").unwrap().to_owned();
    let mut b = student(&relay, 3).await;
    assert!(text(&mut t).await.starts_with("joined "));
    send(&mut a, b"hand-in").await;
    let got = binary(&mut t).await;
    assert_eq!(
        u64::from_str_radix(&peer, 16).unwrap().to_be_bytes(),
        got[..8]
    );
    assert_eq!(&got[8..], b"hand-in");
    silent(&mut b).await;
    a.close(None).await.unwrap();
    assert_eq!(text(&mut t).await, format!("left {peer}"));
}

#[tokio::test]
async fn a_wrong_teacher_key_or_a_broken_room_is_refused_with_a_reason() {
    let relay = relay(Limits::default(), Fanout::Local).await;
    let (_, room) = class(4);
    let (wrong, _) = class(5);
    let mut fake = connect(&format!("{relay}/r/{room}?t={wrong}")).await;
    closed_with(&mut fake, Refusal::NotTeacher).await;
    let mut broken = connect(&format!("{relay}/r/not-a-room")).await;
    closed_with(&mut broken, Refusal::BadRoom).await;
}

#[tokio::test]
async fn size_rate_and_text_limits_close_the_offender_only() {
    let limits = Limits {
        max_message_bytes: 1_000,
        student_rate: Rate {
            per_s: 1.0,
            burst: 2.0,
        },
        ..Limits::default()
    };
    let relay = relay(limits, Fanout::Local).await;
    let mut t = teacher(&relay, 6).await;
    let mut big = student(&relay, 6).await;
    send(&mut big, &[0; 1_001]).await;
    closed_with(&mut big, Refusal::TooBig).await;
    let mut chatty = student(&relay, 6).await;
    for _ in 0..3 {
        send(&mut chatty, b"hi").await;
    }
    closed_with(&mut chatty, Refusal::TooFast).await;
    let mut texter = student(&relay, 6).await;
    texter.send(Message::text("plain")).await.unwrap();
    closed_with(&mut texter, Refusal::NotBinary).await;
    // The teacher is still connected and heard the two allowed messages.
    let mut heard = 0;
    while heard < 2 {
        if let Message::Binary(_) = next(&mut t).await {
            heard += 1;
        }
    }
    send(&mut t, &[0; 1_000]).await;
    let mut s = student(&relay, 6).await;
    send(&mut t, &[0, 1]).await;
    assert_eq!(binary(&mut s).await, [0, 1]);
}

#[tokio::test]
async fn full_rooms_and_a_full_relay_refuse_newcomers() {
    let limits = Limits {
        max_peers_per_room: 2,
        max_rooms: 1,
        ..Limits::default()
    };
    let relay = relay(limits, Fanout::Local).await;
    let _t = teacher(&relay, 7).await;
    let _a = student(&relay, 7).await;
    let mut b = student(&relay, 7).await;
    closed_with(&mut b, Refusal::RoomFull).await;
    let mut elsewhere = teacher(&relay, 8).await;
    closed_with(&mut elsewhere, Refusal::RelayFull).await;
}

#[tokio::test]
async fn an_idle_room_expires_and_its_place_is_freed() {
    let limits = Limits {
        idle_room: Duration::from_millis(300),
        max_rooms: 1,
        ..Limits::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = format!("ws://{}", listener.local_addr().unwrap());
    let server = Relay::new(limits, Fanout::Local);
    tokio::spawn(server.clone().serve(listener));
    let mut t = teacher(&addr, 9).await;
    let mut s = student(&addr, 9).await;
    let _ = text(&mut t).await;
    closed_with(&mut s, Refusal::Expired).await;
    closed_with(&mut t, Refusal::Expired).await;
    assert_eq!(server.rooms(), 0);
    // The freed place takes the next class (checked well within its own
    // idle time).
    let mut next_class = teacher(&addr, 10).await;
    let got = tokio::time::timeout(Duration::from_millis(100), next_class.next()).await;
    assert!(got.is_err(), "the next class was refused: {got:?}");
}

/// A NATS server on a free port, stopped when dropped.
struct Nats {
    child: Child,
    url: String,
}

impl Nats {
    async fn start() -> Nats {
        let bin = ["nats-server", "/usr/sbin/nats-server"]
            .into_iter()
            .find(|b| {
                std::process::Command::new(b)
                    .arg("--version")
                    .output()
                    .is_ok()
            })
            .expect("nats-server is installed (scripts/install.sh --browser installs it)");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(bin)
            .args(["-a", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let url = format!("nats://127.0.0.1:{port}");
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Nats { child, url };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("nats-server did not start on {port}");
    }
}

impl Drop for Nats {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// The relay program, fanning out through `nats`; its address and process.
async fn relay_program(nats: &str) -> (String, Child) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_skydraft-relay"))
        .args(["--listen", "127.0.0.1:0", "--nats", nats])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(WAIT, lines.next_line())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let addr = line
        .strip_prefix("skydraft-relay listening on ")
        .and_then(|l| l.split(',').next())
        .unwrap_or_else(|| panic!("unexpected first line: {line}"));
    (format!("ws://{addr}"), child)
}

#[tokio::test]
async fn through_nats_students_on_another_relay_follow_the_teacher() {
    let nats = Nats::start().await;
    let client = async_nats::connect(nats.url.as_str()).await.unwrap();
    let here = relay(Limits::default(), Fanout::Nats(client)).await;
    let (there, _program) = relay_program(&nats.url).await;

    let mut t = teacher(&here, 11).await;
    let mut a = student(&there, 11).await;
    assert!(
        text(&mut t).await.starts_with("joined "),
        "the teacher sees a student of the other relay"
    );
    send(&mut t, &[SNAPSHOT, 7]).await;
    assert_eq!(binary(&mut a).await, [SNAPSHOT, 7]);
    send(&mut t, &[0, 8]).await;
    assert_eq!(binary(&mut a).await, [0, 8]);
    send(&mut a, b"raised hand").await;
    assert_eq!(&binary(&mut t).await[8..], b"raised hand");

    // A late joiner on a third relay, new to the room, gets the snapshot
    // from the relays that hold it.
    let (third, _program3) = relay_program(&nats.url).await;
    let mut late = student(&third, 11).await;
    assert_eq!(binary(&mut late).await, [SNAPSHOT, 7]);
    // Each message reaches each student once.
    send(&mut t, &[0, 9]).await;
    assert_eq!(binary(&mut a).await, [0, 9]);
    assert_eq!(binary(&mut late).await, [0, 9]);
    silent(&mut a).await;
}

#[tokio::test]
async fn a_teacher_who_reconnects_hears_who_is_already_there() {
    let relay = relay(Limits::default(), Fanout::Local).await;
    let mut a = student(&relay, 4).await;
    let mut b = student(&relay, 4).await;
    let mut t = teacher(&relay, 4).await;
    let mut heard = vec![text(&mut t).await, text(&mut t).await];
    heard.sort();
    assert!(heard.iter().all(|h| h.starts_with("joined ")), "{heard:?}");
    assert_ne!(heard[0], heard[1], "two different students");
    silent(&mut t).await;
    silent(&mut a).await;
    silent(&mut b).await;
}
