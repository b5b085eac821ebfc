//! The event queue: a min-heap of small `Copy` events ordered by (time,
//! sequence number), so ties are broken by the order of scheduling.
//!
//! Written out rather than taken from a heap crate: a pop here moves the
//! hole from the root to the bottom and only then places the last entry,
//! never storing it into the root and reading it straight back (a
//! store-to-load stall that profiles of the general heaps' pop showed), and
//! its comparisons are branch-free.

use super::Ev;
use super::time::SimTime;

#[derive(Debug, Clone, Copy)]
struct Entry {
    t: SimTime,
    // 32 bits keep an entry at 24 bytes; a run stops at `MAX_EVENTS` (2·10⁹)
    // events, before the sequence could wrap.
    seq: u32,
    ev: Ev,
}

impl Entry {
    /// Whether `self` comes before `o`: earlier, or as early and scheduled first.
    /// (Bitwise `|` and `&`: no branch to mispredict.)
    #[inline]
    fn before(&self, o: &Entry) -> bool {
        (self.t < o.t) | ((self.t == o.t) & (self.seq < o.seq))
    }
}

/// Children per node. Measured on the default template's hour: 2 is a
/// little faster than 4 (the heap holds a few dozen events; a pop's cost is
/// its mispredicted comparisons, which fewer children per level spare).
const ARITY: usize = 2;

/// Pending events; pushing and popping allocate nothing once the heap has grown.
#[derive(Debug, Default)]
pub(crate) struct EventQueue {
    heap: Vec<Entry>,
    seq: u32,
}

impl EventQueue {
    #[inline]
    pub(crate) fn push(&mut self, t: SimTime, ev: Ev) {
        self.seq = self.seq.wrapping_add(1);
        let e = Entry {
            t,
            seq: self.seq,
            ev,
        };
        let i = self.heap.len();
        self.heap.push(e);
        self.sift_up(i, e);
    }

    /// Moves the hole at `i` up until `e` fits, and puts `e` there.
    #[inline]
    fn sift_up(&mut self, mut i: usize, e: Entry) {
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if !e.before(&self.heap[parent]) {
                break;
            }
            self.heap[i] = self.heap[parent];
            i = parent;
        }
        self.heap[i] = e;
    }

    /// A sequence number for an event kept outside the heap (the next
    /// arrival of each source), so it still orders among the others.
    #[inline]
    pub(crate) fn next_seq(&mut self) -> u32 {
        self.seq = self.seq.wrapping_add(1);
        self.seq
    }

    /// Time and sequence number of the earliest event.
    #[inline]
    pub(crate) fn peek_key(&self) -> Option<(SimTime, u32)> {
        self.heap.first().map(|e| (e.t, e.seq))
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> Option<(SimTime, Ev)> {
        let last = self.heap.pop()?;
        let Some(&top) = self.heap.first() else {
            return Some((last.t, last.ev));
        };
        // Floyd's pop: the hole left by the root sinks along the earliest
        // children to the bottom, then the last entry rises from there
        // (it usually belongs near the bottom).
        let n = self.heap.len();
        let mut i = 0;
        loop {
            let first = ARITY * i + 1;
            if first >= n {
                break;
            }
            let mut m = first;
            for c in first + 1..(first + ARITY).min(n) {
                m = if self.heap[c].before(&self.heap[m]) {
                    c
                } else {
                    m
                };
            }
            self.heap[i] = self.heap[m];
            i = m;
        }
        self.sift_up(i, last);
        Some((top.t, top.ev))
    }

    pub(crate) fn len(&self) -> usize {
        self.heap.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_then_sequence() {
        let mut q = EventQueue::default();
        let t = SimTime::from_us;
        q.push(t(5), Ev::Bucket);
        q.push(t(3), Ev::Minute);
        q.push(t(5), Ev::AsgTick);
        q.push(t(3), Ev::Warmup);
        let order: Vec<_> = std::iter::from_fn(|| q.pop())
            .map(|(t, ev)| (t.as_us(), ev))
            .collect();
        assert!(matches!(order[0], (3, Ev::Minute)));
        assert!(matches!(order[1], (3, Ev::Warmup)));
        assert!(matches!(order[2], (5, Ev::Bucket)));
        assert!(matches!(order[3], (5, Ev::AsgTick)));
    }

    proptest::proptest! {
        /// Any mix of pushes and pops comes out in (time, scheduling) order,
        /// like a sorted list of the same events.
        #[test]
        fn pops_in_order_like_a_sorted_list(ops in proptest::collection::vec(proptest::option::of(0u64..40), 0..400)) {
            let mut q = EventQueue::default();
            let mut model = std::collections::BTreeSet::new();
            let mut n = 0u32;
            for op in ops {
                match op {
                    Some(t) => {
                        n += 1;
                        q.push(SimTime::from_us(t), Ev::Retry { req: n, ver: 0 });
                        model.insert((t, n));
                    }
                    None => {
                        let want = model.pop_first();
                        let got = q.pop().map(|(t, ev)| match ev {
                            Ev::Retry { req, .. } => (t.as_us(), req),
                            _ => unreachable!(),
                        });
                        proptest::prop_assert_eq!(got, want);
                    }
                }
                proptest::prop_assert_eq!(q.len(), model.len());
                proptest::prop_assert_eq!(q.peek_key().map(|k| k.0.as_us()), model.first().map(|k| k.0));
            }
        }
    }
}
