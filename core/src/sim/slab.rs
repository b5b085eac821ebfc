//! A slab with a free list and generation counters: requests and calls live
//! here, so steady-state runs allocate nothing per request, and a stale event
//! (for a slot that has since been reused) is recognised by its generation.

#[derive(Debug)]
pub(crate) struct Slab<T> {
    items: Vec<T>,
    gens: Vec<u32>,
    free: Vec<u32>,
    live: usize,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab {
            items: Vec::new(),
            gens: Vec::new(),
            free: Vec::new(),
            live: 0,
        }
    }
}

impl<T> Slab<T> {
    /// Stores `item`; returns its index and generation.
    ///
    /// Always inlined: the item is then written straight into its slot. Out
    /// of line, the caller builds it on the stack field by field and this
    /// copies it in wide moves, which stall waiting for those narrow stores.
    #[inline(always)]
    pub(crate) fn insert(&mut self, item: T) -> (u32, u32) {
        self.live += 1;
        if let Some(i) = self.free.pop() {
            self.items[i as usize] = item;
            (i, self.gens[i as usize])
        } else {
            self.items.push(item);
            self.gens.push(0);
            ((self.items.len() - 1) as u32, 0)
        }
    }

    /// Frees a slot; its generation moves on.
    #[inline]
    pub(crate) fn remove(&mut self, i: u32) {
        self.gens[i as usize] = self.gens[i as usize].wrapping_add(1);
        self.free.push(i);
        self.live -= 1;
    }

    #[inline]
    pub(crate) fn valid(&self, i: u32, gen_: u32) -> bool {
        self.gens.get(i as usize) == Some(&gen_)
    }

    #[inline]
    pub(crate) fn gen_of(&self, i: u32) -> u32 {
        self.gens[i as usize]
    }

    #[inline]
    pub(crate) fn get(&self, i: u32) -> &T {
        &self.items[i as usize]
    }

    #[inline]
    pub(crate) fn get_mut(&mut self, i: u32) -> &mut T {
        &mut self.items[i as usize]
    }

    pub(crate) fn live(&self) -> usize {
        self.live
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuse_bumps_generation() {
        let mut s = Slab::default();
        let (a, ga) = s.insert(1);
        s.remove(a);
        let (b, gb) = s.insert(2);
        assert_eq!(a, b);
        assert_ne!(ga, gb);
        assert!(!s.valid(a, ga));
        assert!(s.valid(b, gb));
        assert_eq!(*s.get(b), 2);
        assert_eq!(s.live(), 1);
    }
}
