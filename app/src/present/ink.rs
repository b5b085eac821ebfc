//! The ink toolbar (select, pen, highlighter, laser and their colours) and
//! the surface the pen and laser draw on, laid over the canvas while one of
//! them is chosen. A pen or highlighter stroke becomes one `Draw` command
//! when the pointer lifts; the laser's trail fades after a second (a still
//! dot that goes after a second under reduced motion) and never touches the
//! document.

use gloo::timers::callback::{Interval, Timeout};
use leptos::prelude::*;
use skydraft_core::design::{AnnotationKind, InkColour, Point};
use skydraft_core::edit::Command;
use web_sys::PointerEvent;

use super::{Present, Tool};
use crate::state::Editor;

/// How long the laser's trail lasts, in ms.
const LASER_MS: u32 = 1000;

/// The toolbar's tools, in order.
const TOOLS: [Tool; 4] = [Tool::Select, Tool::Pen, Tool::Highlighter, Tool::Laser];

/// The path through points (`M x y L x y …`), one decimal.
#[must_use]
pub fn path(points: &[Point]) -> String {
    let mut out = String::new();
    for (i, p) in points.iter().enumerate() {
        let cmd = if i == 0 { 'M' } else { 'L' };
        out.push_str(&format!("{cmd}{:.1} {:.1}", p.x, p.y));
    }
    if points.len() == 1 {
        // A dot: a zero-length segment draws with round caps.
        out.push_str("l0.01 0");
    }
    out
}

/// Stroke width and opacity of a kind of ink.
#[must_use]
pub fn look(kind: AnnotationKind) -> (f64, f64) {
    match kind {
        AnnotationKind::Highlighter => (16.0, 0.4),
        _ => (3.0, 1.0),
    }
}

/// Tool and colour buttons over the canvas' top-right corner, folded into
/// one button until asked for; folding them puts the select tool back, so
/// no mode stays on out of sight.
#[component]
pub fn InkBar() -> impl IntoView {
    let editor = Editor::get();
    let present = Present::get();
    let open = RwSignal::new(false);
    let toggle = move |_| {
        open.update(|o| *o = !*o);
        if !open.get_untracked() {
            present.tool.set(Tool::Select);
        }
    };
    let shown = move |t: Tool| !t.edits() || !editor.read_only.get();
    let colour = move || match present.tool.get() {
        Tool::Laser => Some(present.laser),
        Tool::Pen | Tool::Highlighter => Some(present.ink),
        Tool::Select => None,
    };
    view! {
        <div class="ink-bar" role="toolbar" aria-label="Pen and pointer" data-testid="ink-bar">
            <div class="ink-head">
            <Show when=move || !present.on.get() && !present.embed.get()>
                <button class="btn icon ink-tool" data-testid="present-start" aria-label="Present"
                    title=crate::actions::title(crate::actions::ActionId::Present)
                    on:click=move |_| present.enter(editor, 0, true)>
                    <span aria-hidden="true">"▶"</span>
                </button>
            </Show>
            <button class="btn icon ink-tool" data-testid="ink-toggle" aria-label="Pen and pointer"
                title="Pen, highlighter and laser pointer" aria-expanded=move || open.get().to_string()
                on:click=toggle>
                <span aria-hidden="true">"✎"</span>
            </button>
            </div>
            <Show when=move || open.get()>
            <div class="ink-tools">
            {TOOLS.into_iter().map(|t| view! {
                <Show when=move || shown(t)>
                    <button class="btn icon ink-tool" data-testid=format!("tool-{}", t.id())
                        aria-pressed=move || (present.tool.get() == t).to_string()
                        aria-label=t.label() title=t.label()
                        on:click=move |_| present.tool.set(t)>
                        <span aria-hidden="true">{tool_glyph(t)}</span>
                    </button>
                </Show>
            }).collect_view()}
            {move || colour().map(|sig| view! {
                <div class="ink-colours" role="group" aria-label="Colour">
                    {InkColour::ALL.into_iter().map(|c| view! {
                        <button class="btn icon ink-colour" data-testid=format!("ink-{}", c.name())
                            aria-pressed=move || (sig.get() == c).to_string()
                            aria-label=format!("{} ink", c.name()) title=c.name()
                            on:click=move |_| sig.set(c)>
                            <span class="swatch" aria-hidden="true" style=format!("background:{}", c.css()) />
                        </button>
                    }).collect_view()}
                </div>
            })}
            </div>
            </Show>
        </div>
    }
}

