//! Every transition of the gesture machine, driven through [`TestEditor`]:
//! press, move, release, then the effects and the design are checked.

use skydraft_core::catalog::Kind;
use skydraft_core::design::{AnnotationId, ComponentId, GroupId, LinkId, Point, Rect};
use skydraft_core::edit::Command;

use super::test_editor::TestEditor;
use super::{Button, Device, Effect, Gesture, Hit, Modifiers, Phase, PointerId, PointerInput};
use crate::geom::Viewport;
use crate::rules;
use crate::state::Selection;

const MOUSE: PointerId = PointerId(1);

fn c(id: u32) -> Hit {
    Hit::Component(ComponentId(id))
}

fn sel(ids: &[u32]) -> Selection {
    Selection {
        components: ids.iter().map(|i| ComponentId(*i)).collect(),
        ..Selection::default()
    }
}

/// Three servers in a row at y = 100.
fn three() -> TestEditor {
    TestEditor::new()
        .component(Kind::Ec2, 100.0, 100.0)
        .component(Kind::Ec2, 200.0, 100.0)
        .component(Kind::Ec2, 500.0, 100.0)
}

/// Users, a load balancer and a database in a row at y = 0.
fn chain() -> TestEditor {
    TestEditor::new()
        .component(Kind::Users, 0.0, 0.0)
        .component(Kind::Alb, 300.0, 0.0)
        .component(Kind::Rds, 600.0, 0.0)
}

#[test]
fn a_click_selects_the_item_alone_and_takes_the_pointer() {
    let mut ed = three();
    ed.selection = sel(&[2, 3]);
    let fx = ed.press(c(1), 100.0, 100.0);
    assert_eq!(
        fx,
        vec![
            Effect::Select(sel(&[1])),
            Effect::PreventDefault,
            Effect::Capture(MOUSE),
            Effect::Focus
        ]
    );
    assert!(matches!(ed.gesture(), Gesture::Moving { .. }));
    assert_eq!(ed.release(), vec![Effect::Release(MOUSE)]);
    assert_eq!(ed.gesture(), &Gesture::Idle);
    assert!(ed.applied.is_empty() && ed.captured.is_empty());
    assert_eq!(ed.selection, sel(&[1]));
}

#[test]
fn a_click_on_a_selected_item_keeps_the_selection_but_drops_a_link() {
    let mut ed = three();
    ed.selection = sel(&[1, 2]);
    ed.selection.links = std::collections::BTreeSet::from([LinkId(4)]);
    ed.press(c(2), 200.0, 100.0);
    assert_eq!(ed.selection, sel(&[1, 2]));
    ed.move_to(232.0, 100.0);
    ed.release();
    // The pressed card lands on the grid; the other moves by the same offset.
    assert_eq!(ed.pos(2), Point { x: 240.0, y: 96.0 });
    assert_eq!(ed.pos(1), Point { x: 140.0, y: 96.0 });
    assert_eq!(ed.pos(3), Point { x: 500.0, y: 100.0 });
}

#[test]
fn shift_click_toggles_an_item_and_a_dropped_item_starts_no_drag() {
    let mut ed = three();
    ed.selection = sel(&[1]);
    ed.shift_press(c(2), 200.0, 100.0);
    assert_eq!(ed.selection, sel(&[1, 2]));
    ed.release();
    let fx = ed.shift_press(c(1), 100.0, 100.0);
    assert_eq!(fx, vec![Effect::Select(sel(&[2]))]);
    assert_eq!(ed.gesture(), &Gesture::Idle);
    assert!(ed.captured.is_empty());
}

#[test]
fn ctrl_and_cmd_toggle_like_shift() {
    let mut ed = three();
    ed.selection = sel(&[1]);
    ed.press_with(c(3), 500.0, 100.0, |i| i.modifiers.ctrl = true);
    ed.release();
    assert_eq!(ed.selection, sel(&[1, 3]));
    ed.press_with(c(1), 100.0, 100.0, |i| i.modifiers.meta = true);
    assert_eq!(ed.selection, sel(&[3]));
}

