//! The live-class relay (`skydraft-relay`) as a process a test owns: started
//! on a free port of 127.0.0.1, killed and started again on the same port
//! (a relay that dies in the middle of a class), and killed on drop.
//!
//! The program is the workspace's `server` crate, built by `cargo test
//! --workspace` or `cargo build -p skydraft-relay`; `$SKYDRAFT_RELAY`
//! points at another build.

use std::fmt;
use std::fs::File;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tempfile::TempDir;

use crate::paths;

/// Environment variable that points the harness at a built relay.
pub const RELAY_ENV: &str = "SKYDRAFT_RELAY";
/// The command that builds the relay.
pub const BUILD_COMMAND: &str = "cargo build -p skydraft-relay";
/// How long the relay may take to accept its first connection.
const READY_TIMEOUT: Duration = Duration::from_secs(20);
/// Pause between two readiness checks.
const READY_POLL: Duration = Duration::from_millis(25);
/// How long one connection attempt to the relay may take.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(250);
/// What the relay prints, followed by its address, once it listens.
const LISTENING: &str = "listening on ";

/// What can go wrong with the relay.
#[derive(Debug)]
#[non_exhaustive]
pub enum RelayError {
    /// No built relay where it was looked for.
    Missing {
        /// The paths tried, in order.
        tried: Vec<PathBuf>,
    },
    /// A file or process operation failed.
    Io {
        /// What the harness was doing.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The relay exited or did not accept connections in time.
    Start {
        /// Why, with the tail of the relay's output.
        detail: String,
    },
}

impl RelayError {
    /// An I/O error with the action that caused it.
    fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        RelayError::Io {
            context: context.into(),
            source,
        }
    }
}

impl fmt::Display for RelayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RelayError::Missing { tried } => {
                let tried: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "the live-class relay is not built (looked for {}). Build it with \
                     `{BUILD_COMMAND}` in the repository root (or set {RELAY_ENV} to a built \
                     skydraft-relay).",
                    tried.join(", ")
                )
            }
            RelayError::Io { context, source } => write!(f, "{context}: {source}"),
            RelayError::Start { detail } => write!(f, "the relay did not start: {detail}"),
        }
    }
}

impl std::error::Error for RelayError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RelayError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Shorthand for relay results.
pub type Result<T, E = RelayError> = std::result::Result<T, E>;

/// The relay program: `$SKYDRAFT_RELAY`, else `target/debug/skydraft-relay`,
/// else `target/release/skydraft-relay`.
///
/// # Errors
/// [`RelayError::Missing`], naming the command that builds it.
pub fn binary() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os(RELAY_ENV) {
        return find(&[PathBuf::from(p)]);
    }
    let target = paths::repo_root().join("target");
    find(&[
        target.join("debug").join("skydraft-relay"),
        target.join("release").join("skydraft-relay"),
    ])
}

/// The first of `candidates` that is a file.
///
/// # Errors
/// [`RelayError::Missing`] listing them all.
pub fn find(candidates: &[PathBuf]) -> Result<PathBuf> {
    candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .ok_or_else(|| RelayError::Missing {
            tried: candidates.to_vec(),
        })
}

/// A running (or killed) relay on 127.0.0.1; killed on drop.
#[derive(Debug)]
pub struct Relay {
    bin: PathBuf,
    port: u16,
    /// `None` while killed.
    child: Option<Child>,
    log: PathBuf,
    /// Holds the relay's output file; removed on drop.
    _dir: TempDir,
}

impl Relay {
    /// Starts the relay on a free port and waits until it accepts connections.
    ///
    /// # Errors
    /// [`RelayError::Missing`] if it is not built, [`RelayError::Start`] if it
    /// exits or does not answer within 20 s.
    pub async fn start() -> Result<Self> {
        let bin = binary()?;
        let dir = tempfile::Builder::new()
            .prefix("skydraft-relay-")
            .tempdir()
            .map_err(|e| RelayError::io("creating the relay's log directory", e))?;
        let log = dir.path().join("relay.log");
        // Port 0: the relay picks a free port and prints it, so no other
        // process can take it between choosing and binding.
        let child = spawn(&bin, "127.0.0.1:0", &log)?;
        let mut relay = Relay {
            bin,
            port: 0,
            child: Some(child),
            log,
            _dir: dir,
        };
        relay.ready().await?;
        Ok(relay)
    }

