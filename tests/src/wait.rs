//! Waiting for conditions by polling, with a deadline instead of fixed sleeps.

use std::time::Duration;

use crate::error::{HarnessError, Result};

/// How long helpers wait unless told otherwise. Generous: CI shares 2 cores.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
/// Pause between two checks.
pub const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// What one check of a condition saw.
#[derive(Debug)]
pub enum Poll<T> {
    /// The condition holds; waiting ends with this value.
    Ready(T),
    /// Not yet; the text describes what was seen, for the timeout message.
    Pending(String),
}

/// Polls `check` until it is [`Poll::Ready`] or `timeout` passes.
///
/// Errors from `check` count as "not yet" (elements can go stale while the
/// page re-renders); the last one is reported if the deadline passes.
///
/// # Errors
/// [`HarnessError::Timeout`] naming `what` and the last observation.
pub async fn wait_until<T>(
    what: &str,
    timeout: Duration,
    mut check: impl AsyncFnMut() -> Result<Poll<T>>,
) -> Result<T> {
    let mut last = String::new();
    let polling = async {
        loop {
            match check().await {
                Ok(Poll::Ready(v)) => return v,
                Ok(Poll::Pending(seen)) => last = seen,
                Err(e) => last = format!("error: {e}"),
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    };
    match tokio::time::timeout(timeout, polling).await {
        Ok(v) => Ok(v),
        Err(_) => Err(HarnessError::Timeout {
            what: what.to_string(),
            waited_ms: timeout.as_millis(),
            last,
        }),
    }
}

/// Like [`wait_until`] for a yes/no condition with [`DEFAULT_TIMEOUT`].
///
/// # Errors
/// [`HarnessError::Timeout`] if `check` never returned `true`.
pub async fn wait_for(what: &str, mut check: impl AsyncFnMut() -> Result<bool>) -> Result<()> {
    wait_until(what, DEFAULT_TIMEOUT, async || {
        Ok(if check().await? {
            Poll::Ready(())
        } else {
            Poll::Pending("false".into())
        })
    })
    .await
}

/// How long a run of the page may take before a test gives up.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(120);

/// Waits until the run drawer's status says the run finished.
///
/// # Errors
/// [`HarnessError::Timeout`] with the last status seen (e.g. an error the
/// simulator gave).
pub async fn run_finished(page: &crate::Page) -> Result<()> {
    wait_until("the run to finish", RUN_TIMEOUT, async || {
        let s: String = page
            .eval(
                "const e = document.querySelector('[data-testid=\"run-status\"]'); \
                 return e ? e.textContent : '';",
            )
            .await?;
        Ok(if s.starts_with("Finished") {
            Poll::Ready(())
        } else {
            Poll::Pending(s)
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn returns_once_ready() {
        let mut n = 0;
        let v = wait_until("third poll", Duration::from_secs(5), async || {
            n += 1;
            Ok(if n >= 3 {
                Poll::Ready(n)
            } else {
                Poll::Pending(format!("n={n}"))
            })
        })
        .await
        .unwrap();
        assert_eq!(v, 3);
    }

    #[tokio::test]
    async fn times_out_with_the_last_observation() {
        let err = wait_until::<()>("never", Duration::from_millis(200), async || {
            Ok(Poll::Pending("still no".into()))
        })
        .await
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("never") && msg.contains("still no"), "{msg}");
    }
}
