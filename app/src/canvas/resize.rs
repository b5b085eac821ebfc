//! The canvas keeps what is in the middle of the view in the middle when it
//! changes size: the drawer opening under it, a sheet, a rotated tablet.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::geom::Viewport;
use crate::state::Editor;

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
pub fn keep_centre(editor: Editor, el: &web_sys::Element) {
    let size = StoredValue::new(None::<(f64, f64)>);
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
        if let Some(before) = size.get_value()
            && before != now
            && before.0 > 0.0
            && before.1 > 0.0
        {
            editor.viewport.update(|v| *v = recentred(*v, before, now));
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
}
