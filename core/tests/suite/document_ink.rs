//! Pen and highlighter strokes and presentation steps: commands that undo,
//! links that carry them, and hostile links that cannot blow them up.
#![allow(clippy::unwrap_used)]

use crate::support::{b64, deflate};
use skydraft_core::design::{
    self, AnnotationKind, ComponentId, GroupKind, InkColour, Point, Rect, Repair, Step, StepTarget,
};
use skydraft_core::edit::{Command, Doc, EditError, History, Selection};
use skydraft_core::{share, template};

fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

fn starter() -> Doc {
    let t = template::get(template::DEFAULT_ID).unwrap();
    Doc {
        design: t.design,
        scenario: t.scenario,
    }
}

fn draw(kind: AnnotationKind, points: Vec<Point>) -> Command {
    Command::Draw {
        kind,
        colour: InkColour::Blue,
        points,
    }
}

#[test]
fn a_stroke_is_an_annotation_in_whole_units_that_undo_removes() {
    let mut doc = starter();
    let before = doc.design.clone();
    let mut h = History::new();
    let points = vec![
        pt(10.4, 20.6),
        pt(10.4, 20.6),
        pt(15.0, 22.2),
        pt(f64::NAN, 1.0),
    ];
    h.apply(&mut doc, &draw(AnnotationKind::Pen, points))
        .unwrap();
    let a = doc.design.annotations.last().unwrap();
    assert_eq!(a.kind, AnnotationKind::Pen);
    assert_eq!(a.pos, pt(10.0, 21.0));
    let s = a.stroke.as_ref().unwrap();
    assert_eq!(s.colour, InkColour::Blue);
    assert_eq!(s.points, vec![pt(0.0, 0.0), pt(5.0, 1.0)]);
    assert_eq!(a.stroke_points(), vec![pt(10.0, 21.0), pt(15.0, 22.0)]);
    h.undo(&mut doc);
    assert_eq!(doc.design, before);
    h.redo(&mut doc);
    assert_eq!(doc.design.annotations.len(), before.annotations.len() + 1);
}

#[test]
fn strokes_are_capped_and_refused_when_empty_or_of_a_note_kind() {
    let mut doc = starter();
    let mut h = History::new();
    let long: Vec<Point> = (0..5_000).map(|i| pt(f64::from(i), 0.0)).collect();
    h.apply(&mut doc, &draw(AnnotationKind::Highlighter, long))
        .unwrap();
    let a = doc.design.annotations.last().unwrap();
    assert_eq!(
        a.stroke.as_ref().unwrap().points.len(),
        design::MAX_STROKE_POINTS
    );
    let nan = vec![pt(f64::NAN, 0.0)];
    assert_eq!(
        h.apply(&mut doc, &draw(AnnotationKind::Pen, nan)),
        Err(EditError::NotAStroke)
    );
    assert_eq!(
        h.apply(&mut doc, &draw(AnnotationKind::Text, vec![pt(0.0, 0.0)])),
        Err(EditError::NotAStroke)
    );
    let note = Command::Annotate {
        kind: AnnotationKind::Pen,
        text: String::new(),
        pos: pt(0.0, 0.0),
    };
    assert_eq!(h.apply(&mut doc, &note), Err(EditError::NotAStroke));
}

#[test]
fn strokes_and_steps_travel_in_the_link_and_the_json_file() {
    let mut doc = starter();
    let mut h = History::new();
    let zigzag = vec![pt(100.0, 100.0), pt(130.0, 80.0), pt(160.0, 120.0)];
    h.apply(&mut doc, &draw(AnnotationKind::Pen, zigzag))
        .unwrap();
    let first = doc.design.components[0].id;
    let step = Step {
        target: StepTarget::Region(Rect {
            x: 0.0,
            y: 0.0,
            w: 640.0,
            h: 360.0,
        }),
        caption: "<b>Users</b> arrive".into(),
        components: vec![first],
        links: Vec::new(),
        moment: Some(12.5),
    };
    h.apply(&mut doc, &Command::AddStep { index: 0, step })
        .unwrap();
    let code = share::encode(&doc.design, &doc.scenario);
    let back = share::decode_with_repairs(&code).unwrap();
    assert_eq!(back.design, doc.design);
    assert!(back.repairs.is_empty(), "{:?}", back.repairs);
    let json = share::export_json(&doc.design, &doc.scenario);
    let d = share::import_json(&json).unwrap();
    assert_eq!(d.design, doc.design);
}

#[test]
fn a_design_without_strokes_or_steps_writes_no_new_fields() {
    let doc = starter();
    let json = design::to_json(&doc.design);
    assert!(
        !json.contains("stroke") && !json.contains("steps"),
        "{json}"
    );
}

fn hostile(payload: &str) -> share::Decoded {
    let code = format!("1.{}", b64(&deflate(payload.as_bytes())));
    share::decode_with_repairs(&code).unwrap()
}

