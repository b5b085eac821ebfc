//! Whether a link may be drawn, with the reason in words when it may not,
//! for the verdict shown while the pointer is still dragging. The rule is
//! core's ([`edit::can_connect`]), the one its `Connect` applies; this module
//! only words it for the page.

use skydraft_core::catalog::{self, LinkMeaning};
use skydraft_core::design::{ComponentId, Design};
use skydraft_core::edit::{self, EditError};

use crate::state::sentence;

/// What a link from `from` to `to` would mean, or why it is refused.
///
/// # Errors
/// A sentence for the page: a missing end, a self-link, a duplicate, or a pair
/// of kinds the catalog does not connect (with the rule and what to use instead).
pub fn link_allowed(
    design: &Design,
    from: ComponentId,
    to: ComponentId,
) -> Result<LinkMeaning, String> {
    edit::can_connect(design, from, to).map_err(|e| match e {
        EditError::NoComponent(_) => "That component no longer exists.".to_owned(),
        EditError::SelfLink => "A component cannot connect to itself.".to_owned(),
        EditError::AlreadyLinked => {
            let label = |id| {
                design
                    .component(id)
                    .map(|c| c.label.clone())
                    .unwrap_or_default()
            };
            format!("{} already connects to {}.", label(from), label(to))
        }
        EditError::IllegalLink(refusal) => {
            let mut why = sentence(&refusal.reason);
            let back = design
                .component(from)
                .zip(design.component(to))
                .is_some_and(|(a, b)| catalog::check_link(&b.kind, &a.kind).is_ok());
            if back {
                why.push_str(" Try dragging the other way.");
            }
            why
        }
        other => sentence(&other.to_string()),
    })
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
        assert!(why.contains("cannot connect to"), "{why}");
        let back = link_allowed(&d, ComponentId(2), ComponentId(1)).unwrap_err();
        assert!(back.contains("other way"), "{back}");
        assert!(link_allowed(&d, ComponentId(1), ComponentId(1)).is_err());
        assert!(link_allowed(&d, ComponentId(1), ComponentId(9)).is_err());
    }
}
