//! The scenario's timeline applied to the running model: each event's target
//! resolved once at build (`target`), the events themselves (`events`), their
//! ends (`ends`), zone and region outages (`outages`), and instances that
//! fail, fail over or are restored (`failures`).

mod ends;
mod events;
mod failures;
mod outages;
mod target;

pub(crate) use target::Target;