    /// The address pages connect to: `ws://127.0.0.1:PORT`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    /// The port it listens on, the same across restarts.
    #[must_use]
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Whether the process is running (not killed, not exited).
    pub fn is_running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    /// Kills the relay at once (as a crash would: no goodbye to anyone) and
    /// waits until it is gone. Killing a killed relay does nothing.
    ///
    /// # Errors
    /// [`RelayError::Io`] if the process cannot be killed.
    pub fn kill(&mut self) -> Result<()> {
        if let Some(mut child) = self.child.take() {
            // An already exited process cannot be killed; it is still reaped.
            let killed = child.kill();
            child
                .wait()
                .map_err(|e| RelayError::io("waiting for the killed relay", e))?;
            if let Err(e) = killed
                && e.kind() != std::io::ErrorKind::InvalidInput
            {
                return Err(RelayError::io("killing the relay", e));
            }
        }
        Ok(())
    }

    /// Kills the relay if it runs, starts it again on the same port, and
    /// waits until it accepts connections.
    ///
    /// # Errors
    /// [`RelayError::Start`] if the port is taken or the relay does not answer.
    pub async fn restart(&mut self) -> Result<()> {
        self.kill()?;
        let listen = format!("127.0.0.1:{}", self.port);
        self.child = Some(spawn(&self.bin, &listen, &self.log)?);
        self.ready().await
    }

    /// The last lines the relay wrote (over all its runs), for error messages.
    #[must_use]
    pub fn log_tail(&self) -> String {
        tail(&self.log)
    }

    /// Waits until the relay accepts connections, for at most 20 s.
    async fn ready(&mut self) -> Result<()> {
        match tokio::time::timeout(READY_TIMEOUT, self.poll_ready()).await {
            Ok(ready) => ready,
            Err(_) => Err(RelayError::Start {
                detail: format!(
                    "no connection accepted on {} within {} s; its output: {}",
                    self.url(),
                    READY_TIMEOUT.as_secs(),
                    self.log_tail()
                ),
            }),
        }
    }

    /// Learns the port from the relay's output if it is not known yet, then
    /// waits until a TCP connection to it is accepted.
    async fn poll_ready(&mut self) -> Result<()> {
        loop {
            if !self.is_running() {
                return Err(RelayError::Start {
                    detail: format!("the relay exited; its output: {}", self.log_tail()),
                });
            }
            if self.port == 0 {
                self.port = listening_port(&std::fs::read_to_string(&self.log).unwrap_or_default())
                    .unwrap_or(0);
            }
            let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
            if self.port != 0 && TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT).is_ok() {
                return Ok(());
            }
            tokio::time::sleep(READY_POLL).await;
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        // Nothing more to do if it cannot be killed: the test is over.
        let _ = self.kill();
    }
}

/// Starts the relay listening on `listen`, its output appended to `log`.
fn spawn(bin: &Path, listen: &str, log: &Path) -> Result<Child> {
    let out = File::options()
        .create(true)
        .append(true)
        .open(log)
        .map_err(|e| RelayError::io("opening relay.log", e))?;
    let err = out
        .try_clone()
        .map_err(|e| RelayError::io("sharing relay.log", e))?;
    Command::new(bin)
        .args(["--listen", listen])
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| RelayError::io(format!("starting {}", bin.display()), e))
}

/// The port in the relay's "listening on 127.0.0.1:PORT, …" line.
#[must_use]
pub fn listening_port(output: &str) -> Option<u16> {
    output.lines().find_map(|line| {
        let (_, rest) = line.split_once(LISTENING)?;
        let addr = rest.split([',', ' ']).next()?;
        addr.parse::<SocketAddr>().ok().map(|a| a.port())
    })
}

