//! Typed indices into the engine's flat arrays, so an index into one array
//! cannot be used for another: [`NodeIx`] into the nodes, [`PoolIx`] into the
//! pools, [`InstIx`] into the instances.
//!
//! A leaf: every part of the simulator may use it. The arrays stay plain
//! `Vec`s; an index reads as `nodes[n.idx()]`. Each keeps the width the
//! engine stores (16 bits for nodes and pools, 32 for instances), so events
//! and records are no larger than with bare integers.

macro_rules! index {
    ($(#[$doc:meta])* $name:ident($int:ty)) => {
        $(#[$doc])*
        #[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
        #[repr(transparent)]
        pub(crate) struct $name($int);

        impl $name {
            /// The index of element `i` (`i` must fit the index's width).
            #[inline]
            #[must_use]
            pub(crate) const fn new(i: usize) -> $name {
                $name(i as $int)
            }

            /// The position in the array it indexes.
            #[inline]
            #[must_use]
            pub(crate) const fn idx(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index! {
    /// A node: one modelled component (`Engine::nodes`).
    NodeIx(u16)
}

index! {
    /// A pool: a compute node's instances and statistics (`Engine::pools`).
    PoolIx(u16)
}

index! {
    /// An instance of a pool (`Engine::insts`).
    InstIx(u32)
}

impl NodeIx {
    /// No node: a component the simulator leaves out.
    pub(crate) const NONE: NodeIx = NodeIx(u16::MAX);
}

impl InstIx {
    /// No instance: a call made from outside any (a user's request).
    pub(crate) const NIL: InstIx = InstIx(u32::MAX);
}

#[cfg(test)]
mod tests {
    use super::{InstIx, NodeIx, PoolIx};

    #[test]
    fn an_index_keeps_its_position() {
        assert_eq!(NodeIx::new(7).idx(), 7);
        assert_eq!(NodeIx::NONE.idx(), 65_535);
        assert_eq!(PoolIx::new(300).idx(), 300);
        assert_eq!(InstIx::new(70_000).idx(), 70_000);
        assert_eq!(InstIx::NIL.idx(), u32::MAX as usize);
        assert!(NodeIx::new(1) < NodeIx::new(2));
    }
}
