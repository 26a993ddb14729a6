//! What a statement says, normalised: the contract between the reader (`read`) and the
//! analysis (`analyse`). The reader fills these from any layout; the analysis never sees a file.

use crate::month::Month;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The five insurances. Codes per AAE140: 110 pension, 210 unemployment, 310 medical,
/// 410 work injury, 510 maternity (note: 210 is unemployment, 310 medical).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Insurance {
    /// 企业职工基本养老保险
    Pension,
    /// 职工基本医疗保险
    Medical,
    /// 失业保险
    Unemployment,
    /// 工伤保险
    WorkInjury,
    /// 生育保险
    Maternity,
}

impl Insurance {
    /// All five, in report order.
    pub const ALL: [Insurance; 5] = [
        Insurance::Pension,
        Insurance::Medical,
        Insurance::Unemployment,
        Insurance::WorkInjury,
        Insurance::Maternity,
    ];

    /// The Chinese name shown to people.
    pub fn name_zh(self) -> &'static str {
        match self {
            Insurance::Pension => "养老保险",
            Insurance::Medical => "医疗保险",
            Insurance::Unemployment => "失业保险",
            Insurance::WorkInjury => "工伤保险",
            Insurance::Maternity => "生育保险",
        }
    }
}

/// Whether the money for a month arrived (AAE114 and its text forms).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayStatus {
    /// 已到账 / 已实缴 / 已足额到账 / code 1.
    Paid,
    /// 在途 (code 3): paid, not yet booked. Counts as paid.
    InTransit,
    /// 欠缴 / 未到账 / 未足额到账 / code 0.
    Unpaid,
    /// 中断 (code 2): insurance interrupted for the month.
    Interrupted,
}

/// Kind of payment (AAA115 and its text forms).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// 10 正常应缴 / 正常 / 正常结算.
    Normal,
    /// 31/32/33/60 补缴 / 补收 / 补中断: a late payment for the month.
    BackPay,
    /// 34 缴费基数调整补收: an extra record for a month that already has one. Its base is the
    /// *difference*, its amounts are for that difference. Adds to totals; not a duplicate.
    BaseTopUp,
    /// 35 缴费比例调整补收.
    RateTopUp,
    /// 20 退收: a refund; amounts subtract.
    Refund,
    /// 105 转入 / 异地转入.
    TransferIn,
    /// 90 转出.
    TransferOut,
    /// 视同缴费: years worked before personal accounts began, counted as years of
    /// contribution at retirement; nothing was paid, so never a paid month.
    Deemed,
}

/// How a personal contribution is computed, when a header states it (`个人2%+3`): rate × base
/// plus a fixed sum. Lets the analysis avoid a false mismatch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedRate {
    /// The rate, e.g. 0.02.
    pub rate: Decimal,
    /// A fixed monthly amount added to rate × base, e.g. 3.
    pub fixed: Decimal,
}

/// One month of one insurance for one person, as the file states it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The month paid for (费款所属期), not the month booked.
    pub month: Month,
    /// Which insurance.
    pub insurance: Insurance,
    /// Contribution base (缴费基数), if the file has one.
    pub base: Option<Decimal>,
    /// Personal amount, if the file has one. Negative for refunds.
    pub personal: Option<Decimal>,
    /// Employer amount, if the file has one. Negative for refunds.
    pub employer: Option<Decimal>,
    /// Whether it was paid.
    pub status: PayStatus,
    /// Kind of payment.
    pub kind: PaymentKind,
    /// When the month was paid, if the file says (足额到账年月, 到账日期, 缴费日期…). On an
    /// unpaid row: when it was settled later, from its own cell or from the row that paid it.
    pub settled: Option<Month>,
    /// The personal rate stated by the file's headers, if any.
    pub stated_personal_rate: Option<StatedRate>,
    /// Employer name (单位名称), if present.
    pub employer_name: Option<String>,
    /// The file says the person was insured as flexibly employed (参保身份 灵活就业人员):
    /// pension is 20 % of the base, 8 % credited to the account.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flexible: bool,
    /// Owed because less arrived than was due (实缴 below 应缴, more than 0): what did arrive
    /// is in no total, which the report says beside them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paid_short: bool,
    /// Row in the source (1-based, as a spreadsheet shows it) for messages.
    pub row: usize,
}

#[cfg(test)]
impl Record {
    /// A paid, normal pension record of `month` on `row` without figures (unit tests).
    pub(crate) fn for_test(row: usize, month: Month) -> Record {
        Record {
            month,
            insurance: Insurance::Pension,
            base: None,
            personal: None,
            employer: None,
            status: PayStatus::Paid,
            kind: PaymentKind::Normal,
            settled: None,
            stated_personal_rate: None,
            employer_name: None,
            flexible: false,
            paid_short: false,
            row,
        }
    }
}

/// A span covered by a certificate that gives month counts but no amounts (layout family 6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageSpan {
    /// Which insurance.
    pub insurance: Insurance,
    /// First month of the span.
    pub from: Month,
    /// Last month of the span.
    pub to: Month,
    /// Months the certificate says were paid within the span.
    pub months: u32,
    /// Source row.
    pub row: usize,
}

/// The official pension-account figures of one year from a 权益记录单 (layout family 8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialAccountYear {
    /// The year.
    pub year: u32,
    /// 截止上年末个人账户累计储存额.
    pub opening: Decimal,
    /// 当年记账金额.
    pub credited: Decimal,
    /// 上年末储存额的当年记账利息.
    pub interest_on_opening: Decimal,
    /// 当年记账金额利息.
    pub interest_on_credits: Decimal,
    /// 至本年末账户累计储存额.
    pub closing: Decimal,
    /// Months credited in the year, if stated (for the monthly weighting).
    pub months_credited: Option<u32>,
    /// 累计缴费月数: pension months paid up to the year's end, years before the file included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months_total: Option<u32>,
    /// Source row.
    pub row: usize,
}

/// Everything one person's part of a file says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// 姓名, if present.
    pub name: Option<String>,
    /// 证件号码 as read (unmasked; mask with [`mask_id`] before any output).
    pub id: Option<String>,
    /// The file's ID was turned into a number by a spreadsheet (`1.10101E+17`), its last
    /// digits lost: not an ID, so people are told apart by name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub id_damaged: bool,
    /// Monthly records.
    pub records: Vec<Record>,
    /// Coverage-only spans.
    pub coverage: Vec<CoverageSpan>,
    /// Official yearly account figures.
    pub account_years: Vec<OfficialAccountYear>,
}

/// Keep the first 6 and last 4 characters of an ID number; mask the rest.
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..6].iter().collect();
    out.push_str(&"*".repeat(chars.len() - 10));
    // A check digit written `x` is the `X` of the ID card.
    out.extend(
        chars[chars.len() - 4..]
            .iter()
            .map(char::to_ascii_uppercase),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_all_but_first_six_and_last_four() {
        assert_eq!(mask_id("110101199001011234"), "110101********1234");
        assert_eq!(mask_id("12345"), "*****");
        assert_eq!(mask_id("11010119781203123x"), "110101********123X");
    }
}
