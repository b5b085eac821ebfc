//! `relay-bench`: the live-class relay under a class's load, as figures.
//!
//! Starts the `skydraft-relay` program (built beside this one) on loopback,
//! connects a teacher and students over real WebSockets, and has each teacher
//! send `--rate` messages a second of `--bytes` bytes for `--seconds`. Every
//! message carries the moment it was sent, so each student measures the
//! delivery latency (teacher → relay → student, on loopback, including this
//! process's own scheduling). It reads the relay's CPU time and peak memory
//! from `/proc` (Linux). Two loads by default: one room of 500 students, then
//! 100 rooms of 30. Figures only: nothing here fails on a slow number.
//!
//! ```sh
//! cargo build --release -p skydraft-relay --bins && target/release/relay-bench
//! target/release/relay-bench --json --seconds 5
//! ```

use std::path::PathBuf;
use std::process::{ExitCode, Stdio};
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use skydraft_relay::RoomId;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::{Semaphore, watch};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;

/// First byte of a bench message: not [`skydraft_relay::SNAPSHOT`], so the
/// relay forwards it without keeping it.
const TICK: u8 = 2;
/// How long students may take to receive the last messages after the
/// teacher stops.
const DRAIN: Duration = Duration::from_secs(2);
/// Connections opened at once while a class gathers.
const CONNECTING_AT_ONCE: usize = 64;
/// Linux reports CPU time in `/proc/<pid>/stat` in ticks of `USER_HZ`, which
/// is 100 on every architecture the kernel exposes to user space.
const USER_HZ: f64 = 100.0;

/// Load benchmark of the live-class relay.
#[derive(Debug, Parser)]
struct Args {
    /// The relay program (default: `skydraft-relay` beside this program).
    #[arg(long)]
    relay: Option<PathBuf>,
    /// Seconds each teacher sends for.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Messages a second from each teacher.
    #[arg(long, default_value_t = 10.0)]
    rate: f64,
    /// Bytes in each message.
    #[arg(long, default_value_t = 1024)]
    bytes: usize,
    /// Students in the single large room.
    #[arg(long, default_value_t = 500)]
    students: usize,
    /// Rooms in the many-rooms load.
    #[arg(long, default_value_t = 100)]
    rooms: usize,
    /// Students in each of those rooms.
    #[arg(long, default_value_t = 30)]
    room_size: usize,
    /// One JSON object per load instead of text.
    #[arg(long)]
    json: bool,
}

/// One load: how many rooms of how many students.
#[derive(Debug, Clone, Copy)]
struct Load {
    rooms: usize,
    students: usize,
}

