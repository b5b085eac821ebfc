//! One behaviour for every menu of the top bar (Share, Export, Theme): a
//! button with `aria-haspopup` and `aria-expanded` opens a list of items and
//! moves focus into it; the arrow keys, Home and End move between the items,
//! Space and Enter choose one; Escape, a press outside or focus leaving close
//! it, and Escape or a choice gives focus back to the button. Only one menu
//! is open at a time, and a dialog opening closes it.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which menu of the page is open, if any: one value, so opening a menu
/// closes the one open before.
#[derive(Clone, Copy)]
pub struct OpenMenu(RwSignal<Option<&'static str>>);

impl OpenMenu {
    /// No menu open; provided once for the whole page.
    #[must_use]
    pub fn new() -> Self {
        OpenMenu(RwSignal::new(None))
    }

    /// The page's open menu, from its context (a fresh one when none was
    /// provided).
    #[must_use]
    pub fn get() -> Self {
        use_context::<OpenMenu>().unwrap_or_else(|| {
            let m = OpenMenu::new();
            provide_context(m);
            m
        })
    }

    /// Closes whichever menu is open.
    pub fn close_all(self) {
        if self.0.get_untracked().is_some() {
            self.0.set(None);
        }
    }
}

/// Where a key moves focus among `n` items from `at` (the focused item, if
/// any): `None` for a key that does not move.
#[must_use]
pub fn step(key: &str, at: Option<usize>, n: usize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    match key {
        "ArrowDown" => Some(at.map_or(0, |i| (i + 1) % n)),
        "ArrowUp" => Some(at.map_or(n - 1, |i| (i + n - 1) % n)),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    }
}

impl Default for OpenMenu {
    fn default() -> Self {
        Self::new()
    }
}

/// A menu's state and what opens, moves through and closes it.
#[derive(Clone, Copy)]
pub struct Menu {
    id: &'static str,
    dialogs: crate::dialog::Dialogs,
    open: OpenMenu,
    button: NodeRef<html::Button>,
    list: NodeRef<html::Div>,
    wrap: NodeRef<html::Div>,
}

impl Menu {
    /// A closed menu named `id` (unique on the page).
    #[must_use]
    pub fn new(id: &'static str) -> Self {
        let dialogs = crate::dialog::Dialogs::get();
        let menu = Menu {
            id,
            dialogs,
            open: OpenMenu::get(),
            button: NodeRef::new(),
            list: NodeRef::new(),
            wrap: NodeRef::new(),
        };
        // A press anywhere outside closes it.
        let handle = window_event_listener(ev::pointerdown, move |e| {
            if !menu.is_open_untracked() {
                return;
            }
            let inside = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .zip(menu.wrap.get_untracked())
                .is_some_and(|(t, w)| w.contains(Some(&t)));
            if !inside {
                menu.close(false);
            }
        });
        on_cleanup(move || handle.remove());
        menu
    }

    /// Whether it is open (tracked).
    #[must_use]
    pub fn is_open(self) -> bool {
        self.open.0.get() == Some(self.id)
    }

    fn is_open_untracked(self) -> bool {
        self.open.0.get_untracked() == Some(self.id)
    }

    /// Its items, in order (none while it is closed).
    fn items(self) -> Vec<web_sys::HtmlElement> {
        let first = self
            .list
            .get_untracked()
            .and_then(|m| m.first_element_child());
        std::iter::successors(first, web_sys::Element::next_element_sibling)
            .filter(|e| {
                e.get_attribute("role")
                    .is_some_and(|r| r.starts_with("menuitem"))
            })
            .filter_map(|e| e.dyn_into().ok())
            .collect()
    }

    /// Opens it with focus on the checked item, else the first.
    pub fn show(self) {
        self.dialogs.close_all();
        self.open.0.set(Some(self.id));
        request_animation_frame(move || {
            let items = self.items();
            let checked = items
                .iter()
                .find(|e| e.get_attribute("aria-checked").as_deref() == Some("true"));
            if let Some(el) = checked.or(items.first()) {
                let _ = el.focus();
            }
        });
    }

    /// Closes it, giving focus back to its button if `refocus`.
    pub fn close(self, refocus: bool) {
        if self.is_open_untracked() {
            self.open.0.set(None);
        }
        if refocus && let Some(b) = self.button.get_untracked() {
            let _ = b.focus();
        }
    }

    /// Opens it when closed, closes it when open.
    pub fn toggle(self) {
        if self.is_open_untracked() {
            self.close(false);
        } else {
            self.show();
        }
    }

    /// A key on the button: Space, Enter and the arrows open the menu;
    /// Escape closes it when it is open (a press can come before focus has
    /// moved into the list).
    fn on_button_key(self, ev: &web_sys::KeyboardEvent) {
        if ev.key() == "Escape" && self.is_open_untracked() {
            ev.stop_propagation();
            self.close(true);
            return;
        }
        // Handled here: the page's shortcuts use Space (pan) and the arrows (nudge).
        if matches!(ev.key().as_str(), " " | "Enter" | "ArrowDown" | "ArrowUp") {
            ev.prevent_default();
            ev.stop_propagation();
            self.show();
        }
    }

    /// A key in the menu: the arrows, Home and End move; Space and Enter
    /// choose; Escape closes and Tab leaves.
    fn on_list_key(self, ev: &web_sys::KeyboardEvent) {
        let all = self.items();
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
        let at = target
            .as_ref()
            .and_then(|t| all.iter().position(|e| e == t || e.contains(Some(t))));
        let key = ev.key();
        if let Some(i) = step(&key, at, all.len()) {
            let _ = all[i].focus();
        } else {
            match key.as_str() {
                "Escape" => self.close(true),
                "Tab" => {
                    self.close(false);
                    ev.stop_propagation();
                    return;
                }
                " " | "Enter" => {
                    if let Some(item) = at.and_then(|i| all.get(i)) {
                        item.click();
                    }
                }
                _ => return,
            }
        }
        ev.prevent_default();
        ev.stop_propagation();
    }

    /// Focus leaves the control: the menu closes unless focus stays inside.
    fn on_focus_out(self, ev: &web_sys::FocusEvent) {
        let Some(to) = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        else {
            // Focus went nowhere in particular (a press on the page): the
            // outside press closes the menu, an inside one keeps it.
            return;
        };
        let inside = self
            .wrap
            .get_untracked()
            .is_some_and(|w| w.contains(Some(&to)));
        if !inside {
            self.close(false);
        }
    }
}

/// A menu button and its list of items. Items are the list's children, each
/// with a `role` of `menuitem` (or `menuitemradio`) and `tabindex="-1"`;
/// choosing one closes the menu and gives focus back to the button.
#[component]
pub fn MenuButton(
    /// The menu's state (from [`Menu::new`]).
    menu: Menu,
    /// The button's `data-testid`.
    testid: &'static str,
    /// The button's classes.
    #[prop(default = "btn")]
    class: &'static str,
    /// The button's accessible name and title, when its content is an icon.
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    /// The button's title.
    #[prop(optional)]
    title: &'static str,
    /// The list's accessible name.
    list_label: &'static str,
    /// Extra classes of the list.
    #[prop(optional)]
    list_class: &'static str,
    /// Extra classes of the wrapper.
    #[prop(optional)]
    wrap_class: &'static str,
    /// What the button shows.
    #[prop(into)]
    button: ViewFn,
    /// The items.
    children: ChildrenFn,
) -> impl IntoView {
    let children = StoredValue::new(children);
    let name = move || label.map(|l| l.get());
    let title = move || name().or_else(|| (!title.is_empty()).then(|| title.to_owned()));
    view! {
        <div class=format!("menu-wrap {wrap_class}") node_ref=menu.wrap
            on:focusout=move |ev| menu.on_focus_out(&ev)>
            <button class=class node_ref=menu.button data-testid=testid aria-haspopup="menu"
                aria-expanded=move || menu.is_open().to_string() aria-label=name title=title
                on:click=move |_| menu.toggle()
                on:keydown=move |ev| menu.on_button_key(&ev)>
                {button.run()}
            </button>
            <Show when=move || menu.is_open()>
                <div class=format!("menu {list_class}") role="menu" aria-label=list_label node_ref=menu.list
                    data-testid=format!("{testid}-menu")
                    on:keydown=move |ev| menu.on_list_key(&ev)
                    on:click=move |ev: web_sys::MouseEvent| {
                        // A choice closes the menu; a press on its padding does not.
                        let on_item = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .and_then(|t| t.closest("[role^=menuitem]").ok().flatten())
                            .is_some();
                        if on_item {
                            menu.close(true);
                        }
                    }>
                    {children.with_value(|c| c())}
                </div>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_and_home_and_end_jump() {
        assert_eq!(step("ArrowDown", None, 3), Some(0));
        assert_eq!(step("ArrowUp", None, 3), Some(2));
        assert_eq!(step("ArrowDown", Some(2), 3), Some(0));
        assert_eq!(step("ArrowUp", Some(0), 3), Some(2));
        assert_eq!(step("Home", Some(2), 3), Some(0));
        assert_eq!(step("End", Some(0), 3), Some(2));
        assert_eq!(step("a", Some(0), 3), None);
        assert_eq!(step("ArrowDown", None, 0), None);
    }
}
