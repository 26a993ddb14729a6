use super::*;

fn m(y: u32, mo: u32) -> Month {
    Month::new(y, mo).unwrap()
}

#[test]
fn single_months_in_every_spelling() {
    for s in [
        "202301",
        "2023-01",
        "2023/01",
        "2023.01",
        "2023年1月",
        "2023年01月份",
        "2023-01-15",
        "2023年1月5日",
        "20230115",
        "2023-1",
        "2023-01-01 00:00:00",
        "２０２３－０１",
    ] {
        assert_eq!(parse_month(s, false), Ok(Some(m(2023, 1))), "{s}");
    }
    assert_eq!(parse_month("2021-10", false), Ok(Some(m(2021, 10))));
    assert_eq!(parse_month("2021.10", false), Ok(Some(m(2021, 10))));
    assert_eq!(parse_month("", false), Ok(None));
}

#[test]
fn bad_months_are_errors() {
    for s in [
        "202313", "2023-13", "2023-001", "20231", "abc", "2023", "2023-01x", "3a0",
    ] {
        assert_eq!(parse_month(s, false), Err(()), "{s}");
    }
}

#[test]
fn ranges_in_every_spelling() {
    let r = |a, b, star| {
        Ok(Some(Period::Range {
            from: a,
            to: b,
            star,
        }))
    };
    assert_eq!(
        parse_period("2018.01-2018.06", false),
        r(m(2018, 1), m(2018, 6), false)
    );
    assert_eq!(
        parse_period("2009/07-2009/08", false),
        r(m(2009, 7), m(2009, 8), false)
    );
    assert_eq!(
        parse_period("*1998-11至1998-12", false),
        r(m(1998, 11), m(1998, 12), true)
    );
    assert_eq!(
        parse_period("201609-201609", false),
        r(m(2016, 9), m(2016, 9), false)
    );
    assert_eq!(
        parse_period("2018年01月 — 2018年06月", false),
        r(m(2018, 1), m(2018, 6), false)
    );
    assert_eq!(parse_period("2018-06-2018-01", false), Err(()));
}

#[test]
fn ranges_and_months_in_text() {
    assert_eq!(
        find_range_in_text("出具证明前24个月缴费情况（2023年02月-2025年01月）"),
        Some((m(2023, 2), m(2025, 1)))
    );
    assert_eq!(find_month_in_text("社保期间：201610"), Some(m(2016, 10)));
    assert_eq!(find_month_in_text("衡人社发(2020)128号"), None);
}

#[test]
fn years_months_of_year_and_lists() {
    assert_eq!(parse_year("2023年度", false), Some(2023));
    assert_eq!(parse_month_of_year("01月", false), Some(1));
    assert_eq!(parse_month_of_year("13", false), None);
    assert_eq!(
        parse_month_list("01-06,08-12"),
        Some(vec![1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12])
    );
    assert_eq!(parse_month_list("1-13"), None);
}

#[test]
fn short_years_spaces_serials_and_counts() {
    assert_eq!(parse_month("23-01", false), Ok(Some(m(2023, 1))));
    assert_eq!(parse_month("99/12", false), Ok(Some(m(1999, 12))));
    assert_eq!(parse_month("23年4月", false), Ok(Some(m(2023, 4))));
    assert_eq!(parse_month("2023 12", false), Ok(Some(m(2023, 12))));
    assert_eq!(parse_month("44927", false), Ok(Some(m(2023, 1))));
    // Excel in an English locale saves `2024-01` as `Jan-24`. (`24-Jan` could be a day.)
    assert_eq!(parse_month("Jan-24", false), Ok(Some(m(2024, 1))));
    assert_eq!(parse_month("sep-2023", false), Ok(Some(m(2023, 9))));
    for s in [
        "23 01",
        "20231",
        "2023.1",
        "23-01-23-06",
        "99999",
        "24-Jan",
        "Jan-1",
    ] {
        assert_eq!(parse_month(s, false), Err(()), "{s}");
    }
    // A range column does not read two-digit years: `01-06` is not June 2001 there.
    assert_eq!(parse_period_and_count("01-06", false, false), Err(()));
    assert_eq!(
        parse_period_and_count("202505 202605 11", false, false),
        Ok(Some((
            Period::Range {
                from: m(2025, 5),
                to: m(2026, 5),
                star: false
            },
            Some(11)
        )))
    );
    assert_eq!(parse_period("202505 202605 11", false), Err(()));
    assert_eq!(find_month_in_text("共24个月 23-06"), None);
}
