//! Header names the reader understands, in one table. The content's statement-fields
//! glossary page is rendered from [`header_synonyms`], so a person can match their file.
//!
//! Matching (after [`super::text_norm::normalise_label`]): an exact match wins; otherwise the
//! synonyms of three or more characters contained in the label compete, and the one that
//! ends latest (Chinese compounds put the head noun last: `个人缴费基数` is a base), then the
//! longest, wins. Two-character words (`个人`, `单位`, `金额`) and the national data-dictionary
//! codes (`aae140`, in any letter case) only match exactly.

use serde::Serialize;

/// What a column holds.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The month paid for (费款所属期).
    Period,
    /// The month booked (台账年月): used only when no period column exists.
    Booked,
    /// A range in one cell (缴费起止年月).
    PeriodRange,
    /// Start of a range (开始年月).
    PeriodStart,
    /// End of a range (终止年月).
    PeriodEnd,
    /// Year (年, 缴费年度).
    Year,
    /// Month of the year (月), next to a year column.
    MonthOfYear,
    /// Insurance name or code (险种类型, AAE140).
    Insurance,
    /// Which part an amount is (征收品目: 个人缴纳部分/单位缴纳部分).
    Part,
    /// Contribution base.
    Base,
    /// Personal amount.
    Personal,
    /// Employer amount.
    Employer,
    /// Personal amount actually paid (个人实缴), beside the amount due.
    PersonalPaid,
    /// Employer amount actually paid (单位实缴), beside the amount due.
    EmployerPaid,
    /// An amount actually paid, without a part (本期实缴费额), beside the amount due in a
    /// one-amount (征收品目) file.
    AmountPaid,
    /// An amount without a part (本期应缴费额).
    Amount,
    /// Rate (费率).
    Rate,
    /// Paid flag (AAE114, 缴费标志).
    Status,
    /// Kind of payment (AAA115, 缴费类型).
    Kind,
    /// When an arrear was settled (足额到账年月).
    Settled,
    /// Person's name.
    Name,
    /// ID number.
    Id,
    /// Employer name.
    EmployerName,
    /// How the person was insured (参保身份: 在职职工, 灵活就业人员…).
    InsuredAs,
    /// Number of months (缴费月数).
    MonthCount,
    /// Months paid over the whole history (权益记录单's 累计缴费月数).
    MonthsTotal,
    /// 截止上年末个人账户累计储存额.
    AccountOpening,
    /// 当年记账金额.
    AccountCredited,
    /// 上年末储存额的当年记账利息.
    InterestOnOpening,
    /// 当年记账金额利息.
    InterestOnCredits,
    /// 至本年末账户累计储存额.
    AccountClosing,
    /// Known, deliberately not read (序号, 单位编号, 滞纳金…).
    Ignored,
}

impl Field {
    /// Chinese label for the glossary.
    pub fn label_zh(self) -> &'static str {
        match self {
            Field::Period => "费款所属期（缴费对应的月份）",
            Field::Booked => "台账年月（记账的月份）",
            Field::PeriodRange => "起止年月（一格里写一段时间）",
            Field::PeriodStart => "开始年月",
            Field::PeriodEnd => "结束年月",
            Field::Year => "年",
            Field::MonthOfYear => "月",
            Field::Insurance => "险种",
            Field::Part => "征收品目（个人部分或单位部分）",
            Field::Base => "缴费基数",
            Field::Personal => "个人缴费金额",
            Field::Employer => "单位缴费金额",
            Field::PersonalPaid => "个人实缴金额（和应缴金额分列时）",
            Field::EmployerPaid => "单位实缴金额（和应缴金额分列时）",
            Field::AmountPaid => "实缴金额（不分个人、单位，和应缴金额分列时）",
            Field::Amount => "金额（不分个人、单位）",
            Field::Rate => "费率",
            Field::Status => "缴费标志（是否到账）",
            Field::Kind => "缴费类型（正常、补缴、退收等）",
            Field::Settled => "足额到账年月",
            Field::Name => "姓名",
            Field::Id => "证件号码",
            Field::EmployerName => "单位名称",
            Field::InsuredAs => "参保身份（在职职工、灵活就业人员等）",
            Field::MonthCount => "缴费月数",
            Field::MonthsTotal => "累计缴费月数",
            Field::AccountOpening => "上年末个人账户累计储存额",
            Field::AccountCredited => "当年记账金额",
            Field::InterestOnOpening => "上年末储存额的当年记账利息",
            Field::InterestOnCredits => "当年记账金额利息",
            Field::AccountClosing => "本年末个人账户累计储存额",
            Field::Ignored => "不参与核对的列",
        }
    }

    /// Fields that say which month a row is for.
    pub fn is_period(self) -> bool {
        matches!(
            self,
            Field::Period | Field::PeriodRange | Field::PeriodStart | Field::Year | Field::Booked
        )
    }

    /// Fields holding money.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Field::Base
                | Field::Personal
                | Field::Employer
                | Field::PersonalPaid
                | Field::EmployerPaid
                | Field::AmountPaid
                | Field::Amount
        )
    }
}

