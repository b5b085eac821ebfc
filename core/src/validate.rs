//! validate (being built).
