//! The document's whole path: template → edits → validation → link → back.
#![allow(clippy::unwrap_used)]

use skydraft_core::design::{ComponentId, ParamValue, Point};
use skydraft_core::edit::{Command, Doc, History, ParamOwner, Selection};
use skydraft_core::validate::{self, Severity};
use skydraft_core::{share, template};

#[test]
fn edit_break_fix_share_and_reopen() {
    let t = template::get(template::DEFAULT_ID).unwrap();
    let mut doc = Doc {
        design: t.design.clone(),
        scenario: t.scenario.clone(),
    };
    let mut h = History::new();
    let asg = ComponentId(3);

    // A teacher sets min above max: the simulator must refuse.
    h.apply(
        &mut doc,
        &Command::SetParam {
            owner: ParamOwner::Component(asg),
            param: "min".into(),
            value: Some(ParamValue::Number(8.0)),
        },
    )
    .unwrap();
    assert!(!validate::is_runnable(&doc.design));

    // Undo makes it runnable again, and the link of the result is the template's link.
    h.undo(&mut doc);
    assert!(validate::is_runnable(&doc.design));
    assert_eq!(
        share::encode(&doc.design, &t.scenario),
        share::encode(&t.design, &t.scenario)
    );

    // Add a cache tier, wire it, move it: three steps.
    h.apply(
        &mut doc,
        &Command::AddComponent {
            kind: "elasticache".into(),
            pos: Point { x: 400.0, y: 400.0 },
            label: None,
        },
    )
    .unwrap();
    let cache = doc.design.components.last().unwrap().id;
    h.apply(
        &mut doc,
        &Command::Connect {
            from: asg,
            to: cache,
        },
    )
    .unwrap();
    h.apply(
        &mut doc,
        &Command::Move {
            selection: Selection::components([cache]),
            delta: Point { x: 160.0, y: 0.0 },
        },
    )
    .unwrap();
    assert_eq!(h.len(), 3);
    assert!(
        validate::validate(&doc.design)
            .iter()
            .all(|x| x.severity != Severity::Error)
    );

    // The link carries it all, and reopening it gives the same document and findings.
    let link = format!(
        "https://skydraft.example/#d={}",
        share::encode(&doc.design, &t.scenario)
    );
    let opened = share::decode_with_repairs(&link).unwrap();
    assert!(opened.repairs.is_empty());
    assert_eq!(opened.design, doc.design);
    assert_eq!(
        validate::validate(&opened.design),
        validate::validate(&doc.design)
    );
}
