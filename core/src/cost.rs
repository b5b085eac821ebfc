//! cost (being built).
