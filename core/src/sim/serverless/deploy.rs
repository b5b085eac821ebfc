//! Versions, the alias and CodeDeploy traffic shifting of a Lambda function.
//!
//! A "bad deployment" in the timeline publishes a new version. Without
//! traffic shifting the alias moves to it at once. With a CodeDeploy
//! configuration [CDK-CD] a BeforeAllowTraffic check first invokes the new
//! version; traffic then moves all at once, as a 10 % canary, or 10 % more
//! per interval; a rollback alarm watches the new version's errors every
//! minute, and an AfterAllowTraffic check runs once it has all the traffic.
//! A failed check or alarm moves the alias back to the old version.

pub(crate) mod shift;

use shift::{Deploy, Shift};

use super::super::Ev;
use super::super::engine::Engine;

/// Test invocations of a BeforeAllowTraffic or AfterAllowTraffic check.
/// Assumption: the hook is the user's own code; we model it as 10 calls of
/// the new version that must all succeed.
pub(crate) const CHECK_CALLS: u32 = 10;

impl Engine {
    fn deploy_note(&mut self, k: usize, text: String) {
        let node = self.pools[self.sls.fns[k].pool as usize].node;
        self.cx.log(Some(node), text);
    }

    /// A check of the new version: [`CHECK_CALLS`] test invocations that must
    /// all succeed (drawn with its error rate).
    fn check_passes(&mut self, k: usize) -> bool {
        let f = &mut self.sls.fns[k];
        let rate = f.error[1 - f.primary as usize];
        let pool = &mut self.pools[f.pool as usize];
        (0..CHECK_CALLS).all(|_| !pool.fault_rng.chance(rate))
    }

    /// The timeline publishes a new version of function `k` that fails
    /// `error_rate` of its invocations.
    pub(crate) fn lambda_deploy(&mut self, k: usize, error_rate: f64) {
        let f = &mut self.sls.fns[k];
        let cand = 1 - f.primary as usize;
        f.error[cand] = error_rate.clamp(0.0, 1.0);
        f.weight = 0.0;
        // New code runs in new environments: the old candidate's idle ones go.
        let old: Vec<u32> = f.idle[cand].drain(..).map(|e| e.0).collect();
        let shift = f.shift;
        self.retire_envs(k, &old);
        let f = &mut self.sls.fns[k];
        let pct = error_rate * 100.0;
        if shift == Shift::None {
            f.weight = 1.0;
            f.deploy = None;
            self.deploy_note(
                k,
                format!(
                    "a new version is deployed and the alias moves to it at once; it fails {pct:.0} % of invocations"
                ),
            );
            return;
        }
        if !self.check_passes(k) {
            self.deploy_note(
                k,
                format!(
                    "a new version failing {pct:.0} % of invocations fails its BeforeAllowTraffic check: rolled back before any traffic"
                ),
            );
            return;
        }
        let f = &mut self.sls.fns[k];
        f.deploy = Some(Deploy { step: 0 });
        f.minute = [(0, 0); 2];
        let (weight, next) = match shift {
            Shift::AllAtOnce | Shift::None => (1.0, None),
            Shift::Canary { interval_us } | Shift::Linear { interval_us } => {
                (0.1, Some(interval_us))
            }
        };
        f.weight = weight;
        self.deploy_note(
            k,
            format!(
                "a new version is deployed (it fails {pct:.0} % of invocations); CodeDeploy shifts {:.0} % of traffic to it",
                weight * 100.0
            ),
        );
        match next {
            Some(dt) if self.cx.now + dt < self.cx.end_us => {
                self.cx
                    .q
                    .push(self.cx.now + dt, Ev::LambdaShift { func: k as u16 });
            }
            Some(_) => {}
            None => self.deploy_finish(k),
        }
    }

