//! The `skydraft` command line.
fn main() {}
