//! The minimap: when the design is larger than the view (Fit keeps labels
//! readable, so a big design does not fit), a small map in the corner shows
//! the whole design and where the view is; pressing it moves the view there.

use leptos::prelude::*;
use skydraft_core::design::{Point, Rect};

use super::canvas_size;
use crate::geom::{self, Viewport};
use crate::state::Editor;

/// The minimap's size on screen, in CSS pixels.
const MAP_W: f64 = 168.0;
/// See [`MAP_W`].
const MAP_H: f64 = 112.0;

/// What the minimap draws: the design's extent and the view within it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Map {
    /// The canvas area the map covers (the design and the view together).
    area: Rect,
    /// The part of the canvas on screen.
    view: Rect,
    /// The canvas' size on screen.
    screen: (f64, f64),
}

/// Whether all of `content` is on a `w`×`h` screen viewed through `v`.
#[must_use]
pub fn shows(v: &Viewport, content: Rect, w: f64, h: f64) -> bool {
    let (x0, y0) = v.to_screen(Point {
        x: content.x,
        y: content.y,
    });
    let (x1, y1) = v.to_screen(Point {
        x: content.x + content.w,
        y: content.y + content.h,
    });
    x0 >= -0.5 && y0 >= -0.5 && x1 <= w + 0.5 && y1 <= h + 0.5
}

/// The map of `design_bounds` with the view `v` of a `w`×`h` screen, or
/// `None` when the whole design is on screen.
fn map(design_bounds: Rect, v: Viewport, w: f64, h: f64) -> Option<Map> {
    if shows(&v, design_bounds, w, h) {
        return None;
    }
    let a = v.to_world(0.0, 0.0);
    let b = v.to_world(w, h);
    let view = geom::rect_between(a, b);
    let x0 = view.x.min(design_bounds.x);
    let y0 = view.y.min(design_bounds.y);
    let x1 = (view.x + view.w).max(design_bounds.x + design_bounds.w);
    let y1 = (view.y + view.h).max(design_bounds.y + design_bounds.h);
    Some(Map {
        area: geom::rect_between(Point { x: x0, y: y0 }, Point { x: x1, y: y1 }),
        view,
        screen: (w, h),
    })
}

/// The viewport centred on canvas point `p`, at zoom `zoom`, on a `w`×`h` screen.
fn centred_on(p: Point, zoom: f64, (w, h): (f64, f64)) -> Viewport {
    Viewport {
        x: w / 2.0 - p.x * zoom,
        y: h / 2.0 - p.y * zoom,
        zoom,
    }
}

/// The minimap, shown while part of the design is off screen.
#[component]
pub fn Minimap() -> impl IntoView {
    let editor = Editor::get();
    let model = Memo::new(move |_| {
        let v = editor.viewport.get();
        let b = editor.design.with(geom::bounds)?;
        let (w, h) = canvas_size();
        map(b, v, w, h)
    });
    move || {
        model.get().map(|m| {
            let viewbox = format!("{} {} {} {}", m.area.x, m.area.y, m.area.w, m.area.h);
            let nodes = editor.design.with(|d| {
                d.components
                    .iter()
                    .map(|c| {
                        let r = geom::node_rect(c.pos);
                        view! { <rect class="minimap-node" x=r.x y=r.y width=r.w height=r.h /> }
                    })
                    .collect_view()
            });
            let go = move |ev: web_sys::PointerEvent| {
                let sx = f64::from(ev.offset_x()) / MAP_W;
                let sy = f64::from(ev.offset_y()) / MAP_H;
                // The map keeps the area's aspect ratio, centred in its box.
                let scale = (m.area.w / MAP_W).max(m.area.h / MAP_H);
                let (ox, oy) = (
                    (MAP_W * scale - m.area.w) / 2.0,
                    (MAP_H * scale - m.area.h) / 2.0,
                );
                let p = Point {
                    x: m.area.x - ox + sx * MAP_W * scale,
                    y: m.area.y - oy + sy * MAP_H * scale,
                };
                let zoom = editor.viewport.get_untracked().zoom;
                editor.viewport.set(centred_on(p, zoom, m.screen));
            };
            view! {
                <svg class="minimap" data-testid="minimap" viewBox=viewbox width=MAP_W height=MAP_H
                    preserveAspectRatio="xMidYMid meet" role="img"
                    aria-label="Minimap: the whole design, with the part on screen outlined; press to move there"
                    on:pointerdown=go>
                    {nodes}
                    <rect class="minimap-view" x=m.view.x y=m.view.y width=m.view.w height=m.view.h />
                </svg>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_design_on_screen_has_no_map_and_one_off_screen_has_one() {
        let design = Rect {
            x: 0.0,
            y: 0.0,
            w: 400.0,
            h: 200.0,
        };
        let v = Viewport::fit(design, 800.0, 600.0);
        assert_eq!(map(design, v, 800.0, 600.0), None);
        let wide = Rect {
            w: 4000.0,
            ..design
        };
        let v = Viewport::fit(wide, 800.0, 600.0);
        let m = map(wide, v, 800.0, 600.0).expect("a map");
        assert!(m.area.w >= wide.w && m.view.w < wide.w);
        assert!((m.view.x - (wide.x - 48.0 / v.zoom)).abs() < 1e-6);
    }

    #[test]
    fn fit_never_shrinks_labels_below_readable_and_then_starts_top_left() {
        let b = Rect {
            x: 0.0,
            y: 0.0,
            w: 3056.0,
            h: 156.0,
        };
        let v = Viewport::fit(b, 800.0, 600.0);
        assert_eq!(v.zoom, geom::READABLE_ZOOM);
        assert!(
            13.0 * v.zoom >= 11.0 - 1e-9,
            "a label is {} px",
            13.0 * v.zoom
        );
        assert!(!shows(&v, b, 800.0, 600.0));
        let (x0, _) = v.to_screen(Point { x: b.x, y: b.y });
        assert!(
            (x0 - geom::FIT_MARGIN).abs() < 1e-9,
            "the design starts at {x0}"
        );
        // The other axis still fits, so it is centred.
        let (_, cy) = v.to_screen(Point {
            x: b.x,
            y: b.y + b.h / 2.0,
        });
        assert!((cy - 300.0).abs() < 1e-6);
    }

    #[test]
    fn centring_puts_the_point_mid_screen() {
        let v = centred_on(Point { x: 100.0, y: 50.0 }, 2.0, (800.0, 600.0));
        assert_eq!(v.to_screen(Point { x: 100.0, y: 50.0 }), (400.0, 300.0));
    }
}
