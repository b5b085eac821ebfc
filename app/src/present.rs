//! The classroom's presenter tools: presentation mode (full screen, panels
//! hidden, labels larger, the design's steps walked with the keyboard or a
//! clicker), the pen, highlighter and laser ([`ink`]), and the chrome-less
//! embed layout ([`embed`]).
//!
//! What the presenter is doing (tool, colours, presenting, the step shown)
//! is page state, never part of the document; steps and strokes are, and
//! change only through core's commands.

mod bar;
pub mod embed;
pub mod ink;
mod screen;
mod target;

use leptos::prelude::*;
use skydraft_core::design::{ComponentId, InkColour, LinkId};

pub use bar::PresentBar;

use crate::geom::Viewport;
use crate::run::RunCtx;
use crate::state::Editor;

/// What a pointer on the canvas does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// Select, move and connect (the editor's own gestures).
    Select,
    /// Draw a pen stroke into the design.
    Pen,
    /// Draw a highlighter stroke into the design.
    Highlighter,
    /// Point with a fading trail that is not part of the design.
    Laser,
}

impl Tool {
    /// The tool's name on its button.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Tool::Select => "Select",
            Tool::Pen => "Pen",
            Tool::Highlighter => "Highlighter",
            Tool::Laser => "Laser pointer",
        }
    }

    /// The id tests and styles use ("pen").
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Tool::Select => "select",
            Tool::Pen => "pen",
            Tool::Highlighter => "highlighter",
            Tool::Laser => "laser",
        }
    }

    /// Whether the tool changes the document (refused on a view-only design).
    #[must_use]
    pub fn edits(self) -> bool {
        matches!(self, Tool::Pen | Tool::Highlighter)
    }
}

/// The presenter's state; provided as context.
#[derive(Clone, Copy)]
pub struct Present {
    /// The canvas tool.
    pub tool: RwSignal<Tool>,
    /// The pen's and highlighter's colour.
    pub ink: RwSignal<InkColour>,
    /// The laser's colour.
    pub laser: RwSignal<InkColour>,
    /// Whether presentation mode is on.
    pub on: RwSignal<bool>,
    /// The step shown (0-based), while presenting.
    pub step: RwSignal<usize>,
    /// Whether the page is embedded (`&embed`).
    pub embed: RwSignal<bool>,
    /// The run whose replay a step's moment moves (held here: steps are
    /// also walked from the key handler, outside the component tree).
    run: RunCtx,
}

impl Present {
    /// Nothing on: the select tool, red ink, a red laser; steps' replay
    /// moments move `run`'s replay.
    #[must_use]
    pub fn new(run: RunCtx) -> Self {
        Present {
            tool: RwSignal::new(Tool::Select),
            ink: RwSignal::new(InkColour::Red),
            laser: RwSignal::new(InkColour::Red),
            on: RwSignal::new(false),
            step: RwSignal::new(0),
            embed: RwSignal::new(false),
            run,
        }
    }

    /// The context provided by the page.
    #[must_use]
    pub fn get() -> Self {
        expect_context()
    }

    /// Enters presentation mode at step `index`, full screen where allowed
    /// when `full` (a key or a button asked; a link cannot).
    pub fn enter(self, editor: Editor, index: usize, full: bool) {
        editor.seal();
        self.on.set(true);
        if full {
            screen::full_screen(true);
        }
        screen::leave_on_exit(self, editor);
        // The panels go first, so the step fits the canvas' new size.
        request_animation_frame(move || self.go(editor, index));
    }

    /// Leaves presentation mode.
    pub fn leave(self, editor: Editor) {
        if !self.on.get_untracked() {
            return;
        }
        self.on.set(false);
        screen::full_screen(false);
        request_animation_frame(move || crate::canvas::zoom_to_fit(editor));
    }

    /// Shows step `index` (clamped to the steps there are): fits its frame
    /// or region, and jumps the replay to its moment when a run is done.
    pub fn go(self, editor: Editor, index: usize) {
        let count = editor.design.with_untracked(|d| d.steps.len());
        self.step.set(index.min(count.saturating_sub(1)));
        self.refit(editor);
        let moment = editor.design.with_untracked(|d| {
            d.steps
                .get(self.step.get_untracked())
                .and_then(|s| s.moment)
        });
        if let Some(t) = moment
            && self.has_run_untracked()
        {
            self.run.moment.set(Some(t));
        }
    }

    /// Whether the last run finished (untracked): its replay can be moved.
    fn has_run_untracked(self) -> bool {
        self.run
            .state
            .with_untracked(|s| matches!(s, crate::run::RunState::Done(_)))
    }

    /// Fits the view to the step shown (its frame or region, else the whole
    /// design) on the canvas as it is now: after a step change, and when
    /// the canvas changes size while presenting (the panels going away as
    /// the mode starts, a window resized on the projector).
    pub fn refit(self, editor: Editor) {
        let rect = editor.design.with_untracked(|d| {
            d.steps
                .get(self.step.get_untracked())
                .and_then(|s| d.step_rect(s))
                .or_else(|| crate::geom::bounds(d))
        });
        let (w, h) = crate::canvas::canvas_size();
        let least = editor.fit_least.get_untracked();
        editor
            .viewport
            .set(rect.map_or_else(Viewport::default, |r| Viewport::fit_down_to(r, w, h, least)));
    }

    /// The next step; says whether there was one.
    pub fn next(self, editor: Editor) -> bool {
        let count = editor.design.with_untracked(|d| d.steps.len());
        let i = self.step.get_untracked();
        if i + 1 < count {
            self.go(editor, i + 1);
            true
        } else {
            false
        }
    }

    /// The step before; says whether there was one.
    pub fn prev(self, editor: Editor) -> bool {
        let i = self.step.get_untracked();
        if i > 0 {
            self.go(editor, i - 1);
            true
        } else {
            false
        }
    }

    /// Whether a component is hidden at the step shown (a later step reveals it).
    #[must_use]
    pub fn hides_component(self, editor: Editor, id: ComponentId) -> bool {
        self.on.get()
            && editor
                .design
                .with(|d| d.hidden_at(self.step.get()).0.contains(&id))
    }

    /// Whether a link is hidden at the step shown.
    #[must_use]
    pub fn hides_link(self, editor: Editor, id: LinkId) -> bool {
        self.on.get()
            && editor
                .design
                .with(|d| d.hidden_at(self.step.get()).1.contains(&id))
    }
}
