//! A component card: icon tile, label and subtitle, the connect handle, and
//! what a replay or validation paints on it (health, load, instances,
//! markers).

use leptos::prelude::*;
use skydraft_core::catalog;
use skydraft_core::design::{Component, ComponentId, Point};
use skydraft_core::run::{ComponentFrame, Health};
use skydraft_core::validate::Severity;

use super::{MoveOffset, ellipsize, shifted};
use crate::diagnostics::DiagCtx;
use crate::geom::{HANDLE_R, NODE_H, NODE_W};
use crate::icons;
use crate::replay::{self, Replay};
use crate::state::{Editor, Selection};

/// How far the pointer-sensitive area reaches beside the tile, in canvas units.
const HIT_PAD: f64 = 36.0;

/// The second line of a card: the setting that matters most for the kind.
#[must_use]
pub fn subtitle(c: &Component) -> String {
    let Some(spec) = c.spec() else {
        return format!("unknown kind {}", ellipsize(&c.kind, 12));
    };
    let text = if spec.param("instance_type").is_some() {
        let ty = c.text("instance_type");
        if spec.param("min").is_some() && spec.param("max").is_some() {
            format!("{ty} · {}–{}", c.number("min"), c.number("max"))
        } else {
            ty
        }
    } else if spec.param("instance_class").is_some() {
        let class = c.text("instance_class");
        if c.flag("multi_az") {
            format!("{class} · Multi-AZ")
        } else {
            class
        }
    } else if spec.param("rate").is_some() {
        format!("{} req/s", c.number("rate"))
    } else if spec.name.chars().count() <= 22 {
        spec.name.to_owned()
    } else {
        spec.category.label().to_owned()
    };
    ellipsize(&text, 24)
}

/// A component's position as drawn: its place in the design, plus the drag
/// offset while it is carried. Only carried components follow the pointer.
#[derive(Clone, Copy)]
struct LivePos {
    pos: Memo<Option<Point>>,
    carried: Memo<bool>,
    delta: Memo<Point>,
}

impl LivePos {
    fn new(id: ComponentId, offset: MoveOffset) -> LivePos {
        LivePos {
            pos: Memo::new(move |_| offset.positions.with(|m| m.get(&id).copied())),
            carried: Memo::new(move |_| {
                offset
                    .carried
                    .with(|c| c.as_ref().is_some_and(|s| s.components.contains(&id)))
            }),
            delta: offset.delta,
        }
    }

    fn get(self) -> Option<Point> {
        let p = self.pos.get()?;
        Some(if self.carried.get() {
            shifted(p, self.delta.get())
        } else {
            p
        })
    }
}

/// Whether the focus of `ev` came from the keyboard (the browser shows a
/// focus ring), not from a click.
fn focus_from_keyboard(ev: &web_sys::FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false))
}

/// The kind, label and subtitle of a card.
fn card_text(editor: Editor, id: ComponentId) -> Memo<(String, String, String)> {
    Memo::new(move |_| {
        editor
            .design
            .with(|d| {
                d.component(id)
                    .map(|c| (c.kind.clone(), c.label.clone(), subtitle(c)))
            })
            .unwrap_or_default()
    })
}

/// What the replay paints on a card (`None` outside a replay).
fn card_paint(id: ComponentId) -> Memo<Option<ComponentFrame>> {
    let replay = Replay::get();
    Memo::new(move |_| {
        replay
            .0
            .with(|f| f.as_ref().and_then(|f| f.component(id).cloned()))
    })
}

/// The catalog's name of a kind.
fn kind_name(kind: &str) -> &'static str {
    catalog::kind(kind).map_or("Unknown kind", |k| k.name)
}

/// The instances in service during a replay, as an attribute value.
fn in_service(paint: Option<&ComponentFrame>) -> Option<String> {
    paint
        .and_then(|p| p.instances)
        .map(|i| i.in_service.to_string())
}

