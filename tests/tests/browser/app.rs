//! Reading and driving the app through its test attributes.

use skydraft_core::catalog;
use skydraft_core::design::Design;
use skydraft_core::library;
use skydraft_core::share;
use skydraft_tests::{HarnessError, Page, Poll, ui, wait};

/// Errors a test body can return.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A component as the canvas shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comp {
    /// `data-component-id` (`c3`).
    pub id: String,
    /// `data-kind` (`alb`).
    pub kind: String,
}

/// A link as the canvas shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAttrs {
    /// `data-link-id`.
    pub id: String,
    /// `data-from`: a component id.
    pub from: String,
    /// `data-to`: a component id.
    pub to: String,
}

/// Opens the page at `path_or_fragment` and waits until the canvas shows components.
pub async fn open_app(page: &Page, path_or_fragment: &str) -> Result<Vec<Comp>, Error> {
    page.open(path_or_fragment).await?;
    page.wait_for(&ui::testid(ui::CANVAS)).await?;
    page.wait_for_count(&ui::components(), "components on the canvas", |n| n > 0)
        .await?;
    components(page).await
}

/// Every component on the canvas, in document order.
pub async fn components(page: &Page) -> Result<Vec<Comp>, Error> {
    let raw: Vec<(String, String)> = page
        .eval(&format!(
            "return [...document.querySelectorAll('{}')].map(e => \
             [e.getAttribute('data-component-id'), e.getAttribute('data-kind') || '']);",
            ui::components()
        ))
        .await?;
    Ok(raw
        .into_iter()
        .map(|(id, kind)| Comp { id, kind })
        .collect())
}

/// Every link on the canvas.
pub async fn links(page: &Page) -> Result<Vec<LinkAttrs>, Error> {
    let raw: Vec<(String, String, String)> = page
        .eval(&format!(
            "return [...document.querySelectorAll('{}')].map(e => [e.getAttribute('data-link-id'), \
             e.getAttribute('data-from') || '', e.getAttribute('data-to') || '']);",
            ui::links()
        ))
        .await?;
    Ok(raw
        .into_iter()
        .map(|(id, from, to)| LinkAttrs { id, from, to })
        .collect())
}

/// The centre of a component's box on screen (viewport CSS pixels).
pub async fn component_center(page: &Page, id: &str) -> Result<(f64, f64), Error> {
    let el = page.find(&ui::component(id)).await?;
    Ok(page.center_of(&el).await?)
}

/// A point on the canvas with room for a new component around it: nothing
/// but the canvas itself under a 240 × 100 px box, inside the viewport,
/// zooming out when the design fills the view.
pub async fn free_canvas_point(page: &Page) -> Result<(i64, i64), Error> {
    let script = format!(
        "const svg = document.querySelector('{canvas}');
         const r = svg.getBoundingClientRect();
         const clear = (x, y) => {{
           if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
           const e = document.elementFromPoint(x, y);
           return !!e && svg.contains(e) && !e.closest('[data-component-id],[data-link-id],[data-handle-for]');
         }};
         for (let y = r.top + 80; y < r.bottom - 60; y += 24) {{
           for (let x = r.left + 140; x < r.right - 140; x += 24) {{
             let ok = true;
             for (let dx = -120; ok && dx <= 120; dx += 30)
               for (let dy = -50; ok && dy <= 50; dy += 25) ok = clear(x + dx, y + dy);
             if (ok) return [Math.round(x), Math.round(y)];
           }}
         }}
         return null;",
        canvas = ui::testid(ui::CANVAS)
    );
    // A design that fills the canvas at the readable zoom: zoom out for room,
    // as a user would.
    for _ in 0..4 {
        let point: Option<(i64, i64)> = page.eval(&script).await?;
        if let Some(point) = point {
            return Ok(point);
        }
        let out = page.find(&ui::testid("zoom-out")).await?;
        page.click(&out).await?;
    }
    Err("no free spot on the canvas to drop a component, even zoomed out".into())
}

/// Kinds placed as components (not frames or notes), in palette order.
fn node_kinds() -> impl Iterator<Item = &'static catalog::KindSpec> {
    catalog::kinds().iter().filter(|k| k.placement.is_node())
}

