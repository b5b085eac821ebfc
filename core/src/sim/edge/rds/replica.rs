//! An RDS read replica as data: the behaviour is in `rds.rs`.

use crate::sim::ix::PoolIx;

/// A replica component (role "replica") and its promotion.
#[derive(Debug, Clone)]
pub(crate) struct Replica {
    pub(crate) pool: PoolIx,
    /// Time a promotion takes, µs.
    pub(crate) promote_us: u64,
    pub(crate) promoting: bool,
    pub(crate) promoted: bool,
    pub(crate) refused_logged: bool,
}
