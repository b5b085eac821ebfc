//! The follower's side (a student or a projector window): carrying out
//! what core's follow state machine says, and the teacher's laser.

use std::str::FromStr;

use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use skydraft_core::design::{ComponentId, LinkId};
use skydraft_core::library::Origin;
use skydraft_core::live::follow::{Effect as Do, Mode};
use skydraft_core::share;

use super::{LiveCtx, Role};
use crate::geom::Viewport;
use crate::library as lib;
use crate::run::RunCtx;
use crate::state::{Editor, Selection, Tone};

/// Points of the teacher's laser trail a follower keeps.
const LASER_TRAIL: usize = 96;

/// How long the teacher's laser stays after its last points, ms.
const LASER_MS: u32 = 1_200;

thread_local! {
    /// The viewport the page last set to follow the teacher: any other
    /// viewport while following is the student's own pan or zoom.
    static FOLLOWED: std::cell::Cell<Option<Viewport>> = const { std::cell::Cell::new(None) };
    /// Until when (ms) viewport changes are the page's own (a step's fit).
    static SETTLING: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    /// The canvas' size when the viewport last changed.
    static CANVAS: std::cell::Cell<Option<(f64, f64)>> = const { std::cell::Cell::new(None) };
    /// The moment to jump to once the run under way is done.
    static PENDING_MOMENT: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
    /// The teacher's latest selection: a new board keeps it highlighted.
    static TEACHER_SELECTION: std::cell::RefCell<Selection> = std::cell::RefCell::new(Selection::default());
    /// The timer that clears the teacher's laser.
    static LASER_CLEAR: std::cell::RefCell<Option<Timeout>> = const { std::cell::RefCell::new(None) };
}

/// Carries out `effects` in order.
pub fn apply(live: LiveCtx, editor: Editor, effects: Vec<Do>) {
    for effect in effects {
        apply_one(live, editor, effect);
    }
}

fn apply_one(live: LiveCtx, editor: Editor, effect: Do) {
    match effect {
        Do::Open(code) => {
            live.showing.set(None);
            open_board(live, editor, &code);
        }
        Do::Fit(view) => {
            let (w, h) = crate::canvas::canvas_size();
            let v = super::follow_fit(view, w, h);
            FOLLOWED.with(|f| f.set(Some(v)));
            editor.viewport.set(v);
        }
        Do::Select(ids) => {
            let sel = selection_of(&ids);
            TEACHER_SELECTION.with(|s| *s.borrow_mut() = sel.clone());
            editor.selection.set(sel);
        }
        Do::Moment(ms) => moment(editor, ms),
        Do::Step(step) => {
            settle();
            let Some(present) = super::page().map(|p| p.present) else {
                return;
            };
            match step {
                Some(i) if present.on.get_untracked() => present.go(editor, i as usize),
                Some(i) => present.enter(editor, i as usize, false),
                None => present.leave(editor),
            }
        }
        Do::Laser(points, colour) => {
            // Each message carries the points since the last: the trail
            // grows from them, its oldest points falling off.
            live.laser.update(|l| {
                let mut trail = l.take().map(|(p, _)| p).unwrap_or_default();
                trail.extend(points);
                let excess = trail.len().saturating_sub(LASER_TRAIL);
                trail.drain(..excess);
                *l = Some((trail, colour));
            });
            LASER_CLEAR.with(|t| {
                *t.borrow_mut() = Some(Timeout::new(LASER_MS, move || live.laser.set(None)));
            });
        }
        Do::Show(name, code) => {
            open_board(live, editor, &code);
            editor.notify(
                format!("The teacher is showing {}'s design.", display_name(&name)),
                Tone::Info,
            );
            live.showing.set(Some(name));
        }
        Do::Mode(mode) => set_mode(live, editor, mode),
        Do::Ended => {
            live.end(editor);
            editor.notify(
                "The teacher ended the class. The board stays here; your own copies are in My designs.",
                Tone::Info,
            );
        }
    }
}

fn display_name(name: &str) -> String {
    if name.trim().is_empty() {
        "a student".to_owned()
    } else {
        name.trim().to_owned()
    }
}

/// The teacher's board, view only: what the student had of their own is
/// stored first.
fn open_board(live: LiveCtx, editor: Editor, code: &str) {
    match share::decode(code) {
        Ok((design, scenario)) => {
            if let Some(ctx) = super::page().map(|p| p.lib) {
                lib::save_open(editor, ctx);
                ctx.set_unstored(None);
            }
            editor
                .read_only
                .set(live.mode.get_untracked() != Mode::Free);
            editor.load(design, scenario);
            if live.mode.get_untracked() != Mode::Free {
                let mut sel = TEACHER_SELECTION.with(|s| s.borrow().clone());
                editor.design.with_untracked(|d| sel.retain_existing(d));
                editor.selection.set(sel);
            }
            if live.role.get_untracked() == Some(Role::Student)
                && live.mode.get_untracked() == Mode::Free
            {
                own_copy(editor);
            }
        }
        Err(e) => editor.notify(
            format!("The teacher's board could not be opened: {e}."),
            Tone::Error,
        ),
    }
}

