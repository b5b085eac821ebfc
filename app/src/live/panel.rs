//! What a class looks like: the teacher's panel (student link, QR code,
//! who is connected, the lock, hand-ins) and the student's banner
//! ("Following the teacher", announced to screen readers).

use leptos::prelude::*;
use skydraft_core::live::follow::Mode;
use skydraft_core::live::message::{Body, MAX_NAME_CHARS};
use skydraft_core::share;

use super::qr::QrView;
use super::{LiveCtx, Role};
use crate::state::{Editor, Tone};

/// "2 students".
#[must_use]
pub fn students_sentence(n: usize) -> String {
    match n {
        0 => "No students yet".to_owned(),
        1 => "1 student".to_owned(),
        n => format!("{n} students"),
    }
}

/// Copies the student link.
fn copy(editor: Editor, text: String) {
    let promise = gloo::utils::window()
        .navigator()
        .clipboard()
        .write_text(&text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => editor.notify("Student link copied.", Tone::Info),
            Err(_) => editor.notify(
                "The browser did not allow copying; select the link and copy it.",
                Tone::Error,
            ),
        }
    });
}

/// The teacher's class panel.
#[component]
pub fn LivePanel() -> impl IntoView {
    let live = LiveCtx::get();
    let editor = Editor::get();
    let open = move || live.role.get() == Some(Role::Teacher) && live.panel_open.get();
    let toggle_lock = move |_| {
        live.locked.update(|l| *l = !*l);
        super::teacher::resend(live, editor);
    };
    let back = move |_| {
        live.showing.set(None);
        super::teacher::resend(live, editor);
    };
    let link_text = Signal::derive(move || live.student_link.get());
    view! {
        <Show when=open>
            <aside class="live-panel" data-testid="live-panel" aria-label="Live class">
                <header class="live-head">
                    <h2>"Live class"</h2>
                    <span class="live-status" data-testid="live-status" data-state=move || live.link.with(|l| l.id())>
                        {move || live.link.with(|l| l.sentence())}
                    </span>
                    <button class="btn icon" aria-label="Hide the class panel" title="Hide (the class goes on)"
                        on:click=move |_| live.panel_open.set(false)>"×"</button>
                </header>
                <label class="live-link">
                    "Students open"
                    <input readonly data-testid="live-student-link" prop:value=move || live.student_link.get()
                        on:focus=move |ev| {
                            use wasm_bindgen::JsCast;
                            if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                i.select();
                            }
                        } />
                </label>
                <div class="live-row">
                    <button class="btn" data-testid="live-copy" on:click=move |_| copy(editor, live.student_link.get_untracked())>
                        "Copy student link"</button>
                    <span class="live-count" data-testid="live-count" data-count=move || live.students.with(|s| s.len().to_string())>
                        {move || live.students.with(|s| students_sentence(s.len()))}
                    </span>
                </div>
                <QrView text=link_text />
                <button class="btn live-lock" data-testid="live-lock" aria-pressed=move || live.locked.get().to_string()
                    title="Locked: students follow your board. Unlocked: each works on their own copy."
                    on:click=toggle_lock>
                    {move || if live.locked.get() { "Students follow you (locked)" } else { "Students work on their own copy" }}
                </button>
                {move || live.showing.get().map(|name| view! {
                    <p class="live-showing">{format!("Showing {}'s design to the class. ", name)}
                        <button class="btn" data-testid="live-show-back" on:click=back>"Back to my board"</button></p>
                })}
                <HandIns />
                <button class="btn danger" data-testid="live-end" on:click=move |_| live.end(editor)>"End the class"</button>
            </aside>
        </Show>
    }
}

