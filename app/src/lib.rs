//! Skydraft's page.
#![forbid(unsafe_code)]
