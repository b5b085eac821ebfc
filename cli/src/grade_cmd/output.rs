//! The three forms of `skydraft grade`'s result: a table, CSV rows for a
//! gradebook, JSON objects.

use skydraft_core::challenge::{Challenge, GoalVerdict, Verdict};
use skydraft_core::run::csv::text_cell;

use super::Graded;

/// "2/3" or "0/3 (violations)".
fn score_text(v: &Verdict) -> String {
    format!("{}/{}", v.points, v.max_points)
}

fn result_text(v: &Verdict) -> &'static str {
    if v.passed {
        "pass"
    } else if !v.violations.is_empty() {
        "not allowed"
    } else if v.refused.is_some() {
        "not run"
    } else {
        "fail"
    }
}

/// Where a goal came out worst and why: "seed 1, us-east-1a lost: …".
fn why(g: &GoalVerdict) -> String {
    match &g.reason {
        Some(r) => format!("{}: {}", g.worst.variant.describe(), r.text),
        None => String::new(),
    }
}

/// A table: one line per goal, the submission's score on its first line.
pub fn table(c: &Challenge, graded: &[Graded]) -> String {
    let mut rows: Vec<[String; 6]> = vec![[
        "SUBMISSION".into(),
        "SCORE".into(),
        "RESULT".into(),
        "GOAL".into(),
        "VALUE".into(),
        "WHY".into(),
    ]];
    for g in graded {
        match &g.outcome {
            Err(e) => rows.push([
                g.label.clone(),
                "-".into(),
                "unreadable".into(),
                String::new(),
                String::new(),
                e.clone(),
            ]),
            Ok(v) => {
                let mut first = [g.label.clone(), score_text(v), result_text(v).into()];
                let mut notes: Vec<String> = v.violations.iter().map(ToString::to_string).collect();
                notes.extend(v.refused.clone());
                for note in notes {
                    let [a, b, r] = std::mem::take(&mut first);
                    rows.push([a, b, r, "(rule)".into(), String::new(), note]);
                }
                for goal in v.goals.iter().chain(&v.bonus) {
                    let [a, b, r] = std::mem::take(&mut first);
                    let mark = if goal.passed { "ok" } else { "FAIL" };
                    rows.push([
                        a,
                        b,
                        r,
                        goal.id.clone(),
                        format!("{mark} {}", goal.text),
                        why(goal),
                    ]);
                }
            }
        }
    }
    let widths: Vec<usize> = (0..5)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = format!("{} ({})\n", c.title, c.id);
    for r in &rows {
        let mut line = String::new();
        for (i, w) in widths.iter().enumerate() {
            let pad = w - r[i].chars().count();
            line.push_str(&r[i]);
            line.push_str(&" ".repeat(pad + 2));
        }
        line.push_str(&r[5]);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// CSV: a header, then one row per submission and goal (one row with the
/// reason for a submission that could not be judged).
pub fn csv(c: &Challenge, graded: &[Graded]) -> String {
    let mut out = String::from(
        "submission,challenge,score,passed,goal,bonus,value,limit,goal_passed,result,margin,worst_run,reason\n",
    );
    let cell = |s: &str| text_cell(s);
    for g in graded {
        match &g.outcome {
            Err(e) => out.push_str(&format!(
                "{},{},0,false,,,,,,,,,{}\n",
                cell(&g.label),
                cell(&c.id),
                cell(e)
            )),
            Ok(v) => {
                let rules: Vec<String> = v
                    .violations
                    .iter()
                    .map(ToString::to_string)
                    .chain(v.refused.clone())
                    .collect();
                let bonus = v.bonus.iter().map(|b| (b, true));
                for (goal, is_bonus) in v.goals.iter().map(|g| (g, false)).chain(bonus) {
                    let reason = match (&goal.reason, rules.is_empty()) {
                        (_, false) => rules.join("; "),
                        (Some(r), true) => r.text.clone(),
                        (None, true) => String::new(),
                    };
                    out.push_str(&format!(
                        "{},{},{:.3},{},{},{},{},{},{},{},{},{},{}\n",
                        cell(&g.label),
                        cell(&c.id),
                        v.score(),
                        v.passed,
                        cell(&goal.id),
                        is_bonus,
                        goal.value.map_or_else(String::new, |x| format!("{x}")),
                        goal.limit,
                        goal.passed,
                        cell(&goal.text),
                        cell(&goal.margin),
                        cell(&goal.worst.variant.describe()),
                        cell(&reason),
                    ));
                }
            }
        }
    }
    out
}

fn goal_json(goal: &GoalVerdict) -> serde_json::Value {
    serde_json::json!({
        "id": goal.id,
        "value": goal.value,
        "limit": goal.limit,
        "pass": goal.passed,
        "text": goal.text,
        "margin": goal.margin,
        "worst_run": goal.worst.variant,
        "at_s": goal.worst.at_s,
        "reason": goal.reason.as_ref().map(|r| &r.text),
        "reason_at_s": goal.reason.as_ref().and_then(|r| r.at_s),
    })
}

/// One JSON object per submission, one per line.
pub fn json(c: &Challenge, graded: &[Graded]) -> String {
    graded
        .iter()
        .map(|g| {
            let v = match &g.outcome {
                Err(e) => serde_json::json!({
                    "submission": g.label, "challenge": c.id, "score": 0.0,
                    "passed": false, "error": e,
                }),
                Ok(v) => serde_json::json!({
                    "submission": g.label,
                    "challenge": c.id,
                    "score": v.score(),
                    "points": v.points,
                    "max_points": v.max_points,
                    "bonus_points": v.bonus_points,
                    "passed": v.passed,
                    "violations": v.violations.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "refused": v.refused,
                    "goals": v.goals.iter().map(goal_json).collect::<Vec<_>>(),
                    "bonus": v.bonus.iter().map(goal_json).collect::<Vec<_>>(),
                }),
            };
            serde_json::to_string(&v).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
