//! Keeping the document outside the page: the URL fragment (`#d=<share
//! code>`) and the local library of designs ([`crate::library`]). What the
//! page opens with is [`crate::opening`]'s. During a challenge attempt the
//! fragment is the attempt's link, so a reload or a copied address resumes it.
//!
//! Every change is saved into the open entry at once and written to the
//! fragment after a short pause (with `history.replaceState`, so the back
//! button is not flooded). Other tabs' writes arrive as `storage` events.

use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use skydraft_core::challenge::link;
use skydraft_core::design::Repair;
use skydraft_core::library::{Entry, Library, LibraryError, LinkOpened};
use skydraft_core::share;
use wasm_bindgen::JsCast;

use crate::library::{self as lib, LibCtx, LocalStore};
use crate::state::{Editor, Tone};

/// Delay between the last change and the fragment update, in ms.
const HASH_DEBOUNCE_MS: u32 = 300;
/// Most repairs a message lists by name.
const REPAIRS_LISTED: usize = 6;

/// How a link asks to be shown beyond editable or view-only: `&embed`,
/// `&t=<seconds>` (the replay at a moment), `&step=<n>` (a presentation
/// step, counted from 1).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Showing {
    /// The chrome-less layout for an iframe (always view-only).
    pub embed: bool,
    /// The replay's moment, in simulated seconds.
    pub at: Option<f64>,
    /// The presentation step, counted from 1.
    pub step: Option<usize>,
}

impl Showing {
    /// The flags as they follow the code in a fragment ("&embed&t=90").
    #[must_use]
    pub fn suffix(&self) -> String {
        let mut out = String::new();
        if self.embed {
            out.push_str("&embed");
        }
        if let Some(t) = self.at {
            out.push_str(&format!("&t={t}"));
        }
        if let Some(n) = self.step {
            out.push_str(&format!("&step={n}"));
        }
        out
    }
}

/// What the URL fragment holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Fragment {
    /// Nothing: the plain address.
    Empty,
    /// A share link's code; `view` for a view-only link (an embed is one).
    Link {
        /// The share code (after `d=`).
        code: String,
        /// Opened without editing.
        view: bool,
        /// Embed, moment and step.
        show: Showing,
    },
    /// Something that is no Skydraft link (cut short, or garbage).
    Unrecognised,
}

/// Reads a fragment (`#d=<code>`, with `&view` for a view-only link). The
/// layout is the one core's `share::code_from_link` reads.
#[must_use]
pub fn parse_fragment(hash: &str) -> Fragment {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    if body.trim().is_empty() {
        return Fragment::Empty;
    }
    let mut code = None;
    let mut view = false;
    let mut show = Showing::default();
    for part in body.split('&') {
        if let Some(c) = part.strip_prefix("d=") {
            code = Some(c.to_owned());
        } else if part == "view" {
            view = true;
        } else if part == "embed" {
            show.embed = true;
            view = true;
        } else if let Some(t) = part.strip_prefix("t=") {
            show.at = t.parse::<f64>().ok().filter(|t| t.is_finite() && *t >= 0.0);
        } else if let Some(n) = part.strip_prefix("step=") {
            show.step = n.parse::<usize>().ok().filter(|n| *n >= 1);
        }
    }
    match code {
        Some(code) => Fragment::Link { code, view, show },
        None => Fragment::Unrecognised,
    }
}

/// The fragment for a share code.
#[must_use]
pub fn fragment(code: &str, view_only: bool) -> String {
    if view_only {
        format!("#d={code}&view")
    } else {
        format!("#d={code}")
    }
}

/// The sentence for a fragment that holds no link.
pub const NOT_A_LINK: &str =
    "the address holds no design (it may have been cut short before \"d=\")";

/// "N change(s) on the way in: a; b; …" for a message, or `None`.
#[must_use]
pub fn repairs_sentence(repairs: &[Repair]) -> Option<String> {
    if repairs.is_empty() {
        return None;
    }
    let mut listed: Vec<String> = repairs
        .iter()
        .take(REPAIRS_LISTED)
        .map(ToString::to_string)
        .collect();
    if repairs.len() > REPAIRS_LISTED {
        listed.push(format!("and {} more", repairs.len() - REPAIRS_LISTED));
    }
    let n = repairs.len();
    let s = if n == 1 { "" } else { "s" };
    Some(format!(
        "{n} change{s} on the way in: {}.",
        listed.join("; ")
    ))
}

/// The current `location.hash` (empty when there is none).
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page URL for a share code; `view_only` links open without editing.
#[must_use]
pub fn link_for(code: &str, view_only: bool) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{base}{}", fragment(code, view_only))
}

