//! Readers' checks on the built site, in real headless Chromium (Debian's, through chromedriver):
//! every page is valid HTML (the W3C Nu Html Checker, `vnu-jar` from npm on a JRE), has no axe-core
//! violation in normal and 长辈模式, never scrolls sideways at 320 px, 390 px and 200 % zoom (the
//! calculator with a report, the search page with results and with no match), and
//! can be used with the keyboard alone (city links, 长辈模式, search when it exists, the
//! calculator's file input, sample, person list, errors).
//!
//! `cargo xtask test` builds the site and sets `SHEBAO_SITE_DIR`; `cargo xtask setup` installs
//! the npm tools and the JRE. Without them the checks are skipped, except under `CI=true`, where
//! that is a failure. Runs as one process (`harness = false`), one chromedriver.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, Locator};
use serde_json::Value;
use shebao_tests::browser_driver::{cdp, Driver};
use shebao_tests::calc_page::{self as page, PageResult};
use shebao_tests::harness::{self, run};
use shebao_tests::request_audit::percent_encode;
use shebao_tests::site_server::SiteServer;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

/// Widths in CSS pixels. A 390 px phone at 200 % zoom lays the page out 195 CSS px wide.
const WIDTHS: [(u32, &str); 3] = [(320, "320 px"), (390, "390 px"), (195, "390 px at 200 %")];
/// Search page views: many results with long snippets, a city query, and no match.
const SEARCH_QUERIES: [&str; 3] = ["缴费基数", "辽事通 缴费明细", "哈哈哈哈 xyzzy"];
const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';

struct Ctx {
    site: PathBuf,
    repo: PathBuf,
    server: SiteServer,
    driver: Driver,
    /// Site-relative URLs of every page ("", "cities/yingkou/", …).
    pages: Vec<String>,
}

impl Ctx {
    fn url(&self, path: &str) -> String {
        format!("{}/{}", self.server.origin, path.trim_start_matches('/'))
    }

    /// What axe and the sideways check look at: every page, and the search page as a reader
    /// uses it, with results on screen and with the no-match answer (the script draws both,
    /// so the built file alone does not show them).
    fn views(&self) -> Vec<String> {
        let mut views = self.pages.clone();
        if self.pages.iter().any(|p| p == "search/") {
            views.extend(
                SEARCH_QUERIES
                    .iter()
                    .map(|q| format!("search/?q={}", percent_encode(q))),
            );
        }
        views
    }

    fn calculator(&self) -> String {
        self.pages
            .iter()
            .find(|p| p.contains("yingkou/calculator"))
            .cloned()
            .unwrap_or_else(|| "calculator/".into())
    }
}

fn main() -> ExitCode {
    let tests_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let repo = tests_dir.parent().unwrap_or(&tests_dir).to_path_buf();
    let site = std::env::var_os("SHEBAO_SITE_DIR").map(PathBuf::from);
    let missing = match &site {
        None => Some("SHEBAO_SITE_DIR is not set (run `cargo xtask test`)".to_string()),
        Some(s) if !s.join("index.html").exists() => {
            Some(format!("{} has no index.html", s.display()))
        }
        Some(_) if !Driver::available() => Some("chromium or chromedriver is not installed".into()),
        Some(_) if !repo.join("node_modules/axe-core/axe.min.js").exists() => {
            Some("node_modules/axe-core is missing (run `cargo xtask setup`)".into())
        }
        Some(_) => None,
    };
    let (Some(site), None) = (site, &missing) else {
        return harness::cannot_run("readers' checks", missing.as_deref().unwrap_or(""));
    };
    let (server, driver, rt) = match harness::start(&site, &tests_dir.join("fixtures/browser")) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let pages = site_pages(&site);
    let ctx = Ctx {
        site,
        repo,
        server,
        driver,
        pages,
    };
    let mut tally = (0, 0);
    rt.block_on(async {
        run(&mut tally, "html_validates", html_validates(&ctx)).await;
        run(&mut tally, "axe_finds_no_violation", axe_clean(&ctx)).await;
        run(&mut tally, "no_page_scrolls_sideways", no_sideways(&ctx)).await;
        run(&mut tally, "chart_text_is_readable", chart_text(&ctx)).await;
        run(
            &mut tally,
            "site_can_go_on_the_home_screen",
            installable(&ctx),
        )
        .await;
        run(
            &mut tally,
            "keyboard_reaches_city_links",
            keyboard_city(&ctx),
        )
        .await;
        run(
            &mut tally,
            "keyboard_turns_on_elder_mode",
            keyboard_elder(&ctx),
        )
        .await;
        run(
            &mut tally,
            "keyboard_uses_the_calculator",
            keyboard_calc(&ctx),
        )
        .await;
        run(
            &mut tally,
            "calculator_error_is_focused",
            error_focused(&ctx),
        )
        .await;
    });
    drop(ctx); // kills chromedriver and every Chromium it started
    harness::finish(tally)
}

