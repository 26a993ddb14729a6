//! The report: what the analysis found, serialised as the documented JSON
//! (`schema_version` 1, see `calculator-wasm/README.md`). Months are `"YYYY-MM"`, money is a
//! string with two decimals (rounded half-up only when printed), IDs are masked.

use crate::money::{as_text, as_text_opt, cents, cents_opt};
use crate::month::Month;
use crate::policy::{Confidence, Track};
use crate::record::Insurance;
use crate::statement::{Encoding, Format, Layout, SkippedRow};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeSet;

/// The JSON schema version; bump on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// One report per file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// How the file was read.
    pub source: SourceReport,
    /// The city whose figures were used, if one was given and known.
    pub place: Option<PlaceReport>,
    /// One entry per person in the file.
    pub people: Vec<PersonReport>,
}

/// How the file was read (from the reader's `SourceInfo`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceReport {
    /// `csv`, `tsv`, `xlsx`, `text`, `json`.
    pub format: Format,
    /// `utf-8`, `utf-8-bom`, `gb18030`, `n/a`.
    pub encoding: Encoding,
    /// The layout family recognised.
    pub layout: Layout,
    /// Its Chinese name.
    pub layout_name: String,
    /// XLSX sheet read.
    pub sheet: Option<String>,
    /// Other sheets with records, not read (the figures leave them out).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets_not_read: Vec<String>,
    /// The number of records the file says it lists (`共 12 条记录`), when that is more
    /// than its table holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows_stated: Option<usize>,
    /// Pages in the document (PDF only; absent for other formats).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// Where each page's rows begin (PDF only): (first row number, page), in row order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub row_pages: Vec<(usize, u32)>,
    /// Header row (1-based).
    pub header_row: Option<usize>,
    /// Data rows read.
    pub rows_read: usize,
    /// Rows not read, with reasons.
    pub rows_skipped: Vec<SkippedRow>,
    /// The rows with content that could not be read, each once, in row order.
    pub unreadable_rows: Vec<UnreadableRow>,
    /// A 权益记录单 form read as tables (`rows_read` is then not a count of the paper's lines).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub form: bool,
    /// The period the document says it covers.
    pub declared_period: Option<Span>,
}

impl SourceReport {
    /// Where rows are, as a phrase (`第 7、9 行`, with their pages in a PDF).
    pub fn rows_at_zh(&self, rows: &[usize]) -> String {
        crate::analyse::text::rows_at_zh(rows, &self.row_pages)
    }

    /// Rows read and rows that are not data (titles, blank rows, totals), as a person can
    /// count them in the file; `None` for a form, whose rows are its years and months.
    pub fn line_counts(&self) -> Option<(usize, usize)> {
        let not_data = self.rows_skipped.iter().filter(|r| !r.unreadable).count();
        (!self.form).then_some((self.rows_read, not_data))
    }

    /// What the figures leave out of a workbook whose other sheets hold records too.
    pub fn sheets_not_read_zh(&self) -> Option<String> {
        if self.sheets_not_read.is_empty() {
            return None;
        }
        let others: Vec<String> = self
            .sheets_not_read
            .iter()
            .map(|s| format!("“{s}”"))
            .collect();
        Some(format!(
            "工作表{}也有缴费记录，没有读：下面只算工作表“{}”。请把其他工作表各自存成一个文件，再逐个核对。",
            others.join("、"),
            self.sheet.as_deref().unwrap_or_default()
        ))
    }

    /// What the figures leave out when the file says it lists more records than it holds
    /// (one page of a web page's table copied).
    pub fn rows_left_out_zh(&self) -> Option<String> {
        let stated = self.rows_stated?;
        Some(format!(
            "文件里写着共 {stated} 条记录，比表格里的多：可能只复制或导出了其中一页。下面的结果不含其余的记录；请把每一页都加进来再核对。"
        ))
    }
}

/// A row of the file with content that could not be read: listed once, however many of its
/// cells or months failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnreadableRow {
    /// Row (1-based).
    pub row: usize,
    /// The page it is on (PDF): its row number counts on over pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// What could not be read, each reason once.
    pub reasons: Vec<String>,
}

