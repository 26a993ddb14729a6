//! From the header's columns to a reading plan: which family the file is, which column
//! holds what (per record set when a row holds two), and the defaults the file implies.

use super::codes::{find_insurance_name, CodeScheme};
use super::header::{Column, Header};
use super::synonyms::Field;
use super::text_norm::normalise_label;
use crate::month::Month;
use crate::record::{Insurance, StatedRate};
use crate::statement::Layout;

/// Columns of one insurance group in a wide layout (or a tick/count column).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// The insurance.
    pub insurance: Option<Insurance>,
    /// Base column.
    pub base: Option<usize>,
    /// Personal amount column.
    pub personal: Option<usize>,
    /// Employer amount column.
    pub employer: Option<usize>,
    /// Amount column without a part.
    pub amount: Option<usize>,
    /// Personal amount paid, beside `personal` (the amount due).
    pub personal_paid: Option<usize>,
    /// Employer amount paid, beside `employer` (the amount due).
    pub employer_paid: Option<usize>,
    /// Status column of this insurance.
    pub status: Option<usize>,
    /// A column named only by the insurance: `√` ticks or month counts.
    pub mark: Option<usize>,
    /// Rate stated in the personal column's header.
    pub rate: Option<StatedRate>,
}

/// The columns of one record set (most files have one; a Nanjing-style list has two per row).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Segment {
    /// Shared (not per insurance) columns: field → column.
    pub period: Option<usize>,
    /// Range in one cell.
    pub range: Option<usize>,
    /// Range start.
    pub start: Option<usize>,
    /// Range end.
    pub end: Option<usize>,
    /// Year.
    pub year: Option<usize>,
    /// Month of year.
    pub month_of_year: Option<usize>,
    /// Insurance name/code.
    pub insurance: Option<usize>,
    /// 征收品目.
    pub part: Option<usize>,
    /// Shared base, personal, employer, amount.
    pub base: Option<usize>,
    /// Personal amount.
    pub personal: Option<usize>,
    /// Employer amount.
    pub employer: Option<usize>,
    /// Personal amount paid, beside `personal` (the amount due).
    pub personal_paid: Option<usize>,
    /// Employer amount paid, beside `employer` (the amount due).
    pub employer_paid: Option<usize>,
    /// Amount without part.
    pub amount: Option<usize>,
    /// Amount paid without part, beside `amount` (the amount due).
    pub amount_paid: Option<usize>,
    /// The personal column is what was credited to the account (`划入个人账户金额`): for a
    /// flexibly employed person that is 8 % of the base out of the 20 % paid, which the
    /// amount column (`应缴金额`) holds.
    pub personal_is_credit: bool,
    /// Rate column.
    pub rate: Option<usize>,
    /// Status column.
    pub status: Option<usize>,
    /// Kind column.
    pub kind: Option<usize>,
    /// Settled month.
    pub settled: Option<usize>,
    /// Employer name.
    pub employer_name: Option<usize>,
    /// 参保身份.
    pub insured_as: Option<usize>,
    /// Month count.
    pub month_count: Option<usize>,
    /// Months paid over the whole history (权益记录单).
    pub months_total: Option<usize>,
    /// Per-insurance groups, in column order.
    pub groups: Vec<Group>,
    /// Account columns: opening, credited, interest on opening, interest on credits, closing.
    pub account: [Option<usize>; 5],
    /// Month columns of a year × month grid: (column, month).
    pub grid: Vec<(usize, u32)>,
    /// Total columns (`个人缴费合计`, `单位缴费合计`): (field totalled, column).
    pub totals: Vec<(Field, usize)>,
}

/// Everything the row reader needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The family recognised.
    pub layout: Layout,
    /// Record sets per row.
    pub segments: Vec<Segment>,
    /// Name column.
    pub name: Option<usize>,
    /// ID column.
    pub id: Option<usize>,
    /// Insurance for rows that do not name one: the one a title, the sheet's name or the
    /// file's name names, else pension.
    pub default_insurance: Insurance,
    /// No column, group or title names the insurance: `default_insurance` is the one the
    /// sheet's or file's name names, else pension, an assumption the analysis weighs
    /// against the amounts (`analyse::assumed`).
    pub insurance_assumed: bool,
    /// How two-digit insurance codes are read.
    pub scheme: CodeScheme,
    /// A bill's month, from a title or the file name.
    pub bill_month: Option<Month>,
    /// What a grid cell's number is: base when the title says 基数, else the personal amount.
    pub grid_is_base: bool,
    /// A title says the person is flexibly employed (`灵活就业人员基本养老保险缴费明细`).
    pub flexible: bool,
}

