//! Shared helpers for Skydraft's end-to-end tests.
