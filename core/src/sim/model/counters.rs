//! Request counters of one bucket or of the measured part of a run.

/// Counters of one bucket or of the measured part of the run.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counters {
    pub(crate) requests: u64,
    pub(crate) completions: u64,
    pub(crate) rejections: u64,
    pub(crate) failures: u64,
}
