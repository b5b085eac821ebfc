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
