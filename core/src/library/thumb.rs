//! A design's thumbnail for the "My designs" list: where its frames, links and
//! components sit, scaled into a small box. Kept with each entry, so the list
//! draws without decoding every design.

use serde::{Deserialize, Serialize};

use crate::catalog::{self, Category};
use crate::design::{Design, Rect};

/// Width of the thumbnail's box in thumbnail units.
pub const THUMB_W: u16 = 160;
/// Height of the thumbnail's box in thumbnail units.
pub const THUMB_H: u16 = 100;
/// Most components (and links) a thumbnail draws; larger designs show their first ones.
pub const THUMB_MAX_ITEMS: usize = 60;
/// Size of a component's card on the canvas, in canvas units (as the page draws it).
const CARD: f64 = 56.0;
/// Blank margin around the drawing, in thumbnail units.
const MARGIN: f64 = 6.0;

/// A component's square in the thumbnail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThumbCard {
    /// Left edge.
    pub x: u16,
    /// Top edge.
    pub y: u16,
    /// Side.
    pub size: u16,
    /// The palette category's id ("compute", "data"), which picks its colour.
    pub category: &'static str,
}

/// A small sketch of a design, in units of a [`THUMB_W`] × [`THUMB_H`] box.
///
/// Stored as compact text (see [`Thumb::to_text`]): three `|`-separated
/// lists of `;`-separated items of `,`-separated numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub struct Thumb {
    /// Region, AZ and VPC frames as `[x, y, w, h]`.
    pub frames: Vec<[u16; 4]>,
    /// Links as `[x1, y1, x2, y2]` between card centres.
    pub links: Vec<[u16; 4]>,
    /// Components.
    pub cards: Vec<ThumbCard>,
}

impl From<Thumb> for String {
    fn from(t: Thumb) -> String {
        t.to_text()
    }
}

impl From<String> for Thumb {
    fn from(text: String) -> Thumb {
        Thumb::from_text(&text)
    }
}

/// Items of four numbers as text: `1,2,3,4;5,6,7,8`.
fn quads_text(items: impl Iterator<Item = [u16; 4]>) -> String {
    items
        .map(|q| format!("{},{},{},{}", q[0], q[1], q[2], q[3]))
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads [`quads_text`]; an item that is not four numbers is skipped, and
/// every number is brought into the box.
fn read_quads(text: &str) -> Vec<[u16; 4]> {
    text.split(';')
        .filter_map(|item| {
            let mut n = item.split(',').map(|v| v.trim().parse::<u16>().ok());
            let q = [n.next()??, n.next()??, n.next()??, n.next()??];
            n.next().is_none().then_some(q)
        })
        .map(|[a, b, c, d]| {
            [
                a.min(THUMB_W),
                b.min(THUMB_H),
                c.min(THUMB_W),
                d.min(THUMB_H),
            ]
        })
        .collect()
}

impl Thumb {
    /// The sketch of `design`.
    #[must_use]
    pub fn of(design: &Design) -> Thumb {
        let Some(bounds) = bounds(design) else {
            return Thumb::default();
        };
        let scale = ((f64::from(THUMB_W) - 2.0 * MARGIN) / bounds.w)
            .min((f64::from(THUMB_H) - 2.0 * MARGIN) / bounds.h);
        // Centre the drawing in the box.
        let off_x = (f64::from(THUMB_W) - bounds.w * scale) / 2.0;
        let off_y = (f64::from(THUMB_H) - bounds.h * scale) / 2.0;
        let tx = |x: f64| to_unit((x - bounds.x) * scale + off_x, THUMB_W);
        let ty = |y: f64| to_unit((y - bounds.y) * scale + off_y, THUMB_H);
        let side = to_unit((CARD * scale).max(2.0), THUMB_H);
        let centre = |id| {
            design
                .component(id)
                .map(|c| (tx(c.pos.x + CARD / 2.0), ty(c.pos.y + CARD / 2.0)))
        };
        Thumb {
            frames: design
                .groups
                .iter()
                .map(|g| {
                    let (x, y) = (tx(g.rect.x), ty(g.rect.y));
                    let w = to_unit(g.rect.w * scale, THUMB_W);
                    let h = to_unit(g.rect.h * scale, THUMB_H);
                    [x, y, w, h]
                })
                .collect(),
            links: design
                .links
                .iter()
                .take(THUMB_MAX_ITEMS)
                .filter_map(|l| {
                    let (a, b) = (centre(l.from)?, centre(l.to)?);
                    Some([a.0, a.1, b.0, b.1])
                })
                .collect(),
            cards: design
                .components
                .iter()
                .take(THUMB_MAX_ITEMS)
                .map(|c| ThumbCard {
                    x: tx(c.pos.x),
                    y: ty(c.pos.y),
                    size: side,
                    category: catalog::kind(&c.kind)
                        .map_or(Category::Management, |k| k.category)
                        .id(),
                })
                .collect(),
        }
    }

    /// The thumbnail as compact text: frames, links and cards, each card as
    /// `x,y,size,category` with the category's index in [`Category::ALL`].
    #[must_use]
    pub fn to_text(&self) -> String {
        let index = |id: &str| Category::ALL.iter().position(|c| c.id() == id).unwrap_or(0);
        let cards = self.cards.iter().map(|c| {
            // Category::ALL has nine entries: the index fits a u16.
            [c.x, c.y, c.size, index(c.category) as u16]
        });
        format!(
            "{}|{}|{}",
            quads_text(self.frames.iter().copied()),
            quads_text(self.links.iter().copied()),
            quads_text(cards)
        )
    }

    /// Reads [`Thumb::to_text`]. Text from storage is not trusted: what does
    /// not read is left out, numbers are kept inside the box, and a category
    /// is only ever one of the catalog's own ids.
    #[must_use]
    pub fn from_text(text: &str) -> Thumb {
        let mut parts = text.splitn(3, '|');
        let frames = read_quads(parts.next().unwrap_or_default());
        let links = read_quads(parts.next().unwrap_or_default());
        let cards = read_quads(parts.next().unwrap_or_default())
            .into_iter()
            .map(|[x, y, size, cat]| ThumbCard {
                x,
                y,
                size: size.min(THUMB_H),
                category: Category::ALL
                    .get(usize::from(cat))
                    .copied()
                    .unwrap_or(Category::Management)
                    .id(),
            })
            .collect();
        Thumb {
            frames,
            links,
            cards,
        }
    }

    /// Nothing to draw (an empty design).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.cards.is_empty() && self.frames.is_empty()
    }
}

