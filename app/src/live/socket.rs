//! The connection to the relay: a WebSocket that reconnects with backoff
//! (0.5 s doubling to 10 s, with jitter) until the class ends, and says how
//! it is doing through a signal the panel and banner show.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::{ArrayBuffer, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};

/// How the connection is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// The first connection is being made.
    Connecting,
    /// Connected to the relay.
    Open,
    /// The connection dropped; the next try is scheduled (the relay's
    /// reason, when it gave one).
    Reconnecting(Option<String>),
    /// The class ended on this page.
    Closed,
}

impl Link {
    /// The state's id, as tests and styles read it (`data-state`).
    #[must_use]
    pub fn id(&self) -> &'static str {
        match self {
            Link::Connecting => "connecting",
            Link::Open => "open",
            Link::Reconnecting(_) => "reconnecting",
            Link::Closed => "closed",
        }
    }

    /// What the panel says.
    #[must_use]
    pub fn sentence(&self) -> String {
        match self {
            Link::Connecting => "Connecting to the relay…".to_owned(),
            Link::Open => "Connected".to_owned(),
            Link::Reconnecting(None) => "Connection lost; reconnecting…".to_owned(),
            Link::Reconnecting(Some(why)) => {
                format!("The relay closed the connection ({why}); reconnecting…")
            }
            Link::Closed => "Not connected".to_owned(),
        }
    }
}

/// What arrives from the relay.
pub enum Incoming {
    /// A binary message (ciphertext, for a teacher behind a peer id).
    Binary(Vec<u8>),
    /// A text notice from the relay itself (`joined <peer>`, `left <peer>`).
    Text(String),
}

/// The longest wait between tries, ms.
const MAX_BACKOFF_MS: f64 = 10_000.0;
/// The first wait, ms.
const FIRST_BACKOFF_MS: f64 = 500.0;

/// The wait before try number `attempt` (0-based), ms: doubling from
/// [`FIRST_BACKOFF_MS`] up to [`MAX_BACKOFF_MS`], less up to a quarter at
/// random (`jitter` in 0..1) so a class does not reconnect all at once.
#[must_use]
pub fn backoff_ms(attempt: u32, jitter: f64) -> u32 {
    let full = (FIRST_BACKOFF_MS * 2f64.powi(attempt.min(8).cast_signed())).min(MAX_BACKOFF_MS);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let ms = (full * (1.0 - 0.25 * jitter.clamp(0.0, 1.0))) as u32;
    ms
}

type Handler = Rc<dyn Fn(Incoming)>;

struct Inner {
    url: String,
    state: RwSignal<Link>,
    on_message: Handler,
    on_open: Rc<dyn Fn()>,
    ws: RefCell<Option<WebSocket>>,
    attempts: Cell<u32>,
    ended: Cell<bool>,
    retry: RefCell<Option<Timeout>>,
    #[allow(clippy::type_complexity)]
    handlers: RefCell<
        Option<(
            Closure<dyn Fn(MessageEvent)>,
            Closure<dyn Fn()>,
            Closure<dyn Fn(CloseEvent)>,
        )>,
    >,
}

/// A reconnecting connection to one relay address.
#[derive(Clone)]
pub struct Socket(Rc<Inner>);

impl Socket {
    /// Connects to `url`; `on_open` runs on every (re)connection, and
    /// `on_message` for everything that arrives.
    pub fn connect(
        url: String,
        state: RwSignal<Link>,
        on_open: impl Fn() + 'static,
        on_message: impl Fn(Incoming) + 'static,
    ) -> Socket {
        state.set(Link::Connecting);
        let socket = Socket(Rc::new(Inner {
            url,
            state,
            on_message: Rc::new(on_message),
            on_open: Rc::new(on_open),
            ws: RefCell::new(None),
            attempts: Cell::new(0),
            ended: Cell::new(false),
            retry: RefCell::new(None),
            handlers: RefCell::new(None),
        }));
        socket.open();
        socket
    }

    fn open(&self) {
        let inner = &self.0;
        if inner.ended.get() {
            return;
        }
        let ws = match WebSocket::new(&inner.url) {
            Ok(ws) => ws,
            Err(_) => {
                self.schedule(None);
                return;
            }
        };
        ws.set_binary_type(BinaryType::Arraybuffer);
        let weak = Rc::downgrade(inner);
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(inner) = weak.upgrade() else { return };
            let data = ev.data();
            if let Some(text) = data.as_string() {
                (inner.on_message)(Incoming::Text(text));
            } else if let Ok(buf) = data.dyn_into::<ArrayBuffer>() {
                (inner.on_message)(Incoming::Binary(Uint8Array::new(&buf).to_vec()));
            }
        });
        let weak = Rc::downgrade(inner);
        let on_open = Closure::<dyn Fn()>::new(move || {
            let Some(inner) = weak.upgrade() else { return };
            inner.attempts.set(0);
            inner.state.set(Link::Open);
            (inner.on_open)();
        });
        let weak = Rc::downgrade(inner);
        let on_close = Closure::<dyn Fn(CloseEvent)>::new(move |ev: CloseEvent| {
            let Some(inner) = weak.upgrade() else { return };
            let reason = Some(ev.reason()).filter(|r| !r.is_empty());
            Socket(inner).schedule(reason);
        });
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        *inner.handlers.borrow_mut() = Some((on_message, on_open, on_close));
        *inner.ws.borrow_mut() = Some(ws);
    }

    /// The connection dropped: try again after the backoff.
    fn schedule(&self, reason: Option<String>) {
        let inner = &self.0;
        if inner.ended.get() {
            return;
        }
        if let Some(ws) = inner.ws.borrow_mut().take() {
            detach(&ws);
        }
        inner.state.set(Link::Reconnecting(reason));
        let attempt = inner.attempts.get();
        inner.attempts.set(attempt.saturating_add(1));
        let me = self.clone();
        let wait = backoff_ms(attempt, js_sys::Math::random());
        *inner.retry.borrow_mut() = Some(Timeout::new(wait, move || me.open()));
    }

    /// Sends `bytes` when connected; a message sent while disconnected is
    /// dropped (the teacher's next snapshot on reconnection carries it).
    pub fn send(&self, bytes: &[u8]) -> bool {
        self.0.ws.borrow().as_ref().is_some_and(|ws| {
            ws.ready_state() == WebSocket::OPEN && ws.send_with_u8_array(bytes).is_ok()
        })
    }

    /// Whether the connection is open now.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.0
            .ws
            .borrow()
            .as_ref()
            .is_some_and(|ws| ws.ready_state() == WebSocket::OPEN)
    }

    /// Ends the connection for good.
    pub fn close(&self) {
        let inner = &self.0;
        inner.ended.set(true);
        inner.retry.borrow_mut().take();
        if let Some(ws) = inner.ws.borrow_mut().take() {
            detach(&ws);
            let _ = ws.close();
        }
        inner.state.set(Link::Closed);
    }
}

fn detach(ws: &WebSocket) {
    ws.set_onmessage(None);
    ws.set_onopen(None);
    ws.set_onclose(None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_its_ceiling_less_some_jitter() {
        assert_eq!(backoff_ms(0, 0.0), 500);
        assert_eq!(backoff_ms(1, 0.0), 1_000);
        assert_eq!(backoff_ms(4, 0.0), 8_000);
        assert_eq!(backoff_ms(5, 0.0), 10_000);
        assert_eq!(backoff_ms(40, 0.0), 10_000);
        assert_eq!(backoff_ms(0, 1.0), 375);
    }
}
