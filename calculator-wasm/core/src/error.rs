//! Why a statement could not be read. Every message people see is built in
//! [`StatementError::message_zh`], so the wording lives in one place.

use crate::statement::Layout;
use serde::Serialize;
use std::fmt;

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// Zero bytes, or only whitespace.
    Empty,
    /// Larger than [`crate::read::MAX_INPUT_BYTES`].
    TooLarge {
        /// Bytes given.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A picture, PDF, archive or other binary file.
    NotATable {
        /// What it looks like, in Chinese (e.g. "PNG 图片").
        looks_like: String,
    },
    /// An old binary Excel file (.xls).
    OldExcel,
    /// An OpenDocument spreadsheet (.ods, as LibreOffice and WPS save them).
    OpenDocument,
    /// An XLSX file, but this build cannot read XLSX (the browser loads that support separately).
    XlsxNotSupported,
    /// A statement in the tool's own JSON, but this build cannot read it (the browser loads
    /// that support with the XLSX support).
    JsonNotSupported,
    /// An XLSX file that could not be opened (truncated or damaged).
    BrokenXlsx {
        /// The library's message (English, for reports).
        detail: String,
    },
    /// A PDF, but this build cannot read PDF (the browser loads that support separately).
    PdfNotSupported,
    /// A PDF that could not be opened (truncated or damaged).
    BrokenPdf {
        /// The library's message (English, for reports).
        detail: String,
    },
    /// A PDF that needs a password to open.
    PdfPassword,
    /// A PDF without a text layer (a scan or a photo of the statement).
    PdfNoText {
        /// Whether its pages hold pictures.
        images: bool,
    },
    /// Text in an encoding that is neither UTF-8 nor GBK/GB18030.
    NotDecodable,
    /// JSON that is not our normalised form.
    BadJson {
        /// The parser's message (English).
        detail: String,
    },
    /// The grids a browser decoder module handed over could not be read back (a module from
    /// another build; see `read::handover`).
    BadHandover,
    /// No row looks like a table header.
    NoHeader {
        /// Cells of the most header-like rows seen.
        headers_seen: Vec<String>,
    },
    /// A header was found but no column says which month a row is for.
    NoPeriodColumn {
        /// The headers seen.
        headers_seen: Vec<String>,
        /// The family the file is closest to, if any.
        closest: Option<Layout>,
    },
    /// A month that is not a month (`202313`).
    BadMonth {
        /// The cell as written.
        value: String,
    },
    /// An amount that is not a number (`3a0`).
    BadAmount {
        /// The cell as written.
        value: String,
    },
    /// A cell the decoder could not read, and why (a PDF form's month it could not place).
    UnreadableCell {
        /// Why, in Chinese.
        why: String,
    },
    /// An amount or base no statement can hold (more than 1,000,000 yuan a month).
    AmountTooLarge {
        /// The cell as written.
        value: String,
        /// The largest amount accepted for that cell, in yuan.
        limit: String,
    },
    /// JSON from a website (a portal's raw data), not a table and not our own JSON.
    WebsiteJson,
    /// An insurance name or code we cannot map.
    UnknownInsurance {
        /// The cell as written.
        value: String,
    },
    /// A two-digit insurance code when the file does not say which scheme it uses.
    AmbiguousInsuranceCode {
        /// The code.
        value: String,
    },
    /// A paid flag that is not understood.
    UnknownStatus {
        /// The cell as written.
        value: String,
    },
    /// A 征收品目 that names neither the personal nor the employer part.
    UnknownPart {
        /// The cell as written.
        value: String,
    },
    /// A row whose month cell is empty while other cells hold data.
    MissingMonth,
    /// A range whose end is before its start, or too long to be real.
    BadRange {
        /// The cell as written.
        value: String,
    },
    /// A header and rows, but not one row held a record.
    NoRecords,
}

