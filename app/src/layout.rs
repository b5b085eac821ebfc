//! Small screens (phones, tablets in portrait): the palette and the inspector
//! become bottom sheets over a full-width canvas, and a sticky bar at the
//! bottom opens them and holds Undo, Redo, Share and Run within a thumb's reach. Which
//! sheet is open is one signal; the stylesheet decides, by the screen's
//! width, whether the bar and the sheets are shown at all.

use leptos::prelude::*;

use crate::actions::ActionId;
use crate::run::RunCtx;
use crate::state::Editor;
use crate::topbar::{copy_link, step_title};

/// The bottom sheet open on a small screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sheet {
    /// None: the canvas has the screen.
    #[default]
    None,
    /// The palette, to add components.
    Palette,
    /// The inspector, for the selection's settings.
    Inspector,
}

impl Sheet {
    /// The sheet's name in the page's `data-sheet` attribute.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Sheet::None => "none",
            Sheet::Palette => "palette",
            Sheet::Inspector => "inspector",
        }
    }

    /// The sheet after its bar button for `s` is pressed: opens it, or closes it
    /// when it is the one open.
    #[must_use]
    pub fn toggled(self, s: Sheet) -> Sheet {
        if self == s { Sheet::None } else { s }
    }
}

/// The layout's shared state.
#[derive(Debug, Clone, Copy)]
pub struct LayoutCtx {
    /// The bottom sheet open on a small screen.
    pub sheet: RwSignal<Sheet>,
}

impl LayoutCtx {
    /// A layout with no sheet open.
    #[must_use]
    pub fn new() -> Self {
        LayoutCtx {
            sheet: RwSignal::new(Sheet::None),
        }
    }

    /// The layout from the page's context.
    #[must_use]
    pub fn get() -> Self {
        expect_context::<LayoutCtx>()
    }

    /// Closes whichever sheet is open.
    pub fn close(self) {
        self.sheet.set(Sheet::None);
    }
}

impl Default for LayoutCtx {
    fn default() -> Self {
        Self::new()
    }
}

/// The sticky bar of a small screen: Add, Details, Share and Run.
#[component]
pub fn MobileBar() -> impl IntoView {
    let editor = Editor::get();
    let layout = LayoutCtx::get();
    let run = expect_context::<RunCtx>();
    let sheet_btn = move |s: Sheet, label: &'static str, id: &'static str| {
        view! {
            <button class="btn" data-testid=id aria-expanded=move || (layout.sheet.get() == s).to_string()
                class:active=move || layout.sheet.get() == s
                on:click=move |_| layout.sheet.update(|o| *o = o.toggled(s))>{label}</button>
        }
    };
    view! {
        <nav class="mobile-bar" aria-label="Design actions">
            <Show when=move || !editor.read_only.get()>
                <button class="btn icon" data-testid="mobile-undo" aria-label="Undo"
                    title=move || step_title(ActionId::Undo, editor.step_label(true))
                    disabled=move || !editor.can_undo() on:click=move |_| editor.undo()>
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" /></svg>
                </button>
                <button class="btn icon" data-testid="mobile-redo" aria-label="Redo"
                    title=move || step_title(ActionId::Redo, editor.step_label(false))
                    disabled=move || !editor.can_redo() on:click=move |_| editor.redo()>
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" /></svg>
                </button>
                {sheet_btn(Sheet::Palette, "Add", "sheet-palette")}
            </Show>
            {sheet_btn(Sheet::Inspector, "Details", "sheet-inspector")}
            <button class="btn" data-testid="mobile-share" on:click=move |_| copy_link(editor, false)>"Share"</button>
            <button class="btn primary" data-testid="mobile-run" disabled=move || run.running()
                on:click=move |_| { layout.close(); run.start(editor); }>
                <svg viewBox="0 0 24 24" class="play" aria-hidden="true"><path d="M7 4l13 8-13 8z" /></svg>
                "Run"
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_button_opens_its_sheet_and_closes_it_again() {
        assert_eq!(Sheet::None.toggled(Sheet::Palette), Sheet::Palette);
        assert_eq!(Sheet::Palette.toggled(Sheet::Palette), Sheet::None);
        assert_eq!(Sheet::Palette.toggled(Sheet::Inspector), Sheet::Inspector);
        assert_eq!(Sheet::Inspector.id(), "inspector");
    }
}
