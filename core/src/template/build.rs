//! A small builder so each template reads like a description of its diagram.

use crate::catalog::Kind;
use crate::design::{
    Annotation, AnnotationId, AnnotationKind, Component, ComponentId, Design, Group, GroupId,
    GroupKind, Link, LinkId, ParamValue, Params, Point, Rect,
};
use crate::scenario::Scenario;

/// Builds a design; parameter values equal to the catalog default are not stored.
pub(crate) struct Builder {
    design: Design,
}

impl Builder {
    /// An empty design with this name.
    pub(crate) fn new(name: &str) -> Self {
        Builder {
            design: Design {
                name: name.to_owned(),
                ..Design::default()
            },
        }
    }

    /// Places a component of `kind` with its centre at (x, y).
    pub(crate) fn node(&mut self, kind: Kind, label: &str, x: f64, y: f64) -> ComponentId {
        let id = self.design.next_component_id();
        self.design.components.push(Component {
            id,
            kind: kind.id().to_owned(),
            label: label.to_owned(),
            pos: Point { x, y },
            params: Params::new(),
        });
        id
    }

    /// Sets a parameter of a component.
    pub(crate) fn set(&mut self, id: ComponentId, param: &str, value: impl Into<ParamValue>) {
        let value = value.into();
        if let Some(c) = self.design.components.iter_mut().find(|c| c.id == id) {
            let is_default = c
                .spec()
                .and_then(|k| k.param(param))
                .is_some_and(|p| p.is_default(&value));
            if is_default {
                c.params.remove(param);
            } else {
                c.params.insert(param.to_owned(), value);
            }
        }
    }

    /// Links `from` to `to` with per-link settings.
    pub(crate) fn link_with(
        &mut self,
        from: ComponentId,
        to: ComponentId,
        settings: &[(&str, ParamValue)],
    ) -> LinkId {
        let id = self.design.next_link_id();
        let mut params = Params::new();
        for (k, v) in settings {
            let is_default = crate::catalog::link_param(k).is_some_and(|p| p.spec.is_default(v));
            if !is_default {
                params.insert((*k).to_owned(), v.clone());
            }
        }
        self.design.links.push(Link {
            id,
            from,
            to,
            params,
        });
        id
    }

    /// Links `from` to `to`.
    pub(crate) fn link(&mut self, from: ComponentId, to: ComponentId) -> LinkId {
        self.link_with(from, to, &[])
    }

    /// Draws a frame.
    pub(crate) fn frame(&mut self, kind: GroupKind, label: &str, x: f64, y: f64, w: f64, h: f64) {
        let id = GroupId(
            self.design
                .groups
                .iter()
                .map(|g| g.id.0 + 1)
                .max()
                .unwrap_or(1),
        );
        self.design.groups.push(Group {
            id,
            kind,
            label: label.to_owned(),
            rect: Rect { x, y, w, h },
        });
    }

    /// Adds a text annotation with its top-left corner at (x, y).
    pub(crate) fn text(&mut self, text: &str, x: f64, y: f64) {
        self.note(AnnotationKind::Text, text, x, y);
    }

    /// Adds a sticky note with its top-left corner at (x, y).
    pub(crate) fn sticky(&mut self, text: &str, x: f64, y: f64) {
        self.note(AnnotationKind::Sticky, text, x, y);
    }

    fn note(&mut self, kind: AnnotationKind, text: &str, x: f64, y: f64) {
        let id = AnnotationId(
            self.design
                .annotations
                .iter()
                .map(|a| a.id.0 + 1)
                .max()
                .unwrap_or(1),
        );
        self.design.annotations.push(Annotation {
            id,
            kind,
            text: text.to_owned(),
            pos: Point { x, y },
            stroke: None,
        });
    }

    /// The finished design.
    pub(crate) fn finish(self) -> Design {
        self.design
    }
}

/// A scenario of `duration_s` seconds with 10-second buckets and seed 1.
pub(crate) fn scenario(duration_s: f64) -> Scenario {
    Scenario {
        duration_s,
        seed: 1,
        bucket_s: 10.0,
        ..Scenario::default()
    }
}
