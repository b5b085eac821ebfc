//! The legend, in a strip of its own under the plot, so it never covers
//! the data: entries flow left to right and wrap into rows.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::layout::{LEGEND_FONT, LEGEND_ROW, MARGIN, Y_LABEL_AREA};
use super::theme::Theme;

/// How an entry's sample is drawn.
#[derive(Debug, Clone, Copy)]
pub(super) enum Glyph {
    /// A filled band of this colour.
    Band(RGBAColor),
    /// A line in this style, dashed or not.
    Line(ShapeStyle, bool),
    /// A short vertical mark (an event marker).
    Mark(ShapeStyle),
}

/// One legend entry: a sample and a name (drawn as SVG text, escaped).
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// The series' or marker kind's name.
    pub(super) name: String,
    /// Its sample.
    pub(super) glyph: Glyph,
}

/// Width of a sample, pixels.
const SAMPLE: i32 = 18;
/// Room between a sample and its name, and after an entry, pixels.
const GAP: i32 = 6;
/// Room after an entry, pixels.
const SPACING: i32 = 16;

/// An entry's width at [`LEGEND_FONT`]: a generous average glyph width, so
/// names never run into the next entry.
fn entry_width(e: &Entry) -> i32 {
    let chars = i32::try_from(e.name.chars().count()).unwrap_or(i32::MAX / 8);
    SAMPLE + GAP + chars.saturating_mul(LEGEND_FONT * 3 / 5) + SPACING
}

/// Where each entry goes in a strip `width` pixels wide: (row, x), left
/// aligned with the plot.
fn place(entries: &[Entry], width: u32) -> Vec<(i32, i32)> {
    let left = i32::try_from(MARGIN + Y_LABEL_AREA).unwrap_or(0);
    let right = i32::try_from(width.saturating_sub(MARGIN)).unwrap_or(i32::MAX);
    let (mut row, mut x) = (0, left);
    entries
        .iter()
        .map(|e| {
            let w = entry_width(e);
            if x > left && x + w > right {
                row += 1;
                x = left;
            }
            let at = (row, x);
            x += w;
            at
        })
        .collect()
}

/// Height of the strip the legend needs in a chart `width` pixels wide.
#[must_use]
pub(super) fn height(entries: &[Entry], width: u32) -> u32 {
    let rows = place(entries, width)
        .last()
        .map_or(0, |&(row, _)| row.unsigned_abs() + 1);
    rows * LEGEND_ROW + if rows > 0 { MARGIN / 2 } else { 0 }
}

/// Draws the entries onto `area`, a strip under the plot.
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    theme: Theme,
) -> Result<(), ChartError> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| ChartError::Backend(e.to_string());
    let font = ("sans-serif", LEGEND_FONT).into_font().color(&theme.text());
    let row_h = i32::try_from(LEGEND_ROW).unwrap_or(18);
    for (e, (row, x)) in entries.iter().zip(place(entries, area.dim_in_pixel().0)) {
        let y = row * row_h + row_h / 2;
        match e.glyph {
            Glyph::Band(fill) => area
                .draw(&Rectangle::new(
                    [(x, y - 5), (x + SAMPLE, y + 5)],
                    fill.filled(),
                ))
                .map_err(err)?,
            Glyph::Line(style, false) => area
                .draw(&PathElement::new(vec![(x, y), (x + SAMPLE, y)], style))
                .map_err(err)?,
            Glyph::Line(style, true) => {
                for (a, b) in [(0, 6), (12, SAMPLE)] {
                    area.draw(&PathElement::new(vec![(x + a, y), (x + b, y)], style))
                        .map_err(err)?;
                }
            }
            Glyph::Mark(style) => area
                .draw(&PathElement::new(
                    vec![(x + SAMPLE / 2, y - 6), (x + SAMPLE / 2, y + 6)],
                    style,
                ))
                .map_err(err)?,
        }
        area.draw_text(
            &e.name,
            &font.pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
            (x + SAMPLE + GAP, y),
        )
        .map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> Entry {
        Entry {
            name: name.to_owned(),
            glyph: Glyph::Band(BLACK.mix(1.0)),
        }
    }

    #[test]
    fn entries_wrap_into_rows_inside_the_width() {
        let many: Vec<Entry> = (0..12)
            .map(|k| entry(&format!("in service us-east-1{k}")))
            .collect();
        let at = place(&many, 720);
        let rows = at.last().map_or(0, |&(row, _)| row + 1);
        assert!(rows >= 3, "{at:?}");
        for (e, &(_, x)) in many.iter().zip(&at) {
            assert!(x + entry_width(e) - SPACING <= 720 - MARGIN as i32, "{x}");
        }
        assert_eq!(
            height(&many, 720),
            rows.unsigned_abs() * LEGEND_ROW + MARGIN / 2
        );
        assert_eq!(height(&many[..1], 720), LEGEND_ROW + MARGIN / 2);
        assert_eq!(height(&[], 720), 0);
    }
}
