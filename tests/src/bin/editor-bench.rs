//! The editor benchmark: a generated design of 300 components and 400 links
//! opened through its share link in headless Chromium, then one component
//! dragged with a real pointer. Prints figures; asserts nothing about speed.
//!
//! ```sh
//! trunk build --release
//! cargo run -p skydraft-tests --bin editor-bench [-- --json] [-- --loads N]
//! ```
//!
//! Figures:
//! - navigation to interactive: from the start of navigation (the page's
//!   time origin) until every component is in the canvas and the next frame
//!   has been painted; median over N fresh loads (the first, cold, also shown);
//! - frame time while dragging: intervals between `requestAnimationFrame`
//!   callbacks from pointer press to release (60 Hz display: 16.7 ms at best);
//! - work per move: main-thread time from a `pointermove` reaching the window
//!   until the page's handlers, its reactive updates, style and layout are done.

use std::process::ExitCode;
use std::time::Duration;

use serde::Deserialize;
use serde_json::json;
use skydraft_core::scenario::Scenario;
use skydraft_core::share;
use skydraft_tests::{Page, Poll, Session, designs, ui, wait};

/// Components of the benchmark design.
const COMPONENTS: usize = 300;
/// Links of the benchmark design.
const LINKS: usize = 400;
/// Pointer moves in the drag.
const MOVES: usize = 60;
/// Duration of each pointer move (about one frame).
const MOVE_STEP: Duration = Duration::from_millis(16);
/// Fresh page loads measured by default.
const DEFAULT_LOADS: usize = 5;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Installed before every document: notes when the canvas holds every
/// component, then when the frame after that has been painted.
fn ready_probe() -> String {
    format!(
        "(() => {{
           window.__sdReady = null;
           const sel = '{sel}';
           let seen = false;
           const obs = new MutationObserver(() => {{
             if (seen || document.querySelectorAll(sel).length < {COMPONENTS}) return;
             seen = true;
             obs.disconnect();
             const dom = performance.now();
             requestAnimationFrame(() => setTimeout(() => {{
               window.__sdReady = {{ dom, painted: performance.now() }};
             }}, 0));
           }});
           obs.observe(document, {{ childList: true, subtree: true }});
         }})();",
        sel = ui::components()
    )
}

/// Installed before the drag: frame timestamps and per-move work.
const DRAG_PROBE: &str = "
  const b = window.__sdBench = { frames: [], work: [], down: null, up: null, rec: true };
  let t0 = 0;
  addEventListener('pointerdown', () => { b.down = performance.now(); }, true);
  addEventListener('pointerup', () => { b.up = performance.now(); }, true);
  addEventListener('pointermove', () => { t0 = performance.now(); }, true);
  addEventListener('pointermove', () => {
    if (b.down === null || b.up !== null) return;
    document.querySelector('[data-testid=\"canvas\"]').getBoundingClientRect();
    b.work.push(performance.now() - t0);
  }, false);
  const tick = t => { b.frames.push(t); if (b.rec) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  return true;";

#[derive(Debug, Deserialize)]
struct Ready {
    dom: f64,
    painted: f64,
}

#[derive(Debug, Deserialize)]
struct DragTrace {
    frames: Vec<f64>,
    work: Vec<f64>,
    down: Option<f64>,
    up: Option<f64>,
}

/// Median and 95th percentile (nearest rank) of `v`.
fn summary(mut v: Vec<f64>) -> Option<(f64, f64)> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let rank = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    Some((rank(0.5), rank(0.95)))
}

/// Opens the design link in a fresh document and returns when it is interactive.
async fn timed_load(page: &Page, fragment: &str) -> Result<Ready, Error> {
    // A different document first, so the link is a real navigation.
    page.driver().goto("about:blank").await?;
    page.open(fragment).await?;
    let ready = wait::wait_until(
        &format!("{COMPONENTS} components on the canvas"),
        Duration::from_secs(60),
        async || {
            let r: Option<Ready> = page.eval("return window.__sdReady || null").await?;
            let n: usize = page
                .eval(&format!(
                    "return document.querySelectorAll('{}').length",
                    ui::components()
                ))
                .await?;
            Ok(match r {
                Some(r) => Poll::Ready(r),
                None => Poll::Pending(format!("{n} components")),
            })
        },
    )
    .await?;
    Ok(ready)
}

/// Drags the component nearest the canvas' centre by `MOVES` small moves and
/// returns the trace and how far its card moved on screen.
async fn timed_drag(page: &Page) -> Result<(DragTrace, f64), Error> {
    let id: String = page
        .eval(&format!(
            "const c = document.querySelector('{canvas}').getBoundingClientRect();
             const cx = c.left + c.width / 2, cy = c.top + c.height / 2;
             let best = null, bd = Infinity;
             for (const e of document.querySelectorAll('{comps}')) {{
               const r = e.getBoundingClientRect();
               const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
               if (d < bd) {{ bd = d; best = e.getAttribute('data-component-id'); }}
             }}
             return best;",
            canvas = ui::testid(ui::CANVAS),
            comps = ui::components()
        ))
        .await?;
    let el = page.find(&ui::component(&id)).await?;
    let before = page.center_of(&el).await?;
    let _: bool = page.eval(DRAG_PROBE).await?;
    let mut chain = page
        .driver()
        .action_chain_with_delay(None, Some(MOVE_STEP))
        .click_and_hold_element(&el);
    for _ in 0..MOVES {
        chain = chain.move_by_offset(3, 2);
    }
    chain.release().perform().await?;
    // Let the last frames after the release land.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let trace: DragTrace = page
        .eval("const b = window.__sdBench; b.rec = false; return b;")
        .await?;
    let after = page
        .center_of(&page.find(&ui::component(&id)).await?)
        .await?;
    let moved = (after.0 - before.0).hypot(after.1 - before.1);
    Ok((trace, moved))
}