fn tool_glyph(t: Tool) -> &'static str {
    match t {
        Tool::Select => "↖",
        Tool::Pen => "✎",
        Tool::Highlighter => "▮",
        Tool::Laser => "●",
    }
}

/// The point of a pointer event relative to the surface's top-left corner.
fn local(ev: &PointerEvent) -> (f64, f64) {
    let corner = ev
        .current_target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .map_or((0.0, 0.0), |e| {
            let r = e.get_bounding_client_rect();
            (r.left(), r.top())
        });
    (
        f64::from(ev.client_x()) - corner.0,
        f64::from(ev.client_y()) - corner.1,
    )
}

fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// How the laser shows where it points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaserLook {
    /// A trail whose segments fade with age, redrawn every few frames.
    FadingTrail,
    /// One steady dot at the latest point, gone [`LASER_MS`] after the
    /// pointer last moved: nothing animates (the reader asked for reduced
    /// motion).
    StillDot,
}

impl LaserLook {
    /// The look for a reader who does (`true`) or does not ask for reduced
    /// motion (`prefers-reduced-motion: reduce`).
    #[must_use]
    pub fn for_motion(reduced: bool) -> Self {
        if reduced {
            LaserLook::StillDot
        } else {
            LaserLook::FadingTrail
        }
    }

    /// The look the browser's setting asks for now.
    fn current() -> Self {
        let reduced = gloo::utils::window()
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        LaserLook::for_motion(reduced)
    }
}

/// The laser's fading trail: screen points with the time each was made,
/// pruned while any is younger than [`LASER_MS`]; under reduced motion only
/// the latest point, cleared once by a timer.
#[derive(Clone, Copy)]
struct Trail {
    points: RwSignal<Vec<(f64, f64, f64)>>,
    look: RwSignal<LaserLook>,
    ticker: StoredValue<Option<Interval>, LocalStorage>,
    clear: StoredValue<Option<Timeout>, LocalStorage>,
}

impl Trail {
    fn new() -> Self {
        Trail {
            points: RwSignal::new(Vec::new()),
            look: RwSignal::new(LaserLook::FadingTrail),
            ticker: StoredValue::new_local(None),
            clear: StoredValue::new_local(None),
        }
    }

    /// Adds a point, and keeps pruning until the trail is gone; under
    /// reduced motion, moves the dot and restarts the timer that clears it.
    fn push(self, x: f64, y: f64) {
        let look = LaserLook::current();
        if self.look.get_untracked() != look {
            self.look.set(look);
        }
        if look == LaserLook::StillDot {
            self.points.set(vec![(x, y, now())]);
            // Replacing the timer drops (cancels) the one before.
            self.clear.set_value(Some(Timeout::new(LASER_MS, move || {
                self.points.set(Vec::new());
            })));
            return;
        }
        self.points.update(|t| t.push((x, y, now())));
        if self.ticker.with_value(Option::is_some) {
            return;
        }
        self.ticker.set_value(Some(Interval::new(50, move || {
            let cut = now() - f64::from(LASER_MS);
            self.points.update(|t| t.retain(|p| p.2 > cut));
            if self.points.with_untracked(Vec::is_empty) {
                self.ticker.set_value(None);
            }
        })));
    }
}

