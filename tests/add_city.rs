//! Adding a city is data only, as content/README.md's checklist says: one guide page and one
//! line in the province's policy file. In a copy of content/, add 大连 that way and find it on
//! the home page, the city list (whose count follows), the calculators and the sitemap.

use shebao::build::{render, BuildOptions};
use shebao::date::Date;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repo root")
        .to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// Replace `from` (which must be there) by `to` in the file.
fn edit(file: &Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{} has no {from:?}", file.display());
    text.replacen(from, to, 1)
}

#[test]
fn a_city_added_as_data_appears_everywhere() {
    let content = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("add-city/content");
    let _ = std::fs::remove_dir_all(&content);
    copy_dir(&root().join("content"), &content);

    // Step 1 of the checklist: the guide page (here Yingkou's, renamed).
    let page = edit(
        &content.join("cities/yingkou.md"),
        "city = \"yingkou\"\ncity_name = \"营口\"",
        "city = \"dalian\"\ncity_name = \"大连\"",
    )
    .replacen(
        "title = \"营口社保查询指南\"",
        "title = \"大连社保查询指南\"",
        1,
    );
    std::fs::write(content.join("cities/dalian.md"), page).expect("write page");
    // Step 2: one line in the province's policy file.
    let province = content.join("policy/provinces/liaoning.toml");
    let policy = edit(
        &province,
        "cities = [\n",
        "cities = [\n  { slug = \"dalian\", name = \"大连\" },\n",
    );
    std::fs::write(&province, policy).expect("write policy");

    let rendered = render(&BuildOptions {
        content: content.clone(),
        templates: root().join("site-templates"),
        out: content.with_file_name("unused"),
        base_url: "https://example.org/".into(),
        drafts: false,
        calc_bundle: None,
        today: Date::new(2026, 11, 25).expect("date"),
    })
    .unwrap_or_else(|e| panic!("the site with 大连 does not build: {e:?}"));
    let file = |path: &str| {
        rendered
            .files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_else(|| panic!("{path} was not generated"))
    };
    assert!(
        file("index.html").contains("href=\"cities/dalian/\""),
        "home page"
    );
    let list = file("cities/index.html");
    assert!(list.contains("大连社保查询指南"), "city list");
    assert!(list.contains("四个城市"), "the city count follows the data");
    assert!(
        file("cities/dalian/calculator/index.html").contains("data-city=\"dalian\""),
        "the city's calculator"
    );
    assert!(
        file("calculator/index.html").contains("\"dalian\""),
        "the calculator's policy knows the city"
    );
    assert!(
        file("sitemap.xml").contains("<loc>https://example.org/cities/dalian/</loc>"),
        "sitemap"
    );
}
