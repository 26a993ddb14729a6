//! One regression test per trap in statement-layouts.md ("Traps other parsers fell into").
#[path = "read_support.rs"]
mod support;

use shebao_calc::record::{Insurance::*, PaymentKind};
use support::*;

#[test]
fn trap_month_2021_10_not_2021_01() {
    let s = read_str(
        "费款所属期,险种,个人缴费\n2021-10,养老,400\n2021.10,医疗,100\n2021年10月,失业,5\n",
    )
    .unwrap();
    let p = &s.people[0];
    assert_eq!(months(p, Pension), vec!["2021-10"]);
    assert_eq!(months(p, Medical), vec!["2021-10"]);
    assert_eq!(months(p, Unemployment), vec!["2021-10"]);
}

#[test]
fn trap_header_example_month_not_data() {
    let s = read_str("月份(格式如2020-01),险种,个人缴费\n2023-03,养老,400\n").unwrap();
    assert_eq!(months(&s.people[0], Pension), vec!["2023-03"]);
    assert_eq!(s.source.rows_read, 1);
}

#[test]
fn trap_heji_inside_zonghe() {
    let s = read_str(
        "费款所属期,险种,个人缴费,备注\n202301,养老,400,综合计算\n202302,养老,400,\n合计,,800,\n",
    )
    .unwrap();
    assert_eq!(months(&s.people[0], Pension), vec!["2023-01", "2023-02"]);
    assert_eq!(s.source.rows_skipped.len(), 1);
    assert_eq!(s.source.rows_skipped[0].row, 4);
}

#[test]
fn trap_document_number_not_amount() {
    let s = read_str("依据衡人社发(2020)128号\n费款所属期,险种,缴费基数,个人缴费\n202301,养老,3000,240\n202302,养老,(2020)128号,240\n").unwrap();
    // The title is a title; the document number in the base column is an unreadable row, not a base.
    assert_eq!(months(&s.people[0], Pension), vec!["2023-01"]);
    let bad = s.source.rows_skipped.iter().find(|r| r.unreadable).unwrap();
    assert_eq!(bad.row, 4);
}

#[test]
fn trap_year_not_base() {
    let s = read_str("年,月,缴费基数,个人缴费\n2023,1,3000,240\n").unwrap();
    assert_eq!(of(&s.people[0], Pension)[0].base, Some(d("3000")));
}

#[test]
fn trap_negative_refund() {
    let s = read_str("费款所属期,险种,个人缴费,单位缴费\n202301,养老,400,800\n202301,养老,-3000.00,-6000.00\n202302,养老,300.00,600.00,\n").unwrap();
    let p = &s.people[0];
    let kinds: Vec<PaymentKind> = of(p, Pension).iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        vec![
            PaymentKind::Normal,
            PaymentKind::Refund,
            PaymentKind::Normal
        ]
    );
    assert_eq!(personal_total(p, Pension), d("-2300.00"));
    // A 退收 row written with positive amounts still subtracts.
    let s = read_str("费款所属期,险种,缴费类型,个人缴费\n202301,养老,退收,400\n").unwrap();
    assert_eq!(of(&s.people[0], Pension)[0].personal, Some(d("-400")));
}

#[test]
fn trap_footer_total_not_a_month() {
    let s =
        read_str("费款所属期,险种,个人缴费\n202301,养老,400\n总计：,,400\n打印日期：2024-01-05\n")
            .unwrap();
    assert_eq!(months(&s.people[0], Pension), vec!["2023-01"]);
    assert!(s.source.rows_skipped.iter().all(|r| !r.unreadable));
}

#[test]
fn trap_thousands_separator() {
    let s =
        read_str("费款所属期,险种,缴费基数,单位缴费\n202301,养老,\"344,361.00\",\"55,097.76\"\n")
            .unwrap();
    let r = &s.people[0].records[0];
    assert_eq!(
        (r.base, r.employer),
        (Some(d("344361.00")), Some(d("55097.76")))
    );
}

