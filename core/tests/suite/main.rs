//! Core's integration tests, one binary: each module is one area (documents,
//! simulation, charts), and `support` holds what they share.
//!
//! The determinism check and the wasm speed runs stay binaries of their own:
//! they also run as wasm32 in headless Chromium.

mod support;

mod challenge_link;
mod challenge_page;
mod challenges;
mod charts;
mod document_edit;
mod document_fixtures;
mod document_flow;
mod document_fuzz;
mod document_ink;
mod document_share;
mod document_validate;
mod live_class;
mod queueing;
mod routing;
mod run_frame;
mod run_words;
mod scenario_edit;
mod scenario_stories;
mod sim_apigw_access;
mod sim_balancing;
mod sim_behaviour;
mod sim_ecs_deploy;
mod sim_edge;
mod sim_processes;
mod sim_props;
mod sim_queues;
mod sim_refresh;
mod sim_region;
mod sim_remote;
mod sim_route53_records;
mod sim_serverless;
mod sim_settings;
mod sim_spot_fidelity;
mod sim_targets;
mod sim_time;
mod sim_timelines;
mod template_lessons;
