//! The generator's one escaper for text in HTML and XML: quick-xml's, the same the sitemap and
//! feed writer uses (`&`, `<`, `>`, `"`, `'`, so the text is safe in element content and in
//! quoted attributes alike). Tera's autoescape and the reader-field lists call it.

/// `text` escaped for HTML or XML.
pub fn html(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_both_quotes_and_keeps_slashes() {
        assert_eq!(
            super::html(r#"<a href="x/y">Tom's & co</a>"#),
            "&lt;a href=&quot;x/y&quot;&gt;Tom&apos;s &amp; co&lt;/a&gt;"
        );
        assert_eq!(super::html("营口 12333"), "营口 12333");
    }
}
