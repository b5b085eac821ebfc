//! The theme control: a button showing the current choice that opens a menu
//! of System, Light and Dark, with the behaviour of every menu
//! ([`crate::menu`]).

use leptos::prelude::*;

use crate::menu::{Menu, MenuButton};
use crate::theme::{self, Choice, ThemeCtx};

/// The icon of a theme choice: a monitor, a sun or a moon (constant markup).
fn theme_icon(choice: Choice) -> &'static str {
    match choice {
        Choice::System => {
            r#"<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/>"#
        }
        Choice::Light => {
            r#"<circle cx="12" cy="12" r="4"/><path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"/>"#
        }
        Choice::Dark => r#"<path d="M20.5 14.2A8.5 8.5 0 1 1 9.8 3.5a7 7 0 0 0 10.7 10.7z"/>"#,
    }
}

/// One choice in the menu, checked when it is the current one.
#[component]
pub(super) fn ChoiceItem(
    /// The theme it picks.
    choice: Choice,
    /// Put before the item's test id (`""` in the Theme menu).
    #[prop(default = "")]
    prefix: &'static str,
) -> impl IntoView {
    let ctx = ThemeCtx::get();
    let c = choice;
    view! {
        <button role="menuitemradio" tabindex="-1" data-testid=format!("{prefix}theme-{}", c.as_str())
            data-choice=c.as_str() aria-checked=move || (ctx.choice.get() == c).to_string()
            on:click=move |_| ctx.choice.set(c)>
            <svg viewBox="0 0 24 24" aria-hidden="true" inner_html=theme_icon(c) />
            <span class="grow">{c.label()}</span>
            <span class="check" aria-hidden="true">{move || if ctx.choice.get() == c { "✓" } else { "" }}</span>
        </button>
    }
}

/// The theme control.
#[component]
pub(super) fn ThemeSwitch() -> impl IntoView {
    let ctx = ThemeCtx::get();
    let menu = Menu::new("theme");
    let label = Signal::derive(move || theme::describe(ctx.choice.get(), ctx.effective()));
    view! {
        <MenuButton menu testid="theme-toggle" class="btn icon" label list_label="Theme"
            list_class="theme-menu" wrap_class="theme-switch"
            button=move || view! {
                <svg viewBox="0 0 24 24" aria-hidden="true" data-choice=move || ctx.choice.get().as_str()
                    inner_html=move || theme_icon(ctx.choice.get()) />
            }>
            {Choice::ALL.into_iter().map(|choice| view! { <ChoiceItem choice /> }).collect_view()}
        </MenuButton>
    }
}
