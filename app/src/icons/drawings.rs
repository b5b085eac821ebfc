//! The drawing of every kind's icon, as a table keyed by [`Kind`]: a white
//! glyph in a 48×48 box and, for a few kinds, a tile colour of their own.

use skydraft_core::catalog::Kind;

/// How one kind's icon is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Drawing {
    /// The kind drawn.
    pub kind: Kind,
    /// The tile colour, when it differs from the kind's category colour.
    pub tile: Option<&'static str>,
    /// SVG elements stroked in white over the tile (constant markup).
    pub glyph: &'static str,
}

/// A drawing on the category's tile colour.
const fn on_category(kind: Kind, glyph: &'static str) -> Drawing {
    Drawing {
        kind,
        tile: None,
        glyph,
    }
}

/// A drawing on a tile colour of its own.
const fn on_tile(kind: Kind, tile: &'static str, glyph: &'static str) -> Drawing {
    Drawing {
        kind,
        tile: Some(tile),
        glyph,
    }
}

/// Every kind's drawing, in palette order.
pub(super) const DRAWINGS: &[Drawing] = &[
    on_category(
        Kind::Users,
        r#"<circle cx="19" cy="18" r="5"/><path d="M10 35c0-5.5 4-9.5 9-9.5s9 4 9 9.5"/><circle cx="31" cy="19" r="4"/><path d="M29.5 26c4.5 0 8.5 3.5 8.5 8.5"/>"#,
    ),
    on_category(
        Kind::Route53,
        r#"<circle cx="24" cy="24" r="11"/><path d="M13 24h22M24 13c-4.5 4.5-4.5 17.5 0 22M24 13c4.5 4.5 4.5 17.5 0 22"/>"#,
    ),
    on_category(
        Kind::CloudFront,
        r##"<circle cx="24" cy="24" r="11"/><ellipse cx="24" cy="24" rx="11" ry="4.5"/><circle cx="33" cy="15" r="2.5" fill="#fff"/>"##,
    ),
    on_category(
        Kind::ApiGateway,
        r#"<path d="M19 14l-7 10 7 10M29 14l7 10-7 10M21.5 32.5l5-17"/>"#,
    ),
    on_category(
        Kind::Alb,
        r#"<circle cx="14" cy="24" r="4"/><path d="M18 24h5M23 24l9-8M23 24h9M23 24l9 8"/><circle cx="34.5" cy="15" r="2.8"/><circle cx="35" cy="24" r="2.8"/><circle cx="34.5" cy="33" r="2.8"/>"#,
    ),
    on_category(
        Kind::Nlb,
        r#"<rect x="10" y="20" width="8" height="8" rx="1.5"/><path d="M18 24h5M23 24l9-8M23 24h9M23 24l9 8"/><rect x="32" y="12.5" width="5" height="5" rx="1"/><rect x="32.5" y="21.5" width="5" height="5" rx="1"/><rect x="32" y="30.5" width="5" height="5" rx="1"/>"#,
    ),
    on_category(
        Kind::Clb,
        r#"<path d="M11 24h10M21 24l6-7h9M21 24l6 7h9M27 24h9"/><circle cx="11" cy="24" r="1.5"/>"#,
    ),
    on_category(
        Kind::Ec2,
        r#"<rect x="15" y="15" width="18" height="18" rx="2"/><path d="M19 11v4M24 11v4M29 11v4M19 33v4M24 33v4M29 33v4M11 19h4M11 24h4M11 29h4M33 19h4M33 24h4M33 29h4"/>"#,
    ),
    on_category(
        Kind::Asg,
        r#"<rect x="9" y="12" width="30" height="24" rx="3" stroke-dasharray="3.5 3"/><rect x="14" y="18" width="8" height="12" rx="1.5"/><rect x="26" y="18" width="8" height="12" rx="1.5"/>"#,
    ),
    on_category(
        Kind::SpotFleet,
        r#"<rect x="9" y="17" width="12" height="14" rx="1.5"/><rect x="27" y="17" width="12" height="14" rx="1.5" stroke-dasharray="3 2.5"/><path d="M33 11v4M15 11v4"/>"#,
    ),
    on_category(
        Kind::EcsCluster,
        r#"<rect x="9" y="11" width="30" height="26" rx="3"/><path d="M15 19l5-2.5 5 2.5v6l-5 2.5-5-2.5zM25 25l5-2.5 5 2.5v6l-5 2.5-5-2.5z"/>"#,
    ),
    on_category(
        Kind::EcsService,
        r#"<path d="M10 17l8-4 8 4v9l-8 4-8-4zM22 26l8-4 8 4v9l-8 4-8-4z"/>"#,
    ),
    on_category(
        Kind::Fargate,
        r#"<path d="M12 17l12-6 12 6v14l-12 6-12-6z"/><path d="M12 17l12 6 12-6M24 23v14"/>"#,
    ),
    on_category(Kind::Lambda, r#"<path d="M14 36l9-14M16 12h5l11 24h4"/>"#),
    on_category(
        Kind::HttpBackend,
        r#"<rect x="11" y="12" width="26" height="9" rx="2"/><rect x="11" y="27" width="26" height="9" rx="2"/><path d="M16 16.5h.1M16 31.5h.1M22 16.5h10M22 31.5h10"/>"#,
    ),
    on_category(
        Kind::OnPremIp,
        r#"<path d="M12 36V20l12-8 12 8v16zM20 36v-8h8v8"/>"#,
    ),
    on_category(
        Kind::Sqs,
        r#"<rect x="10" y="17" width="28" height="14" rx="2"/><path d="M17 17v14M24 17v14M31 17v14"/>"#,
    ),
    on_category(
        Kind::Sns,
        r#"<path d="M12 21v6h5l10 6.5v-19L17 21z"/><path d="M31.5 19.5a6 6 0 0 1 0 9M34.5 16a11 11 0 0 1 0 16"/>"#,
    ),
    on_category(
        Kind::Kinesis,
        r#"<path d="M10 18c4.5-4 9 4 14 0s9.5 4 14 0M10 24c4.5-4 9 4 14 0s9.5 4 14 0M10 30c4.5-4 9 4 14 0s9.5 4 14 0"/>"#,
    ),
    on_category(
        Kind::EventBridge,
        r#"<path d="M24 11l11 6.5v13L24 37l-11-6.5v-13z"/><circle cx="24" cy="24" r="4"/>"#,
    ),
    on_category(
        Kind::DynamoDb,
        r#"<path d="M14 15c0-3.5 20-3.5 20 0v18c0 3.5-20 3.5-20 0z"/><path d="M14 15c0 3.5 20 3.5 20 0"/><path d="M25.5 21l-4 6h5l-3.5 6"/>"#,
    ),
    on_category(
        Kind::Rds,
        r#"<path d="M14 15c0-3.5 20-3.5 20 0v18c0 3.5-20 3.5-20 0z"/><path d="M14 15c0 3.5 20 3.5 20 0M14 24c0 3.5 20 3.5 20 0"/>"#,
    ),
    on_category(
        Kind::ElastiCache,
        r#"<path d="M11 18l13-6 13 6-13 6z"/><path d="M11 24.5l13 6 13-6M11 30.5l13 6 13-6"/>"#,
    ),
    on_tile(
        Kind::S3,
        "#5c8a12",
        r#"<ellipse cx="24" cy="15" rx="11" ry="3.5"/><path d="M13 15l2.6 18.5c.4 2.2 4 3.5 8.4 3.5s8-1.3 8.4-3.5L35 15"/>"#,
    ),
    on_tile(
        Kind::CwAlarm,
        "#c2255c",
        r#"<path d="M24 12a8 8 0 0 1 8 8v7l3 5H13l3-5v-7a8 8 0 0 1 8-8zM21 35.5a3 3 0 0 0 6 0"/>"#,
    ),
    on_tile(
        Kind::IamRole,
        "#dd344c",
        r#"<circle cx="24" cy="18" r="6"/><path d="M13 36c0-6 5-10 11-10s11 4 11 10"/>"#,
    ),
    on_tile(
        Kind::Secrets,
        "#dd344c",
        r#"<rect x="14.5" y="22" width="19" height="14" rx="2.5"/><path d="M18.5 22v-4a5.5 5.5 0 0 1 11 0v4M24 27.5v3"/>"#,
    ),
    on_tile(
        Kind::Region,
        "#0b7fab",
        r#"<rect x="10" y="12" width="28" height="24" rx="3"/><path d="M10 19h28"/>"#,
    ),
    on_tile(
        Kind::Az,
        "#0891b2",
        r#"<rect x="10" y="12" width="28" height="24" rx="3" stroke-dasharray="4 3"/>"#,
    ),
    on_tile(
        Kind::Vpc,
        "#7c3aed",
        r#"<rect x="10" y="12" width="28" height="24" rx="3"/><path d="M16 24h6M26 24h6" stroke-dasharray="2 2"/>"#,
    ),
    on_category(Kind::Text, r#"<path d="M14 14h20M24 14v21M20 35h8"/>"#),
    on_category(
        Kind::Sticky,
        r#"<path d="M13 12h22v16l-8 8H13z"/><path d="M27 36v-8h8"/>"#,
    ),
];

/// The drawing of `kind`, if the table has one.
pub(super) fn drawing(kind: Kind) -> Option<&'static Drawing> {
    DRAWINGS.iter().find(|d| d.kind == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_exactly_one_drawing() {
        for &kind in Kind::ALL {
            let n = DRAWINGS.iter().filter(|d| d.kind == kind).count();
            assert_eq!(n, 1, "{kind} has {n} drawings");
        }
        assert_eq!(DRAWINGS.len(), Kind::ALL.len());
    }
}
