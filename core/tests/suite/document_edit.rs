//! Edits and undo/redo: exact inverses, atomic failures, one step per drag.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use skydraft_core::design::{
    AnnotationId, AnnotationKind, ComponentId, Design, GroupId, GroupKind, LinkId, ParamValue,
    Point, Rect,
};
use skydraft_core::edit::{
    self, Change, Command, Doc, EditError, Fragment, History, Named, ParamOwner, Selection,
};
use skydraft_core::template;

/// Undoes a design change on a design alone.
fn undo(change: &Change, d: &mut Design) {
    let mut doc = Doc {
        design: std::mem::take(d),
        ..Doc::default()
    };
    change.undo(&mut doc);
    *d = doc.design;
}

/// Redoes a design change on a design alone.
fn redo(change: &Change, d: &mut Design) {
    let mut doc = Doc {
        design: std::mem::take(d),
        ..Doc::default()
    };
    change.redo(&mut doc);
    *d = doc.design;
}

fn start() -> Design {
    template::get(template::DEFAULT_ID).unwrap().design
}

fn add(kind: &str, x: f64) -> Command {
    Command::AddComponent {
        kind: kind.to_owned(),
        pos: Point { x, y: 0.0 },
        label: None,
    }
}

#[test]
fn add_names_components_after_their_kind_and_numbers_repeats() {
    let mut d = Design::default();
    let c1 = edit::apply(&mut d, &add("alb", 0.0)).unwrap();
    edit::apply(&mut d, &add("alb", 10.0)).unwrap();
    assert_eq!(c1.added_components(), vec![ComponentId(1)]);
    assert_eq!(d.components[0].label, "ALB");
    assert_eq!(d.components[1].label, "ALB 2");
}

#[test]
fn unknown_kinds_and_frames_are_not_components() {
    let mut d = Design::default();
    assert!(matches!(
        edit::apply(&mut d, &add("warp", 0.0)),
        Err(EditError::UnknownKind(_))
    ));
    assert!(d.components.is_empty());
}

#[test]
fn connecting_checks_the_catalog_and_explains_refusals() {
    let mut d = start();
    let users = ComponentId(1);
    let db = ComponentId(4);
    let err = edit::apply(
        &mut d,
        &Command::Connect {
            from: users,
            to: db,
        },
    )
    .unwrap_err();
    assert!(matches!(err, EditError::IllegalLink(_)));
    assert!(err.to_string().contains("database"), "{err}");
    let err = edit::apply(
        &mut d,
        &Command::Connect {
            from: users,
            to: users,
        },
    )
    .unwrap_err();
    assert_eq!(err, EditError::SelfLink);
    let err = edit::apply(
        &mut d,
        &Command::Connect {
            from: users,
            to: ComponentId(2),
        },
    )
    .unwrap_err();
    assert_eq!(err, EditError::AlreadyLinked);
}

#[test]
fn removing_a_component_takes_its_links_and_undo_restores_order() {
    let mut d = start();
    let before = d.clone();
    let change = edit::apply(
        &mut d,
        &Command::Remove(Selection::components([ComponentId(2)])),
    )
    .unwrap();
    assert_eq!(d.components.len(), 3);
    assert_eq!(d.links.len(), 1, "users→alb and alb→asg went with the ALB");
    undo(&change, &mut d);
    assert_eq!(d, before);
}

#[test]
fn a_failed_batch_leaves_the_design_untouched() {
    let mut d = start();
    let before = d.clone();
    let err = edit::apply(
        &mut d,
        &Command::Batch(vec![add("ec2", 0.0), Command::Disconnect(LinkId(99))]),
    )
    .unwrap_err();
    assert_eq!(err, EditError::NoLink(LinkId(99)));
    assert_eq!(d, before);
}

#[test]
fn set_param_checks_bounds_and_stores_only_non_defaults() {
    let mut d = start();
    let alb = ParamOwner::Component(ComponentId(2));
    let set = |v: f64| Command::SetParam {
        owner: alb,
        param: "hc_interval_s".into(),
        value: Some(ParamValue::Number(v)),
    };
    let err = edit::apply(&mut d, &set(1.0)).unwrap_err();
    assert!(err.to_string().contains("between 5 and 300"), "{err}");
    edit::apply(&mut d, &set(10.0)).unwrap();
    assert_eq!(d.components[1].number("hc_interval_s"), 10.0);
    edit::apply(&mut d, &set(30.0)).unwrap();
    assert!(
        d.components[1].params.is_empty(),
        "the default is not stored"
    );
    let err = edit::apply(
        &mut d,
        &Command::SetParam {
            owner: alb,
            param: "warp".into(),
            value: None,
        },
    )
    .unwrap_err();
    assert!(matches!(err, EditError::UnknownParam { .. }));
}