    /// The next step of a canary or linear shift.
    pub(crate) fn lambda_shift(&mut self, k: usize) {
        let f = &mut self.sls.fns[k];
        let Some(d) = f.deploy.as_mut() else {
            return; // rolled back meanwhile
        };
        d.step += 1;
        let step = d.step;
        let (weight, interval) = match f.shift {
            Shift::Canary { .. } | Shift::AllAtOnce | Shift::None => (1.0, 0),
            Shift::Linear { interval_us } => ((0.1 * f64::from(step + 1)).min(1.0), interval_us),
        };
        f.weight = weight;
        if weight >= 1.0 - 1e-9 {
            f.weight = 1.0;
            self.deploy_finish(k);
            return;
        }
        self.deploy_note(
            k,
            format!(
                "CodeDeploy shifts {:.0} % of traffic to the new version",
                weight * 100.0
            ),
        );
        if self.cx.now + interval < self.cx.end_us {
            self.cx
                .q
                .push(self.cx.now + interval, Ev::LambdaShift { func: k as u16 });
        }
    }

    /// All traffic is on the new version: the AfterAllowTraffic check decides.
    fn deploy_finish(&mut self, k: usize) {
        if !self.check_passes(k) {
            self.rollback(
                k,
                "the new version fails its AfterAllowTraffic check".to_owned(),
            );
            return;
        }
        let f = &mut self.sls.fns[k];
        f.deploy = None;
        let old = f.primary;
        f.primary = 1 - old;
        f.weight = 0.0;
        // Provisioned concurrency follows the alias to the new version
        // (assumption: re-initialised at once; AWS advises raising it
        // during a shift [LAM-ALIAS]).
        let pcs = f.pc_envs.clone();
        let new = f.primary;
        for &i in &pcs {
            self.insts[i as usize].ty = new;
        }
        let insts = &self.insts;
        let f = &mut self.sls.fns[k];
        let (a, b) = f.idle.split_at_mut(1);
        let (from, to) = if old == 0 {
            (&mut a[0], &mut b[0])
        } else {
            (&mut b[0], &mut a[0])
        };
        from.retain(|&e| {
            let moved = insts[e.0 as usize].ty == new;
            if moved {
                to.push(e);
            }
            !moved
        });
        self.deploy_note(
            k,
            "the deployment completes: the new version has all traffic".to_owned(),
        );
    }

    /// Moves the alias back to the old version.
    fn rollback(&mut self, k: usize, why: String) {
        let f = &mut self.sls.fns[k];
        f.deploy = None;
        f.weight = 0.0;
        self.deploy_note(
            k,
            format!("CodeDeploy rolls back: {why}; all traffic returns to the old version"),
        );
    }

    /// Once a minute during a deployment: the rollback alarm on the new
    /// version's errors (period 60 s, one datapoint) [CW-ALARM].
    pub(crate) fn deploy_alarm(&mut self, k: usize) {
        let f = &mut self.sls.fns[k];
        let cand = 1 - f.primary as usize;
        let (calls, errors) = f.minute[cand];
        f.minute = [(0, 0); 2];
        if f.deploy.is_none() || f.alarm_share <= 0.0 || calls == 0 {
            return;
        }
        let share = f64::from(errors) / f64::from(calls);
        if share > f.alarm_share {
            let limit = f.alarm_share * 100.0;
            self.rollback(
                k,
                format!(
                    "{errors} of {calls} invocations of the new version failed in the last minute (alarm above {limit:.1} %)"
                ),
            );
        }
    }

    /// The timeline's bad deployment ends: the bad version is replaced by
    /// the old one wherever it still serves.
    pub(crate) fn lambda_undeploy(&mut self, k: usize) {
        let f = &mut self.sls.fns[k];
        let p = f.primary as usize;
        let live = f.weight > 0.0 && f.error[1 - p] > 0.0 || f.error[p] > 0.0;
        f.deploy = None;
        f.weight = 0.0;
        if f.error[p] > 0.0 {
            f.primary = 1 - f.primary;
        }
        f.error = [0.0; 2];
        if live {
            self.deploy_note(k, "the bad version is rolled back".to_owned());
        }
    }
}