/// Two component kinds core connects (`from` → `to`).
pub fn legal_pair() -> Option<(&'static str, &'static str)> {
    node_kinds().find_map(|a| {
        node_kinds()
            .find(|b| a.link_to(b.id).is_some())
            .map(|b| (a.id, b.id))
    })
}

/// Two different component kinds core refuses to connect (`from` → `to`).
pub fn illegal_pair() -> Option<(&'static str, &'static str)> {
    node_kinds().find_map(|a| {
        node_kinds()
            .find(|b| a.id != b.id && a.link_to(b.id).is_none())
            .map(|b| (a.id, b.id))
    })
}

/// Whether a component's connect handle is the topmost element at its own
/// centre, i.e. a person can press it.
pub async fn handle_reachable(page: &Page, id: &str) -> Result<bool, Error> {
    let h = page.find(&ui::handle_for(id)).await?;
    Ok(page
        .eval_with(
            "const h = arguments[0]; const r = h.getBoundingClientRect(); \
             const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); \
             return !!top && (top === h || h.contains(top));",
            vec![h.to_json()?],
        )
        .await?)
}

/// Drags the palette item of `kind` onto a free spot of the canvas with a real
/// pointer drag; returns the new component and the drop point.
pub async fn place_by_drag(page: &Page, kind: &str) -> Result<(Comp, (i64, i64)), Error> {
    let before = components(page).await?;
    let item = page.wait_for(&ui::palette_item(kind)).await?;
    item.scroll_into_view().await?;
    let drop = free_canvas_point(page).await?;
    page.drag_to_point(&item, drop.0, drop.1).await?;
    let added = wait::wait_until(
        &format!("a new `{kind}` component after the drop"),
        wait::DEFAULT_TIMEOUT,
        async || {
            let now = components(page)
                .await
                .map_err(|e| HarnessError::Check(e.to_string()))?;
            let new: Vec<Comp> = now.into_iter().filter(|c| !before.contains(c)).collect();
            Ok(match new.as_slice() {
                [one] => Poll::Ready(one.clone()),
                _ => Poll::Pending(format!("new components: {new:?}")),
            })
        },
    )
    .await?;
    if added.kind != kind {
        return Err(format!("dropped a `{kind}` but a `{}` appeared", added.kind).into());
    }
    Ok((added, drop))
}

/// The visible text of the toast, once one shows.
pub async fn wait_toast(page: &Page) -> Result<String, Error> {
    let css = ui::testid(ui::TOAST);
    let text = wait::wait_until(
        "a visible toast with text",
        wait::DEFAULT_TIMEOUT,
        async || {
            for el in page.find_all(&css).await? {
                if el.is_displayed().await? {
                    let t = el.text().await?;
                    if !t.trim().is_empty() {
                        return Ok(Poll::Ready(t));
                    }
                }
            }
            Ok(Poll::Pending("no visible toast".into()))
        },
    )
    .await?;
    Ok(text)
}

/// Waits until `location.hash` holds a design (decoded by core) for which
/// `ok` holds, and returns that hash.
pub async fn wait_hash_design(
    page: &Page,
    what: &str,
    ok: impl Fn(&Design) -> bool,
) -> Result<String, Error> {
    let hash = wait::wait_until(what, wait::DEFAULT_TIMEOUT, async || {
        let hash = page.hash().await?;
        Ok(match share::decode(&hash) {
            Ok((design, _)) if ok(&design) => Poll::Ready(hash),
            Ok(_) => Poll::Pending(format!("{hash:.60}… holds another design")),
            Err(e) => Poll::Pending(format!("{hash:.60}: {e}")),
        })
    })
    .await?;
    Ok(hash)
}

/// The design the page saved last into the library entry this tab has open
/// (written at every change, unlike the debounced fragment), decoded by core.
pub async fn saved_design(page: &Page) -> Result<Design, Error> {
    let code: Option<String> = page
        .eval(&format!(
            "const id = sessionStorage.getItem('{}'); \
             const rec = id && localStorage.getItem('{}' + id); \
             return rec ? JSON.parse(rec).code : null;",
            ui::TAB_KEY,
            library::KEY_PREFIX
        ))
        .await?;
    let code = code.ok_or("the page has saved nothing for this tab")?;
    Ok(share::decode(&code)?.0)
}

