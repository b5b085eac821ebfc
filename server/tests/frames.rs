//! Malformed input never panics the relay: property tests that throw random
//! addresses, random handshakes and random WebSocket frames (any opcode,
//! reserved bits, masked or not, lengths that lie, payloads of any bytes)
//! at a relay, then check that no task panicked and that a teacher still
//! reaches a student through the same relay.
#![allow(clippy::unwrap_used, missing_docs)]

use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use proptest::prelude::*;
use skydraft_relay::{Fanout, Limits, Relay, RoomId};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::runtime::Runtime;
use tokio_tungstenite::tungstenite::Message;

/// Panics seen anywhere in this test process (relay tasks included).
static PANICS: AtomicUsize = AtomicUsize::new(0);
static HOOK: Once = Once::new();

fn count_panics() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            previous(info);
        }));
    });
}

/// One runtime and one relay for every case, so a panic or a wedged task
/// left by one case shows in the next.
struct Bench {
    rt: Runtime,
    address: String,
}

fn bench() -> &'static Bench {
    static BENCH: std::sync::OnceLock<Bench> = std::sync::OnceLock::new();
    BENCH.get_or_init(|| {
        count_panics();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let address = rt.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let limits = Limits {
                max_message_bytes: 4096,
                ..Limits::default()
            };
            tokio::spawn(Relay::new(limits, Fanout::Local).serve(listener));
            addr.to_string()
        });
        Bench { rt, address }
    })
}

fn room() -> (String, RoomId) {
    let secret = [9u8; 32];
    let hex = secret.iter().map(|b| format!("{b:02x}")).collect();
    (hex, RoomId::of_secret(&secret))
}

/// Writes `bytes` on a raw connection after an optional valid handshake,
/// then reads whatever comes back until the relay closes or goes quiet.
async fn throw(address: &str, path: &str, handshake: bool, bytes: &[u8]) {
    let Ok(mut tcp) = TcpStream::connect(address).await else {
        return;
    };
    if handshake {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
             Sec-WebSocket-Version: 13\r\n\r\n"
        );
        if tcp.write_all(request.as_bytes()).await.is_err() {
            return;
        }
    }
    let _ = tcp.write_all(bytes).await;
    let mut sink = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + Duration::from_millis(300);
    while let Ok(Ok(n)) = tokio::time::timeout_at(deadline, tcp.read(&mut sink)).await {
        if n == 0 {
            break;
        }
    }
}

/// The relay still forwards: a teacher's message reaches a student.
async fn still_forwards(address: &str) {
    let (secret, room) = room();
    let (mut student, _) = tokio_tungstenite::connect_async(format!("ws://{address}/r/{room}"))
        .await
        .unwrap();
    let (mut teacher, _) =
        tokio_tungstenite::connect_async(format!("ws://{address}/r/{room}?t={secret}"))
            .await
            .unwrap();
    teacher
        .send(Message::Binary(vec![2, 4, 2].into()))
        .await
        .unwrap();
    let got = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match student.next().await {
                Some(Ok(Message::Binary(b))) => return b.to_vec(),
                Some(Ok(_)) => {}
                other => panic!("the student lost the relay: {other:?}"),
            }
        }
    })
    .await
    .expect("the teacher's message in time");
    assert_eq!(got, vec![2, 4, 2]);
}

/// One WebSocket frame with every header field chosen freely.
fn frame() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<u8>(),                                            // FIN, RSV1-3 and opcode
        any::<bool>(),                                          // masked
        prop_oneof![Just(0u8), Just(126), Just(127), 0u8..126], // length form
        any::<u64>(),                                           // the length it claims
        any::<[u8; 4]>(),                                       // mask key
        proptest::collection::vec(any::<u8>(), 0..300),
    )
        .prop_map(|(head, masked, form, claimed, key, payload)| {
            let mut f = vec![head];
            let mask_bit = if masked { 0x80 } else { 0 };
            match form {
                126 => {
                    f.push(mask_bit | 126);
                    f.extend_from_slice(&(claimed as u16).to_be_bytes());
                }
                127 => {
                    f.push(mask_bit | 127);
                    f.extend_from_slice(&claimed.to_be_bytes());
                }
                _ => f.push(mask_bit | (payload.len().min(125) as u8)),
            }
            if masked {
                f.extend_from_slice(&key);
            }
            f.extend_from_slice(&payload);
            f
        })
}

fn frames() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(frame(), 1..6).prop_map(|v| v.concat()),
        proptest::collection::vec(any::<u8>(), 0..600),
    ]
}

fn path() -> impl Strategy<Value = String> {
    let (secret, room) = room();
    prop_oneof![
        Just(format!("/r/{room}")),
        Just(format!("/r/{room}?t={secret}")),
        "/[ -~]{0,80}",
        "\\PC{0,40}".prop_map(|s| format!("/r/{s}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_frames_and_handshakes_never_panic_the_relay(
        path in path(),
        handshake in proptest::bool::weighted(0.85),
        bytes in frames(),
    ) {
        let b = bench();
        b.rt.block_on(throw(&b.address, &path, handshake, &bytes));
        prop_assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a relay task panicked");
    }
}

#[test]
fn after_the_storm_the_relay_still_forwards() {
    let b = bench();
    let storm: Vec<_> = (0u8..40)
        .map(|i| {
            let address = b.address.clone();
            let (_, room) = room();
            b.rt.spawn(async move {
                let junk: Vec<u8> = (0..200u16).map(|j| (j as u8).wrapping_mul(i | 1)).collect();
                throw(&address, &format!("/r/{room}"), true, &junk).await;
            })
        })
        .collect();
    b.rt.block_on(async {
        for s in storm {
            s.await.unwrap();
        }
        still_forwards(&b.address).await;
    });
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a relay task panicked");
}

#[test]
fn arbitrary_addresses_are_refused_or_served_never_a_panic() {
    let b = bench();
    proptest!(ProptestConfig::with_cases(64), |(path in "[ -~]{0,120}")| {
        let p = format!("/{path}");
        b.rt.block_on(throw(&b.address, &p, true, &[]));
        prop_assert_eq!(PANICS.load(Ordering::SeqCst), 0);
    });
}
