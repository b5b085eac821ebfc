//! A live class in the page: the teacher's board on every student's screen.
//!
//! The teacher starts a class from the Share menu: the page draws the
//! class's keys from the browser's random source, puts the teacher's link
//! (`#live=…&t=…`) in the address, and connects to the relay. From then on
//! [`teacher`] publishes the board (a snapshot of the design's share code
//! and view state whenever it changes) and small view messages (viewport,
//! selection, replay moment, presentation step, laser), each sealed with
//! AES-GCM in [`crypto`] before it leaves. A student opens the student link
//! (`#live=…`, no secret): [`student`] opens every frame, drops what does
//! not authenticate or comes again, and carries out what core's
//! `live::follow::Follower` says. A projector window on the same laptop
//! follows the presenter through a `BroadcastChannel` ([`projector`]).
//!
//! Everything that is not the network, the browser's crypto or the DOM —
//! links, frames, ordering, the follow state machine, the hand-ins list —
//! is core's `live` module, tested natively.

mod address;
pub mod crypto;
mod panel;
pub mod projector;
pub mod qr;
mod session;
pub mod socket;
pub mod student;
pub mod teacher;
mod view;

use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;

use leptos::prelude::*;
use skydraft_core::live::follow::{HandIns, Mode};
use skydraft_core::live::link::{self, ClassKeys};
use skydraft_core::live::message::{Body, View};

pub use panel::{LiveBanner, LivePanel};
pub use view::{follow_fit, view_of};

use crate::state::{Editor, Tone};
use address::{forget_address, page_base, relay_base, relay_base_of_origin, set_address};
use session::{Session, connect, random_id};
use socket::Link;

/// The local-storage key of the relay address a teacher's page uses
/// (`ws://host:port`); without it, the relay at the page's own origin.
pub const RELAY_KEY: &str = "skydraft.relay";

/// The teacher's laser as a follower draws it: world points, newest last,
/// and its colour (`#rrggbb`).
pub type Laser = (Vec<(f32, f32)>, String);

/// Which side of a class this page is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Started the class: publishes the board.
    Teacher,
    /// Opened the student link: follows the board.
    Student,
    /// A projector window following a presenter on the same computer.
    Projector,
}

/// The live class's state in the page; provided as context.
#[derive(Clone, Copy)]
pub struct LiveCtx {
    /// The side this page is on, while a class is on.
    pub role: RwSignal<Option<Role>>,
    /// The connection to the relay.
    pub link: RwSignal<Link>,
    /// The link students open.
    pub student_link: RwSignal<String>,
    /// Teacher: the students connected, by the relay's peer id.
    pub students: RwSignal<BTreeSet<String>>,
    /// Teacher: the hand-ins and raised hands.
    pub hand_ins: RwSignal<HandIns>,
    /// Whether students follow (locked) or work on their own copy; on a
    /// student's page, what the teacher said last.
    pub locked: RwSignal<bool>,
    /// Student: the banner's mode.
    pub mode: RwSignal<Mode>,
    /// Student: the hand is up.
    pub raised: RwSignal<bool>,
    /// Student: the name they hand in under.
    pub name: RwSignal<String>,
    /// Student: the teacher's laser (world points, newest last, and colour).
    pub laser: RwSignal<Option<Laser>>,
    /// The student's design shown to the class, by name, while it is shown.
    pub showing: RwSignal<Option<String>>,
    /// Teacher: each hand-in's verdict on the open challenge, by its share
    /// code ("Passed · 2 of 2 goals met"), judged in this page's worker.
    pub verdicts: RwSignal<std::collections::HashMap<String, String>>,
    /// Teacher: whether the class panel is open.
    pub panel_open: RwSignal<bool>,
    session: StoredValue<Option<Rc<Session>>, LocalStorage>,
}

impl LiveCtx {
    /// No class.
    #[must_use]
    pub fn new() -> Self {
        LiveCtx {
            role: RwSignal::new(None),
            link: RwSignal::new(Link::Closed),
            student_link: RwSignal::new(String::new()),
            students: RwSignal::new(BTreeSet::new()),
            hand_ins: RwSignal::new(HandIns::new()),
            locked: RwSignal::new(true),
            mode: RwSignal::new(Mode::Following),
            raised: RwSignal::new(false),
            name: RwSignal::new(String::new()),
            laser: RwSignal::new(None),
            showing: RwSignal::new(None),
            panel_open: RwSignal::new(false),
            verdicts: RwSignal::new(std::collections::HashMap::new()),
            session: StoredValue::new_local(None),
        }
    }

