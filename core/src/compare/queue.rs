//! A comparison made one run at a time (the page's simulation worker takes
//! one request after another): the plan, the outcomes so far, which run
//! comes next and the table once every run is in.

use super::{Case, CompareError, Job, Outcome, Row, Workload, plan, row};
use crate::catalog::Kind;
use crate::design::Design;
use crate::scenario::Scenario;

/// The runs of a comparison and what came of them so far.
#[derive(Debug, Clone)]
pub struct Queue {
    names: Vec<String>,
    jobs: Vec<Job>,
    outcomes: Vec<Option<Outcome>>,
}

/// One run to make now: its place in the queue, what it is, and its input.
#[derive(Debug, Clone)]
pub struct Next {
    /// Index of the job, for [`Queue::record`].
    pub index: usize,
    /// "Run 4 of 9: <design>, AZ outage".
    pub label: String,
    /// The design to simulate.
    pub design: Design,
    /// The scenario to simulate it under.
    pub scenario: Scenario,
}

impl Queue {
    /// The comparison of `contenders` (each a name for its row and a
    /// design) under `workload`.
    ///
    /// # Errors
    /// [`CompareError::NothingToRun`] for the first design without Users
    /// (nothing would send it requests), else what [`plan`] refuses.
    pub fn new(
        contenders: Vec<(String, Design)>,
        workload: &Workload,
    ) -> Result<Self, CompareError> {
        if let Some((name, _)) = contenders
            .iter()
            .find(|(_, d)| !d.components.iter().any(|c| c.is(Kind::Users)))
        {
            return Err(CompareError::NothingToRun(name.clone()));
        }
        let (names, designs): (Vec<String>, Vec<Design>) = contenders.into_iter().unzip();
        let jobs = plan(&designs, workload)?;
        let outcomes = vec![None; jobs.len()];
        Ok(Queue {
            names,
            jobs,
            outcomes,
        })
    }

    /// How many runs the comparison makes.
    #[must_use]
    pub fn total(&self) -> usize {
        self.jobs.len()
    }

    /// How many runs are finished (or could not be made).
    #[must_use]
    pub fn finished(&self) -> usize {
        self.outcomes.iter().filter(|o| o.is_some()).count()
    }

    /// Whether every run is in.
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.finished() == self.total()
    }

    /// The next run to make, in plan order. A job whose preset does not fit
    /// its design is recorded here with that reason, so it takes no run.
    pub fn next_run(&mut self) -> Option<Next> {
        loop {
            let index = self.outcomes.iter().position(Option::is_none)?;
            let job = &self.jobs[index];
            match &job.input {
                Ok((design, scenario)) => {
                    return Some(Next {
                        index,
                        label: format!(
                            "Run {} of {}: {}, {}",
                            index + 1,
                            self.total(),
                            self.names[job.contender],
                            case_label(job.case)
                        ),
                        design: design.clone(),
                        scenario: scenario.clone(),
                    });
                }
                Err(why) => self.outcomes[index] = Some(Err(why.clone())),
            }
        }
    }

    /// Records the outcome of job `index`; an index out of range is ignored.
    pub fn record(&mut self, index: usize, outcome: Outcome) {
        if let Some(slot) = self.outcomes.get_mut(index) {
            *slot = Some(outcome);
        }
    }

    /// One row per design, in the order given, from the runs finished so
    /// far.
    #[must_use]
    pub fn rows(&self) -> Vec<Row> {
        self.names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mine: Vec<(&Job, &Outcome)> = self
                    .jobs
                    .iter()
                    .zip(&self.outcomes)
                    .filter(|(j, _)| j.contender == i)
                    .filter_map(|(j, o)| o.as_ref().map(|o| (j, o)))
                    .collect();
                row(name, &mine)
            })
            .collect()
    }
}

/// A case as the progress line names it.
fn case_label(case: Case) -> &'static str {
    match case {
        Case::Base => "base workload",
        Case::AzOutage => "AZ outage at peak",
        Case::Spike => "4\u{d7} spike",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sim, template};

    fn t(id: &str) -> Design {
        template::get(id).expect("template").design
    }

    #[test]
    fn runs_every_job_in_turn_and_reads_one_row_per_design() {
        let mut q = Queue::new(
            vec![
                ("mine".into(), t("alb-asg")),
                ("other".into(), t("apigw-lambda")),
            ],
            &Workload::default(),
        )
        .expect("queue");
        assert_eq!((q.total(), q.finished()), (6, 0));
        let mut labels = Vec::new();
        while let Some(n) = q.next_run() {
            labels.push(n.label.clone());
            let sc = Scenario {
                duration_s: n.scenario.duration_s.min(900.0),
                ..n.scenario
            };
            q.record(n.index, sim::run(&n.design, &sc).map_err(|e| e.to_string()));
        }
        assert!(q.is_done());
        // API Gateway and Lambda have no zone to fail: that case takes no run.
        assert_eq!(labels.len(), 5, "{labels:?}");
        assert_eq!(labels[0], "Run 1 of 6: mine, base workload");
        assert_eq!(labels[1], "Run 2 of 6: mine, AZ outage at peak");
        assert_eq!(labels[4], "Run 6 of 6: other, 4\u{d7} spike");
        let rows = q.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].name.as_str(), rows[1].name.as_str()),
            ("mine", "other")
        );
        assert!(
            rows.iter()
                .all(|r| r.cost_per_hour.is_some_and(|c| c > 0.0))
        );
        assert!(rows[1].cold_starts.is_some_and(|c| c > 0), "{:?}", rows[1]);
        assert!(
            rows[1].notes.iter().any(|n| n.starts_with("AZ outage: ")),
            "{:?}",
            rows[1]
        );
        assert!(rows[0].recovery_s.is_some(), "{:?}", rows[0]);
    }

    #[test]
    fn a_job_that_does_not_fit_is_recorded_without_a_run() {
        // A preset that does not fit its design leaves the reason as the
        // job's input instead of a design to run.
        let mut q =
            Queue::new(vec![("a".into(), t("alb-asg"))], &Workload::default()).expect("queue");
        q.jobs[1].input = Err("no zone".into());
        let first = q.next_run().expect("first");
        q.record(first.index, Err("stopped".into()));
        let second = q.next_run().expect("second");
        assert_eq!(second.index, 2, "the misfit is skipped");
        assert_eq!(q.finished(), 2);
        q.record(second.index, Err("stopped".into()));
        assert!(q.next_run().is_none() && q.is_done());
        let notes = &q.rows()[0].notes;
        assert!(notes.iter().any(|n| n == "AZ outage: no zone"), "{notes:?}");
        assert!(
            notes.iter().any(|n| n == "base workload: stopped"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_design_without_users_is_named_before_anything_runs() {
        let empty = Design {
            name: "Sketch".into(),
            ..Design::default()
        };
        let e = Queue::new(
            vec![("mine".into(), t("alb-asg")), ("Sketch".into(), empty)],
            &Workload::default(),
        )
        .expect_err("refused");
        assert_eq!(e, CompareError::NothingToRun("Sketch".into()));
        assert!(
            e.to_string()
                .contains("\u{201c}Sketch\u{201d} has nothing to run"),
            "{e}"
        );
        assert!(matches!(
            Queue::new(Vec::new(), &Workload::default()),
            Err(CompareError::Empty)
        ));
    }
}
