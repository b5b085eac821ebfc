//! The event queue: a 4-ary heap (`dary_heap`, shallower than a binary heap,
//! so fewer cache misses per pop) of small `Copy` events ordered by
//! (time, sequence number), so ties are broken by the order of scheduling.

use dary_heap::QuaternaryHeap;
use std::cmp::Ordering;

use super::Ev;

#[derive(Debug, Clone, Copy)]
struct Entry {
    t: u64,
    // 32 bits keep an entry at 24 bytes; a run stops at `MAX_EVENTS` (2·10⁹)
    // events, before the sequence could wrap.
    seq: u32,
    ev: Ev,
}

impl PartialEq for Entry {
    fn eq(&self, o: &Self) -> bool {
        self.t == o.t && self.seq == o.seq
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        // Reversed: the heap is a max-heap and we want the earliest first.
        o.t.cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

/// Pending events; pushing and popping allocate nothing once the heap has grown.
#[derive(Debug, Default)]
pub(crate) struct EventQueue {
    heap: QuaternaryHeap<Entry>,
    seq: u32,
}

impl EventQueue {
    #[inline]
    pub(crate) fn push(&mut self, t: u64, ev: Ev) {
        self.seq = self.seq.wrapping_add(1);
        self.heap.push(Entry {
            t,
            seq: self.seq,
            ev,
        });
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
    pub(crate) fn peek_key(&self) -> Option<(u64, u32)> {
        self.heap.peek().map(|e| (e.t, e.seq))
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> Option<(u64, Ev)> {
        self.heap.pop().map(|e| (e.t, e.ev))
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
        q.push(5, Ev::Bucket);
        q.push(3, Ev::Minute);
        q.push(5, Ev::AsgTick);
        q.push(3, Ev::Warmup);
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert!(matches!(order[0], (3, Ev::Minute)));
        assert!(matches!(order[1], (3, Ev::Warmup)));
        assert!(matches!(order[2], (5, Ev::Bucket)));
        assert!(matches!(order[3], (5, Ev::AsgTick)));
    }
}
