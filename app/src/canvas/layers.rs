//! The canvas' SVG: the grid and arrow definitions, and the world group
//! with its layers (frames, links, the link being dragged, cards, notes,
//! the selection rectangle), panned and zoomed by the viewport.

use leptos::prelude::*;

use super::Gesture;
use super::feedback::{GhostLink, MarqueeRect};
use super::items::{FrameView, LinkView, MoveOffset, NodeView, NoteView, StrokeView};
use crate::geom::Viewport;
use crate::state::Editor;

/// The dot grid (following the viewport) and the link arrowheads.
#[component]
pub fn CanvasDefs() -> impl IntoView {
    let editor = Editor::get();
    let grid_transform = move || editor.viewport.with(Viewport::transform);
    view! {
        <defs>
            <pattern id="grid" width="16" height="16" patternUnits="userSpaceOnUse" patternTransform=grid_transform>
                <circle cx="1" cy="1" r="1" class="grid-dot" />
            </pattern>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse">
                <path d="M0 0L10 5L0 10z" class="arrow-head" />
            </marker>
            <marker id="arrow-selected" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse">
                <path d="M0 0L10 5L0 10z" class="arrow-head selected" />
            </marker>
        </defs>
    }
}

/// Everything drawn in canvas coordinates.
#[component]
pub fn World(
    /// The gesture under way.
    gesture: Memo<Gesture>,
    /// What is being dragged and by how much.
    offset: MoveOffset,
) -> impl IntoView {
    let editor = Editor::get();
    let component_ids = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.components.iter().map(|c| c.id).collect::<Vec<_>>())
    });
    let link_ids = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.links.iter().map(|l| l.id).collect::<Vec<_>>())
    });
    let group_ids = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.groups.iter().map(|g| g.id).collect::<Vec<_>>())
    });
    let note_ids = move |ink: bool| {
        Memo::new(move |_| {
            editor.design.with(|d| {
                d.annotations
                    .iter()
                    .filter(|a| a.kind.is_ink() == ink)
                    .map(|a| a.id)
                    .collect::<Vec<_>>()
            })
        })
    };
    let (note_ids, stroke_ids) = (note_ids(false), note_ids(true));
    let hover_target = Memo::new(move |_| {
        gesture.with(|g| match g {
            Gesture::Connecting {
                over: Some(id),
                verdict: Some(v),
                ..
            } => Some((*id, v.is_ok())),
            _ => None,
        })
    });
    let transform = move || editor.viewport.with(Viewport::transform);
    view! {
        <g class="world" transform=transform>
            <g class="frames">
                <For each=move || group_ids.get() key=|id| *id children=move |id| view! { <FrameView id offset /> } />
            </g>
            <g class="links">
                <For each=move || link_ids.get() key=|id| *id children=move |id| view! { <LinkView id offset /> } />
            </g>
            <GhostLink gesture />
            <g class="nodes">
                <For
                    each=move || component_ids.get()
                    key=|id| *id
                    children=move |id| view! { <NodeView id offset hover_target /> }
                />
            </g>
            <g class="notes">
                <For each=move || note_ids.get() key=|id| *id children=move |id| view! { <NoteView id offset /> } />
            </g>
            <g class="strokes">
                <For each=move || stroke_ids.get() key=|id| *id children=move |id| view! { <StrokeView id offset /> } />
            </g>
            <MarqueeRect gesture />
        </g>
    }
}
