//! A link between two components: an arrow from one's connect handle to the
//! other's inlet, following a drag, and during a replay as wide as the
//! share of traffic it carries.

use leptos::prelude::*;
use skydraft_core::design::{ComponentId, LinkId};

use super::{MoveOffset, shifted};
use crate::geom;
use crate::replay::{self, Replay};
use crate::state::Editor;

/// The components a link joins: (from, to).
type Ends = (ComponentId, ComponentId);

/// The curve of a link between its ends `(from, to)`, as path data. It
/// follows the pointer only while an end is carried.
fn curve(ends: Memo<Option<Ends>>, offset: MoveOffset) -> Memo<Option<String>> {
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
    Memo::new(move |_| {
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
    })
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
    let present = crate::present::Present::get();
    let ends = Memo::new(move |_| editor.design.with(|d| d.link(id).map(|l| (l.from, l.to))));
    let path = curve(ends, offset);
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
    let locked = Memo::new(move |_| ends.get().is_some_and(|(a, b)| editor.locks_link(a, b)));
    // Named for screen readers by its ends' labels.
    let aria = move || {
        let lock = if locked.get() {
            ", locked by the challenge"
        } else {
            ""
        };
        editor.design.with(|d| {
            let name = |c| d.component(c).map_or("?", |c| c.label.as_str());
            ends.get().map_or_else(String::new, |(a, b)| {
                format!("Link from {} to {}{lock}", name(a), name(b))
            })
        })
    };
    view! {
        <g
            class="link"
            class:selected=move || selected.get()
            class:step-hidden=move || present.hides_link(editor, id)
            class:replaying=move || paint.with(Option::is_some)
            class:locked=move || locked.get()
            data-locked=move || locked.get().then_some("true")
            data-link-id=id.to_string()
            data-from=from
            data-to=to
            data-rate=rate
            role="img"
            aria-label=aria
        >
            {move || paint.get().map(|(r, _)| view! { <title>{format!("{} req/s", replay::rate_text(r))}</title> })}
            <path class="link-hit" d=move || path.get() />
            <path class="link-line" d=move || path.get() marker-end=marker style:stroke-width=width />
            <Show when=move || locked.get()>
                <LinkLock ends />
            </Show>
        </g>
    }
}

/// The lock drawn halfway along a link the challenge locks (its ends are
/// locked, so they never move while it shows).
#[component]
fn LinkLock(
    /// The link's ends.
    ends: Memo<Option<Ends>>,
) -> impl IntoView {
    let editor = Editor::get();
    let at = move || {
        let (a, b) = ends.get()?;
        editor.design.with(|d| {
            let a = geom::handle_pos(d.component(a)?.pos);
            let b = geom::inlet_pos(d.component(b)?.pos);
            Some(format!(
                "translate({:.1} {:.1})",
                (a.x + b.x) / 2.0 - 8.0,
                (a.y + b.y) / 2.0 - 10.0
            ))
        })
    };
    view! {
        <g class="lock-mark link-lock" data-testid="link-lock-mark" transform=at>
            <title>"Locked by the challenge: this link cannot be removed."</title>
            <rect class="lock-back" x="-4" y="-2" width="24" height="24" rx="6" />
            <rect x="0" y="8" width="16" height="12" rx="2" />
            <path d="M4 8V5a4 4 0 0 1 8 0v3" />
        </g>
    }
}
