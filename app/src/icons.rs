//! Skydraft's own icon set: one SVG symbol per catalog kind, a white glyph on a
//! tile in the kind's category colour. The markup is built only from the
//! constant glyphs of [`drawings`] and catalog ids, never from user text.

mod drawings;

use skydraft_core::catalog::{self, Category};

/// Tile colour of a category (AWS-like hues, our own shades).
#[must_use]
pub fn category_colour(c: Category) -> &'static str {
    match c {
        Category::Clients => "#475569",
        Category::Edge => "#8c4fff",
        Category::Networking => "#6d4ae0",
        Category::Compute => "#ed7100",
        Category::Integration => "#e7157b",
        Category::Data => "#3b5bdb",
        Category::Management => "#d6336c",
        Category::Grouping => "#0b7fab",
        Category::Annotation => "#e0a100",
    }
}

/// The id of a kind's symbol, for `<use href="#…">`.
#[must_use]
pub fn symbol_id(kind: &str) -> String {
    format!("i-{}", sanitize(kind))
}

/// Keeps only characters safe in an element id (catalog ids already are).
fn sanitize(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

/// The `<symbol>` elements of every catalog kind plus an `unknown` one, as SVG markup.
#[must_use]
pub fn sprite() -> String {
    let mut out = String::new();
    for k in catalog::kinds() {
        let drawing = drawings::drawing(k.kind);
        push_symbol(
            &mut out,
            &symbol_id(k.id),
            drawing
                .and_then(|d| d.tile)
                .unwrap_or_else(|| category_colour(k.category)),
            drawing.map_or(UNKNOWN_GLYPH, |d| d.glyph),
        );
    }
    push_symbol(&mut out, "i-unknown", "#868e96", UNKNOWN_GLYPH);
    out
}

/// The glyph of the `unknown` symbol: a question mark.
const UNKNOWN_GLYPH: &str = r#"<path d="M19 19a5 5 0 1 1 6 5v3M24 32v.5"/>"#;

fn push_symbol(out: &mut String, id: &str, colour: &str, glyph: &str) {
    out.push_str(&format!(
        r##"<symbol id="{id}" viewBox="0 0 48 48"><rect width="48" height="48" rx="10" fill="{colour}"/><g fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round">{glyph}</g></symbol>"##
    ));
}

/// The symbol id to draw for a component kind, falling back to `i-unknown`.
#[must_use]
pub fn href_for(kind: &str) -> String {
    if catalog::kind(kind).is_some() {
        format!("#{}", symbol_id(kind))
    } else {
        "#i-unknown".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_symbol() {
        let s = sprite();
        for k in catalog::kinds() {
            assert!(
                s.contains(&format!("id=\"{}\"", symbol_id(k.id))),
                "{}",
                k.id
            );
        }
        assert_eq!(href_for("<script>"), "#i-unknown");
    }
}
