//! Browser tests of the built page (`dist/`, or `$SKYDRAFT_DIST`) in headless
//! Chromium, driven with real pointer and keyboard input.
//!
//! Build the page first: `trunk build --release`. Each test opens its own
//! browser with a fresh profile, so tests run in parallel.
//!
//! Layout: one module per area of the page; `app` holds the helpers that read
//! the page through its test attributes (see `skydraft_tests::ui`).

mod a11y;
mod app;
mod challenge;
mod challenge_author;
mod challenge_locks;
mod challenge_resume;
mod challenge_screens;
mod compare_arch;
mod editing;
mod editor;
mod export;
mod history;
mod inspector;
mod keyboard;
mod library;
mod library_manage;
mod live;
mod menus;
mod offline;
mod persist;
mod present;
mod present_steps;
mod projector;
mod room;
mod run;
mod run_page;
mod safety;
mod scenario_events;
mod screens;
mod sharing;
mod sizes;
mod theme;
mod view;
