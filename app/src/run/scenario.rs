//! The Scenario tab: presets, duration and seed, traffic shapes with a live
//! preview of the request rate, and the timeline of events (add, edit, drag
//! along the strip, delete). Every edit is a core `ScenarioCommand` applied
//! through the editor's history, so it can be undone like a design edit;
//! the autosave and the share link carry the scenario.

use leptos::prelude::*;
use skydraft_core::edit::ScenarioCommand;
use skydraft_core::scenario::fields::FieldValue;
use skydraft_core::scenario::presets::{self, PRESETS};
use skydraft_core::scenario::{EVENT_KINDS, Scenario, Shape, TimedEvent, Traffic, new_event};

use gloo::timers::callback::Timeout;

use super::form::{self, send};
use super::{RunCtx, text};
use crate::state::{Editor, Tone};

/// Adds an event of kind `id` a third of the way into the run, aimed at the
/// design's first fitting target.
fn add_event(editor: Editor, id: &str) -> bool {
    let event = editor.design.with_untracked(|d| new_event(id, d));
    let Some(event) = event else {
        editor.notify(
            "The design has nothing this event can act on (no fitting component or link).",
            Tone::Error,
        );
        return false;
    };
    let at_s = editor
        .scenario
        .with_untracked(|s| (s.duration_s / 3.0).round());
    send(
        editor,
        &ScenarioCommand::AddEvent(TimedEvent { at_s, event }),
    )
}

/// Adds a spike, the shape a newcomer most often wants first.
fn add_traffic(editor: Editor) {
    let duration = editor.scenario.with_untracked(|s| s.duration_s);
    if let Some(shape) = Shape::of_kind("spike", duration) {
        send(
            editor,
            &ScenarioCommand::AddTraffic(Traffic {
                source: None,
                shape,
            }),
        );
    }
}

/// The markers of the timeline strip; pressing one starts dragging it.
fn markers(s: &Scenario, grab: impl Fn(usize, web_sys::PointerEvent) + Copy + 'static) -> AnyView {
    let d = s.duration_s.max(1.0);
    s.timeline
        .iter()
        .enumerate()
        .map(|(i, te)| {
            let left = (te.at_s / d * 100.0).clamp(0.0, 100.0);
            let title = format!("{} at {}", te.event.kind().name, text::dur(te.at_s));
            view! {
                <button class="marker" data-testid="timeline-marker" style=format!("left:{left:.2}%")
                    title=title.clone() aria-label=title on:pointerdown=move |ev| grab(i, ev)></button>
            }
        })
        .collect_view()
        .into_any()
}

/// Quiet time after an edit before the simulator checks the design, ms.
const CHECK_DELAY_MS: u32 = 300;

/// Applies preset `id` as one undoable edit and says what it does, or why
/// it does not fit the design.
fn apply_preset(
    editor: Editor,
    note: RwSignal<Option<(String, bool)>>,
    id: &'static str,
    name: &'static str,
) {
    let res = editor
        .design
        .with_untracked(|d| editor.scenario.with_untracked(|s| presets::apply(id, d, s)));
    match res {
        Ok(a) => {
            let about = presets::preset(id).map_or("", |p| p.about);
            if !send(editor, &ScenarioCommand::Replace(Box::new(a.scenario))) {
                return;
            }
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
}

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
    let locked = move || editor.challenge.with(Option::is_some);
    view! {
        {move || locked().then(|| view! {
            <p class="scenario-locked" data-testid="scenario-locked" role="note">
                "This is the challenge's scenario: every attempt runs against it, so it cannot be changed here."
            </p>
        })}
        <fieldset class="scenario-set" disabled=locked>
        <legend class="visually-hidden">"Scenario"</legend>
        <div class="scenario" data-testid="scenario-panel">
            <div class="scol">
                <h3>"Start from a preset"</h3>
                <div class="presets" role="group" aria-label="Presets">
                    {PRESETS.iter().map(|p| {
                        let (id, name) = (p.id, p.name);
                        view! { <button class="btn preset" data-preset=id title=p.about on:click=move |_| apply_preset(editor, note, id, name)>{name}</button> }
                    }).collect_view()}
                </div>
                {move || note.get().map(|(t, bad)| view! {
                    <p class="preset-note" class:warn=bad data-testid="preset-note" role="status">{t}</p>
                })}
                <Basics />
                {move || check().map(|(what, fix)| view! {
                    <p class="precheck" data-testid="run-precheck" role="alert"><strong>{what}</strong>" "{fix}</p>
                })}
                <p class="muted small">"Scenario edits are saved with the design and travel in its share link."</p>
            </div>
            <TrafficSection />
            <TimelineSection />
        </div>
        </fieldset>
    }
}

/// The run's duration and seed.
#[component]
fn Basics() -> impl IntoView {
    let editor = Editor::get();
    let minutes = move || editor.scenario.with(|s| format!("{}", s.duration_s / 60.0));
    let seed = move || editor.scenario.with(|s| s.seed.to_string());
    view! {
        <div class="srow basics">
            <label class="sfield"><span>"Duration"</span>
                <input type="number" min="1" step="any" data-testid="duration" prop:value=minutes
                    on:change=move |ev| {
                        match event_target_value(&ev).trim().parse::<f64>() {
                            Ok(v) if v.is_finite() && v > 0.0 => {
                                send(editor, &ScenarioCommand::SetDuration((v * 60.0).round().max(1.0)));
                            }
                            _ => editor.notify("The duration is a number of minutes above 0.", Tone::Error),
                        }
                    } />
                <span class="unit">"min"</span></label>
            <label class="sfield"><span>"Seed"</span>
                <input type="number" min="0" step="1" data-testid="seed" prop:value=seed
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<u64>() {
                            send(editor, &ScenarioCommand::SetSeed(v));
                        }
                    } /></label>
        </div>
    }
}

