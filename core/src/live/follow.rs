//! The student's side of a class as a state machine, and the teacher's
//! list of hand-ins.
//!
//! A student follows while the class is locked and they have not panned:
//! every message is applied. A pan pauses following (the teacher's design
//! still arrives, the view does not) until "Return to the teacher". When
//! the teacher unlocks the class, students work on their own copy: the
//! teacher's messages are kept, not applied, until the class is locked
//! again. The page carries out the returned [`Effect`]s.

use super::message::{Body, State, View};

/// What the banner says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// "Following the teacher".
    Following,
    /// "You moved away" with a button back.
    Paused,
    /// "Working on your own copy".
    Free,
}

/// What the page does after a message or a gesture.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Open this share code as the board (read-only while locked).
    Open(String),
    /// Fit this world rectangle.
    Fit(View),
    /// Highlight these ids.
    Select(Vec<String>),
    /// Jump the replay to this moment (ms), or leave the replay.
    Moment(Option<u64>),
    /// Go to this presentation step, or leave it.
    Step(Option<u32>),
    /// Draw the teacher's laser.
    Laser(Vec<(f32, f32)>, String),
    /// Show this student's design to all (read-only).
    Show(String, String),
    /// The banner changes.
    Mode(Mode),
    /// The teacher ended the class.
    Ended,
}

/// A student's view of the class.
#[derive(Debug, Clone, Default)]
pub struct Follower {
    /// The teacher's latest state, applied or not.
    state: Option<State>,
    /// Whether the student panned away.
    paused: bool,
    /// Whether a student's design shown by the teacher is on the board in
    /// place of the teacher's, so the next snapshot brings the board back.
    showing: bool,
}

impl Follower {
    /// A student who has heard nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Follower::default()
    }

    /// The banner's mode now.
    #[must_use]
    pub fn mode(&self) -> Mode {
        match (&self.state, self.paused) {
            (Some(s), _) if !s.locked => Mode::Free,
            (_, true) => Mode::Paused,
            _ => Mode::Following,
        }
    }

    /// Whether the student may edit the board (only their own copy, when
    /// the class is unlocked).
    #[must_use]
    pub fn may_edit(&self) -> bool {
        self.mode() == Mode::Free
    }

    /// The teacher's latest state.
    #[must_use]
    pub fn state(&self) -> Option<&State> {
        self.state.as_ref()
    }

    /// A message from the teacher (already accepted by the inbox).
    pub fn receive(&mut self, body: Body) -> Vec<Effect> {
        let before = self.mode();
        let mut out = Vec::new();
        match body {
            Body::Snapshot(next) => return self.snapshot(next),
            Body::View(v) => {
                self.update(|s| s.view = Some(v));
                if self.mode() == Mode::Following {
                    out.push(Effect::Fit(v));
                }
            }
            Body::Moment(m) => {
                self.update(|s| s.moment_ms = m);
                out.extend(self.live(Effect::Moment(m)));
            }
            Body::Step(step) => {
                self.update(|s| s.step = step);
                out.extend(self.live(Effect::Step(step)));
            }
            Body::Selection(ids) => out.extend(self.live(Effect::Select(ids))),
            Body::Laser { points, colour } => out.extend(self.live(Effect::Laser(points, colour))),
            Body::Show { name, code } => {
                let shown = self.live(Effect::Show(name, code));
                self.showing |= shown.is_some();
                out.extend(shown);
            }
            Body::End => return vec![Effect::Ended],
            Body::HandIn { .. } | Body::Hand(_) => {}
        }
        if self.mode() != before {
            out.push(Effect::Mode(self.mode()));
        }
        out
    }

    /// The student panned or zoomed by hand: stop following the view.
    pub fn panned(&mut self) -> Vec<Effect> {
        if self.mode() != Mode::Following {
            return Vec::new();
        }
        self.paused = true;
        vec![Effect::Mode(Mode::Paused)]
    }

    /// "Return to the teacher": follow again and catch up at once.
    pub fn resume(&mut self) -> Vec<Effect> {
        if self.mode() != Mode::Paused {
            return Vec::new();
        }
        self.paused = false;
        self.showing = false;
        let mut out = vec![Effect::Mode(Mode::Following)];
        if let Some(s) = &self.state {
            out.extend(catch_up(s));
        }
        out
    }

    fn snapshot(&mut self, next: State) -> Vec<Effect> {
        let before = self.mode();
        let first = self.state.is_none();
        let changed_code = self.state.as_ref().is_none_or(|s| s.code != next.code);
        let relocked = self.state.as_ref().is_some_and(|s| !s.locked) && next.locked;
        if relocked {
            self.paused = false;
        }
        let mut out = Vec::new();
        // A newcomer gets the board even in an unlocked class: it is the
        // copy they start from.
        let back_from_show = std::mem::take(&mut self.showing) && next.locked;
        if first || next.locked && (changed_code || relocked || back_from_show) {
            out.push(Effect::Open(next.code.clone()));
        }
        if next.locked && !self.paused {
            out.extend(catch_up(&next).into_iter().skip(1));
        }
        self.state = Some(next);
        if first || self.mode() != before {
            out.push(Effect::Mode(self.mode()));
        }
        out
    }

    fn update(&mut self, f: impl FnOnce(&mut State)) {
        if let Some(s) = &mut self.state {
            f(s);
        }
    }

    /// `effect` when the student follows the teacher, else nothing.
    fn live(&self, effect: Effect) -> Option<Effect> {
        (self.mode() == Mode::Following).then_some(effect)
    }
}

/// What makes a follower current with `s`: the board first, then the
/// view, the replay moment and the step.
fn catch_up(s: &State) -> Vec<Effect> {
    let mut out = vec![Effect::Open(s.code.clone())];
    out.extend(s.view.map(Effect::Fit));
    out.push(Effect::Moment(s.moment_ms));
    out.push(Effect::Step(s.step));
    out
}

/// One student's latest hand-in, as the teacher's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandIn {
    /// The student's page.
    pub from: u64,
    /// The name they gave.
    pub name: String,
    /// Their design's share code.
    pub code: String,
}

/// The teacher's hand-ins: one per student, the latest, in order of first
/// arrival; raised hands beside them.
#[derive(Debug, Clone, Default)]
pub struct HandIns {
    list: Vec<HandIn>,
    hands: Vec<u64>,
}

/// Hand-ins a teacher's list keeps.
pub const MAX_HAND_INS: usize = 1_000;

impl HandIns {
    /// An empty list.
    #[must_use]
    pub fn new() -> Self {
        HandIns::default()
    }

    /// A student's message (already accepted by the teacher's inbox).
    pub fn receive(&mut self, from: u64, body: Body) {
        match body {
            Body::HandIn { name, code } => {
                if let Some(h) = self.list.iter_mut().find(|h| h.from == from) {
                    h.name = name;
                    h.code = code;
                } else if self.list.len() < MAX_HAND_INS {
                    self.list.push(HandIn { from, name, code });
                }
            }
            Body::Hand(up) => {
                self.hands.retain(|&h| h != from);
                if up && self.hands.len() < MAX_HAND_INS {
                    self.hands.push(from);
                }
            }
            _ => {}
        }
    }

    /// The hand-ins, first arrival first.
    #[must_use]
    pub fn list(&self) -> &[HandIn] {
        &self.list
    }

    /// Raised hands, earliest first.
    #[must_use]
    pub fn hands(&self) -> &[u64] {
        &self.hands
    }
}