/// The last 20 lines of a file, or nothing.
fn tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use skydraft_core::live::link::ClassKeys;

    use super::*;

    /// A WebSocket opened by hand: enough of RFC 6455 to talk to the relay.
    struct Ws(TcpStream);

    impl Ws {
        /// Opens `path` on the relay; returns the socket and the status line.
        fn open(port: u16, path: &str) -> std::io::Result<(Ws, String)> {
            let mut tcp = TcpStream::connect(("127.0.0.1", port))?;
            tcp.set_read_timeout(Some(Duration::from_secs(5)))?;
            write!(
                tcp,
                "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n\
                 Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
                 Sec-WebSocket-Version: 13\r\n\r\n"
            )?;
            // Byte by byte, so that no frame after the headers is taken.
            let mut head = Vec::new();
            let mut byte = [0_u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                tcp.read_exact(&mut byte)?;
                head.push(byte[0]);
            }
            let status = String::from_utf8_lossy(&head)
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned();
            Ok((Ws(tcp), status))
        }

        /// Sends a short binary message (masked, as a client must).
        fn send(&mut self, data: &[u8]) -> std::io::Result<()> {
            let mask = [1_u8, 2, 3, 4];
            let len = u8::try_from(data.len()).unwrap();
            assert!(len < 126);
            let mut frame = vec![0x82, 0x80 | len];
            frame.extend_from_slice(&mask);
            frame.extend(data.iter().zip(mask.iter().cycle()).map(|(d, m)| d ^ m));
            self.0.write_all(&frame)
        }

        /// The next message that is not a ping or pong: its opcode and payload.
        fn next(&mut self) -> std::io::Result<(u8, Vec<u8>)> {
            loop {
                let mut head = [0_u8; 2];
                self.0.read_exact(&mut head)?;
                let mut len = usize::from(head[1] & 0x7f);
                if len == 126 {
                    let mut ext = [0_u8; 2];
                    self.0.read_exact(&mut ext)?;
                    len = usize::from(u16::from_be_bytes(ext));
                }
                let mut payload = vec![0; len];
                self.0.read_exact(&mut payload)?;
                let opcode = head[0] & 0x0f;
                if opcode != 0x9 && opcode != 0xa {
                    return Ok((opcode, payload));
                }
            }
        }
    }

    /// A teacher and a student join a class on the relay; the teacher hears
    /// of the student, and the student gets the teacher's message.
    fn a_class_talks(port: u16) {
        let keys = ClassKeys::new([7; 32], [1; 32]);
        let (mut teacher, status) = Ws::open(port, &keys.relay_path()).unwrap();
        assert!(status.starts_with("HTTP/1.1 101"), "{status}");
        let (mut student, status) = Ws::open(port, &keys.for_student().relay_path()).unwrap();
        assert!(status.starts_with("HTTP/1.1 101"), "{status}");
        let (opcode, text) = teacher.next().unwrap();
        assert_eq!(opcode, 0x1);
        assert!(text.starts_with(b"joined "), "{text:?}");
        teacher.send(&[1, 9, 9]).unwrap();
        assert_eq!(student.next().unwrap(), (0x2, vec![1, 9, 9]));
    }

    #[test]
    fn the_listening_line_gives_the_port() {
        assert_eq!(
            listening_port("skydraft-relay listening on 127.0.0.1:40123, rooms in this process\n"),
            Some(40123)
        );
        assert_eq!(listening_port("cannot listen on 127.0.0.1:80"), None);
    }

    #[test]
    fn a_missing_relay_names_the_command_that_builds_it() {
        let err = find(&[PathBuf::from("/nonexistent/skydraft-relay")]).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains(BUILD_COMMAND) && msg.contains(RELAY_ENV),
            "{msg}"
        );
        assert!(msg.contains("/nonexistent/skydraft-relay"), "{msg}");
    }

    #[tokio::test]
    async fn a_relay_forwards_a_class_and_restarts_on_its_port() {
        let mut relay = Relay::start().await.unwrap();
        let port = relay.port();
        assert_eq!(relay.url(), format!("ws://127.0.0.1:{port}"));
        assert!(relay.is_running());
        a_class_talks(port);

        // A class's connection is open when the relay dies.
        let (mut open, _) = Ws::open(port, &ClassKeys::new([8; 32], [1; 32]).relay_path()).unwrap();
        relay.kill().unwrap();
        assert!(!relay.is_running());
        assert!(open.next().is_err(), "the connection outlived the relay");
        assert!(
            TcpStream::connect(("127.0.0.1", port)).is_err(),
            "something still listens on the killed relay's port"
        );

        relay.restart().await.unwrap();
        assert_eq!(relay.port(), port);
        assert!(relay.is_running());
        a_class_talks(port);
        assert_eq!(
            relay.log_tail().matches(LISTENING).count(),
            2,
            "{}",
            relay.log_tail()
        );
    }

    #[tokio::test]
    async fn a_dropped_relay_stops_listening() {
        let relay = Relay::start().await.unwrap();
        let port = relay.port();
        drop(relay);
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
    }
}