/// The teacher's hand-ins: raised hands, then each student's latest design
/// with its size, its verdict on the open challenge, Open and Show to all.
#[component]
fn HandIns() -> impl IntoView {
    let live = LiveCtx::get();
    let editor = Editor::get();
    let show = move |name: String, code: String| {
        live.showing.set(Some(name.clone()));
        live.send(Body::Show { name, code });
    };
    view! {
        <h3>"Hand-ins"</h3>
        {move || {
            let hands = live.hand_ins.with(|h| h.hands().len());
            (hands > 0).then(|| view! {
                <p class="live-hands" data-testid="live-hands" data-count=hands.to_string()>
                    {format!("✋ {hands} raised")}
                </p>
            })
        }}
        <ul class="live-handins" data-testid="live-handins">
            {move || live.hand_ins.with(|h| h.list().to_vec()).into_iter().map(|h| {
                let name = if h.name.trim().is_empty() { "A student".to_owned() } else { h.name.clone() };
                let (open_code, show_code, show_name) = (h.code.clone(), h.code.clone(), name.clone());
                let open_name = h.name.clone();
                let size = share::decode(&h.code).map_or_else(
                    |_| "cannot be opened".to_owned(),
                    |(d, _)| format!("{} components", d.components.len()),
                );
                view! {
                    <li data-testid="live-handin" data-name=h.name.clone()>
                        <strong>{name}</strong>
                        <span class="muted">{size}</span>
                        {let code = h.code.clone(); move || live.verdicts.with(|v| v.get(&code).cloned()).map(|line| view! {
                            <span class="live-verdict" data-testid="live-handin-verdict">{line}</span>
                        })}
                        <button class="btn" data-testid="live-handin-open" title="Open it here, view only"
                            on:click=move |_| open_hand_in(editor, &open_name, &open_code)>"Open"</button>
                        <button class="btn" data-testid="live-handin-show" title="Show it to the whole class"
                            on:click=move |_| show(show_name.clone(), show_code.clone())>"Show to all"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Opens a hand-in in a new tab, so the teacher's board (and the class)
/// stays as it is: as a submission to the open challenge (judged as soon
/// as it opens), else view only.
fn open_hand_in(editor: Editor, name: &str, code: &str) {
    let submission = editor.challenge.get_untracked().and_then(|c| {
        let (design, _) = share::decode(code).ok()?;
        let name = Some(name).filter(|n| !n.trim().is_empty());
        Some(format!(
            "{}#{}",
            super::page_base(),
            skydraft_core::challenge::link::encode(&c, Some(&design), name)
        ))
    });
    let link = submission.unwrap_or_else(|| crate::persist::link_for(code, true));
    if gloo::utils::window()
        .open_with_url_and_target(&link, "_blank")
        .is_err()
    {
        editor.notify("The browser did not open a new tab.", Tone::Error);
    }
}

/// The student's banner: following, moved away (with the way back), or
/// working on their own copy (with hand-in and raised hand).
#[component]
pub fn LiveBanner() -> impl IntoView {
    let live = LiveCtx::get();
    let editor = Editor::get();
    let hand_in = move |_| {
        let code = editor
            .design
            .with_untracked(|d| editor.scenario.with_untracked(|s| share::encode(d, s)));
        let name: String = live
            .name
            .get_untracked()
            .chars()
            .take(MAX_NAME_CHARS)
            .collect();
        live.send(Body::HandIn { name, code });
        editor.notify(
            "Handed in. You can keep working and hand in again.",
            Tone::Info,
        );
    };
    let raise = move |_| {
        let up = !live.raised.get_untracked();
        live.raised.set(up);
        live.send(Body::Hand(up));
    };
    view! {
        <Show when=move || live.role.get() == Some(Role::Student)>
            <div class="live-banner" data-testid="live-banner" role="status" aria-live="polite"
                data-mode=move || match live.mode.get() { Mode::Following => "following", Mode::Paused => "paused", Mode::Free => "free" }>
                <span class="live-dot" data-testid="live-status" data-state=move || live.link.with(|l| l.id())
                    title=move || live.link.with(|l| l.sentence()) />
                <span class="live-words">{move || match live.mode.get() {
                    Mode::Following => live.showing.get().map_or_else(
                        || "Following the teacher".to_owned(),
                        |n| format!("Following the teacher: {}'s design", n)),
                    Mode::Paused => "You moved away from the teacher's view".to_owned(),
                    Mode::Free => "Working on your own copy".to_owned(),
                }}</span>
                {move || (live.link.with(|l| *l != super::socket::Link::Open)).then(|| view! {
                    <span class="muted">{live.link.with(|l| l.sentence())}</span>
                })}
                <Show when=move || live.mode.get() == Mode::Paused>
                    <button class="btn primary" data-testid="live-return" on:click=move |_| super::resume(live, editor)>
                        "Return to the teacher"</button>
                </Show>
                <Show when=move || live.mode.get() == Mode::Free>
                    <input class="live-name" data-testid="live-name" placeholder="Your name" aria-label="Your name"
                        maxlength=MAX_NAME_CHARS.to_string() prop:value=move || live.name.get()
                        on:input=move |ev| live.name.set(event_target_value(&ev)) />
                    <button class="btn primary" data-testid="live-hand-in-send" on:click=hand_in>"Hand in"</button>
                </Show>
                <button class="btn" data-testid="live-raise-hand" aria-pressed=move || live.raised.get().to_string() on:click=raise>
                    {move || if live.raised.get() { "Lower hand" } else { "Raise hand" }}</button>
                <button class="btn" data-testid="live-leave" on:click=move |_| live.end(editor)>"Leave"</button>
            </div>
        </Show>
    }
}
