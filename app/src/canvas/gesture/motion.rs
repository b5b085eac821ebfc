//! What the pointer's position means for each gesture under way: a move's
//! snapped offset, a link drag's target and verdict, a pinch's viewport.

use skydraft_core::design::{ComponentId, Design, Point};

use super::Gesture;
use crate::geom::{self, Viewport};
use crate::rules;

/// The offset of a move: the pointer's travel, adjusted so the pressed
/// component lands on the grid when `snap` is on.
#[must_use]
pub fn move_delta(anchor: Point, grab: Point, now: Point, snap: bool) -> Point {
    let raw = Point {
        x: now.x - grab.x,
        y: now.y - grab.y,
    };
    if !snap {
        return raw;
    }
    let target = geom::snap_point(Point {
        x: anchor.x + raw.x,
        y: anchor.y + raw.y,
    });
    Point {
        x: target.x - anchor.x,
        y: target.y - anchor.y,
    }
}

/// The viewport for two fingers now at midpoint `mid`, distance `dist`: the
/// canvas point first under the midpoint stays under it, scaled by the spread.
#[must_use]
pub fn pinch_viewport(
    origin: Viewport,
    start_mid: (f64, f64),
    start_dist: f64,
    mid: (f64, f64),
    dist: f64,
) -> Viewport {
    let anchor = origin.to_world(start_mid.0, start_mid.1);
    let zoom = (origin.zoom * dist / start_dist.max(1.0)).clamp(geom::MIN_ZOOM, geom::MAX_ZOOM);
    Viewport {
        x: mid.0 - anchor.x * zoom,
        y: mid.1 - anchor.y * zoom,
        zoom,
    }
}

/// The state of a link drag with the pointer at `at`: which component is under
/// it and whether a link there is allowed.
#[must_use]
pub fn connect_over(design: &Design, from: ComponentId, at: Point) -> Gesture {
    let over = geom::hit_component(design, at).filter(|id| *id != from);
    let verdict = over.map(|to| rules::link_allowed(design, from, to).map(|_| ()));
    Gesture::Connecting {
        from,
        at,
        over,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::design::Component;

    #[test]
    fn moves_snap_the_pressed_component_to_the_grid() {
        let anchor = Point { x: 100.0, y: 100.0 };
        let grab = Point { x: 110.0, y: 95.0 };
        let d = move_delta(anchor, grab, Point { x: 135.0, y: 110.0 }, true);
        assert_eq!(d, Point { x: 28.0, y: 12.0 });
        let free = move_delta(anchor, grab, Point { x: 135.0, y: 110.0 }, false);
        assert_eq!(free, Point { x: 25.0, y: 15.0 });
    }

    #[test]
    fn pinching_zooms_about_the_fingers() {
        let v = Viewport::default();
        let p = pinch_viewport(v, (100.0, 100.0), 50.0, (120.0, 100.0), 100.0);
        assert_eq!(p.zoom, 2.0);
        let (sx, sy) = p.to_screen(Point { x: 100.0, y: 100.0 });
        assert!((sx - 120.0).abs() < 1e-9 && (sy - 100.0).abs() < 1e-9);
    }

    #[test]
    fn connecting_reports_the_target_and_the_verdict() {
        let mut d = Design::default();
        for (i, (k, x)) in [("users", 0.0), ("alb", 300.0), ("rds", 600.0)]
            .into_iter()
            .enumerate()
        {
            d.components.push(Component {
                id: ComponentId(u32::try_from(i).unwrap() + 1),
                kind: k.into(),
                label: k.into(),
                pos: Point { x, y: 0.0 },
                params: Default::default(),
            });
        }
        let g = connect_over(&d, ComponentId(1), Point { x: 300.0, y: 0.0 });
        assert!(matches!(
            g,
            Gesture::Connecting {
                over: Some(ComponentId(2)),
                verdict: Some(Ok(())),
                ..
            }
        ));
        let g = connect_over(&d, ComponentId(2), Point { x: 600.0, y: 0.0 });
        assert!(matches!(
            g,
            Gesture::Connecting {
                verdict: Some(Err(_)),
                ..
            }
        ));
        let g = connect_over(&d, ComponentId(1), Point { x: 0.0, y: 0.0 });
        assert!(matches!(
            g,
            Gesture::Connecting {
                over: None,
                verdict: None,
                ..
            }
        ));
    }
}
