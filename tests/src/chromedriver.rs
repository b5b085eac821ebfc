//! Starting and stopping chromedriver.

use std::fs::File;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tempfile::TempDir;

use crate::error::{HarnessError, Result};
use crate::paths;

/// Environment variable that overrides the chromedriver path.
pub const CHROMEDRIVER_ENV: &str = "CHROMEDRIVER";
/// Where Debian's `chromium-driver` package installs chromedriver.
pub const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long chromedriver may take to answer its first status request.
const READY_TIMEOUT: Duration = Duration::from_secs(20);
/// How many free ports are tried if another process takes one first.
const PORT_ATTEMPTS: usize = 3;

/// A chromedriver process started by the harness; killed on drop.
#[derive(Debug)]
pub struct Chromedriver {
    child: Child,
    url: String,
    log: PathBuf,
    /// Holds chromedriver's log file; removed on drop.
    _dir: TempDir,
}

impl Chromedriver {
    /// Starts chromedriver on a free port and waits until it reports ready.
    ///
    /// # Errors
    /// [`HarnessError::ToolMissing`] if the binary is absent, [`HarnessError::DriverStart`]
    /// if it exits or does not answer within 20 s.
    pub async fn start() -> Result<Self> {
        let bin = paths::tool("chromedriver", CHROMEDRIVER_ENV, DEFAULT_CHROMEDRIVER)?;
        let mut last = String::new();
        for _ in 0..PORT_ATTEMPTS {
            match Self::start_on_free_port(&bin).await {
                Ok(driver) => return Ok(driver),
                Err(HarnessError::DriverStart { detail }) => last = detail,
                Err(e) => return Err(e),
            }
        }
        Err(HarnessError::DriverStart { detail: last })
    }

    async fn start_on_free_port(bin: &PathBuf) -> Result<Self> {
        let port = free_port()?;
        let dir = tempfile::Builder::new()
            .prefix("skydraft-chromedriver-")
            .tempdir()
            .map_err(|e| HarnessError::io("creating chromedriver's log directory", e))?;
        let log = dir.path().join("chromedriver.log");
        let out =
            File::create(&log).map_err(|e| HarnessError::io("creating chromedriver.log", e))?;
        let err = out
            .try_clone()
            .map_err(|e| HarnessError::io("sharing chromedriver.log", e))?;
        let child = Command::new(bin)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| HarnessError::io(format!("starting {}", bin.display()), e))?;
        let mut driver = Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log,
            _dir: dir,
        };
        match tokio::time::timeout(READY_TIMEOUT, driver.wait_ready()).await {
            Ok(Ok(())) => Ok(driver),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(HarnessError::DriverStart {
                detail: format!(
                    "no ready status from {} within {} s; log: {}",
                    driver.url,
                    READY_TIMEOUT.as_secs(),
                    driver.log_tail()
                ),
            }),
        }
    }

    async fn wait_ready(&mut self) -> Result<()> {
        let client = reqwest::Client::new();
        let status = format!("{}/status", self.url);
        loop {
            if let Ok(Some(code)) = self.child.try_wait() {
                return Err(HarnessError::DriverStart {
                    detail: format!("chromedriver exited with {code}; log: {}", self.log_tail()),
                });
            }
            if let Ok(resp) = client.get(&status).send().await
                && let Ok(body) = resp.text().await
                && let Ok(json) = serde_json::from_str::<serde_json::Value>(&body)
                && json["value"]["ready"].as_bool() == Some(true)
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The WebDriver endpoint (`http://127.0.0.1:PORT`).
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The last lines chromedriver wrote, for error messages.
    #[must_use]
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // Already exited is fine; either way reap it so no zombie is left.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| HarnessError::io("finding a free port", e))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| HarnessError::io("reading a free port", e))
}