/// The trail's segments, each fainter with age; or, under reduced motion,
/// the one still dot.
#[component]
fn LaserTrail(trail: Trail, colour: RwSignal<InkColour>) -> impl IntoView {
    view! {
        <g class="laser" data-testid="laser-trail" data-look=move || format!("{:?}", trail.look.get())>
            {move || {
                let t0 = now();
                let colour = colour.get().css();
                let points = trail.points.get();
                if trail.look.get() == LaserLook::StillDot {
                    return points.last().map(|p| view! {
                        <circle data-testid="laser-dot" cx=p.0 cy=p.1 r="6" fill=colour />
                    }).into_iter().collect_view().into_any();
                }
                points.windows(2).map(|w| {
                    let age = ((t0 - w[1].2) / f64::from(LASER_MS)).clamp(0.0, 1.0);
                    view! { <line x1=w[0].0 y1=w[0].1 x2=w[1].0 y2=w[1].1 stroke=colour
                        stroke-width="5" stroke-linecap="round" stroke-opacity=format!("{:.2}", 1.0 - age) /> }
                }).collect_view().into_any()
            }}
        </g>
    }
}

/// The kind of ink a tool draws.
fn ink_kind(t: Tool) -> AnnotationKind {
    match t {
        Tool::Highlighter => AnnotationKind::Highlighter,
        _ => AnnotationKind::Pen,
    }
}

/// Hands a laser point to a live class or projector window, in world units.
fn share_laser(editor: Editor, present: Present, sx: f64, sy: f64) {
    let p = editor.viewport.get_untracked().to_world(sx, sy);
    crate::live::teacher::laser_point(p.x, p.y, present.laser.get_untracked().css());
}

/// The surface the pen, highlighter and laser draw on.
#[component]
pub fn InkSurface() -> impl IntoView {
    let editor = Editor::get();
    let present = Present::get();
    // The stroke being drawn, in canvas units.
    let live = RwSignal::new(None::<Vec<Point>>);
    let trail = Trail::new();
    let down = move |ev: PointerEvent| {
        ev.prevent_default();
        if let Some(el) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        let (sx, sy) = local(&ev);
        match present.tool.get_untracked() {
            Tool::Laser => {
                trail.push(sx, sy);
                share_laser(editor, present, sx, sy);
            }
            _ => live.set(Some(vec![editor.viewport.get_untracked().to_world(sx, sy)])),
        }
    };
    let moved = move |ev: PointerEvent| {
        let (sx, sy) = local(&ev);
        if present.tool.get_untracked() == Tool::Laser {
            // The trail follows a pointer that hovers too (a mouse).
            trail.push(sx, sy);
            share_laser(editor, present, sx, sy);
        } else if live.with_untracked(Option::is_some) {
            let p = editor.viewport.get_untracked().to_world(sx, sy);
            live.update(|l| {
                if let Some(l) = l
                    && l.len() < skydraft_core::design::MAX_STROKE_POINTS
                {
                    l.push(p);
                }
            });
        }
    };
    let up = move |_ev: PointerEvent| {
        let Some(points) = live.get_untracked() else {
            return;
        };
        live.set(None);
        let kind = ink_kind(present.tool.get_untracked());
        let colour = present.ink.get_untracked();
        editor.dispatch(&Command::Draw {
            kind,
            colour,
            points,
        });
    };
    view! {
        <Show when=move || present.tool.get() != Tool::Select>
            <svg class="ink-surface" data-testid="ink-surface" data-tool=move || present.tool.get().id()
                aria-hidden="true"
                on:pointerdown=down on:pointermove=moved on:pointerup=up
                on:pointercancel=move |_| live.set(None)>
                <g transform=move || editor.viewport.with(crate::geom::Viewport::transform)>
                    {move || live.get().map(|pts| {
                        let (w, o) = look(ink_kind(present.tool.get()));
                        view! { <path class="ink-live" d=path(&pts) fill="none" stroke=present.ink.get().css()
                            stroke-width=w stroke-opacity=o stroke-linecap="round" stroke-linejoin="round" /> }
                    })}
                </g>
                <LaserTrail trail colour=present.laser />
            </svg>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduced_motion_gets_a_still_dot_and_otherwise_a_fading_trail() {
        assert_eq!(LaserLook::for_motion(true), LaserLook::StillDot);
        assert_eq!(LaserLook::for_motion(false), LaserLook::FadingTrail);
    }
}
