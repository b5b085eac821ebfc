//! Offline and new versions: registers the service worker (`sw.js`, written
//! by `scripts/seal-page.mjs` after every build), which keeps the page and the
//! simulation worker cached, so a page once loaded reloads and runs without a
//! network. When a newer build is installed beside the running one, a notice
//! offers to reload into it; the design is autosaved, so nothing is lost.
//!
//! The page works the same without a service worker (a browser without them,
//! or a page not served from a secure origin); it is only not offline then.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The service worker's script, beside the page.
pub const SCRIPT: &str = "sw.js";
/// The message that asks a waiting version to take over (see public/sw.js).
const SKIP_WAITING: &str = "skip-waiting";

/// What the page knows of its versions.
#[derive(Debug, Clone, Copy)]
pub struct OfflineCtx {
    /// A newer version is installed and waits for a reload.
    pub update: RwSignal<bool>,
    /// The user asked for the new version; the page reloads when it takes over.
    reloading: StoredValue<bool>,
    /// The registration, once the browser has it.
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl OfflineCtx {
    /// The context from the page.
    #[must_use]
    pub fn get() -> Self {
        expect_context::<OfflineCtx>()
    }

    /// Asks the waiting version to take over; the page reloads once it has.
    /// With no waiting version (it already took over elsewhere) it reloads now.
    pub fn reload(self) {
        self.reloading.set_value(true);
        let waiting = self
            .registration
            .with_value(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting));
        match waiting {
            Some(w) => {
                if w.post_message(&SKIP_WAITING.into()).is_err() {
                    reload_page();
                }
            }
            None => reload_page(),
        }
    }
}

fn reload_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent outside a secure context: the property is undefined there.
    let has = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    has.then(|| navigator.service_worker())
}

/// Shows the notice when `worker` finishes installing while this page runs
/// an older version (a page with no controller is on its first install).
fn watch_install(ctx: OfflineCtx, sw: &ServiceWorkerContainer, worker: &ServiceWorker) {
    let sw = sw.clone();
    let w = worker.clone();
    let on_state = Closure::<dyn Fn()>::new(move || {
        if w.state() == ServiceWorkerState::Installed && sw.controller().is_some() {
            ctx.update.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

/// Registers the service worker and watches for new versions. Call once,
/// when the page has painted: the registration fetches nothing the page needs.
pub fn install() -> OfflineCtx {
    let ctx = OfflineCtx {
        update: RwSignal::new(false),
        reloading: StoredValue::new(false),
        registration: StoredValue::new_local(None),
    };
    provide_context(ctx);
    let Some(sw) = container() else { return ctx };
    let on_change = Closure::<dyn Fn()>::new(move || {
        if ctx.reloading.get_value() {
            reload_page();
        }
    });
    sw.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    // After the first paint: the worker's install downloads the whole page
    // again, and the page's own loading goes first.
    request_animation_frame(move || register(ctx, sw));
    ctx
}

/// Registers the script and follows its installs.
fn register(ctx: OfflineCtx, sw: ServiceWorkerContainer) {
    let promise = sw.register(SCRIPT);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if reg.waiting().is_some() && sw.controller().is_some() {
            ctx.update.set(true);
        }
        if let Some(installing) = reg.installing() {
            watch_install(ctx, &sw, &installing);
        }
        let on_found = {
            let reg = reg.clone();
            let sw = sw.clone();
            Closure::<dyn Fn()>::new(move || {
                if let Some(installing) = reg.installing() {
                    watch_install(ctx, &sw, &installing);
                }
            })
        };
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        ctx.registration.set_value(Some(reg));
    });
}

/// The notice of a new version, with Reload and Later.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let ctx = OfflineCtx::get();
    move || {
        ctx.update.get().then(|| {
            view! {
                <div class="update-notice" data-testid="update-notice" role="status">
                    <span>"A new version of Skydraft is ready."</span>
                    <button class="btn primary small" data-testid="update-reload" on:click=move |_| ctx.reload()>
                        "Reload for the new version"
                    </button>
                    <button class="btn ghost small" data-testid="update-later" on:click=move |_| ctx.update.set(false)>
                        "Later"
                    </button>
                </div>
            }
        })
    }
}
