//! Management: alarms, roles, secrets.

use super::{Category, KindSpec, Placement, choice, control, flag, num, text};

/// A CloudWatch alarm.
pub(super) const CW_ALARM: KindSpec = KindSpec {
    id: "cw_alarm",
    name: "CloudWatch alarm",
    short: "Alarm",
    category: Category::Management,
    placement: Placement::Node,
    icon: "cw_alarm",
    summary: "Watches a metric of the components linked to it and acts on its targets.",
    params: &[
        choice(
            "metric",
            "Metric",
            &[
                "cpu",
                "latency_p99",
                "errors_5xx",
                "queue_depth",
                "healthy_hosts",
                "replica_lag",
            ],
            "cpu",
            "The metric of the watched component.",
        ),
        choice(
            "statistic",
            "Statistic",
            &["average", "maximum", "minimum", "sum", "p99"],
            "average",
            "How each period's datapoints are aggregated [CW-ALARM].",
        ),
        choice(
            "comparison",
            "Comparison",
            &["greater", "greater_or_equal", "less", "less_or_equal"],
            "greater",
            "A datapoint breaches when it compares this way with the threshold.",
        ),
        num(
            "threshold",
            "Threshold",
            "",
            -1_000_000.0,
            1_000_000.0,
            0.1,
            80.0,
            "The value the metric is compared with.",
        ),
        num(
            "period_s",
            "Period",
            "s",
            10.0,
            86_400.0,
            10.0,
            60.0,
            "10 s or 30 s (high resolution, evaluated every 10 s) or a multiple of 60 s (evaluated every minute) [CW-ALARM].",
        ),
        num(
            "eval_periods",
            "Evaluation periods",
            "",
            1.0,
            100.0,
            1.0,
            3.0,
            "N: how many recent periods are looked at [CW-ALARM].",
        ),
        num(
            "datapoints",
            "Datapoints to alarm",
            "",
            1.0,
            100.0,
            1.0,
            3.0,
            "M of the last N periods must breach [CW-ALARM].",
        ),
        choice(
            "missing",
            "Missing data",
            &["missing", "breaching", "not_breaching", "ignore"],
            "missing",
            "Default treatment is missing [CW-ALARM].",
        ),
        choice(
            "action",
            "Action",
            &["notify", "invoke", "scale_out", "scale_in", "recover"],
            "notify",
            "What the alarm does to its targets when it goes to ALARM: scale a group or ECS service out or in by one, recover a stopped EC2 instance, invoke a Lambda function (which then fails its linked Route 53 record over and promotes its linked read replica), or notify a topic. A linked Route 53 failover record answers with its secondary while the alarm is in ALARM, the way to watch private endpoints [R53-PRIVATE].",
        ),
    ],
    accepts: &[
        control("sns"),
        control("lambda"),
        control("asg"),
        control("ec2"),
        control("ecs_service"),
        control("fargate"),
        control("route53"),
    ],
};

/// An IAM role.
pub(super) const IAM_ROLE: KindSpec = KindSpec {
    id: "iam_role",
    name: "IAM role",
    short: "IAM role",
    category: Category::Management,
    placement: Placement::Node,
    icon: "iam_role",
    summary: "Permissions a compute component assumes; link a component to it to attach it.",
    params: &[
        text(
            "policies",
            "Policies",
            200,
            "",
            "Managed or inline policies, comma separated (documentation only).",
        ),
        choice(
            "purpose",
            "Used as",
            &[
                "task_role",
                "execution_role",
                "instance_profile",
                "function_role",
            ],
            "task_role",
            "An ECS task role gives the application its AWS permissions; the execution role only pulls images and writes logs.",
        ),
    ],
    accepts: &[],
};

/// Secrets Manager or Parameter Store.
pub(super) const SECRETS: KindSpec = KindSpec {
    id: "secrets",
    name: "Secrets / Parameter Store",
    short: "Secrets",
    category: Category::Management,
    placement: Placement::Node,
    icon: "secrets",
    summary: "Credentials and configuration read by the components linked to it.",
    params: &[
        choice(
            "store",
            "Store",
            &["secrets_manager", "parameter_store"],
            "secrets_manager",
            "Secrets Manager rotates secrets; Parameter Store standard parameters are free.",
        ),
        flag(
            "rotation",
            "Automatic rotation",
            false,
            "Secrets Manager only.",
        ),
        num(
            "cache_s",
            "Client cache",
            "s",
            0.0,
            86_400.0,
            1.0,
            300.0,
            "How long callers cache a value. Assumption.",
        ),
    ],
    accepts: &[control("cw_alarm")],
};
