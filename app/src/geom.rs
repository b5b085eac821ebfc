//! Canvas geometry: component boxes, handles, link curves, grid snap and the
//! viewport transform. Pure functions over core's types, tested natively.

mod viewport;

pub use viewport::{FIT_MARGIN, MAX_ZOOM, MIN_ZOOM, READABLE_ZOOM, Viewport};

use skydraft_core::design::{Annotation, AnnotationKind, ComponentId, Design, Point, Rect};

/// Width of a component's icon tile in canvas units.
pub const NODE_W: f64 = 56.0;
/// Height of a component's icon tile in canvas units.
pub const NODE_H: f64 = 56.0;
/// Half the width of the area a component answers to (tile and label below).
const HIT_HALF_W: f64 = 64.0;
/// Height of the label area under the tile.
const LABEL_H: f64 = 38.0;
/// Grid pitch in canvas units; positions snap to it.
pub const GRID: f64 = 16.0;
/// Radius of a component's connect handle.
pub const HANDLE_R: f64 = 7.0;
/// Pointer travel in screen pixels before a press becomes a drag.
pub const DRAG_THRESHOLD: f64 = 4.0;

/// Rounds a coordinate to the nearest grid line.
#[must_use]
pub fn snap(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

/// Rounds a point to the nearest grid intersection.
#[must_use]
pub fn snap_point(p: Point) -> Point {
    Point {
        x: snap(p.x),
        y: snap(p.y),
    }
}

/// The area a component answers to and occupies: its tile and the label under it.
#[must_use]
pub fn hit_rect(pos: Point) -> Rect {
    Rect {
        x: pos.x - HIT_HALF_W,
        y: pos.y - NODE_H / 2.0,
        w: 2.0 * HIT_HALF_W,
        h: NODE_H + LABEL_H,
    }
}

/// Width of a note's box.
pub const NOTE_W: f64 = 184.0;
/// Height of a sticky note's box.
pub const STICKY_H: f64 = 112.0;
/// Lines of a note that are drawn.
pub const NOTE_LINES: usize = 6;

/// Height of a note's box drawn with `lines` lines of text.
#[must_use]
pub fn note_height(kind: AnnotationKind, lines: usize) -> f64 {
    match kind {
        AnnotationKind::Sticky => STICKY_H,
        AnnotationKind::Text => 12.0 + 20.0 * lines.min(NOTE_LINES) as f64,
        AnnotationKind::Pen | AnnotationKind::Highlighter => 0.0,
    }
}

/// The box a note is drawn in (its top-left corner is its position).
#[must_use]
pub fn note_rect(a: &Annotation) -> Rect {
    if a.kind.is_ink() {
        return stroke_rect(a);
    }
    Rect {
        x: a.pos.x,
        y: a.pos.y,
        w: NOTE_W,
        h: note_height(a.kind, a.text.lines().count()),
    }
}

/// The box around a stroke's points, grown by half the widest ink.
fn stroke_rect(a: &Annotation) -> Rect {
    let pts = a.stroke_points();
    let first = pts.first().copied().unwrap_or(a.pos);
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
    for p in &pts {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    let pad = 8.0;
    Rect {
        x: x0 - pad,
        y: y0 - pad,
        w: x1 - x0 + 2.0 * pad,
        h: y1 - y0 + 2.0 * pad,
    }
}

/// The icon tile of a component centred at `pos`.
#[must_use]
pub fn node_rect(pos: Point) -> Rect {
    Rect {
        x: pos.x - NODE_W / 2.0,
        y: pos.y - NODE_H / 2.0,
        w: NODE_W,
        h: NODE_H,
    }
}

/// Centre of the connect handle of a component centred at `pos` (right edge, middle).
#[must_use]
pub fn handle_pos(pos: Point) -> Point {
    Point {
        x: pos.x + NODE_W / 2.0 + 3.0,
        y: pos.y,
    }
}

/// Where a link arrives on a component centred at `pos` (left edge, middle).
#[must_use]
pub fn inlet_pos(pos: Point) -> Point {
    Point {
        x: pos.x - NODE_W / 2.0 - 2.0,
        y: pos.y,
    }
}

/// The component under `p`: a tile hit wins over a label hit, and later
/// components (drawn on top) win over earlier ones.
#[must_use]
pub fn hit_component(design: &Design, p: Point) -> Option<ComponentId> {
    let comps = || design.components.iter().rev();
    comps()
        .find(|c| node_rect(c.pos).contains(p))
        .or_else(|| comps().find(|c| hit_rect(c.pos).contains(p)))
        .map(|c| c.id)
}

/// A spot for a new component near `centre` whose card (tile and label,
/// with a grid step of air) overlaps no other card: the centre itself, else
/// the nearest free grid point on rings around it. Snapped to the grid.
#[must_use]
pub fn free_spot(design: &Design, centre: Point) -> Point {
    let centre = snap_point(centre);
    let near = |a: Rect, b: Rect| {
        a.x < b.x + b.w + GRID
            && b.x < a.x + a.w + GRID
            && a.y < b.y + b.h + GRID
            && b.y < a.y + a.h + GRID
    };
    let taken = |p: Point| {
        let a = hit_rect(p);
        design.components.iter().any(|c| near(a, hit_rect(c.pos)))
            || design.annotations.iter().any(|n| near(a, note_rect(n)))
    };
    let (dx, dy) = (NODE_W + 2.0 * GRID, NODE_H + LABEL_H + GRID);
    for ring in 0..12_i32 {
        let mut best: Option<(f64, Point)> = None;
        for i in -ring..=ring {
            for j in -ring..=ring {
                if i.abs().max(j.abs()) != ring {
                    continue;
                }
                let p = snap_point(Point {
                    x: centre.x + f64::from(i) * dx,
                    y: centre.y + f64::from(j) * dy,
                });
                let d = (p.x - centre.x).hypot(p.y - centre.y);
                if !taken(p) && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, p));
                }
            }
        }
        if let Some((_, p)) = best {
            return p;
        }
    }
    centre
}