impl UnreadableRow {
    /// The unreadable rows among `skipped`, grouped by row, in row order; `row_pages` is
    /// where each page's rows begin (PDF), as in [`crate::statement::SourceInfo`].
    pub fn of(skipped: &[SkippedRow], row_pages: &[(usize, u32)]) -> Vec<UnreadableRow> {
        // Kept in row order as they come (a PDF's grids may list rows out of order).
        let mut rows: Vec<UnreadableRow> = Vec::new();
        for k in skipped.iter().filter(|k| k.unreadable) {
            let at = rows.partition_point(|r| r.row < k.row);
            if rows.get(at).is_none_or(|r| r.row != k.row) {
                let row = UnreadableRow {
                    row: k.row,
                    page: crate::analyse::text::page_of(k.row, row_pages),
                    reasons: Vec::new(),
                };
                rows.insert(at, row);
            }
            if !rows[at].reasons.contains(&k.reason) {
                rows[at].reasons.push(k.reason.clone());
            }
        }
        rows
    }

    /// Where to find it: `第 8 行`, or `第 40 行（第 2 页）` in a PDF.
    pub fn place_zh(&self) -> String {
        use crate::analyse::text::rows_at_zh;
        match self.page {
            Some(page) => rows_at_zh(&[self.row], &[(self.row, page)]),
            None => rows_at_zh(&[self.row], &[]),
        }
    }

    /// The reasons as one text (each reason is a sentence, ending in 。).
    pub fn reasons_text(&self) -> String {
        self.reasons.concat()
    }
}

/// The city and province whose figures the checks used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaceReport {
    /// City slug.
    pub city: String,
    /// City name.
    pub city_name: String,
    /// Province slug.
    pub province: String,
    /// Province name.
    pub province_name: String,
}

/// A run of months, both ends included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// Number of months.
    pub months: u32,
}

impl Span {
    /// The span from `from` to `to`.
    pub fn new(from: Month, to: Month) -> Span {
        Span {
            from,
            to,
            months: from.span_to(to),
        }
    }
}

/// A run of months with no record read, which unreadable rows of the file may hold: neither
/// paid nor a gap, as far as this file shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnreadableRun {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// Number of months.
    pub months: u32,
    /// The unreadable rows that may hold them.
    pub rows: Vec<usize>,
}

/// A run of months with an unpaid record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArrearsRun {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// Number of months.
    pub months: u32,
    /// Every month of the run also has a paid record: paid late, nothing owed now.
    pub settled: bool,
    /// When it was settled (足额到账年月), if the file says.
    pub settled_in: Option<Month>,
    /// Less arrived than was due (实缴 below 应缴): what did arrive is in no total, said
    /// beside them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub paid_short: bool,
}

/// A coverage-only span (certificate with month counts, no amounts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoverageReport {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// Months the certificate says were paid.
    pub months: u32,
    /// Months in the span.
    pub span_months: u32,
    /// Whether every month of the span was paid (`months == span_months`).
    pub complete: bool,
    /// Source row.
    pub row: usize,
}

