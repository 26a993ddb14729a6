//! The analysis: from a read [`Statement`] and the [`Policy`] to a [`Report`].
//!
//! One small module per question: [`assumed`] (which insurance a file that names none
//! lists), [`insurance`] (months, totals, gaps, arrears),
//! [`amounts`] (personal amount vs rate), [`bases`] (floors, ceilings, duplicates),
//! [`account`] (pension account), [`official`] (权益记录单 reproduced), [`retirement`],
//! [`coverage`] (certificates without amounts).

pub mod account;
pub mod amounts;
pub mod assumed;
pub mod bases;
pub mod coverage;
pub mod group;
pub mod identical;
pub mod insurance;
pub mod official;
pub mod retirement;
pub mod runs;
pub mod text;
pub mod unreadable;

use crate::month::Month;
use crate::policy::lookup::Place;
use crate::policy::{Policy, Track};
use crate::record::{mask_id, CoverageSpan, Insurance, Person, Record};
use crate::report::{
    Finding, FindingCode, PersonReport, PlaceReport, Quantity, Report, SourceReport, Span,
    UnreadableRow, SCHEMA_VERSION,
};
use crate::statement::Statement;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// What to do when an XLSX file's formulas may not have saved their results (scripts write
/// them blank or as 0).
const FORMULA_HINT: &str = "如果在 Excel 里看得到金额，可能是公式没有保存计算结果：请用 Excel 或 WPS 打开文件、保存一次再检查。";

/// What the caller knows besides the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// City slug (`yingkou`); selects the province figures and local rates.
    pub city: Option<String>,
    /// Birth month, for the retirement part.
    pub birth: Option<Month>,
    /// Retirement track, for the retirement part.
    pub track: Option<Track>,
    /// The current month (the engine reads no clock).
    pub today: Option<Month>,
}

/// Analyse every person of a statement (taken, not borrowed: a file that names no
/// insurance may be read as another one first, in place).
pub fn analyse(mut statement: Statement, policy: &Policy, options: &Options) -> Report {
    let place = options.city.as_deref().and_then(|c| policy.place(c));
    let assumed = statement
        .source
        .insurance_assumed
        .then(|| assumed::decide(&statement, policy, place.unwrap_or_default()));
    if let Some(d) = &assumed {
        assumed::relabel(&mut statement, d.insurance);
    }
    let statement = &statement;
    let s = &statement.source;
    Report {
        schema_version: SCHEMA_VERSION,
        source: SourceReport {
            format: s.format,
            encoding: s.encoding,
            layout: s.layout,
            layout_name: s.layout.name_zh().to_string(),
            sheet: s.sheet.clone(),
            sheets_not_read: s.sheets_not_read.clone(),
            rows_stated: s.rows_stated,
            pages: s.pages,
            row_pages: s.row_pages.clone(),
            header_row: s.header_row,
            rows_read: s.rows_read,
            rows_skipped: s.rows_skipped.clone(),
            unreadable_rows: UnreadableRow::of(&s.rows_skipped, &s.row_pages),
            form: s.form,
            declared_period: statement.declared_period.map(|(a, b)| Span::new(a, b)),
        },
        place: place.and_then(|p| {
            let (prov, city) = (p.province?, p.city?);
            Some(PlaceReport {
                city: city.slug.clone(),
                city_name: city.name.clone(),
                province: prov.slug.clone(),
                province_name: prov.name.clone(),
            })
        }),
        people: statement
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                person(
                    p,
                    statement,
                    &unreadable::Unread::of(statement, i),
                    policy,
                    place.unwrap_or_default(),
                    options,
                    assumed.as_ref(),
                )
            })
            .collect(),
    }
}

