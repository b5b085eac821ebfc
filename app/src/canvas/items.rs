//! What the canvas draws: component cards, links, frames and notes. User text
//! only ever becomes SVG text nodes, never markup.

use leptos::prelude::*;
use skydraft_core::catalog;
use skydraft_core::design::{
    AnnotationId, AnnotationKind, Component, ComponentId, GroupId, GroupKind, LinkId, Point, Rect,
};

use crate::geom::{self, HANDLE_R, NODE_H, NODE_W};

/// How far the pointer-sensitive area reaches beside the tile, in canvas units.
const HIT_PAD: f64 = 36.0;
use crate::diagnostics::DiagCtx;
use crate::icons;
use crate::state::{Editor, Selection};
use skydraft_core::validate::Severity;

/// What is being dragged and by how much, shared by everything drawn.
pub type MoveOffset = Memo<Option<(Selection, Point)>>;

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

/// Where a component is drawn: its position plus the drag offset if it moves.
fn live_pos(editor: Editor, id: ComponentId, offset: MoveOffset) -> Option<Point> {
    let p = editor.design.with(|d| d.component(id).map(|c| c.pos))?;
    Some(offset.with(|o| match o {
        Some((sel, delta)) if sel.components.contains(&id) => shifted(p, *delta),
        _ => p,
    }))
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
    let transform = move || {
        let p = live_pos(editor, id, offset).unwrap_or_default();
        format!(
            "translate({:.1} {:.1})",
            p.x - NODE_W / 2.0,
            p.y - NODE_H / 2.0
        )
    };
    let selected = move || editor.selection.with(|s| s.components.contains(&id));
    let drop_ok = move || hover_target.get() == Some((id, true));
    let drop_refused = move || hover_target.get() == Some((id, false));
    let kind = move || data.with(|d| d.0.clone());
    let href = move || data.with(|d| icons::href_for(&d.0));
    let label = move || data.with(|d| ellipsize(&d.1, 20));
    let sub = move || data.with(|d| d.2.clone());
    let title = move || {
        data.with(|d| {
            let name = catalog::kind(&d.0).map_or("Unknown kind", |k| k.name);
            format!("{} — {name}", d.1)
        })
    };
    let diags = DiagCtx::get();
    let sid = id.to_string();
    let handle_for = sid.clone();
    view! {
        <g
            class="node"
            class:selected=selected
            class:drop-ok=drop_ok
            class:drop-refused=drop_refused
            data-component-id=sid
            data-kind=kind
            transform=transform
        >
            <title>{title}</title>
            <rect class="node-hit" x=-(HIT_PAD) y="-6" width=NODE_W + 2.0 * HIT_PAD height=NODE_H + 46.0 rx="10" />
            <rect class="node-ring" x="-5" y="-5" width=NODE_W + 10.0 height=NODE_H + 10.0 rx="15" />
            <use class="node-tile" href=href width=NODE_W height=NODE_H />
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
    let path = move || {
        let (from, to) = ends.get()?;
        let a = live_pos(editor, from, offset)?;
        let b = live_pos(editor, to, offset)?;
        Some(geom::curve(geom::handle_pos(a), geom::inlet_pos(b)))
    };
    let selected = move || editor.selection.with(|s| s.link == Some(id));
    let from = move || ends.get().map(|e| e.0.to_string()).unwrap_or_default();
    let to = move || ends.get().map(|e| e.1.to_string()).unwrap_or_default();
    let marker = move || {
        if selected() {
            "url(#arrow-selected)"
        } else {
            "url(#arrow)"
        }
    };
    view! {
        <g class="link" class:selected=selected data-link-id=id.to_string() data-from=from data-to=to>
            <path class="link-hit" d=path />
            <path class="link-line" d=path marker-end=marker />
        </g>
    }
}

/// A Region, AZ or VPC frame. Its title bar picks it up (with what it holds);
/// the inside stays free for selecting with a rectangle.
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
    let selected = move || editor.selection.with(|s| s.groups.contains(&id));
    let rect = move || {
        let r = g.with(|g| g.as_ref().map(|g| g.rect)).unwrap_or_default();
        offset.with(|o| match o {
            Some((sel, d)) if sel.groups.contains(&id) => Rect {
                x: r.x + d.x,
                y: r.y + d.y,
                ..r
            },
            _ => r,
        })
    };
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
    let sid = id.to_string();
    let grip = sid.clone();
    view! {
        <g class=class class:selected=selected data-group-id=sid>
            <rect class="frame-box" x=move || rect().x y=move || rect().y width=move || rect().w height=move || rect().h rx="14" />
            <rect class="frame-grip" data-group-grip=grip x=move || rect().x y=move || rect().y width=move || rect().w height="30" rx="14">
                <title>"Drag the title bar to move the frame and what it holds"</title>
            </rect>
            <text class="frame-label" x=move || rect().x + 14.0 y=move || rect().y + 21.0>{label}</text>
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
    let selected = move || editor.selection.with(|s| s.notes.contains(&id));
    let transform = move || {
        let p = a.with(|a| a.as_ref().map(|a| a.pos)).unwrap_or_default();
        let p = offset.with(|o| match o {
            Some((sel, d)) if sel.notes.contains(&id) => shifted(p, *d),
            _ => p,
        });
        format!("translate({:.1} {:.1})", p.x, p.y)
    };
    let sticky = move || a.with(|a| a.as_ref().is_some_and(|a| a.kind == AnnotationKind::Sticky));
    let lines = move || {
        a.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.text
                        .lines()
                        .take(6)
                        .map(|l| ellipsize(l, 26))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <g class="note" class:sticky=sticky class:selected=selected data-note-id=id.to_string() transform=transform>
            <rect class="note-box" x="0" y="0" width="184" height=move || if sticky() { 112.0 } else { 12.0 + 20.0 * lines().len() as f64 } rx="6" />
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