/// A value in thumbnail units, clamped into `0..=max`.
fn to_unit(v: f64, max: u16) -> u16 {
    if v.is_finite() {
        // Clamped first, so the conversion cannot truncate.
        v.round().clamp(0.0, f64::from(max)) as u16
    } else {
        0
    }
}

/// The rectangle holding every component card and frame, at least a card wide.
fn bounds(design: &Design) -> Option<Rect> {
    let rects = design
        .components
        .iter()
        .map(|c| Rect {
            x: c.pos.x,
            y: c.pos.y,
            w: CARD,
            h: CARD,
        })
        .chain(design.groups.iter().map(|g| g.rect))
        .filter(|r| [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()));
    let mut out: Option<(f64, f64, f64, f64)> = None;
    for r in rects {
        let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w.max(0.0), r.y + r.h.max(0.0));
        out = Some(match out {
            None => (x0, y0, x1, y1),
            Some((a, b, c, d)) => (a.min(x0), b.min(y0), c.max(x1), d.max(y1)),
        });
    }
    out.map(|(x0, y0, x1, y1)| Rect {
        x: x0,
        y: y0,
        w: (x1 - x0).max(CARD),
        h: (y1 - y0).max(CARD),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template;

    #[test]
    fn a_template_fits_its_box() {
        for t in template::all() {
            let thumb = Thumb::of(&t.design);
            assert_eq!(
                thumb.cards.len(),
                t.design.components.len().min(THUMB_MAX_ITEMS)
            );
            for c in &thumb.cards {
                assert!(
                    c.x + c.size <= THUMB_W + 1 && c.y + c.size <= THUMB_H + 1,
                    "{c:?}"
                );
            }
            for f in &thumb.frames {
                assert!(
                    f[0] + f[2] <= THUMB_W + 1 && f[1] + f[3] <= THUMB_H + 1,
                    "{f:?}"
                );
            }
        }
    }

    #[test]
    fn an_empty_design_has_an_empty_thumbnail() {
        assert!(Thumb::of(&Design::default()).is_empty());
    }

    #[test]
    fn thumbnails_round_trip_as_text() {
        for t in template::all() {
            let thumb = Thumb::of(&t.design);
            let json = serde_json::to_string(&thumb).expect("serializes");
            assert_eq!(
                serde_json::from_str::<Thumb>(&json).expect("reads"),
                thumb,
                "{json}"
            );
        }
    }

    #[test]
    fn stored_text_is_not_trusted() {
        let thumb = Thumb::from_text("1,2,3|x;1,2,3,4,5;9,9,9,9|999,3,4,77;1,1,1,3");
        assert!(thumb.frames.is_empty());
        assert_eq!(thumb.links, [[9, 9, 9, 9]]);
        assert_eq!(thumb.cards[0].x, THUMB_W);
        assert_eq!(thumb.cards[0].category, "management");
        assert_eq!(thumb.cards[1].category, Category::ALL[3].id());
        assert!(Thumb::from_text("").is_empty());
        assert!(Thumb::from_text("<script>|||").is_empty());
    }
}
