//! The inspector: editing a parameter with the keyboard changes the design,
//! and the change survives a reload.

use skydraft_core::catalog::{self, DefaultValue as ParamDefault, ParamType};
use skydraft_tests::{Key, run, ui};

use crate::app;

/// A component kind, one of its whole-number parameters, and a legal value
/// other than the default.
fn editable_param() -> Option<(&'static str, &'static str, f64)> {
    catalog::kinds()
        .iter()
        .filter(|k| k.placement.is_node())
        .find_map(|k| {
            k.params.iter().find_map(|p| match (p.ty, p.default) {
                (ParamType::Number { min, max, step }, ParamDefault::Number(d))
                    if step >= 1.0 && step.fract() == 0.0 && d.fract() == 0.0 =>
                {
                    let v = if d + step <= max { d + step } else { d - step };
                    (v >= min && v != d).then_some((k.id, p.id, v))
                }
                _ => None,
            })
        })
}

async fn field_value(page: &skydraft_tests::Page, param: &str) -> Result<f64, app::Error> {
    let field = page.wait_for(&ui::param(param)).await?;
    let text = field.prop("value").await?.unwrap_or_default();
    Ok(text.trim().parse::<f64>()?)
}

#[tokio::test]
async fn a_parameter_typed_in_the_inspector_survives_a_reload() {
    run(
        "a_parameter_typed_in_the_inspector_survives_a_reload",
        |page| async move {
            app::open_app(&page, "/").await?;
            let (kind, param, value) =
                editable_param().ok_or("core has no whole-number parameter to edit")?;
            let (added, _) = app::place_by_drag(&page, kind).await?;
            page.click(&page.find(&ui::component(&added.id)).await?)
                .await?;

            let field = page.wait_for(&ui::param(param)).await?;
            page.type_into(&field, &format!("{value}")).await?;
            page.press(Key::Enter).await?;
            page.press(Key::Tab).await?;
            let hash = app::wait_hash_design(&page, "the typed value in the URL fragment", |d| {
                d.components
                    .iter()
                    .find(|c| c.id.to_string() == added.id)
                    .and_then(|c| c.param(param))
                    .and_then(|v| v.as_number())
                    == Some(value)
            })
            .await?;

            page.reload().await?;
            app::open_app(&page, &hash).await?;
            page.click(&page.find(&ui::component(&added.id)).await?)
                .await?;
            let shown = field_value(&page, param).await?;
            assert!(
                (shown - value).abs() < 1e-9,
                "{kind}.{param}: typed {value}, after a reload the inspector shows {shown}"
            );
            Ok(())
        },
    )
    .await;
}

/// Whether the inspector's number field for `param` is disabled, and the
/// "not set" box beside it ticked.
async fn unset_state(page: &skydraft_tests::Page, param: &str) -> Result<(bool, bool), app::Error> {
    let field = page.wait_for(&ui::param(param)).await?;
    let boxed = page
        .find(&format!(
            "{} [data-unset=\"{param}\"]",
            ui::testid(ui::INSPECTOR)
        ))
        .await?;
    let disabled = field.prop("disabled").await?.as_deref() == Some("true");
    let ticked = boxed.prop("checked").await?.as_deref() == Some("true");
    Ok((disabled, ticked))
}

#[tokio::test]
async fn a_warm_up_that_is_not_enabled_is_a_box_to_clear_not_a_number_to_type() {
    run(
        "a_warm_up_that_is_not_enabled_is_a_box_to_clear_not_a_number_to_type",
        |page| async move {
            app::open_app(&page, "/").await?;
            let (added, _) = app::place_by_drag(&page, "asg").await?;
            page.click(&page.find(&ui::component(&added.id)).await?)
                .await?;
            // AWS leaves the default instance warm-up off [AS-DIW]: the box
            // says so and the number waits.
            assert_eq!(unset_state(&page, "warmup_s").await?, (true, true));
            page.wait_for(&ui::param("warmup_s"))
                .await?
                .scroll_into_view()
                .await?;
            let shots = skydraft_tests::paths::artifacts_dir();
            std::fs::create_dir_all(&shots)?;
            page.screenshot(&shots.join("inspector-warmup-unset.png"))
                .await?;
            let warmup = |want: f64| {
                let id = added.id.clone();
                move |d: &skydraft_core::design::Design| {
                    d.components
                        .iter()
                        .find(|c| c.id.to_string() == id)
                        .and_then(|c| c.param("warmup_s"))
                        .and_then(|v| v.as_number())
                        == Some(want)
                }
            };
            let boxed = format!("{} [data-unset=\"warmup_s\"]", ui::testid(ui::INSPECTOR));
            page.click(&page.find(&boxed).await?).await?;
            app::wait_hash_design(&page, "warm-up enabled at 0 s", warmup(0.0)).await?;
            assert_eq!(unset_state(&page, "warmup_s").await?, (false, false));

            let field = page.wait_for(&ui::param("warmup_s")).await?;
            page.type_into(&field, "120").await?;
            page.press(Key::Enter).await?;
            app::wait_hash_design(&page, "a warm-up of 120 s", warmup(120.0)).await?;

            page.click(&page.find(&boxed).await?).await?;
            app::wait_hash_design(&page, "warm-up not enabled again", warmup(-1.0)).await?;
            assert_eq!(unset_state(&page, "warmup_s").await?, (true, true));
            Ok(())
        },
    )
    .await;
}
