//! Skydraft's own icon set: one SVG symbol per catalog kind, a white glyph on a
//! tile in the kind's category colour. The markup is built only from the
//! constant glyphs below and catalog ids, never from user text.

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

/// Kinds whose tile differs from their category's colour.
fn tile_colour(icon: &str, c: Category) -> &'static str {
    match icon {
        "s3" => "#5c8a12",
        "cloudwatch" | "alarm" | "cw_alarm" => "#c2255c",
        "iam_role" | "secrets" => "#dd344c",
        "region" => "#0b7fab",
        "az" => "#0891b2",
        "vpc" => "#7c3aed",
        _ => category_colour(c),
    }
}

/// The glyph of an icon id, in a 48×48 box, stroked in white.
fn glyph(icon: &str, c: Category) -> &'static str {
    match icon {
        "users" => {
            r#"<circle cx="19" cy="18" r="5"/><path d="M10 35c0-5.5 4-9.5 9-9.5s9 4 9 9.5"/><circle cx="31" cy="19" r="4"/><path d="M29.5 26c4.5 0 8.5 3.5 8.5 8.5"/>"#
        }
        "alb" | "elb" => {
            r#"<circle cx="14" cy="24" r="4"/><path d="M18 24h5M23 24l9-8M23 24h9M23 24l9 8"/><circle cx="34.5" cy="15" r="2.8"/><circle cx="35" cy="24" r="2.8"/><circle cx="34.5" cy="33" r="2.8"/>"#
        }
        "nlb" => {
            r#"<rect x="10" y="20" width="8" height="8" rx="1.5"/><path d="M18 24h5M23 24l9-8M23 24h9M23 24l9 8"/><rect x="32" y="12.5" width="5" height="5" rx="1"/><rect x="32.5" y="21.5" width="5" height="5" rx="1"/><rect x="32" y="30.5" width="5" height="5" rx="1"/>"#
        }
        "clb" => {
            r#"<path d="M11 24h10M21 24l6-7h9M21 24l6 7h9M27 24h9"/><circle cx="11" cy="24" r="1.5"/>"#
        }
        "spot_fleet" => {
            r#"<rect x="9" y="17" width="12" height="14" rx="1.5"/><rect x="27" y="17" width="12" height="14" rx="1.5" stroke-dasharray="3 2.5"/><path d="M33 11v4M15 11v4"/>"#
        }
        "ecs_cluster" => {
            r#"<rect x="9" y="11" width="30" height="26" rx="3"/><path d="M15 19l5-2.5 5 2.5v6l-5 2.5-5-2.5zM25 25l5-2.5 5 2.5v6l-5 2.5-5-2.5z"/>"#
        }
        "ecs_service" => r#"<path d="M10 17l8-4 8 4v9l-8 4-8-4zM22 26l8-4 8 4v9l-8 4-8-4z"/>"#,
        "http_backend" => {
            r#"<rect x="11" y="12" width="26" height="9" rx="2"/><rect x="11" y="27" width="26" height="9" rx="2"/><path d="M16 16.5h.1M16 31.5h.1M22 16.5h10M22 31.5h10"/>"#
        }
        "onprem" => r#"<path d="M12 36V20l12-8 12 8v16zM20 36v-8h8v8"/>"#,
        "cw_alarm" => {
            r#"<path d="M24 12a8 8 0 0 1 8 8v7l3 5H13l3-5v-7a8 8 0 0 1 8-8zM21 35.5a3 3 0 0 0 6 0"/>"#
        }
        "iam_role" => {
            r#"<circle cx="24" cy="18" r="6"/><path d="M13 36c0-6 5-10 11-10s11 4 11 10"/>"#
        }
        "ec2" | "instance" => {
            r#"<rect x="15" y="15" width="18" height="18" rx="2"/><path d="M19 11v4M24 11v4M29 11v4M19 33v4M24 33v4M29 33v4M11 19h4M11 24h4M11 29h4M33 19h4M33 24h4M33 29h4"/>"#
        }
        "asg" => {
            r#"<rect x="9" y="12" width="30" height="24" rx="3" stroke-dasharray="3.5 3"/><rect x="14" y="18" width="8" height="12" rx="1.5"/><rect x="26" y="18" width="8" height="12" rx="1.5"/>"#
        }
        "rds" | "aurora" | "database" => {
            r#"<path d="M14 15c0-3.5 20-3.5 20 0v18c0 3.5-20 3.5-20 0z"/><path d="M14 15c0 3.5 20 3.5 20 0M14 24c0 3.5 20 3.5 20 0"/>"#
        }
        "dynamodb" => {
            r#"<path d="M14 15c0-3.5 20-3.5 20 0v18c0 3.5-20 3.5-20 0z"/><path d="M14 15c0 3.5 20 3.5 20 0"/><path d="M25.5 21l-4 6h5l-3.5 6"/>"#
        }
        "elasticache" | "cache" => {
            r#"<path d="M11 18l13-6 13 6-13 6z"/><path d="M11 24.5l13 6 13-6M11 30.5l13 6 13-6"/>"#
        }
        "s3" => {
            r#"<ellipse cx="24" cy="15" rx="11" ry="3.5"/><path d="M13 15l2.6 18.5c.4 2.2 4 3.5 8.4 3.5s8-1.3 8.4-3.5L35 15"/>"#
        }
        "lambda" => r#"<path d="M14 36l9-14M16 12h5l11 24h4"/>"#,
        "sqs" | "queue" => {
            r#"<rect x="10" y="17" width="28" height="14" rx="2"/><path d="M17 17v14M24 17v14M31 17v14"/>"#
        }
        "sns" | "topic" => {
            r#"<path d="M12 21v6h5l10 6.5v-19L17 21z"/><path d="M31.5 19.5a6 6 0 0 1 0 9M34.5 16a11 11 0 0 1 0 16"/>"#
        }
        "kinesis" | "stream" => {
            r#"<path d="M10 18c4.5-4 9 4 14 0s9.5 4 14 0M10 24c4.5-4 9 4 14 0s9.5 4 14 0M10 30c4.5-4 9 4 14 0s9.5 4 14 0"/>"#
        }
        "eventbridge" | "bus" => {
            r#"<path d="M24 11l11 6.5v13L24 37l-11-6.5v-13z"/><circle cx="24" cy="24" r="4"/>"#
        }
        "apigw" | "api_gateway" | "apigateway" => {
            r#"<path d="M19 14l-7 10 7 10M29 14l7 10-7 10M21.5 32.5l5-17"/>"#
        }
        "route53" | "dns" => {
            r#"<circle cx="24" cy="24" r="11"/><path d="M13 24h22M24 13c-4.5 4.5-4.5 17.5 0 22M24 13c4.5 4.5 4.5 17.5 0 22"/>"#
        }
        "cloudfront" | "cdn" => {
            r##"<circle cx="24" cy="24" r="11"/><ellipse cx="24" cy="24" rx="11" ry="4.5"/><circle cx="33" cy="15" r="2.5" fill="#fff"/>"##
        }
        "ecs" | "fargate" | "container" => {
            r#"<path d="M12 17l12-6 12 6v14l-12 6-12-6z"/><path d="M12 17l12 6 12-6M24 23v14"/>"#
        }
        "cloudwatch" | "alarm" => {
            r##"<path d="M11 35h26M13 30l6.5-8 6 4.5 9-12"/><circle cx="34.5" cy="14.5" r="1.6" fill="#fff"/>"##
        }
        "iam" | "role" => {
            r#"<circle cx="17" cy="24" r="5.5"/><path d="M22.5 24H37M32 24v5M36 24v4"/>"#
        }
        "secrets" | "secrets_manager" | "kms" => {
            r#"<rect x="14.5" y="22" width="19" height="14" rx="2.5"/><path d="M18.5 22v-4a5.5 5.5 0 0 1 11 0v4M24 27.5v3"/>"#
        }
        "nat" | "nat_gateway" | "igw" => r#"<path d="M12 20h20l-5-5M36 28H16l5 5"/>"#,
        "region" => r#"<rect x="10" y="12" width="28" height="24" rx="3"/><path d="M10 19h28"/>"#,
        "az" => r#"<rect x="10" y="12" width="28" height="24" rx="3" stroke-dasharray="4 3"/>"#,
        "vpc" => {
            r#"<rect x="10" y="12" width="28" height="24" rx="3"/><path d="M16 24h6M26 24h6" stroke-dasharray="2 2"/>"#
        }
        "text" | "note_text" => r#"<path d="M14 14h20M24 14v21M20 35h8"/>"#,
        "sticky" | "note" => r#"<path d="M13 12h22v16l-8 8H13z"/><path d="M27 36v-8h8"/>"#,
        _ => fallback(c),
    }
}

/// A plain glyph per category for icon ids without their own drawing.
fn fallback(c: Category) -> &'static str {
    match c {
        Category::Clients => {
            r#"<circle cx="24" cy="18" r="6"/><path d="M13 36c0-6 5-10 11-10s11 4 11 10"/>"#
        }
        Category::Data => {
            r#"<path d="M14 15c0-3.5 20-3.5 20 0v18c0 3.5-20 3.5-20 0z"/><path d="M14 15c0 3.5 20 3.5 20 0"/>"#
        }
        Category::Compute => {
            r#"<rect x="14" y="14" width="20" height="20" rx="2"/><path d="M19 10v4M29 10v4M19 34v4M29 34v4"/>"#
        }
        _ => r#"<rect x="13" y="13" width="22" height="22" rx="4"/><path d="M19 24h10"/>"#,
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
        push_symbol(
            &mut out,
            &symbol_id(k.id),
            tile_colour(k.icon, k.category),
            glyph(k.icon, k.category),
        );
    }
    push_symbol(
        &mut out,
        "i-unknown",
        "#868e96",
        r#"<path d="M19 19a5 5 0 1 1 6 5v3M24 32v.5"/>"#,
    );
    out
}

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