/// The card's tooltip: label and kind, and during a replay how it is doing.
fn card_title(label: &str, kind: &str, paint: Option<&ComponentFrame>) -> String {
    let name = kind_name(kind);
    match paint {
        Some(p) => format!(
            "{label} — {name}: {}",
            replay::health_words(p.health, p.utilization, p.error_share)
        ),
        None => format!("{label} — {name}"),
    }
}

/// One component card.
#[component]
pub fn NodeView(
    /// The component drawn.
    id: ComponentId,
    /// Offset of the components being dragged.
    offset: MoveOffset,
    /// The component a link drag is over, and whether it may connect.
    hover_target: Memo<Option<(ComponentId, bool)>>,
) -> impl IntoView {
    let editor = Editor::get();
    let present = crate::present::Present::get();
    let data = card_text(editor, id);
    let live = LivePos::new(id, offset);
    let transform = move || {
        let p = live.get().unwrap_or_default();
        format!(
            "translate({:.1} {:.1})",
            p.x - NODE_W / 2.0,
            p.y - NODE_H / 2.0
        )
    };
    let selected = Memo::new(move |_| editor.selection.with(|s| s.components.contains(&id)));
    let hover = Memo::new(move |_| hover_target.get().filter(|h| h.0 == id).map(|h| h.1));
    let paint = card_paint(id);
    let title = move || data.with(|d| paint.with(|p| card_title(&d.1, &d.0, p.as_ref())));
    let health = move || paint.with(|p| p.as_ref().map(|p| p.health.as_str()));
    let instances = move || paint.with(|p| in_service(p.as_ref()));
    let utilization = move || paint.with(|p| p.as_ref().map(|p| format!("{:.2}", p.utilization)));
    let locked = is_locked(editor, id);
    let aria = move || card_aria(editor, data, locked);
    let focus = move |ev: web_sys::FocusEvent| {
        // Tabbing to a card selects it, so Delete, the arrows and the
        // inspector act on it; a click selects through the gesture.
        if focus_from_keyboard(&ev) && !selected.get_untracked() {
            editor.selection.set(Selection::one(id));
        }
    };
    view! {
        <g
            class="node"
            class:selected=move || selected.get()
            class:step-hidden=move || present.hides_component(editor, id)
            class:drop-ok=move || hover.get() == Some(true)
            class:drop-refused=move || hover.get() == Some(false)
            class:replaying=move || paint.with(Option::is_some)
            class:locked=move || locked.get()
            data-component-id=id.to_string()
            data-kind=move || data.with(|d| d.0.clone())
            data-health=health
            data-instances=instances
            data-utilization=utilization
            transform=transform
            role="img"
            aria-label=aria
            tabindex="0"
            on:focus=focus
        >
            <title>{title}</title>
            <rect class="node-hit" x=-(HIT_PAD) y="-6" width=NODE_W + 2.0 * HIT_PAD height=NODE_H + 46.0 rx="10" />
            <rect class="node-ring" x="-5" y="-5" width=NODE_W + 10.0 height=NODE_H + 10.0 rx="15" />
            <ReplayRings paint />
            <use class="node-tile" href=move || data.with(|d| icons::href_for(&d.0)) width=NODE_W height=NODE_H />
            <LoadMeter paint />
            <text class="node-label" x=NODE_W / 2.0 y=NODE_H + 17.0 text-anchor="middle">{move || data.with(|d| ellipsize(&d.1, 20))}</text>
            <text class="node-sub" x=NODE_W / 2.0 y=NODE_H + 32.0 text-anchor="middle">{move || data.with(|d| d.2.clone())}</text>
            <DiagMarker id />
            <LockMark locked />
            <InstanceBadge paint />
            <circle class="handle" data-handle-for=id.to_string() cx=NODE_W + 3.0 cy=NODE_H / 2.0 r=HANDLE_R>
                <title>"Drag to connect"</title>
            </circle>
        </g>
    }
}

/// Whether the attempted challenge locks component `id`.
fn is_locked(editor: Editor, id: ComponentId) -> Memo<bool> {
    Memo::new(move |_| editor.locks(id))
}