/// The traffic shapes with the preview of the request rate they make.
#[component]
fn TrafficSection() -> impl IntoView {
    let editor = Editor::get();
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
            .with(|d| editor.scenario.with(|s| form::traffic_rows(editor, d, s)))
    };
    view! {
        <section class="ssec">
            <h3>"Traffic" <span class="muted">" requests per second the Users send"</span></h3>
            <div class="preview" data-testid="rate-preview" inner_html=preview />
            <ul class="slist">{traffic}</ul>
            <button class="btn small" data-testid="add-traffic" on:click=move |_| add_traffic(editor)>"+ Add a traffic shape"</button>
        </section>
    }
}

/// The timeline: the strip of markers (drag one to move its event, one undo
/// step per drag), the events' rows and the menu that adds one.
#[component]
fn TimelineSection() -> impl IntoView {
    let editor = Editor::get();
    let timeline = move || {
        editor
            .design
            .with(|d| editor.scenario.with(|s| form::timeline_rows(editor, d, s)))
    };
    let strip = NodeRef::<leptos::html::Div>::new();
    let drag = StoredValue::new(None::<usize>);
    let grab = move |i: usize, ev: web_sys::PointerEvent| {
        ev.prevent_default();
        editor.seal();
        drag.set_value(Some(i));
        if let Some(el) = strip.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    };
    let marks = move || editor.scenario.with(|s| markers(s, grab));
    let on_move = move |ev: web_sys::PointerEvent| {
        let (Some(index), Some(el)) = (drag.get_value(), strip.get_untracked()) else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let d = editor.scenario.with_untracked(|s| s.duration_s);
        if r.width() > 0.0 {
            let f = ((f64::from(ev.client_x()) - r.left()) / r.width()).clamp(0.0, 1.0);
            let t = (f * d / 5.0).round() * 5.0;
            editor.dispatch_scenario(&ScenarioCommand::SetEventField {
                index,
                field: "at_s",
                value: FieldValue::Number(Some(t)),
            });
        }
    };
    // The kind is chosen first and added with the button: a list that acted on
    // every change would add an event per arrow key or typed letter.
    let chosen = NodeRef::<leptos::html::Select>::new();
    let on_add = move |_| {
        if let Some(el) = chosen.get() {
            add_event(editor, &el.value());
        }
    };
    view! {
        <section class="ssec">
            <h3>"Timeline" <span class="muted">" what goes wrong, and when (drag a marker to move it)"</span></h3>
            <div class="strip" node_ref=strip data-testid="timeline-strip"
                on:pointermove=on_move
                on:pointerup=move |_| drag.set_value(None)
                on:pointercancel=move |_| drag.set_value(None)>{marks}</div>
            <ul class="slist">{timeline}</ul>
            <div class="add-event-row">
                <select class="add-event" data-testid="add-event" aria-label="Event to add" node_ref=chosen>
                    {EVENT_KINDS.iter().map(|k| view! { <option value=k.id>{k.name}</option> }).collect_view()}
                </select>
                <button class="btn small" data-testid="add-event-button" on:click=on_add>"+ Add event"</button>
            </div>
        </section>
    }
}
