//! A pen or highlighter stroke on the canvas: selected, moved and deleted
//! like a note, through a wider see-through path that takes the pointer.

use leptos::prelude::*;
use skydraft_core::design::{AnnotationId, AnnotationKind};

use super::{AnnotationShape, MoveOffset, annotation_shape};
use crate::present::ink::{look, path};

/// One stroke.
#[component]
pub fn StrokeView(
    /// The stroke's annotation.
    id: AnnotationId,
    /// What is being dragged.
    offset: MoveOffset,
) -> impl IntoView {
    let AnnotationShape {
        a,
        selected,
        transform,
    } = annotation_shape(id, offset);
    let d = move || {
        a.with(|a| {
            a.as_ref()
                .and_then(|a| a.stroke.as_ref())
                .map(|s| path(&s.points))
                .unwrap_or_default()
        })
    };
    let kind = move || a.with(|a| a.as_ref().map_or(AnnotationKind::Pen, |a| a.kind));
    let colour = move || {
        a.with(|a| {
            a.as_ref()
                .and_then(|a| a.stroke.as_ref())
                .map(|s| s.colour.css())
                .unwrap_or_default()
        })
    };
    view! {
        <g class="stroke" class:selected=selected data-note-id=id.to_string()
            data-testid="stroke" data-kind=move || format!("{:?}", kind()).to_lowercase() transform=transform>
            <path class="stroke-hit" d=d fill="none" stroke="transparent" stroke-width="14" />
            <path class="stroke-ink" d=d fill="none" stroke=colour stroke-width=move || look(kind()).0
                stroke-opacity=move || look(kind()).1 stroke-linecap="round" stroke-linejoin="round" />
        </g>
    }
}