    /// The context provided by the page.
    #[must_use]
    pub fn get() -> Self {
        expect_context()
    }

    /// Whether this page follows someone else's board (a student or a
    /// projector), tracked.
    #[must_use]
    pub fn follows(self) -> bool {
        matches!(self.role.get(), Some(Role::Student | Role::Projector))
    }

    fn session(self) -> Option<Rc<Session>> {
        self.session.with_value(Clone::clone)
    }

    /// Sends `body` to the class (sealed, in order); a teacher's view
    /// messages also go to an attached projector window.
    pub fn send(self, body: Body) {
        projector::publish(&body);
        let Some(s) = self.session() else { return };
        s.outgoing.borrow_mut().push_back(body);
        if s.sending.replace(true) {
            return;
        }
        leptos::task::spawn_local(async move {
            loop {
                let Some(body) = s.outgoing.borrow_mut().pop_front() else {
                    break;
                };
                let cipher = s.cipher.borrow().clone();
                let Some(cipher) = cipher else { continue };
                let kind = body.kind();
                let envelope = s.outbox.borrow_mut().wrap(body);
                if let Ok(frame) = cipher.seal(kind, &envelope.to_bytes()).await
                    && let Some(socket) = s.socket.borrow().as_ref()
                {
                    socket.send(&frame);
                }
            }
            s.sending.set(false);
        });
    }

    /// Shows why a message was dropped, at most once every few seconds.
    fn warn(self, editor: Editor, text: String) {
        let Some(s) = self.session() else { return };
        let now = js_sys::Date::now();
        if now - s.last_warning.get() > 3_000.0 {
            s.last_warning.set(now);
            editor.notify(text, Tone::Error);
        }
    }

    /// Ends the class on this page: the connection closes and the address
    /// forgets the class; the board stays as it is.
    pub fn end(self, editor: Editor) {
        let was = self.role.get_untracked();
        if was == Some(Role::Teacher) {
            // Students hear the class is over; the connection closes once
            // the queue had time to send it.
            self.send(Body::End);
        }
        if let Some(s) = self.session.try_update_value(Option::take).flatten()
            && let Some(socket) = s.socket.borrow().clone()
        {
            let linger = if was == Some(Role::Teacher) { 500 } else { 0 };
            gloo::timers::callback::Timeout::new(linger, move || socket.close()).forget();
        }
        self.link.set(Link::Closed);
        editor.read_only_why.set(None);
        self.role.set(None);
        self.panel_open.set(false);
        self.students.set(BTreeSet::new());
        self.laser.set(None);
        self.showing.set(None);
        forget_address();
        if was == Some(Role::Student) && editor.read_only.get_untracked() {
            editor.notify(
                "You left the class. The board stays here, view only; choose \"Edit a copy\" to keep it.",
                Tone::Info,
            );
        }
    }
}

impl Default for LiveCtx {
    fn default() -> Self {
        LiveCtx::new()
    }
}

/// Whether an address is a live class's or a projector window's.
#[must_use]
pub fn is_class_address(hash: &str) -> bool {
    link::is_live_link(hash) || hash.contains(projector::FRAGMENT)
}

/// Joins what a class address names (a class, or a projector window).
pub fn open_address(editor: Editor, hash: &str) {
    let Some(live) = page().map(|p| p.live) else {
        return;
    };
    let fragment = hash.split_once('#').map_or(hash, |(_, f)| f);
    if let Some(id) = fragment
        .split('&')
        .find_map(|p| p.strip_prefix(projector::FRAGMENT))
    {
        projector::join(live, editor, id);
    } else {
        join(live, editor, hash);
    }
}

/// The page's handles a class drives. A class's callbacks run outside the
/// component tree (socket, channel and address events), where context is
/// not available, so they are kept here when the class is set up.
#[derive(Clone, Copy)]
pub(crate) struct PageHandles {
    pub(crate) live: LiveCtx,
    pub(crate) present: crate::present::Present,
    pub(crate) run: crate::run::RunCtx,
    pub(crate) lib: crate::library::LibCtx,
}

thread_local! {
    static PAGE: Cell<Option<PageHandles>> = const { Cell::new(None) };
}

