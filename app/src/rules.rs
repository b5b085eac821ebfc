//! Whether a link may be drawn, with the reason in words when it may not.
//! The rule itself is the catalog's ([`KindSpec::link_to`]); this module only
//! phrases it for the page while the pointer is still dragging.

use skydraft_core::catalog::{self, KindSpec, LinkMeaning};
use skydraft_core::design::{ComponentId, Design};

fn name_of(kind: &str) -> String {
    catalog::kind(kind).map_or_else(|| kind.to_owned(), |k| k.short.to_owned())
}

fn targets(spec: &KindSpec) -> String {
    let names: Vec<String> = spec.accepts.iter().map(|a| name_of(a.to)).collect();
    names.join(", ")
}

/// What a link from `from` to `to` would mean, or why it is refused.
///
/// # Errors
/// A sentence for the page: a missing end, a self-link, a duplicate, or a pair
/// of kinds the catalog does not connect (naming what the source can reach).
pub fn link_allowed(design: &Design, from: ComponentId, to: ComponentId) -> Result<LinkMeaning, String> {
    let (Some(a), Some(b)) = (design.component(from), design.component(to)) else {
        return Err("That component no longer exists.".to_owned());
    };
    if from == to {
        return Err("A component cannot connect to itself.".to_owned());
    }
    if design.links.iter().any(|l| l.from == from && l.to == to) {
        return Err(format!("{} already connects to {}.", a.label, b.label));
    }
    let Some(spec) = a.spec() else {
        return Err(format!("{} is of an unknown kind and cannot connect.", a.label));
    };
    if let Some(meaning) = spec.link_to(&b.kind) {
        return Ok(meaning);
    }
    let back = b.spec().and_then(|s| s.link_to(&a.kind)).is_some();
    let mut why = format!("{} cannot connect to {}.", spec.short, name_of(&b.kind));
    if spec.accepts.is_empty() {
        why.push_str(&format!(" {} does not start connections.", spec.short));
    } else {
        why.push_str(&format!(" {} connects to: {}.", spec.short, targets(spec)));
    }
    if back {
        why.push_str(" Try dragging the other way.");
    }
    Err(why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::design::{Component, Point};

    fn design(kinds: &[&str]) -> Design {
        let mut d = Design::default();
        for (i, k) in kinds.iter().enumerate() {
            d.components.push(Component {
                id: ComponentId(u32::try_from(i).unwrap() + 1),
                kind: (*k).to_owned(),
                label: format!("{k}{i}"),
                pos: Point::default(),
                params: Default::default(),
            });
        }
        d
    }

    #[test]
    fn allowed_pairs_pass_and_others_say_why() {
        let d = design(&["users", "alb", "rds"]);
        assert!(link_allowed(&d, ComponentId(1), ComponentId(2)).is_ok());
        let why = link_allowed(&d, ComponentId(2), ComponentId(3)).unwrap_err();
        assert!(why.contains("ALB cannot connect to RDS"), "{why}");
        assert!(why.contains("ALB connects to:"), "{why}");
        let back = link_allowed(&d, ComponentId(2), ComponentId(1)).unwrap_err();
        assert!(back.contains("other way"), "{back}");
        assert!(link_allowed(&d, ComponentId(1), ComponentId(1)).is_err());
        assert!(link_allowed(&d, ComponentId(1), ComponentId(9)).is_err());
    }
}
