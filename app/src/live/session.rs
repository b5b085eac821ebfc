//! One class's connection: the key imported into WebCrypto, the socket,
//! and the two queues that seal what leaves and open what arrives in order.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, VecDeque};
use std::rc::Rc;

use leptos::prelude::*;
use skydraft_core::live::follow::Follower;
use skydraft_core::live::inbox::{Inbox, Outbox};
use skydraft_core::live::link::ClassKeys;
use skydraft_core::live::message::Body;

use super::socket::{self, Link, Socket};
use super::{LiveCtx, crypto, student, teacher};
use crate::state::{Editor, Tone};

/// One class's connection and message state.
pub(super) struct Session {
    pub(super) keys: ClassKeys,
    pub(super) socket: RefCell<Option<Socket>>,
    pub(super) cipher: RefCell<Option<crypto::Cipher>>,
    pub(super) outbox: RefCell<Outbox>,
    pub(super) inbox: RefCell<Inbox>,
    pub(super) follower: RefCell<Follower>,
    pub(super) outgoing: RefCell<VecDeque<Body>>,
    pub(super) sending: Cell<bool>,
    pub(super) incoming: RefCell<VecDeque<Vec<u8>>>,
    pub(super) receiving: Cell<bool>,
    /// The last snapshot frame accepted: the relay sends it again on every
    /// reconnection, which is not a replay attack.
    pub(super) last_snapshot: RefCell<Vec<u8>>,
    /// When the last "dropped" message was shown, ms (one per few seconds).
    pub(super) last_warning: Cell<f64>,
}

/// Opens the session: imports the key, then connects.
pub(super) fn connect(live: LiveCtx, editor: Editor, keys: ClassKeys, relay: String) {
    let teacher = keys.is_teacher();
    let session = Rc::new(Session {
        outbox: RefCell::new(Outbox::new(random_id(), js_sys::Date::now() as u64)),
        inbox: RefCell::new(if teacher {
            Inbox::for_teacher()
        } else {
            Inbox::for_student()
        }),
        follower: RefCell::new(Follower::new()),
        socket: RefCell::new(None),
        cipher: RefCell::new(None),
        outgoing: RefCell::new(VecDeque::new()),
        sending: Cell::new(false),
        incoming: RefCell::new(VecDeque::new()),
        receiving: Cell::new(false),
        last_snapshot: RefCell::new(Vec::new()),
        last_warning: Cell::new(0.0),
        keys,
    });
    live.session.set_value(Some(Rc::clone(&session)));
    live.link.set(Link::Connecting);
    leptos::task::spawn_local(async move {
        let cipher = match crypto::Cipher::new(session.keys.key(), session.keys.room()).await {
            Ok(c) => c,
            Err(e) => {
                editor.notify(format!("The live class cannot start: {e}."), Tone::Error);
                live.end(editor);
                return;
            }
        };
        *session.cipher.borrow_mut() = Some(cipher);
        if !live
            .session
            .with_value(|s| s.as_ref().is_some_and(|s| Rc::ptr_eq(s, &session)))
        {
            return;
        }
        let url = format!("{relay}{}", session.keys.relay_path());
        let socket = Socket::connect(
            url,
            live.link,
            move || {
                if teacher {
                    // The relay may have restarted: the teacher's page is
                    // the source of truth, so the class is sent again whole.
                    live.students.set(BTreeSet::new());
                    teacher::resend(live, editor);
                } else {
                    live.send(Body::Hand(live.raised.get_untracked()));
                }
            },
            move |incoming| receive(live, editor, incoming),
        );
        *session.socket.borrow_mut() = Some(socket);
    });
}

/// A random sender id for this page.
pub(super) fn random_id() -> u64 {
    crypto::random::<8>().map_or_else(
        |_| (js_sys::Math::random() * 9.0e15) as u64,
        u64::from_le_bytes,
    )
}

/// Everything that arrives goes through one queue, so frames are opened
/// and applied in the order they came.
fn receive(live: LiveCtx, editor: Editor, incoming: socket::Incoming) {
    let Some(s) = live.session() else { return };
    match incoming {
        socket::Incoming::Text(text) => teacher::notice(live, &text),
        socket::Incoming::Binary(bytes) => {
            s.incoming.borrow_mut().push_back(bytes);
            if s.receiving.replace(true) {
                return;
            }
            leptos::task::spawn_local(async move {
                loop {
                    let Some(bytes) = s.incoming.borrow_mut().pop_front() else {
                        break;
                    };
                    open_one(live, editor, &s, bytes).await;
                }
                s.receiving.set(false);
            });
        }
    }
}

/// Opens and applies one frame; what is dropped is said, never applied.
async fn open_one(live: LiveCtx, editor: Editor, s: &Rc<Session>, bytes: Vec<u8>) {
    let teacher = s.keys.is_teacher();
    // A teacher's frames come behind the sending student's 8-byte peer id.
    let (peer, frame) = if teacher {
        if bytes.len() < 8 {
            return;
        }
        let (p, f) = bytes.split_at(8);
        (
            Some(p.iter().map(|b| format!("{b:02x}")).collect::<String>()),
            f.to_vec(),
        )
    } else {
        (None, bytes)
    };
    if !teacher && *s.last_snapshot.borrow() == frame {
        return;
    }
    let cipher = s.cipher.borrow().clone();
    let Some(cipher) = cipher else { return };
    let plain = cipher.open(&frame).await;
    let accepted = s.inbox.borrow_mut().accept(plain.as_deref());
    match accepted {
        Ok(envelope) => {
            if let Some(peer) = peer {
                live.students.update(|set| {
                    set.insert(peer);
                });
                if let Body::HandIn { code, .. } = &envelope.body {
                    teacher::judge_hand_in(live, editor, code.clone());
                }
                live.hand_ins
                    .update(|h| h.receive(envelope.from, envelope.body));
            } else {
                if matches!(envelope.body, Body::Snapshot(_)) {
                    *s.last_snapshot.borrow_mut() = frame;
                }
                let effects = s.follower.borrow_mut().receive(envelope.body);
                student::apply(live, editor, effects);
            }
        }
        Err(dropped) => live.warn(editor, dropped.to_string()),
    }
}