/// Every `index.html` of the site as a site-relative URL, sorted.
fn site_pages(site: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![site.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "index.html") {
                if let Ok(rel) = p.strip_prefix(site) {
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    out.push(rel.trim_end_matches("index.html").to_string());
                }
            }
        }
    }
    out.sort();
    out
}

async fn goto(c: &Client, url: &str) -> PageResult<()> {
    c.goto(url)
        .await
        .map_err(|e| format!("cannot open {url}: {e}"))
}

/// Brings a page to the state a reader checks: a calculator with a report on screen, a
/// search page with its answer drawn.
async fn as_used(c: &Client, view: &str) -> PageResult<()> {
    if view.ends_with("calculator/") {
        page::wait_attr(c, "data-state", &["ready"], Duration::from_secs(30)).await?;
        page::click_and_wait(c, "calc-sample-go").await?;
    } else if view.starts_with("search/?q=") {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let state = page::js(
                c,
                "var l = document.getElementById('search-results'); return l ? l.getAttribute('data-state') : 'none';",
            )
            .await?;
            if matches!(state.as_str(), Some("done" | "nomatch")) {
                return Ok(());
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("{view}: the search did not answer (state {state})"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    Ok(())
}

/// Turn 长辈模式 on or off the way the switch remembers it, and reload.
async fn set_elder(c: &Client, on: bool) -> PageResult<()> {
    page::js(
        c,
        &format!(
            "localStorage.setItem('shebao-elder', '{}'); location.reload();",
            u8::from(on)
        ),
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let has = page::js(
        c,
        "return document.documentElement.classList.contains('elder');",
    )
    .await?;
    if has != Value::Bool(on) {
        return Err(format!(
            "长辈模式 should be {on} after a reload, the page says {has}"
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

async fn html_validates(ctx: &Ctx) -> PageResult<()> {
    let jar = ctx.repo.join("node_modules/vnu-jar/build/dist/vnu.jar");
    let java_ok = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !jar.exists() || !java_ok {
        let why = "vnu-jar or a JRE is missing (run `cargo xtask setup`)";
        return if harness::ci() {
            Err(why.into())
        } else {
            println!("    skipped: {why}");
            Ok(())
        };
    }
    let files: Vec<PathBuf> = ctx
        .pages
        .iter()
        .map(|p| ctx.site.join(p).join("index.html"))
        .collect();
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .map_err(|e| format!("cannot run vnu: {e}"))?;
    let report =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let errors: Vec<&str> = report.lines().filter(|l| l.contains("error")).collect();
    println!("    vnu: {} pages, {} errors", files.len(), errors.len());
    if errors.is_empty() && out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "vnu found {} errors:\n{}",
            errors.len(),
            report.trim()
        ))
    }
}

async fn axe_clean(ctx: &Ctx) -> PageResult<()> {
    let axe = std::fs::read_to_string(ctx.repo.join("node_modules/axe-core/axe.min.js"))
        .map_err(|e| format!("axe-core: {e}"))?;
    let axe = &axe;
    harness::with_session(&ctx.driver, &ctx.server, (390, 844), |c| async move {
        let mut problems = Vec::new();
        let mut checked = 0;
        for elder in [false, true] {
            for p in &ctx.views() {
                goto(&c, &ctx.url(p)).await?;
                set_elder(&c, elder).await?;
                as_used(&c, p).await?;
                for v in axe_violations(&c, axe).await? {
                    problems.push(format!(
                        "{p}{}: {v}",
                        if elder { " (长辈模式)" } else { "" }
                    ));
                }
                checked += 1;
            }
        }
        println!(
            "    axe: {checked} page views, {} violations",
            problems.len()
        );
        if problems.is_empty() {
            Ok(c)
        } else {
            Err(problems.join("\n"))
        }
    })
    .await
}

async fn axe_violations(c: &Client, axe: &str) -> PageResult<Vec<String>> {
    c.execute(axe, vec![])
        .await
        .map_err(|e| format!("cannot inject axe-core: {e}"))?;
    let v = c
        .execute_async(
            "var done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
               done(r.violations.map(function (v) {
                 return v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(function (n) {
                   return n.target.join(' ');
                 }).join(', ');
               }));
             }, function (e) { done(['axe failed: ' + e]); });",
            vec![],
        )
        .await
        .map_err(|e| format!("axe.run failed: {e}"))?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default())
}

/// The page's scroll and client widths, and the innermost elements that stick out of the page
/// without a scroll box to hold them (so a failure names what to fix).
const SIDEWAYS_JS: &str = r#"var d = document.documentElement, w = d.clientWidth, out = [];
function clipped(e) {
  for (var a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= w + 1) return true;
  }
  return false;
}
for (var e of document.body.querySelectorAll('*')) {
  if (e.getBoundingClientRect().right <= w + 1 || clipped(e)) continue;
  var inner = false;
  for (var k of e.children) { if (k.getBoundingClientRect().right > w + 1 && !clipped(k)) { inner = true; break; } }
  if (!inner && out.length < 3) out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' "' + (e.textContent || '').trim().slice(0, 30) + '"');
}
return [d.scrollWidth, w, out.join('; ')];"#;