#[test]
fn trap_newest_first() {
    let newest =
        read_str("费款所属期,险种,个人缴费\n202303,养老,3\n202302,养老,2\n202301,养老,1\n")
            .unwrap();
    let oldest =
        read_str("费款所属期,险种,个人缴费\n202301,养老,1\n202302,养老,2\n202303,养老,3\n")
            .unwrap();
    let strip = |s: &shebao_calc::Statement| {
        s.people[0]
            .records
            .iter()
            .map(|r| (r.month, r.personal))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&newest), strip(&oldest));
    assert_eq!(
        months(&newest.people[0], Pension),
        vec!["2023-01", "2023-02", "2023-03"]
    );
}

#[test]
fn trap_two_records_per_row() {
    let s = read_fixture("ticks.csv").unwrap();
    let rows: Vec<(String, usize)> = of(&s.people[0], Pension)
        .iter()
        .map(|r| (r.month.to_string(), r.row))
        .collect();
    assert_eq!(
        rows[..2],
        [("2021-01".to_string(), 3), ("2021-02".to_string(), 3)]
    );
}

#[test]
fn trap_pdf_wrapped_company() {
    let text = "费款所属期    险种类型    个人缴费    单位名称\n2023-01    养老    400.00    某某信息技\n术有限公司\n2023-02    养老    400.00    某某信息技术有限公司\n";
    let s = read_str(text).unwrap();
    let names: Vec<&str> = of(&s.people[0], Pension)
        .iter()
        .filter_map(|r| r.employer_name.as_deref())
        .collect();
    assert_eq!(names, vec!["某某信息技术有限公司", "某某信息技术有限公司"]);
}

#[test]
fn trap_ocr_o_for_0() {
    let text = "费款所属期    险种类型    缴费基数    个人缴费\n2O23-O1    养老    5OOO.OO    4OO.0O\n2023-02    养老    5000.00    4l0.00\n";
    let s = read_str(text).unwrap();
    let p = &s.people[0];
    assert_eq!(months(p, Pension), vec!["2023-01", "2023-02"]);
    assert_eq!(personal_total(p, Pension), d("810.00"));
    // In a typed CSV the same letters are an error, not a silent fix.
    let e = read_str("费款所属期,险种,个人缴费\n202301,养老,4OO\n").unwrap_err();
    assert_eq!(
        e.kind,
        shebao_calc::ErrorKind::BadAmount {
            value: "4OO".into()
        }
    );
}

#[test]
fn trap_numbers_stored_as_text_in_xlsx() {
    // wide.xlsx stores "1,280.00" and "163.00" as text cells and others as numbers.
    let s = read_fixture("wide.xlsx").unwrap();
    assert_eq!(of(&s.people[0], Pension)[0].employer, Some(d("1280.00")));
    assert_eq!(of(&s.people[0], Medical)[0].personal, Some(d("163.00")));
}

#[test]
fn trap_code_exact_not_prefix() {
    let e = read_str("险种类型,费款所属期,个人缴费\n1101,202301,400\n").unwrap_err();
    assert!(matches!(
        e.kind,
        shebao_calc::ErrorKind::UnknownInsurance { .. }
    ));
}

#[test]
fn trap_booked_month_is_not_the_period() {
    let s = read_str("台账年月,费款所属期,险种,个人缴费\n202402,202311,养老,400\n").unwrap();
    assert_eq!(months(&s.people[0], Pension), vec!["2023-11"]);
}

#[test]
fn trap_grid_zero_or_dash_is_not_paid() {
    // In a year × month table, 0, 0.00, -, /, — and 无 mean nothing was paid that month, as a
    // blank cell does; 欠 is a month owed.
    let s = read_str(
        "年\\月,1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月\n\
         2023,400,400,0,0.00,无,/,—,——,欠,400,欠400,(欠)\n",
    )
    .unwrap();
    let p = &s.people[0];
    assert_eq!(
        months(p, Pension),
        vec!["2023-01", "2023-02", "2023-09", "2023-10", "2023-11", "2023-12"]
    );
    let owed: Vec<_> = of(p, Pension)
        .iter()
        .filter(|r| r.status == shebao_calc::record::PayStatus::Unpaid)
        .map(|r| r.month.to_string())
        .collect();
    assert_eq!(owed, ["2023-09", "2023-11", "2023-12"]);
}