/// Every library entry in this browser's storage, as core reads them.
pub async fn library_entries(page: &Page) -> Result<Vec<library::Entry>, Error> {
    let records: Vec<String> = page
        .eval(&format!(
            "return Object.keys(localStorage).filter(k => k.startsWith('{}')).map(k => localStorage.getItem(k));",
            library::KEY_PREFIX
        ))
        .await?;
    records
        .iter()
        .map(|r| {
            Ok(skydraft_core::json::from_json::<library::Entry>(
                r.as_bytes(),
            )?)
        })
        .collect()
}

/// Waits until the autosaved design satisfies `ok`, and returns it.
pub async fn wait_saved(
    page: &Page,
    what: &str,
    ok: impl Fn(&Design) -> bool,
) -> Result<Design, Error> {
    let d = wait::wait_until(what, wait::DEFAULT_TIMEOUT, async || {
        Ok(match saved_design(page).await {
            Ok(d) if ok(&d) => Poll::Ready(d),
            Ok(d) => Poll::Pending(format!(
                "{} components, {} links",
                d.components.len(),
                d.links.len()
            )),
            Err(e) => Poll::Pending(e.to_string()),
        })
    })
    .await?;
    Ok(d)
}

/// Presses `key` with Ctrl and Shift held.
pub async fn press_ctrl_shift(page: &Page, key: char) -> Result<(), Error> {
    page.driver()
        .action_chain()
        .key_down(skydraft_tests::Key::Control)
        .key_down(skydraft_tests::Key::Shift)
        .key_down(key)
        .key_up(key)
        .key_up(skydraft_tests::Key::Shift)
        .key_up(skydraft_tests::Key::Control)
        .perform()
        .await?;
    Ok(())
}

/// Makes the page keep what it hands to the system: text written to the
/// clipboard (`window.__sdCopied`) and files offered as downloads
/// (`window.__sdDownloads`: name, href, and the text of a blob once read).
/// Nothing reaches the real clipboard or the disk.
pub async fn capture_outputs(page: &Page) -> Result<(), Error> {
    let _: bool = page
        .eval(
            "window.__sdCopied = [];
             window.__sdDownloads = [];
             const blobs = new Map();
             const create = URL.createObjectURL.bind(URL);
             URL.createObjectURL = b => { const u = create(b); blobs.set(u, b); return u; };
             HTMLAnchorElement.prototype.click = function () {
               const entry = { name: this.download, href: this.href, text: null };
               window.__sdDownloads.push(entry);
               const b = blobs.get(this.href);
               if (b) b.text().then(t => { entry.text = t; });
             };
             if (navigator.clipboard) {
               navigator.clipboard.writeText = t => { window.__sdCopied.push(t); return Promise.resolve(); };
             }
             return true;",
        )
        .await?;
    Ok(())
}

/// A captured download: file name, its URL, and its text when it was a blob.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Download {
    /// The file name the page offered.
    pub name: String,
    /// The link (a `blob:` or `data:` URL).
    pub href: String,
    /// The blob's text, once read.
    pub text: Option<String>,
}

/// Waits for the `n`-th (1-based) captured download whose content is ready.
pub async fn wait_download(page: &Page, n: usize) -> Result<Download, Error> {
    let d = wait::wait_until(
        &format!("download number {n}"),
        wait::DEFAULT_TIMEOUT,
        async || {
            let all: Vec<Download> = page.eval("return window.__sdDownloads || []").await?;
            Ok(match all.get(n - 1) {
                Some(d) if d.text.is_some() || d.href.starts_with("data:") => {
                    Poll::Ready(d.clone())
                }
                _ => Poll::Pending(format!("{} downloads", all.len())),
            })
        },
    )
    .await?;
    Ok(d)
}

/// Waits for text the page wrote to the clipboard and returns the last one.
pub async fn wait_copied(page: &Page) -> Result<String, Error> {
    let t = wait::wait_until(
        "text written to the clipboard",
        wait::DEFAULT_TIMEOUT,
        async || {
            let all: Vec<String> = page.eval("return window.__sdCopied || []").await?;
            Ok(match all.last() {
                Some(t) => Poll::Ready(t.clone()),
                None => Poll::Pending("nothing copied".into()),
            })
        },
    )
    .await?;
    Ok(t)
}
