//! Link legality with reasons: why a connection is allowed, or why not.

use std::fmt;

use super::{KindSpec, LinkMeaning, kind};

/// Why two kinds cannot be linked, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRefusal {
    /// The source kind's display name.
    pub from: &'static str,
    /// The target kind's display name.
    pub to: &'static str,
    /// The rule and, where one exists, what to use instead.
    pub reason: String,
}

impl fmt::Display for LinkRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for LinkRefusal {}

/// Explanations for refusals people often run into, keyed by (from, to).
/// Facts cite the reference keys.
static EXPLAINED: &[(&str, &str, &str)] = &[
    (
        "nlb",
        "lambda",
        "A Network Load Balancer cannot target a Lambda function: NLB targets are instances, IP addresses and ALBs [NLB-TG]. Put an ALB or API Gateway in front of the function.",
    ),
    (
        "clb",
        "lambda",
        "A Classic Load Balancer cannot target a Lambda function; it registers EC2 instances only [CLB-HC]. Use an ALB.",
    ),
    (
        "clb",
        "ecs_service",
        "A Classic Load Balancer cannot route to ECS tasks with dynamic ports; it registers instances only. Use an ALB (dynamic port mapping) or an NLB.",
    ),
    (
        "clb",
        "fargate",
        "A Classic Load Balancer cannot target Fargate tasks, which are registered by IP address. Use an ALB or an NLB.",
    ),
    (
        "users",
        "rds",
        "Users do not query a database directly; a database sits in private subnets behind an application tier.",
    ),
    (
        "users",
        "dynamodb",
        "Browsers do not call DynamoDB directly in these designs; put API Gateway and a Lambda function in front.",
    ),
    (
        "sqs",
        "ec2",
        "SQS does not push messages: consumers poll the queue. Draw the link from the workers' side as an Auto Scaling group polling the queue (sqs → asg), or use Lambda's event source mapping.",
    ),
    (
        "sns",
        "asg",
        "SNS delivers to endpoints such as SQS, Lambda and HTTP(S); fan out to an SQS queue and let the group poll it.",
    ),
    (
        "apigw",
        "rds",
        "API Gateway cannot query a database; integrate with Lambda or an HTTP backend that does.",
    ),
    (
        "apigw",
        "ec2",
        "Connect API Gateway to instances through an HTTP integration with a public endpoint or a VPC link to an NLB/ALB; draw API Gateway → ALB or → HTTP backend.",
    ),
];

/// What a link from kind `from` to kind `to` would mean.
///
/// # Errors
/// A [`LinkRefusal`] explaining the rule when the link is not allowed, or
/// when either kind is unknown.
pub fn check_link(from: &str, to: &str) -> Result<LinkMeaning, LinkRefusal> {
    let (Some(f), Some(t)) = (kind(from), kind(to)) else {
        return Err(LinkRefusal {
            from: kind(from).map_or("unknown kind", |k| k.name),
            to: kind(to).map_or("unknown kind", |k| k.name),
            reason: "one end is not a known component kind".to_owned(),
        });
    };
    if let Some(m) = f.link_to(to) {
        return Ok(m);
    }
    let reason = EXPLAINED
        .iter()
        .find(|(a, b, _)| *a == from && *b == to)
        .map_or_else(|| generic_reason(f, t), |(_, _, why)| (*why).to_owned());
    Err(LinkRefusal {
        from: f.name,
        to: t.name,
        reason,
    })
}

fn generic_reason(f: &KindSpec, t: &KindSpec) -> String {
    if !f.placement.is_node() || !t.placement.is_node() {
        return "frames and notes cannot be linked; draw links between components".to_owned();
    }
    if f.accepts.is_empty() {
        return format!(
            "{} does not call other components in Skydraft; links end here",
            with_article(f.name)
        );
    }
    let names: Vec<&str> = f
        .accepts
        .iter()
        .filter_map(|a| kind(a.to).map(|k| k.short))
        .collect();
    format!(
        "{} cannot connect to {}; it can connect to: {}",
        with_article(f.name),
        with_article(t.name),
        names.join(", ")
    )
}

/// A kind's name with the indefinite article it is spoken with: "an RDS
/// database", "an SQS queue", "a Lambda function", and plain "Users".
fn with_article(name: &str) -> String {
    let first_word = name.split_whitespace().next().unwrap_or(name);
    if first_word == "Users" {
        return name.to_owned();
    }
    let acronym = first_word.len() > 1
        && first_word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    // An acronym is spoken letter by letter: "an S3 bucket", "a DNS name".
    let vowel_sounds = if acronym { "AEFHILMNORSX" } else { "AEIOU" };
    let starts_with_vowel_sound = first_word
        .chars()
        .next()
        .is_some_and(|c| vowel_sounds.contains(c));
    let article = if starts_with_vowel_sound { "an" } else { "a" };
    format!("{article} {name}")
}

impl LinkMeaning {
    /// A short phrase for the inspector ("synchronous call").
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            LinkMeaning::SyncCall => "synchronous call",
            LinkMeaning::AsyncHandOff => "asynchronous hand-off",
            LinkMeaning::DnsAnswer => "DNS answer",
            LinkMeaning::TargetGroup => "target group",
            LinkMeaning::EventSource => "event source",
            LinkMeaning::Control => "control",
        }
    }

    /// What the meaning implies for a request, in one sentence.
    #[must_use]
    pub fn explanation(self) -> &'static str {
        match self {
            LinkMeaning::SyncCall => {
                "The caller waits for the answer and holds a worker while it waits, so a slow callee slows the caller."
            }
            LinkMeaning::AsyncHandOff => {
                "The sender hands the message over and moves on; the receiver works at its own pace."
            }
            LinkMeaning::DnsAnswer => {
                "Clients resolve the name to this target and cache the answer for the record's TTL."
            }
            LinkMeaning::TargetGroup => {
                "The target is registered with the load balancer, health-checked and sent requests."
            }
            LinkMeaning::EventSource => {
                "The target is fed by the source: it polls it or is invoked with batches."
            }
            LinkMeaning::Control => {
                "No requests flow: the source watches, configures or grants access to the target."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_article;

    #[test]
    fn articles_follow_how_names_are_spoken() {
        assert_eq!(with_article("RDS database"), "an RDS database");
        assert_eq!(with_article("SQS queue"), "an SQS queue");
        assert_eq!(with_article("S3 bucket"), "an S3 bucket");
        assert_eq!(with_article("EC2 instance"), "an EC2 instance");
        assert_eq!(with_article("Users"), "Users");
        assert_eq!(with_article("Lambda function"), "a Lambda function");
        assert_eq!(
            with_article("Application Load Balancer"),
            "an Application Load Balancer"
        );
        assert_eq!(with_article("DynamoDB table"), "a DynamoDB table");
    }
}
