//! One behaviour for every dialog (Templates, Shortcuts, My designs): the
//! browser's own modal `<dialog>`, opened with `showModal`, so the rest of the
//! page is inert and focus stays inside; Escape and a press outside its box
//! close it; focus goes back to what opened it; and opening one closes any
//! other (and any open menu), so two are never open at once.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Every dialog's open flag, so opening one closes the others.
#[derive(Clone, Copy)]
pub struct Dialogs {
    flags: StoredValue<Vec<RwSignal<bool>>>,
}

impl Dialogs {
    /// No dialog yet.
    #[must_use]
    pub fn new() -> Self {
        Dialogs {
            flags: StoredValue::new(Vec::new()),
        }
    }

    /// The page's dialogs, from its context (a fresh set when none was provided).
    #[must_use]
    pub fn get() -> Self {
        use_context::<Dialogs>().unwrap_or_else(|| {
            let d = Dialogs::new();
            provide_context(d);
            d
        })
    }

    fn register(self, flag: RwSignal<bool>) {
        self.flags.update_value(|f| f.push(flag));
    }

    /// Closes every open dialog.
    pub fn close_all(self) {
        self.flags.with_value(|flags| {
            for f in flags {
                if f.get_untracked() {
                    f.set(false);
                }
            }
        });
    }

    /// Closes every dialog but `keep`.
    fn close_others(self, keep: RwSignal<bool>) {
        self.flags.with_value(|flags| {
            for f in flags {
                if *f != keep && f.get_untracked() {
                    f.set(false);
                }
            }
        });
    }
}

impl Default for Dialogs {
    fn default() -> Self {
        Self::new()
    }
}

/// The element focused now, to give focus back to when the dialog closes.
///
/// An item of a menu is gone once the dialog opens (opening it closes the
/// menu), so focus goes back to the menu's button instead.
fn focused() -> Option<web_sys::HtmlElement> {
    let active = gloo::utils::document().active_element()?;
    let menu_button = active
        .closest(".menu-wrap")
        .ok()
        .flatten()
        .and_then(|wrap| wrap.query_selector("[aria-haspopup]").ok().flatten());
    menu_button
        .unwrap_or(active)
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// A modal dialog named `label`, shown while `open` holds; its content (with
/// `testid` on its box) exists only while it is open.
#[component]
pub fn Modal(
    /// Whether the dialog is open; the dialog sets it to false when it closes.
    open: RwSignal<bool>,
    /// Its accessible name.
    label: &'static str,
    /// The `data-testid` of its box.
    testid: &'static str,
    /// Extra classes of its box (`small`, `designs`).
    #[prop(optional)]
    class: &'static str,
    /// While this holds, Escape and outside presses do not close it (a field
    /// of the dialog uses Escape itself).
    #[prop(optional, into)]
    keep_open: Option<Signal<bool>>,
    /// The content.
    children: ChildrenFn,
) -> impl IntoView {
    let dialogs = Dialogs::get();
    dialogs.register(open);
    let menus = crate::menu::OpenMenu::get();
    let el = NodeRef::<html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let is_open = open.get();
        let Some(d) = el.get() else {
            return;
        };
        if is_open && !d.open() {
            dialogs.close_others(open);
            menus.close_all();
            opener.set_value(focused());
            let _ = d.show_modal();
        } else if !is_open && d.open() {
            d.close();
            if let Some(o) = opener.get_value() {
                let _ = o.focus();
            }
        }
    });
    let may_close = move || !keep_open.is_some_and(|k| k.get_untracked());
    let children = StoredValue::new(children);
    view! {
        <dialog node_ref=el class="modal-dialog" aria-label=label aria-modal="true"
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                if may_close() {
                    open.set(false);
                }
            }
            on:close=move |_| open.set(false)
            on:keydown=|ev: web_sys::KeyboardEvent| ev.stop_propagation()
            on:click=move |ev| {
                // The dialog element itself is hit only on its backdrop: its box fills it.
                let on_backdrop = ev.target().zip(el.get_untracked()).is_some_and(|(t, d)| {
                    t.dyn_ref::<web_sys::Element>().is_some_and(|t| t == d.as_ref())
                });
                if on_backdrop && may_close() {
                    open.set(false);
                }
            }>
            <Show when=move || open.get()>
                <div class=format!("modal {class}") data-testid=testid>
                    {children.with_value(|c| c())}
                </div>
            </Show>
        </dialog>
    }
}
