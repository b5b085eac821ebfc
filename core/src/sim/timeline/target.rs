//! What a timeline event names, found once when the run is built: the pool,
//! group or zone behind a component id or zone name.

/// A timeline event's target, as indices into the engine's arrays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Target {
    /// The pool of the component the event names, if it runs as one.
    pub(crate) pool: Option<u16>,
    /// The group of that pool, if it is an Auto Scaling group or service.
    pub(crate) asg: Option<u16>,
    /// The zone the event names, if the run knows it.
    pub(crate) az: Option<u8>,
}