#[test]
fn trap_due_and_paid_columns() {
    // 应缴 and 实缴 side by side: a month paid short (or not at all) is owed; a file with
    // only a 实缴 column reads it as the amount.
    let s = read_str(
        "费款所属期,险种,个人应缴金额,个人实缴金额\n\
         202401,养老,400.00,400.00\n202402,养老,400.00,\n202403,养老,400.00,200.00\n",
    )
    .unwrap();
    let status: Vec<_> = of(&s.people[0], Pension).iter().map(|r| r.status).collect();
    use shebao_calc::record::PayStatus::{InTransit, Paid, Unpaid};
    assert_eq!(status, [Paid, Unpaid, Unpaid]);
    // Only the month where something arrived is paid short: its 200.00 is in no total.
    let short: Vec<_> = of(&s.people[0], Pension)
        .iter()
        .map(|r| r.paid_short)
        .collect();
    assert_eq!(short, [false, false, true]);
    // The personal part paid in full and the employer's not at all: owed, and the personal
    // money that arrived is in no total either.
    let s = read_str(
        "费款所属期,险种,个人应缴,个人实缴,单位应缴,单位实缴\n202406,养老,400.00,400.00,800.00,0.00\n",
    )
    .unwrap();
    let r = &of(&s.people[0], Pension)[0];
    assert_eq!((r.status, r.paid_short), (Unpaid, true));
    let s = read_str("费款所属期,险种,个人实缴\n202401,养老,400.00\n").unwrap();
    assert_eq!(of(&s.people[0], Pension)[0].personal, Some(d("400.00")));
    // One amount per row (征收品目) with 应缴 and 实缴 side by side: the same rule, for the
    // row's own part. February arrived not at all, March's personal part only in half.
    let s = read_str(
        "征收品目,费款所属日期起,缴费基数,本期应缴费额,本期实缴费额\n\
         个人缴纳部分,2024-01-01,5000,400.00,400.00\n单位缴纳部分,2024-01-01,5000,800.00,800.00\n\
         个人缴纳部分,2024-02-01,5000,400.00,0.00\n单位缴纳部分,2024-02-01,5000,800.00,0.00\n\
         个人缴纳部分,2024-03-01,5000,400.00,200.00\n单位缴纳部分,2024-03-01,5000,800.00,800.00\n",
    )
    .unwrap();
    let rows: Vec<_> = of(&s.people[0], Pension)
        .iter()
        .map(|r| (r.month.to_string(), r.status, r.paid_short))
        .collect();
    assert!(rows.contains(&("2024-01".into(), Paid, false)), "{rows:?}");
    assert!(
        rows.contains(&("2024-02".into(), Unpaid, false)),
        "{rows:?}"
    );
    assert!(rows.contains(&("2024-03".into(), Unpaid, true)), "{rows:?}");
    assert!(
        !rows.iter().any(|r| r.0 != "2024-01" && r.1 == Paid),
        "{rows:?}"
    );
    // A column group per insurance, each with 应缴 and 实缴: the same rule, per insurance.
    let s = read_str(
        "费款所属期,养老保险,,,医疗保险,\n,缴费基数,个人应缴,个人实缴,个人应缴,个人实缴\n\
         202401,5000,400.00,400.00,100.00,100.00\n202402,5000,400.00,200.00,100.00,100.00\n\
         202403,5000,400.00,0,100.00,0\n",
    )
    .unwrap();
    let state = |ins| -> Vec<_> {
        of(&s.people[0], ins)
            .iter()
            .map(|r| (r.status, r.paid_short))
            .collect()
    };
    assert_eq!(
        state(Pension),
        [(Paid, false), (Unpaid, true), (Unpaid, false)]
    );
    assert_eq!(
        state(Medical),
        [(Paid, false), (Paid, false), (Unpaid, false)]
    );
    // 实缴金额 alone is the amount.
    let s = read_str("征收品目,费款所属期,实缴金额\n个人缴纳部分,202401,400.00\n").unwrap();
    assert_eq!(of(&s.people[0], Pension)[0].personal, Some(d("400.00")));
    // A refund: 应缴 as billed, 实缴 negative; what came back is the paid figure.
    let s = read_str("费款所属期,险种,个人应缴,个人实缴\n202403,养老,400.00,-400.00\n").unwrap();
    let r = &of(&s.people[0], Pension)[0];
    assert_eq!((r.status, r.personal), (Paid, Some(d("-400.00"))));
    // More arrived than was due: the amount is what arrived (the amount check names the
    // difference).
    let s = read_str("费款所属期,险种,个人应缴,个人实缴\n202405,养老,480.00,500.00\n").unwrap();
    let r = &of(&s.people[0], Pension)[0];
    assert_eq!((r.status, r.personal), (Paid, Some(d("500.00"))));
    // A status cell decides paid or owed; a paid month's amounts are what arrived (已到账
    // with 实缴 0.00 paid nothing), an owed month's what was due.
    let s = read_str(
        "费款所属期,险种,个人应缴,个人实缴,单位应缴,单位实缴,缴费状态\n\
         202401,养老,320.00,320.00,640.00,0.00,已到账\n\
         202402,养老,320.00,0.00,640.00,0.00,已到账\n\
         202403,养老,320.00,0.00,640.00,0.00,未到账\n\
         202404,养老,320.00,0.00,640.00,0.00,在途\n",
    )
    .unwrap();
    let rows: Vec<_> = of(&s.people[0], Pension)
        .iter()
        .map(|r| (r.status, r.personal, r.employer))
        .collect();
    assert_eq!(
        rows,
        [
            (Paid, Some(d("320.00")), Some(d("0.00"))),
            (Paid, Some(d("0.00")), Some(d("0.00"))),
            (Unpaid, Some(d("320.00")), Some(d("640.00"))),
            (InTransit, Some(d("320.00")), Some(d("640.00")))
        ]
    );
}

