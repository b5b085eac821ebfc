//! Request routing at a compute node: which of its downstream calls a
//! request makes, how often, and whether it picks one by weight.
//!
//! A pool whose every call is plain (probability 1, one call per request)
//! and which calls each downstream has no [`Route`]: the engine then walks
//! its calls in order and draws nothing. Otherwise the pool's `Route` holds
//! its own random stream (the component's, for routing calls) and [`next`]
//! decides each step.

use super::super::ix::NodeIx;
use super::super::rng::Stream;

/// One call a pool makes after its own work.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Down {
    /// The node called.
    pub(crate) node: NodeIx,
    /// Whether the caller holds its worker for the answer.
    pub(crate) sync: bool,
    /// Probability 1 and one call per request: no draw, no repetition.
    pub(crate) plain: bool,
    /// Calls per request (1–10).
    pub(crate) count: u8,
    /// Share of requests that make this call (0–1).
    pub(crate) p: f64,
    /// Weight when the pool routes to one downstream by weight.
    pub(crate) weight: f64,
}

impl Down {
    /// A call from the link's settings, clamped to their bounds.
    pub(crate) fn new(node: NodeIx, sync: bool, p: f64, count: f64, weight: f64) -> Down {
        let p = if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            1.0
        };
        let count = if count.is_finite() {
            count.round().clamp(1.0, 10.0) as u8
        } else {
            1
        };
        Down {
            node,
            sync,
            plain: p >= 1.0 && count == 1,
            count,
            p,
            weight: if weight.is_finite() {
                weight.max(0.0)
            } else {
                0.0
            },
        }
    }
}

/// The routing state of a pool that needs more than "each call once".
#[derive(Debug, Clone)]
pub(crate) struct Route {
    /// Draws of this component's routing (probabilities, weights).
    pub(crate) rng: Stream,
    /// Makes one downstream call per request, drawn by weight.
    pub(crate) by_weight: bool,
}

/// Where a call stands in its pool's downstream list: the entry `step` and
/// the calls already made to it (`rep`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    /// Index of the current downstream entry.
    pub(crate) step: u8,
    /// Calls already made to it by this request.
    pub(crate) rep: u8,
}

/// The next call a request at `pos` makes, with `pos` moved past it, or
/// `None` when it has made all of them. At the start (`step` and `rep` 0)
/// a pool routing by weight draws its one entry; once that entry's calls
/// are made (or its probability skips it) the request is done.
pub(crate) fn next(route: &mut Route, down: &[Down], pos: &mut Pos) -> Option<Down> {
    let end = down.len() as u8;
    if route.by_weight && pos.step == 0 && pos.rep == 0 {
        pos.step = pick_by_weight(&mut route.rng, down)?;
    }
    loop {
        let d = *down.get(pos.step as usize)?;
        let after = if route.by_weight { end } else { pos.step + 1 };
        if pos.rep == 0 && !d.plain && d.p < 1.0 && !route.rng.chance(d.p) {
            pos.step = after;
            continue;
        }
        pos.rep += 1;
        if pos.rep >= d.count {
            pos.rep = 0;
            pos.step = after;
        }
        return Some(d);
    }
}

/// An entry drawn by weight, or `None` when every weight is 0.
fn pick_by_weight(rng: &mut Stream, down: &[Down]) -> Option<u8> {
    let total: f64 = down.iter().map(|d| d.weight).sum();
    if total <= 0.0 {
        return None;
    }
    let mut x = rng.uniform() * total;
    let mut pick = None;
    for (k, d) in down.iter().enumerate() {
        if d.weight <= 0.0 {
            continue;
        }
        pick = Some(k as u8);
        if x < d.weight {
            break;
        }
        x -= d.weight;
    }
    pick
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::Purpose;

    fn route(by_weight: bool) -> Route {
        Route {
            rng: Stream::new(9, 1, Purpose::Calls),
            by_weight,
        }
    }

    fn calls(route: &mut Route, down: &[Down]) -> Vec<u32> {
        let mut pos = Pos { step: 0, rep: 0 };
        std::iter::from_fn(|| next(route, down, &mut pos))
            .map(|d| d.node.idx() as u32)
            .collect()
    }

    #[test]
    fn counts_repeat_and_probabilities_thin() {
        let down = [
            Down::new(NodeIx::new(1), true, 1.0, 2.0, 1.0),
            Down::new(NodeIx::new(2), false, 0.0, 1.0, 1.0),
            Down::new(NodeIx::new(3), true, 1.0, 1.0, 1.0),
        ];
        assert_eq!(calls(&mut route(false), &down), [1, 1, 3]);
        let half = [Down::new(NodeIx::new(4), true, 0.25, 3.0, 1.0)];
        let mut r = route(false);
        let n: usize = (0..20_000).map(|_| calls(&mut r, &half).len()).sum();
        // Either all three calls or none: 0.25 × 3 per request.
        assert!((n as f64 / 20_000.0 - 0.75).abs() < 0.03, "{n}");
    }

    #[test]
    fn weights_pick_one_entry_and_zero_weights_none() {
        let down = [
            Down::new(NodeIx::new(1), true, 1.0, 1.0, 1.0),
            Down::new(NodeIx::new(2), true, 1.0, 2.0, 3.0),
            Down::new(NodeIx::new(3), true, 1.0, 1.0, 0.0),
        ];
        let mut r = route(true);
        let mut seen = [0usize; 4];
        for _ in 0..40_000 {
            let got = calls(&mut r, &down);
            assert!(got == [1] || got == [2, 2], "{got:?}");
            seen[got[0] as usize] += 1;
        }
        assert_eq!(seen[3], 0);
        let share = seen[2] as f64 / 40_000.0;
        assert!((share - 0.75).abs() < 0.01, "{share}");
        let zero = [Down::new(NodeIx::new(1), true, 1.0, 1.0, 0.0)];
        assert!(calls(&mut route(true), &zero).is_empty());
    }

    #[test]
    fn settings_are_clamped() {
        let d = Down::new(NodeIx::new(1), true, 7.0, 99.0, -3.0);
        assert_eq!((d.p, d.count, d.weight), (1.0, 10, 0.0));
        let d = Down::new(NodeIx::new(1), true, f64::NAN, 0.2, f64::NAN);
        assert_eq!((d.p, d.count, d.weight, d.plain), (1.0, 1, 0.0, true));
    }
}
