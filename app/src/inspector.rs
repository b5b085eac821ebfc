//! The inspector: every parameter of the selected component or link,
//! generated from the catalog, with units, bounds and help.

mod field;

use leptos::prelude::*;
use skydraft_core::catalog;
use skydraft_core::design::{AnnotationId, ComponentId, GroupId, GroupKind, LinkId, ParamValue};
use skydraft_core::edit::{Command, Named, ParamOwner};

use crate::diagnostics::{DiagCtx, DiagnosticCard};
use crate::icons;
use crate::state::Editor;
use field::Field;

/// Parameters of a component.
#[component]
fn ComponentInspector(
    /// The component.
    id: ComponentId,
) -> impl IntoView {
    let editor = Editor::get();
    let kind = editor
        .design
        .with_untracked(|d| d.component(id).map(|c| c.kind.clone()))
        .unwrap_or_default();
    let Some(spec) = catalog::kind(&kind) else {
        return view! { <p class="muted">{format!("Unknown kind \"{kind}\": this component cannot be edited.")}</p> }.into_any();
    };
    let diags = DiagCtx::get();
    let label = move || {
        editor
            .design
            .with(|d| d.component(id).map(|c| c.label.clone()).unwrap_or_default())
    };
    let fields = spec
        .params
        .iter()
        .map(|p| {
            let current = Signal::derive(move || {
                editor
                    .design
                    .with(|d| d.component(id).and_then(|c| c.param(p.id)))
                    .unwrap_or_else(|| ParamValue::from(p.default))
            });
            let commit =
                Callback::new(move |v| editor.set_param(ParamOwner::Component(id), p.id, v));
            view! { <Field spec=p current commit /> }
        })
        .collect_view();
    view! {
        <div class="inspector-head">
            <svg class="inspector-icon" viewBox="0 0 48 48" aria-hidden="true"><use href=icons::href_for(spec.id) /></svg>
            <div>
                <h2>{spec.name}</h2>
                <p class="muted">{crate::cite::cited(spec.summary)}</p>
            </div>
        </div>
        {move || {
            diags.0.with(|ds| {
                ds.iter()
                    .filter(|d| d.components.contains(&id))
                    .cloned()
                    .map(|diagnostic| view! { <DiagnosticCard diagnostic /> })
                    .collect_view()
            })
        }}
        <Show when=move || editor.locks(id)>
            <p class="locked-badge" data-testid="locked-badge" role="note">
                <svg viewBox="0 0 16 18" aria-hidden="true"><rect x="1" y="7" width="14" height="10" rx="2" /><path d="M4 7V5a4 4 0 0 1 8 0v2" /></svg>
                "Locked by the challenge: it cannot be moved, changed or deleted."
            </p>
        </Show>
        // Links may still be drawn from a locked component; its own settings may not change.
        <fieldset class="plain" disabled=move || editor.locks(id)>
            <div class="field">
                <label class="field-label">"Label"</label>
                <input
                    type="text"
                    data-param="label"
                    aria-label="Label"
                    maxlength="80"
                    prop:value=label
                    on:change=move |ev| editor.rename(Named::Component(id), event_target_value(&ev))
                />
            </div>
        </fieldset>
        <ConnectTo id />
        <fieldset class="plain" disabled=move || editor.locks(id)>
            {fields}
        </fieldset>
    }
    .into_any()
}

