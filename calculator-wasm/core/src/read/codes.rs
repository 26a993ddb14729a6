//! Insurance names and codes (AAE140), paid flags (AAE114) and kinds of payment (AAA115),
//! matched exactly as codes (never by prefix: `101` is not `10`) and by name as text.

use super::text_norm::normalise_label;
use crate::record::{Insurance, PayStatus, PaymentKind};

/// Which code scheme two-digit insurance codes follow.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CodeScheme {
    /// National AAE140 only (three digits).
    National,
    /// The file says it is from Zhejiang's older system: 10/11 pension, 20 medical,
    /// 30 injury, 40 maternity, 50 unemployment.
    ZhejiangOld,
}

/// Insurance names in text, longest first, with what they name. `None` = a named scheme
/// that is not one of the five (大额医疗, 补充医疗): rows of it are skipped, not merged
/// into medical.
const NAMES: &[(&str, Option<Insurance>)] = &[
    ("大额医疗", None),
    ("大病医疗", None),
    ("补充医疗", None),
    ("大额", None),
    ("养老", Some(Insurance::Pension)),
    ("医疗", Some(Insurance::Medical)),
    ("医保", Some(Insurance::Medical)),
    ("失业", Some(Insurance::Unemployment)),
    ("工伤", Some(Insurance::WorkInjury)),
    ("生育", Some(Insurance::Maternity)),
];

/// An insurance named inside a text (header label or cell): the match, its byte range.
pub fn find_insurance_name(text: &str) -> Option<(Option<Insurance>, usize, usize)> {
    let mut best: Option<(Option<Insurance>, usize, usize)> = None;
    for (name, ins) in NAMES {
        if let Some(pos) = text.find(name) {
            if best.is_none_or(|b| pos < b.1) {
                best = Some((*ins, pos, pos + name.len()));
            }
        }
    }
    best
}

/// The result of reading an insurance cell.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum InsuranceCell {
    /// One of the five.
    Known(Insurance),
    /// A scheme outside the five (大额医疗): skip the row.
    Other,
    /// A two-digit code while the file does not say which scheme.
    Ambiguous,
    /// Not understood.
    Unknown,
}

/// Read an insurance cell: an exact code, or a name.
pub fn insurance_from_cell(raw: &str, scheme: CodeScheme) -> InsuranceCell {
    let s = normalise_label(raw);
    let code = s.trim_end_matches(".0");
    if code.bytes().all(|b| b.is_ascii_digit()) && !code.is_empty() {
        return match (code, scheme) {
            ("110", _) => InsuranceCell::Known(Insurance::Pension),
            ("210", _) => InsuranceCell::Known(Insurance::Unemployment),
            ("310", _) => InsuranceCell::Known(Insurance::Medical),
            ("410", _) => InsuranceCell::Known(Insurance::WorkInjury),
            ("510", _) => InsuranceCell::Known(Insurance::Maternity),
            ("10" | "11", CodeScheme::ZhejiangOld) => InsuranceCell::Known(Insurance::Pension),
            ("20", CodeScheme::ZhejiangOld) => InsuranceCell::Known(Insurance::Medical),
            ("30", CodeScheme::ZhejiangOld) => InsuranceCell::Known(Insurance::WorkInjury),
            ("40", CodeScheme::ZhejiangOld) => InsuranceCell::Known(Insurance::Maternity),
            ("50", CodeScheme::ZhejiangOld) => InsuranceCell::Known(Insurance::Unemployment),
            ("10" | "11" | "20" | "30" | "40" | "50", CodeScheme::National) => {
                InsuranceCell::Ambiguous
            }
            _ => InsuranceCell::Unknown,
        };
    }
    match find_insurance_name(&s) {
        Some((Some(i), _, _)) => InsuranceCell::Known(i),
        Some((None, _, _)) => InsuranceCell::Other,
        None => InsuranceCell::Unknown,
    }
}

/// A paid flag: AAE114 codes 0–3 exactly, or its text forms. `None` if not understood.
/// Unpaid texts are checked first: `未足额到账` contains `足额到账`.
pub fn status_from_cell(raw: &str) -> Option<(PayStatus, Option<PaymentKind>)> {
    let s = normalise_label(raw);
    match &*s {
        "0" => return Some((PayStatus::Unpaid, None)),
        "1" => return Some((PayStatus::Paid, None)),
        "2" => return Some((PayStatus::Interrupted, None)),
        "3" => return Some((PayStatus::InTransit, None)),
        _ => {}
    }
    const UNPAID: &[&str] = &[
        "未足额",
        "未到账",
        "未缴",
        "欠缴",
        "欠费",
        "未参保缴费",
        "未实缴",
        "未缴费",
        "未实现",
        "否",
    ];
    const INTERRUPTED: &[&str] = &["中断", "暂停"];
    const IN_TRANSIT: &[&str] = &["在途"];
    const BACK_PAID: &[&str] = &["补缴", "补收", "补交"];
    const PAID: &[&str] = &[
        "已足额",
        "已到账",
        "已实缴",
        "已缴",
        "足额到账",
        "到账",
        "参保缴费",
        "正常",
        "已缴费",
        "是",
        "√",
        "实缴",
        // 已实现: the tax bureau's word for a levy collected.
        "已实现",
    ];
    if UNPAID.iter().any(|t| s.contains(t)) {
        return Some((PayStatus::Unpaid, None));
    }
    if INTERRUPTED.iter().any(|t| s.contains(t)) {
        return Some((PayStatus::Interrupted, None));
    }
    if IN_TRANSIT.iter().any(|t| s.contains(t)) {
        return Some((PayStatus::InTransit, None));
    }
    if BACK_PAID.iter().any(|t| s.contains(t)) {
        return Some((PayStatus::Paid, Some(PaymentKind::BackPay)));
    }
    // 视同缴费 written where the flag goes: a deemed month, not an unknown flag.
    if s.contains("视同") {
        return Some((PayStatus::Paid, Some(PaymentKind::Deemed)));
    }
    if PAID.iter().any(|t| s.contains(t)) {
        return Some((PayStatus::Paid, None));
    }
    None
}

