//! What the canvas draws: component cards, links, frames and notes. User text
//! only ever becomes SVG text nodes, never markup.

use std::collections::HashMap;

use leptos::prelude::*;
use skydraft_core::catalog;
use skydraft_core::design::{
    AnnotationId, AnnotationKind, Component, ComponentId, GroupId, GroupKind, LinkId, Point, Rect,
};

use skydraft_core::run::Health;
use skydraft_core::validate::Severity;

use crate::diagnostics::DiagCtx;
use crate::geom::{self, HANDLE_R, NODE_H, NODE_W};
use crate::icons;
use crate::replay::{self, Replay};
use crate::state::{Editor, Selection};

/// How far the pointer-sensitive area reaches beside the tile, in canvas units.
const HIT_PAD: f64 = 36.0;

/// What is being dragged and by how much, shared by everything drawn.
///
/// Split in two so that a pointer move reaches only what moves: `carried`
/// changes when a drag starts or ends, `delta` on every move, and an item
/// reads `delta` only while it is carried.
#[derive(Clone, Copy)]
pub struct MoveOffset {
    /// What moves on screen while a drag is under way.
    pub carried: Memo<Option<Selection>>,
    /// The current offset of the drag.
    pub delta: Memo<Point>,
    /// Every component's position in the design, by id (rebuilt once per edit,
    /// so each item finds its own without searching the design).
    pub positions: Memo<HashMap<ComponentId, Point>>,
}

/// `p` shifted by `delta`.
fn shifted(p: Point, delta: Point) -> Point {
    Point {
        x: p.x + delta.x,
        y: p.y + delta.y,
    }
}