/// The lock on a card the challenge locks.
#[component]
fn LockMark(
    /// Whether the card is locked.
    locked: Memo<bool>,
) -> impl IntoView {
    view! {
        <Show when=move || locked.get()>
            <g class="lock-mark" data-testid="lock-mark" transform=format!("translate({:.1} -8)", NODE_W - 10.0)>
                <title>"Locked by the challenge"</title>
                <rect x="-2" y="6" width="16" height="12" rx="2" />
                <path d="M2 6V3a5 5 0 0 1 8 0v3" />
            </g>
        </Show>
    }
}

/// The glow and ring of a card's health during a replay.
#[component]
fn ReplayRings(
    /// What the replay paints on the card.
    paint: Memo<Option<ComponentFrame>>,
) -> impl IntoView {
    move || {
        paint.get().map(|p| {
            let class = format!("replay-ring {}", p.health.as_str());
            let glow = match p.health {
                Health::Ok => "replay-glow ok",
                Health::Degraded => "replay-glow degraded",
                Health::Failing => "replay-glow failing",
            };
            view! {
                <rect class=glow x="-7" y="-7" width=NODE_W + 14.0 height=NODE_H + 14.0 rx="16" />
                <rect class=class x="-4" y="-4" width=NODE_W + 8.0 height=NODE_H + 8.0 rx="14" />
            }
        })
    }
}

/// The load bar along the bottom of the tile during a replay.
#[component]
fn LoadMeter(
    /// What the replay paints on the card.
    paint: Memo<Option<ComponentFrame>>,
) -> impl IntoView {
    move || {
        paint.get().map(|p| {
            let w = (NODE_W - 8.0) * p.utilization.clamp(0.0, 1.0);
            view! {
                <g class="load-meter" transform=format!("translate(4 {:.1})", NODE_H - 8.0)>
                    <rect class="load-track" width=NODE_W - 8.0 height="4" rx="2" />
                    <rect class=replay::load_class(p.utilization) width=w height="4" rx="2" />
                </g>
            }
        })
    }
}

/// The worst validation finding on the component, as a corner marker.
#[component]
fn DiagMarker(
    /// The component marked.
    id: ComponentId,
) -> impl IntoView {
    let diags = DiagCtx::get();
    move || {
        diags.worst_for_component(id).map(|sev| {
            let (class, mark) = match sev {
                Severity::Error => ("marker error", "!"),
                Severity::Warning => ("marker warning", "!"),
            };
            view! {
                <g class=class data-marker=sev.to_string() transform=format!("translate({:.1} -4)", NODE_W + 4.0)>
                    <circle r="9" />
                    <text y="4" text-anchor="middle">{mark}</text>
                </g>
            }
        })
    }
}

/// The count of instances in service during a replay.
#[component]
fn InstanceBadge(
    /// What the replay paints on the card.
    paint: Memo<Option<ComponentFrame>>,
) -> impl IntoView {
    move || {
        paint.get().and_then(|p| p.instances).map(|i| {
            let text = replay::badge_text(i);
            let w = 12.0 + 7.0 * text.chars().count() as f64;
            view! {
                <g class="instance-badge" data-testid="instance-badge" transform="translate(-10 -10)">
                    <title>{replay::badge_title(i)}</title>
                    <rect width=w height="18" rx="9" />
                    <text x=w / 2.0 y="13" text-anchor="middle">{text}</text>
                </g>
            }
        })
    }
}

/// A card's accessible name: its label and kind, and whether the challenge
/// locks it (a Users card with the traffic fixed says so).
fn card_aria(editor: Editor, data: Memo<(String, String, String)>, locked: Memo<bool>) -> String {
    let traffic =
        data.with(|d| d.0 == skydraft_core::catalog::Kind::Users.id()) && editor.traffic_fixed();
    let lock = match (locked.get(), traffic) {
        (true, true) => ", locked: the challenge fixes the traffic",
        (true, false) => ", locked",
        _ => "",
    };
    data.with(|d| format!("{}, {}{lock}", d.1, kind_name(&d.0)))
}