#[test]
fn notes_and_frames_are_selected_by_a_click() {
    let mut ed = three().note(300.0, 300.0).frame(Rect {
        x: 0.0,
        y: 0.0,
        w: 50.0,
        h: 50.0,
    });
    ed.press(Hit::Note(AnnotationId(1)), 310.0, 310.0);
    ed.release();
    assert_eq!(
        ed.selection.annotations.iter().copied().collect::<Vec<_>>(),
        [AnnotationId(1)]
    );
    ed.shift_press(Hit::FrameGrip(GroupId(1)), 10.0, 10.0);
    ed.release();
    assert_eq!(
        ed.selection.groups.iter().copied().collect::<Vec<_>>(),
        [GroupId(1)]
    );
    assert_eq!(ed.selection.annotations.len(), 1);
}

#[test]
fn a_drag_snaps_and_applies_one_move_on_release_only() {
    let mut ed = three();
    ed.press(c(1), 110.0, 95.0);
    assert!(ed.move_to(120.0, 100.0).is_empty());
    assert!(ed.move_to(135.0, 110.0).is_empty());
    assert_eq!(ed.gesture().delta(), Point { x: 28.0, y: 12.0 });
    assert_eq!(
        ed.pos(1),
        Point { x: 100.0, y: 100.0 },
        "moved before release"
    );
    let fx = ed.release();
    let delta = Point { x: 28.0, y: 12.0 };
    let moved = Command::Move {
        selection: sel(&[1]).clone(),
        delta,
    };
    assert_eq!(
        fx,
        vec![Effect::Release(MOUSE), Effect::Seal, Effect::Command(moved)]
    );
    assert_eq!(ed.applied.len(), 1);
    assert_eq!(ed.pos(1), Point { x: 128.0, y: 112.0 });
    assert_eq!(ed.pos(2), Point { x: 200.0, y: 100.0 });
}

#[test]
fn without_snap_a_drag_follows_the_pointer_exactly() {
    let mut ed = three();
    ed.snap = false;
    ed.press(c(1), 110.0, 95.0);
    ed.move_to(135.0, 110.0);
    ed.release();
    assert_eq!(ed.pos(1), Point { x: 125.0, y: 115.0 });
}

#[test]
fn a_drag_measures_in_canvas_units_when_zoomed() {
    let mut ed = three();
    ed.viewport = Viewport {
        x: 0.0,
        y: 0.0,
        zoom: 2.0,
    };
    ed.press(c(1), 200.0, 200.0);
    ed.move_to(264.0, 232.0);
    assert_eq!(ed.gesture().delta(), Point { x: 28.0, y: 12.0 });
    ed.snap = false;
    ed.move_to(264.0, 232.0);
    ed.release();
    assert_eq!(ed.pos(1), Point { x: 132.0, y: 116.0 });
}

#[test]
fn a_drag_back_to_its_start_applies_nothing() {
    let mut ed = TestEditor::new().component(Kind::Ec2, 96.0, 96.0);
    ed.press(c(1), 100.0, 100.0);
    ed.move_to(140.0, 100.0);
    ed.move_to(101.0, 99.0);
    assert_eq!(ed.gesture().delta(), Point::default());
    assert_eq!(ed.release(), vec![Effect::Release(MOUSE)]);
    assert!(ed.applied.is_empty());
}

