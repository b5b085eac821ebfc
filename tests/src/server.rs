//! A static file server for the built page, on 127.0.0.1 and a free port.
//!
//! tiny_http accepts connections on its own thread; a few worker threads answer
//! requests from the served directory. Everything stops when the
//! [`StaticServer`] is dropped.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tiny_http::{Header, Request, Response, Server};

use crate::error::{HarnessError, Result};

/// How many requests are answered at the same time.
const WORKERS: usize = 4;

/// A running static file server.
pub struct StaticServer {
    server: Arc<Server>,
    base_url: String,
    root: PathBuf,
    workers: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for StaticServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticServer")
            .field("base_url", &self.base_url)
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl StaticServer {
    /// Serves `root` on `http://127.0.0.1:<free port>`.
    ///
    /// # Errors
    /// [`HarnessError::Io`] if the port cannot be bound or a thread cannot start.
    pub fn start(root: &Path) -> Result<Self> {
        let server = Server::http("127.0.0.1:0").map_err(|e| {
            HarnessError::io(
                "binding the page server to 127.0.0.1",
                std::io::Error::other(e),
            )
        })?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| HarnessError::Check("page server has no IP address".into()))?;
        let server = Arc::new(server);
        let root = root.to_path_buf();
        let mut workers = Vec::with_capacity(WORKERS);
        for i in 0..WORKERS {
            let server = Arc::clone(&server);
            let root = root.clone();
            // Test-only native code: a plain OS thread per worker. (Threads are
            // banned in the portable crates because wasm32 has none.)
            let handle = std::thread::Builder::new()
                .name(format!("page-server-{i}"))
                .spawn(move || {
                    // `incoming_requests` ends when the server is unblocked on drop.
                    for request in server.incoming_requests() {
                        answer(&root, request);
                    }
                })
                .map_err(|e| HarnessError::io("starting a page server thread", e))?;
            workers.push(handle);
        }
        Ok(StaticServer {
            server,
            base_url: format!("http://127.0.0.1:{port}"),
            root,
            workers,
        })
    }

    /// The address to open, without a trailing slash (`http://127.0.0.1:PORT`).
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The directory being served.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        for _ in 0..self.workers.len() {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            // A worker that panicked has nothing left to clean up.
            let _ = worker.join();
        }
    }
}

/// The Content-Type for a file name, by extension.
#[must_use]
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt") => "text/plain; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Maps a request URL to a file under `root`; `None` for paths that leave it.
#[must_use]
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut out = root.to_path_buf();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

fn answer(root: &Path, request: Request) {
    let file = resolve(root, request.url()).and_then(|p| fs::read(&p).ok().map(|b| (p, b)));
    let (response, mime) = match file {
        Some((path, bytes)) => (Response::from_data(bytes), mime_type(&path)),
        None => (
            Response::from_data(b"not found".to_vec()).with_status_code(404),
            "text/plain; charset=utf-8",
        ),
    };
    let mut response = response;
    for (name, value) in [("Content-Type", mime), ("Cache-Control", "no-store")] {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    // The browser may have gone away; nothing to do about it here.
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_and_scripts_get_the_types_browsers_require() {
        assert_eq!(mime_type(Path::new("app_bg-1a2b.wasm")), "application/wasm");
        assert!(mime_type(Path::new("app-1a2b.js")).starts_with("text/javascript"));
        assert!(mime_type(Path::new("index.HTML")).starts_with("text/html"));
        assert_eq!(mime_type(Path::new("blob")), "application/octet-stream");
    }

    #[test]
    fn paths_stay_inside_the_root() {
        let root = Path::new("/srv/page");
        assert_eq!(resolve(root, "/a/b.js?x=1#f"), Some(root.join("a/b.js")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
    }
}
