//! Exports: the design as a JSON file (core's format), downloaded by the browser.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{Editor, Tone};

/// A file name from the design's name: letters, digits and dashes only.
#[must_use]
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let stem = stem.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
    if stem.is_empty() { "skydraft-design".to_owned() } else { stem }
}

/// Offers `text` as a download named `file` with MIME type `mime`.
///
/// # Errors
/// When the browser refuses to create the file.
pub fn download(file: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| "could not create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not create the file")?;
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
        (editor.scenario.with_untracked(|s| skydraft_core::share::export_json(d, s)), d.name.clone())
    });
    match download(&format!("{}.json", file_stem(&name)), "application/json", &json) {
        Ok(()) => editor.notify("Exported the design as JSON.", Tone::Info),
        Err(e) => editor.notify(format!("Export failed: {e}."), Tone::Error),
    }
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