#[test]
fn link_settings_follow_the_link_meaning() {
    let mut d = start();
    // alb → asg is a target group: it has a weight, but no failover role.
    let tg = ParamOwner::Link(LinkId(2));
    edit::apply(
        &mut d,
        &Command::SetParam {
            owner: tg,
            param: "weight".into(),
            value: Some(ParamValue::Number(3.0)),
        },
    )
    .unwrap();
    assert!(
        edit::apply(
            &mut d,
            &Command::SetParam {
                owner: tg,
                param: "failover".into(),
                value: Some("primary".into()),
            },
        )
        .is_err()
    );
}

#[test]
fn moving_a_frame_carries_what_it_holds() {
    let mut d = start();
    let region = d.groups[0].id;
    let before = d.clone();
    let delta = Point { x: 10.0, y: 5.0 };
    let change = edit::apply(
        &mut d,
        &Command::Move {
            selection: Selection {
                groups: [region].into(),
                ..Selection::default()
            },
            delta,
        },
    )
    .unwrap();
    // ALB, ASG and RDS are inside the Region frame; Users are outside.
    assert_eq!(d.components[0].pos, before.components[0].pos);
    assert_eq!(d.components[1].pos.x, before.components[1].pos.x + 10.0);
    assert_eq!(
        d.groups[1].rect.y,
        before.groups[1].rect.y + 5.0,
        "nested AZ frame"
    );
    undo(&change, &mut d);
    assert_eq!(d, before);
}

#[test]
fn a_drag_is_one_undo_step() {
    let mut doc = Doc {
        design: start(),
        ..Doc::default()
    };
    let before = doc.design.clone();
    let mut h = History::new();
    let step = |dx| Command::Move {
        selection: Selection::components([ComponentId(3)]),
        delta: Point { x: dx, y: 0.0 },
    };
    h.apply(&mut doc, &step(1.0)).unwrap();
    for _ in 0..20 {
        let c = edit::apply(&mut doc.design, &step(1.0)).unwrap();
        h.record_continuing(c);
    }
    assert_eq!(
        doc.design.components[2].pos.x,
        before.components[2].pos.x + 21.0
    );
    assert_eq!(h.len(), 1);
    assert!(h.undo(&mut doc).is_some());
    assert_eq!(doc.design, before);
}

#[test]
fn typing_in_one_field_is_one_step_until_sealed() {
    let mut d = Doc {
        design: start(),
        ..Doc::default()
    };
    let mut h = History::new();
    for text in ["W", "We", "Web"] {
        h.apply(
            &mut d,
            &Command::Rename {
                target: Named::Component(ComponentId(3)),
                text: text.into(),
            },
        )
        .unwrap();
    }
    assert_eq!(h.len(), 1);
    h.seal();
    h.apply(
        &mut d,
        &Command::Rename {
            target: Named::Component(ComponentId(3)),
            text: "Web!".into(),
        },
    )
    .unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h.undo_label(), Some("Rename"));
}

#[test]
fn paste_renumbers_and_keeps_inner_links() {
    let mut d = start();
    let sel = Selection::components([ComponentId(2), ComponentId(3)]);
    let frag = Fragment::copy(&d, &sel);
    assert_eq!(frag.links.len(), 1);
    let change = edit::apply(
        &mut d,
        &Command::Paste {
            fragment: frag,
            offset: Point { x: 0.0, y: 200.0 },
        },
    )
    .unwrap();
    assert_eq!(
        change.added_components(),
        vec![ComponentId(5), ComponentId(6)]
    );
    assert_eq!(
        d.links.last().map(|l| (l.from, l.to)),
        Some((ComponentId(5), ComponentId(6)))
    );
    assert_eq!(d.components[4].params, d.components[1].params);
}

#[test]
fn group_fits_a_frame_and_ungroup_keeps_the_contents() {
    let mut d = start();
    let sel = Selection::components([ComponentId(3), ComponentId(4)]);
    let rect = edit::frame_around(&d, &sel, 40.0).unwrap();
    let (x3, x4) = (d.components[2].pos.x, d.components[3].pos.x);
    assert_eq!(rect.w, (x4 - x3) + 80.0);
    edit::apply(
        &mut d,
        &Command::Group {
            kind: GroupKind::Vpc,
            label: "VPC".into(),
            rect,
        },
    )
    .unwrap();
    let id = d.groups.last().unwrap().id;
    let n = d.components.len();
    edit::apply(&mut d, &Command::Ungroup(id)).unwrap();
    assert_eq!(d.components.len(), n);
}