/// A kind of payment: AAA115 codes exactly, or its text forms. `None` if not understood.
pub fn kind_from_cell(raw: &str) -> Option<PaymentKind> {
    let s = normalise_label(raw);
    let by_code = match &*s {
        "10" => Some(PaymentKind::Normal),
        "20" => Some(PaymentKind::Refund),
        "31" | "32" | "33" | "60" => Some(PaymentKind::BackPay),
        "34" => Some(PaymentKind::BaseTopUp),
        "35" => Some(PaymentKind::RateTopUp),
        "90" => Some(PaymentKind::TransferOut),
        "105" => Some(PaymentKind::TransferIn),
        _ => None,
    };
    if by_code.is_some() || s.bytes().all(|b| b.is_ascii_digit()) {
        return by_code;
    }
    // Order matters: 调整补收 before 补收, 退收 before anything with 收.
    const TABLE: &[(&str, PaymentKind)] = &[
        ("视同", PaymentKind::Deemed),
        ("比例调整", PaymentKind::RateTopUp),
        ("费率调整", PaymentKind::RateTopUp),
        ("基数调整", PaymentKind::BaseTopUp),
        ("调整补收", PaymentKind::BaseTopUp),
        ("补差", PaymentKind::BaseTopUp),
        ("退收", PaymentKind::Refund),
        ("退费", PaymentKind::Refund),
        ("退款", PaymentKind::Refund),
        ("退回", PaymentKind::Refund),
        ("转入", PaymentKind::TransferIn),
        ("转出", PaymentKind::TransferOut),
        ("补", PaymentKind::BackPay),
        ("正常", PaymentKind::Normal),
        ("应缴", PaymentKind::Normal),
    ];
    TABLE.iter().find(|(t, _)| s.contains(t)).map(|(_, k)| *k)
}

/// Which part an amount row is (征收品目/款项): `Some(true)` personal, `Some(false)` employer.
pub fn part_from_cell(raw: &str) -> Option<bool> {
    let s = normalise_label(raw);
    if s.contains("个人") || s.contains("职工") {
        Some(true)
    } else if s.contains("单位") || s.contains("企业") || s.contains("公司") {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_exact() {
        let n = CodeScheme::National;
        assert_eq!(
            insurance_from_cell("210", n),
            InsuranceCell::Known(Insurance::Unemployment)
        );
        assert_eq!(
            insurance_from_cell("310", n),
            InsuranceCell::Known(Insurance::Medical)
        );
        assert_eq!(insurance_from_cell("101", n), InsuranceCell::Unknown);
        assert_eq!(insurance_from_cell("1100", n), InsuranceCell::Unknown);
        assert_eq!(insurance_from_cell("20", n), InsuranceCell::Ambiguous);
        assert_eq!(
            insurance_from_cell("20", CodeScheme::ZhejiangOld),
            InsuranceCell::Known(Insurance::Medical)
        );
        assert_eq!(
            insurance_from_cell("50", CodeScheme::ZhejiangOld),
            InsuranceCell::Known(Insurance::Unemployment)
        );
        assert_eq!(
            insurance_from_cell("企业职工基本养老保险", n),
            InsuranceCell::Known(Insurance::Pension)
        );
        assert_eq!(insurance_from_cell("大额医疗补助", n), InsuranceCell::Other);
    }

    #[test]
    fn statuses_and_kinds() {
        assert_eq!(
            status_from_cell("未足额到账").map(|s| s.0),
            Some(PayStatus::Unpaid)
        );
        assert_eq!(
            status_from_cell("已足额到账").map(|s| s.0),
            Some(PayStatus::Paid)
        );
        assert_eq!(
            status_from_cell("3").map(|s| s.0),
            Some(PayStatus::InTransit)
        );
        assert_eq!(
            status_from_cell("暂停缴费（中断）").map(|s| s.0),
            Some(PayStatus::Interrupted)
        );
        assert_eq!(
            status_from_cell("未参保缴费").map(|s| s.0),
            Some(PayStatus::Unpaid)
        );
        assert_eq!(
            kind_from_cell("缴费基数调整补收"),
            Some(PaymentKind::BaseTopUp)
        );
        assert_eq!(kind_from_cell("补收"), Some(PaymentKind::BackPay));
        assert_eq!(kind_from_cell("34"), Some(PaymentKind::BaseTopUp));
        assert_eq!(kind_from_cell("340"), None);
        assert_eq!(kind_from_cell("退收"), Some(PaymentKind::Refund));
        assert_eq!(kind_from_cell("视同缴费"), Some(PaymentKind::Deemed));
        assert_eq!(
            status_from_cell("视同缴费"),
            Some((PayStatus::Paid, Some(PaymentKind::Deemed)))
        );
        assert_eq!(kind_from_cell("异地转入"), Some(PaymentKind::TransferIn));
        assert_eq!(part_from_cell("个人缴纳部分"), Some(true));
    }
}
