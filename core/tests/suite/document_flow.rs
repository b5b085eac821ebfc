//! The document's whole path: template → edits → validation → link → back.
#![allow(clippy::unwrap_used)]

use skydraft_core::design::{ComponentId, ParamValue, Point};
use skydraft_core::edit::{Command, History, ParamOwner, Selection};
use skydraft_core::validate::{self, Severity};
use skydraft_core::{share, template};

#[test]
fn edit_break_fix_share_and_reopen() {
    let t = template::get(template::DEFAULT_ID).unwrap();
    let mut d = t.design.clone();
    let mut h = History::new();
    let asg = ComponentId(3);

    // A teacher sets min above max: the simulator must refuse.
    h.apply(
        &mut d,
        &Command::SetParam {
            owner: ParamOwner::Component(asg),
            param: "min".into(),
            value: Some(ParamValue::Number(8.0)),
        },
    )
    .unwrap();
    assert!(!validate::is_runnable(&d));

    // Undo makes it runnable again, and the link of the result is the template's link.
    h.undo(&mut d);
    assert!(validate::is_runnable(&d));
    assert_eq!(
        share::encode(&d, &t.scenario),
        share::encode(&t.design, &t.scenario)
    );

    // Add a cache tier, wire it, move it: three steps.
    h.apply(
        &mut d,
        &Command::AddComponent {
            kind: "elasticache".into(),
            pos: Point { x: 400.0, y: 400.0 },
            label: None,
        },
    )
    .unwrap();
    let cache = d.components.last().unwrap().id;
    h.apply(
        &mut d,
        &Command::Connect {
            from: asg,
            to: cache,
        },
    )
    .unwrap();
    h.apply(
        &mut d,
        &Command::Move {
            selection: Selection::components([cache]),
            delta: Point { x: 160.0, y: 0.0 },
        },
    )
    .unwrap();
    assert_eq!(h.len(), 3);
    assert!(
        validate::validate(&d)
            .iter()
            .all(|x| x.severity != Severity::Error)
    );

    // The link carries it all, and reopening it gives the same document and findings.
    let link = format!(
        "https://skydraft.example/#d={}",
        share::encode(&d, &t.scenario)
    );
    let opened = share::decode_with_repairs(&link).unwrap();
    assert!(opened.repairs.is_empty());
    assert_eq!(opened.design, d);
    assert_eq!(validate::validate(&opened.design), validate::validate(&d));
}
