//! share (being built).
