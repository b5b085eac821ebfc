//! The teacher's side: what the board publishes and when.
//!
//! Changes are collected and sent on a short tick rather than on every
//! frame of a drag, so a class stays well inside the relay's rate for a
//! teacher (30 messages a second, `server/src/limits.rs`): the board's
//! snapshot when the design, the scenario or the lock changed, then the
//! latest viewport, selection, replay moment, step and laser points.

use std::cell::RefCell;

use gloo::timers::callback::Interval;
use leptos::prelude::*;
use skydraft_core::live::message::{Body, MAX_LASER_POINTS, State, View};
use skydraft_core::share;

use super::{LiveCtx, Role};
use crate::present::Present;
use crate::run::RunCtx;
use crate::state::Editor;

/// How often collected changes are sent, ms: at most ~7 ticks a second.
const TICK_MS: u32 = 150;

/// What changed since the last tick.
#[derive(Default)]
struct Pending {
    snapshot: bool,
    view: Option<View>,
    selection: Option<Vec<String>>,
    moment: Option<Option<u64>>,
    step: Option<Option<u32>>,
    laser: Vec<(f32, f32)>,
    laser_colour: String,
}

thread_local! {
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
}

fn pending(f: impl FnOnce(&mut Pending)) {
    PENDING.with(|p| f(&mut p.borrow_mut()));
}

/// Whether this page publishes (a teacher, or a presenter with a projector
/// window attached), untracked.
fn publishing(live: LiveCtx) -> bool {
    live.role.get_untracked() == Some(Role::Teacher) || super::projector::attached()
}

/// The class's whole state now.
fn state(live: LiveCtx, editor: Editor) -> State {
    let code = editor
        .design
        .with_untracked(|d| editor.scenario.with_untracked(|s| share::encode(d, s)));
    let present = super::page().map(|p| p.present);
    let run = super::page().map(|p| p.run);
    State {
        code,
        locked: live.locked.get_untracked(),
        view: Some(current_view(editor)),
        moment_ms: run
            .and_then(|r| r.moment.get_untracked())
            .map(seconds_to_ms),
        step: present
            .filter(|p| p.on.get_untracked())
            .map(|p| u32::try_from(p.step.get_untracked()).unwrap_or(u32::MAX)),
        challenge: None,
    }
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn seconds_to_ms(s: f64) -> u64 {
    (s.max(0.0) * 1000.0).round() as u64
}

fn current_view(editor: Editor) -> View {
    let (w, h) = crate::canvas::canvas_size();
    super::view_of(editor.viewport.get_untracked(), w, h)
}

/// Sends the whole class again now (a (re)connection, the lock changed).
pub fn resend(live: LiveCtx, editor: Editor) {
    pending(|p| *p = Pending::default());
    live.send(Body::Snapshot(state(live, editor)));
}

/// A notice from the relay: a student joined or left.
pub fn notice(live: LiveCtx, text: &str) {
    if let Some(peer) = text.strip_prefix("joined ") {
        live.students.update(|s| {
            s.insert(peer.to_owned());
        });
    } else if let Some(peer) = text.strip_prefix("left ") {
        live.students.update(|s| {
            s.remove(peer);
        });
    }
}

/// Judges a hand-in against the challenge open on the teacher's page, in
/// the worker; its verdict lands in [`LiveCtx::verdicts`].
pub fn judge_hand_in(live: LiveCtx, editor: Editor, code: String) {
    let (Some(challenge), Some(run)) = (
        editor.challenge.get_untracked(),
        super::page().map(|p| p.run),
    ) else {
        return;
    };
    if live.verdicts.with_untracked(|v| v.contains_key(&code)) {
        return;
    }
    let Ok((design, _)) = share::decode(&code) else {
        return;
    };
    live.verdicts.update(|v| {
        v.insert(code.clone(), "Judging…".to_owned());
    });
    run.judge_aside(challenge, design, move |outcome| {
        let line = match outcome {
            Ok(j) => j.verdict.summary(),
            Err(e) => format!("Could not be judged: {e}"),
        };
        live.verdicts.update(|v| {
            v.insert(code, line);
        });
    });
}

/// A laser point the presenter drew, in world units.
pub fn laser_point(x: f64, y: f64, colour: &str) {
    #[allow(clippy::cast_possible_truncation)]
    pending(|p| {
        if p.laser.len() >= MAX_LASER_POINTS {
            p.laser.remove(0);
        }
        p.laser.push((x as f32, y as f32));
        colour.clone_into(&mut p.laser_colour);
    });
}

/// Watches the board and publishes its changes while this page is the
/// teacher's (or has a projector window).
pub fn install(live: LiveCtx, editor: Editor, present: Present, run: RunCtx) {
    Effect::new(move |_| {
        editor.design.track();
        editor.scenario.track();
        live.locked.track();
        pending(|p| p.snapshot = true);
    });
    Effect::new(move |_| {
        let v = editor.viewport.get();
        // No layout read on every pan of a page that publishes nothing.
        if !publishing(live) {
            return;
        }
        let (w, h) = crate::canvas::canvas_size();
        pending(|p| p.view = Some(super::view_of(v, w, h)));
    });
    Effect::new(move |_| {
        editor.selection.track();
        if !publishing(live) {
            return;
        }
        let ids = editor.selection.with_untracked(|s| {
            s.components
                .iter()
                .map(ToString::to_string)
                .chain(s.links.iter().map(ToString::to_string))
                .collect::<Vec<_>>()
        });
        pending(|p| p.selection = Some(ids));
    });
    Effect::new(move |_| {
        let m = run.moment.get().map(seconds_to_ms);
        pending(|p| p.moment = Some(m));
    });
    Effect::new(move |_| {
        let step = present
            .on
            .get()
            .then(|| u32::try_from(present.step.get()).unwrap_or(u32::MAX));
        pending(|p| p.step = Some(step));
    });
    let ticker = Interval::new(TICK_MS, move || {
        if publishing(live) {
            flush(live, editor);
        } else {
            pending(|p| *p = Pending::default());
        }
    });
    ticker.forget();
}

/// Sends what changed since the last tick.
fn flush(live: LiveCtx, editor: Editor) {
    let p = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if p.snapshot {
        // The snapshot carries the view, moment and step too.
        live.send(Body::Snapshot(state(live, editor)));
    } else {
        if let Some(v) = p.view.filter(View::is_valid) {
            live.send(Body::View(v));
        }
        if let Some(m) = p.moment {
            live.send(Body::Moment(m));
        }
        if let Some(s) = p.step {
            live.send(Body::Step(s));
        }
    }
    if let Some(ids) = p.selection {
        live.send(Body::Selection(ids));
    }
    if !p.laser.is_empty() {
        live.send(Body::Laser {
            points: p.laser,
            colour: p.laser_colour,
        });
    }
}
