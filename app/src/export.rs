//! Exports: the design as a JSON file (core's format), downloaded by the browser.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{Editor, Tone};

/// A file name from the design's name: letters, digits and dashes only.
#[must_use]
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "skydraft-design".to_owned()
    } else {
        stem
    }
}

/// Offers `text` as a download named `file` with MIME type `mime`.
///
/// # Errors
/// When the browser refuses to create the file.
pub fn download(file: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "could not create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "could not create the file")?;
    let doc = gloo::utils::document();
    let a = doc
        .create_element("a")
        .map_err(|_| "could not create a link")?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "could not create a link")?;
    a.set_href(&url);
    a.set_download(file);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Downloads the design and scenario as JSON.
pub fn export_json(editor: Editor) {
    let (json, name) = editor.design.with_untracked(|d| {
        (
            editor
                .scenario
                .with_untracked(|s| skydraft_core::share::export_json(d, s)),
            d.name.clone(),
        )
    });
    match download(
        &format!("{}.json", file_stem(&name)),
        "application/json",
        &json,
    ) {
        Ok(()) => editor.notify("Exported the design as JSON.", Tone::Info),
        Err(e) => editor.notify(format!("Export failed: {e}."), Tone::Error),
    }
}

/// Styles of the exported diagram (the light theme, standalone).
const EXPORT_CSS: &str = "\
.node-hit,.node-ring,.frame-grip,.link-hit,.handle{display:none}\
.node-label{font:650 13px system-ui,sans-serif;fill:#1e2633}\
.node-sub{font:11px system-ui,sans-serif;fill:#687385}\
.link-line{fill:none;stroke:#8391a7;stroke-width:2}.arrow-head{fill:#8391a7}\
.frame-box{fill:rgba(11,127,171,.035);stroke:#0b7fab;stroke-width:1.5}\
.frame.az .frame-box{stroke-dasharray:8 6}.frame.vpc .frame-box{stroke:#7c3aed}\
.frame-label{font:650 13px system-ui,sans-serif;fill:#0b7fab}.frame.vpc .frame-label{fill:#7c3aed}\
.note text{font:13.5px system-ui,sans-serif;fill:#1e2633}.note-box{fill:none}\
.note.sticky .note-box{fill:#fff4bf;stroke:#ecd476}.note.sticky text{fill:#3d3310}";

/// The diagram as a standalone SVG document, framed around the design.
/// Text comes from the page's own text nodes, which the browser escapes.
fn diagram_svg(editor: Editor) -> Option<(String, f64, f64)> {
    let world = gloo::utils::document()
        .query_selector("[data-testid=canvas] .world")
        .ok()
        .flatten()?;
    let b = editor.design.with_untracked(crate::geom::bounds)?;
    let pad = 32.0;
    let (x, y, w, h) = (b.x - pad, b.y - pad, b.w + 2.0 * pad, b.h + 2.0 * pad);
    let body = world.inner_html().replace("&nbsp;", "&#160;");
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x:.1} {y:.1} {w:.1} {h:.1}" width="{w:.0}" height="{h:.0}"><style>{EXPORT_CSS}</style><defs>{sprite}<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="arrow-head"/></marker><marker id="arrow-selected" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="arrow-head"/></marker></defs><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="#ffffff"/>{body}</svg>"##,
        sprite = crate::icons::sprite(),
    );
    Some((svg, w, h))
}

/// Downloads the diagram as SVG.
pub fn export_svg(editor: Editor) {
    let name = editor.design.with_untracked(|d| d.name.clone());
    let Some((svg, _, _)) = diagram_svg(editor) else {
        editor.notify("Nothing to export: the design is empty.", Tone::Info);
        return;
    };
    match download(&format!("{}.svg", file_stem(&name)), "image/svg+xml", &svg) {
        Ok(()) => editor.notify("Exported the diagram as SVG.", Tone::Info),
        Err(e) => editor.notify(format!("Export failed: {e}."), Tone::Error),
    }
}

/// Downloads the diagram as a PNG at twice its size (sharp on high-DPI screens).
pub fn export_png(editor: Editor) {
    let name = editor.design.with_untracked(|d| d.name.clone());
    let Some((svg, w, h)) = diagram_svg(editor) else {
        editor.notify("Nothing to export: the design is empty.", Tone::Info);
        return;
    };
    let fail = move |why: &str| editor.notify(format!("PNG export failed: {why}."), Tone::Error);
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return fail("no image support");
    };
    let data_url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&svg))
    );
    let img2 = img.clone();
    let file = format!("{}.png", file_stem(&name));
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let scale = 2.0;
        let doc = gloo::utils::document();
        let Some(canvas) = doc
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return fail("no canvas support");
        };
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        {
            canvas.set_width((w * scale).ceil() as u32);
            canvas.set_height((h * scale).ceil() as u32);
        }
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return fail("no 2D canvas");
        };
        let _ = ctx.scale(scale, scale);
        if ctx
            .draw_image_with_html_image_element(&img2, 0.0, 0.0)
            .is_err()
        {
            return fail("the browser could not draw the diagram");
        }
        let Ok(url) = canvas.to_data_url_with_type("image/png") else {
            return fail("the browser could not encode the image");
        };
        let a = doc
            .create_element("a")
            .ok()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(a) = a {
            a.set_href(&url);
            a.set_download(&file);
            a.click();
            editor.notify("Exported the diagram as PNG.", Tone::Info);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&data_url);
}

/// Opens a JSON file chosen by the user (as exported) as a new design in the
/// library, never over the open one, and says what was repaired or dropped.
pub fn import_json(editor: Editor, ctx: crate::library::LibCtx, file: web_sys::File) {
    let promise = file.text();
    let file_name = file.name();
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string());
        let Some(text) = text else {
            editor.notify("The file could not be read.", Tone::Error);
            return;
        };
        match skydraft_core::share::import_json(&text) {
            Ok(dec) => {
                let name = skydraft_core::library::display_name(&dec.design);
                let origin = skydraft_core::library::Origin::Import { file: file_name };
                crate::library::open_new(editor, ctx, dec.design, dec.scenario, origin, true);
                let text = format!("Imported \"{name}\" as a new design in My designs.");
                match crate::persist::repairs_sentence(&dec.repairs) {
                    Some(r) => editor.notify(format!("{text} {r}"), Tone::Error),
                    None => editor.notify(text, Tone::Info),
                }
            }
            Err(e) => editor.notify(
                format!("This file could not be imported: {e}. Your design is unchanged."),
                Tone::Error,
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_stem("ALB + ASG / two AZs"), "alb-asg-two-azs");
        assert_eq!(file_stem("<script>"), "script");
        assert_eq!(file_stem(""), "skydraft-design");
    }
}