/// The board becomes the student's own copy, stored in My designs.
fn own_copy(editor: Editor) {
    let Some(ctx) = super::page().map(|p| p.lib) else {
        editor.read_only.set(false);
        return;
    };
    let (d, s) = (
        editor.design.get_untracked(),
        editor.scenario.get_untracked(),
    );
    lib::open_new(editor, ctx, d, s, Origin::Copy, true);
}

fn set_mode(live: LiveCtx, editor: Editor, mode: Mode) {
    let before = live.mode.get_untracked();
    live.mode.set(mode);
    live.locked.set(mode != Mode::Free);
    if live.role.get_untracked() != Some(Role::Student) {
        return;
    }
    if mode == Mode::Free && before != Mode::Free {
        own_copy(editor);
        editor.notify(
            "The teacher unlocked the class: this is your own copy, kept in My designs. Hand it in when you are ready.",
            Tone::Info,
        );
    } else if mode != Mode::Free && before == Mode::Free {
        editor.read_only_why.set(Some(
            "The teacher locked the class: you follow the teacher's board again. Your copy is in My designs.",
        ));
        if let Some(ctx) = super::page().map(|p| p.lib) {
            lib::save_open(editor, ctx);
        }
        editor.read_only.set(true);
    }
}

/// The ids the teacher selected that this board has.
fn selection_of(ids: &[String]) -> Selection {
    let mut sel = Selection::default();
    for id in ids {
        if let Ok(c) = ComponentId::from_str(id) {
            sel.components.insert(c);
        } else if let Ok(l) = LinkId::from_str(id) {
            sel.links.insert(l);
        }
    }
    sel
}

/// Jumps the replay to `ms`; without a run yet, runs the board first (the
/// same deterministic run the teacher has) and jumps once it is done.
fn moment(editor: Editor, ms: Option<u64>) {
    let Some(run) = super::page().map(|p| p.run) else {
        return;
    };
    PENDING_MOMENT.with(|p| p.set(None));
    #[allow(clippy::cast_precision_loss)]
    let seconds = ms.map(|m| m as f64 / 1000.0);
    if seconds.is_some() && run.run().is_none() {
        PENDING_MOMENT.with(|p| p.set(seconds));
        if !run.running() {
            run.start(editor);
        }
        return;
    }
    run.moment.set(seconds);
}

/// Viewport changes for a moment are the page's own (a step's fit).
fn settle() {
    SETTLING.with(|s| s.set(js_sys::Date::now() + 600.0));
}

/// Watches the student's viewport: a pan or zoom of their own pauses
/// following.
pub fn install(live: LiveCtx, editor: Editor, run: RunCtx) {
    Effect::new(move |_| {
        if run.run().is_some()
            && let Some(m) = PENDING_MOMENT.with(|p| p.take())
        {
            run.moment.set(Some(m));
        }
    });
    Effect::new(move |_| {
        let v = editor.viewport.get();
        let size = crate::canvas::canvas_size();
        let resized = CANVAS
            .with(|c| c.replace(Some(size)))
            .is_some_and(|was| was != size);
        if live.role.get_untracked() != Some(Role::Student)
            || live.mode.get_untracked() != Mode::Following
        {
            return;
        }
        // The canvas changed size (the results drawer opened): the page
        // moved the view, not the student; fit the teacher's view again.
        if resized {
            if let Some(view) = super::teacher_view(live) {
                let fitted = super::follow_fit(view, size.0, size.1);
                FOLLOWED.with(|f| f.set(Some(fitted)));
                if fitted != v {
                    editor.viewport.set(fitted);
                }
            }
            return;
        }
        let ours = FOLLOWED.with(std::cell::Cell::get) == Some(v)
            || SETTLING.with(std::cell::Cell::get) > js_sys::Date::now();
        if !ours && FOLLOWED.with(std::cell::Cell::get).is_some() {
            super::panned(live, editor);
        }
    });
}

/// The teacher's laser over the student's canvas.
#[component]
pub fn LiveLaser() -> impl IntoView {
    let live = LiveCtx::get();
    let editor = Editor::get();
    move || {
        live.laser.get().map(|(points, colour)| {
            let n = points.len().max(1);
            let lines = points
                .windows(2)
                .enumerate()
                .map(|(i, w)| {
                    #[allow(clippy::cast_precision_loss)]
                    let opacity = format!("{:.2}", 0.3 + 0.7 * (i + 1) as f64 / n as f64);
                    view! { <line x1=w[0].0 y1=w[0].1 x2=w[1].0 y2=w[1].1 stroke=colour.clone()
                        stroke-width="5" stroke-linecap="round" stroke-opacity=opacity
                        vector-effect="non-scaling-stroke" /> }
                })
                .collect_view();
            let dot = points.last().map(|&(x, y)| {
                view! { <circle cx=x cy=y r="6" fill=colour.clone() /> }
            });
            view! {
                <svg class="live-laser-layer" aria-hidden="true">
                    <g data-testid="live-laser" transform=move || editor.viewport.with(Viewport::transform)>
                        {lines}{dot}
                    </g>
                </svg>
            }
        })
    }
}