impl ErrorKind {
    /// The snake-case tag, as in the JSON's `"kind"` (the browser uses it to decide, e.g., to
    /// load the XLSX module; a plain match keeps serde's serialiser out of the wasm module).
    pub fn tag(&self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::TooLarge { .. } => "too_large",
            ErrorKind::NotATable { .. } => "not_a_table",
            ErrorKind::OldExcel => "old_excel",
            ErrorKind::OpenDocument => "open_document",
            ErrorKind::XlsxNotSupported => "xlsx_not_supported",
            ErrorKind::JsonNotSupported => "json_not_supported",
            ErrorKind::BrokenXlsx { .. } => "broken_xlsx",
            ErrorKind::PdfNotSupported => "pdf_not_supported",
            ErrorKind::BrokenPdf { .. } => "broken_pdf",
            ErrorKind::PdfPassword => "pdf_password",
            ErrorKind::PdfNoText { .. } => "pdf_no_text",
            ErrorKind::NotDecodable => "not_decodable",
            ErrorKind::BadJson { .. } => "bad_json",
            ErrorKind::BadHandover => "bad_handover",
            ErrorKind::NoHeader { .. } => "no_header",
            ErrorKind::NoPeriodColumn { .. } => "no_period_column",
            ErrorKind::BadMonth { .. } => "bad_month",
            ErrorKind::BadAmount { .. } => "bad_amount",
            ErrorKind::UnreadableCell { .. } => "unreadable_cell",
            ErrorKind::AmountTooLarge { .. } => "amount_too_large",
            ErrorKind::WebsiteJson => "website_json",
            ErrorKind::UnknownInsurance { .. } => "unknown_insurance",
            ErrorKind::AmbiguousInsuranceCode { .. } => "ambiguous_insurance_code",
            ErrorKind::UnknownStatus { .. } => "unknown_status",
            ErrorKind::UnknownPart { .. } => "unknown_part",
            ErrorKind::MissingMonth => "missing_month",
            ErrorKind::BadRange { .. } => "bad_range",
            ErrorKind::NoRecords => "no_records",
        }
    }
}

/// An error with where it happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatementError {
    /// What went wrong.
    #[serde(flatten)]
    pub kind: ErrorKind,
    /// The file name, if known.
    pub file: Option<String>,
    /// Row (1-based), if the error belongs to one.
    pub row: Option<usize>,
    /// Column header, if the error belongs to one.
    pub column: Option<String>,
}

impl StatementError {
    /// An error of this kind with no location yet.
    pub fn new(kind: ErrorKind) -> StatementError {
        StatementError {
            kind,
            file: None,
            row: None,
            column: None,
        }
    }

    /// Attach a row.
    pub fn at_row(mut self, row: usize) -> StatementError {
        self.row = Some(row);
        self
    }

    /// Attach a column header.
    pub fn in_column(mut self, column: &str) -> StatementError {
        self.column = Some(column.to_string());
        self
    }

    /// Attach the file name.
    pub fn in_file(mut self, file: Option<&str>) -> StatementError {
        self.file = file.map(str::to_string);
        self
    }

    /// The full message: where, then what.
    pub fn message_zh(&self) -> String {
        let mut out = String::new();
        if let Some(f) = &self.file {
            out.push_str(&format!("文件“{f}”"));
        }
        if let Some(r) = self.row {
            out.push_str(&format!("第 {r} 行"));
        }
        if let Some(c) = &self.column {
            out.push_str(&format!("“{c}”列"));
        }
        if !out.is_empty() {
            out.push('：');
        }
        out.push_str(&self.what_zh());
        out
    }

    /// The reason a row was not read: the column, then what (the row is listed beside it).
    pub fn in_row_zh(&self) -> String {
        match &self.column {
            Some(c) => format!("“{c}”列：{}", self.what_zh()),
            None => self.what_zh(),
        }
    }