#[test]
fn every_id_kind_stays_unique_when_a_link_holds_the_largest_id() {
    // A hostile link can carry ids at u32::MAX; new records must not repeat them.
    let mut d = start();
    d.groups.last_mut().unwrap().id = GroupId(u32::MAX);
    d.annotations.last_mut().unwrap().id = AnnotationId(u32::MAX);
    d.components.last_mut().unwrap().id = ComponentId(u32::MAX);
    d.links.last_mut().unwrap().id = LinkId(u32::MAX);
    let rect = Rect {
        x: 0.0,
        y: 0.0,
        w: 100.0,
        h: 100.0,
    };
    for _ in 0..3 {
        let group = Command::Group {
            kind: GroupKind::Vpc,
            label: "VPC".into(),
            rect,
        };
        edit::apply(&mut d, &group).unwrap();
        let note = Command::Annotate {
            kind: AnnotationKind::Text,
            text: "note".into(),
            pos: Point { x: 0.0, y: 0.0 },
        };
        edit::apply(&mut d, &note).unwrap();
    }
    let unique =
        |ids: Vec<u32>| ids.iter().collect::<std::collections::BTreeSet<_>>().len() == ids.len();
    assert!(
        unique(d.groups.iter().map(|g| g.id.0).collect()),
        "{:?}",
        d.groups
    );
    assert!(
        unique(d.annotations.iter().map(|a| a.id.0).collect()),
        "{:?}",
        d.annotations
    );
    assert_ne!(d.next_component_id(), ComponentId(u32::MAX));
    assert_ne!(d.next_link_id(), LinkId(u32::MAX));
}

// ---- property test: any sequence of commands, then as many undos ----

fn point() -> impl Strategy<Value = Point> {
    (-50i32..50, -50i32..50).prop_map(|(x, y)| Point {
        x: f64::from(x) * 4.0,
        y: f64::from(y) * 4.0,
    })
}

fn selection() -> impl Strategy<Value = Selection> {
    (
        prop::collection::vec(1u32..9, 0..3),
        prop::collection::vec(1u32..6, 0..2),
        prop::collection::vec(1u32..5, 0..2),
        prop::collection::vec(1u32..4, 0..2),
    )
        .prop_map(|(c, l, g, a)| Selection {
            components: c.into_iter().map(ComponentId).collect(),
            links: l.into_iter().map(LinkId).collect(),
            groups: g.into_iter().map(GroupId).collect(),
            annotations: a.into_iter().map(AnnotationId).collect(),
        })
}

