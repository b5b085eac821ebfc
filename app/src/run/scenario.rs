//! The Scenario tab: presets, duration and seed, traffic shapes with a live
//! preview of the request rate, and the timeline of events (add, edit, drag
//! along the strip, delete). Edits go to the editor's scenario, which the
//! autosave and the share link carry.

use leptos::prelude::*;
use skydraft_core::scenario::Scenario;
use skydraft_core::scenario::presets::{self, PRESETS};
use wasm_bindgen::JsCast;

use gloo::timers::callback::Timeout;

use super::{RunCtx, form, text};
use crate::state::{Editor, Tone};

/// Changes the scenario, unless the page is view-only.
fn edit(editor: Editor, f: impl FnOnce(&mut Scenario)) {
    if editor.read_only.get_untracked() {
        editor.notify(
            "This is a view-only link. Choose \"Edit a copy\" to change it.",
            Tone::Info,
        );
        return;
    }
    editor.scenario.update(f);
}

/// The control an event came from: its `data-act`, `data-i`, `data-k` and value.
fn control(ev: &web_sys::Event) -> Option<(String, usize, usize, String)> {
    let el = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-act]")
        .ok()??;
    let num = |a| {
        el.get_attribute(a)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let value = el
        .dyn_ref::<web_sys::HtmlInputElement>()
        .map(web_sys::HtmlInputElement::value)
        .or_else(|| {
            el.dyn_ref::<web_sys::HtmlSelectElement>()
                .map(web_sys::HtmlSelectElement::value)
        })
        .unwrap_or_default();
    Some((
        el.get_attribute("data-act")?,
        num("data-i"),
        num("data-k"),
        value,
    ))
}

/// Applies what a control asks for.
fn act(editor: Editor, ev: &web_sys::Event) {
    let Some((act, i, k, value)) = control(ev) else {
        return;
    };
    if act == "drag" || (act == "eadd" && value.is_empty()) {
        return;
    }
    let mut res = Ok(());
    let d = editor.design.get_untracked();
    edit(editor, |s| res = form::apply(s, &d, &act, i, k, &value));
    if let Err(form::Refused(why)) = res {
        editor.notify(why, Tone::Error);
    }
}

/// Quiet time after an edit before the simulator checks the design, ms.
const CHECK_DELAY_MS: u32 = 300;