    /// Only the "what" part, without the location.
    fn what_zh(&self) -> String {
        match &self.kind {
            ErrorKind::Empty => "文件是空的，没有任何内容。".into(),
            ErrorKind::TooLarge { size, limit } => format!(
                "文件太大（{} MB），超过 {} MB 的上限。请只导出缴费明细部分再试。",
                size / 1_000_000,
                limit / 1_000_000
            ),
            ErrorKind::NotATable { looks_like } => format!(
                "这不是表格文件（看起来是{looks_like}）。请选择 CSV、Excel（.xlsx）或 PDF 文件。"
            ),
            ErrorKind::OldExcel => {
                "这是旧版 Excel 文件（.xls）。请在 Excel 或 WPS 里“另存为”.xlsx 或 CSV 后再试。".into()
            }
            ErrorKind::OpenDocument => {
                "这是 OpenDocument 表格（.ods）。请在 LibreOffice、WPS 或 Excel 里“另存为”.xlsx 或 CSV 后再试。".into()
            }
            // A format whose reader is a lazily loaded browser module that did not load.
            ErrorKind::XlsxNotSupported => not_loaded("Excel（.xlsx）"),
            ErrorKind::JsonNotSupported => not_loaded("本工具导出的 JSON"),
            ErrorKind::BrokenXlsx { .. } => {
                "Excel 文件不完整或已损坏，打不开。请重新下载或重新保存后再试。".into()
            }
            ErrorKind::PdfNotSupported => not_loaded("PDF"),
            ErrorKind::BrokenPdf { .. } => {
                "PDF 文件不完整或已损坏，打不开。请重新下载后再试。".into()
            }
            ErrorKind::PdfPassword => "这个 PDF 设了打开密码，本工具不读取加密的文件。请在社保平台重新下载不带密码的明细，或下载 Excel、CSV 表格。".into(),
            ErrorKind::PdfNoText { images } => format!(
                "这个 PDF {}，里面没有文字，无法读出缴费记录（本工具不做图片识别）。请从国家社会保险公共服务平台、“掌上12333”或本地的社保平台（营口用“辽事通”，杭州用“浙里办”，衡阳用湖南人社网上服务大厅）重新下载带文字的 PDF，或下载 Excel、CSV 表格。",
                if *images { "是扫描或拍照的图片" } else { "没有可读的文字" }
            ),
            ErrorKind::NotDecodable => "无法识别文件的文字编码（不是 UTF-8，也不是 GBK）。".into(),
            // The parser's detail is English: kept in the error for developers, not shown.
            ErrorKind::BadJson { .. } => "JSON 文件不完整或格式有误，无法读取。请重新下载，或选择缴费明细的表格文件（CSV、Excel）。".into(),
            ErrorKind::WebsiteJson => "这是社保网站的原始数据（JSON），不是缴费明细表格。请在网站或 App 的缴费明细页面用“导出”或“下载 Excel”保存表格，再选择那个文件；也可以把页面上的明细表格复制到 Excel 里另存为 CSV。".into(),
            ErrorKind::BadHandover => "读取模块交回的表格无法识别（网页的两部分版本不一致）。请刷新页面后再试。".into(),
            ErrorKind::NoHeader { headers_seen } => format!(
                "找不到表头（费款所属期、缴费基数等列名）。看到的内容：{}。",
                list_or_none(headers_seen)
            ),
            ErrorKind::NoPeriodColumn { headers_seen, closest } => {
                let mut s = format!("找不到费款所属期列。看到的列名：{}。", list_or_none(headers_seen));
                if let Some(l) = closest {
                    s.push_str(&format!("最接近的格式：{}。", l.name_zh()));
                }
                s.push_str("请确认表格里有“费款所属期”“缴费年月”或“年、月”这样的列。");
                s
            }
            ErrorKind::BadMonth { value } => format!(
                "“{value}”不是有效的年月（应为 2023-01、202301 或 2023年1月 这样的写法）。{}",
                bad_month_hint(value)
            ),
            ErrorKind::BadAmount { value } => format!("“{value}”不是有效的金额。"),
            ErrorKind::UnreadableCell { why } => format!("{why}。"),
            ErrorKind::AmountTooLarge { value, limit } => format!(
                "“{value}”超出了社保记录可能有的金额（这一格最多 {limit} 元），可能是文件损坏或列错位。"
            ),
            ErrorKind::UnknownInsurance { value } if value.trim().is_empty() => {
                "险种这一格是空的。".into()
            }
            ErrorKind::UnknownInsurance { value } => format!("不认识的险种“{value}”。"),
            ErrorKind::AmbiguousInsuranceCode { value } => format!(
                "险种代码“{value}”含义不明确（浙江旧代码与全国代码不同），文件里没有说明是哪一种。"
            ),
            ErrorKind::UnknownStatus { value } => format!("不认识的缴费标志“{value}”（应为 已到账、欠缴、√ 等）。"),
            ErrorKind::UnknownPart { value } => format!("“{value}”没有说明是个人部分还是单位部分。"),
            ErrorKind::MissingMonth => "这一行有数据，但缴费年月是空的。".into(),
            ErrorKind::BadRange { value } => format!("“{value}”不是有效的起止年月。"),
            ErrorKind::NoRecords => "表格里没有可以读取的缴费记录。".into(),
        }
    }
}

