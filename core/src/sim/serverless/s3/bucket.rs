//! An S3 bucket's settings: the data the behaviour in `s3.rs` works on.

use crate::sim::ix::PoolIx;

/// A bucket.
#[derive(Debug)]
pub(crate) struct Bucket {
    pub(crate) pool: PoolIx,
    /// First-byte latency, µs.
    pub(crate) latency_us: f64,
    /// Clients upload with pre-signed URLs.
    pub(crate) presigned: bool,
}
