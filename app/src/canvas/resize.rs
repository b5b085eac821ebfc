//! The canvas keeps the design in view when it changes size (the drawer
//! opening under it, a sheet, a rotated tablet): a design that was whole on
//! screen is fitted again if it no longer is, and otherwise the middle of the
//! view stays in the middle.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use skydraft_core::design::Rect;

use crate::geom::{self, Viewport};
use crate::state::Editor;

/// Whether all of `content` is on a `size` (width, height) screen under `v`.
fn shows(v: Viewport, content: Rect, size: (f64, f64)) -> bool {
    super::minimap::shows(&v, content, size.0, size.1)
}

/// Whether `v` is what Fit (down to zoom `least`) gives `content` on a `size`
/// screen: the view the page opened with, or the user asked for and has not
/// moved since.
fn was_fitted(v: Viewport, content: Rect, size: (f64, f64), least: f64) -> bool {
    let fit = Viewport::fit_down_to(content, size.0, size.1, least);
    (v.x - fit.x).abs() < 0.5 && (v.y - fit.y).abs() < 0.5 && (v.zoom - fit.zoom).abs() < 1e-6
}

/// The viewport after the canvas went from `before` to `after` for a design
/// covering `content`: fitted again (down to zoom `least`, see
/// [`Editor::fit_least`]) when it was fitted, or was whole on screen and would
/// not be any more; else [`recentred`].
#[must_use]
pub fn resized(
    v: Viewport,
    content: Option<Rect>,
    before: (f64, f64),
    after: (f64, f64),
    least: f64,
) -> Viewport {
    let kept = recentred(v, before, after);
    match content {
        Some(c)
            if was_fitted(v, c, before, least)
                || (shows(v, c, before) && !shows(kept, c, after)) =>
        {
            Viewport::fit_down_to(c, after.0, after.1, least)
        }
        _ => kept,
    }
}

/// The viewport after the canvas went from `before` to `after` (width, height):
/// shifted by half the change, so the canvas point at the centre stays there.
#[must_use]
pub fn recentred(v: Viewport, before: (f64, f64), after: (f64, f64)) -> Viewport {
    Viewport {
        x: v.x + (after.0 - before.0) / 2.0,
        y: v.y + (after.1 - before.1) / 2.0,
        zoom: v.zoom,
    }
}

/// Watches the canvas element `el` for size changes for the page's lifetime.
/// While presenting, a resize fits the step shown again instead.
pub fn keep_centre(editor: Editor, el: &web_sys::Element) {
    let size = StoredValue::new(None::<(f64, f64)>);
    let present = use_context::<crate::present::Present>();
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let Some(entry) = entries
            .get(0)
            .dyn_into::<web_sys::ResizeObserverEntry>()
            .ok()
        else {
            return;
        };
        let r = entry.content_rect();
        let now = (r.width(), r.height());
        if let Some(p) = present.filter(|p| p.on.get_untracked()) {
            p.refit(editor);
        } else if let Some(before) = size.get_value()
            && before != now
            && before.0 > 0.0
            && before.1 > 0.0
        {
            let content = editor.design.with_untracked(geom::bounds);
            let least = editor.fit_least.get_untracked();
            editor
                .viewport
                .update(|v| *v = resized(*v, content, before, now, least));
        }
        size.set_value(Some(now));
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(el);
        // The canvas lives as long as the page: so do its observer and callback.
        on_resize.forget();
        std::mem::forget(observer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_centre_of_the_view_stays_the_centre() {
        let v = Viewport {
            x: 10.0,
            y: 20.0,
            zoom: 0.9,
        };
        let centre = v.to_world(400.0, 300.0);
        let after = recentred(v, (800.0, 600.0), (800.0, 260.0));
        let (sx, sy) = after.to_screen(centre);
        assert!((sx - 400.0).abs() < 1e-9 && (sy - 130.0).abs() < 1e-9);
    }

    fn design() -> Rect {
        Rect {
            x: 0.0,
            y: 0.0,
            w: 700.0,
            h: 500.0,
        }
    }

    #[test]
    fn a_design_that_was_whole_on_screen_is_fitted_again_when_the_canvas_shrinks() {
        let before = (1400.0, 800.0);
        let v = Viewport::fit(design(), before.0, before.1);
        assert!(shows(v, design(), before));
        let after = (1400.0, 420.0);
        let v = resized(v, Some(design()), before, after, geom::READABLE_ZOOM);
        assert_eq!(v, Viewport::fit(design(), after.0, after.1));
        // At the readable zoom it does not fit 420 px: its top-left corner shows.
        let (x, y) = v.to_screen(skydraft_core::design::Point { x: 0.0, y: 0.0 });
        assert!(x >= 0.0 && y >= 0.0);
    }

    #[test]
    fn a_fitted_design_too_big_for_the_view_stays_fitted_as_the_canvas_changes() {
        let tall = Rect {
            h: 900.0,
            ..design()
        };
        let v = Viewport::fit(tall, 1400.0, 420.0);
        assert!(!shows(v, tall, (1400.0, 420.0)));
        let v = resized(
            v,
            Some(tall),
            (1400.0, 420.0),
            (1400.0, 380.0),
            geom::READABLE_ZOOM,
        );
        assert_eq!(v, Viewport::fit(tall, 1400.0, 380.0));
    }

    #[test]
    fn a_view_the_user_moved_keeps_its_centre() {
        let before = (1400.0, 800.0);
        let moved = Viewport {
            x: -900.0,
            y: 0.0,
            zoom: 1.0,
        };
        assert!(!shows(moved, design(), before));
        let after = (1400.0, 420.0);
        assert_eq!(
            resized(moved, Some(design()), before, after, geom::READABLE_ZOOM),
            recentred(moved, before, after)
        );
    }

    #[test]
    fn a_design_still_whole_after_the_change_is_not_moved_more_than_the_centre() {
        let before = (1400.0, 800.0);
        let v = Viewport::fit(design(), before.0, before.1);
        let after = (1400.0, 790.0);
        assert_eq!(
            resized(v, Some(design()), before, after, geom::READABLE_ZOOM),
            recentred(v, before, after)
        );
    }
}
