//! Property: the same months and amounts written out in each layout family read back to
//! the same month → amount set.
#[path = "read_support.rs"]
mod support;

use proptest::prelude::*;
use rust_decimal::Decimal;
use shebao_calc::month::Month;
use shebao_calc::record::Insurance;
use std::collections::BTreeMap;
use support::*;

type Set = BTreeMap<Month, Decimal>;

fn arb_set() -> impl Strategy<Value = Set> {
    proptest::collection::vec((0i64..120, 1i64..200_000), 1..40).prop_map(|v| {
        v.into_iter()
            .filter_map(|(i, cents)| {
                Some((Month::new(2015, 1)?.offset(i)?, Decimal::new(cents, 2)))
            })
            .collect()
    })
}

fn read_back(text: &str) -> Set {
    let s = read_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    of(&s.people[0], Insurance::Pension)
        .iter()
        .map(|r| (r.month, r.personal.unwrap()))
        .collect()
}

fn long(set: &Set) -> String {
    let mut t = String::from("费款所属期,险种类型,个人缴费\n");
    for (m, a) in set.iter().rev() {
        t.push_str(&format!(
            "{}{:02},企业职工基本养老保险,{a}\n",
            m.year(),
            m.month()
        ));
    }
    t
}

fn wide(set: &Set) -> String {
    let mut t =
        String::from("职工社保明细\n缴费年月,养老保险,,医疗保险\n,个人缴纳,单位缴纳,个人缴纳\n");
    for (m, a) in set {
        t.push_str(&format!("{}年{}月,\"{a}\",,\n", m.year(), m.month()));
    }
    t
}

fn ranges(set: &Set) -> String {
    let mut t = String::from("险种,缴费起止年月,个人缴费\n");
    let items: Vec<(Month, Decimal)> = set.iter().map(|(m, a)| (*m, *a)).collect();
    let mut i = 0;
    while i < items.len() {
        let (start, amount) = items[i];
        let mut j = i;
        while j + 1 < items.len()
            && items[j + 1].1 == amount
            && items[j + 1].0.index() == items[j].0.index() + 1
        {
            j += 1;
        }
        let end = items[j].0;
        let total = amount * Decimal::from(j - i + 1);
        t.push_str(&format!(
            "养老,{}.{:02}-{}.{:02},{total}\n",
            start.year(),
            start.month(),
            end.year(),
            end.month()
        ));
        i = j + 1;
    }
    t
}

fn year_month(set: &Set) -> String {
    let mut t = String::from("出具证明前缴费情况\n年,月,单位编号,缴费基数,个人缴费,缴费状况\n");
    for (m, a) in set {
        t.push_str(&format!("{},{},U1,5000,{a},已到账\n", m.year(), m.month()));
    }
    t
}

fn grid(set: &Set) -> String {
    let mut t = String::from("年\\月");
    for k in 1..=12 {
        t.push_str(&format!(",{k}月"));
    }
    t.push('\n');
    let years: std::collections::BTreeSet<u32> = set.keys().map(|m| m.year()).collect();
    for y in years {
        t.push_str(&y.to_string());
        for k in 1..=12 {
            let cell = Month::new(y, k)
                .and_then(|m| set.get(&m))
                .map(|a| a.to_string())
                .unwrap_or_default();
            t.push_str(&format!(",{cell}"));
        }
        t.push('\n');
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_layout_reads_back_the_same_months_and_amounts(set in arb_set()) {
        prop_assert_eq!(&read_back(&long(&set)), &set);
        prop_assert_eq!(&read_back(&wide(&set)), &set);
        prop_assert_eq!(&read_back(&ranges(&set)), &set);
        prop_assert_eq!(&read_back(&year_month(&set)), &set);
        prop_assert_eq!(&read_back(&grid(&set)), &set);
    }
}