/// One insurance of one person.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InsuranceReport {
    /// Which insurance.
    pub kind: Insurance,
    /// Its Chinese name.
    pub name: String,
    /// Distinct months with a paid (or in-transit, back-paid) record; for coverage-only
    /// people, the months the certificate counts.
    pub months_paid: u32,
    /// First month with any record.
    pub first_month: Option<Month>,
    /// Last month with any record.
    pub last_month: Option<Month>,
    /// Personal amounts over paid records (top-ups add, refunds subtract); null if the file
    /// has no personal amounts.
    #[serde(with = "cents_opt")]
    pub personal_total: Option<Decimal>,
    /// Employer amounts over paid records; null if the file has none.
    #[serde(with = "cents_opt")]
    pub employer_total: Option<Decimal>,
    /// Personal amounts refunded (退收), already taken off `personal_total`: said beside it,
    /// since the refunded payment may be one the file does not list. Absent when none.
    #[serde(with = "cents_opt", skip_serializing_if = "Option::is_none")]
    pub personal_refunded: Option<Decimal>,
    /// Months whose several paid regular records are all in the totals (a `duplicate_month`
    /// finding each): said beside the totals, which may count one payment twice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub totals_with_duplicates: Vec<Month>,
    /// Runs of the paid months counted in `months_paid` (for a coverage-only file: its
    /// complete spans).
    pub paid: Vec<Span>,
    /// Runs of months with no record at all (months an unreadable row may hold are not gaps).
    pub gaps: Vec<Span>,
    /// Runs of months with no record read that an unreadable row of the file may hold.
    pub unreadable: Vec<UnreadableRun>,
    /// The unreadable rows that may hold something of this insurance: its months and totals
    /// leave them out (a row whose bad cell is another insurance's is not named here).
    pub unread_rows: Vec<usize>,
    /// Runs of months whose payments were refunded in full (退收): not paid months.
    pub refunded: Vec<Span>,
    /// Runs of 视同缴费 months: counted as years of contribution at retirement, never paid
    /// months.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deemed: Vec<Span>,
    /// Runs of months whose records are marked paid but pay nothing (0.00 on both sides: a
    /// relief month, an insurance the person is not in): neither paid nor owed, and said, so
    /// that they are not taken for months the file leaves out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paid_nothing: Vec<Span>,
    /// Runs of months with an unpaid record (open or settled).
    pub arrears: Vec<ArrearsRun>,
    /// Runs of months marked 中断 (interrupted) with no paid record.
    pub interrupted: Vec<Span>,
    /// The declared period's last month when it has no record yet (not a gap).
    pub not_booked_yet: Option<Month>,
    /// The declared period's first months, before this insurance's first record: no record,
    /// and not called gaps (the person may not have been insured yet). Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unrecorded_start: Option<Span>,
    /// Coverage-only spans.
    pub coverage: Vec<CoverageReport>,
    /// Pension only: a 权益记录单's 累计缴费月数 for its latest year, months paid over the whole
    /// history, years before the file included. Absent when the file has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months_total: Option<u32>,
}

/// What one month of one insurance is, as the analysis decided it.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum MonthState {
    /// Outside the insurance's records, or a month whose records pay nothing here (a transfer
    /// out): neither paid nor a gap.
    None,
    /// Paid (counted in `months_paid`).
    Paid,
    /// No record between the first and last month, or interrupted (中断).
    Gap,
    /// Unpaid and still open.
    Arrears,
    /// Unpaid once, paid later.
    Settled,
    /// No record read, but an unreadable row may hold it (not a gap).
    Unreadable,
    /// Paid, then refunded in full: not a paid month.
    Refunded,
    /// 视同缴费: a year worked before personal accounts, counted at retirement, not paid.
    Deemed,
    /// A record marked paid with 0.00 on both sides: neither paid nor owed.
    PaidNothing,
    /// In a certificate's span that says how many of its months were paid, not which: this
    /// month may be paid or not.
    PartlyPaid,
}

/// Month states and counts drawn from the runs, for the reader's timeline, table and verdict:
/// decided here so that every front (page, CLI) shows them the same way.
impl InsuranceReport {
    /// The state of month `m`.
    pub fn month_state(&self, m: Month) -> MonthState {
        let inside = |from: Month, to: Month| from <= m && m <= to;
        if let Some(a) = self.arrears.iter().find(|a| inside(a.from, a.to)) {
            return if a.settled {
                MonthState::Settled
            } else {
                MonthState::Arrears
            };
        }
        let any = |spans: &[Span]| spans.iter().any(|s| inside(s.from, s.to));
        if self.unreadable.iter().any(|u| inside(u.from, u.to)) {
            MonthState::Unreadable
        } else if any(&self.refunded) {
            MonthState::Refunded
        } else if any(&self.deemed) {
            MonthState::Deemed
        } else if any(&self.gaps) || any(&self.interrupted) {
            MonthState::Gap
        } else if any(&self.paid) {
            MonthState::Paid
        } else if any(&self.paid_nothing) {
            MonthState::PaidNothing
        } else if self
            .coverage
            .iter()
            .any(|c| !c.complete && inside(c.from, c.to))
        {
            MonthState::PartlyPaid
        } else {
            MonthState::None
        }
    }

