//! The event log: what happened, one plain line per event with its time.
//! Clicking a line moves the replay there; the lines of the moment the replay
//! shows are highlighted.

use std::fmt::Write as _;
use std::sync::Arc;

use leptos::prelude::*;
use skydraft_core::run::Run;
use wasm_bindgen::JsCast;

use super::RunCtx;
use super::text::dur;
use super::text::esc;

/// Lines shown at most (the run keeps every one).
const MAX_LINES: usize = 400;

/// The log as list items (log text is escaped: it holds component labels).
fn lines_html(run: &Run) -> String {
    let mut o = String::new();
    for e in run.log.iter().take(MAX_LINES) {
        let _ = write!(
            o,
            "<li data-testid=\"log-line\" data-t=\"{}\"><button><time>{}</time> {}</button></li>",
            e.t_s,
            dur(e.t_s),
            esc(&e.text)
        );
    }
    o
}

/// The log of a finished run.
#[component]
pub fn EventLog(run: Arc<Run>) -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let r = Arc::clone(&run);
    let list = NodeRef::<leptos::html::Ol>::new();
    // Highlight the lines of the moment and bring the first into view.
    Effect::new(move |_| {
        let hits = ctx
            .moment
            .get()
            .map(|t| r.frame_at(t).log_lines)
            .unwrap_or_default();
        let Some(ol) = list.get() else { return };
        let items = ol.children();
        for i in 0..items.length() {
            if let Some(li) = items.item(i) {
                let hit = hits.contains(&(i as usize));
                let _ = li.set_attribute("class", if hit { "hit" } else { "" });
            }
        }
        if let Some(li) = hits
            .first()
            .and_then(|&i| items.item(u32::try_from(i).unwrap_or(u32::MAX)))
        {
            let top = li.get_bounding_client_rect().top() - ol.get_bounding_client_rect().top();
            ol.set_scroll_top(ol.scroll_top() + top as i32 - 8);
        }
    });
    let click = move |ev: web_sys::MouseEvent| {
        let t = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-t]").ok().flatten())
            .and_then(|el| el.get_attribute("data-t"))
            .and_then(|t| t.parse::<f64>().ok());
        if t.is_some() {
            ctx.moment.set(t);
        }
    };
    let more = run.log.len().saturating_sub(MAX_LINES) as u64 + run.log_dropped;
    let mut note = format!("{} lines · click one to replay it", run.log.len());
    if more > 0 {
        let _ = write!(note, " · {more} later lines not shown");
    }
    if run.log.is_empty() {
        note = "nothing happened beyond serving requests".into();
    }
    view! {
        <section class="log">
            <h3>"Event log " <span class="muted">{note}</span></h3>
            <ol class="log-lines" data-testid="event-log" node_ref=list on:click=click inner_html=lines_html(&run) />
        </section>
    }
}