/// What one load measured.
#[derive(Debug)]
struct Figures {
    load: Load,
    sent: usize,
    expected: usize,
    delivered: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    relay_cpu_percent: f64,
    relay_peak_mb: f64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let loads = [
        Load {
            rooms: 1,
            students: args.students,
        },
        Load {
            rooms: args.rooms,
            students: args.room_size,
        },
    ];
    for load in loads {
        match measure(&args, load).await {
            Ok(f) => print(&args, &f),
            Err(e) => {
                eprintln!("relay-bench: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

fn print(args: &Args, f: &Figures) {
    if args.json {
        println!(
            "{{\"rooms\":{},\"students_per_room\":{},\"rate_per_s\":{},\"bytes\":{},\"seconds\":{},\
             \"sent\":{},\"expected\":{},\"delivered\":{},\"latency_p50_ms\":{:.3},\
             \"latency_p99_ms\":{:.3},\"latency_max_ms\":{:.3},\"relay_cpu_percent\":{:.1},\
             \"relay_peak_mb\":{:.1}}}",
            f.load.rooms,
            f.load.students,
            args.rate,
            args.bytes,
            args.seconds,
            f.sent,
            f.expected,
            f.delivered,
            f.p50_ms,
            f.p99_ms,
            f.max_ms,
            f.relay_cpu_percent,
            f.relay_peak_mb
        );
    } else {
        println!(
            "{} room(s) x {} students, each teacher {} msg/s x {} B for {} s: delivered {}/{}; \
             latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; relay CPU {:.0} % of one core, \
             relay peak memory {:.1} MB",
            f.load.rooms,
            f.load.students,
            args.rate,
            args.bytes,
            args.seconds,
            f.delivered,
            f.expected,
            f.p50_ms,
            f.p99_ms,
            f.max_ms,
            f.relay_cpu_percent,
            f.relay_peak_mb
        );
    }
}

/// Runs one load against a fresh relay.
async fn measure(args: &Args, load: Load) -> Result<Figures, String> {
    let (mut relay, address) = start_relay(args, load).await?;
    let pid = relay.id().ok_or("the relay exited at once")?;
    let base = Instant::now();
    let (stop_tx, stop_rx) = watch::channel(false);
    let gate = Arc::new(Semaphore::new(CONNECTING_AT_ONCE));
    let mut students = Vec::new();
    let mut teachers = Vec::new();
    for r in 0..load.rooms {
        let (secret, room) = class(r);
        for _ in 0..load.students {
            let url = format!("ws://{address}/r/{room}");
            let ws = connect(&url, &gate).await?;
            students.push(tokio::spawn(listen(ws, base, stop_rx.clone())));
        }
        teachers.push(connect(&format!("ws://{address}/r/{room}?t={secret}"), &gate).await?);
    }
    // Let the relay settle the joins before the clock starts.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let cpu_before = cpu_ticks(pid)?;
    let started = Instant::now();
    let sent = teach(args, teachers, base).await?;
    tokio::time::sleep(DRAIN).await;
    let cpu_after = cpu_ticks(pid)?;
    let wall = started.elapsed().as_secs_f64();
    let peak_kb = peak_memory_kb(pid)?;
    let _ = stop_tx.send(true);
    let mut latencies = Vec::new();
    for s in students {
        latencies.extend(s.await.map_err(|e| format!("a student task failed: {e}"))?);
    }
    let _ = relay.kill().await;
    latencies.sort_unstable();
    Ok(Figures {
        load,
        sent,
        expected: sent * load.students * load.rooms,
        delivered: latencies.len(),
        p50_ms: percentile(&latencies, 0.50),
        p99_ms: percentile(&latencies, 0.99),
        max_ms: latencies.last().map_or(0.0, |&us| us as f64 / 1000.0),
        relay_cpu_percent: (cpu_after - cpu_before) as f64 / USER_HZ / wall * 100.0,
        relay_peak_mb: peak_kb as f64 / 1024.0,
    })
}

/// Starts the relay program on a free loopback port with caps that admit
/// the load; its child handle and address.
async fn start_relay(args: &Args, load: Load) -> Result<(Child, String), String> {
    let program = match &args.relay {
        Some(p) => p.clone(),
        None => std::env::current_exe()
            .map_err(|e| format!("cannot find this program: {e}"))?
            .with_file_name("skydraft-relay"),
    };
    let mut child = Command::new(&program)
        .args(["--listen", "127.0.0.1:0"])
        .arg(format!("--max-peers-per-room={}", load.students + 1))
        .arg(format!("--max-rooms={}", load.rooms.max(1)))
        .arg(format!("--teacher-rate={}", args.rate.max(1.0) * 2.0))
        .arg(format!("--max-message-bytes={}", args.bytes.max(17)))
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let stdout = child.stdout.take().ok_or("the relay has no output")?;
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(10), lines.next_line())
        .await
        .map_err(|_| "the relay did not start within 10 s")?
        .map_err(|e| format!("reading the relay's output: {e}"))?
        .ok_or("the relay exited before listening")?;
    let address = line
        .strip_prefix("skydraft-relay listening on ")
        .and_then(|rest| rest.split(',').next())
        .ok_or_else(|| format!("unexpected first line from the relay: {line}"))?;
    Ok((child, address.to_owned()))
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(url: &str, gate: &Semaphore) -> Result<Ws, String> {
    let _permit = gate.acquire().await.map_err(|e| e.to_string())?;
    tokio_tungstenite::connect_async(url)
        .await
        .map(|(ws, _)| ws)
        .map_err(|e| format!("cannot connect to {url}: {e}"))
}

/// Room `r`'s teacher secret (hex) and room id.
fn class(r: usize) -> (String, RoomId) {
    let mut secret = [0u8; 32];
    secret[..8].copy_from_slice(&(r as u64 + 1).to_le_bytes());
    let hex = secret.iter().map(|b| format!("{b:02x}")).collect();
    (hex, RoomId::of_secret(&secret))
}

/// Every teacher sends its messages on one shared clock; how many each sent.
async fn teach(args: &Args, teachers: Vec<Ws>, base: Instant) -> Result<usize, String> {
    let count = (args.seconds * args.rate).round().max(1.0) as usize;
    let mut sinks = Vec::new();
    for ws in teachers {
        let (sink, mut stream) = ws.split();
        // The relay tells the teacher who joins; read it so nothing backs up.
        tokio::spawn(async move { while stream.next().await.is_some() {} });
        sinks.push(sink);
    }
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / args.rate.max(0.001)));
    for seq in 0..count {
        tick.tick().await;
        for sink in &mut sinks {
            let sent_ns = base.elapsed().as_nanos() as u64;
            sink.send(Message::Binary(
                payload(seq as u64, sent_ns, args.bytes).into(),
            ))
            .await
            .map_err(|e| format!("a teacher could not send: {e}"))?;
        }
    }
    Ok(count)
}

/// A bench message: [`TICK`], the sequence number and the send moment in
/// nanoseconds since the bench's base instant, padded to `bytes`.
fn payload(seq: u64, sent_ns: u64, bytes: usize) -> Vec<u8> {
    let mut m = vec![0u8; bytes.max(17)];
    m[0] = TICK;
    m[1..9].copy_from_slice(&seq.to_le_bytes());
    m[9..17].copy_from_slice(&sent_ns.to_le_bytes());
    m
}

/// A student: the latency of every bench message received, in µs, until
/// told to stop.
async fn listen(ws: Ws, base: Instant, mut stop: watch::Receiver<bool>) -> Vec<u64> {
    let (_sink, mut stream) = ws.split();
    let mut latencies = Vec::new();
    loop {
        tokio::select! {
            m = stream.next() => match m {
                Some(Ok(Message::Binary(b))) if b.len() >= 17 && b[0] == TICK => {
                    let mut sent = [0u8; 8];
                    sent.copy_from_slice(&b[9..17]);
                    let now = base.elapsed().as_nanos() as u64;
                    latencies.push(now.saturating_sub(u64::from_le_bytes(sent)) / 1000);
                }
                Some(Ok(_)) => {}
                _ => break,
            },
            _ = stop.changed() => break,
        }
    }
    latencies
}

/// The value at quantile `q` of sorted µs values, in ms.
fn percentile(sorted: &[u64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i] as f64 / 1000.0
}

/// User plus system CPU time of process `pid`, in ticks (`/proc/<pid>/stat`
/// fields 14 and 15).
fn cpu_ticks(pid: u32) -> Result<u64, String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_err(|e| format!("cannot read the relay's CPU time: {e}"))?;
    // The command name (field 2) may hold spaces; count fields after its ')'.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |n: usize| fields.get(n - 3).and_then(|f| f.parse::<u64>().ok());
    match (field(14), field(15)) {
        (Some(u), Some(s)) => Ok(u + s),
        _ => Err("unexpected /proc stat format".to_owned()),
    }
}

/// The relay's peak resident memory, kB (`VmHWM` in `/proc/<pid>/status`).
fn peak_memory_kb(pid: u32) -> Result<u64, String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("cannot read the relay's memory: {e}"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| "no VmHWM in the relay's status".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_of_sorted_microseconds() {
        let v: Vec<u64> = (1..=100).map(|ms| ms * 1000).collect();
        assert_eq!(percentile(&v, 0.5), 50.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&[], 0.99), 0.0);
    }

    #[test]
    fn a_payload_carries_its_moment_and_keeps_its_size() {
        let m = payload(7, 123_456, 1024);
        assert_eq!(m.len(), 1024);
        assert_eq!(m[0], TICK);
        assert_eq!(
            u64::from_le_bytes(m[9..17].try_into().unwrap_or_default()),
            123_456
        );
        assert_eq!(payload(0, 0, 3).len(), 17, "never shorter than its header");
    }

    #[test]
    fn this_process_reads_its_own_cpu_and_memory() {
        let me = std::process::id();
        assert!(cpu_ticks(me).is_ok());
        assert!(peak_memory_kb(me).unwrap_or(0) > 0);
    }
}
