//! The Tera templates, compiled once from text (the loader read them; no I/O here), and the
//! rendering call that names the template and the full error chain when it fails.

use tera::{Context, Tera};

use crate::content::load::TextFile;

/// A template failed to compile or render. The message names the template file and, for
/// syntax errors, the line and column (Tera's own report).
#[derive(Debug, thiserror::Error)]
#[error("模板错误（{template}）：{detail}")]
pub struct TemplateError {
    /// The template file (path under site-templates/templates/, or "templates").
    pub template: String,
    /// Tera's full error chain.
    pub detail: String,
}

/// The compiled templates.
pub struct Templates {
    tera: Tera,
    dir: String,
}

impl Templates {
    /// Compiles every template. `dir` is the templates folder as shown to the user.
    pub fn new(files: &[TextFile], dir: &str) -> Result<Templates, TemplateError> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        // Not Tera's own: it also writes `/` as `&#x2F;`, which bloats every URL.
        tera.set_escape_fn(crate::escape::html);
        tera.add_raw_templates(files.iter().map(|f| (f.rel.as_str(), f.text.as_str())))
            .map_err(|e| TemplateError {
                template: dir.to_string(),
                detail: chain(&e),
            })?;
        Ok(Templates {
            tera,
            dir: dir.to_string(),
        })
    }

    /// Whether a template exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Renders `name` with `ctx`.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, TemplateError> {
        self.tera.render(name, ctx).map_err(|e| TemplateError {
            template: format!("{}/{name}", self.dir),
            detail: chain(&e),
        })
    }
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push('：');
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}