fn value() -> impl Strategy<Value = ParamValue> {
    prop_oneof![
        (0u32..400).prop_map(|v| ParamValue::Number(f64::from(v))),
        any::<bool>().prop_map(ParamValue::Bool),
        prop::sample::select(vec!["elb", "ec2", "m5.xlarge", "least_outstanding", "x"])
            .prop_map(ParamValue::from),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    let kinds = vec!["users", "alb", "asg", "ec2", "rds", "region"];
    let params = vec![
        "rate",
        "min",
        "max",
        "health_check",
        "weight",
        "instance_type",
        "cross_zone",
    ];
    let leaf = prop_oneof![
        (prop::sample::select(kinds), point()).prop_map(|(k, p)| Command::AddComponent {
            kind: k.to_owned(),
            pos: p,
            label: None,
        }),
        selection().prop_map(Command::Remove),
        (selection(), point()).prop_map(|(s, d)| Command::Move {
            selection: s,
            delta: d,
        }),
        (1u32..9, 1u32..9).prop_map(|(a, b)| Command::Connect {
            from: ComponentId(a),
            to: ComponentId(b),
        }),
        (1u32..6).prop_map(|l| Command::Disconnect(LinkId(l))),
        (
            1u32..9,
            any::<bool>(),
            prop::sample::select(params),
            prop::option::of(value())
        )
            .prop_map(|(id, on_link, p, v)| Command::SetParam {
                owner: if on_link {
                    ParamOwner::Link(LinkId(id))
                } else {
                    ParamOwner::Component(ComponentId(id))
                },
                param: p.to_owned(),
                value: v,
            }),
        (1u32..9, "[a-z ]{0,6}").prop_map(|(id, t)| Command::Rename {
            target: Named::Component(ComponentId(id)),
            text: t,
        }),
        "[a-z]{0,4}".prop_map(|t| Command::Rename {
            target: Named::Design,
            text: t,
        }),
        point().prop_map(|p| Command::Group {
            kind: GroupKind::AvailabilityZone,
            label: "az".into(),
            rect: Rect {
                x: p.x,
                y: p.y,
                w: 200.0,
                h: 100.0,
            },
        }),
        (1u32..5).prop_map(|g| Command::Ungroup(GroupId(g))),
        (1u32..5, point()).prop_map(|(g, p)| Command::Resize {
            group: GroupId(g),
            rect: Rect {
                x: p.x,
                y: p.y,
                w: 50.0,
                h: 50.0,
            },
        }),
        (point(), "[a-z]{0,5}").prop_map(|(p, t)| Command::Annotate {
            kind: AnnotationKind::Sticky,
            text: t,
            pos: p,
        }),
        (selection(), point()).prop_map(|(s, p)| Command::Paste {
            fragment: Fragment::copy(&start(), &s),
            offset: p,
        }),
    ];
    leaf.prop_recursive(1, 6, 3, |inner| {
        prop::collection::vec(inner, 1..3).prop_map(Command::Batch)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn undo_everything_gives_back_the_start_and_redo_replays(
        commands in prop::collection::vec(command(), 0..25)
    ) {
        let start = Doc { design: start(), ..Doc::default() };
        let mut d = start.clone();
        let mut h = History::new();
        for c in &commands {
            let before = d.clone();
            if h.apply(&mut d, c).is_err() {
                prop_assert_eq!(&d, &before, "a failed command changed the design");
            }
        }
        let end = d.clone();
        let steps = h.len();
        let mut undone = 0;
        while h.undo(&mut d).is_some() {
            undone += 1;
        }
        prop_assert_eq!(undone, steps);
        prop_assert_eq!(&d, &start);
        while h.redo(&mut d).is_some() {}
        prop_assert_eq!(&d, &end);
    }

    #[test]
    fn every_change_is_exactly_inverted(c in command()) {
        let mut d = start();
        let before = d.clone();
        if let Ok(change) = edit::apply(&mut d, &c) {
            let after = d.clone();
            undo(&change, &mut d);
            prop_assert_eq!(&d, &before);
            redo(&change, &mut d);
            prop_assert_eq!(&d, &after);
        }
    }
}

#[test]
fn a_frame_carries_what_lies_inside_it_and_move_follows_the_same_rule() {
    let mut d = start();
    let region = d.groups[0].clone();
    let sel = Selection {
        groups: [region.id, GroupId(999)].into(),
        components: [ComponentId(999)].into(),
        ..Selection::default()
    };
    let carried = edit::carried(&d, &sel);
    let inside = |p: Point| region.rect.contains(p);
    let expect_comps: std::collections::BTreeSet<_> = d
        .components
        .iter()
        .filter(|c| inside(c.pos))
        .map(|c| c.id)
        .collect();
    assert_eq!(carried.components, expect_comps, "unknown ids are left out");
    assert!(carried.groups.contains(&region.id));
    assert!(
        d.groups
            .iter()
            .skip(1)
            .all(|g| carried.groups.contains(&g.id)
                == (inside(Point {
                    x: g.rect.x,
                    y: g.rect.y
                }) && inside(Point {
                    x: g.rect.x + g.rect.w,
                    y: g.rect.y + g.rect.h
                })))
    );
    assert!(carried.links.is_empty());

    // Moving the frame moves exactly what carried names.
    let before = d.clone();
    let only_frame = Selection {
        groups: [region.id].into(),
        ..Selection::default()
    };
    let moved = edit::carried(&d, &only_frame);
    edit::apply(
        &mut d,
        &Command::Move {
            selection: only_frame,
            delta: Point { x: 16.0, y: 0.0 },
        },
    )
    .unwrap();
    for (a, b) in before.components.iter().zip(&d.components) {
        assert_eq!(
            b.pos.x - a.pos.x,
            if moved.components.contains(&a.id) {
                16.0
            } else {
                0.0
            },
            "{}",
            a.id
        );
    }
}

#[test]
fn can_connect_gives_the_meaning_or_the_reason() {
    let d = start();
    let link = d.links[0].clone();
    assert_eq!(
        edit::can_connect(&d, link.from, link.to),
        Err(EditError::AlreadyLinked)
    );
    assert_eq!(
        edit::can_connect(&d, link.from, link.from),
        Err(EditError::SelfLink)
    );
    assert_eq!(
        edit::can_connect(&d, link.from, ComponentId(999)),
        Err(EditError::NoComponent(ComponentId(999)))
    );
    assert!(matches!(
        edit::can_connect(&d, link.to, link.from),
        Err(EditError::IllegalLink(_)) | Ok(_)
    ));
    // apply refuses exactly what can_connect refuses.
    let mut copy = d.clone();
    let err = edit::apply(
        &mut copy,
        &Command::Connect {
            from: link.from,
            to: link.to,
        },
    );
    assert_eq!(err.err(), Some(EditError::AlreadyLinked));
}