    /// Months a certificate says were not paid without saying which (its incomplete spans).
    pub fn unplaced_missing_months(&self) -> u32 {
        self.coverage
            .iter()
            .map(|c| c.span_months.saturating_sub(c.months))
            .sum()
    }

    /// Months in gaps.
    pub fn gap_months(&self) -> u32 {
        self.gaps.iter().map(|g| g.months).sum()
    }

    /// Months owed and not yet paid (settled arrears left out).
    pub fn open_arrears_months(&self) -> u32 {
        self.arrears
            .iter()
            .filter(|a| !a.settled)
            .map(|a| a.months)
            .sum()
    }

    /// What the totals hold of months with several regular records, for beside the totals.
    pub fn duplicates_note_zh(&self) -> String {
        let months: Vec<String> = self
            .totals_with_duplicates
            .iter()
            .map(|m| m.to_string())
            .collect();
        format!(
            "合计含 {} 同一个月的几条记录，可能重复计算，见“发现的问题”",
            months.join("、")
        )
    }

    /// Whether some months were paid short (owed, with part of the amount in no total).
    pub fn has_paid_short(&self) -> bool {
        self.arrears.iter().any(|a| a.paid_short)
    }

    /// The months paid short, listed (`2024-02、2024-05 至 2024-06（2 个月）`).
    pub fn paid_short_zh(&self) -> String {
        let runs: Vec<String> = self
            .arrears
            .iter()
            .filter(|a| a.paid_short)
            .map(|a| crate::analyse::text::period_zh(a.from, a.to))
            .collect();
        runs.join("、")
    }

    /// The spans with only a count of months, listed (`2017-01 至 2018-12（24 个月）`).
    fn coverage_spans_zh(&self) -> String {
        let spans: Vec<String> = self
            .coverage
            .iter()
            .map(|c| crate::analyse::text::period_zh(c.from, c.to))
            .collect();
        spans.join("、")
    }

    /// The spans with only a count of months, for a sentence that goes on to say what they
    /// are left out of (`2017-01 至 2018-12（24 个月）只写了缴费月数，没有逐月的金额，`).
    pub fn coverage_zh(&self) -> String {
        format!(
            "{} 只写了缴费月数，没有逐月的金额，",
            self.coverage_spans_zh()
        )
    }

    /// What the totals leave out of spans with only a count of months, for beside the totals.
    pub fn coverage_note_zh(&self) -> String {
        format!("合计不含 {} 只写了月数的缴费", self.coverage_spans_zh())
    }

    /// What the totals leave out of months paid short, for beside the totals.
    pub fn paid_short_note_zh(&self) -> String {
        format!("合计不含 {} 未缴足的月份已缴的部分", self.paid_short_zh())
    }

    /// Months interrupted (中断) with nothing paid.
    pub fn interrupted_months(&self) -> u32 {
        self.interrupted.iter().map(|s| s.months).sum()
    }

    /// Months that only unreadable rows may hold.
    pub fn unreadable_months(&self) -> u32 {
        self.unreadable.iter().map(|u| u.months).sum()
    }

    /// 视同缴费 months (not paid; counted at retirement).
    pub fn deemed_months(&self) -> u32 {
        self.deemed.iter().map(|s| s.months).sum()
    }

    /// Months whose records are marked paid but pay nothing.
    pub fn paid_nothing_months(&self) -> u32 {
        self.paid_nothing.iter().map(|s| s.months).sum()
    }
}

/// How serious a finding is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Worth checking with the employer or the office.
    Warning,
    /// The figures cannot both be right.
    Error,
}