/// Components whose centre lies inside `r`.
#[must_use]
pub fn components_in(design: &Design, r: Rect) -> Vec<ComponentId> {
    design
        .components
        .iter()
        .filter(|c| r.contains(c.pos))
        .map(|c| c.id)
        .collect()
}

/// The normalised rectangle spanned by two corners.
#[must_use]
pub fn rect_between(a: Point, b: Point) -> Rect {
    Rect {
        x: a.x.min(b.x),
        y: a.y.min(b.y),
        w: (a.x - b.x).abs(),
        h: (a.y - b.y).abs(),
    }
}

/// An SVG path from `a` to `b` that leaves `a` heading right and enters `b`
/// heading right, as a cubic Bézier curve.
#[must_use]
pub fn curve(a: Point, b: Point) -> String {
    let reach = ((b.x - a.x).abs() / 2.0).clamp(24.0, 120.0);
    format!(
        "M{:.1} {:.1} C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
        a.x,
        a.y,
        a.x + reach,
        a.y,
        b.x - reach,
        b.y,
        b.x,
        b.y
    )
}

/// The box around everything drawn: every component card, frame and note,
/// or `None` when the design has none of them.
#[must_use]
pub fn bounds(design: &Design) -> Option<Rect> {
    let cards = design.components.iter().map(|c| hit_rect(c.pos));
    let frames = design.groups.iter().map(|g| g.rect);
    let notes = design.annotations.iter().map(note_rect);
    cards.chain(frames).chain(notes).reduce(|a, b| {
        let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
        let (x1, y1) = ((a.x + a.w).max(b.x + b.w), (a.y + a.h).max(b.y + b.h));
        Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::design::Component;

    fn design_with(points: &[(f64, f64)]) -> Design {
        let mut d = Design::default();
        for (i, &(x, y)) in points.iter().enumerate() {
            d.components.push(Component {
                id: ComponentId(u32::try_from(i).unwrap() + 1),
                kind: "ec2".into(),
                label: String::new(),
                pos: Point { x, y },
                params: Default::default(),
            });
        }
        d
    }

    #[test]
    fn snapping_rounds_to_the_grid() {
        assert_eq!(snap(7.0), 0.0);
        assert_eq!(snap(9.0), 16.0);
        assert_eq!(snap(-9.0), -16.0);
        assert_eq!(
            snap_point(Point { x: 30.0, y: 50.0 }),
            Point { x: 32.0, y: 48.0 }
        );
    }

    #[test]
    fn hits_the_topmost_card() {
        let d = design_with(&[(100.0, 100.0), (120.0, 100.0), (300.0, 100.0)]);
        assert_eq!(
            hit_component(&d, Point { x: 110.0, y: 100.0 }),
            Some(ComponentId(2))
        );
        assert_eq!(
            hit_component(&d, Point { x: 80.0, y: 100.0 }),
            Some(ComponentId(1))
        );
        // Under the tile, on the label.
        assert_eq!(
            hit_component(&d, Point { x: 300.0, y: 150.0 }),
            Some(ComponentId(3))
        );
        assert_eq!(hit_component(&d, Point { x: 100.0, y: 200.0 }), None);
    }

    #[test]
    fn marquee_selects_by_centre() {
        let d = design_with(&[(100.0, 100.0), (400.0, 100.0)]);
        let r = rect_between(Point { x: 300.0, y: 0.0 }, Point { x: 0.0, y: 200.0 });
        assert_eq!(components_in(&d, r), vec![ComponentId(1)]);
    }

    #[test]
    fn bounds_take_in_notes_and_frames() {
        let mut d = design_with(&[(0.0, 0.0)]);
        let card = bounds(&d).unwrap();
        d.annotations.push(Annotation {
            id: skydraft_core::design::AnnotationId(1),
            kind: AnnotationKind::Sticky,
            text: "below".into(),
            pos: Point { x: 0.0, y: 400.0 },
            stroke: None,
        });
        let b = bounds(&d).unwrap();
        assert_eq!(b.y, card.y);
        assert_eq!(
            b.y + b.h,
            400.0 + STICKY_H,
            "the note below the card is inside"
        );
        d.groups.push(skydraft_core::design::Group {
            id: skydraft_core::design::GroupId(1),
            kind: skydraft_core::design::GroupKind::Region,
            label: "us-east-1".into(),
            rect: Rect {
                x: -300.0,
                y: -50.0,
                w: 100.0,
                h: 100.0,
            },
        });
        let b = bounds(&d).unwrap();
        assert_eq!(b.x, -300.0, "the frame left of the card is inside");
        d.components.clear();
        d.groups.clear();
        assert_eq!(
            bounds(&d),
            Some(note_rect(&d.annotations[0])),
            "a note alone"
        );
    }

    #[test]
    fn curves_start_and_end_on_the_points() {
        let c = curve(Point { x: 0.0, y: 0.0 }, Point { x: 100.0, y: 50.0 });
        assert!(c.starts_with("M0.0 0.0 C"));
        assert!(c.ends_with("100.0 50.0"));
    }

    #[test]
    fn a_new_component_lands_clear_of_notes() {
        let mut d = Design::default();
        d.annotations.push(Annotation {
            id: skydraft_core::design::AnnotationId(1),
            kind: AnnotationKind::Text,
            text: "Web instances\nDB primary".into(),
            pos: Point { x: 40.0, y: 80.0 },
            stroke: None,
        });
        d.annotations.push(Annotation {
            id: skydraft_core::design::AnnotationId(2),
            kind: AnnotationKind::Sticky,
            text: "Check the AZs".into(),
            pos: Point { x: 40.0, y: 200.0 },
            stroke: None,
        });
        let p = free_spot(&d, Point { x: 100.0, y: 100.0 });
        let card = hit_rect(p);
        for n in &d.annotations {
            let b = note_rect(n);
            let apart = card.x >= b.x + b.w
                || b.x >= card.x + card.w
                || card.y >= b.y + b.h
                || b.y >= card.y + card.h;
            assert!(apart, "{p:?} overlaps the note at {:?}", n.pos);
        }
        assert!(free_spot(&Design::default(), Point { x: 100.0, y: 100.0 }) != p);
    }

    #[test]
    fn note_boxes_match_their_text() {
        let note = |kind, text: &str| Annotation {
            id: skydraft_core::design::AnnotationId(1),
            kind,
            text: text.into(),
            pos: Point { x: 5.0, y: 7.0 },
            stroke: None,
        };
        assert_eq!(note_rect(&note(AnnotationKind::Text, "a\nb")).h, 52.0);
        assert_eq!(
            note_rect(&note(AnnotationKind::Text, &"x\n".repeat(20))).h,
            132.0
        );
        let sticky = note_rect(&note(AnnotationKind::Sticky, "a"));
        assert_eq!(
            (sticky.x, sticky.y, sticky.w, sticky.h),
            (5.0, 7.0, NOTE_W, STICKY_H)
        );
    }

    #[test]
    fn a_new_component_lands_clear_of_the_others() {
        let empty = Design::default();
        assert_eq!(
            free_spot(&empty, Point { x: 100.0, y: 100.0 }),
            Point { x: 96.0, y: 96.0 }
        );
        let d = design_with(&[(96.0, 96.0), (176.0, 96.0), (20.0, 96.0)]);
        let p = free_spot(&d, Point { x: 100.0, y: 100.0 });
        let card = hit_rect(p);
        for c in &d.components {
            let b = hit_rect(c.pos);
            let apart = card.x >= b.x + b.w
                || b.x >= card.x + card.w
                || card.y >= b.y + b.h
                || b.y >= card.y + card.h;
            assert!(apart, "{p:?} overlaps {:?}", c.pos);
        }
        // The nearest ring: directly above or below, not far away.
        assert!(
            (p.x - 96.0).abs() < 1.0 && (p.y - 96.0).abs() < 200.0,
            "{p:?}"
        );
    }
}
