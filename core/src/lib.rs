//! Skydraft's core: everything about a design that does not need a browser.
//!
//! ```text
//! gesture --app--> edit::Command --apply--> design::Design  (edit::History for undo/redo)
//!                                              |
//!                           validate::validate -> Diagnostics
//!                                              |
//! Design + Scenario --share--> URL fragment / JSON (and back)
//!                                              |
//! Design + Scenario --sim--> run::Run --chart--> SVG charts
//! ```
//!
//! Units, stated once: simulated time is integer microseconds ([`sim::SimTime`]),
//! money is US dollars, canvas coordinates grow right and down.
//!
//! The crate is pure Rust: no DOM, no wall clock, no threads. It builds for
//! native targets and for `wasm32-unknown-unknown`, and a run with the same
//! design, scenario and seed gives the same result on both.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catalog;
pub mod challenge;
pub mod chart;
pub mod compare;
pub mod cost;
pub mod design;
pub mod edit;
pub mod json;
pub mod library;
pub mod live;
pub mod remote;
pub mod run;
pub mod scenario;
pub mod share;
pub mod sim;
pub mod template;
pub mod validate;