/// Every header name understood, grouped by field; within a group, earlier names are
/// preferred when two columns claim the same field (`对应费款所属期` over `费款所属期`).
/// Names are lower case; labels are matched case-insensitively (`AAE140` is `aae140`).
pub fn header_synonyms() -> &'static [(Field, &'static [&'static str])] {
    SYNONYMS
}

static SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Period,
        &[
            "对应费款所属期",
            // National data-dictionary codes (portal and database exports). Public sources
            // agree that AAE003 is the month paid for (对应费款所属期, 缴费所属期, 年月), and
            // give AAE002 as 费款所属期 / 费用所属期; one rural-pension source uses AAE003 for
            // a year (缴费年度), which is refused as a month rather than guessed.
            "aae003",
            "费款所属期",
            "aae002",
            "费款所属日期起",
            "费款所属日期",
            "缴费年月",
            "参保年月",
            "所属年月",
            "缴费所属期",
            "所属期",
            "费款期号",
            "所属期号",
            "征缴月份",
            "结算期",
            "应属年月",
            "应缴年月",
            "对应缴费期",
            "建账年月",
            "记录月份",
            "缴费月份",
            "年月",
            "月份",
            "缴费期",
            "缴费时间",
            "应征年月",
        ],
    ),
    (
        Field::Booked,
        &[
            "台账年月",
            "记帐年月",
            "记账年月",
            "到账年月",
            "台账月份",
            "记账月份",
        ],
    ),
    (
        Field::PeriodRange,
        &[
            "费款所属期起止",
            "缴费起止年月",
            "缴费起止时间",
            "缴费区间",
            "参保起止时间",
            "起止年月",
            "缴费期间",
            "起止时间",
            "参保时间段",
            "实缴时间",
            // `202505 202605 13`: a span and the months paid in it.
            "参保情况",
        ],
    ),
    (
        Field::PeriodStart,
        &[
            "对应费款所属期起始",
            "费款所属期起始",
            "费款所属期起",
            "开始年月",
            "起始年月",
            "缴费开始年月",
            "开始时间",
            "起始时间",
        ],
    ),
    (
        Field::PeriodEnd,
        &[
            "对应费款所属期结束",
            "费款所属期结束",
            "费款所属期止",
            "结束年月",
            "终止年月",
            "截止年月",
            "缴费结束年月",
            "结束时间",
            "终止时间",
            "截止时间",
        ],
    ),
    (
        Field::Year,
        &[
            "年",
            "年度",
            "年份",
            "缴费年度",
            "参保年度",
            "所属年度",
            "年\\月",
            "年/月",
            "年月\\",
        ],
    ),
    (Field::MonthOfYear, &["月", "缴费月"]),
    (
        Field::Insurance,
        &[
            "险种类型",
            "险种名称",
            "险种",
            "参保险种",
            "参保费种",
            "费种",
            "险种代码",
            "险种编码",
            "征收项目",
            "险种标志",
            "aae140",
            // The insurance's name beside its code (`m` for 名称 in some exports).
            "aae140m",
        ],
    ),
    (Field::Part, &["征收品目", "款项", "缴费部分", "征收子目"]),
    (
        Field::Base,
        &[
            "缴费基数",
            "人员缴费基数",
            "单位缴费基数",
            "个人缴费基数",
            "月缴费基数",
            "个人月缴费基数",
            "缴费工资",
            "缴费工资基数",
            "划帐户基数",
            "划账户基数",
            "申报工资",
            "缴纳基数",
            "基数",
            "aae180",
            // One public source labels AAB120 an employer's 个人缴费基数总额 (the sum over its
            // staff); on one person's row that sum is the person's base.
            "aab120",
            // AAC040 is 缴费工资 (the declared wage), preferred last.
            "aac040",
        ],
    ),
    (
        Field::Personal,
        &[
            "个人缴费金额",
            "个人应缴金额",
            "个人缴费",
            "个人应缴",
            "个人缴纳",
            "个人缴",
            "个人部分",
            "个人缴纳部分",
            "个人缴纳金额",
            "个人缴费划入个人账户金额",
            "个人缴纳划入账户金额",
            "划入个人账户金额",
            "个人",
            // AAC123 and BAA005 (below) are as portal exports name them; no public data
            // dictionary found spells them out.
            "aac123",
        ],
    ),
    (
        Field::Employer,
        &[
            "单位缴费金额",
            "单位应缴金额",
            "单位缴费",
            "单位应缴",
            "单位缴纳",
            "单位部分",
            "单位缴纳部分",
            "单位缴纳金额",
            "单位划拨金额",
            "公司缴费",
            "企业缴费",
            "单位",
            "公司",
            "企业",
            "baa005",
        ],
    ),
    (
        Field::InsuredAs,
        &[
            "参保身份",
            "人员身份",
            "参保人员类别",
            "人员类别",
            "缴费人员类别",
            "参保人员身份",
        ],
    ),
    // Read as the amount when the file has no 应缴 column; beside one, a month paid short
    // of it is owed.
    (Field::PersonalPaid, &["个人实缴金额", "个人实缴"]),
    (Field::EmployerPaid, &["单位实缴金额", "单位实缴"]),
    (Field::AmountPaid, &["本期实缴费额", "实缴费额", "实缴金额"]),
    (
        Field::Amount,
        &[
            "本期应缴费额",
            "应缴费额",
            "应补费额",
            "应补退费额",
            "应缴金额",
            "缴费总金额",
            "缴费金额",
            "金额",
        ],
    ),
    (Field::Rate, &["费率", "缴费比例", "征收率", "缴费费率"]),
    (
        Field::Status,
        &[
            "缴费标志",
            "缴费标识",
            "到账标志",
            "足额到账标志",
            "缴费状态",
            "缴费状况",
            "到账状态",
            "实缴标志",
            "是否到账",
            "到账情况",
            "状态",
            // AAE078 到账标志 and AAE114 缴费标志: the paid flags.
            "aae078",
            "aae114",
        ],
    ),
    (
        Field::Kind,
        &[
            "缴费类型",
            "应缴类型",
            "业务类型",
            "缴费性质",
            "征收类型",
            "补缴类型",
            "aaa115",
        ],
    ),
    (
        Field::Settled,
        &[
            "足额到账年月",
            "补足年月",
            "足额到账日期",
            "到账日期",
            "到账时间",
            "实缴日期",
            "缴费日期",
            "入库日期",
        ],
    ),
    (
        Field::Name,
        &[
            "姓名",
            "人员姓名",
            "参保人",
            "参保人姓名",
            "职工姓名",
            "员工姓名",
            "aac003",
        ],
    ),
    (
        Field::Id,
        &[
            "证件号码",
            "身份证号",
            "身份证号码",
            "公民身份号码",
            "身份证件号码",
            "社会保障号码",
            "证件号",
            // AAC002 社会保障号码 / 身份证号, AAC147 证件号码.
            "aac002",
            "aac147",
        ],
    ),
    (
        Field::EmployerName,
        &[
            "单位名称",
            "参保单位",
            "缴费单位",
            "参保单位名称",
            "用人单位",
            "工作单位",
            "单位全称",
            // AAB004 单位名称; AAE044 单位名称 in some query services.
            "aab004",
            "aae044",
        ],
    ),
    (
        Field::MonthCount,
        &[
            "缴费月数",
            "月数",
            "实际缴费月数",
            "当年实际缴费月数",
            "当年缴费月数",
            "累计月数",
        ],
    ),
    (Field::MonthsTotal, &["累计缴费月数"]),
    (
        Field::AccountOpening,
        &[
            "截止上年末个人账户累计储存额",
            "上年末个人账户累计储存额",
            "上年末累计储存额",
        ],
    ),
    (Field::AccountCredited, &["当年记账金额", "本年记账金额"]),
    (
        Field::InterestOnOpening,
        &["上年末储存额的当年记账利息", "上年末储存额当年记账利息"],
    ),
    (
        Field::InterestOnCredits,
        &["当年记账金额利息", "当年记账金额的利息"],
    ),
    (
        Field::AccountClosing,
        &[
            "至本年末账户累计储存额",
            "本年末账户累计储存额",
            "本年末累计储存额",
            "年末累计储存额",
        ],
    ),
    (
        Field::Ignored,
        &[
            "序号",
            "个人编号",
            "个人社保号",
            "单位编号",
            "单位代码",
            "参保地",
            "缴费方式",
            "核定方式",
            "缴费统筹区",
            "补缴利息",
            "滞纳金",
            "利息",
            "小计",
            "合计",
            "总金额",
            "总计",
            "划入统筹金额",
            "单位应缴划账户金额",
            "单位划入账户金额",
            "注销标志",
            "备注",
            "说明",
            "补缴历年月数",
            "累计欠缴月数",
            "年末实际缴费月数",
            "人员状态",
            "经办机构",
            "统筹区",
            "税务机关",
            "电脑序号",
            // AAC001 个人编号, AAB001 单位编号.
            "aac001",
            "aab001",
        ],
    ),
];