/// The page's handles, once [`install`] ran.
pub(crate) fn page() -> Option<PageHandles> {
    PAGE.with(Cell::get)
}

/// Sets up the class's watchers, and joins the class the address names.
pub fn install(
    live: LiveCtx,
    editor: Editor,
    present: crate::present::Present,
    run: crate::run::RunCtx,
) {
    PAGE.with(|p| {
        p.set(Some(PageHandles {
            live,
            present,
            run,
            lib: crate::library::LibCtx::get(),
        }));
    });
    teacher::install(live, editor, present, run);
    student::install(live, editor, run);
    let hash = crate::persist::current_hash();
    if is_class_address(&hash) {
        open_address(editor, &hash);
    }
}

/// Starts a class as its teacher.
pub fn start(live: LiveCtx, editor: Editor) {
    if live.role.get_untracked().is_some() {
        live.panel_open.set(true);
        return;
    }
    let (secret, key) = match (crypto::random::<32>(), crypto::random::<32>()) {
        (Ok(s), Ok(k)) => (s, k),
        (Err(e), _) | (_, Err(e)) => {
            editor.notify(format!("A live class cannot start: {e}."), Tone::Error);
            return;
        }
    };
    let keys = ClassKeys::new(secret, key);
    let relay = relay_base(None);
    let own_origin = relay == relay_base_of_origin();
    let relay_part = if own_origin {
        String::new()
    } else {
        format!("&relay={relay}")
    };
    set_address(&format!("{}{relay_part}", keys.teacher_fragment()));
    live.student_link.set(format!(
        "{}#{}{relay_part}",
        page_base(),
        keys.student_fragment()
    ));
    live.locked.set(true);
    live.role.set(Some(Role::Teacher));
    live.panel_open.set(true);
    connect(live, editor, keys, relay);
}

/// Joins the class a `#live=…` address names: as its teacher when it
/// carries the teacher's secret (a reopened teacher's page), else as a
/// student. A damaged link says which part is damaged and opens nothing.
pub fn join(live: LiveCtx, editor: Editor, hash: &str) {
    let keys = match ClassKeys::parse(hash) {
        Ok(k) => k,
        Err(e) => {
            editor.notify(e.to_string(), Tone::Error);
            return;
        }
    };
    let relay = match link::relay_in(hash) {
        Ok(r) => relay_base(r),
        Err(e) => {
            editor.notify(e.to_string(), Tone::Error);
            return;
        }
    };
    if let Some(s) = live.session()
        && s.keys.room() == keys.room()
    {
        return;
    }
    live.end(editor);
    let relay_part = link::relay_in(hash)
        .ok()
        .flatten()
        .map(|r| format!("&relay={r}"))
        .unwrap_or_default();
    live.student_link.set(format!(
        "{}#{}{relay_part}",
        page_base(),
        keys.student_fragment()
    ));
    set_address(&format!(
        "{}{relay_part}",
        if keys.is_teacher() {
            keys.teacher_fragment()
        } else {
            keys.student_fragment()
        }
    ));
    if keys.is_teacher() {
        live.locked.set(true);
        live.role.set(Some(Role::Teacher));
        live.panel_open.set(true);
    } else {
        // The class's board is not one of the student's designs: it is
        // stored only once the class is unlocked and it becomes their copy.
        if let Some(ctx) = page().map(|p| p.lib) {
            crate::library::save_open(editor, ctx);
            ctx.set_unstored(None);
        }
        live.role.set(Some(Role::Student));
        editor.read_only_why.set(Some(
            "The class follows the teacher's board. When the teacher unlocks the class, you get your own copy to work on.",
        ));
        live.mode.set(Mode::Following);
        editor.read_only.set(true);
    }
    connect(live, editor, keys, relay);
}

/// The student panned or zoomed by hand.
pub fn panned(live: LiveCtx, editor: Editor) {
    if let Some(s) = live.session() {
        let effects = s.follower.borrow_mut().panned();
        student::apply(live, editor, effects);
    }
}

/// The teacher's latest view, as this follower heard it.
fn teacher_view(live: LiveCtx) -> Option<View> {
    live.session()
        .and_then(|s| s.follower.borrow().state().and_then(|st| st.view))
}

/// "Return to the teacher".
pub fn resume(live: LiveCtx, editor: Editor) {
    if let Some(s) = live.session() {
        let effects = s.follower.borrow_mut().resume();
        student::apply(live, editor, effects);
    }
}
