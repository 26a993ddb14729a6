//! The reader's output: what a statement file says, normalised, plus where it came from.
//!
//! `Statement` is also the normalised JSON form: serialising it and reading the JSON back
//! (format `json`) gives the same people and records.

use crate::month::Month;
use crate::record::{Insurance, Person};
use serde::{Deserialize, Serialize};

/// The bytes of one statement file, and its name when known (for messages, and as a last
/// place to find a bill's period, e.g. `2016年10月社保明细.csv`).
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The whole file.
    pub bytes: &'a [u8],
    /// The file name as the person picked it, if known.
    pub file_name: Option<&'a str>,
}

/// Everything read from one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Where the records came from and what was skipped.
    pub source: SourceInfo,
    /// One entry per person, in order of first appearance in the file.
    pub people: Vec<Person>,
    /// The period the document says it covers, e.g. 出具证明前24个月缴费情况（2023年02月-2025年01月）,
    /// or a bill's 所属期 (then both ends are the same month).
    pub declared_period: Option<(Month, Month)>,
}

/// How the file was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// The file format recognised from the bytes.
    pub format: Format,
    /// The text encoding (`n_a` for XLSX).
    pub encoding: Encoding,
    /// The layout family recognised.
    pub layout: Layout,
    /// The XLSX sheet the data was read from.
    pub sheet: Option<String>,
    /// Pages in the document (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// The (last) header row, 1-based.
    pub header_row: Option<usize>,
    /// Data rows read into records.
    pub rows_read: usize,
    /// Rows not read, each with the reason.
    pub rows_skipped: Vec<SkippedRow>,
    /// A 权益记录单 form read as tables: `rows_read` counts years and months, not lines of
    /// the paper, so it is not shown to the person.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub form: bool,
    /// Where each page's rows begin (PDF): (first row number, page), in row order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub row_pages: Vec<(usize, u32)>,
    /// Other sheets of the workbook that hold records too, not read: only `sheet` is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets_not_read: Vec<String>,
    /// The number of records a line of the file states (`共 12 条记录`, under a table copied
    /// from a web page), when that is more than the table lists: pages were left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows_stated: Option<usize>,
    /// No column, group or title names the insurance its rows are of: they were read as the
    /// one the sheet's or file's name names, else as pension, an assumption the analysis
    /// weighs against the amounts (`analyse::assumed`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub insurance_assumed: bool,
}

/// A row the reader did not turn into records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// Row (1-based, as a spreadsheet or text editor shows it).
    pub row: usize,
    /// Why, in Chinese.
    pub reason: String,
    /// `true` for a data row that could not be read (the person should look at it);
    /// `false` for titles, blank rows, totals, footers and group rows.
    pub unreadable: bool,
    /// For an unreadable row whose month could still be read (an amount, flag or code was
    /// not): that month, so the month is "unreadable", never a gap. `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<Month>,
    /// With `month`: the row's insurance, when its cell (or the file) says which.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<Insurance>,
    /// For an unreadable row of a file with several people: whose row it is (an index into
    /// `Statement::people`), so it hides no other person's gap. `None`: anyone's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<usize>,
}

impl SkippedRow {
    /// A row not read for this reason (titles, totals, blank rows…): not a data row.
    pub fn not_data(row: usize, reason: &str) -> SkippedRow {
        SkippedRow {
            row,
            reason: reason.to_string(),
            unreadable: false,
            month: None,
            insurance: None,
            person: None,
        }
    }
}

/// File formats the reader understands.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Comma (or semicolon) separated values.
    Csv,
    /// Tab separated values.
    Tsv,
    /// Excel 2007+ workbook.
    Xlsx,
    /// Plain text, e.g. copied out of a PDF statement (columns as runs of spaces).
    Text,
    /// Our own normalised JSON (a serialised [`Statement`]).
    Json,
    /// A PDF with a text layer, rows and columns rebuilt from the glyph positions.
    Pdf,
}

/// Text encodings recognised.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// GBK / GB18030 (Excel's CSV in a Chinese locale).
    #[serde(rename = "gb18030")]
    Gb18030,
    /// Not a text file (XLSX).
    #[serde(rename = "n/a")]
    NotApplicable,
}

/// Layout families (see `statement-layouts.md` and `calculator-wasm/README.md`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// One row per month and insurance, personal and employer columns.
    Long,
    /// One row per month, insurance and part (个人缴纳部分/单位缴纳部分).
    LongOneAmount,
    /// One row per month, a column group per insurance (headers 2–8 rows deep).
    Wide,
    /// `年` and `月` as two columns (Zhejiang 参保证明).
    YearMonthColumns,
    /// `年\月 | 1月 | … | 12月`, one row per year.
    MonthGrid,
    /// A range of months per row (`2018.01-2018.06`, or start and end columns).
    Ranges,
    /// Months listed with `√` per insurance and no amounts (may hold two records per row).
    Ticks,
    /// Month counts per span and insurance, no amounts (参保证明).
    Coverage,
    /// Annual 权益记录单 with the official pension-account figures.
    AnnualRecord,
    /// Employer or agency bill: many people, one month given in a title or the file name.
    EmployerBill,
    /// Our own JSON.
    NormalisedJson,
}

impl Layout {
    /// The Chinese name shown to people.
    pub fn name_zh(self) -> &'static str {
        match self {
            Layout::Long => "逐月明细（个人、单位分列）",
            Layout::LongOneAmount => "逐月明细（每行一个金额，征收品目分个人/单位）",
            Layout::Wide => "按险种分组的宽表",
            Layout::YearMonthColumns => "年、月分列的参保证明",
            Layout::MonthGrid => "年×月表格",
            Layout::Ranges => "起止年月区间",
            Layout::Ticks => "打√的缴费清单",
            Layout::Coverage => "只列月数的参保证明",
            Layout::AnnualRecord => "年度权益记录单",
            Layout::EmployerBill => "单位或代理机构的月度账单",
            Layout::NormalisedJson => "本工具导出的 JSON",
        }
    }
}

impl Format {
    /// The Chinese name shown to people.
    pub fn name_zh(self) -> &'static str {
        match self {
            Format::Csv => "CSV 表格",
            Format::Tsv => "制表符分隔的表格",
            Format::Xlsx => "Excel 表格（.xlsx）",
            Format::Text => "纯文本（如从 PDF 复制）",
            Format::Json => "JSON",
            Format::Pdf => "PDF",
        }
    }
}