/// Puts the code into the address, or during a challenge attempt the
/// attempt's link (`#c=…&d=…&a=1`, made here, once per write). `remember`
/// records the code as the tab's own address for a reload
/// ([`lib::tab_hint`]); the catch-up write while the page unloads does not,
/// since a reload already took the address before.
fn write_hash(editor: Editor, code: &str, view_only: bool, remember: bool) {
    let Some(w) = web_sys::window() else { return };
    // A live class keeps its own address: the teacher's link reopens it.
    if crate::live::is_class_address(&current_hash()) {
        return;
    }
    if remember {
        lib::remember_tab_url(code);
    }
    let address = match attempt_link(editor) {
        Some(a) if !view_only => format!("#{a}"),
        _ => format!("{}{}", fragment(code, view_only), kept_showing(view_only)),
    };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}

/// The attempt's link while a challenge is attempted, else `None`.
fn attempt_link(editor: Editor) -> Option<String> {
    let c = editor.challenge.get_untracked()?;
    Some(
        editor
            .design
            .with_untracked(|d| link::encode_attempt(&c, d)),
    )
}

/// The flags a view-only link keeps when its fragment is written again
/// (an embed stays an embed on reload); an editable one keeps none.
fn kept_showing(view_only: bool) -> String {
    match parse_fragment(&current_hash()) {
        Fragment::Link { show, .. } if view_only => show.suffix(),
        _ => String::new(),
    }
}

/// Saves every change into the library and mirrors it into the fragment
/// (debounced); opens links pasted into this tab's address bar; follows
/// other tabs' changes to the open design.
pub fn keep_in_sync(editor: Editor, ctx: LibCtx) {
    let pending = StoredValue::new_local(None::<Timeout>);
    let last_written = StoredValue::new_local(String::new());
    let flush = move || {
        if pending.with_value(Option::is_some) {
            pending.set_value(None);
            write_hash(
                editor,
                &last_written.get_value(),
                editor.read_only.get_untracked(),
                false,
            );
        }
    };
    Effect::new(move |_| {
        editor.design.track();
        editor.scenario.track();
        // Starting or leaving a challenge changes the address too.
        editor.challenge.track();
        let view_only = editor.read_only.get();
        lib::save_open(editor, ctx);
        let code = editor
            .design
            .with_untracked(|d| editor.scenario.with_untracked(|s| share::encode(d, s)));
        last_written.set_value(code.clone());
        // Dropping the previous timeout cancels it.
        pending.set_value(Some(Timeout::new(HASH_DEBOUNCE_MS, move || {
            write_hash(editor, &code, view_only, true);
        })));
    });
    let window = gloo::utils::window();
    gloo::events::EventListener::new(&window, "hashchange", move |_| {
        on_hash_change(editor, ctx, &last_written.get_value());
    })
    .forget();
    gloo::events::EventListener::new(&window, "storage", move |ev| {
        if let Some(ev) = ev.dyn_ref::<web_sys::StorageEvent>() {
            on_storage(editor, ctx, ev);
        }
    })
    .forget();
    // Closing or reloading the tab: the fragment catches up first, so a
    // reload reopens exactly this entry.
    gloo::events::EventListener::new(&window, "pagehide", move |_| flush()).forget();
    gloo::events::EventListener::new(&window, "beforeunload", move |ev| {
        flush();
        if ctx.unsaved.get_untracked().is_some() {
            // The browser asks before the tab closes on the only copy.
            ev.prevent_default();
            let _ = js_sys::Reflect::set(ev, &"returnValue".into(), &"".into());
        }
    })
    .forget();
}

fn on_hash_change(editor: Editor, ctx: LibCtx, last_written: &str) {
    let hash = current_hash();
    if crate::live::is_class_address(&hash) {
        crate::live::open_address(editor, &hash);
        return;
    }
    if skydraft_core::challenge::link::is_challenge_link(&hash) {
        crate::challenge::open::on_hash(editor, ctx, &hash);
        return;
    }
    match parse_fragment(&hash) {
        Fragment::Empty => {}
        Fragment::Unrecognised => editor.notify(
            format!("This link could not be opened: {NOT_A_LINK}. Your design is unchanged."),
            Tone::Error,
        ),
        Fragment::Link { code, view, .. } => {
            if code == last_written && editor.read_only.get_untracked() == view {
                return;
            }
            if view {
                match share::decode(&code) {
                    Ok((d, s)) => {
                        lib::save_open(editor, ctx);
                        ctx.set_unstored(None);
                        editor.read_only.set(true);
                        editor.load(d, s);
                        editor.notify("Opened the design from the link (view only).", Tone::Info);
                    }
                    Err(e) => editor.notify(
                        format!("This link could not be opened: {e}. Your design is unchanged."),
                        Tone::Error,
                    ),
                }
                return;
            }
            let mut library = lib::open_library();
            match library.open_link(&code, None, lib::now(), lib::nonce()) {
                Ok(o) => {
                    let how = o.how.clone();
                    lib::show_entry(editor, ctx, &o.entry, o.design, o.scenario);
                    let text = match how {
                        LinkOpened::New => {
                            "Opened the design from the link; it is in My designs too."
                        }
                        _ => "Opened your copy of this link's design from My designs.",
                    };
                    editor.notify(text, Tone::Info);
                }
                Err(LibraryError::Decode(e)) => {
                    editor.notify(
                        format!("This link could not be opened: {e}. Your design is unchanged."),
                        Tone::Error,
                    );
                }
                Err(e) => ctx.report(editor, Err(e)),
            }
        }
    }
}

