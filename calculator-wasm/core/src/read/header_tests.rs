use super::*;
use rust_decimal::Decimal;

fn row(n: usize, cells: &[&str]) -> GridRow {
    GridRow {
        number: n,
        cells: cells.iter().map(|c| Cell::text(c)).collect(),
    }
}

#[test]
fn two_row_header_with_groups_and_rates() {
    let grid = Grid {
        rows: vec![
            row(1, &["某公司社保缴费明细"]),
            row(2, &["缴费年月", "养老保险", "", "医疗保险", "", "缴费状态"]),
            row(3, &["", "公司16%", "个人8%", "单位缴纳", "个人2%+3", ""]),
            row(4, &["2023年1月", "800", "400", "475", "103", "已到账"]),
        ],
        ..Grid::default()
    };
    let h = find_header(&grid, false).unwrap();
    assert_eq!((h.first, h.last), (1, 2));
    let c = &h.columns;
    assert_eq!(c[0].field, Some(Field::Period));
    assert_eq!(
        (c[1].insurance, c[1].field),
        (Some(Insurance::Pension), Some(Field::Employer))
    );
    assert_eq!(
        (c[2].insurance, c[2].field),
        (Some(Insurance::Pension), Some(Field::Personal))
    );
    assert_eq!(
        (c[4].insurance, c[4].field),
        (Some(Insurance::Medical), Some(Field::Personal))
    );
    assert_eq!(
        c[4].rate,
        Some(StatedRate {
            rate: Decimal::new(2, 2),
            fixed: Decimal::from(3)
        })
    );
    assert_eq!((c[5].insurance, c[5].field), (None, Some(Field::Status)));
}

#[test]
fn trap_header_example_month_not_data() {
    let grid = Grid {
        rows: vec![
            row(1, &["月份(格式如2020-01)", "缴费基数", "个人缴费"]),
            row(2, &["2021-10", "5000", "400"]),
        ],
        ..Grid::default()
    };
    let h = find_header(&grid, false).unwrap();
    assert_eq!((h.first, h.last), (0, 0));
    assert_eq!(h.columns[0].field, Some(Field::Period));
}

#[test]
fn insurance_named_columns() {
    let grid = Grid {
        rows: vec![row(
            1,
            &[
                "年月",
                "缴费基数",
                "养老",
                "失业保险",
                "养老缴费基数",
                "养老个人缴纳",
            ],
        )],
        ..Grid::default()
    };
    let h = find_header(&grid, false).unwrap();
    assert!(h.columns[2].insurance_only);
    assert!(h.columns[3].insurance_only);
    assert_eq!(
        (h.columns[4].insurance, h.columns[4].field),
        (Some(Insurance::Pension), Some(Field::Base))
    );
    assert_eq!(
        (h.columns[5].insurance, h.columns[5].field),
        (Some(Insurance::Pension), Some(Field::Personal))
    );
}

#[test]
fn group_labels_on_their_groups_last_column_are_moved_to_its_first() {
    // A web page's table printed to PDF: each label centred over its two columns lands on
    // the second, and the first 单位缴纳 stands under no label.
    let grid = Grid {
        rows: vec![
            row(1, &["", "", "", "养老保险", "", "医疗保险", "", "缴费状态"]),
            row(
                2,
                &[
                    "缴费年月",
                    "缴费基数",
                    "单位缴纳",
                    "个人缴纳",
                    "单位缴纳",
                    "个人缴纳",
                    "",
                ],
            ),
            row(
                3,
                &["2024年1月", "6000", "960", "480", "480", "120", "已到账"],
            ),
        ],
        ..Grid::default()
    };
    let h = find_header(&grid, false).unwrap();
    let c = &h.columns;
    let part = |i: usize| (c[i].insurance, c[i].field);
    assert_eq!(part(2), (Some(Insurance::Pension), Some(Field::Employer)));
    assert_eq!(part(3), (Some(Insurance::Pension), Some(Field::Personal)));
    assert_eq!(part(4), (Some(Insurance::Medical), Some(Field::Employer)));
    assert_eq!(part(5), (Some(Insurance::Medical), Some(Field::Personal)));
    assert_eq!(c[7].label, "缴费状态");
}

#[test]
fn two_labels_in_one_header_cell_are_two_columns() {
    // A PDF printed with its columns touching: `费款所属期缴费基数` over the period, the base
    // column headless; `小计 缴费标志` over cells printed as one (`1320已到账`).
    let grid = Grid {
        rows: vec![
            row(
                1,
                &[
                    "台账年月",
                    "费款所属期缴费基数",
                    "",
                    "个人应缴",
                    "小计 缴费标志",
                ],
            ),
            row(2, &["202307", "202307", "5500", "440", "1320已到账"]),
        ],
        ..Grid::default()
    };
    let h = find_header(&grid, true).unwrap();
    let fields: Vec<_> = h.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Some(Field::Booked),
            Some(Field::Period),
            Some(Field::Base),
            Some(Field::Personal),
            Some(Field::Status)
        ]
    );
    // A label the synonyms know whole is never cut (`个人缴费基数` is not 个人 + 缴费基数),
    // nor one over a headless column with nothing in it, nor any in a typed file (a CSV's
    // `个人缴费状态,` with a trailing comma).
    let cut = |rows: Vec<GridRow>, printed: bool| {
        let h = find_header(
            &Grid {
                rows,
                ..Grid::default()
            },
            printed,
        )
        .unwrap();
        h.columns.iter().map(|c| c.field).collect::<Vec<_>>()
    };
    assert_eq!(
        cut(
            vec![
                row(1, &["费款所属期", "个人缴费基数", ""]),
                row(2, &["202307", "5000", "x"])
            ],
            true
        ),
        [Some(Field::Period), Some(Field::Base), None]
    );
    let status = || {
        vec![
            row(1, &["费款所属期", "个人缴费状态", ""]),
            row(2, &["202307", "欠缴", "x"]),
        ]
    };
    assert_eq!(
        cut(status(), false),
        [Some(Field::Period), Some(Field::Status), None]
    );
    let no_data = vec![
        row(1, &["费款所属期", "个人缴费状态", ""]),
        row(2, &["202307", "欠缴", ""]),
    ];
    assert_eq!(
        cut(no_data, true),
        [Some(Field::Period), Some(Field::Status), None]
    );
}