/// Shortens text to `max` characters with an ellipsis.
#[must_use]
pub fn ellipsize(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The second line of a card: the setting that matters most for the kind.
#[must_use]
pub fn subtitle(c: &Component) -> String {
    let Some(spec) = c.spec() else {
        return format!("unknown kind {}", ellipsize(&c.kind, 12));
    };
    let text = if spec.param("instance_type").is_some() {
        let ty = c.text("instance_type", "");
        if spec.param("min").is_some() && spec.param("max").is_some() {
            format!("{ty} · {}–{}", c.number("min", 0.0), c.number("max", 0.0))
        } else {
            ty
        }
    } else if spec.param("instance_class").is_some() {
        let class = c.text("instance_class", "");
        if c.flag("multi_az", false) {
            format!("{class} · Multi-AZ")
        } else {
            class
        }
    } else if spec.param("rate").is_some() {
        format!("{} req/s", c.number("rate", 0.0))
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
    let data = Memo::new(move |_| {
        editor
            .design
            .with(|d| {
                d.component(id)
                    .map(|c| (c.kind.clone(), c.label.clone(), subtitle(c)))
            })
            .unwrap_or_default()
    });
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
    let kind = move || data.with(|d| d.0.clone());
    let href = move || data.with(|d| icons::href_for(&d.0));
    let label = move || data.with(|d| ellipsize(&d.1, 20));
    let sub = move || data.with(|d| d.2.clone());
    let replay = Replay::get();
    let paint = Memo::new(move |_| {
        replay
            .0
            .with(|f| f.as_ref().and_then(|f| f.component(id).cloned()))
    });
    let title = move || {
        data.with(|d| {
            let name = catalog::kind(&d.0).map_or("Unknown kind", |k| k.name);
            paint.with(|p| match p {
                Some(p) => format!(
                    "{} — {name}: {}",
                    d.1,
                    replay::health_words(p.health, p.utilization, p.error_share)
                ),
                None => format!("{} — {name}", d.1),
            })
        })
    };
    let health = move || paint.with(|p| p.as_ref().map(|p| p.health.as_str()));
    let instances = move || {
        paint.with(|p| {
            p.as_ref()
                .and_then(|p| p.instances)
                .map(|i| i.in_service.to_string())
        })
    };
    let utilization = move || paint.with(|p| p.as_ref().map(|p| format!("{:.2}", p.utilization)));
    let diags = DiagCtx::get();
    let sid = id.to_string();
    let handle_for = sid.clone();
    let aria = move || {
        data.with(|d| {
            let name = catalog::kind(&d.0).map_or("Unknown kind", |k| k.name);
            format!("{}, {name}", d.1)
        })
    };
    view! {
        <g
            class="node"
            class:selected=move || selected.get()
            class:drop-ok=move || hover.get() == Some(true)
            class:drop-refused=move || hover.get() == Some(false)
            class:replaying=move || paint.with(Option::is_some)
            data-component-id=sid
            data-kind=kind
            data-health=health
            data-instances=instances
            data-utilization=utilization
            transform=transform
            role="img"
            aria-label=aria
            tabindex="0"
            on:focus=move |ev| {
                // Tabbing to a card selects it, so Delete, the arrows and the
                // inspector act on it; a click selects through the gesture.
                if focus_from_keyboard(&ev) && !selected.get_untracked() {
                    editor.selection.set(Selection::one(id));
                }
            }
        >
            <title>{title}</title>
            <rect class="node-hit" x=-(HIT_PAD) y="-6" width=NODE_W + 2.0 * HIT_PAD height=NODE_H + 46.0 rx="10" />
            <rect class="node-ring" x="-5" y="-5" width=NODE_W + 10.0 height=NODE_H + 10.0 rx="15" />
            {move || paint.get().map(|p| {
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
            })}
            <use class="node-tile" href=href width=NODE_W height=NODE_H />
            {move || paint.get().map(|p| {
                let w = (NODE_W - 8.0) * p.utilization.clamp(0.0, 1.0);
                view! {
                    <g class="load-meter" transform=format!("translate(4 {:.1})", NODE_H - 8.0)>
                        <rect class="load-track" width=NODE_W - 8.0 height="4" rx="2" />
                        <rect class=replay::load_class(p.utilization) width=w height="4" rx="2" />
                    </g>
                }
            })}
            <text class="node-label" x=NODE_W / 2.0 y=NODE_H + 17.0 text-anchor="middle">{label}</text>
            <text class="node-sub" x=NODE_W / 2.0 y=NODE_H + 32.0 text-anchor="middle">{sub}</text>
            {move || diags.worst_for_component(id).map(|sev| {
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
            })}
            {move || paint.get().and_then(|p| p.instances).map(|i| {
                let text = replay::badge_text(i);
                let w = 12.0 + 7.0 * text.chars().count() as f64;
                view! {
                    <g class="instance-badge" data-testid="instance-badge" transform="translate(-10 -10)">
                        <title>{replay::badge_title(i)}</title>
                        <rect width=w height="18" rx="9" />
                        <text x=w / 2.0 y="13" text-anchor="middle">{text}</text>
                    </g>
                }
            })}
            <circle class="handle" data-handle-for=handle_for cx=NODE_W + 3.0 cy=NODE_H / 2.0 r=HANDLE_R>
                <title>"Drag to connect"</title>
            </circle>
        </g>
    }
}

/// One link.
#[component]
pub fn LinkView(
    /// The link drawn.
    id: LinkId,
    /// Offset of the components being dragged.
    offset: MoveOffset,
) -> impl IntoView {
    let editor = Editor::get();
    let ends = Memo::new(move |_| editor.design.with(|d| d.link(id).map(|l| (l.from, l.to))));
    // The ends' positions; a link follows the pointer only while an end is carried.
    let pos = Memo::new(move |_| {
        let (from, to) = ends.get()?;
        offset
            .positions
            .with(|m| Some((*m.get(&from)?, *m.get(&to)?)))
    });
    let carried = Memo::new(move |_| {
        let Some((from, to)) = ends.get() else {
            return (false, false);
        };
        offset.carried.with(|c| {
            c.as_ref().map_or((false, false), |s| {
                (s.components.contains(&from), s.components.contains(&to))
            })
        })
    });
    let path = Memo::new(move |_| {
        let (mut a, mut b) = pos.get()?;
        let (ma, mb) = carried.get();
        if ma || mb {
            let d = offset.delta.get();
            if ma {
                a = shifted(a, d);
            }
            if mb {
                b = shifted(b, d);
            }
        }
        Some(geom::curve(geom::handle_pos(a), geom::inlet_pos(b)))
    });
    let selected = Memo::new(move |_| editor.selection.with(|s| s.links.contains(&id)));
    let from = move || ends.get().map(|e| e.0.to_string()).unwrap_or_default();
    let to = move || ends.get().map(|e| e.1.to_string()).unwrap_or_default();
    let marker = move || {
        if selected.get() {
            "url(#arrow-selected)"
        } else {
            "url(#arrow)"
        }
    };
    let replay = Replay::get();
    let paint = Memo::new(move |_| {
        replay.0.with(|f| {
            f.as_ref()
                .and_then(|f| f.link(id))
                .map(|l| (l.rate_per_s, l.share))
        })
    });
    let width = move || {
        paint
            .get()
            .map(|(_, share)| format!("{:.2}", replay::link_width(share)))
    };
    let rate = move || paint.get().map(|(r, _)| format!("{r:.1}"));
    view! {
        <g
            class="link"
            class:selected=move || selected.get()
            class:replaying=move || paint.with(Option::is_some)
            data-link-id=id.to_string()
            data-from=from
            data-to=to
            data-rate=rate
        >
            {move || paint.get().map(|(r, _)| view! { <title>{format!("{} req/s", replay::rate_text(r))}</title> })}
            <path class="link-hit" d=move || path.get() />
            <path class="link-line" d=move || path.get() marker-end=marker style:stroke-width=width />
        </g>
    }
}

/// A Region, AZ or VPC frame. Its title bar picks it up (with what it holds);
/// the inside stays free for selecting with a rectangle. During a replay, a
/// zone that is down (or every frame, when the region is) is shaded.
#[component]
pub fn FrameView(
    /// The frame drawn.
    id: GroupId,
    /// What is being dragged.
    offset: MoveOffset,
) -> impl IntoView {
    let editor = Editor::get();
    let g = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.groups.iter().find(|g| g.id == id).cloned())
    });
    let carried = Memo::new(move |_| {
        offset
            .carried
            .with(|c| c.as_ref().is_some_and(|s| s.groups.contains(&id)))
    });
    let selected = Memo::new(move |_| editor.selection.with(|s| s.groups.contains(&id)));
    let rect = Memo::new(move |_| {
        let r = g.with(|g| g.as_ref().map(|g| g.rect)).unwrap_or_default();
        if carried.get() {
            let d = offset.delta.get();
            Rect {
                x: r.x + d.x,
                y: r.y + d.y,
                ..r
            }
        } else {
            r
        }
    });
    let class = move || match g.with(|g| g.as_ref().map(|g| g.kind)) {
        Some(GroupKind::AvailabilityZone) => "frame az",
        Some(GroupKind::Vpc) => "frame vpc",
        _ => "frame region",
    };
    let label = move || {
        g.with(|g| {
            g.as_ref()
                .map(|g| ellipsize(&g.label, 40))
                .unwrap_or_default()
        })
    };
    let replay = Replay::get();
    let outage = Memo::new(move |_| {
        replay.0.with(|f| {
            let Some(f) = f else { return false };
            g.with(|g| {
                g.as_ref().is_some_and(|g| {
                    f.region_down
                        || (g.kind == GroupKind::AvailabilityZone
                            && f.failed_azs.iter().any(|az| az == g.label.trim()))
                        || (g.kind == GroupKind::Region
                            && f.failed_regions.iter().any(|r| r == g.label.trim()))
                })
            })
        })
    });
    let sid = id.to_string();
    let grip = sid.clone();
    view! {
        <g class=class class:selected=move || selected.get() class:outage=move || outage.get()
            data-group-id=sid data-outage=move || outage.get().then_some("true")>
            <rect class="frame-box" x=move || rect.get().x y=move || rect.get().y width=move || rect.get().w height=move || rect.get().h rx="14" />
            <rect class="frame-grip" data-group-grip=grip x=move || rect.get().x y=move || rect.get().y width=move || rect.get().w height="30" rx="14">
                <title>"Drag the title bar to move the frame and what it holds"</title>
            </rect>
            <text class="frame-label" x=move || rect.get().x + 14.0 y=move || rect.get().y + 21.0>{label}</text>
            {move || outage.get().then(|| {
                let r = rect.get();
                view! {
                    <g class="outage-tag" data-testid="outage" transform=format!("translate({:.1} {:.1})", r.x + r.w - 84.0, r.y + 7.0)>
                        <rect width="72" height="20" rx="10" />
                        <text x="36" y="14" text-anchor="middle">"outage"</text>
                    </g>
                }
            })}
        </g>
    }
}