async fn bench(session: &Session, loads: usize) -> Result<serde_json::Value, Error> {
    let design = designs::grid(COMPONENTS, LINKS)?;
    let fragment = format!(
        "{}{}",
        ui::HASH_PREFIX,
        share::encode(&design, &Scenario::default())
    );
    let page = session.page();
    page.driver()
        .cdp()
        .send_raw(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": ready_probe() }),
        )
        .await?;
    let mut interactive = Vec::new();
    let mut dom = Vec::new();
    for _ in 0..loads.max(1) {
        let r = timed_load(&page, &fragment).await?;
        interactive.push(r.painted);
        dom.push(r.dom);
    }
    let links_shown: usize = page
        .eval(&format!(
            "return document.querySelectorAll('{}').length",
            ui::links()
        ))
        .await?;
    if links_shown != LINKS {
        return Err(format!("the canvas shows {links_shown} links, not {LINKS}").into());
    }
    let (trace, moved) = timed_drag(&page).await?;
    if moved < 20.0 {
        return Err(format!(
            "the dragged component moved only {moved:.1} px: the drag did not take"
        )
        .into());
    }
    let (down, up) = match (trace.down, trace.up) {
        (Some(d), Some(u)) => (d, u),
        _ => return Err("the page saw no pointer press and release".into()),
    };
    let in_drag: Vec<f64> = trace
        .frames
        .iter()
        .copied()
        .filter(|t| *t >= down && *t <= up)
        .collect();
    let intervals: Vec<f64> = in_drag.windows(2).map(|w| w[1] - w[0]).collect();
    let frames = summary(intervals.clone()).ok_or("no frames during the drag")?;
    let work = summary(trace.work.clone()).ok_or("no pointer moves during the drag")?;
    let tti = summary(interactive.clone()).ok_or("no load measured")?;
    let dom_ready = summary(dom).ok_or("no load measured")?;
    let console = page.take_console_errors().await?;
    if !console.is_empty() {
        return Err(format!("errors in the page's console: {console:?}").into());
    }
    Ok(json!({
        "components": COMPONENTS,
        "links": LINKS,
        "loads": interactive.len(),
        "nav_to_interactive_ms_median": tti.0,
        "nav_to_interactive_ms_first": interactive[0],
        "nav_to_components_in_dom_ms_median": dom_ready.0,
        "drag_moves": trace.work.len(),
        "drag_frames": intervals.len(),
        "drag_duration_ms": up - down,
        "drag_frame_ms_median": frames.0,
        "drag_frame_ms_p95": frames.1,
        "drag_work_per_move_ms_median": work.0,
        "drag_work_per_move_ms_p95": work.1,
        "dragged_px": moved,
    }))
}

fn print_human(v: &serde_json::Value) {
    let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    println!(
        "editor bench: {} components, {} links (share link, headless Chromium)",
        v["components"], v["links"]
    );
    println!(
        "  navigation to interactive: median {:.0} ms over {} loads (first {:.0} ms; components in DOM at {:.0} ms)",
        f("nav_to_interactive_ms_median"),
        v["loads"],
        f("nav_to_interactive_ms_first"),
        f("nav_to_components_in_dom_ms_median"),
    );
    println!(
        "  drag ({} pointer moves, {:.0} ms): frame time median {:.1} ms, p95 {:.1} ms over {} frames",
        v["drag_moves"],
        f("drag_duration_ms"),
        f("drag_frame_ms_median"),
        f("drag_frame_ms_p95"),
        v["drag_frames"],
    );
    println!(
        "  work per pointer move (handlers + updates + style + layout): median {:.2} ms, p95 {:.2} ms",
        f("drag_work_per_move_ms_median"),
        f("drag_work_per_move_ms_p95"),
    );
}

fn usage() -> ExitCode {
    eprintln!("usage: editor-bench [--json] [--loads N]   (page from $SKYDRAFT_DIST or dist/)");
    ExitCode::from(2)
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut json_out = false;
    let mut loads = DEFAULT_LOADS;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json_out = true,
            "--loads" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => loads = n,
                _ => return usage(),
            },
            _ => return usage(),
        }
    }
    let session = match Session::start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("editor-bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = bench(&session, loads).await;
    if let Err(e) = session.close().await {
        eprintln!("editor-bench: could not close the browser: {e}");
    }
    match result {
        Ok(v) => {
            if json_out {
                println!("{v}");
            } else {
                print_human(&v);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("editor-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