/// Stable finding codes (documented in `calculator-wasm/README.md`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    /// Personal amount ≠ base × personal rate (+ fixed).
    PersonalAmountMismatch,
    /// Pension base below the year's floor.
    BaseBelowFloor,
    /// Pension base above the year's ceiling.
    BaseAboveCeiling,
    /// The year's floor and ceiling are not known (info).
    BaseLimitsUnknown,
    /// No city given: floors, ceilings and local rates not checked (info).
    CityNotGiven,
    /// The same month has different bases across insurances.
    BaseDiffersBetweenInsurances,
    /// More than one regular record for one month and insurance.
    DuplicateMonth,
    /// Fewer contribution months than the minimum for the retirement year (info).
    MinYears,
    /// Coverage-only certificate: amounts cannot be checked (info).
    CoverageOnly,
    /// A 权益记录单 year whose interest or closing balance differs from the recomputation.
    OfficialAccountMismatch,
    /// A 权益记录单 year whose own lines do not add up.
    OfficialAccountArithmetic,
    /// A 权益记录单 year whose opening is not the previous year's closing.
    OfficialAccountDiscontinuity,
    /// Rows identical in every figure (a history export repeating a row): counted once.
    IdenticalRows,
    /// No rate rule covers these months: their amounts were not checked (info).
    RatesUnknown,
    /// The file names no insurance: which one its rows were read as, and why (info).
    InsuranceAssumed,
}

impl FindingCode {
    /// Rows that repeat a month (identical, or with differing figures): findings, but not a
    /// broken rule.
    pub fn is_duplicate_rows(self) -> bool {
        matches!(
            self,
            FindingCode::IdenticalRows | FindingCode::DuplicateMonth
        )
    }

    /// How serious a finding of this code is: one severity per code.
    pub fn severity(self) -> Severity {
        use FindingCode::*;
        match self {
            OfficialAccountArithmetic => Severity::Error,
            PersonalAmountMismatch
            | BaseBelowFloor
            | BaseAboveCeiling
            | DuplicateMonth
            | IdenticalRows
            | OfficialAccountMismatch
            | OfficialAccountDiscontinuity => Severity::Warning,
            BaseLimitsUnknown
            | CityNotGiven
            | BaseDiffersBetweenInsurances
            | MinYears
            | CoverageOnly
            | RatesUnknown
            | InsuranceAssumed => Severity::Info,
        }
    }
}

/// A figure a finding compares: kept typed until the report is serialised (as a string:
/// money with two decimals, counts as whole numbers).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// Yuan.
    Money(Decimal),
    /// A number of months or records.
    Count(u32),
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Quantity::Money(d) => f.write_str(&crate::money::format_cents(*d)),
            Quantity::Count(n) => write!(f, "{n}"),
        }
    }
}

impl Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One thing the analysis noticed. Built with [`Finding::new`] and the setters below, so each
/// finding states only what applies to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code.
    pub code: FindingCode,
    /// How serious (always `code.severity()`).
    pub severity: Severity,
    /// Which insurance, where one applies.
    pub insurance: Option<Insurance>,
    /// The (first) month it concerns.
    pub month: Option<Month>,
    /// The last month, when the finding covers a run of months with the same figures.
    pub to: Option<Month>,
    /// What the figure should be.
    pub expected: Option<Quantity>,
    /// What the file says.
    pub actual: Option<Quantity>,
    /// Source row, for single-record findings.
    pub row: Option<usize>,
    /// One plain Chinese sentence.
    pub message: String,
}

impl Finding {
    /// A finding of `code` with its message; the setters add what applies.
    pub fn new(code: FindingCode, message: String) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            insurance: None,
            month: None,
            to: None,
            expected: None,
            actual: None,
            row: None,
            message,
        }
    }

    /// The insurance it concerns.
    pub fn insurance(mut self, insurance: Insurance) -> Finding {
        self.insurance = Some(insurance);
        self
    }

    /// The month it concerns.
    pub fn month(mut self, month: Month) -> Finding {
        self.month = Some(month);
        self
    }

    /// The run of months it concerns (`to` is kept only when it differs from `from`).
    pub fn months(mut self, from: Month, to: Month) -> Finding {
        self.month = Some(from);
        self.to = (to != from).then_some(to);
        self
    }

    /// What the figure should be and what the file says.
    pub fn compare(mut self, expected: Quantity, actual: Quantity) -> Finding {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }

    /// The source row.
    pub fn row(mut self, row: usize) -> Finding {
        self.row = Some(row);
        self
    }
}

/// A crediting rate as used, with where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RateUsed {
    /// Fraction, e.g. `"0.0262"`.
    pub value: String,
    /// Percent for people, e.g. `"2.62%"`.
    pub percent: String,
    /// How sure the research is.
    pub confidence: Confidence,
    /// Where it comes from.
    pub source: String,
}

