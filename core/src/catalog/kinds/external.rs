//! Targets outside AWS: HTTP services and on-premises servers.

use super::{Category, KindSpec, Placement, SERVING, flag, num};

/// An HTTP service outside AWS.
pub(super) const HTTP_BACKEND: KindSpec = KindSpec {
    id: "http_backend",
    name: "External HTTP backend",
    short: "HTTP backend",
    category: Category::Compute,
    placement: Placement::Node,
    icon: "http_backend",
    summary: "A service on the internet reached over HTTP(S): a partner API, a legacy site.",
    params: &[
        num(
            "latency_ms",
            "Response time",
            "ms",
            0.0,
            600_000.0,
            1.0,
            80.0,
            "Mean time to answer, network included. Assumption.",
        ),
        num(
            "concurrency",
            "Concurrent requests",
            "",
            1.0,
            100_000.0,
            1.0,
            100.0,
            "Requests it serves at once before queueing. Assumption.",
        ),
        num(
            "queue",
            "Queue",
            "req",
            0.0,
            100_000.0,
            1.0,
            0.0,
            "Requests that may wait when all are busy; beyond, it refuses (503). Assumption: an external service refuses rather than queues.",
        ),
        SERVING[3],
        num(
            "error_pct",
            "Error rate",
            "%",
            0.0,
            100.0,
            0.1,
            0.0,
            "Share of requests that fail.",
        ),
        flag(
            "public",
            "Reachable from the internet",
            true,
            "Route 53 health checkers and API Gateway need a public endpoint [R53-PRIVATE].",
        ),
    ],
    accepts: &[],
};

/// A server in a data centre, registered by IP address.
pub(super) const ONPREM_IP: KindSpec = KindSpec {
    id: "onprem_ip",
    name: "On-premises IP target",
    short: "On-prem",
    category: Category::Compute,
    placement: Placement::Node,
    icon: "onprem",
    summary: "A server in your data centre, reached over VPN or Direct Connect by private IP.",
    params: &[
        num(
            "latency_ms",
            "Response time",
            "ms",
            0.0,
            600_000.0,
            1.0,
            30.0,
            "Mean time to answer, link included. Assumption.",
        ),
        num(
            "concurrency",
            "Concurrent requests",
            "",
            1.0,
            100_000.0,
            1.0,
            50.0,
            "Requests it serves at once. Assumption.",
        ),
        num(
            "error_pct",
            "Error rate",
            "%",
            0.0,
            100.0,
            0.1,
            0.0,
            "Share of requests that fail.",
        ),
    ],
    accepts: &[],
};