#[test]
fn trap_insured_as_flexible() {
    let s = read_str(
        "费款所属期,险种,缴费基数,个人缴费,参保身份\n\
         202401,养老,4812,962.40,灵活就业人员\n202402,养老,4812,384.96,在职职工\n\
         202403,养老,4812,962.40,个体工商户\n202404,养老,4812,384.96,个体工商户雇工\n\
         202405,养老,4812,384.96,企业职工（非个体）\n202406,养老,4812,962.40,个体劳动者\n",
    )
    .unwrap();
    let flexible: Vec<bool> = of(&s.people[0], Pension)
        .iter()
        .map(|r| r.flexible)
        .collect();
    assert_eq!(flexible, [true, false, true, false, false, true]);
}

#[test]
fn trap_flexible_pays_the_amount_not_the_account_credit() {
    // A flexibly employed person's statement (the title says so): 应缴金额 is what they paid
    // (20 %); 划入个人账户金额 is the 8 % of it the account got.
    let flexible = "灵活就业人员基本养老保险缴费明细\n\
                    费款所属期,缴费基数,应缴金额,划入个人账户金额,划入统筹金额\n\
                    202401,4462.00,892.40,356.96,535.44\n";
    let s = read_str(flexible).unwrap();
    let r = &of(&s.people[0], Pension)[0];
    assert_eq!((r.flexible, r.personal), (true, Some(d("892.40"))));
    // An employee's statement of the same columns: the account credit is the personal part.
    let employee = "基本养老保险缴费明细\n\
                    费款所属期,缴费基数,应缴金额,划入个人账户金额,划入统筹金额\n\
                    202401,4462.00,1070.88,356.96,713.92\n";
    let s = read_str(employee).unwrap();
    let r = &of(&s.people[0], Pension)[0];
    assert_eq!((r.flexible, r.personal), (false, Some(d("356.96"))));
    // A 单位 column beside them holds part of the same 20 %: not added again.
    let with_pooled = "灵活就业人员基本养老保险缴费明细\n\
                       费款所属期,缴费基数,应缴金额,划入个人账户金额,单位缴费\n\
                       202401,4462.00,892.40,356.96,535.44\n";
    let s = read_str(with_pooled).unwrap();
    let r = &of(&s.people[0], Pension)[0];
    assert_eq!((r.personal, r.employer), (Some(d("892.40")), None));
    // A field above the table says what the person is now, not what every row was.
    let field = "参保身份：灵活就业人员\n费款所属期,缴费基数,个人缴费,单位缴费\n\
                 202301,4462.00,356.96,713.92\n";
    let s = read_str(field).unwrap();
    assert!(!of(&s.people[0], Pension)[0].flexible);
}

