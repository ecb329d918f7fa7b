//! The import template: the sheet's headers (required ones starred), an
//! example row, and a sheet listing the values each closed list accepts.

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::orgs::kinds::{
    Category, Domain, FundingSource, OrgType, RegistrationLevel, Relationship,
};
use crate::orgs::sheet::{COLUMNS, Column};
use crate::policy::{self, Action};

/// Columns every row must fill.
const REQUIRED: [Column; 5] = [
    Column::Name,
    Column::OrgType,
    Column::ServiceDomains,
    Column::GuidanceCategory,
    Column::Relationship,
];

/// Columns the export writes but a new sheet leaves out: the record id (which
/// ties an exported row to its record) and what is derived (ignored on import).
const DERIVED: [Column; 4] = [
    Column::Status,
    Column::Rating,
    Column::UnionBuilding,
    Column::NextContactDue,
];

fn example(column: Column) -> &'static str {
    match column {
        Column::Name => "广州市新市民社会工作服务中心",
        Column::CreditCode => "52440106MJ00XGM11Y",
        Column::OrgType => "社会服务机构",
        Column::RegistrationLevel => "县级",
        Column::RegisteredOn => "2019-05-20",
        Column::DirectRegistration => "是",
        Column::Address => "广州市天河区天河路 1 号",
        Column::DivisionCode => "440106",
        Column::ContactPerson => "李明",
        Column::ContactPhone => "13800138000",
        Column::ServiceDomains => "法律援助、劳动就业",
        Column::FulltimeStaff => "12",
        Column::AnnualRevenue => "560000.00",
        Column::FundingSources => "政府购买、社会捐赠",
        Column::GuidanceCategory => "培育扶持",
        Column::Relationship => "工会指导",
        Column::HomeUnion => "天河区总工会",
        _ => "",
    }
}

fn workbook() -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("社会组织")?;
    let columns: Vec<_> = COLUMNS
        .iter()
        .filter(|(c, _)| !DERIVED.contains(c))
        .collect();
    for (col, (column, title)) in columns.iter().enumerate() {
        let title = if REQUIRED.contains(column) {
            format!("{title}*")
        } else {
            (*title).to_owned()
        };
        sheet.write_string_with_format(0, col as u16, &title, &header)?;
        sheet.write_string(1, col as u16, example(*column))?;
        sheet.set_column_width(col as u16, 16)?;
    }
    let help = workbook.add_worksheet();
    help.set_name("填写说明")?;
    help.write_string_with_format(0, 0, "列", &header)?;
    help.write_string_with_format(0, 1, "可填的值（多个值用顿号“、”分隔）", &header)?;
    let lists: [(&str, Vec<(&str, &str)>); 6] = [
        ("组织类型", OrgType::options()),
        ("登记管理机关级别", RegistrationLevel::options()),
        ("服务领域", Domain::options()),
        ("资金来源", FundingSource::options()),
        ("分类施策", Category::options()),
        ("关系类型", Relationship::options()),
    ];
    for (row, (title, options)) in lists.iter().enumerate() {
        let values: Vec<&str> = options.iter().map(|(_, key)| Lang::Zh.t(key)).collect();
        help.write_string(row as u32 + 1, 0, *title)?;
        help.write_string(row as u32 + 1, 1, values.join("、"))?;
    }
    let notes = [
        "带 * 的列必填；统一社会信用代码除“未登记的草根组织”外必填，并须通过校验。",
        "联系工会：填写工会全称，或在“联系工会编号”填写编号（导出文件中有）；不填则为导入人所在工会。",
        "统一社会信用代码已在本级或下级登记的，导入时更新该记录（先预览变化，确认后写入）；导出文件中带“记录编号”的行更新其原记录。",
        "日期格式 2026-11-28；金额单位为元，最多两位小数。",
    ];
    for (i, note) in notes.iter().enumerate() {
        help.write_string((lists.len() + 2 + i) as u32, 0, *note)?;
    }
    help.set_column_width(0, 18)?;
    help.set_column_width(1, 90)?;
    workbook.save_to_buffer()
}

pub async fn download(user: CurrentUser) -> AppResult<Response> {
    policy::require(&user, &Action::ImportOrgs)?;
    let bytes = workbook().map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"niudai-orgs-template.xlsx\"; filename*=UTF-8''%E7%A4%BE%E4%BC%9A%E7%BB%84%E7%BB%87%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx",
            ),
        ],
        bytes,
    )
        .into_response())
}
