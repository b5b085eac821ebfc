//! The first stage of a build: which components requests can reach.

use std::collections::VecDeque;

use super::super::SimError;
use crate::catalog::{self, Kind, LinkMeaning};
use crate::design::Design;

/// For each component, whether requests reach it: every component linked
/// (directly or not) from a Users component that sends somewhere, plus the
/// functions a watched alarm invokes. Refuses a design with no traffic, a
/// link to a missing component, or a link the catalog does not allow.
pub(super) fn reachable(d: &Design) -> Result<Vec<bool>, SimError> {
    let mut reach = vec![false; d.components.len()];
    let mut todo: VecDeque<usize> = d
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is(Kind::Users) && d.links_from(c.id).next().is_some())
        .map(|(i, _)| i)
        .collect();
    if todo.is_empty() {
        return Err(SimError::NoTraffic);
    }
    for &i in &todo {
        reach[i] = true;
    }
    let index_of = |id| d.components.iter().position(|c| c.id == id);
    while let Some(i) = todo.pop_front() {
        let c = &d.components[i];
        for l in d.links_from(c.id) {
            let Some(j) = index_of(l.to) else {
                return Err(SimError::Invalid {
                    reason: format!("link {} points at a missing component", l.id),
                });
            };
            let to = &d.components[j];
            let meaning = catalog::kind(&c.kind).and_then(|k| k.link_to(&to.kind));
            if !c.is(Kind::Users) && meaning.is_none() {
                return Err(SimError::Invalid {
                    reason: format!(
                        "\"{}\" ({}) cannot connect to \"{}\" ({})",
                        c.label, c.kind, to.label, to.kind
                    ),
                });
            }
            if matches!(meaning, Some(LinkMeaning::Control)) {
                // A watched alarm can invoke functions: they run in the model too.
                if to.is(Kind::CwAlarm) {
                    for fl in d.links_from(to.id) {
                        if let Some(k) = index_of(fl.to)
                            && d.components[k].is(Kind::Lambda)
                            && !reach[k]
                        {
                            reach[k] = true;
                            todo.push_back(k);
                        }
                    }
                }
                continue;
            }
            if !reach[j] {
                reach[j] = true;
                todo.push_back(j);
            }
        }
    }
    Ok(reach)
}
