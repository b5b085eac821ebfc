//! Messaging, alarms and databases.

use crate::catalog::Kind;
use crate::validate::Diagnostic;
use crate::validate::Severity::{Error, Warning};
use crate::validate::ctx::{Ctx, Finding, name};

pub(crate) fn sns_size(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Sns) {
        let kb = c.number("message_kb");
        if kb > 256.0 {
            out.push(Finding::new(Error, "sns-message-size").on(c).say(
                format!("{} publishes {kb} KB messages.", name(c)),
                "SNS accepts at most 256 KB including attributes [SNS-SIZE].",
                "Store the body in S3 and publish its key.",
            ));
        }
    }
}

pub(crate) fn alarm_datapoints(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::CwAlarm) {
        let (m, n) = (c.number("datapoints"), c.number("eval_periods"));
        if m > n {
            out.push(Finding::new(Error, "alarm-datapoints").on(c).say(
                format!("{} needs {m} breaching datapoints out of {n}.", name(c)),
                "It could never fire: M of N requires M ≤ N [CW-ALARM].",
                "Lower the datapoints to alarm or raise the evaluation periods.",
            ));
        }
    }
}

pub(crate) fn alarm_period(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::CwAlarm) {
        let p = c.number("period_s");
        let ok = p == 10.0 || p == 30.0 || (p >= 60.0 && p % 60.0 == 0.0);
        if !ok {
            out.push(Finding::new(Error, "alarm-period").on(c).say(
                format!("{} has a {p} s period.", name(c)),
                "CloudWatch accepts 10 s, 30 s or a multiple of 60 s [CW-ALARM].",
                "Pick 10, 30, 60 or a multiple of 60 seconds.",
            ));
        }
    }
}

pub(crate) fn alarm_unwired(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::CwAlarm) {
        let watches = !x.inc(c).is_empty();
        let acts = !x.out(c).is_empty();
        if !watches || !acts {
            let what = if watches {
                "acts on nothing"
            } else {
                "watches nothing"
            };
            out.push(Finding::new(Warning, "alarm-unwired").on(c).say(
                format!("{} {what}.", name(c)),
                "It never fires, or fires without effect.",
                "Link the watched component to the alarm, and the alarm to an SNS topic, a Lambda function or a group.",
            ));
        }
    }
}

pub(crate) fn rds_single_az(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Rds) {
        if c.text("role") == "primary" && !c.flag("multi_az") {
            out.push(Finding::new(Warning, "rds-single-az").on(c).say(
                format!("{} has no Multi-AZ standby.", name(c)),
                "If its AZ fails the database is down until it is restored; with Multi-AZ it fails over in typically 60–120 s [RDS-MAZ].",
                "Turn Multi-AZ on (billed about 2× [RDS-BILL]).",
            ));
        }
    }
}
