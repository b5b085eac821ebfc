//! Light and dark colours of the charts.

use plotters::style::RGBColor;

use super::markers::MarkerKind;

/// The colour theme of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on a dark slate background.
    Dark,
}

const fn hex(v: u32) -> RGBColor {
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// Series colours of the light theme; index meaning is set by the chart data
/// (0–2 latency percentiles, 4–8 error causes, 9–15 capacity states and limits).
const LIGHT: [u32; 16] = [
    0x2563eb, 0xf59e0b, 0xdc2626, 0x16a34a, 0x9333ea, 0xea580c, 0xdb2777, 0x92400e, 0x991b1b,
    0x93c5fd, 0x9ca3af, 0x0d9488, 0x334155, 0x64748b, 0x0f172a, 0x475569,
];
/// The same roles, brighter for a dark background.
const DARK: [u32; 16] = [
    0x60a5fa, 0xfbbf24, 0xf87171, 0x4ade80, 0xc084fc, 0xfb923c, 0xf472b6, 0xd97706, 0xef4444,
    0x1d4ed8, 0x6b7280, 0x2dd4bf, 0xcbd5e1, 0x94a3b8, 0xf1f5f9, 0xa1a1aa,
];

impl Theme {
    /// Background colour.
    #[must_use]
    pub fn background(self) -> RGBColor {
        match self {
            Theme::Light => hex(0xffffff),
            Theme::Dark => hex(0x0f172a),
        }
    }

    /// Axis text colour.
    #[must_use]
    pub fn text(self) -> RGBColor {
        match self {
            Theme::Light => hex(0x475569),
            Theme::Dark => hex(0xcbd5e1),
        }
    }

    /// Grid colour.
    #[must_use]
    pub fn grid(self) -> RGBColor {
        match self {
            Theme::Light => hex(0xe2e8f0),
            Theme::Dark => hex(0x334155),
        }
    }

    /// Colour `i` of the series palette (it wraps around).
    #[must_use]
    pub fn series(self, i: usize) -> RGBColor {
        let p = match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        };
        hex(p[i % p.len()])
    }

    /// Colour of an event marker.
    #[must_use]
    pub fn marker(self, kind: MarkerKind) -> RGBColor {
        match (self, kind) {
            (Theme::Light, MarkerKind::Failure) => hex(0xb91c1c),
            (Theme::Light, MarkerKind::Scaling) => hex(0x7c3aed),
            (Theme::Light, MarkerKind::Event) => hex(0x64748b),
            (Theme::Dark, MarkerKind::Failure) => hex(0xfca5a5),
            (Theme::Dark, MarkerKind::Scaling) => hex(0xc4b5fd),
            (Theme::Dark, MarkerKind::Event) => hex(0x94a3b8),
        }
    }
}
