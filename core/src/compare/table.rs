//! The comparison's columns as data, which design is best in each, and the
//! CSV the CLI and the page both write.

use std::fmt::Write as _;

use super::Row;
use crate::run::csv::text_cell;

/// One figure of the table: how it is named, its unit and how a row gives
/// it. Every figure is better lower (cheaper, faster, fewer errors, sooner).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Stable id, the CSV header and the page's `data-col`.
    pub id: &'static str,
    /// The CLI table's header, unit included (`p99 ms`).
    pub head: &'static str,
    /// The page's header without the unit (`p99`).
    pub label: &'static str,
    /// The unit (`ms`, `$/hour`), empty for a count.
    pub unit: &'static str,
    /// Decimals shown.
    pub digits: usize,
    /// The row's figure, if it has one.
    pub value: fn(&Row) -> Option<f64>,
}

impl Column {
    /// The row's figure with this column's decimals, or "–" when there is none.
    #[must_use]
    pub fn show(&self, r: &Row) -> String {
        fig((self.value)(r), self.digits)
    }
}

/// A figure with `digits` decimals, or "–" when there is none.
#[must_use]
pub fn fig(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "\u{2013}".to_owned(), |v| format!("{v:.digits$}"))
}

#[allow(clippy::cast_precision_loss)]
fn cold(r: &Row) -> Option<f64> {
    r.cold_starts.map(|c| c as f64)
}

/// The table's figures, in the order the CLI and the page show them.
pub const COLUMNS: [Column; 10] = [
    Column {
        id: "cost_per_hour",
        head: "$/hour",
        label: "Cost",
        unit: "$/hour",
        digits: 3,
        value: |r| r.cost_per_hour,
    },
    Column {
        id: "p50_ms",
        head: "p50 ms",
        label: "p50",
        unit: "ms",
        digits: 1,
        value: |r| r.p50_ms,
    },
    Column {
        id: "p99_ms",
        head: "p99 ms",
        label: "p99",
        unit: "ms",
        digits: 1,
        value: |r| r.p99_ms,
    },
    Column {
        id: "error_pct",
        head: "errors %",
        label: "Errors",
        unit: "%",
        digits: 2,
        value: |r| r.error_pct,
    },
    Column {
        id: "outage_error_pct",
        head: "AZ outage errors %",
        label: "AZ outage errors",
        unit: "%",
        digits: 2,
        value: |r| r.outage_error_pct,
    },
    Column {
        id: "recovery_s",
        head: "recover s",
        label: "Time to recover",
        unit: "s",
        digits: 0,
        value: |r| r.recovery_s,
    },
    Column {
        id: "scale_s",
        head: "scale s",
        label: "Time to add capacity",
        unit: "s",
        digits: 0,
        value: |r| r.scale_s,
    },
    Column {
        id: "spike_p99_ms",
        head: "spike p99 ms",
        label: "Spike p99",
        unit: "ms",
        digits: 1,
        value: |r| r.spike_p99_ms,
    },
    Column {
        id: "spike_error_pct",
        head: "spike errors %",
        label: "Spike errors",
        unit: "%",
        digits: 2,
        value: |r| r.spike_error_pct,
    },
    Column {
        id: "cold_starts",
        head: "cold starts",
        label: "Cold starts",
        unit: "",
        digits: 0,
        value: cold,
    },
];

/// Which rows hold the best (lowest) figure of `col`, as shown (rounded to
/// the column's decimals, so figures that read the same tie). Nothing is
/// best when fewer than two rows have the figure or all of them read the
/// same: there is nothing to choose between.
#[must_use]
pub fn best(rows: &[Row], col: &Column) -> Vec<bool> {
    let shown: Vec<Option<f64>> = rows
        .iter()
        .map(|r| (col.value)(r).map(|v| fig(Some(v), col.digits).parse().unwrap_or(v)))
        .collect();
    let values: Vec<f64> = shown.iter().flatten().copied().collect();
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if values.len() < 2 || min >= max {
        return vec![false; rows.len()];
    }
    shown.iter().map(|v| *v == Some(min)).collect()
}

/// The comparison as CSV: a header, then one line per design with its
/// figures unrounded (empty when there is none) and its notes joined by
/// "; "; text cells are quoted with formula starts neutralised.
#[must_use]
pub fn csv(rows: &[Row]) -> String {
    let mut o = String::from("design");
    for c in &COLUMNS {
        o.push(',');
        o.push_str(c.id);
    }
    o.push_str(",notes\n");
    for r in rows {
        o.push_str(&text_cell(&r.name));
        for c in &COLUMNS {
            o.push(',');
            if c.id == "cold_starts" {
                if let Some(n) = r.cold_starts {
                    let _ = write!(o, "{n}");
                }
            } else if let Some(v) = (c.value)(r) {
                let _ = write!(o, "{v}");
            }
        }
        o.push(',');
        o.push_str(&text_cell(&r.notes.join("; ")));
        o.push('\n');
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, cost: Option<f64>, p99: Option<f64>) -> Row {
        Row {
            name: name.to_owned(),
            cost_per_hour: cost,
            p99_ms: p99,
            cold_starts: Some(3),
            notes: vec!["spike: no capacity was added".into(), "x \"y\"".into()],
            ..Row::default()
        }
    }

    #[test]
    fn the_lowest_figure_is_best_and_ties_as_shown_share_it() {
        let rows = [
            row("a", Some(0.5), Some(80.0)),
            row("b", Some(0.2), None),
            row("c", Some(0.2001), Some(40.0)),
        ];
        assert_eq!(best(&rows, &COLUMNS[0]), [false, true, true]);
        assert_eq!(best(&rows, &COLUMNS[2]), [false, false, true]);
        // One figure, or all the same: nothing to choose.
        let one = [row("a", Some(1.0), None), row("b", None, None)];
        assert_eq!(best(&one, &COLUMNS[0]), [false, false]);
        let same = [row("a", Some(1.0), None), row("b", Some(1.0), None)];
        assert_eq!(best(&same, &COLUMNS[0]), [false, false]);
        assert_eq!(best(&same, &COLUMNS[9]), [false, false]);
    }

    #[test]
    fn csv_has_a_header_and_one_quoted_line_per_design() {
        let rows = [row("=evil", Some(0.25), None), row("b", None, Some(12.5))];
        let text = csv(&rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "design,cost_per_hour,p50_ms,p99_ms,error_pct,outage_error_pct,recovery_s,scale_s,\
             spike_p99_ms,spike_error_pct,cold_starts,notes"
        );
        assert_eq!(
            lines[1],
            "\"'=evil\",0.25,,,,,,,,,3,\"spike: no capacity was added; x \"\"y\"\"\""
        );
        assert!(lines[2].starts_with("\"b\",,,12.5,"), "{}", lines[2]);
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn figures_show_with_the_columns_decimals() {
        let r = row("a", Some(0.12345), None);
        assert_eq!(COLUMNS[0].show(&r), "0.123");
        assert_eq!(COLUMNS[2].show(&r), "\u{2013}");
        assert_eq!(COLUMNS[9].show(&r), "3");
    }
}
