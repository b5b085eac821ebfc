//! `skydraft-relay`: the live-class relay as a program.
//!
//! ```sh
//! skydraft-relay --listen 0.0.0.0:8787                        # one relay
//! skydraft-relay --listen 0.0.0.0:8787 --nats nats://10.0.0.5:4222   # one of many
//! ```

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use skydraft_relay::{Fanout, Limits, Rate, Relay};

/// The live-class relay: WebSocket rooms that forward end-to-end encrypted
/// messages from a teacher to students and back. It never reads or logs a
/// message.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: String,
    /// Fan rooms out through this NATS server, so that students on other
    /// relays share a room.
    #[arg(long)]
    nats: Option<String>,
    /// Largest message, bytes.
    #[arg(long, default_value_t = Limits::default().max_message_bytes)]
    max_message_bytes: usize,
    /// Messages per second a teacher may send (twice as many in a burst).
    #[arg(long, default_value_t = Limits::default().teacher_rate.per_s)]
    teacher_rate: f64,
    /// Messages per second a student may send (a burst of five).
    #[arg(long, default_value_t = Limits::default().student_rate.per_s)]
    student_rate: f64,
    /// Connections in one room.
    #[arg(long, default_value_t = Limits::default().max_peers_per_room)]
    max_peers_per_room: usize,
    /// Rooms on this relay.
    #[arg(long, default_value_t = Limits::default().max_rooms)]
    max_rooms: usize,
    /// Seconds without a message after which a room is closed.
    #[arg(long, default_value_t = Limits::default().idle_room.as_secs_f64())]
    idle_room_s: f64,
}

impl Args {
    fn limits(&self) -> Result<Limits, String> {
        let positive = |name: &str, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(v)
            } else {
                Err(format!("--{name} must be a positive number, not {v}"))
            }
        };
        let teacher = positive("teacher-rate", self.teacher_rate)?;
        let student = positive("student-rate", self.student_rate)?;
        let idle = positive("idle-room-s", self.idle_room_s)?;
        Ok(Limits {
            max_message_bytes: self.max_message_bytes.max(1),
            teacher_rate: Rate {
                per_s: teacher,
                burst: (2.0 * teacher).max(1.0),
            },
            student_rate: Rate {
                per_s: student,
                burst: Limits::default().student_rate.burst.max(student),
            },
            max_peers_per_room: self.max_peers_per_room,
            max_rooms: self.max_rooms,
            idle_room: Duration::from_secs_f64(idle),
        })
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("skydraft-relay: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let limits = args.limits()?;
    let fanout = match &args.nats {
        None => Fanout::Local,
        Some(url) => Fanout::Nats(
            async_nats::connect(url.as_str())
                .await
                .map_err(|e| format!("cannot reach NATS at {url}: {e}"))?,
        ),
    };
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let address = listener
        .local_addr()
        .map_or_else(|_| args.listen.clone(), |a| a.to_string());
    let through = args.nats.as_deref().map_or_else(
        || "rooms in this process".to_owned(),
        |u| format!("rooms through NATS at {u}"),
    );
    // The tests read this line to learn the port.
    println!("skydraft-relay listening on {address}, {through}");
    let relay = Relay::new(limits, fanout);
    tokio::select! {
        served = relay.serve(listener) => served.map_err(|e| format!("listening failed: {e}")),
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}