#[test]
fn dragging_a_frame_carries_what_it_holds() {
    let mut ed = three().note(200.0, 200.0).frame(Rect {
        x: 0.0,
        y: 0.0,
        w: 400.0,
        h: 300.0,
    });
    ed.press(Hit::FrameGrip(GroupId(1)), 10.0, 10.0);
    let carried = ed.gesture().carried().unwrap();
    assert_eq!(carried.components, sel(&[1, 2]).components);
    assert_eq!(
        carried.annotations.iter().copied().collect::<Vec<_>>(),
        [AnnotationId(1)]
    );
    ed.move_to(42.0, 26.0);
    let fx = ed.release();
    let Some(Effect::Command(Command::Move { selection, delta })) = fx.last() else {
        panic!("no move in {fx:?}");
    };
    assert_eq!(
        selection.groups,
        std::collections::BTreeSet::from([GroupId(1)])
    );
    assert!(selection.components.is_empty());
    assert_eq!(*delta, Point { x: 32.0, y: 16.0 });
    assert_eq!(ed.pos(1), Point { x: 132.0, y: 116.0 });
    assert_eq!(ed.pos(2), Point { x: 232.0, y: 116.0 });
    assert_eq!(ed.pos(3), Point { x: 500.0, y: 100.0 });
    assert_eq!(ed.design.annotations[0].pos, Point { x: 232.0, y: 216.0 });
    assert_eq!(ed.design.groups[0].rect.x, 32.0);
}

#[test]
fn a_link_dragged_to_an_allowed_target_connects_and_is_selected() {
    let mut ed = chain();
    ed.press(Hit::Handle(ComponentId(1)), 35.0, 0.0);
    assert!(matches!(
        ed.gesture(),
        Gesture::Connecting {
            over: None,
            verdict: None,
            ..
        }
    ));
    ed.move_to(300.0, 10.0);
    assert_eq!(
        ed.gesture(),
        &Gesture::Connecting {
            from: ComponentId(1),
            at: Point { x: 300.0, y: 10.0 },
            over: Some(ComponentId(2)),
            verdict: Some(Ok(())),
        }
    );
    let fx = ed.release();
    let connect = Command::Connect {
        from: ComponentId(1),
        to: ComponentId(2),
    };
    assert_eq!(
        fx,
        vec![
            Effect::Release(MOUSE),
            Effect::Seal,
            Effect::Command(connect)
        ]
    );
    assert_eq!(ed.design.links.len(), 1);
    assert_eq!(ed.selection, Selection::link(ed.design.links[0].id));
}

#[test]
fn a_link_to_a_forbidden_target_is_refused_with_the_verdicts_reason() {
    let mut ed = chain();
    ed.press(Hit::Handle(ComponentId(2)), 335.0, 0.0);
    ed.move_to(600.0, 0.0);
    let expected = rules::link_allowed(&ed.design, ComponentId(2), ComponentId(3)).unwrap_err();
    assert!(expected.contains("cannot connect"), "{expected}");
    let Gesture::Connecting { over, verdict, .. } = ed.gesture().clone() else {
        panic!("not connecting: {:?}", ed.gesture());
    };
    assert_eq!(over, Some(ComponentId(3)));
    assert_eq!(verdict, Some(Err(expected.clone())));
    let fx = ed.release();
    assert_eq!(fx, vec![Effect::Release(MOUSE), Effect::Refuse(expected)]);
    assert!(ed.design.links.is_empty() && ed.applied.is_empty());
}

#[test]
fn a_link_released_over_empty_canvas_does_nothing() {
    let mut ed = chain();
    ed.press(Hit::Handle(ComponentId(1)), 35.0, 0.0);
    ed.move_to(150.0, 200.0);
    assert_eq!(ed.release(), vec![Effect::Release(MOUSE)]);
    assert!(ed.design.links.is_empty());
}

#[test]
fn a_rectangle_selects_what_it_encloses() {
    let mut ed = three();
    ed.selection = sel(&[3]);
    let fx = ed.press(Hit::Empty, 50.0, 50.0);
    assert_eq!(fx[0], Effect::Select(Selection::default()));
    ed.move_to(250.0, 150.0);
    assert_eq!(
        ed.gesture().marquee(),
        Some(Rect {
            x: 50.0,
            y: 50.0,
            w: 200.0,
            h: 100.0
        })
    );
    let fx = ed.release();
    assert_eq!(
        fx,
        vec![Effect::Release(MOUSE), Effect::Select(sel(&[1, 2]))]
    );
}

