//! Designs made for tests and benchmarks: large, valid for the link rules,
//! and built only through core's types.

use skydraft_core::catalog;
use skydraft_core::design::{Component, ComponentId, Design, Link, LinkId, Point};

use crate::error::{HarnessError, Result};

/// Kinds of one cell of the grid design: a traffic source, a load balancer,
/// three instances and a database.
const CELL: [&str; 6] = ["users", "alb", "ec2", "ec2", "ec2", "rds"];
/// Links inside a cell, as indexes into [`CELL`].
const CELL_LINKS: [(usize, usize); 7] = [(0, 1), (1, 2), (1, 3), (1, 4), (2, 5), (3, 5), (4, 5)];
/// Distance between two components of a cell, in canvas units.
const STEP_X: f64 = 112.0;
/// Distance between two rows of cells.
const STEP_Y: f64 = 128.0;
/// Cells side by side in one row.
const CELLS_PER_ROW: usize = 3;

fn legal(from: &str, to: &str) -> Result<()> {
    catalog::kind(from)
        .and_then(|k| k.link_to(to))
        .map(drop)
        .ok_or_else(|| HarnessError::Check(format!("core no longer links {from} → {to}")))
}

/// A design of `components` components (a multiple of 6: users → ALB → three
/// EC2 instances → RDS per cell, cells on a grid) with at least
/// `links` links: each cell's 7, then links from each cell's ALB to the first
/// instance of the next cells until the count is reached.
///
/// # Errors
/// [`HarnessError::Check`] if `components` is not a multiple of 6, if the
/// links asked for do not fit, or if core stopped allowing one of the links.
pub fn grid(components: usize, links: usize) -> Result<Design> {
    if components == 0 || !components.is_multiple_of(CELL.len()) {
        return Err(HarnessError::Check(format!(
            "a grid design has a multiple of {} components, not {components}",
            CELL.len()
        )));
    }
    let cells = components / CELL.len();
    let inner = cells * CELL_LINKS.len();
    if links < inner || links > inner + cells * (cells - 1) {
        return Err(HarnessError::Check(format!(
            "{cells} cells hold {inner} to {} links, not {links}",
            inner + cells * (cells - 1)
        )));
    }
    for (a, b) in CELL_LINKS {
        legal(CELL[a], CELL[b])?;
    }
    legal("alb", "ec2")?;
    let mut d = Design {
        name: format!("{components} components, {links} links"),
        ..Design::default()
    };
    let id = |cell: usize, i: usize| ComponentId((cell * CELL.len() + i + 1) as u32);
    for cell in 0..cells {
        let (row, col) = (cell / CELLS_PER_ROW, cell % CELLS_PER_ROW);
        for (i, kind) in CELL.iter().enumerate() {
            // Instances stack in a column between the ALB and the database.
            let (x, y) = match i {
                0 | 1 => (i as f64, 1.0),
                2..=4 => (2.0, (i - 2) as f64),
                _ => (3.0, 1.0),
            };
            d.components.push(Component {
                id: id(cell, i),
                kind: (*kind).to_owned(),
                label: format!("{kind} {}", cell + 1),
                pos: Point {
                    x: (col * (CELL.len() - 1)) as f64 * STEP_X + x * STEP_X,
                    y: (row * 3) as f64 * STEP_Y + y * STEP_Y,
                },
                params: Default::default(),
            });
        }
    }
    let mut pairs: Vec<(ComponentId, ComponentId)> = (0..cells)
        .flat_map(|c| CELL_LINKS.iter().map(move |&(a, b)| (id(c, a), id(c, b))))
        .collect();
    'extra: for hop in 1..cells {
        for cell in 0..cells {
            if pairs.len() == links {
                break 'extra;
            }
            pairs.push((id(cell, 1), id((cell + hop) % cells, 2)));
        }
    }
    d.links = pairs
        .into_iter()
        .enumerate()
        .map(|(i, (from, to))| Link {
            id: LinkId(i as u32 + 1),
            from,
            to,
            params: Default::default(),
        })
        .collect();
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::scenario::Scenario;
    use skydraft_core::share;

    #[test]
    fn the_bench_design_has_the_asked_size_and_survives_a_link() {
        let d = grid(300, 400).unwrap();
        assert_eq!((d.components.len(), d.links.len()), (300, 400));
        let code = share::encode(&d, &Scenario::default());
        let back = share::decode_with_repairs(&code).unwrap();
        assert!(back.repairs.is_empty(), "{:?}", back.repairs);
        assert_eq!(back.design, d);
    }

    #[test]
    fn impossible_sizes_are_refused() {
        assert!(grid(301, 400).is_err());
        assert!(grid(6, 8).is_err());
        assert!(grid(12, 13).is_err());
    }
}