/// The Scenario tab.
#[component]
pub fn ScenarioPanel() -> impl IntoView {
    let editor = Editor::get();
    let note = RwSignal::new(None::<(String, bool)>);
    // Said before the run: why the simulator would refuse it, and the fix.
    // Once the simulator has been started (by a run), every change of the
    // design or scenario is checked by it, a moment after the last edit.
    let ctx = expect_context::<RunCtx>();
    let pending = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        editor.design.track();
        editor.scenario.track();
        if ctx.started() {
            pending.set_value(Some(Timeout::new(CHECK_DELAY_MS, move || {
                ctx.check(editor)
            })));
        }
    });
    let check = move || ctx.checked.get().map(|e| text::explain(&e));
    let preset = move |id: &'static str, name: &'static str| {
        let res = editor
            .design
            .with_untracked(|d| editor.scenario.with_untracked(|s| presets::apply(id, d, s)));
        match res {
            Ok(a) => {
                let about = presets::preset(id).map_or("", |p| p.about);
                edit(editor, |s| *s = a.scenario);
                let mut t = format!("{name}: {about}");
                for n in a.notes {
                    t.push(' ');
                    t.push_str(&n);
                }
                note.set(Some((t, false)));
            }
            Err(e) => note.set(Some((
                format!(
                    "\"{name}\" does not fit this design: {}",
                    crate::state::sentence(&e.to_string())
                ),
                true,
            ))),
        }
    };
    let preview = move || {
        editor.design.with(|d| {
            editor.scenario.with(|s| {
                let pts: Vec<(f64, f64)> = (0..=120)
                    .map(|k| {
                        let t = s.duration_s * f64::from(k) / 120.0;
                        (t, text::rate_at(d, s, t))
                    })
                    .collect();
                text::lines_svg(&[("rate", pts)], s.duration_s, 170.0, "/s")
            })
        })
    };
    let traffic = move || {
        editor
            .design
            .with(|d| editor.scenario.with(|s| form::traffic_html(d, s)))
    };
    let timeline = move || {
        editor
            .design
            .with(|d| editor.scenario.with(|s| form::timeline_html(d, s)))
    };
    let markers = move || editor.scenario.with(form::markers_html);
    // Dragging a marker along the strip.
    let strip = NodeRef::<leptos::html::Div>::new();
    let drag = StoredValue::new(None::<usize>);
    let on_down = move |ev: web_sys::PointerEvent| {
        if let Some(("drag", i)) = control(&ev).as_ref().map(|c| (c.0.as_str(), c.1)) {
            ev.prevent_default();
            drag.set_value(Some(i));
            if let Some(el) = strip.get_untracked() {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let (Some(i), Some(el)) = (drag.get_value(), strip.get_untracked()) else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let d = editor.scenario.with_untracked(|s| s.duration_s);
        if r.width() > 0.0 {
            let f = ((f64::from(ev.client_x()) - r.left()) / r.width()).clamp(0.0, 1.0);
            let t = (f * d / 5.0).round() * 5.0;
            edit(editor, |s| {
                if let Some(te) = s.timeline.get_mut(i) {
                    te.at_s = t;
                }
            });
        }
    };
    let minutes = move || editor.scenario.with(|s| format!("{}", s.duration_s / 60.0));
    let seed = move || editor.scenario.with(|s| s.seed.to_string());
    view! {
        <div class="scenario" data-testid="scenario-panel"
            on:change=move |ev| act(editor, &ev)
            on:click=move |ev| {
                if control(&ev).is_some_and(|c| c.0.ends_with("del") || c.0 == "tadd") {
                    act(editor, &ev);
                }
            }>
            <div class="scol">
                <h3>"Start from a preset"</h3>
                <div class="presets" role="group" aria-label="Presets">
                    {PRESETS.iter().map(|p| {
                        let (id, name) = (p.id, p.name);
                        view! { <button class="btn preset" data-preset=id title=p.about on:click=move |_| preset(id, name)>{name}</button> }
                    }).collect_view()}
                </div>
                {move || note.get().map(|(t, bad)| view! {
                    <p class="preset-note" class:warn=bad data-testid="preset-note" role="status">{t}</p>
                })}
                <div class="srow basics">
                    <label class="sfield"><span>"Duration"</span>
                        <input type="number" min="1" step="any" data-testid="duration" prop:value=minutes
                            on:change=move |ev| {
                                ev.stop_propagation();
                                match event_target_value(&ev).trim().parse::<f64>() {
                                    Ok(v) if v.is_finite() && v > 0.0 => edit(editor, |s| s.duration_s = (v * 60.0).round().max(1.0)),
                                    _ => editor.notify("The duration is a number of minutes above 0.", Tone::Error),
                                }
                            } />
                        <span class="unit">"min"</span></label>
                    <label class="sfield"><span>"Seed"</span>
                        <input type="number" min="0" step="1" data-testid="seed" prop:value=seed
                            on:change=move |ev| {
                                ev.stop_propagation();
                                if let Ok(v) = event_target_value(&ev).trim().parse::<u64>() {
                                    edit(editor, |s| s.seed = v);
                                }
                            } /></label>
                </div>
                {move || check().map(|(what, fix)| view! {
                    <p class="precheck" data-testid="run-precheck" role="alert"><strong>{what}</strong>" "{fix}</p>
                })}
                <p class="muted small">"Scenario edits are saved with the design and travel in its share link."</p>
            </div>
            <section class="ssec">
                <h3>"Traffic" <span class="muted">" requests per second the Users send"</span></h3>
                <div class="preview" data-testid="rate-preview" inner_html=preview />
                <ul class="slist" inner_html=traffic />
                <button class="btn small" data-act="tadd" data-testid="add-traffic">"+ Add a traffic shape"</button>
            </section>
            <section class="ssec">
                <h3>"Timeline" <span class="muted">" what goes wrong, and when (drag a marker to move it)"</span></h3>
                <div class="strip" node_ref=strip data-testid="timeline-strip" inner_html=markers
                    on:pointerdown=on_down on:pointermove=on_move
                    on:pointerup=move |_| drag.set_value(None)
                    on:pointercancel=move |_| drag.set_value(None) />
                <ul class="slist" inner_html=timeline />
                <select class="add-event" data-act="eadd" data-testid="add-event" aria-label="Add an event"
                    prop:value=move || { editor.scenario.track(); String::new() }>
                    <option value="">"+ Add an event…"</option>
                    {text::EVENT_KINDS.iter().map(|(id, name)| view! { <option value=*id>{*name}</option> }).collect_view()}
                </select>
            </section>
        </div>
    }
}
