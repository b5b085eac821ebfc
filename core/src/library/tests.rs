//! The library's rules, each as a story a user could live through.

use super::*;
use crate::design::{Component, Point};
use crate::template;

pub(super) fn starter() -> (Design, Scenario) {
    let t = template::get(template::DEFAULT_ID).expect("the default template");
    (t.design, t.scenario)
}

pub(super) fn other_template() -> (String, Design, Scenario) {
    let t = template::all()
        .into_iter()
        .find(|t| t.id != template::DEFAULT_ID)
        .expect("a second template");
    (t.id.to_owned(), t.design, t.scenario)
}

/// `design` with one more component, as a user's edit.
pub(super) fn edited(design: &Design, x: f64) -> Design {
    let mut d = design.clone();
    let mut c = Component::new(d.next_component_id().0, crate::catalog::Kind::Ec2, &[]);
    c.pos = Point { x, y: 40.0 };
    d.components.push(c);
    d
}

pub(super) fn drawn(
    lib: &mut Library<MemoryStore>,
    name: &str,
    now: u64,
) -> (Entry, Design, Scenario) {
    let (mut d, s) = starter();
    d.name = name.to_owned();
    let d = edited(&d, 900.0);
    let e = lib
        .create(
            Draft {
                design: &d,
                scenario: &s,
                edited: true,
            },
            Origin::Drawn,
            now,
            1,
        )
        .expect("room");
    (e, d, s)
}

mod edit;
mod open;

#[test]
fn a_new_design_gets_a_name_no_design_has() {
    assert_eq!(fresh_name([]), "Untitled design");
    assert_eq!(fresh_name(["Shop"]), "Untitled design");
    assert_eq!(
        fresh_name(["Untitled design", "Untitled design 3"]),
        "Untitled design 2"
    );
    assert_eq!(
        fresh_name(["Untitled design", "Untitled design 2"]),
        "Untitled design 3"
    );
}