/// What a month that could not be read probably is, when its shape says.
fn bad_month_hint(value: &str) -> &'static str {
    let v = value.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if v.len() == 5 && digits(v) {
        return "这像 Excel 的日期序号：请在 Excel 里把这一列设为“日期”或“文本”格式后重新保存。";
    }
    if v.strip_suffix(".1")
        .is_some_and(|y| y.len() == 4 && digits(y))
    {
        return "这可能是 1 月，也可能是 Excel 把 10 月（如 2023.10）显示成了 .1，前后几行也无法判断是哪一个：请在 Excel 里把这一列设为“文本”格式后重新保存。";
    }
    ""
}

fn not_loaded(what: &str) -> String {
    format!("读取{what}文件的部分还没有载入。请刷新页面后再试，或选择 CSV 表格。")
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "（无）".into()
    } else {
        items.join("、")
    }
}

impl fmt::Display for StatementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for StatementError {}

#[cfg(test)]
mod tests {
    use super::ErrorKind;

    /// `tag` spells every kind as serde's `"kind"` does. The match in `tag` has no wildcard,
    /// so a new kind fails to compile until it is added there, and then here.
    #[test]
    fn tags_are_serde_kinds() {
        let v = || String::from("x");
        let kinds = [
            ErrorKind::Empty,
            ErrorKind::TooLarge { size: 1, limit: 1 },
            ErrorKind::NotATable { looks_like: v() },
            ErrorKind::OldExcel,
            ErrorKind::OpenDocument,
            ErrorKind::XlsxNotSupported,
            ErrorKind::JsonNotSupported,
            ErrorKind::BrokenXlsx { detail: v() },
            ErrorKind::PdfNotSupported,
            ErrorKind::BrokenPdf { detail: v() },
            ErrorKind::PdfPassword,
            ErrorKind::PdfNoText { images: true },
            ErrorKind::NotDecodable,
            ErrorKind::BadJson { detail: v() },
            ErrorKind::BadHandover,
            ErrorKind::NoHeader {
                headers_seen: vec![],
            },
            ErrorKind::NoPeriodColumn {
                headers_seen: vec![],
                closest: None,
            },
            ErrorKind::BadMonth { value: v() },
            ErrorKind::BadAmount { value: v() },
            ErrorKind::UnreadableCell { why: v() },
            ErrorKind::AmountTooLarge {
                value: v(),
                limit: v(),
            },
            ErrorKind::WebsiteJson,
            ErrorKind::UnknownInsurance { value: v() },
            ErrorKind::AmbiguousInsuranceCode { value: v() },
            ErrorKind::UnknownStatus { value: v() },
            ErrorKind::UnknownPart { value: v() },
            ErrorKind::MissingMonth,
            ErrorKind::BadRange { value: v() },
            ErrorKind::NoRecords,
        ];
        for k in &kinds {
            let json = serde_json::to_value(k).unwrap();
            assert_eq!(json["kind"], k.tag(), "{k:?}");
        }
    }
}
