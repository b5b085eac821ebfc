//! What a follower's canvas shows of the teacher's: the world rectangle
//! the teacher's canvas shows, and the viewport that fits it on another
//! screen.

use skydraft_core::live::message::View;

use crate::geom::Viewport;

/// The viewport that shows the teacher's `view` whole and centred in a
/// `w`×`h` canvas (any zoom the canvas allows: a follower sees what the
/// teacher sees, however the screens differ).
#[must_use]
pub fn follow_fit(view: View, w: f64, h: f64) -> Viewport {
    let (vx, vy, vw, vh) = (
        f64::from(view.x),
        f64::from(view.y),
        f64::from(view.w).max(1.0),
        f64::from(view.h).max(1.0),
    );
    let zoom = (w / vw)
        .min(h / vh)
        .clamp(crate::geom::MIN_ZOOM, crate::geom::MAX_ZOOM);
    Viewport {
        x: w / 2.0 - (vx + vw / 2.0) * zoom,
        y: h / 2.0 - (vy + vh / 2.0) * zoom,
        zoom,
    }
}

/// The world rectangle a `w`×`h` canvas shows through `v`.
#[must_use]
pub fn view_of(v: Viewport, w: f64, h: f64) -> View {
    let top_left = v.to_world(0.0, 0.0);
    #[allow(clippy::cast_possible_truncation)]
    View {
        x: top_left.x as f32,
        y: top_left.y as f32,
        w: (w / v.zoom) as f32,
        h: (h / v.zoom) as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_follower_sees_the_teachers_rectangle_whole_and_centred() {
        let teacher = Viewport {
            x: -100.0,
            y: 40.0,
            zoom: 0.8,
        };
        let view = view_of(teacher, 1200.0, 700.0);
        // The same screen: the same viewport.
        let same = follow_fit(view, 1200.0, 700.0);
        assert!((same.zoom - 0.8).abs() < 1e-4, "{same:?}");
        assert!((same.x - teacher.x).abs() < 0.5 && (same.y - teacher.y).abs() < 0.5);
        // A phone: the whole width, centred vertically.
        let phone = follow_fit(view, 390.0, 600.0);
        let left = phone.to_world(0.0, 300.0);
        assert!((f64::from(view.x) - left.x).abs() < 0.5, "{phone:?}");
        let centre = phone.to_world(195.0, 300.0);
        assert!((centre.y - (f64::from(view.y) + f64::from(view.h) / 2.0)).abs() < 0.5);
    }
}
