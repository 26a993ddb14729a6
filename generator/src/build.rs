//! `shebao build` as a library call: read everything, validate, render in memory, and (for
//! [`build`]) write. Reads like the pipeline it runs.

use std::path::{Path, PathBuf};

use crate::bodies::render_all;
use crate::check::{site_checks, sort};
use crate::content::load::{self, LoadError};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::output::{self, OutputError};
use crate::render::{render_site, OutFile, RenderOptions, TemplateError, Templates};
use crate::site::{Site, SiteInput};
use crate::stylesheet::{self, StylesheetError};

/// What to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// content/ folder.
    pub content: PathBuf,
    /// site-templates/ folder (templates/, css/, static/).
    pub templates: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Absolute base URL; a trailing `/` is added if missing.
    pub base_url: String,
    /// Include draft pages.
    pub drafts: bool,
    /// The browser bundle folder, if any: what `cargo xtask wasm` builds (the calculator's
    /// wasm modules, minified scripts), laid out as in the site (`calc/…`,
    /// `search/search.js`) and copied over the templates' static files.
    pub calc_bundle: Option<PathBuf>,
    /// "Today", for the stale-review warning.
    pub today: Date,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A file could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The content has errors (all of them are listed, warnings included).
    #[error("内容有 {} 个错误", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    /// A template failed.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A stylesheet could not be minified.
    #[error(transparent)]
    Stylesheet(#[from] StylesheetError),
}

/// A site rendered in memory.
#[derive(Debug)]
pub struct Rendered {
    /// Output files, sorted by path.
    pub files: Vec<OutFile>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    /// Number of content pages rendered.
    pub pages: usize,
}

/// Reads `content/` (pages and policy).
pub fn read_input(content: &Path) -> Result<SiteInput, LoadError> {
    Ok(SiteInput {
        pages: load::pages(content)?,
        policy: load::tomls(&content.join("policy"))?,
    })
}

/// Renders the whole site into memory.
pub fn render(opts: &BuildOptions) -> Result<Rendered, BuildError> {
    let input = read_input(&opts.content)?;
    let template_dir = opts.templates.join("templates");
    let templates = Templates::new(
        &load::templates(&template_dir)?,
        &template_dir.display().to_string(),
    )?;
    let (site, mut diags) = Site::assemble(&input, opts.drafts);
    let html = render_all(&site);
    diags.extend(site_checks(&site, &html, &input, opts.today));
    sort(&mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(diags));
    }
    let mut base_url = opts.base_url.clone();
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let mut files = render_site(&site, &html, &templates, &RenderOptions { base_url })?;
    for (dir, prefix) in [
        (opts.templates.join("static"), ""),
        (opts.templates.join("css"), "css/"),
    ] {
        for f in load::binaries(&dir)? {
            let path = format!("{prefix}{}", f.rel);
            let bytes = stylesheet::minify(&path, f.bytes)?;
            files.push((path, bytes));
        }
    }
    if let Some(bundle) = &opts.calc_bundle {
        files.extend(
            load::binaries(bundle)?
                .into_iter()
                .map(|f| (f.rel, f.bytes)),
        );
    }
    Ok(Rendered {
        files: output::normalize(files),
        warnings: diags,
        pages: site.pages.len(),
    })
}

/// Renders and writes the site. Returns what was rendered (the files stay in memory for a
/// later search index) and the size of the site in bytes.
pub fn build(opts: &BuildOptions) -> Result<(Rendered, u64), BuildError> {
    let rendered = render(opts)?;
    let bytes = output::write(&opts.out, &rendered.files)?;
    Ok((rendered, bytes))
}
