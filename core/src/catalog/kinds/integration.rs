//! Application integration: queues, topics, streams, event buses.

use super::{Category, KindSpec, Placement, choice, control, flag, handoff, num, source, sync};

/// An SQS queue.
pub(super) const SQS: KindSpec = KindSpec {
    id: "sqs",
    name: "SQS queue",
    short: "SQS",
    category: Category::Integration,
    placement: Placement::Node,
    icon: "sqs",
    summary: "A queue: senders hand messages over, consumers poll and delete them.",
    params: &[
        choice(
            "queue_type",
            "Queue type",
            &["standard", "fifo"],
            "standard",
            "Standard: nearly unlimited throughput, at-least-once, any order [SQS-STD]. FIFO: ordered, 300 calls/s or 3,000 msg/s batched [SQS-FIFO].",
        ),
        num(
            "visibility_timeout_s",
            "Visibility timeout",
            "s",
            0.0,
            43_200.0,
            1.0,
            30.0,
            "A received message is hidden this long; if not deleted it reappears. Default 30 s, up to 12 h [SQS-VIS].",
        ),
        num(
            "retention_s",
            "Retention",
            "s",
            60.0,
            1_209_600.0,
            1.0,
            345_600.0,
            "60 s–14 days; default 4 days [SQS-ARCH].",
        ),
        num(
            "delay_s",
            "Delivery delay",
            "s",
            0.0,
            900.0,
            1.0,
            0.0,
            "Default 0, at most 15 minutes [SQS-DELAY].",
        ),
        num(
            "wait_s",
            "Receive wait (long polling)",
            "s",
            0.0,
            20.0,
            1.0,
            0.0,
            "0 = short polling; long polling waits up to 20 s [SQS-POLL].",
        ),
        num(
            "max_receives",
            "Max receives before DLQ",
            "",
            0.0,
            1000.0,
            1.0,
            0.0,
            "0 = no dead-letter queue; else a message moves to the DLQ after this many receives.",
        ),
    ],
    accepts: &[
        source("lambda"),
        source("asg"),
        source("ec2"),
        source("spot_fleet"),
        source("ecs_service"),
        source("fargate"),
        handoff("sqs"),
        control("cw_alarm"),
    ],
};

/// An SNS topic.
pub(super) const SNS: KindSpec = KindSpec {
    id: "sns",
    name: "SNS topic",
    short: "SNS",
    category: Category::Integration,
    placement: Placement::Node,
    icon: "sns",
    summary: "A topic that fans each message out to every subscription.",
    params: &[
        flag(
            "fifo",
            "FIFO topic",
            false,
            "Ordered delivery to FIFO SQS queues.",
        ),
        num(
            "message_kb",
            "Message size",
            "KB",
            0.0,
            10_000.0,
            1.0,
            4.0,
            "At most 256 KB including attributes [SNS-SIZE].",
        ),
    ],
    accepts: &[handoff("sqs"), handoff("lambda"), handoff("http_backend")],
};

/// A Kinesis data stream.
pub(super) const KINESIS: KindSpec = KindSpec {
    id: "kinesis",
    name: "Kinesis Data Stream",
    short: "Kinesis",
    category: Category::Integration,
    placement: Placement::Node,
    icon: "kinesis",
    summary: "An ordered stream of records split into shards.",
    params: &[
        choice(
            "mode",
            "Capacity mode",
            &["provisioned", "on_demand"],
            "provisioned",
            "On-demand starts at 4 MB/s write and scales to 200 MB/s [KDS-LIM].",
        ),
        num(
            "shards",
            "Shards",
            "",
            1.0,
            500.0,
            1.0,
            1.0,
            "Each shard takes 1 MB/s or 1,000 records/s in and 2 MB/s out; beyond, writes are throttled [KDS-LIM].",
        ),
        num(
            "retention_h",
            "Retention",
            "h",
            24.0,
            8760.0,
            1.0,
            24.0,
            "Minimum 24 h [KDS-LIM]; 365 days maximum is an assumption.",
        ),
    ],
    accepts: &[
        source("lambda"),
        source("asg"),
        source("ecs_service"),
        source("fargate"),
    ],
};

/// An EventBridge event bus with rules.
pub(super) const EVENTBRIDGE: KindSpec = KindSpec {
    id: "eventbridge",
    name: "EventBridge bus",
    short: "EventBridge",
    category: Category::Integration,
    placement: Placement::Node,
    icon: "eventbridge",
    summary: "An event bus whose rules route matching events to targets.",
    params: &[num(
        "match_pct",
        "Events matching a rule",
        "%",
        0.0,
        100.0,
        1.0,
        100.0,
        "Share of events the rules send on to their targets.",
    )],
    accepts: &[
        handoff("lambda"),
        handoff("sqs"),
        handoff("sns"),
        handoff("kinesis"),
        handoff("fargate"),
        sync("http_backend"),
    ],
};
