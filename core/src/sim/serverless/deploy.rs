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

use super::super::ix::InstIx;
use shift::{Deploy, Shift};

use super::super::Ev;
use super::super::cx::Cx;
use super::super::model::{Inst, Pool};
use super::state::Serverless;

/// Test invocations of a BeforeAllowTraffic or AfterAllowTraffic check.
/// Assumption: the hook is the user's own code; we model it as 10 calls of
/// the new version that must all succeed.
pub(crate) const CHECK_CALLS: u32 = 10;

impl Serverless {
    /// Logs `text` about function `k`.
    fn deploy_note(&self, cx: &mut Cx, pools: &[Pool], k: usize, text: String) {
        let node = pools[self.fns[k].pool.idx()].node;
        cx.log(Some(node), text);
    }

    /// A check of the new version: [`CHECK_CALLS`] test invocations that must
    /// all succeed (drawn with its error rate).
    fn check_passes(&self, pools: &mut [Pool], k: usize) -> bool {
        let f = &self.fns[k];
        let rate = f.error[1 - f.primary as usize];
        let pool = &mut pools[f.pool.idx()];
        (0..CHECK_CALLS).all(|_| !pool.fault_rng.chance(rate))
    }

    /// The timeline publishes a new version of function `k` that fails
    /// `error_rate` of its invocations. New code runs in new environments:
    /// the old candidate's idle ones are returned, for the run to shut down
    /// before [`Serverless::lambda_deploy`] goes on.
    pub(crate) fn lambda_publish(&mut self, k: usize, error_rate: f64) -> Vec<InstIx> {
        let f = &mut self.fns[k];
        let cand = 1 - f.primary as usize;
        f.error[cand] = error_rate.clamp(0.0, 1.0);
        f.weight = 0.0;
        f.idle[cand].drain(..).map(|e| e.0).collect()
    }

    /// The published version of function `k` (failing `error_rate`) gets
    /// its traffic: at once, or by CodeDeploy after its first check.
    pub(crate) fn lambda_deploy(
        &mut self,
        cx: &mut Cx,
        pools: &mut [Pool],
        insts: &mut [Inst],
        k: usize,
        error_rate: f64,
    ) {
        let f = &mut self.fns[k];
        let shift = f.shift;
        let pct = error_rate * 100.0;
        if shift == Shift::None {
            f.weight = 1.0;
            f.deploy = None;
            self.deploy_note(
                cx,
                pools,
                k,
                format!(
                    "a new version is deployed and the alias moves to it at once; it fails {pct:.0} % of invocations"
                ),
            );
            return;
        }
        if !self.check_passes(pools, k) {
            self.deploy_note(
                cx,
                pools,
                k,
                format!(
                    "a new version failing {pct:.0} % of invocations fails its BeforeAllowTraffic check: rolled back before any traffic"
                ),
            );
            return;
        }
        let f = &mut self.fns[k];
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
            cx,
            pools,
            k,
            format!(
                "a new version is deployed (it fails {pct:.0} % of invocations); CodeDeploy shifts {:.0} % of traffic to it",
                weight * 100.0
            ),
        );
        match next {
            Some(dt) if cx.now + dt < cx.end => {
                cx.q.push(cx.now + dt, Ev::LambdaShift { func: k as u16 });
            }
            Some(_) => {}
            None => self.deploy_finish(cx, pools, insts, k),
        }
    }

    /// The next step of a canary or linear shift.
    pub(crate) fn lambda_shift(
        &mut self,
        cx: &mut Cx,
        pools: &mut [Pool],
        insts: &mut [Inst],
        k: usize,
    ) {
        let f = &mut self.fns[k];
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
            self.deploy_finish(cx, pools, insts, k);
            return;
        }
        self.deploy_note(
            cx,
            pools,
            k,
            format!(
                "CodeDeploy shifts {:.0} % of traffic to the new version",
                weight * 100.0
            ),
        );
        if cx.now + interval < cx.end {
            cx.q.push(cx.now + interval, Ev::LambdaShift { func: k as u16 });
        }
    }

    /// All traffic is on the new version: the AfterAllowTraffic check decides.
    fn deploy_finish(&mut self, cx: &mut Cx, pools: &mut [Pool], insts: &mut [Inst], k: usize) {
        if !self.check_passes(pools, k) {
            self.rollback(
                cx,
                pools,
                k,
                "the new version fails its AfterAllowTraffic check".to_owned(),
            );
            return;
        }
        let f = &mut self.fns[k];
        f.deploy = None;
        let old = f.primary;
        f.primary = 1 - old;
        f.weight = 0.0;
        // Provisioned concurrency follows the alias to the new version
        // (assumption: re-initialised at once; AWS advises raising it
        // during a shift [LAM-ALIAS]).
        let new = f.primary;
        for &i in &f.pc_envs {
            insts[i.idx()].ty = new;
        }
        let (a, b) = f.idle.split_at_mut(1);
        let (from, to) = if old == 0 {
            (&mut a[0], &mut b[0])
        } else {
            (&mut b[0], &mut a[0])
        };
        from.retain(|&e| {
            let moved = insts[e.0.idx()].ty == new;
            if moved {
                to.push(e);
            }
            !moved
        });
        self.deploy_note(
            cx,
            pools,
            k,
            "the deployment completes: the new version has all traffic".to_owned(),
        );
    }

    /// Moves the alias back to the old version.
    fn rollback(&mut self, cx: &mut Cx, pools: &[Pool], k: usize, why: String) {
        let f = &mut self.fns[k];
        f.deploy = None;
        f.weight = 0.0;
        self.deploy_note(
            cx,
            pools,
            k,
            format!("CodeDeploy rolls back: {why}; all traffic returns to the old version"),
        );
    }

    /// Once a minute during a deployment: the rollback alarm on the new
    /// version's errors (period 60 s, one datapoint) [CW-ALARM].
    pub(crate) fn deploy_alarm(&mut self, cx: &mut Cx, pools: &[Pool], k: usize) {
        let f = &mut self.fns[k];
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
                cx,
                pools,
                k,
                format!(
                    "{errors} of {calls} invocations of the new version failed in the last minute (alarm above {limit:.1} %)"
                ),
            );
        }
    }

    /// The timeline's bad deployment ends: the bad version is replaced by
    /// the old one wherever it still serves.
    pub(crate) fn lambda_undeploy(&mut self, cx: &mut Cx, pools: &[Pool], k: usize) {
        let f = &mut self.fns[k];
        let p = f.primary as usize;
        let live = f.weight > 0.0 && f.error[1 - p] > 0.0 || f.error[p] > 0.0;
        f.deploy = None;
        f.weight = 0.0;
        if f.error[p] > 0.0 {
            f.primary = 1 - f.primary;
        }
        f.error = [0.0; 2];
        if live {
            self.deploy_note(cx, pools, k, "the bad version is rolled back".to_owned());
        }
    }
}
