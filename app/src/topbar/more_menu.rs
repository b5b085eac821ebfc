//! The More menu of a phone's top bar: My designs, New, Templates, the
//! Export items and the theme, which on a wider screen are buttons of their
//! own. One button keeps the bar to a single row at 390 px; the stylesheet
//! shows either the buttons or this menu, by the screen's width.

use leptos::prelude::*;

use super::export_menu::{ExportItems, ImportItem};
use super::theme_switch::ChoiceItem;
use crate::library::{self as lib, LibCtx};
use crate::menu::{Menu, MenuButton};
use crate::state::Editor;
use crate::theme::Choice;

/// The More button and its menu.
#[component]
pub(super) fn MoreMenu(
    /// Opens or closes the templates gallery.
    templates_open: RwSignal<bool>,
) -> impl IntoView {
    let editor = Editor::get();
    let lib_ctx = LibCtx::get();
    let challenges = crate::challenge::ChallengeCtx::get();
    let compare = crate::compare::CompareCtx::get();
    let menu = Menu::new("more");
    let label = Signal::derive(|| "More: designs, templates, export, theme".to_owned());
    view! {
        <MenuButton menu testid="more" class="btn icon" label list_label="More" wrap_class="more-menu"
            list_class="theme-menu"
            button=|| view! {
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 6h16M4 12h16M4 18h16" /></svg>
            }>
            <button role="menuitem" tabindex="-1" data-testid="more-designs"
                on:click=move |_| lib_ctx.list_open.set(true)>"My designs"</button>
            <button role="menuitem" tabindex="-1" data-testid="more-new"
                on:click=move |_| lib::new_design(editor, lib_ctx)>"New design"</button>
            <button role="menuitem" tabindex="-1" data-testid="more-templates"
                on:click=move |_| templates_open.set(true)>"Templates"</button>
            <button role="menuitem" tabindex="-1" data-testid="more-challenges"
                on:click=move |_| challenges.gallery_open.set(true)>"Challenges"</button>
            <button role="menuitem" tabindex="-1" data-testid="more-compare"
                on:click=move |_| compare.open.set(true)>"Compare architectures"</button>
            <div class="menu-sep" role="separator" />
            <ExportItems prefix="more-" />
            <ImportItem menu />
            <div class="menu-sep" role="separator" />
            {Choice::ALL.into_iter().map(|choice| view! { <ChoiceItem choice prefix="more-" /> }).collect_view()}
        </MenuButton>
    }
}