fn pick(slot: &mut Option<usize>, best: &mut Option<usize>, col: &Column) {
    if best.is_none_or(|r| col.rank < r) {
        *slot = Some(col.index);
        *best = Some(col.rank);
    }
}

fn build_segment(cols: &[&Column]) -> Segment {
    let mut s = Segment::default();
    // Best rank seen per field: a few pairs, so a Vec (a HashMap brings its hasher and table
    // code into the wasm module for this one use).
    let mut ranks: Vec<(Field, usize)> = Vec::new();
    for c in cols {
        if c.other_scheme {
            continue;
        }
        if let Some(m) = c.grid_month {
            s.grid.push((c.index, m));
            continue;
        }
        if let Some(ins) = c.insurance {
            let g = match s.groups.iter_mut().position(|g| g.insurance == Some(ins)) {
                Some(i) => &mut s.groups[i],
                None => {
                    s.groups.push(Group {
                        insurance: Some(ins),
                        ..Group::default()
                    });
                    let last = s.groups.len() - 1;
                    &mut s.groups[last]
                }
            };
            match c.field {
                Some(Field::Base) => g.base = g.base.or(Some(c.index)),
                Some(Field::Personal) => {
                    g.personal = g.personal.or(Some(c.index));
                    g.rate = g.rate.clone().or(c.rate.clone());
                }
                Some(Field::Employer) => g.employer = g.employer.or(Some(c.index)),
                Some(Field::PersonalPaid) => g.personal_paid = g.personal_paid.or(Some(c.index)),
                Some(Field::EmployerPaid) => g.employer_paid = g.employer_paid.or(Some(c.index)),
                Some(Field::Amount) => g.amount = g.amount.or(Some(c.index)),
                Some(Field::Status) => g.status = g.status.or(Some(c.index)),
                None if c.insurance_only => g.mark = g.mark.or(Some(c.index)),
                _ => {}
            }
            continue;
        }
        let Some(f) = c.field else { continue };
        if let Some(t) = c.total_of {
            s.totals.push((t, c.index));
            continue;
        }
        let seen = ranks.iter().position(|(g, _)| *g == f);
        let mut best = seen.map(|k| ranks[k].1);
        let slot = match f {
            Field::Period => &mut s.period,
            Field::PeriodRange => &mut s.range,
            Field::PeriodStart => &mut s.start,
            Field::PeriodEnd => &mut s.end,
            Field::Year => &mut s.year,
            Field::MonthOfYear => &mut s.month_of_year,
            Field::Insurance => &mut s.insurance,
            Field::Part => &mut s.part,
            Field::Base => &mut s.base,
            Field::Personal => &mut s.personal,
            Field::Employer => &mut s.employer,
            Field::PersonalPaid => &mut s.personal_paid,
            Field::EmployerPaid => &mut s.employer_paid,
            Field::Amount => &mut s.amount,
            Field::AmountPaid => &mut s.amount_paid,
            Field::Rate => &mut s.rate,
            Field::Status => &mut s.status,
            Field::Kind => &mut s.kind,
            Field::Settled => &mut s.settled,
            Field::EmployerName => &mut s.employer_name,
            Field::InsuredAs => &mut s.insured_as,
            Field::MonthCount => &mut s.month_count,
            Field::MonthsTotal => &mut s.months_total,
            Field::AccountOpening => &mut s.account[0],
            Field::AccountCredited => &mut s.account[1],
            Field::InterestOnOpening => &mut s.account[2],
            Field::InterestOnCredits => &mut s.account[3],
            Field::AccountClosing => &mut s.account[4],
            Field::Booked | Field::Name | Field::Id | Field::Ignored => continue,
        };
        pick(slot, &mut best, c);
        match (seen, best) {
            (Some(k), Some(b)) => ranks[k].1 = b,
            (None, Some(b)) => ranks.push((f, b)),
            (_, None) => {}
        }
    }
    // A 实缴 column alone is the amount; beside an amount due it tells a month paid short.
    fn paid_alone_is_the_amount(due: &mut Option<usize>, paid: &mut Option<usize>) {
        if due.is_none() {
            *due = paid.take();
        }
    }
    for g in &mut s.groups {
        paid_alone_is_the_amount(&mut g.personal, &mut g.personal_paid);
        paid_alone_is_the_amount(&mut g.employer, &mut g.employer_paid);
    }
    paid_alone_is_the_amount(&mut s.personal, &mut s.personal_paid);
    paid_alone_is_the_amount(&mut s.employer, &mut s.employer_paid);
    paid_alone_is_the_amount(&mut s.amount, &mut s.amount_paid);
    s.personal_is_credit = s.personal.is_some_and(|i| {
        cols.iter()
            .any(|c| c.index == i && c.label.contains("划入") && c.label.contains("账户"))
    });
    // The booking month stands in only when nothing says which month is paid for.
    if s.period.is_none() && s.range.is_none() && s.start.is_none() && s.year.is_none() {
        s.period = cols
            .iter()
            .find(|c| c.field == Some(Field::Booked) && c.insurance.is_none())
            .map(|c| c.index);
    }
    s
}