/// Whether a year's crediting rate could be used.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateStatus {
    /// Published and used.
    Published,
    /// Only a third-party figure exists: interest left out.
    Unconfirmed,
    /// Not published (yet): interest left out.
    NotPublished,
    /// Before 2016 each province set its own rate (not collected): interest left out.
    BeforeNational,
}

/// One year of the pension personal account computed from the records.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccountYear {
    /// The year.
    pub year: u32,
    /// Balance at the start of the year (0 at the first year of the file).
    #[serde(with = "cents")]
    pub opening: Decimal,
    /// Credited this year.
    #[serde(with = "cents")]
    pub credits: Decimal,
    /// Months with a credit.
    pub months_credited: u32,
    /// Rate status.
    pub rate_status: RateStatus,
    /// The rate (also shown when unconfirmed, but then not used).
    pub rate: Option<RateUsed>,
    /// Interest on the opening balance; null when the rate was not used.
    #[serde(with = "cents_opt")]
    pub interest_on_opening: Option<Decimal>,
    /// Interest on this year's credits (monthly weighting); null when the rate was not used.
    #[serde(with = "cents_opt")]
    pub interest_on_credits: Option<Decimal>,
    /// Balance at the end of the year.
    #[serde(with = "cents")]
    pub closing: Decimal,
}

impl AccountYear {
    /// The year's interest (on the opening balance and on the credits); `None` when the rate
    /// was not used.
    pub fn interest(&self) -> Option<Decimal> {
        self.interest_on_opening?
            .checked_add(self.interest_on_credits?)
    }
}

/// The pension personal account as far as the file shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PensionAccount {
    /// Year by year.
    pub years: Vec<AccountYear>,
    /// Balance at the end of the last year.
    #[serde(with = "cents")]
    pub balance: Decimal,
    /// Every year's interest is in the balance (all rates published and used).
    pub complete: bool,
    /// Distinct pension months paid.
    pub contribution_months: u32,
    /// Whole years of those months.
    pub contribution_years: u32,
    /// Remaining months.
    pub contribution_extra_months: u32,
    /// What the figures assume, in Chinese.
    pub assumptions: Vec<String>,
    /// Why a balance below zero appears, in Chinese (null when every year ends at zero or more):
    /// shown beside the figure.
    pub below_zero: Option<String>,
}

/// Outcome of checking one 权益记录单 year.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Every line agrees within 0.01.
    Agrees,
    /// Agrees for some placement of the credited months within the year (months not stated).
    WithinRange,
    /// Agrees only with the unconfirmed third-party rate.
    AgreesWithUnconfirmedRate,
    /// At least one line differs.
    Differs,
    /// No usable rate for the year.
    CannotCheck,
}

/// The five official figures of one year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OfficialFigures {
    /// 截止上年末个人账户累计储存额.
    #[serde(with = "cents")]
    pub opening: Decimal,
    /// 当年记账金额.
    #[serde(with = "cents")]
    pub credited: Decimal,
    /// 上年末储存额的当年记账利息.
    #[serde(with = "cents")]
    pub interest_on_opening: Decimal,
    /// 当年记账金额利息.
    #[serde(with = "cents")]
    pub interest_on_credits: Decimal,
    /// 至本年末账户累计储存额.
    #[serde(with = "cents")]
    pub closing: Decimal,
}

/// Our recomputation of the three derived lines (null where it could not be done).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecomputedFigures {
    /// Opening × rate.
    #[serde(with = "cents_opt")]
    pub interest_on_opening: Option<Decimal>,
    /// Credited × rate × monthly weighting.
    #[serde(with = "cents_opt")]
    pub interest_on_credits: Option<Decimal>,
    /// Opening + credited + both interests.
    #[serde(with = "cents_opt")]
    pub closing: Option<Decimal>,
}

