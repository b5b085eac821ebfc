//! The transitions: which gesture a press starts, what a move changes, what
//! a release applies. Each step reads a [`GestureCtx`] and returns the next
//! machine with the effects for the page, in the order it carries them out.

use skydraft_core::design::{Design, Point};
use skydraft_core::edit::Command;

use super::Gesture;
use super::effect::Effect;
use super::input::{Button, Device, Hit, Phase, PointerInput};
use super::item::Item;
use super::motion::{connect_over, move_delta, pinch_viewport};
use super::touches::Touches;
use crate::geom::{self, Viewport};
use crate::state::Selection;

/// What a step reads of the page, without changing it.
#[derive(Debug, Clone, Copy)]
pub struct GestureCtx<'a> {
    /// The design drawn.
    pub design: &'a Design,
    /// The selection before the event.
    pub selection: &'a Selection,
    /// The viewport before the event (turns screen points into canvas points).
    pub viewport: Viewport,
    /// Whether moves snap the pressed item to the grid.
    pub snap: bool,
    /// A view-only design: items can be selected and the view panned, but
    /// nothing is moved or connected.
    pub read_only: bool,
}

impl GestureCtx<'_> {
    /// The canvas point under a screen point.
    fn world(&self, screen: (f64, f64)) -> Point {
        self.viewport.to_world(screen.0, screen.1)
    }
}

/// The pointer machine: the gesture under way and the fingers down.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GestureMachine {
    gesture: Gesture,
    touches: Touches,
}

impl GestureMachine {
    /// The gesture under way.
    #[must_use]
    pub fn gesture(&self) -> &Gesture {
        &self.gesture
    }

    /// The fingers down on the canvas.
    #[must_use]
    pub fn touches(&self) -> &Touches {
        &self.touches
    }

    /// The machine after `input`, and what the page must do about it.
    #[must_use]
    pub fn step(
        &self,
        ctx: &GestureCtx<'_>,
        input: &PointerInput,
    ) -> (GestureMachine, Vec<Effect>) {
        let mut next = self.clone();
        let mut effects = Vec::new();
        match input.phase {
            Phase::Down => next.press(ctx, input, &mut effects),
            Phase::Move => next.drag(ctx, input, &mut effects),
            Phase::Up => next.release(ctx, input, &mut effects),
            Phase::Cancel => {
                next.touches.lifted(input.pointer);
                next.gesture = Gesture::Idle;
            }
        }
        (next, effects)
    }

    /// A press: a second finger starts a pinch; otherwise the button and what
    /// was hit pick the gesture, which takes the pointer and the focus.
    fn press(&mut self, ctx: &GestureCtx<'_>, input: &PointerInput, out: &mut Vec<Effect>) {
        if input.device == Device::Touch {
            // A primary finger means no other is down: any finger still held
            // here lifted where the canvas could not see it.
            if input.primary {
                self.touches = Touches::default();
            }
            self.touches.down(input.pointer, input.screen);
            if let Some((mid, dist)) = self.touches.two_fingers() {
                out.push(Effect::Capture(input.pointer));
                self.gesture = Gesture::Pinch {
                    mid,
                    dist,
                    origin: ctx.viewport,
                };
                return;
            }
        }
        let Some(next) = start(ctx, input, out) else {
            return;
        };
        // A view-only design opens on the hand tool: a drag on an item pans
        // (a click still selects it), a handle connects nothing.
        let next = match next {
            Gesture::Connecting { .. } if ctx.read_only => return,
            Gesture::Moving { .. } if ctx.read_only => Gesture::Panning {
                start: input.screen,
                origin: ctx.viewport,
            },
            other => other,
        };
        out.extend([
            Effect::PreventDefault,
            Effect::Capture(input.pointer),
            Effect::Focus,
        ]);
        self.gesture = next;
    }

