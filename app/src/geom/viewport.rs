//! The viewport: how canvas units map to screen pixels, zoom about a point,
//! and Fit with its smallest readable zoom.

use skydraft_core::design::{Point, Rect};

/// How canvas units map to screen pixels: `screen = world × zoom + (x, y)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Horizontal offset in screen pixels.
    pub x: f64,
    /// Vertical offset in screen pixels.
    pub y: f64,
    /// Scale factor.
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        }
    }
}

/// Smallest zoom factor.
pub const MIN_ZOOM: f64 = 0.2;
/// Largest zoom factor.
pub const MAX_ZOOM: f64 = 3.0;
/// The smallest zoom Fit picks: a component's label (13 px on the canvas,
/// see `.node-label` in skydraft.css) stays at least 11 px on screen, readable
/// from the back of a classroom. A design larger than the screen at this zoom
/// is shown from its top-left corner, with the minimap.
pub const READABLE_ZOOM: f64 = 11.0 / 13.0;
/// Empty space Fit leaves around the design, in screen pixels.
pub const FIT_MARGIN: f64 = 48.0;

impl Viewport {
    /// The canvas point under a screen point (relative to the canvas' top-left).
    #[must_use]
    pub fn to_world(&self, sx: f64, sy: f64) -> Point {
        Point {
            x: (sx - self.x) / self.zoom,
            y: (sy - self.y) / self.zoom,
        }
    }

    /// The screen point of a canvas point.
    #[must_use]
    pub fn to_screen(&self, p: Point) -> (f64, f64) {
        (p.x * self.zoom + self.x, p.y * self.zoom + self.y)
    }

    /// Zooms by `factor` keeping the canvas point under screen point (sx, sy) in place.
    #[must_use]
    pub fn zoom_at(&self, sx: f64, sy: f64, factor: f64) -> Viewport {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let anchor = self.to_world(sx, sy);
        Viewport {
            x: sx - anchor.x * zoom,
            y: sy - anchor.y * zoom,
            zoom,
        }
    }

    /// The viewport that shows `content` centred in a `w`×`h` screen with a
    /// margin, never zooming in past 1 nor out past [`READABLE_ZOOM`]; along an
    /// axis where the content does not fit at that zoom, it starts at the
    /// content's left or top edge.
    #[must_use]
    pub fn fit(content: Rect, w: f64, h: f64) -> Viewport {
        Viewport::fit_down_to(content, w, h, READABLE_ZOOM)
    }

    /// [`Viewport::fit`] that may zoom out as far as `least` (clamped to
    /// [`MIN_ZOOM`]..=1): an embed shows the whole design in a small frame,
    /// smaller labels and all, where the editor keeps them readable.
    #[must_use]
    pub fn fit_down_to(content: Rect, w: f64, h: f64, least: f64) -> Viewport {
        let least = least.clamp(MIN_ZOOM, 1.0);
        let zx = (w - 2.0 * FIT_MARGIN) / content.w.max(1.0);
        let zy = (h - 2.0 * FIT_MARGIN) / content.h.max(1.0);
        let zoom = zx.min(zy).clamp(least, 1.0);
        let place = |start: f64, len: f64, screen: f64| {
            if len * zoom > screen - 2.0 * FIT_MARGIN {
                FIT_MARGIN - start * zoom
            } else {
                screen / 2.0 - (start + len / 2.0) * zoom
            }
        };
        Viewport {
            x: place(content.x, content.w, w),
            y: place(content.y, content.h, h),
            zoom,
        }
    }

    /// The SVG `transform` attribute value of this viewport.
    #[must_use]
    pub fn transform(&self) -> String {
        format!(
            "translate({:.2} {:.2}) scale({:.4})",
            self.x, self.y, self.zoom
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::bounds;
    use skydraft_core::design::{Component, ComponentId, Design};

    fn design_with(points: &[(f64, f64)]) -> Design {
        let mut d = Design::default();
        for (i, &(x, y)) in points.iter().enumerate() {
            d.components.push(Component {
                id: ComponentId(u32::try_from(i).unwrap() + 1),
                kind: "ec2".into(),
                label: String::new(),
                pos: Point { x, y },
                params: Default::default(),
            });
        }
        d
    }
    #[test]
    fn viewport_round_trips_and_zooms_about_the_cursor() {
        let v = Viewport {
            x: 30.0,
            y: -10.0,
            zoom: 1.5,
        };
        let p = v.to_world(200.0, 100.0);
        let (sx, sy) = v.to_screen(p);
        assert!((sx - 200.0).abs() < 1e-9 && (sy - 100.0).abs() < 1e-9);
        let z = v.zoom_at(200.0, 100.0, 2.0);
        assert_eq!(z.zoom, 3.0);
        let q = z.to_world(200.0, 100.0);
        assert!((q.x - p.x).abs() < 1e-9 && (q.y - p.y).abs() < 1e-9);
        assert_eq!(v.zoom_at(0.0, 0.0, 100.0).zoom, MAX_ZOOM);
    }

    #[test]
    fn fit_centres_the_content() {
        let d = design_with(&[(0.0, 0.0), (700.0, 200.0)]);
        let b = bounds(&d).unwrap();
        let v = Viewport::fit(b, 800.0, 600.0);
        let (cx, cy) = v.to_screen(Point {
            x: b.x + b.w / 2.0,
            y: b.y + b.h / 2.0,
        });
        assert!((cx - 400.0).abs() < 1e-6 && (cy - 300.0).abs() < 1e-6);
        assert!(v.zoom < 1.0);
        assert!(bounds(&Design::default()).is_none());
    }

    #[test]
    fn fit_down_to_shows_a_large_design_whole_where_fit_shows_its_corner() {
        let d = design_with(&[(0.0, 0.0), (1200.0, 500.0)]);
        let b = bounds(&d).unwrap();
        let (w, h) = (640.0, 316.0);
        let inside = |v: Viewport| {
            let (l, t) = v.to_screen(Point { x: b.x, y: b.y });
            let (r, btm) = v.to_screen(Point {
                x: b.x + b.w,
                y: b.y + b.h,
            });
            l >= 0.0 && t >= 0.0 && r <= w && btm <= h
        };
        let readable = Viewport::fit(b, w, h);
        assert_eq!(readable.zoom, READABLE_ZOOM);
        assert!(!inside(readable));
        let whole = Viewport::fit_down_to(b, w, h, MIN_ZOOM);
        assert!(whole.zoom < READABLE_ZOOM && whole.zoom >= MIN_ZOOM);
        assert!(inside(whole));
        // Never below the smallest zoom, whatever is asked.
        assert_eq!(Viewport::fit_down_to(b, 10.0, 10.0, 0.0).zoom, MIN_ZOOM);
        // A design that fits is fitted the same either way.
        let small = bounds(&design_with(&[(0.0, 0.0), (200.0, 100.0)])).unwrap();
        assert_eq!(
            Viewport::fit(small, w, h),
            Viewport::fit_down_to(small, w, h, MIN_ZOOM)
        );
    }
}