/// One year of the official account, checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OfficialYearCheck {
    /// The year.
    pub year: u32,
    /// Source row.
    pub row: usize,
    /// Rate status.
    pub rate_status: RateStatus,
    /// The rate used (or the unconfirmed one tried).
    pub rate: Option<RateUsed>,
    /// Rate implied by the official interest on the opening balance (`"0.0150"`), if any.
    #[serde(with = "as_text_opt")]
    pub implied_rate: Option<Decimal>,
    /// What the document says.
    pub official: OfficialFigures,
    /// What we compute.
    pub recomputed: RecomputedFigures,
    /// Official minus recomputed, per line (null where not recomputed).
    pub difference: RecomputedFigures,
    /// Opening + credited + interests − closing, as printed (0.00 when the document adds up).
    #[serde(with = "cents")]
    pub arithmetic_difference: Decimal,
    /// Whether the opening equals the previous year's closing (null without a previous year).
    pub continues_previous: Option<bool>,
    /// How the credited months were weighted, in Chinese.
    pub weighting: String,
    /// The outcome.
    pub status: CheckStatus,
    /// One plain Chinese sentence.
    pub message: String,
}

/// The official account figures reproduced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OfficialAccountReport {
    /// Year by year.
    pub years: Vec<OfficialYearCheck>,
    /// Every checkable year agrees.
    pub all_agree: bool,
    /// One plain Chinese sentence for the top of the report.
    pub summary: String,
}

/// The basic pension estimate with every assumption.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PensionEstimate {
    /// Computation base used (W).
    #[serde(with = "cents")]
    pub computation_base: Decimal,
    /// The year whose computation base was used.
    pub computation_base_year: u32,
    /// Average contribution index (4 decimals).
    #[serde(with = "as_text")]
    pub average_index: Decimal,
    /// Contribution years used (2 decimals).
    #[serde(with = "as_text")]
    pub contribution_years: Decimal,
    /// Basic part per month.
    #[serde(with = "cents")]
    pub basic_part: Decimal,
    /// Account balance used.
    #[serde(with = "cents")]
    pub account_balance: Decimal,
    /// Account part per month.
    #[serde(with = "cents")]
    pub account_part: Decimal,
    /// Basic + account part per month.
    #[serde(with = "cents")]
    pub total: Decimal,
    /// Every assumption, in Chinese.
    pub assumptions: Vec<String>,
}

/// Retirement under the 2025 reform.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetirementReport {
    /// Birth month given.
    pub birth: Month,
    /// Track given.
    pub track: Track,
    /// Former statutory age.
    pub base_age: u32,
    /// Months of delay under the reform.
    pub delay_months: u32,
    /// Statutory retirement age: years.
    pub age_years: u32,
    /// Statutory retirement age: months.
    pub age_months: u32,
    /// Month of reaching the statutory retirement age.
    pub retirement_month: Month,
    /// Months divisor for that age (one decimal).
    #[serde(with = "as_text_opt")]
    pub months_divisor: Option<Decimal>,
    /// Minimum contribution years for that year (e.g. `"15.5"`).
    #[serde(with = "as_text_opt")]
    pub minimum_years: Option<Decimal>,
    /// Pension months in the file (or counted by a coverage certificate), or a 权益记录单's
    /// 累计缴费月数 when `months_on_record`.
    pub contribution_months: u32,
    /// `contribution_months` is the 权益记录单's 累计缴费月数, years before the file included.
    pub months_on_record: bool,
    /// 视同缴费 months the file lists, included in `contribution_months` (they count as years
    /// of contribution; nothing was paid).
    #[serde(skip_serializing_if = "is_zero")]
    pub deemed_months: u32,
    /// Whether those months reach the minimum (the file may not hold every year).
    pub meets_minimum: Option<bool>,
    /// Months from "today" to the retirement month (negative = already reached), if today given.
    pub months_until: Option<i64>,
    /// The estimate, when a computation base is known.
    pub estimate: Option<PensionEstimate>,
    /// Why there is no estimate, in Chinese.
    pub no_estimate_reason: Option<String>,
}

/// A month's contribution base as the analysis judged it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthBase {
    /// The month.
    pub month: Month,
    /// The base it was assessed on (regular record plus top-ups).
    #[serde(with = "cents")]
    pub base: Decimal,
}

