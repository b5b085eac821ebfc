//! What a gesture shows while it is under way: the link being dragged with
//! its verdict, and the selection rectangle.

use leptos::prelude::*;

use super::Gesture;
use crate::geom;
use crate::state::Editor;

/// The link being dragged out of a handle, coloured by its verdict (canvas
/// coordinates: drawn inside the world group).
#[component]
pub fn GhostLink(
    /// The gesture under way.
    gesture: Memo<Gesture>,
) -> impl IntoView {
    let editor = Editor::get();
    move || {
        gesture.with(|g| match g {
            Gesture::Connecting {
                from, at, verdict, ..
            } => {
                let start = editor
                    .design
                    .with(|d| d.component(*from).map(|c| geom::handle_pos(c.pos)))?;
                let class = match verdict {
                    Some(Ok(())) => "ghost-link ok",
                    Some(Err(_)) => "ghost-link refused",
                    None => "ghost-link",
                };
                Some(view! { <path class=class d=geom::curve(start, *at) marker-end="url(#arrow)" /> })
            }
            _ => None,
        })
    }
}

/// "Release to connect", or why not, beside the pointer while a link is
/// dragged over a component (screen coordinates: drawn over the canvas).
#[component]
pub fn ConnectHint(
    /// The gesture under way.
    gesture: Memo<Gesture>,
) -> impl IntoView {
    let editor = Editor::get();
    move || {
        gesture.with(|g| match g {
            Gesture::Connecting {
                verdict: Some(v),
                at,
                ..
            } => {
                let (text, class) = match v {
                    Ok(()) => ("Release to connect".to_owned(), "connect-hint ok"),
                    Err(why) => (why.clone(), "connect-hint refused"),
                };
                let (sx, sy) = editor.viewport.with(|vp| vp.to_screen(*at));
                let style = format!("left:{:.0}px;top:{:.0}px", sx + 14.0, sy + 14.0);
                Some(view! {
                    <div class=class data-testid="connect-hint" style=style>
                        {text}
                    </div>
                })
            }
            _ => None,
        })
    }
}

/// The selection rectangle, while one is drawn.
#[component]
pub fn MarqueeRect(
    /// The gesture under way.
    gesture: Memo<Gesture>,
) -> impl IntoView {
    move || {
        gesture.with(Gesture::marquee).map(|r| {
            view! { <rect class="marquee" x=r.x y=r.y width=r.w height=r.h /> }
        })
    }
}
