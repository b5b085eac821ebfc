//! The theme control: a button showing the current choice that opens a menu
//! of System, Light and Dark. Arrow keys move through the menu, Escape closes
//! it, leaving focus elsewhere closes it too.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

/// The menu's state and what opens, moves through and closes it.
#[derive(Clone, Copy)]
struct ThemeMenu {
    ctx: ThemeCtx,
    open: RwSignal<bool>,
    button: NodeRef<html::Button>,
    menu: NodeRef<html::Div>,
}

impl ThemeMenu {
    /// The menu's items, in order (none while it is closed).
    fn items(self) -> Vec<web_sys::HtmlElement> {
        let first = self
            .menu
            .get_untracked()
            .and_then(|m| m.first_element_child());
        std::iter::successors(first, web_sys::Element::next_element_sibling)
            .filter_map(|e| e.dyn_into().ok())
            .collect()
    }

    /// Opens the menu with focus on the current choice, as menus do.
    fn show(self) {
        self.open.set(true);
        request_animation_frame(move || {
            let current = self.ctx.choice.get_untracked();
            if let Some(el) = self
                .items()
                .into_iter()
                .find(|e| e.get_attribute("data-choice").as_deref() == Some(current.as_str()))
            {
                let _ = el.focus();
            }
        });
    }

    /// Closes the menu, giving focus back to the button if `refocus`.
    fn close(self, refocus: bool) {
        self.open.set(false);
        if refocus && let Some(b) = self.button.get_untracked() {
            let _ = b.focus();
        }
    }

    /// Chooses a theme and closes the menu.
    fn pick(self, c: Choice) {
        self.ctx.choice.set(c);
        self.close(true);
    }

    /// A key on the button: Space and the arrows open the menu.
    fn on_button_key(self, ev: &web_sys::KeyboardEvent) {
        // Handled here: the page's shortcuts use Space (pan) and the arrows (nudge).
        if matches!(ev.key().as_str(), " " | "ArrowDown" | "ArrowUp") {
            ev.prevent_default();
            ev.stop_propagation();
            self.show();
        }
    }

    /// A key in the menu: the arrows, Home and End move, Space picks,
    /// Escape and Tab close.
    fn on_menu_key(self, ev: &web_sys::KeyboardEvent) {
        let all = self.items();
        let at = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .and_then(|t| all.iter().position(|e| *e == t));
        let n = all.len();
        let go = |i: usize| {
            if let Some(e) = all.get(i) {
                let _ = e.focus();
            }
        };
        match ev.key().as_str() {
            "ArrowDown" => go(at.map_or(0, |i| (i + 1) % n.max(1))),
            "ArrowUp" => go(at.map_or(0, |i| (i + n.max(1) - 1) % n.max(1))),
            "Home" => go(0),
            "End" => go(n.saturating_sub(1)),
            "Escape" | "Tab" => self.close(ev.key() == "Escape"),
            " " => {
                if let Some(c) = at.and_then(|i| Choice::ALL.get(i)) {
                    self.pick(*c);
                }
            }
            _ => return,
        }
        if ev.key() != "Tab" {
            ev.prevent_default();
        }
        ev.stop_propagation();
    }

    /// Focus leaves the control: the menu closes unless focus stays inside.
    fn on_focus_out(self, ev: &web_sys::FocusEvent) {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(
                ev.current_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
            )
            .is_some_and(|(to, wrap)| wrap.contains(Some(&to)));
        if !inside {
            self.open.set(false);
        }
    }
}

/// One choice in the menu, checked when it is the current one.
#[component]
fn ChoiceItem(
    /// The menu it belongs to.
    menu: ThemeMenu,
    /// The theme it picks.
    choice: Choice,
) -> impl IntoView {
    let ctx = menu.ctx;
    let c = choice;
    view! {
        <button role="menuitemradio" tabindex="-1" data-testid=format!("theme-{}", c.as_str())
            data-choice=c.as_str() aria-checked=move || (ctx.choice.get() == c).to_string()
            on:click=move |_| menu.pick(c)>
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
    let menu = ThemeMenu {
        ctx,
        open: RwSignal::new(false),
        button: NodeRef::new(),
        menu: NodeRef::new(),
    };
    let open = menu.open;
    let label = move || theme::describe(ctx.choice.get(), ctx.effective());
    view! {
        <div class="menu-wrap theme-switch" on:focusout=move |ev| menu.on_focus_out(&ev)>
            <button class="btn icon" node_ref=menu.button data-testid="theme-toggle" aria-haspopup="menu"
                aria-expanded=move || open.get().to_string() aria-label=label title=label
                data-choice=move || ctx.choice.get().as_str()
                on:click=move |_| if open.get_untracked() { menu.close(false) } else { menu.show() }
                on:keydown=move |ev| menu.on_button_key(&ev)>
                <svg viewBox="0 0 24 24" aria-hidden="true" inner_html=move || theme_icon(ctx.choice.get()) />
            </button>
            <Show when=move || open.get()>
                <div class="menu theme-menu" role="menu" aria-label="Theme" node_ref=menu.menu
                    on:keydown=move |ev| menu.on_menu_key(&ev)>
                    {Choice::ALL.into_iter().map(|choice| view! { <ChoiceItem menu choice /> }).collect_view()}
                </div>
            </Show>
        </div>
    }
}
