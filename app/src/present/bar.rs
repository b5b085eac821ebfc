//! The presentation bar: the mode's banner (announced), the step and its
//! caption, previous / next, and leaving; on an editable design also adding
//! a step from the view, captioning it, choosing what it fits and the
//! replay moment it holds ([`super::target`]), and removing it.

use leptos::prelude::*;
use skydraft_core::design::{Rect, Step, StepTarget};
use skydraft_core::edit::Command;

use super::Present;
use crate::actions::{ActionId, title};
use crate::state::Editor;

/// The canvas rectangle the view shows now.
pub(super) fn visible_region(editor: Editor) -> Rect {
    let (w, h) = crate::canvas::canvas_size();
    let v = editor.viewport.get_untracked();
    let a = v.to_world(0.0, 0.0);
    let b = v.to_world(w, h);
    Rect {
        x: a.x.round(),
        y: a.y.round(),
        w: (b.x - a.x).round().max(1.0),
        h: (b.y - a.y).round().max(1.0),
    }
}

/// Adds a step after the one shown: the view as it is, revealing what is
/// selected.
fn add_step(editor: Editor, present: Present) {
    let sel = editor.selection.get_untracked();
    let step = Step {
        target: StepTarget::Region(visible_region(editor)),
        components: sel.components.iter().copied().collect(),
        links: sel.links.iter().copied().collect(),
        ..Step::default()
    };
    let count = editor.design.with_untracked(|d| d.steps.len());
    let index = if count == 0 {
        0
    } else {
        present.step.get_untracked() + 1
    };
    if editor.dispatch(&Command::AddStep { index, step }).is_some() {
        present.step.set(index);
    }
}

/// Sets the caption of the step shown.
fn set_caption(editor: Editor, present: Present, text: String) {
    let index = present.step.get_untracked();
    let Some(step) = editor
        .design
        .with_untracked(|d| d.steps.get(index).cloned())
    else {
        return;
    };
    let step = Step {
        caption: text,
        ..step
    };
    editor.dispatch(&Command::SetStep { index, step });
}

/// The bar under the canvas while presenting.
#[component]
pub fn PresentBar() -> impl IntoView {
    let editor = Editor::get();
    let present = Present::get();
    let count = Memo::new(move |_| editor.design.with(|d| d.steps.len()));
    let caption = Memo::new(move |_| {
        editor.design.with(|d| {
            d.steps
                .get(present.step.get())
                .map(|s| s.caption.clone())
                .unwrap_or_default()
        })
    });
    let where_ = move || match count.get() {
        0 => "The whole design".to_owned(),
        n => format!("Step {} of {n}", present.step.get() + 1),
    };
    let editable = move || !editor.read_only.get() && !present.embed.get();
    view! {
        <Show when=move || present.on.get() && !present.embed.get()>
            <div class="present-bar" data-testid="present-bar" role="region" aria-label="Presentation">
                <p class="present-banner" role="status" data-testid="present-status">
                    <strong>"Presenting"</strong>" · "<span data-testid="present-step">{where_}</span>
                </p>
                // User-written text: a text node, never markup.
                <p class="present-caption" data-testid="present-caption">{move || caption.get()}</p>
                <div class="present-controls">
                    <button class="btn" data-testid="present-prev" title=title(ActionId::PrevStep)
                        disabled=move || present.step.get() == 0
                        on:click=move |_| { present.prev(editor); }>"◀ Previous"</button>
                    <button class="btn" data-testid="present-next" title=title(ActionId::NextStep)
                        disabled=move || { present.step.get() + 1 >= count.get() }
                        on:click=move |_| { present.next(editor); }>"Next ▶"</button>
                    <Show when=editable>
                        <button class="btn ghost" data-testid="present-add-step"
                            title="Add a step after this one: this view, revealing what is selected"
                            on:click=move |_| add_step(editor, present)>"Add step"</button>
                        <Show when=move || { count.get() > 0 }>
                            <input class="present-caption-edit" data-testid="present-caption-edit"
                                aria-label="Caption of this step" placeholder="Caption"
                                prop:value=move || caption.get()
                                on:change=move |ev| set_caption(editor, present, event_target_value(&ev)) />
                            <super::target::StepTargetControls />
                            <button class="btn ghost" data-testid="present-remove-step"
                                on:click=move |_| {
                                    let i = present.step.get_untracked();
                                    editor.dispatch(&Command::RemoveStep(i));
                                    present.go(editor, i.saturating_sub(1));
                                }>"Remove step"</button>
                        </Show>
                    </Show>
                    <button class="btn primary" data-testid="present-leave" title=title(ActionId::LeavePresentation)
                        on:click=move |_| present.leave(editor)>"Leave"</button>
                </div>
            </div>
        </Show>
    }
}