#[test]
fn a_shift_rectangle_adds_to_the_selection() {
    let mut ed = three();
    ed.selection = sel(&[3]);
    ed.selection.links = std::collections::BTreeSet::from([LinkId(1)]);
    let fx = ed.shift_press(Hit::Empty, 250.0, 150.0);
    assert!(!fx.iter().any(|e| matches!(e, Effect::Select(_))), "{fx:?}");
    ed.move_to(150.0, 50.0);
    ed.release();
    assert_eq!(ed.selection, sel(&[2, 3]));
}

#[test]
fn the_middle_button_pans_the_view() {
    let mut ed = three();
    ed.viewport = Viewport {
        x: 5.0,
        y: 5.0,
        zoom: 1.5,
    };
    ed.middle_press(10.0, 10.0);
    let fx = ed.move_to(40.0, -10.0);
    let panned = Viewport {
        x: 35.0,
        y: -15.0,
        zoom: 1.5,
    };
    assert_eq!(fx, vec![Effect::Viewport(panned)]);
    ed.move_to(20.0, 20.0);
    assert_eq!(
        ed.viewport,
        Viewport {
            x: 15.0,
            y: 15.0,
            zoom: 1.5
        }
    );
    assert_eq!(ed.release(), vec![Effect::Release(MOUSE)]);
    assert_eq!(ed.gesture(), &Gesture::Idle);
}

#[test]
fn space_turns_a_drag_on_an_item_into_a_pan() {
    let mut ed = three();
    ed.press_with(c(1), 100.0, 100.0, |i| i.space_held = true);
    assert!(matches!(ed.gesture(), Gesture::Panning { .. }));
    assert!(ed.selection.is_empty());
    ed.move_to(150.0, 100.0);
    ed.release();
    assert_eq!(ed.viewport.x, 50.0);
    assert_eq!(ed.pos(1), Point { x: 100.0, y: 100.0 });
}

#[test]
fn other_buttons_do_nothing() {
    let mut ed = three();
    let fx = ed.press_with(c(1), 100.0, 100.0, |i| {
        i.button = Button::Other;
        i.modifiers = Modifiers::default();
    });
    assert!(fx.is_empty());
    assert_eq!(ed.gesture(), &Gesture::Idle);
}

#[test]
fn a_click_on_a_link_selects_it_without_a_gesture() {
    let mut ed = three();
    ed.selection = sel(&[1]);
    let fx = ed.press(Hit::Link(LinkId(7)), 150.0, 100.0);
    assert_eq!(fx, vec![Effect::Select(Selection::link(LinkId(7)))]);
    assert_eq!(ed.gesture(), &Gesture::Idle);
}

#[test]
fn two_fingers_pinch_about_their_midpoint() {
    let mut ed = three();
    ed.finger(Phase::Down, 5, 100.0, 100.0);
    assert!(matches!(ed.gesture(), Gesture::Panning { .. }));
    let fx = ed.finger(Phase::Down, 6, 150.0, 100.0);
    assert_eq!(fx, vec![Effect::Capture(PointerId(6))]);
    let fx = ed.finger(Phase::Move, 6, 200.0, 100.0);
    let zoomed = Viewport {
        x: -100.0,
        y: -100.0,
        zoom: 2.0,
    };
    assert_eq!(fx, vec![Effect::Viewport(zoomed)]);
    // The canvas point first under the midpoint is under the new midpoint.
    assert_eq!(
        ed.viewport.to_screen(Point { x: 125.0, y: 100.0 }),
        (150.0, 100.0)
    );
    ed.finger(Phase::Up, 5, 100.0, 100.0);
    assert_eq!(ed.gesture(), &Gesture::Idle);
    assert_eq!(ed.machine.touches().len(), 1);
    assert!(ed.applied.is_empty());
}

