//! The simulation worker: a Web Worker that runs core's simulator away from
//! the page's thread. It answers [`Request`]s posted as bytes with
//! [`Reply`]s posted as bytes (see `skydraft_core::remote`); the page
//! cancels a run by terminating the worker.

use js_sys::Uint8Array;
use skydraft_core::remote::{self, Reply, Request};
use skydraft_core::sim::SimError;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Loaded outside a worker: nothing to serve.
        return;
    };
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let bytes = Uint8Array::new(&ev.data()).to_vec();
        match Request::from_bytes(&bytes) {
            Ok(request) => remote::serve(&request, js_sys::Date::now, |r| post(&replies, &r)),
            Err(e) => post(
                &replies,
                &Reply::Failed {
                    serial: 0,
                    error: SimError::Invalid {
                        reason: e.to_string(),
                    },
                },
            ),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages posted before the handler existed are lost: say when it does.
    post(&scope, &Reply::Ready);
}

/// Posts `reply` to the page as bytes.
fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
    let bytes = Uint8Array::from(reply.to_bytes().as_slice());
    // The page is gone if posting fails; nothing is left to tell.
    let _ = scope.post_message(&bytes);
}