/// One person's report; `assumed` is the file's insurance decision, if one was made.
fn person(
    p: &Person,
    statement: &Statement,
    unread: &unreadable::Unread,
    policy: &Policy,
    place: Place<'_>,
    options: &Options,
    assumed: Option<&assumed::Decision>,
) -> PersonReport {
    let (format, declared) = (statement.source.format, statement.declared_period);
    let all: Vec<&Record> = p.records.iter().collect();
    let row_pages = &statement.source.row_pages;
    let (records, identical_rows) = identical::drop_copies(&all, row_pages);
    let mut insurances = Vec::new();
    // Rows giving a span and a count of months (no month list) beside rows with records: the
    // ones counted in months paid, and the ones left out (they overlap records).
    let (mut spans_counted, mut spans_left_out) = (Vec::new(), Vec::new());
    for kind in Insurance::ALL {
        let mine: Vec<&Record> = records
            .iter()
            .copied()
            .filter(|r| r.insurance == kind)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let spans: Vec<&CoverageSpan> = p.coverage.iter().filter(|s| s.insurance == kind).collect();
        let beside = insurance::spans_beside(&mine, &spans);
        for s in &spans {
            let rows = if beside.contains(s) {
                &mut spans_counted
            } else {
                &mut spans_left_out
            };
            rows.push(s.row);
        }
        insurances.push(insurance::summarise(kind, &mine, &beside, declared, unread));
    }
    if let Some(i) = insurances.iter_mut().find(|i| i.kind == Insurance::Pension) {
        i.months_total = months_total(p);
    }
    let mut cannot_check = Vec::new();
    let mut findings = Vec::new();
    if records.is_empty() && !p.coverage.is_empty() {
        for kind in Insurance::ALL {
            let spans: Vec<_> = p.coverage.iter().filter(|s| s.insurance == kind).collect();
            if !spans.is_empty() {
                insurances.push(coverage::summarise(kind, &spans, unread));
            }
        }
        cannot_check = coverage::cannot_check(&insurances);
        findings.push(Finding::new(
            FindingCode::CoverageOnly,
            "这是只列参保月数的证明，金额和基数无法核对。".into(),
        ));
    } else {
        // Spans of an insurance with no records at all count as in a coverage-only file.
        for kind in Insurance::ALL {
            let spans: Vec<_> = p.coverage.iter().filter(|s| s.insurance == kind).collect();
            if !spans.is_empty() && !insurances.iter().any(|i| i.kind == kind) {
                spans_counted.extend(spans.iter().map(|s| s.row));
                let at = insurances.partition_point(|i| i.kind < kind);
                insurances.insert(at, coverage::summarise(kind, &spans, unread));
            }
        }
        if !spans_counted.is_empty() {
            cannot_check.push(format!(
                "文件{}只写了一段时间和其中缴费的月数，没有逐月的记录：这些月数算进了已缴月数，但看不出是哪几个月，也不在合计和账户里。",
                text::rows_at_zh(&spans_counted, row_pages)
            ));
        }
        if !spans_left_out.is_empty() {
            cannot_check.push(format!(
                "文件{}只写了一段时间和月数，又和逐月的记录重叠：这些月份没有算进已缴月数、合计和账户。",
                text::rows_at_zh(&spans_left_out, row_pages)
            ));
        }
    }

    if !records.is_empty() {
        let any_base = records.iter().any(|r| r.base.is_some());
        let any_amount = records
            .iter()
            .any(|r| r.personal.is_some() || r.employer.is_some());
        match (any_base, any_amount) {
            (false, false) => cannot_check.push(
                "文件只有缴费月份，没有缴费基数和金额：无法核对基数和金额，也无法计算个人账户。"
                    .into(),
            ),
            (false, true) => cannot_check.push(
                "文件没有缴费基数：无法核对基数的上下限，也无法核对个人缴费是否按费率计算。".into(),
            ),
            (true, false) => {
                cannot_check.push(
                    "文件没有缴费金额：无法核对个人缴费是否算对；个人账户按缴费基数推算。".into(),
                );
                // Scripts write XLSX formulas without their results, which read as blank.
                if format == crate::statement::Format::Xlsx {
                    cannot_check.push(FORMULA_HINT.into());
                }
            }
            (true, true) => {
                // Or with 0 as their result (xlsxwriter's default), which reads as 0.00.
                let all_zero = records.iter().all(|r| {
                    [r.personal, r.employer]
                        .iter()
                        .flatten()
                        .all(Decimal::is_zero)
                });
                if all_zero && format == crate::statement::Format::Xlsx {
                    cannot_check.push(format!("文件里的金额全都是 0.00。{FORMULA_HINT}"));
                }
            }
        }
    }
    if p.id_damaged {
        cannot_check.push(
            "文件里的证件号码被表格软件改成了数字（如 1.10101E+17），后几位已经丢失：本工具按姓名和改过的号码区分人，两个同名的人号码被改成同一个数时会合在一起。"
                .into(),
        );
    }
    let bases = bases::effective_bases(&records);
    findings.extend(identical_rows);
    findings.extend(amounts::check(policy, place, &records));
    // Employer amounts are listed, not checked: employer rates differ by province, year and
    // trade, and relief periods (2020) set them to 0. Said, so no one takes them as checked.
    if records.iter().any(|r| r.employer.is_some()) {
        cannot_check.push(
            "单位缴费只列出，没有核对：单位费率各地、各年、各行业不同，有的年份还有阶段性减免。"
                .into(),
        );
    }
    findings.extend(bases::limits(place, &bases));
    findings.extend(bases::differing(&bases));
    findings.extend(bases::duplicates(&records, row_pages));
    for i in &mut insurances {
        i.totals_with_duplicates = findings
            .iter()
            .filter(|f| f.code == FindingCode::DuplicateMonth && f.insurance == Some(i.kind))
            .filter_map(|f| f.month)
            .collect();
    }

    let pension_months = insurances
        .iter()
        .find(|i| i.kind == Insurance::Pension)
        .map_or(0, |i| i.months_paid);
    let unread_rows = unread.rows();
    let pension_unread = unread.rows_for(Insurance::Pension);
    // A 权益记录单 states the account itself (checked below); an account recomputed from the
    // file's months alone would start from 0 and show a balance far below the official one.
    // Nor from amounts that contradict the insurance the rows were assumed to be.
    let contradicted = assumed.is_some_and(|d| d.contradicted);
    let mut pension_account = if p.account_years.is_empty() && !contradicted {
        account::compute(policy, place, &records, pension_months)
    } else {
        None
    };
    if let (Some(a), false) = (&mut pension_account, pension_unread.is_empty()) {
        a.assumptions.push(format!(
            "文件{}里读不出来的内容没有计入账户。",
            text::rows_at_zh(&pension_unread, row_pages)
        ));
    }
    let pension_spans = insurances
        .iter()
        .find(|i| i.kind == Insurance::Pension && !i.coverage.is_empty());
    if let (Some(a), Some(i)) = (&mut pension_account, pension_spans) {
        a.assumptions
            .push(format!("{}没有计入账户。", i.coverage_zh()));
    }
    let pension_short = insurances
        .iter()
        .find(|i| i.kind == Insurance::Pension && i.has_paid_short());
    if let (Some(a), Some(i)) = (&mut pension_account, pension_short) {
        a.assumptions.push(format!(
            "{} 未缴足，已缴的部分没有计入账户。",
            i.paid_short_zh()
        ));
    }

    let monthly = pension_credits_by_month(&records);
    let official = official::reconcile(policy, &p.account_years, &monthly).map(|(r, f)| {
        findings.extend(f);
        r
    });
    if !p.account_years.is_empty() && records.is_empty() {
        cannot_check.push("这份记录单没有逐月明细：缺月、欠费和个人缴费金额无法逐月核对。".into());
    }

    let retirement = match (options.birth, options.track) {
        (Some(birth), Some(track)) => {
            let balance = official_balance(&p.account_years).or_else(|| {
                pension_account.as_ref().map(|a| {
                    (
                        a.balance,
                        format!(
                            "个人账户余额用本工具按文件算出的 {}（不含文件以外的年份）。",
                            text::yuan(a.balance)
                        ),
                    )
                })
            });
            // The 权益记录单's 累计缴费月数 counts the years before the file too (its deemed
            // years among them); otherwise the file's 视同缴费 months count as years too.
            let on_record = months_total(p).filter(|t| *t >= pension_months);
            let deemed = match on_record {
                Some(_) => 0,
                None => insurances
                    .iter()
                    .find(|i| i.kind == Insurance::Pension)
                    .map_or(0, |i| i.deemed_months()),
            };
            let own = retirement::OwnFigures {
                months: on_record.unwrap_or(pension_months + deemed),
                months_on_record: on_record.is_some(),
                deemed_months: deemed,
                bases: &bases,
                balance,
            };
            retirement::report(&policy.national, place, birth, track, options.today, &own)
        }
        _ => None,
    };
    if let Some(r) = &retirement {
        if let (Some(min), Some(false)) = (r.minimum_years, r.meets_minimum) {
            // Minimum years are whole or half years: whole months.
            let need = (min * Decimal::from(12u32))
                .ceil()
                .to_u32()
                .unwrap_or(u32::MAX);
            let have = text::years_months_zh(r.contribution_months);
            let message = if r.months_on_record {
                format!(
                    "{} 年退休的最低缴费年限是 {min} 年；记录单写的累计缴费是 {have}，还差 {}。",
                    r.retirement_month.year(),
                    text::years_months_zh(need.saturating_sub(r.contribution_months))
                )
            } else {
                format!(
                    "{} 年退休的最低缴费年限是 {min} 年；这个文件里只有 {have}{}。文件以外的年份也算，请查全部缴费记录。",
                    r.retirement_month.year(),
                    text::deemed_part_zh(r.deemed_months)
                )
            };
            findings.push(
                Finding::new(FindingCode::MinYears, message)
                    .insurance(Insurance::Pension)
                    .month(r.retirement_month)
                    .compare(
                        Quantity::Count(need),
                        Quantity::Count(r.contribution_months),
                    ),
            );
        }
    }

    findings.extend(assumed.map(|d| d.note.clone()));
    crate::order::sort_by(&mut findings, |a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.month.cmp(&b.month))
            .then(a.code.cmp(&b.code))
            .then(a.insurance.cmp(&b.insurance))
    });
    PersonReport {
        name: p.name.clone(),
        id_masked: p.id.as_deref().map(mask_id),
        insurances,
        findings,
        base_history: bases::history(place, &bases),
        pension_account,
        official_account: official,
        retirement,
        cannot_check,
        unread_rows,
    }
}

/// The pension's 累计缴费月数 of the latest 权益记录单 year that states it.
fn months_total(p: &Person) -> Option<u32> {
    p.account_years
        .iter()
        .filter(|y| y.months_total.is_some())
        .max_by_key(|y| y.year)
        .and_then(|y| y.months_total)
}

/// Pension personal amounts of paid records by year and month (for the official check).
fn pension_credits_by_month(records: &[&Record]) -> account::YearCredits {
    account::credits_by_year(
        records
            .iter()
            .filter(|r| r.insurance == Insurance::Pension && insurance::is_paid(r))
            .filter_map(|r| r.personal.map(|p| (r.month, insurance::signed(r, p))))
            .collect(),
    )
}

/// The latest official closing balance, if the file has a 权益记录单.
fn official_balance(years: &[crate::record::OfficialAccountYear]) -> Option<(Decimal, String)> {
    years.iter().max_by_key(|y| y.year).map(|y| {
        (
            y.closing,
            format!(
                "个人账户余额用权益记录单上 {} 年末的 {}。",
                y.year,
                text::yuan(y.closing)
            ),
        )
    })
}
