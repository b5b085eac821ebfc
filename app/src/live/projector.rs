//! A projector window on the presenter's own computer: it follows the
//! presenter's board, view, replay moment, step and laser through a
//! `BroadcastChannel`, with no network and no relay. The presenter's page
//! opens it (`#projector=<id>`) and publishes to it whatever it would
//! publish to a class.

use std::cell::RefCell;

use leptos::prelude::*;
use skydraft_core::live::follow::{Follower, Mode};
use skydraft_core::live::inbox::Outbox;
use skydraft_core::live::message::{Body, Envelope};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{BroadcastChannel, MessageEvent};

use super::{LiveCtx, Role};
use crate::state::{Editor, Tone};

/// What a projector says when it opens, so the presenter sends it the
/// whole board.
const HELLO: &str = "hello";

/// The fragment part that makes a page a projector.
pub const FRAGMENT: &str = "projector=";

struct Channel {
    channel: BroadcastChannel,
    outbox: Outbox,
    _on_message: Closure<dyn Fn(MessageEvent)>,
}

thread_local! {
    static CHANNEL: RefCell<Option<Channel>> = const { RefCell::new(None) };
    static FOLLOWER: RefCell<Follower> = RefCell::new(Follower::new());
}

fn name(id: &str) -> String {
    format!("skydraft-projector-{id}")
}

/// Whether a projector window is attached to this page.
#[must_use]
pub fn attached() -> bool {
    CHANNEL.with(|c| c.borrow().is_some())
}

/// Sends `body` to the attached projector window, if any.
pub fn publish(body: &Body) {
    // The window follows the presenter, not a class: a class's end is not its.
    if matches!(body, Body::End) {
        return;
    }
    CHANNEL.with(|c| {
        if let Some(ch) = c.borrow_mut().as_mut() {
            let bytes = ch.outbox.wrap(body.clone()).to_bytes();
            let _ = ch
                .channel
                .post_message(&js_sys::Uint8Array::from(&bytes[..]));
        }
    });
}

/// Opens a projector window that follows this page.
pub fn open_window(live: LiveCtx, editor: Editor) {
    let id = super::crypto::random::<8>()
        .map(|b| b.iter().map(|b| format!("{b:02x}")).collect::<String>())
        .unwrap_or_else(|_| format!("{}", js_sys::Date::now() as u64));
    let Ok(channel) = BroadcastChannel::new(&name(&id)) else {
        editor.notify("This browser cannot link two windows.", Tone::Error);
        return;
    };
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        if ev.data().as_string().as_deref() == Some(HELLO) {
            super::teacher::resend(live, editor);
        }
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let outbox = Outbox::new(super::random_id(), js_sys::Date::now() as u64);
    CHANNEL.with(|c| {
        if let Some(old) = c.borrow_mut().replace(Channel {
            channel,
            outbox,
            _on_message: on_message,
        }) {
            old.channel.close();
        }
    });
    let url = format!("{}#{FRAGMENT}{id}", super::page_base());
    match gloo::utils::window().open_with_url_and_target_and_features(&url, "_blank", "popup") {
        Ok(Some(_)) => editor.notify(
            "The projector window follows this one: move it to the projector's screen.",
            Tone::Info,
        ),
        _ => editor.notify(
            "The browser blocked the projector window; allow pop-ups for this page.",
            Tone::Error,
        ),
    }
}

/// Makes this page the projector window `id` names.
pub fn join(live: LiveCtx, editor: Editor, id: &str) {
    if id.is_empty() || id.len() > 32 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        editor.notify("This projector link is damaged.", Tone::Error);
        return;
    }
    let Ok(channel) = BroadcastChannel::new(&name(id)) else {
        editor.notify("This browser cannot link two windows.", Tone::Error);
        return;
    };
    // The window shows the presenter's board, never a design of its own.
    if let Some(ctx) = super::page().map(|p| p.lib) {
        ctx.set_unstored(None);
    }
    live.role.set(Some(Role::Projector));
    live.mode.set(Mode::Following);
    editor.read_only.set(true);
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let Ok(bytes) = ev.data().dyn_into::<js_sys::Uint8Array>() else {
            return;
        };
        let Some(envelope) = Envelope::from_bytes(&bytes.to_vec()) else {
            return;
        };
        let effects = FOLLOWER.with(|f| f.borrow_mut().receive(envelope.body));
        super::student::apply(live, editor, effects);
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let _ = channel.post_message(&HELLO.into());
    on_message.forget();
    std::mem::forget(channel);
}