/// Split the columns into record sets when the first period column repeats (two records per
/// row); columns left of the first set belong to every set.
fn split_segments(columns: &[Column]) -> Vec<Segment> {
    let key = |c: &Column| c.field.filter(|f| f.is_period() && c.insurance.is_none());
    let Some(first_field) = columns.iter().find_map(key) else {
        return vec![build_segment(&columns.iter().collect::<Vec<_>>())];
    };
    // The same header again (`缴费年月 … 缴费年月`): two periods with different names
    // (`对应费款所属期` and `费款所属期`, `aae003` and `aae002`) are one record's columns.
    let first_label = columns
        .iter()
        .find(|c| key(c).is_some())
        .map(|c| normalise_label(&c.label).to_ascii_lowercase());
    let starts: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            key(c) == Some(first_field)
                && Some(normalise_label(&c.label).to_ascii_lowercase()) == first_label
        })
        .map(|(i, _)| i)
        .collect();
    if starts.len() < 2 || first_field == Field::PeriodStart {
        return vec![build_segment(&columns.iter().collect::<Vec<_>>())];
    }
    let prefix: Vec<&Column> = columns[..starts[0]].iter().collect();
    starts
        .iter()
        .enumerate()
        .map(|(k, &from)| {
            let to = starts.get(k + 1).copied().unwrap_or(columns.len());
            let mut cols = prefix.clone();
            cols.extend(columns[from..to].iter());
            build_segment(&cols)
        })
        .collect()
}

/// In a row that covers a range of months, a total column (`个人缴费合计`) is what was paid
/// for the range: the range's amounts, when no plain amount column says so.
fn use_totals_for_ranges(s: &mut Segment) {
    if s.range.is_none() && (s.start.is_none() || s.end.is_none()) {
        return;
    }
    for &(field, col) in &s.totals {
        let slot = match field {
            Field::Personal => &mut s.personal,
            Field::Employer => &mut s.employer,
            Field::Amount | Field::AmountPaid => &mut s.amount,
            _ => continue,
        };
        slot.get_or_insert(col);
    }
}

/// Inputs from outside the header that shape the plan.
pub struct PlanContext<'a> {
    /// Title texts above the header (and below it, for bills' headings).
    pub titles: &'a [String],
    /// A month found in a title or the file name (bills).
    pub title_month: Option<Month>,
    /// The sheet's name (XLSX) and the file's name: an export without an insurance column
    /// often says there which insurance it lists (`医疗保险`, `医保缴费明细.xlsx`).
    pub sheet: Option<&'a str>,
    /// The file's name.
    pub file_name: Option<&'a str>,
}