#[test]
fn a_hostile_link_cannot_blow_up_strokes() {
    let steps = vec!["1"; 40_000].join(",");
    let one = format!(r#"[1,"p","r",0,0,[{steps}]]"#);
    let d = hostile(&format!(r#"{{"v":1,"a":[{one}]}}"#));
    let s = d.design.annotations[0].stroke.as_ref().unwrap();
    assert_eq!(s.points.len(), design::MAX_STROKE_POINTS);
    let span = s.points.iter().map(|p| p.x.abs()).fold(0.0, f64::max);
    assert!(span <= design::MAX_STROKE_SPAN);
    assert!(!d.repairs.is_empty());

    let many: Vec<String> = (1..=400)
        .map(|i| format!(r#"[{i},"h","y",0,0,[0,0,5,5]]"#))
        .collect();
    let d = hostile(&format!(r#"{{"v":1,"a":[{}]}}"#, many.join(",")));
    assert_eq!(d.design.annotations.len(), design::MAX_STROKES);
    let dropped = d
        .repairs
        .iter()
        .filter(|r| matches!(r, Repair::RecordDropped { .. }))
        .count();
    assert_eq!(dropped, 400 - design::MAX_STROKES);

    let empty = hostile(r#"{"v":1,"a":[[1,"p","t",0,0,[]],[2,"p","",0,0]]}"#);
    assert!(empty.design.annotations.is_empty());
    assert_eq!(empty.repairs.len(), 2);
}

#[test]
fn a_hostile_link_cannot_blow_up_steps() {
    let d = hostile(
        r#"{"v":1,"c":[[1,"users","Users",0,0,{}]],"p":[{"f":9,"t":"x","c":[1,7],"l":[3],"m":-4},{"r":[0,0,-1,5]}]}"#,
    );
    let s = &d.design.steps;
    assert_eq!(s[0].target, StepTarget::Whole);
    assert_eq!(s[0].components, vec![ComponentId(1)]);
    assert!(s[0].links.is_empty() && s[0].moment.is_none());
    assert_eq!(s[1].target, StepTarget::Whole);
    assert!(
        d.repairs
            .iter()
            .any(|r| matches!(r, Repair::StepRepaired { step: 2, .. }))
    );

    let many = vec!["{}"; design::MAX_STEPS + 1].join(",");
    let code = format!(
        "1.{}",
        b64(&deflate(format!(r#"{{"v":1,"p":[{many}]}}"#).as_bytes()))
    );
    assert!(share::decode(&code).is_err());
}

#[test]
fn steps_are_edited_through_commands_and_follow_removals() {
    let mut doc = starter();
    let mut h = History::new();
    let c = doc.design.components[0].id;
    let frame = Command::Group {
        kind: GroupKind::Region,
        label: "us-east-1".into(),
        rect: Rect {
            x: 0.0,
            y: 0.0,
            w: 400.0,
            h: 300.0,
        },
    };
    h.apply(&mut doc, &frame).unwrap();
    let g = doc.design.groups.last().unwrap().id;
    let step = Step {
        target: StepTarget::Frame(g),
        components: vec![c],
        ..Step::default()
    };
    h.apply(
        &mut doc,
        &Command::AddStep {
            index: 5,
            step: step.clone(),
        },
    )
    .unwrap();
    h.apply(
        &mut doc,
        &Command::AddStep {
            index: 0,
            step: Step::default(),
        },
    )
    .unwrap();
    assert_eq!(doc.design.steps[1], step);
    assert!(doc.design.hidden_at(0).0.contains(&c));
    assert!(doc.design.hidden_at(1).0.is_empty());
    let long = Step {
        caption: "x".repeat(design::MAX_CAPTION + 1),
        ..Step::default()
    };
    let refused = h.apply(
        &mut doc,
        &Command::SetStep {
            index: 0,
            step: long,
        },
    );
    assert!(matches!(refused, Err(EditError::BadStep(_))));
    assert_eq!(
        h.apply(&mut doc, &Command::RemoveStep(9)),
        Err(EditError::NoStep(9))
    );
    let kept = doc.design.clone();
    h.apply(&mut doc, &Command::Remove(Selection::components([c])))
        .unwrap();
    h.apply(&mut doc, &Command::Ungroup(g)).unwrap();
    assert!(doc.design.steps[1].components.is_empty());
    assert_eq!(doc.design.steps[1].target, StepTarget::Whole);
    h.undo(&mut doc);
    h.undo(&mut doc);
    assert_eq!(doc.design, kept);
    h.apply(&mut doc, &Command::RemoveStep(1)).unwrap();
    assert_eq!(doc.design.steps.len(), 1);
}

#[test]
fn a_step_written_before_moments_decodes_and_a_frame_step_with_a_moment_round_trips() {
    // A link from before steps held moments: no "m" in its step.
    let old = hostile(r#"{"v":1,"c":[[1,"users","Users",0,0,{}]],"p":[{"t":"Start","c":[1]}]}"#);
    assert_eq!(old.design.steps.len(), 1);
    assert_eq!(old.design.steps[0].caption, "Start");
    assert_eq!(old.design.steps[0].moment, None);
    assert_eq!(old.design.steps[0].target, StepTarget::Whole);
    assert!(old.repairs.is_empty(), "{:?}", old.repairs);

    let mut doc = starter();
    let mut h = History::new();
    let frame = Command::Group {
        kind: GroupKind::AvailabilityZone,
        label: "us-east-1a".into(),
        rect: Rect {
            x: -40.0,
            y: -40.0,
            w: 500.0,
            h: 300.0,
        },
    };
    h.apply(&mut doc, &frame).unwrap();
    let g = doc.design.groups.last().unwrap().id;
    for (index, step) in [
        Step {
            target: StepTarget::Frame(g),
            moment: Some(95.25),
            ..Step::default()
        },
        Step {
            target: StepTarget::Whole,
            moment: Some(0.0),
            ..Step::default()
        },
    ]
    .into_iter()
    .enumerate()
    {
        h.apply(&mut doc, &Command::AddStep { index, step })
            .unwrap();
    }
    let back = share::decode_with_repairs(&share::encode(&doc.design, &doc.scenario)).unwrap();
    assert!(back.repairs.is_empty(), "{:?}", back.repairs);
    assert_eq!(back.design.steps, doc.design.steps);
    assert_eq!(
        back.design.step_rect(&back.design.steps[0]),
        Some(doc.design.groups.last().unwrap().rect)
    );
    assert_eq!(back.design.steps[1].moment, Some(0.0));
}