/// How a year's bases compare with that year's published limits.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseStatus {
    /// Not a pension base, or no city given: not judged.
    NotChecked,
    /// Within the floor and the ceiling.
    Within,
    /// The floor or the ceiling is not known.
    LimitsUnknown,
    /// Above the ceiling.
    AboveCeiling,
    /// Below the floor.
    BelowFloor,
}

/// One year of the base history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BaseYear {
    /// The year.
    pub year: u32,
    /// The lowest base of the year.
    #[serde(with = "cents")]
    pub lowest: Decimal,
    /// The highest base of the year.
    #[serde(with = "cents")]
    pub highest: Decimal,
    /// The province's published floor, if known.
    #[serde(with = "cents_opt")]
    pub floor: Option<Decimal>,
    /// The province's published ceiling, if known.
    #[serde(with = "cents_opt")]
    pub ceiling: Option<Decimal>,
    /// The verdict (the worst month of the year).
    pub status: BaseStatus,
}

/// The contribution base month by month, as judged: what the base chart draws.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BaseHistory {
    /// Pension when the file has pension bases, else the first insurance with bases.
    pub insurance: Insurance,
    /// Month by month, in order.
    pub months: Vec<MonthBase>,
    /// Year by year, in order.
    pub years: Vec<BaseYear>,
}

/// Everything about one person.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonReport {
    /// 姓名 as in the file.
    pub name: Option<String>,
    /// ID with all but the first 6 and last 4 characters masked.
    pub id_masked: Option<String>,
    /// One entry per insurance present.
    pub insurances: Vec<InsuranceReport>,
    /// Findings, sorted by severity (highest first), then month.
    pub findings: Vec<Finding>,
    /// The contribution base month by month as judged (null without bases).
    pub base_history: Option<BaseHistory>,
    /// The pension account computed from the records, if there are pension credits.
    pub pension_account: Option<PensionAccount>,
    /// The official account figures checked, if the file has them.
    pub official_account: Option<OfficialAccountReport>,
    /// Retirement, if birth month and track were given.
    pub retirement: Option<RetirementReport>,
    /// What this file does not let us check, in Chinese.
    pub cannot_check: Vec<String>,
    /// Data rows of the file that could not be read: every total, month count and balance
    /// above leaves them out (empty when every data row was read).
    pub unread_rows: Vec<usize>,
}

impl PersonReport {
    /// Every month some insurance misses (a gap), each counted once however many insurances
    /// miss it.
    pub fn gap_months(&self) -> BTreeSet<Month> {
        let mut months = BTreeSet::new();
        for g in self.insurances.iter().flat_map(|i| &i.gaps) {
            months.extend(g.from.through(g.to));
        }
        months
    }

    /// Every month some insurance still owes, each counted once.
    pub fn open_arrears_months(&self) -> BTreeSet<Month> {
        let mut months = BTreeSet::new();
        for a in self.insurances.iter().flat_map(|i| &i.arrears) {
            if !a.settled {
                months.extend(a.from.through(a.to));
            }
        }
        months
    }

    /// Per insurance, the months a certificate says were not paid without saying which (the
    /// months cannot be matched across insurances, so they are not added up).
    pub fn unplaced_missing_months(&self) -> Vec<(&str, u32)> {
        self.insurances
            .iter()
            .map(|i| (i.name.as_str(), i.unplaced_missing_months()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Every month some insurance was interrupted (中断) with nothing paid, each counted once.
    pub fn interrupted_months(&self) -> BTreeSet<Month> {
        let mut months = BTreeSet::new();
        for s in self.insurances.iter().flat_map(|i| &i.interrupted) {
            months.extend(s.from.through(s.to));
        }
        months
    }

    /// Findings where a figure breaks a rule or disagrees with the file's own figures
    /// (amounts, bases, the 权益记录单's account). Duplicate rows are findings too, but not
    /// breaches: they are listed apart.
    pub fn rule_breaches(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning && !f.code.is_duplicate_rows())
            .count()
    }

    /// Findings of rows that repeat a month (identical, or with differing figures).
    pub fn duplicate_findings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.code.is_duplicate_rows())
            .count()
    }
}

/// For `skip_serializing_if`: a count that is zero is left out of the JSON.
fn is_zero(n: &u32) -> bool {
    *n == 0
}
