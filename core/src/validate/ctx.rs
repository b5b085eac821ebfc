//! What rules look at: the design plus quick lookups.

use std::collections::BTreeMap;

use super::{Diagnostic, Severity};
use crate::catalog::{self, Kind, LinkMeaning, Role};
use crate::design::{Component, ComponentId, Design, Link, LinkId};

pub(crate) struct Ctx<'a> {
    pub(crate) d: &'a Design,
    by_id: BTreeMap<ComponentId, &'a Component>,
    outs: BTreeMap<ComponentId, Vec<&'a Link>>,
    ins: BTreeMap<ComponentId, Vec<&'a Link>>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(d: &'a Design) -> Self {
        let mut outs: BTreeMap<ComponentId, Vec<&'a Link>> = BTreeMap::new();
        let mut ins: BTreeMap<ComponentId, Vec<&'a Link>> = BTreeMap::new();
        for l in &d.links {
            outs.entry(l.from).or_default().push(l);
            ins.entry(l.to).or_default().push(l);
        }
        Ctx {
            d,
            by_id: d.components.iter().map(|c| (c.id, c)).collect(),
            outs,
            ins,
        }
    }

    /// Components of a kind.
    pub(crate) fn of(&self, kind: Kind) -> impl Iterator<Item = &'a Component> + 'a {
        self.d.components.iter().filter(move |c| c.is(kind))
    }

    /// Components whose kind has this role.
    pub(crate) fn of_role(&self, role: Role) -> impl Iterator<Item = &'a Component> + 'a {
        self.d
            .components
            .iter()
            .filter(move |c| c.role() == Some(role))
    }

    /// Components of any of these kinds.
    pub(crate) fn of_any(&self, kinds: &'a [Kind]) -> impl Iterator<Item = &'a Component> + 'a {
        self.d
            .components
            .iter()
            .filter(move |c| c.kind_of().is_some_and(|k| kinds.contains(&k)))
    }

    pub(crate) fn get(&self, id: ComponentId) -> Option<&'a Component> {
        self.by_id.get(&id).copied()
    }

    /// Outgoing links with their target.
    pub(crate) fn out(&self, c: &Component) -> Vec<(&'a Link, &'a Component)> {
        self.outs
            .get(&c.id)
            .into_iter()
            .flatten()
            .filter_map(|l| self.get(l.to).map(|t| (*l, t)))
            .collect()
    }

    /// Incoming links with their source.
    pub(crate) fn inc(&self, c: &Component) -> Vec<(&'a Link, &'a Component)> {
        self.ins
            .get(&c.id)
            .into_iter()
            .flatten()
            .filter_map(|l| self.get(l.from).map(|s| (*l, s)))
            .collect()
    }

    /// What a link means, if legal.
    pub(crate) fn meaning(&self, l: &Link) -> Option<LinkMeaning> {
        let f = self.get(l.from)?;
        let t = self.get(l.to)?;
        catalog::check_link(&f.kind, &t.kind).ok()
    }

    /// A link setting, or its default.
    pub(crate) fn link_num(l: &Link, id: &str) -> f64 {
        l.params
            .get(id)
            .and_then(crate::design::ParamValue::as_number)
            .or_else(|| {
                catalog::link_param(id).and_then(|p| match p.spec.default {
                    catalog::DefaultValue::Number(v) => Some(v),
                    _ => None,
                })
            })
            .unwrap_or(0.0)
    }

    pub(crate) fn link_flag(l: &Link, id: &str) -> bool {
        l.params
            .get(id)
            .and_then(crate::design::ParamValue::as_bool)
            .unwrap_or(false)
    }

    pub(crate) fn link_text(l: &Link, id: &str) -> String {
        l.params
            .get(id)
            .and_then(|v| v.as_text().map(str::to_owned))
            .or_else(|| {
                catalog::link_param(id).and_then(|p| match p.spec.default {
                    catalog::DefaultValue::Text(v) => Some(v.to_owned()),
                    _ => None,
                })
            })
            .unwrap_or_default()
    }
}

/// Builds a diagnostic.
pub(crate) struct Finding {
    pub(crate) severity: Severity,
    pub(crate) rule: &'static str,
    pub(crate) components: Vec<ComponentId>,
    pub(crate) links: Vec<LinkId>,
}

impl Finding {
    pub(crate) fn new(severity: Severity, rule: &'static str) -> Self {
        Finding {
            severity,
            rule,
            components: Vec::new(),
            links: Vec::new(),
        }
    }

    pub(crate) fn on(mut self, c: &Component) -> Self {
        self.components.push(c.id);
        self
    }

    pub(crate) fn link(mut self, l: &Link) -> Self {
        self.links.push(l.id);
        self
    }

    pub(crate) fn say(
        self,
        message: impl Into<String>,
        consequence: impl Into<String>,
        fix: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity: self.severity,
            rule: self.rule,
            components: self.components,
            links: self.links,
            message: message.into(),
            consequence: consequence.into(),
            fix: fix.into(),
        }
    }
}

/// A component's name for messages: its label, else its kind's short name.
pub(crate) fn name(c: &Component) -> String {
    if c.label.trim().is_empty() {
        c.spec()
            .map_or_else(|| c.kind.clone(), |k| k.short.to_owned())
    } else {
        format!("\"{}\"", c.label)
    }
}
