//! The student link as a QR code, drawn in the page (no service sees the
//! link: its fragment holds the class key).

use leptos::prelude::*;
use qrcode::{Color, QrCode};

/// The dark modules of `text`'s QR code as one SVG path in module units,
/// and the code's width in modules; `None` when the text is too long for
/// a QR code.
#[must_use]
pub fn modules(text: &str) -> Option<(String, usize)> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let mut d = String::new();
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == Color::Dark {
            d.push_str(&format!("M{} {}h1v1h-1z", i % width, i / width));
        }
    }
    Some((d, width))
}

/// The QR code of `text`, with its quiet zone, scaled to its box.
#[component]
pub fn QrView(
    /// What the code says (the student link).
    text: Signal<String>,
) -> impl IntoView {
    move || {
        modules(&text.get()).map(|(d, w)| {
            let quiet: i64 = 4;
            #[allow(clippy::cast_possible_wrap)]
            let w = w as i64;
            let size = w + 2 * quiet;
            view! {
                <svg class="live-qr" data-testid="live-qr" role="img"
                    aria-label="QR code of the student link"
                    viewBox=format!("-{quiet} -{quiet} {size} {size}") shape-rendering="crispEdges">
                    <rect x=-quiet y=-quiet width=size height=size fill="#fff" />
                    <path d=d fill="#000" />
                </svg>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_link_fits_a_code_with_dark_modules() {
        let link = format!(
            "http://127.0.0.1:8080/#live={}.{}",
            "ab".repeat(16),
            "k".repeat(43)
        );
        let (d, w) = modules(&link).expect("a link this short fits");
        assert!(w >= 21 && (w - 21) % 4 == 0, "a QR width: {w}");
        assert!(d.matches('M').count() > w, "many dark modules");
    }
}