/// The field a normalised label names, with its preference rank within that field
/// (lower = preferred). `None` if nothing matches.
pub fn match_field(label: &str) -> Option<(Field, usize)> {
    if label.is_empty() {
        return None;
    }
    let lower;
    let label = if label.bytes().any(|b| b.is_ascii_uppercase()) {
        lower = label.to_ascii_lowercase();
        lower.as_str()
    } else {
        label
    };
    for (field, names) in SYNONYMS {
        if let Some(rank) = names.iter().position(|n| *n == label) {
            return Some((*field, rank));
        }
    }
    // (end position, length, field, rank): the latest-ending, then longest contained name.
    let mut best: Option<(usize, usize, Field, usize)> = None;
    for (field, names) in SYNONYMS {
        for (rank, name) in names.iter().enumerate() {
            // Codes (`aae140`) match only exactly: `aae140m` is not `aae140` with a suffix.
            if name.chars().count() < 3 || name.is_ascii() {
                continue;
            }
            if let Some(pos) = label.rfind(name) {
                let key = (pos + name.len(), name.len(), *field, rank + 100);
                if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
                    best = Some(key);
                }
            }
        }
    }
    best.map(|(_, _, f, r)| (f, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_noun_wins() {
        assert_eq!(match_field("个人缴费基数").map(|m| m.0), Some(Field::Base));
        assert_eq!(
            match_field("单位应缴划账户金额").map(|m| m.0),
            Some(Field::Ignored)
        );
        assert_eq!(match_field("个人").map(|m| m.0), Some(Field::Personal));
        assert_eq!(match_field("个人编号").map(|m| m.0), Some(Field::Ignored));
        assert_eq!(
            match_field("截止2024年末实际缴费月数").map(|m| m.0),
            Some(Field::Ignored)
        );
        assert_eq!(
            match_field("上年末储存额的当年记账利息").map(|m| m.0),
            Some(Field::InterestOnOpening)
        );
        assert_eq!(
            match_field("当年记账金额利息").map(|m| m.0),
            Some(Field::InterestOnCredits)
        );
        assert_eq!(
            match_field("费款所属期起").map(|m| m.0),
            Some(Field::PeriodStart)
        );
        assert_eq!(match_field("人员缴费基数").map(|m| m.0), Some(Field::Base));
        assert_eq!(match_field("综合计算").map(|m| m.0), None);
        assert_eq!(match_field("AAE140").map(|m| m.0), Some(Field::Insurance));
        assert_eq!(match_field("aae140m").map(|m| m.0), Some(Field::Insurance));
        assert_eq!(match_field("Aae002").map(|m| m.0), Some(Field::Period));
        assert_eq!(match_field("aae1400").map(|m| m.0), None);
    }

    #[test]
    fn every_synonym_matches_its_own_field() {
        for (field, names) in header_synonyms() {
            for n in *names {
                assert_eq!(match_field(n).map(|m| m.0), Some(*field), "{n}");
            }
        }
    }
}