/// Another tab wrote (or removed) a library record.
fn on_storage(editor: Editor, ctx: LibCtx, ev: &web_sys::StorageEvent) {
    ctx.changed.update(|n| *n += 1);
    let Some(open) = ctx.open.get_untracked() else {
        return;
    };
    if ev.key().as_deref() != Some(Library::<LocalStore>::key(&open.id).as_str()) {
        return;
    }
    let Some(text) = ev.new_value() else {
        editor.notify_with(
            "This design was deleted in another tab. It is still open here; keep it to save it again.",
            Tone::Info,
            "Keep it",
            move || {
                let mut library = lib::open_library();
                let (d, s) = (editor.design.get_untracked(), editor.scenario.get_untracked());
                let result = library.save(&open.id, open.rev, &d, &s, lib::now(), lib::nonce()).map(|_| ());
                ctx.changed.update(|n| *n += 1);
                ctx.report(editor, result);
            },
        );
        return;
    };
    let Ok(entry) = skydraft_core::json::from_json::<Entry>(text.as_bytes()) else {
        return;
    };
    if entry.rev <= open.rev || entry.id != open.id {
        return;
    }
    let here = editor
        .design
        .with_untracked(|d| editor.scenario.with_untracked(|s| share::encode(d, s)));
    ctx.open.set(Some(lib::OpenEntry {
        id: entry.id.clone(),
        rev: entry.rev,
    }));
    if entry.code == here {
        return;
    }
    if let Ok((d, s)) = share::decode(&entry.code) {
        editor.load(d, s);
        editor.notify(
            "This design was changed in another tab; this tab now shows that latest version.",
            Tone::Info,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_their_mode() {
        let link = |c: &str, view| Fragment::Link {
            code: c.to_owned(),
            view,
            show: Showing::default(),
        };
        assert_eq!(parse_fragment("#d=1.abc"), link("1.abc", false));
        assert_eq!(parse_fragment("#d=1.abc&view"), link("1.abc", true));
        assert_eq!(parse_fragment(&fragment("1.x", true)), link("1.x", true));
        assert_eq!(parse_fragment(""), Fragment::Empty);
        assert_eq!(parse_fragment("#"), Fragment::Empty);
        assert_eq!(parse_fragment("#x=1"), Fragment::Unrecognised);
        assert_eq!(parse_fragment("#view"), Fragment::Unrecognised);
        assert_eq!(parse_fragment("#1.abc"), Fragment::Unrecognised);
        let show = Showing {
            embed: true,
            at: Some(90.5),
            step: Some(2),
        };
        let embed = Fragment::Link {
            code: "1.x".to_owned(),
            view: true,
            show,
        };
        assert_eq!(parse_fragment("#d=1.x&embed&t=90.5&step=2"), embed);
        assert_eq!(show.suffix(), "&embed&t=90.5&step=2");
        let odd = parse_fragment("#d=1.x&t=-4&step=0&t=x");
        assert_eq!(odd, link("1.x", false));
        // Core reads the same layout.
        assert_eq!(
            skydraft_core::share::code_from_link(&fragment("1.x", true)),
            "1.x"
        );
    }

    #[test]
    fn repairs_are_listed_and_capped() {
        assert_eq!(repairs_sentence(&[]), None);
        let one = Repair::TextShortened {
            subject: "c1".to_owned(),
        };
        assert_eq!(
            repairs_sentence(std::slice::from_ref(&one)).as_deref(),
            Some("1 change on the way in: shortened the text of c1.")
        );
        let many = vec![one; REPAIRS_LISTED + 3];
        let text = repairs_sentence(&many).unwrap_or_default();
        assert!(text.starts_with("9 changes on the way in:"), "{text}");
        assert!(text.ends_with("and 3 more."), "{text}");
    }
}