#[test]
fn a_cancelled_drag_returns_to_idle_without_a_command() {
    let mut ed = three();
    ed.press(c(1), 100.0, 100.0);
    ed.move_to(180.0, 140.0);
    assert!(ed.cancel().is_empty());
    assert_eq!(ed.gesture(), &Gesture::Idle);
    assert!(ed.release() == vec![Effect::Release(MOUSE)]);
    assert!(ed.applied.is_empty());
    assert_eq!(ed.pos(1), Point { x: 100.0, y: 100.0 });
}

#[test]
fn a_view_only_design_selects_but_never_moves_or_connects() {
    let mut ed = chain();
    ed.read_only = true;
    let fx = ed.press(c(2), 300.0, 0.0);
    assert_eq!(fx.first(), Some(&Effect::Select(sel(&[2]))));
    // The hand tool: dragging the card pans the view instead.
    assert!(matches!(ed.gesture(), Gesture::Panning { .. }));
    ed.move_to(400.0, 0.0);
    ed.release();
    ed.press(Hit::Empty, 500.0, 300.0);
    assert!(matches!(ed.gesture(), Gesture::Panning { .. }));
    ed.release();
    ed.press(Hit::Handle(ComponentId(1)), 35.0, 0.0);
    assert_eq!(ed.gesture(), &Gesture::Idle);
    ed.middle_press(0.0, 0.0);
    assert!(matches!(ed.gesture(), Gesture::Panning { .. }));
    assert!(ed.applied.is_empty());
    assert_eq!(ed.pos(2), Point { x: 300.0, y: 0.0 });
}

#[test]
fn one_finger_on_empty_canvas_pans_and_a_tap_clears_the_selection() {
    let mut ed = three();
    ed.press(c(1), 100.0, 100.0);
    ed.release();
    let fx = ed.finger(Phase::Down, 5, 400.0, 300.0);
    assert!(fx.contains(&Effect::Select(Selection::default())), "{fx:?}");
    assert!(matches!(ed.gesture(), Gesture::Panning { .. }));
    let before = ed.viewport;
    let fx = ed.finger(Phase::Move, 5, 430.0, 280.0);
    let moved = Viewport {
        x: before.x + 30.0,
        y: before.y - 20.0,
        zoom: before.zoom,
    };
    assert_eq!(fx, vec![Effect::Viewport(moved)]);
    ed.finger(Phase::Up, 5, 430.0, 280.0);
    assert_eq!(ed.gesture(), &Gesture::Idle);
    assert!(ed.applied.is_empty(), "a pan changes no document");
    // A finger on a card still drags it.
    ed.send(PointerInput {
        pointer: PointerId(7),
        device: Device::Touch,
        hit: c(2),
        ..PointerInput::new(Phase::Down, ed.viewport.to_screen(ed.pos(2)))
    });
    assert!(matches!(ed.gesture(), Gesture::Moving { .. }));
}

#[test]
fn a_finger_lifted_out_of_sight_does_not_turn_the_next_touch_into_a_pinch() {
    let mut ed = three();
    // A finger comes down and lifts over something else: no Up reaches the canvas.
    ed.finger(Phase::Down, 5, 100.0, 100.0);
    assert_eq!(ed.machine.touches().len(), 1);
    // The next touch is the only finger down, so the browser makes it primary.
    let fx = ed.send(PointerInput {
        pointer: PointerId(9),
        device: Device::Touch,
        primary: true,
        hit: c(2),
        ..PointerInput::new(Phase::Down, ed.viewport.to_screen(ed.pos(2)))
    });
    assert_eq!(ed.machine.touches().len(), 1);
    assert!(matches!(ed.gesture(), Gesture::Moving { .. }), "{fx:?}");
}