/// A keyboard way to connect: pick a target the catalog allows from a list.
#[component]
fn ConnectTo(
    /// The source component.
    id: ComponentId,
) -> impl IntoView {
    let editor = Editor::get();
    let choice = RwSignal::new(String::new());
    let targets = Memo::new(move |_| {
        editor.design.with(|d| {
            d.components
                .iter()
                .filter(|c| c.id != id && crate::rules::link_allowed(d, id, c.id).is_ok())
                .map(|c| {
                    (
                        c.id,
                        format!(
                            "{} ({})",
                            c.label,
                            catalog::kind(&c.kind).map_or("?", |k| k.short)
                        ),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let connect = move |_| {
        let picked = choice.get_untracked();
        let target = targets.with_untracked(|t| {
            picked
                .parse::<skydraft_core::design::ComponentId>()
                .ok()
                .filter(|p| t.iter().any(|(c, _)| c == p))
                .or_else(|| t.first().map(|t| t.0))
        });
        if let Some(to) = target {
            editor.connect(id, to);
        }
    };
    move || {
        (!targets.with(Vec::is_empty) && !editor.read_only.get()).then(|| {
            view! {
                <div class="field connect-to">
                    <label class="field-label">"Connect to"</label>
                    <div class="row">
                        <select data-testid="connect-to" aria-label="Component to connect to"
                            on:change=move |ev| choice.set(event_target_value(&ev))>
                            {targets.get().into_iter().map(|(cid, name)| view! { <option value=cid.to_string()>{name}</option> }).collect_view()}
                        </select>
                        <button class="btn" data-testid="connect-button" on:click=connect>"Connect"</button>
                    </div>
                </div>
            }
        })
    }
}

/// Settings of a link.
#[component]
fn LinkInspector(
    /// The link.
    id: LinkId,
) -> impl IntoView {
    let editor = Editor::get();
    let info = editor.design.with_untracked(|d| {
        let l = d.link(id)?;
        let a = d.component(l.from)?;
        let b = d.component(l.to)?;
        let meaning = a.spec()?.link_to(&b.kind);
        Some((a.label.clone(), b.label.clone(), meaning))
    });
    let Some((from, to, meaning)) = info else {
        return view! { <p class="muted">"This link joins components that do not connect."</p> }
            .into_any();
    };
    let what = match meaning {
        Some(catalog::LinkMeaning::SyncCall) => {
            "Synchronous call: the caller waits for the answer."
        }
        Some(catalog::LinkMeaning::AsyncHandOff) => "Asynchronous hand-off: the sender moves on.",
        Some(catalog::LinkMeaning::DnsAnswer) => "DNS answer: the record resolves to the target.",
        Some(catalog::LinkMeaning::TargetGroup) => {
            "Target group: the target is registered behind the load balancer."
        }
        Some(catalog::LinkMeaning::EventSource) => {
            "Event source: the target polls or is invoked by the source."
        }
        Some(catalog::LinkMeaning::Control) => {
            "Control: the source watches or configures the target."
        }
        None => "The catalog does not allow this link.",
    };
    let fields = meaning.map(|m| {
        catalog::link_params_for(m)
            .map(|p| {
                let current = Signal::derive(move || {
                    editor
                        .design
                        .with(|d| d.link(id).and_then(|l| l.params.get(p.id).cloned()))
                        .unwrap_or_else(|| ParamValue::from(p.default))
                });
                let commit =
                    Callback::new(move |v| editor.set_param(ParamOwner::Link(id), p.id, v));
                view! { <Field spec=p current commit /> }
            })
            .collect_view()
    });
    view! {
        <div class="inspector-head">
            <div>
                <h2>"Link"</h2>
                <p class="link-ends">{from}" → "{to}</p>
                <p class="muted">{what}</p>
            </div>
        </div>
        {fields}
        <Show when=move || !editor.read_only.get()>
            <button class="btn danger" data-testid="delete-link" on:click=move |_| { editor.dispatch(&Command::Disconnect(id)); }>"Delete link"</button>
        </Show>
    }
    .into_any()
}

/// Label of a frame.
#[component]
fn FrameInspector(
    /// The frame.
    id: GroupId,
) -> impl IntoView {
    let editor = Editor::get();
    let g = move || {
        editor.design.with(|d| {
            d.groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| (g.kind, g.label.clone()))
        })
    };
    let kind = move || match g().map(|g| g.0) {
        Some(GroupKind::Region) => "Region",
        Some(GroupKind::AvailabilityZone) => "Availability Zone",
        Some(GroupKind::Vpc) => "VPC",
        None => "Frame",
    };
    view! {
        <div class="inspector-head"><div><h2>{kind}" frame"</h2>
            <p class="muted">{move || if editor.read_only.get() {
                "A frame groups what lies inside it."
            } else {
                "Drag its title bar to move it with everything inside."
            }}</p></div></div>
        <div class="field">
            <label class="field-label">"Label"</label>
            <input type="text" data-param="label" aria-label="Label" maxlength="80" prop:value=move || g().map(|g| g.1).unwrap_or_default()
                on:change=move |ev| editor.rename(Named::Group(id), event_target_value(&ev)) />
        </div>
    }
}

/// Text of a note.
#[component]
fn NoteInspector(
    /// The note.
    id: AnnotationId,
) -> impl IntoView {
    let editor = Editor::get();
    let text = move || {
        editor
            .design
            .with(|d| {
                d.annotations
                    .iter()
                    .find(|a| a.id == id)
                    .map(|a| a.text.clone())
            })
            .unwrap_or_default()
    };
    view! {
        <div class="inspector-head"><div><h2>"Note"</h2><p class="muted">"Plain text, shown on the canvas."</p></div></div>
        <div class="field">
            <label class="field-label">"Text"</label>
            <textarea data-param="text" aria-label="Text" rows="5" maxlength="2000" prop:value=text
                on:change=move |ev| editor.rename(Named::Annotation(id), event_target_value(&ev)) />
        </div>
    }
}

/// What a selection of several items offers: editing hints only where the
/// design can be edited.
fn many_hint(read_only: bool) -> &'static str {
    if read_only {
        "This design is view-only: use Edit a copy to change it."
    } else {
        "Drag to move them together, or press Delete to remove them."
    }
}

/// The tips under an empty selection: how to edit, or, for a view-only
/// design, what can be done with it.
fn tips(read_only: bool) -> &'static [&'static str] {
    if read_only {
        &[
            "Select a component to read its settings here.",
            "Press Run to simulate this design.",
            "Use Edit a copy to keep your own editable copy in My designs.",
        ]
    } else {
        &[
            "Drag a component from the palette onto the canvas.",
            "Drag from the dot on a component's right edge to another component to connect them.",
            "Select a component to edit its settings here.",
            "Press Run to simulate; the link in the address bar always holds your design.",
        ]
    }
}

/// What the inspector shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Component(ComponentId),
    Link(LinkId),
    Frame(GroupId),
    Note(AnnotationId),
    Many(usize),
    Design,
}

/// The inspector panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let editor = Editor::get();
    let diags = DiagCtx::get();
    let which = Memo::new(move |_| {
        editor.selection.with(|s| {
            let n = s.components.len() + s.groups.len() + s.annotations.len();
            if let Some(l) = s.links.first() {
                Target::Link(*l)
            } else if n > 1 {
                Target::Many(n)
            } else if let Some(c) = s.components.first() {
                Target::Component(*c)
            } else if let Some(g) = s.groups.first() {
                Target::Frame(*g)
            } else if let Some(a) = s.annotations.first() {
                Target::Note(*a)
            } else {
                Target::Design
            }
        })
    });
    view! {
        <aside class="inspector" data-testid="inspector" aria-label="Inspector">
            <fieldset class="plain" disabled=move || editor.read_only.get()>
            {move || match which.get() {
                Target::Component(id) => view! { <ComponentInspector id /> }.into_any(),
                Target::Link(id) => view! { <LinkInspector id /> }.into_any(),
                Target::Frame(id) => view! { <FrameInspector id /> }.into_any(),
                Target::Note(id) => view! { <NoteInspector id /> }.into_any(),
                Target::Many(n) => view! {
                    <div class="inspector-empty">
                        <h2>{format!("{n} items selected")}</h2>
                        <p class="muted">{move || many_hint(editor.read_only.get())}</p>
                    </div>
                }
                .into_any(),
                Target::Design => view! {
                    <div class="inspector-empty">
                        <h2>{move || editor.design.with(|d| if d.name.is_empty() { "Untitled design".to_owned() } else { d.name.clone() })}</h2>
                        <p class="muted">
                            {move || editor.design.with(|d| format!("{} components · {} links", d.components.len(), d.links.len()))}
                        </p>
                        <div class="diag-list" data-testid="diagnostics">
                            {move || diags.0.get().into_iter().map(|diagnostic| view! { <DiagnosticCard diagnostic /> }).collect_view()}
                        </div>
                        <ul class="tips" data-testid="tips">
                            {move || tips(editor.read_only.get()).iter().map(|t| view! { <li>{*t}</li> }).collect_view()}
                        </ul>
                    </div>
                }
                .into_any(),
            }}
            </fieldset>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that ask for an edit.
    const EDITING: [&str; 4] = ["Delete", "Drag", "edit its", "connect"];

    #[test]
    fn view_only_offers_no_editing_hints() {
        let read_only = tips(true).iter().copied().chain([many_hint(true)]);
        for text in read_only {
            for word in EDITING {
                assert!(!text.contains(word), "{text:?} offers {word:?}");
            }
        }
        assert!(many_hint(false).contains("Delete"));
        assert!(tips(false).iter().any(|t| t.contains("Drag")));
    }
}
