//! Rows of the two layouts that are not one record per month and insurance: the
//! year × month grid and the annual 权益记录单.

use super::cells::{
    amount_error, cell_amount, cell_count, cell_year, MAX_ACCOUNT_AMOUNT, MAX_MONTHLY_AMOUNT,
};
use super::grid::GridRow;
use super::header::Header;
use super::plan::Plan;
use super::row_read::RowOutput;
use crate::error::{ErrorKind, StatementError};
use crate::month::Month;
use crate::record::{OfficialAccountYear, PayStatus, PaymentKind, Record};

fn err(header: &Header, row: &GridRow, col: usize, kind: ErrorKind) -> StatementError {
    let e = StatementError::new(kind).at_row(row.number);
    match header.columns.get(col) {
        Some(c) => e.in_column(&c.label),
        None => e,
    }
}

/// `年\月 | 1月 | … | 12月`: a number is the personal amount (or the base when the title
/// says 基数); `√`/已缴 is a paid month without amounts; 欠缴/未缴 an unpaid one; blank none.
/// A cell that cannot be read is listed with its month; the row's other months are read.
pub fn read_grid_row(
    plan: &Plan,
    header: &Header,
    row: &GridRow,
    ocr: bool,
) -> Result<RowOutput, StatementError> {
    let mut out = RowOutput::default();
    let Some(seg) = plan.segments.first() else {
        return Ok(out);
    };
    let ycol = seg.year.unwrap_or(0);
    let year = cell_year(row.cell(ycol), ocr).ok_or_else(|| {
        err(
            header,
            row,
            ycol,
            ErrorKind::BadMonth {
                value: row.cell(ycol).display().into_owned(),
            },
        )
    })?;
    for &(col, m) in &seg.grid {
        let c = row.cell(col);
        if c.is_blank() {
            continue;
        }
        let Some(month) = Month::new(year, m) else {
            continue;
        };
        let t = c.display();
        let t = t.trim();
        let (status, amount) = match t {
            "√" | "✓" | "✔" | "已缴" | "已到账" | "是" => (PayStatus::Paid, None),
            "欠缴" | "欠费" | "欠" | "未缴" | "未到账" | "×" => {
                (PayStatus::Unpaid, None)
            }
            // An amount marked owed (`欠420.00`, `(欠)`): owed.
            _ if t.starts_with('欠') || t.contains("(欠)") || t.contains("（欠）") => {
                (PayStatus::Unpaid, None)
            }
            _ => match cell_amount(c, ocr, MAX_MONTHLY_AMOUNT) {
                // A placeholder (dashes, `/`, `无`) or 0 in a month's cell: nothing paid that
                // month, as when the cell is blank.
                Ok(None) => continue,
                Ok(Some(a)) if a.is_zero() => continue,
                Ok(a) => (PayStatus::Paid, a),
                Err(e) => {
                    let e = err(header, row, col, amount_error(e, c, MAX_MONTHLY_AMOUNT));
                    out.unreadable.push((e, month, plan.default_insurance));
                    continue;
                }
            },
        };
        let (base, personal) = if plan.grid_is_base {
            (amount, None)
        } else {
            (None, amount)
        };
        out.records.push((
            Record {
                month,
                insurance: plan.default_insurance,
                base,
                personal,
                employer: None,
                status,
                kind: PaymentKind::Normal,
                settled: None,
                stated_personal_rate: None,
                employer_name: None,
                flexible: false,
                paid_short: false,
                row: row.number,
            },
            None,
        ));
    }
    Ok(out)
}

/// One year of a 权益记录单 with the five official account figures.
pub fn read_annual_row(
    plan: &Plan,
    header: &Header,
    row: &GridRow,
    ocr: bool,
) -> Result<Option<OfficialAccountYear>, StatementError> {
    let Some(seg) = plan.segments.first() else {
        return Ok(None);
    };
    let ycol = seg.year.unwrap_or(0);
    let year = cell_year(row.cell(ycol), ocr).ok_or_else(|| {
        err(
            header,
            row,
            ycol,
            ErrorKind::BadMonth {
                value: row.cell(ycol).display().into_owned(),
            },
        )
    })?;
    let mut figures = [None; 5];
    for (k, col) in seg.account.iter().enumerate() {
        if let Some(i) = *col {
            let cell = row.cell(i);
            figures[k] = cell_amount(cell, ocr, MAX_ACCOUNT_AMOUNT)
                .map_err(|e| err(header, row, i, amount_error(e, cell, MAX_ACCOUNT_AMOUNT)))?;
        }
    }
    let [Some(opening), Some(credited), Some(interest_on_opening), Some(interest_on_credits), Some(closing)] =
        figures
    else {
        let missing = seg
            .account
            .iter()
            .zip(figures)
            .position(|(_, f)| f.is_none())
            .unwrap_or(0);
        let col = seg.account[missing].unwrap_or(ycol);
        return Err(err(
            header,
            row,
            col,
            ErrorKind::BadAmount {
                value: row.cell(col).display().into_owned(),
            },
        ));
    };
    Ok(Some(OfficialAccountYear {
        year,
        opening,
        credited,
        interest_on_opening,
        interest_on_credits,
        closing,
        months_credited: seg.month_count.and_then(|i| cell_count(row.cell(i))),
        months_total: seg.months_total.and_then(|i| cell_count(row.cell(i))),
        row: row.number,
    }))
}