async fn no_sideways(ctx: &Ctx) -> PageResult<()> {
    let mut problems = Vec::new();
    for (width, label) in WIDTHS {
        let problems = &mut problems;
        harness::with_session(&ctx.driver, &ctx.server, (width, 800), |c| async move {
            for elder in [false, true] {
                for p in &ctx.views() {
                    goto(&c, &ctx.url(p)).await?;
                    set_elder(&c, elder).await?;
                    as_used(&c, p).await?;
                    let v = page::js(&c, SIDEWAYS_JS).await?;
                    let (scroll, client) = (v[0].as_u64(), v[1].as_u64());
                    if scroll > client {
                        let mode = if elder { "，长辈模式" } else { "" };
                        problems.push(format!(
                            "{p} at {label}{mode}: {} px wide in {} px; sticking out: {}",
                            scroll.unwrap_or(0),
                            client.unwrap_or(0),
                            v[2]
                        ));
                    }
                }
            }
            Ok(c)
        })
        .await?;
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// The smallest text in each of the report's charts as a reader sees it: the computed font
/// size times the scale at which the SVG is drawn (its width on screen over its viewBox).
const CHART_TEXT_JS: &str = r#"var out = {};
function note(k, px, text) { if (!(k in out) || px < out[k][0]) out[k] = [Math.round(px * 10) / 10, text]; }
document.querySelectorAll('#calc-report svg').forEach(function (svg) {
  var vb = svg.viewBox.baseVal, w = svg.getBoundingClientRect().width;
  if (!vb || !vb.width || !w) return;
  svg.querySelectorAll('text').forEach(function (t) {
    note(svg.getAttribute('class'), parseFloat(getComputedStyle(t).fontSize) * w / vb.width, t.textContent);
  });
});
// The timeline's names and years are page text beside its cells.
document.querySelectorAll('#calc-report .timeline *').forEach(function (e) {
  var own = Array.from(e.childNodes).some(function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  if (own && !e.closest('svg')) note('timeline', parseFloat(getComputedStyle(e).fontSize), e.textContent);
});
return out;"#;

/// Chart text is at least this many CSS px on screen (issue 16).
const CHART_TEXT_MIN_PX: f64 = 12.0;

/// Every chart of a report (the sample, and a statement with a long history and several
/// people) keeps its text ≥ 12 px at 320 px, 390 px and 200 % zoom, in both modes.
async fn chart_text(ctx: &Ctx) -> PageResult<()> {
    let url = ctx.url(&ctx.calculator());
    let long = std::env::temp_dir().join(format!("shebao-a11y-{}-long.csv", std::process::id()));
    std::fs::write(&long, long_statement()).map_err(|e| format!("{}: {e}", long.display()))?;
    let mut problems = Vec::new();
    for (width, label) in WIDTHS {
        let (url, long, problems) = (&url, &long, &mut problems);
        harness::with_session(&ctx.driver, &ctx.server, (width, 800), |c| async move {
            for elder in [false, true] {
                page::open(&c, url).await?;
                set_elder(&c, elder).await?;
                page::wait_attr(&c, "data-state", &["ready"], Duration::from_secs(30)).await?;
                for report in ["sample", "long"] {
                    let state = if report == "sample" {
                        page::click_and_wait(&c, "calc-sample-go").await?
                    } else {
                        page::upload(&c, long).await?
                    };
                    if state != "done" {
                        return Err(format!("{report} at {label}: {state}"));
                    }
                    let sizes = page::js(&c, CHART_TEXT_JS).await?;
                    let sizes = sizes.as_object().cloned().unwrap_or_default();
                    let mode = if elder { "，长辈模式" } else { "" };
                    println!("    {report} at {label}{mode}: smallest chart text {sizes:?}");
                    if sizes.is_empty() {
                        problems.push(format!("{report} at {label}{mode}: no chart found"));
                    }
                    for (chart, v) in sizes {
                        if v[0].as_f64().unwrap_or(0.0) < CHART_TEXT_MIN_PX {
                            problems.push(format!(
                                "{report} at {label}{mode}: {chart} text {} px ({})",
                                v[0], v[1]
                            ));
                        }
                    }
                }
            }
            Ok(c)
        })
        .await?;
    }
    let _ = std::fs::remove_file(&long);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// A 30-year statement (1995–2024, pension and medical, the base rising each year): the
/// longest history a chart has to fit.
fn long_statement() -> String {
    let mut out = String::from("费款所属期,险种类型,缴费基数,个人缴费,单位缴费\n");
    for year in 1995..=2024 {
        let base = 1500 + (year - 1995) * 150;
        for month in 1..=12 {
            let personal = format!("{}.00", base * 8 / 100);
            let _ = writeln!(
                out,
                "{year}{month:02},企业职工基本养老保险,{base}.00,{personal},0.00"
            );
            let _ = writeln!(
                out,
                "{year}{month:02},职工基本医疗保险,{base}.00,{}.00,0.00",
                base * 2 / 100
            );
        }
    }
    out
}

/// Chromium finds the guide installable (its own check: manifest, PNG icons of 192 and 512 px,
/// start URL, service worker not required) on the home page and on a calculator page, whose
/// CSP must let the manifest and its icons in.
async fn installable(ctx: &Ctx) -> PageResult<()> {
    // Phones that do not read SVG icons (and Lighthouse) want PNGs of 192 and 512 px.
    let manifest = std::fs::read_to_string(ctx.site.join("manifest.webmanifest"))
        .map_err(|e| format!("manifest.webmanifest: {e}"))?;
    let manifest: Value =
        serde_json::from_str(&manifest).map_err(|e| format!("manifest.webmanifest: {e}"))?;
    for size in ["192x192", "512x512"] {
        let png = manifest["icons"].as_array().and_then(|icons| {
            icons.iter().find(|i| {
                i["type"] == "image/png"
                    && i["sizes"] == size
                    && i["purpose"].as_str().unwrap_or("any").contains("any")
            })
        });
        let file = png
            .and_then(|i| i["src"].as_str())
            .map(|s| ctx.site.join(s));
        if !file.as_ref().is_some_and(|f| f.is_file()) {
            return Err(format!(
                "the manifest has no PNG icon of {size} in the site"
            ));
        }
    }
    harness::with_session(&ctx.driver, &ctx.server, (390, 844), |c| async move {
        for p in ["".to_string(), ctx.calculator()] {
            goto(&c, &ctx.url(&p)).await?;
            let v = cdp(&c, "Page.getInstallabilityErrors", serde_json::json!({})).await?;
            let errors = v["installabilityErrors"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            println!("    /{p}: {} installability errors", errors.len());
            if !v["installabilityErrors"].is_array() || !errors.is_empty() {
                return Err(format!("/{p}: Chromium says it cannot be installed: {v}"));
            }
        }
        Ok(c)
    })
    .await
}

/// Press Tab until the focused element matches `css` (at most `max` times).
async fn tab_to(c: &Client, css: &str, max: usize) -> PageResult<()> {
    for _ in 0..max {
        let here = page::js(
            c,
            &format!("var a = document.activeElement; return !!(a && a.matches({css:?}));"),
        )
        .await?;
        if here == Value::Bool(true) {
            return Ok(());
        }
        press(c, TAB).await?;
    }
    let at = page::js(
        c,
        "var a = document.activeElement; return a ? a.outerHTML.slice(0, 120) : '';",
    )
    .await?;
    Err(format!(
        "{max} presses of Tab never reached {css}; focus is on {at}"
    ))
}

/// A key press through the actions API (sending keys to a focused file input would be
/// read as a file name).
async fn press(c: &Client, key: char) -> PageResult<()> {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    c.perform_actions(keys)
        .await
        .map_err(|e| format!("cannot press a key: {e}"))
}

async fn keyboard_city(ctx: &Ctx) -> PageResult<()> {
    harness::with_session(&ctx.driver, &ctx.server, (390, 844), |c| async move {
        goto(&c, &ctx.url("")).await?;
        tab_to(&c, ".city-pick a, .city-nav a[href*='cities/']", 15).await?;
        press(&c, ENTER).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let url = c.current_url().await.map_err(|e| e.to_string())?;
        if !url.path().contains("/cities/") {
            return Err(format!("Enter on a city link opened {url}"));
        }
        // A search box in the header, when the site has one, is reachable too.
        let has_search = page::js(
            &c,
            "return !!document.querySelector('header input[type=search]');",
        )
        .await?;
        if has_search == Value::Bool(true) {
            goto(&c, &ctx.url("")).await?;
            tab_to(&c, "header input[type=search]", 15).await?;
        }
        Ok(c)
    })
    .await
}

async fn keyboard_elder(ctx: &Ctx) -> PageResult<()> {
    harness::with_session(&ctx.driver, &ctx.server, (390, 844), |c| async move {
        goto(&c, &ctx.url("cities/")).await?;
        set_elder(&c, false).await?;
        tab_to(&c, "#elder-toggle", 10).await?;
        press(&c, ENTER).await?;
        let v = page::js(
            &c,
            "var b = document.getElementById('elder-toggle');
             return [document.documentElement.classList.contains('elder'), b.getAttribute('aria-pressed'),
                     parseFloat(getComputedStyle(document.body).fontSize)];",
        )
        .await?;
        if v[0] != Value::Bool(true) || v[1] != "true" || v[2].as_f64().unwrap_or(0.0) < 22.0 {
            return Err(format!("after Enter on 长辈模式: [elder, aria-pressed, body px] = {v}"));
        }
        // Remembered on the next page.
        goto(&c, &ctx.url("")).await?;
        let on = page::js(&c, "return document.documentElement.classList.contains('elder');").await?;
        if on != Value::Bool(true) {
            return Err("长辈模式 was forgotten on the next page".into());
        }
        Ok(c)
    })
    .await
}

async fn keyboard_calc(ctx: &Ctx) -> PageResult<()> {
    let url = ctx.url(&ctx.calculator());
    let multi = ctx.repo.join("tests/fixtures/statements/multi-person.csv");
    harness::with_session(&ctx.driver, &ctx.server, (390, 844), |c| async move {
        goto(&c, &url).await?;
        // The file input is in the page before the engine is ready, and the report buttons
        // are not.
        let early = page::js(
            &c,
            "return [!!document.getElementById('calc-file'), document.getElementById('calc-actions').offsetParent === null];",
        )
        .await?;
        if early != serde_json::json!([true, true]) {
            return Err(format!("on load: [file input present, report buttons hidden] = {early}"));
        }
        page::wait_attr(&c, "data-state", &["ready"], Duration::from_secs(30)).await?;
        tab_to(&c, "#calc-file", 40).await?;
        tab_to(&c, "#calc-sample-go", 5).await?;
        press(&c, ENTER).await?;
        page::wait_attr(&c, "data-state", &["done"], Duration::from_secs(60)).await?;
        let focus = page::js(&c, "return document.activeElement.closest('#calc-report') !== null;").await?;
        if focus != Value::Bool(true) {
            return Err("after the sample, focus did not move to the report".into());
        }
        // A file with several people: the list is reachable and opens the person's section.
        let input = c
            .find(Locator::Css("#calc-file"))
            .await
            .map_err(|e| e.to_string())?;
        input
            .send_keys(&multi.to_string_lossy())
            .await
            .map_err(|e| e.to_string())?;
        page::wait_attr(&c, "data-state", &["done"], Duration::from_secs(60)).await?;
        tab_to(&c, "[data-person-link]:not([aria-current='true'])", 30).await?;
        let want = page::js(&c, "return document.activeElement.getAttribute('data-person-link');").await?;
        press(&c, ENTER).await?;
        let shown = page::js(
            &c,
            &format!(
                "var s = document.querySelector('[data-person=\"' + {want} + '\"]');
                 return [!s.hidden, document.activeElement.closest('[data-person]') === s];"
            ),
        )
        .await?;
        if shown != serde_json::json!([true, true]) {
            return Err(format!("Enter on person {want}: [section shown, focus inside] = {shown}"));
        }
        Ok(c)
    })
    .await
}

async fn error_focused(ctx: &Ctx) -> PageResult<()> {
    let url = ctx.url(&ctx.calculator());
    let bad = ctx
        .repo
        .join("tests/fixtures/statements/invalid/no-period.csv");
    harness::with_session(&ctx.driver, &ctx.server, (390, 844), |c| async move {
        page::open(&c, &url).await?;
        page::click_and_wait(&c, "calc-sample-go").await?;
        let state = page::upload(&c, &bad).await?;
        if state != "error" {
            return Err(format!("no-period.csv gave {state}"));
        }
        let v = page::js(
            &c,
            "var e = document.getElementById('calc-error'), r = e.getBoundingClientRect();
             return [document.activeElement === e, r.top >= 0 && r.bottom <= innerHeight,
                     document.getElementById('calc-actions').offsetParent === null,
                     document.getElementById('calc-report').children.length];",
        )
        .await?;
        if v != serde_json::json!([true, true, true, 0]) {
            return Err(format!(
                "after an error: [focused, on screen, report buttons hidden, old report left] = {v}"
            ));
        }
        Ok(c)
    })
    .await
}
