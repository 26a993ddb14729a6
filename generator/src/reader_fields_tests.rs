use super::*;

#[test]
fn a_marker_becomes_the_readers_names_for_that_field() {
    let html = "<p>列名：<!-- reader:field-names rate -->。</p>";
    assert_eq!(
        expand(html),
        "<p>列名：费率、缴费比例、征收率、缴费费率。</p>"
    );
}

#[test]
fn every_field_of_the_reader_has_a_slug_and_names() {
    let slugs: Vec<&str> = all_slugs().collect();
    assert_eq!(slugs.len(), header_synonyms().len());
    assert!(slugs.contains(&"period_range") && slugs.contains(&"employer_name"));
    for s in slugs {
        assert!(!names(s).unwrap_or_default().is_empty(), "{s}");
    }
}

#[test]
fn unknown_markers_stay_comments_and_are_reported_where_they_are() {
    let text = "a <!-- reader:field-names rate --> b <!-- reader:field-names bass -->";
    assert_eq!(
        expand(text),
        "a 费率、缴费比例、征收率、缴费费率 b <!-- reader:field-names bass -->"
    );
    let p = problems(text);
    assert_eq!(
        p[0],
        MarkerProblem::UnknownField {
            offset: 37,
            slug: "bass".into()
        }
    );
    assert!(p[0].message().contains("\"bass\"") && p[0].message().contains("base"));
    match &p[1] {
        MarkerProblem::MissingFields { offset, slugs } => {
            assert_eq!(*offset, 2);
            assert!(slugs.contains(&"period") && !slugs.contains(&"rate"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_page_listing_every_field_has_no_problems_and_others_none_either() {
    let all: String = all_slugs()
        .map(|s| format!("<!-- reader:field-names {s} -->\n"))
        .collect();
    assert_eq!(problems(&all), []);
    assert_eq!(problems("no markers here"), []);
    assert!(!expand(&all).contains("<!--"));
}
