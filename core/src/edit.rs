//! edit (being built).
