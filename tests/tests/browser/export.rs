//! Exports: the JSON file re-imports to the same design, the SVG is a valid
//! SVG document of the diagram, the PNG is a real image with content.

use skydraft_core::share;
use skydraft_tests::{Page, run, ui};

use crate::app::{self, Download};

/// Opens the Export menu, picks `item` and returns the captured file.
async fn export(page: &Page, item: &str, n: usize) -> Result<Download, app::Error> {
    page.click(&page.find(&ui::testid(ui::EXPORT)).await?)
        .await?;
    page.click(&page.wait_for(&ui::testid(item)).await?).await?;
    app::wait_download(page, n).await
}

#[tokio::test]
async fn json_export_reimports_to_the_same_design() {
    run(
        "json_export_reimports_to_the_same_design",
        |page| async move {
            app::open_app(&page, "/").await?;
            app::capture_outputs(&page).await?;
            let file = export(&page, ui::EXPORT_JSON, 1).await?;
            assert!(file.name.ends_with(".json"), "file name {:?}", file.name);
            let text = file.text.ok_or("the JSON export has no content")?;
            serde_json::from_str::<serde_json::Value>(&text)?;
            let imported = share::import_json(&text)?;
            assert!(imported.repairs.is_empty(), "{:?}", imported.repairs);
            assert_eq!(imported.design, app::saved_design(&page).await?);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn svg_export_is_a_valid_svg_of_the_diagram() {
    run("svg_export_is_a_valid_svg_of_the_diagram", |page| async move {
        let comps = app::open_app(&page, "/").await?;
        let links = app::links(&page).await?;
        app::capture_outputs(&page).await?;
        let file = export(&page, ui::EXPORT_SVG, 1).await?;
        assert!(file.name.ends_with(".svg"), "file name {:?}", file.name);
        let svg = file.text.ok_or("the SVG export has no content")?;
        let (error, root, ns, n_comps, n_links, w, h): (
            Option<String>,
            String,
            String,
            usize,
            usize,
            f64,
            f64,
        ) = page
            .eval_with(
                "const doc = new DOMParser().parseFromString(arguments[0], 'image/svg+xml');
                 const err = doc.querySelector('parsererror');
                 const r = doc.documentElement;
                 return new Promise(done => {
                   const img = new Image();
                   const url = URL.createObjectURL(new Blob([arguments[0]], { type: 'image/svg+xml' }));
                   const finish = (w, h) => done([err ? err.textContent : null, r.localName,
                     r.namespaceURI || '', doc.querySelectorAll('[data-component-id]').length,
                     doc.querySelectorAll('[data-link-id]').length, w, h]);
                   img.onload = () => finish(img.naturalWidth, img.naturalHeight);
                   img.onerror = () => finish(0, 0);
                   img.src = url;
                 });",
                vec![svg.into()],
            )
            .await?;
        assert_eq!(error, None, "the SVG does not parse");
        assert_eq!(root, "svg");
        assert_eq!(ns, "http://www.w3.org/2000/svg");
        assert_eq!((n_comps, n_links), (comps.len(), links.len()));
        assert!(w > 0.0 && h > 0.0, "the browser cannot render the SVG as an image");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn png_export_is_an_image_with_content() {
    run("png_export_is_an_image_with_content", |page| async move {
        app::open_app(&page, "/").await?;
        app::capture_outputs(&page).await?;
        let file = export(&page, ui::EXPORT_PNG, 1).await?;
        assert!(file.name.ends_with(".png"), "file name {:?}", file.name);
        let href = match file.text {
            // A blob's text is not the image; read it as a data URL instead.
            Some(_) => {
                return Err("the PNG came as a blob; extend the capture to read bytes".into());
            }
            None => file.href,
        };
        // The PNG signature, base64: \x89PNG\r\n\x1a\n.
        assert!(
            href.starts_with("data:image/png;base64,iVBORw0KGgo"),
            "not a PNG: {:.40}",
            href
        );
        let (w, h, colours): (u32, u32, usize) = page
            .eval_with(
                "return new Promise(done => {
                   const img = new Image();
                   img.onload = () => {
                     const c = document.createElement('canvas');
                     c.width = img.naturalWidth; c.height = img.naturalHeight;
                     const g = c.getContext('2d');
                     g.drawImage(img, 0, 0);
                     const px = g.getImageData(0, 0, c.width, c.height).data;
                     const seen = new Set();
                     for (let i = 0; i < px.length && seen.size < 50; i += 4 * 97)
                       seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
                     done([img.naturalWidth, img.naturalHeight, seen.size]);
                   };
                   img.onerror = () => done([0, 0, 0]);
                   img.src = arguments[0];
                 });",
                vec![href.into()],
            )
            .await?;
        assert!(w > 100 && h > 100, "the PNG is {w} × {h}");
        assert!(colours > 3, "the PNG is blank ({colours} colours sampled)");
        Ok(())
    })
    .await;
}
