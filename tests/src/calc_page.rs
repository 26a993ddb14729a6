//! Driving the calculator page: open it, wait for the engine, upload, read what it shows.
//!
//! The page reports its state on `#calc`: `data-state` (loading → ready → working → done |
//! error), `data-offline` (ready | failed | none | file), `data-ms` (time to the report),
//! `data-options` (the options JSON of the last check), the `reportHtml` property (the main
//! engine's HTML) and the `reportJson()` method (a promise of the download's JSON).

use fantoccini::{Client, Locator};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

/// An error from the page or the driver, as text for the test report.
pub type PageResult<T> = Result<T, String>;

/// Run JS and return its value.
pub async fn js(c: &Client, script: &str) -> PageResult<Value> {
    c.execute(script, vec![])
        .await
        .map_err(|e| format!("script failed: {e}"))
}

/// `#calc`'s attribute, or `None`.
pub async fn calc_attr(c: &Client, name: &str) -> PageResult<Option<String>> {
    let v = js(
        c,
        &format!("var b = document.getElementById('calc'); return b && b.getAttribute('{name}');"),
    )
    .await?;
    Ok(v.as_str().map(String::from))
}

/// Poll until `#calc[attr]` is one of `values`; returns the value seen.
pub async fn wait_attr(
    c: &Client,
    attr: &str,
    values: &[&str],
    timeout: Duration,
) -> PageResult<String> {
    let start = Instant::now();
    loop {
        if let Some(v) = calc_attr(c, attr).await? {
            if values.contains(&v.as_str()) {
                return Ok(v);
            }
        }
        if start.elapsed() > timeout {
            let status = js(c, "var s = document.getElementById('calc-status'), e = document.getElementById('calc-error'); return (s ? s.textContent : '') + ' | ' + (e ? e.textContent : '');").await?;
            return Err(format!(
                "#calc {attr} not in {values:?} after {timeout:?}; page says {status}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Open a calculator page and wait until the engine is ready and the offline cache is settled.
pub async fn open(c: &Client, url: &str) -> PageResult<()> {
    c.goto(url)
        .await
        .map_err(|e| format!("cannot open {url}: {e}"))?;
    wait_attr(c, "data-state", &["ready"], Duration::from_secs(30)).await?;
    wait_attr(
        c,
        "data-offline",
        &["ready", "failed", "none", "file"],
        Duration::from_secs(30),
    )
    .await?;
    Ok(())
}

/// Pick a file with the file input; wait for the report or the error. Returns the final state.
pub async fn upload(c: &Client, file: &Path) -> PageResult<String> {
    clear_state(c).await?;
    let input = c
        .find(Locator::Css("#calc-file"))
        .await
        .map_err(|e| format!("no file input: {e}"))?;
    let path = file
        .canonicalize()
        .map_err(|e| format!("{}: {e}", file.display()))?;
    input
        .send_keys(&path.to_string_lossy())
        .await
        .map_err(|e| format!("upload of {} failed: {e}", file.display()))?;
    wait_attr(c, "data-state", &["done", "error"], Duration::from_secs(60)).await
}

/// Click a button by id; wait for the report or the error.
pub async fn click_and_wait(c: &Client, id: &str) -> PageResult<String> {
    clear_state(c).await?;
    let b = c
        .find(Locator::Id(id))
        .await
        .map_err(|e| format!("no #{id}: {e}"))?;
    b.click()
        .await
        .map_err(|e| format!("cannot click #{id}: {e}"))?;
    wait_attr(c, "data-state", &["done", "error"], Duration::from_secs(60)).await
}

/// Click the first element matching `css`.
pub async fn click_css(c: &Client, css: &str) -> PageResult<()> {
    let e = c
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("no {css}: {e}"))?;
    e.click()
        .await
        .map_err(|e| format!("cannot click {css}: {e}"))
}

/// Paste text into the PDF-text box and check it.
pub async fn paste(c: &Client, text: &str) -> PageResult<String> {
    js(
        c,
        "document.querySelectorAll('details.calc-more').forEach(function (d) { d.open = true; });",
    )
    .await?;
    c.execute(
        "document.getElementById('calc-paste').value = arguments[0];",
        vec![Value::String(text.into())],
    )
    .await
    .map_err(|e| format!("cannot fill the paste box: {e}"))?;
    click_and_wait(c, "calc-paste-go").await
}

async fn clear_state(c: &Client) -> PageResult<()> {
    js(
        c,
        "document.getElementById('calc').setAttribute('data-state', 'ready');",
    )
    .await
    .map(|_| ())
}

/// The report JSON the page makes for "下载数据（JSON）" (the lazily loaded JSON module checks the
/// same input again; WebDriver waits for the promise).
pub async fn report_json(c: &Client) -> PageResult<Value> {
    let v = js(
        c,
        "var b = document.getElementById('calc'); return b.reportJson ? b.reportJson() : null;",
    )
    .await?;
    let text = v.as_str().ok_or("the page has no report JSON")?;
    serde_json::from_str(text).map_err(|e| format!("the page's report JSON does not parse: {e}"))
}

/// The report HTML the main engine gave the page (the text set as `#calc-report`'s content).
pub async fn report_html(c: &Client) -> PageResult<String> {
    let v = js(
        c,
        "return document.getElementById('calc').reportHtml || null;",
    )
    .await?;
    v.as_str()
        .map(String::from)
        .ok_or_else(|| "the page has no report HTML".to_string())
}

/// Visible text of an element.
pub async fn text(c: &Client, css: &str) -> PageResult<String> {
    let e = c
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("no {css}: {e}"))?;
    e.text()
        .await
        .map_err(|e| format!("cannot read {css}: {e}"))
}

/// Every element matching `css`, as a map of its `data-*` attributes.
pub async fn data_rows(c: &Client, css: &str) -> PageResult<Vec<serde_json::Map<String, Value>>> {
    let v = c
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).map(function (e) { return Object.assign({}, e.dataset); });",
            vec![Value::String(css.into())],
        )
        .await
        .map_err(|e| format!("cannot read {css}: {e}"))?;
    Ok(v.as_array()
        .map(|a| a.iter().filter_map(|o| o.as_object().cloned()).collect())
        .unwrap_or_default())
}

/// A full-page PNG at the given width (the window is grown to the page's height, capped).
pub async fn screenshot(c: &Client, width: u32, out: &Path) -> PageResult<()> {
    c.set_window_size(width, 900)
        .await
        .map_err(|e| e.to_string())?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let h = js(
        c,
        "return Math.ceil(document.documentElement.scrollHeight);",
    )
    .await?;
    let h = h.as_u64().unwrap_or(900).clamp(600, 12000) as u32;
    c.set_window_size(width, h)
        .await
        .map_err(|e| e.to_string())?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = c
        .screenshot()
        .await
        .map_err(|e| format!("screenshot failed: {e}"))?;
    std::fs::write(out, png).map_err(|e| format!("{}: {e}", out.display()))
}