#[test]
fn trap_flexible_pays_both_parts() {
    // Some systems print a flexibly employed person's 20 % as 12 % under 单位 and 8 % under
    // 个人: the person paid both; no employer paid anything.
    let s = read_str(
        "费款所属期,险种,缴费基数,单位缴费,个人缴费,参保身份\n\
         202401,养老,4462.00,535.44,356.96,灵活就业人员\n\
         202402,养老,4462.00,713.92,356.96,在职职工\n",
    )
    .unwrap();
    let parts: Vec<_> = of(&s.people[0], Pension)
        .iter()
        .map(|r| (r.personal, r.employer))
        .collect();
    assert_eq!(
        parts,
        [
            (Some(d("892.40")), None),
            (Some(d("356.96")), Some(d("713.92")))
        ]
    );
}

#[test]
fn trap_excel_error_in_a_flag_is_not_paid() {
    // "这一格是 Excel 的错误值 #N/A" contains 是, a word for paid: the cell is unreadable.
    let grids = "shebao-grid 1 xlsx 0\nG0\n\
                 R1\tt费款所属期\tt险种\tt个人缴费\tt缴费标志\n\
                 R2\tt202401\tt养老\tn400\tt已到账\n\
                 R3\tt202402\tt养老\tn400\tu这一格是 Excel 的错误值 #N/A\n";
    let s = shebao_calc::read::read_handover(grids, None).unwrap();
    assert_eq!(months(&s.people[0], Pension), vec!["2024-01"]);
    let bad: Vec<usize> = s
        .source
        .rows_skipped
        .iter()
        .filter(|r| r.unreadable)
        .map(|r| r.row)
        .collect();
    assert_eq!(bad, [3]);
}

#[test]
fn trap_a_table_per_insurance_under_section_headings() {
    // A certificate with no insurance column prints one table per insurance, each under its
    // heading; the second table's rows are medical, not more pension rows. A page's person
    // line repeated inside the data is not a row that failed to read.
    let s = read_str(
        "浙江省社会保险参保缴费证明（个人）\n姓名：李四,身份证号：330106********1235\n\
         一、养老保险缴费情况\n年,月,缴费基数,个人缴费\n2024,01,5000,400\n2024,02,5000,400\n\
         姓名：李四,身份证号：330106********1235\n\
         二、医疗保险缴费情况\n年,月,缴费基数,个人缴费\n2024,01,5000,100\n\
         注：医疗保险含大病保险\n",
    )
    .unwrap();
    let p = &s.people[0];
    assert_eq!(months(p, Pension), vec!["2024-01", "2024-02"]);
    assert_eq!(months(p, Medical), vec!["2024-01"]);
    assert!(!s.source.insurance_assumed);
    assert!(
        s.source.rows_skipped.iter().all(|k| !k.unreadable),
        "{:?}",
        s.source.rows_skipped
    );
}

#[test]
fn trap_a_heading_does_not_override_an_insurance_column() {
    let s = read_str(
        "费款所属期,险种,个人缴费\n202401,养老,400\n医疗保险\n202401,医疗,100\n202402,养老,400\n",
    )
    .unwrap();
    let p = &s.people[0];
    assert_eq!(months(p, Pension), vec!["2024-01", "2024-02"]);
    assert_eq!(months(p, Medical), vec!["2024-01"]);
}