    /// A move: fingers pinch; a drag follows the pointer.
    fn drag(&mut self, ctx: &GestureCtx<'_>, input: &PointerInput, out: &mut Vec<Effect>) {
        if input.device == Device::Touch {
            self.touches.moved(input.pointer, input.screen);
            if let Gesture::Pinch { mid, dist, origin } = self.gesture {
                if let Some((m, d)) = self.touches.two_fingers() {
                    out.push(Effect::Viewport(pinch_viewport(origin, mid, dist, m, d)));
                }
                return;
            }
        }
        let world = ctx.world(input.screen);
        match &mut self.gesture {
            Gesture::Moving {
                anchor,
                grab,
                delta,
                ..
            } => *delta = move_delta(*anchor, *grab, world, ctx.snap),
            Gesture::Connecting { from, .. } => {
                let from = *from;
                self.gesture = connect_over(ctx.design, from, world);
            }
            Gesture::Panning { start, origin } => {
                let (sx, sy) = input.screen;
                out.push(Effect::Viewport(Viewport {
                    x: origin.x + sx - start.0,
                    y: origin.y + sy - start.1,
                    zoom: origin.zoom,
                }));
            }
            Gesture::Marquee { now, .. } => *now = world,
            Gesture::Pinch { .. } | Gesture::Idle => {}
        }
    }

    /// A release ends the gesture: a move or a link becomes one command, a
    /// rectangle a selection.
    fn release(&mut self, ctx: &GestureCtx<'_>, input: &PointerInput, out: &mut Vec<Effect>) {
        self.touches.lifted(input.pointer);
        out.push(Effect::Release(input.pointer));
        match std::mem::take(&mut self.gesture) {
            Gesture::Moving { sel, delta, .. } => {
                if !sel.is_empty() && (delta.x != 0.0 || delta.y != 0.0) {
                    out.push(Effect::Seal);
                    out.push(Effect::Command(Command::Move {
                        selection: sel.clone(),
                        delta,
                    }));
                }
            }
            Gesture::Connecting {
                from,
                over: Some(to),
                verdict,
                ..
            } => match verdict {
                Some(Err(why)) => out.push(Effect::Refuse(why)),
                Some(Ok(())) | None => {
                    out.push(Effect::Seal);
                    out.push(Effect::Command(Command::Connect { from, to }));
                }
            },
            Gesture::Marquee {
                start,
                now,
                additive,
            } => {
                let hit = geom::components_in(ctx.design, geom::rect_between(start, now));
                let mut sel = if additive {
                    ctx.selection.clone()
                } else {
                    Selection::default()
                };
                sel.links.clear();
                sel.components.extend(hit);
                out.push(Effect::Select(sel));
            }
            Gesture::Connecting { over: None, .. }
            | Gesture::Panning { .. }
            | Gesture::Pinch { .. }
            | Gesture::Idle => {}
        }
    }
}

/// The gesture a press starts, if any; a press that only selects (a link, a
/// Shift-click that drops an item) says so in `out` and starts none.
fn start(ctx: &GestureCtx<'_>, input: &PointerInput, out: &mut Vec<Effect>) -> Option<Gesture> {
    let world = ctx.world(input.screen);
    let pan =
        input.button == Button::Middle || (input.button == Button::Primary && input.space_held);
    if pan {
        return Some(Gesture::Panning {
            start: input.screen,
            origin: ctx.viewport,
        });
    }
    if input.button != Button::Primary {
        return None;
    }
    if let Hit::Handle(from) = input.hit {
        return Some(connect_over(ctx.design, from, world));
    }
    if let Some((item, anchor)) = Item::under(input.hit, ctx.design) {
        let sel = item.clicked(ctx.selection, input.modifiers.toggles());
        out.push(Effect::Select(sel.clone()));
        if !item.is_in(&sel) {
            return None;
        }
        let carried = skydraft_core::edit::carried(ctx.design, &sel);
        return Some(Gesture::Moving {
            sel,
            carried,
            grab: world,
            anchor,
            delta: Point::default(),
        });
    }
    if let Hit::Link(id) = input.hit {
        out.push(Effect::Select(Selection::link(id)));
        return None;
    }
    if input.device == Device::Touch || ctx.read_only {
        // A finger on empty canvas pans, as on every map, and so does any
        // drag on a view-only design (the hand tool); a tap clears the selection.
        out.push(Effect::Select(Selection::default()));
        return Some(Gesture::Panning {
            start: input.screen,
            origin: ctx.viewport,
        });
    }
    let additive = input.modifiers.shift;
    if !additive {
        out.push(Effect::Select(Selection::default()));
    }
    Some(Gesture::Marquee {
        start: world,
        now: world,
        additive,
    })
}