/// A text or sticky note.
#[component]
pub fn NoteView(
    /// The note drawn.
    id: AnnotationId,
    /// What is being dragged.
    offset: MoveOffset,
) -> impl IntoView {
    let editor = Editor::get();
    let a = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.annotations.iter().find(|a| a.id == id).cloned())
    });
    let selected = move || editor.selection.with(|s| s.annotations.contains(&id));
    let carried = Memo::new(move |_| {
        offset
            .carried
            .with(|c| c.as_ref().is_some_and(|s| s.annotations.contains(&id)))
    });
    let transform = move || {
        let p = a.with(|a| a.as_ref().map(|a| a.pos)).unwrap_or_default();
        let p = if carried.get() {
            shifted(p, offset.delta.get())
        } else {
            p
        };
        format!("translate({:.1} {:.1})", p.x, p.y)
    };
    let sticky = move || a.with(|a| a.as_ref().is_some_and(|a| a.kind == AnnotationKind::Sticky));
    let lines = move || {
        a.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.text
                        .lines()
                        .take(geom::NOTE_LINES)
                        .map(|l| ellipsize(l, 26))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <g class="note" class:sticky=sticky class:selected=selected data-note-id=id.to_string() transform=transform>
            <rect class="note-box" x="0" y="0" width=geom::NOTE_W height=move || geom::note_height(if sticky() { AnnotationKind::Sticky } else { AnnotationKind::Text }, lines().len()) rx="6" />
            <text x="12" y="22">
                {move || {
                    lines()
                        .into_iter()
                        .enumerate()
                        .map(|(i, l)| view! { <tspan x="12" dy=if i == 0 { "0" } else { "1.35em" }>{l}</tspan> })
                        .collect_view()
                }}
            </text>
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_shortened() {
        assert_eq!(ellipsize("abc", 5), "abc");
        assert_eq!(ellipsize("abcdefgh", 5), "abcd…");
    }
}