/// Build the plan, or say which family the file is closest to when no column gives a month.
pub fn make_plan(header: &Header, ctx: &PlanContext<'_>) -> Result<Plan, Option<Layout>> {
    let mut segments = split_segments(&header.columns);
    for s in &mut segments {
        use_totals_for_ranges(s);
    }
    // Borrowed, not cloned: cloning a segment here cost ~0.8 KB gzip of wasm.
    let no_segment = Segment::default();
    let first = segments.first().unwrap_or(&no_segment);
    let find = |f: Field| {
        header
            .columns
            .iter()
            .find(|c| c.field == Some(f) && c.insurance.is_none())
            .map(|c| c.index)
    };
    let (name, id) = (find(Field::Name), find(Field::Id));
    let has_money = first.base.is_some()
        || first.personal.is_some()
        || first.employer.is_some()
        || first.amount.is_some()
        || first.groups.iter().any(|g| {
            g.base.is_some() || g.personal.is_some() || g.employer.is_some() || g.amount.is_some()
        });
    let has_amounts = first.personal.is_some()
        || first.employer.is_some()
        || first.amount.is_some()
        || first
            .groups
            .iter()
            .any(|g| g.personal.is_some() || g.employer.is_some() || g.amount.is_some());
    let has_marks = first.groups.iter().any(|g| g.mark.is_some());
    let layout = if first.account.iter().any(Option::is_some) {
        Layout::AnnualRecord
    } else if first.grid.len() >= 6 {
        Layout::MonthGrid
    } else if first.range.is_some() || (first.start.is_some() && first.end.is_some()) {
        if has_money {
            Layout::Ranges
        } else {
            Layout::Coverage
        }
    } else if first.year.is_some() && (first.month_of_year.is_some() || first.month_count.is_some())
    {
        if has_money {
            Layout::YearMonthColumns
        } else {
            Layout::Coverage
        }
    } else if first.period.is_some() {
        if first.part.is_some() {
            Layout::LongOneAmount
        } else if has_marks && !has_amounts {
            Layout::Ticks
        } else if !first.groups.is_empty() {
            Layout::Wide
        } else {
            Layout::Long
        }
    } else if ctx.title_month.is_some() && (name.is_some() || id.is_some()) && has_money {
        Layout::EmployerBill
    } else {
        let closest = if first.part.is_some() {
            Some(Layout::LongOneAmount)
        } else if (name.is_some() || id.is_some()) && !first.groups.is_empty() {
            Some(Layout::EmployerBill)
        } else if !first.groups.is_empty() {
            Some(Layout::Wide)
        } else if first.insurance.is_some() || has_money {
            Some(Layout::Long)
        } else {
            None
        };
        return Err(closest);
    };
    let all_text: String = ctx
        .titles
        .iter()
        .map(String::as_str)
        .chain(header.columns.iter().map(|c| c.label.as_str()))
        .collect();
    let scheme = if ["浙江", "杭州", "萧山"]
        .iter()
        .any(|t| all_text.contains(t))
    {
        CodeScheme::ZhejiangOld
    } else {
        CodeScheme::National
    };
    let title_text: String = ctx.titles.concat();
    // A title is printed by the issuing system; a sheet's or file's name may be the
    // person's own, so the analysis still weighs it against the amounts.
    let by_title = the_one_insurance_in(&title_text);
    let by_name = [ctx.sheet, ctx.file_name]
        .into_iter()
        .flatten()
        .find_map(the_one_insurance_in);
    let columns_name_insurance = segments
        .iter()
        .any(|s| s.insurance.is_some() || !s.groups.is_empty());
    Ok(Plan {
        layout,
        segments,
        name,
        id,
        default_insurance: by_title.or(by_name).unwrap_or(Insurance::Pension),
        // A heading, not a `参保身份：灵活就业人员` field: that says what the person is now,
        // and the history below may hold years with an employer.
        flexible: ctx
            .titles
            .iter()
            .any(|t| !t.contains([':', '：']) && says_flexible(t)),
        insurance_assumed: by_title.is_none() && !columns_name_insurance,
        scheme,
        bill_month: if layout == Layout::EmployerBill {
            ctx.title_month
        } else {
            None
        },
        grid_is_base: title_text.contains("基数")
            || header
                .columns
                .first()
                .is_some_and(|c| c.label.contains("基数")),
    })
}

impl Plan {
    /// The plan for the rows under a section heading that names one insurance
    /// (`二、医疗保险缴费情况`): when no column names the insurance, a certificate may print a
    /// table per insurance one after another, each under its heading; `None` when `heading`
    /// is not such a heading (a note names no insurance or several, or is a sentence).
    pub fn for_section(&self, heading: &str) -> Option<Plan> {
        let columns_name_insurance = self
            .segments
            .iter()
            .any(|s| s.insurance.is_some() || !s.groups.is_empty());
        let heading = heading.trim();
        let sentence = heading.starts_with('注')
            || heading.starts_with("说明")
            || heading.starts_with("备注")
            || heading.contains('。')
            || heading.chars().count() > 30;
        if columns_name_insurance || sentence {
            return None;
        }
        Some(Plan {
            default_insurance: the_one_insurance_in(heading)?,
            insurance_assumed: false,
            ..self.clone()
        })
    }
}

/// Whether a 参保身份 cell or a title says the person is flexibly employed: 灵活就业人员
/// (also written 个体, 个体工商户, 个体劳动者, 自由职业); not 个体工商户雇工 (a sole trader's
/// employee) nor 企业职工（非个体）.
pub(super) fn says_flexible(text: &str) -> bool {
    let t = text.trim();
    t.contains("灵活就业")
        || t.contains("自由职业")
        || t == "个体"
        || t.ends_with("个体工商户")
        || t.ends_with("个体劳动者")
}

/// The one insurance a text names (`职工基本医疗保险参保凭证`, `医保缴费明细.xlsx`); none
/// when it names none or several.
fn the_one_insurance_in(text: &str) -> Option<Insurance> {
    let mut found: Vec<Insurance> = Vec::new();
    let mut rest = text;
    while let Some((ins, _, end)) = find_insurance_name(rest) {
        if let Some(i) = ins {
            if !found.contains(&i) {
                found.push(i);
            }
        }
        rest = &rest[end..];
    }
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}
