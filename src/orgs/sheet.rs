//! The spreadsheet form of a record, shared by export, import and the import
//! template: Chinese headers, Chinese names for the closed lists (codes are
//! accepted too), several values joined by `、`. An exported file imports back
//! to the same records.

use super::db::OrgRow;
use super::forms::OrgForm;
use super::kinds::{Category, Domain, FundingSource, OrgType, RegistrationLevel, Relationship};
use crate::i18n::Lang;
use crate::sheets::export::{Cell, Header};
use crate::web::money::Fen;

/// A column of the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    CreditCode,
    OrgType,
    RegistrationLevel,
    RegisteredOn,
    SupervisingUnit,
    DirectRegistration,
    Address,
    DivisionCode,
    LegalRepresentative,
    ContactPerson,
    ContactPhone,
    ContactEmail,
    ServiceDomains,
    Industry,
    FulltimeStaff,
    Volunteers,
    SocialWorkers,
    AnnualRevenue,
    FundingSources,
    Activities,
    WorkingMethods,
    GuidanceCategory,
    Relationship,
    HomeUnion,
    HomeUnionId,
    ContactInterval,
    Tags,
    Notes,
    /// The record's id: an exported row imports back onto its record.
    RecordId,
    // Derived: exported for reading, ignored on import.
    Status,
    Rating,
    UnionBuilding,
    NextContactDue,
}

/// Every column, in the sheet's order, with its header.
pub const COLUMNS: &[(Column, &str)] = &[
    (Column::Name, "组织名称"),
    (Column::CreditCode, "统一社会信用代码"),
    (Column::OrgType, "组织类型"),
    (Column::RegistrationLevel, "登记管理机关级别"),
    (Column::RegisteredOn, "登记日期"),
    (Column::SupervisingUnit, "业务主管单位"),
    (Column::DirectRegistration, "直接登记"),
    (Column::Address, "住所"),
    (Column::DivisionCode, "所在地行政区划代码"),
    (Column::LegalRepresentative, "法定代表人"),
    (Column::ContactPerson, "联系人"),
    (Column::ContactPhone, "联系电话"),
    (Column::ContactEmail, "电子邮箱"),
    (Column::ServiceDomains, "服务领域"),
    (Column::Industry, "所属行业"),
    (Column::FulltimeStaff, "专职人员"),
    (Column::Volunteers, "志愿者"),
    (Column::SocialWorkers, "持证社会工作者"),
    (Column::AnnualRevenue, "年度收入（元）"),
    (Column::FundingSources, "资金来源"),
    (Column::Activities, "主要活动"),
    (Column::WorkingMethods, "工作方式"),
    (Column::GuidanceCategory, "分类施策"),
    (Column::Relationship, "关系类型"),
    (Column::HomeUnion, "联系工会"),
    (Column::HomeUnionId, "联系工会编号"),
    (Column::ContactInterval, "联系间隔（天）"),
    (Column::Tags, "标签"),
    (Column::Notes, "内部备注"),
    (Column::RecordId, "记录编号"),
    (Column::Status, "状态"),
    (Column::Rating, "评估等级"),
    (Column::UnionBuilding, "组建工会"),
    (Column::NextContactDue, "下次联系日期"),
];

/// Several values in one cell.
const JOIN: &str = "、";

pub fn header_of(column: Column) -> &'static str {
    COLUMNS
        .iter()
        .find(|(c, _)| *c == column)
        .map_or("", |(_, header)| header)
}

/// The column a header names (surrounding spaces and a trailing `*` ignored).
pub fn column_of(header: &str) -> Option<Column> {
    let header = header.trim().trim_end_matches('*').trim();
    COLUMNS.iter().find(|(_, h)| *h == header).map(|(c, _)| *c)
}

fn zh(key: &str) -> &str {
    Lang::Zh.t(key)
}

/// The export's headers: [`COLUMNS`], the ids marked internal.
pub fn export_headers() -> Vec<Header> {
    COLUMNS
        .iter()
        .map(|(column, title)| match column {
            Column::RecordId | Column::HomeUnionId => Header::id(title),
            _ => Header::new(title),
        })
        .collect()
}

/// A record as one row of typed cells, in [`COLUMNS`] order.
pub fn export_cells(org: &OrgRow) -> Vec<Cell> {
    let labels = |values: &[String], parse: fn(&str) -> Option<&'static str>| -> Cell {
        values
            .iter()
            .filter_map(|v| parse(v))
            .map(zh)
            .collect::<Vec<_>>()
            .join(JOIN)
            .into()
    };
    let text = |value: &Option<String>| Cell::from(value.clone());
    COLUMNS
        .iter()
        .map(|(column, _)| match column {
            Column::Name => org.name.as_str().into(),
            Column::CreditCode => text(&org.credit_code),
            Column::OrgType => zh(org.org_type.label_key()).into(),
            Column::RegistrationLevel => org
                .registration_level
                .as_deref()
                .and_then(RegistrationLevel::parse)
                .map(|l| zh(l.label_key()))
                .into(),
            Column::RegisteredOn => org.registered_on.into(),
            Column::SupervisingUnit => text(&org.supervising_unit),
            Column::DirectRegistration => if org.direct_registration {
                "是"
            } else {
                "否"
            }
            .into(),
            Column::Address => text(&org.address),
            Column::DivisionCode => text(&org.division_code),
            Column::LegalRepresentative => text(&org.legal_representative),
            Column::ContactPerson => text(&org.contact_person),
            Column::ContactPhone => text(&org.contact_phone),
            Column::ContactEmail => text(&org.contact_email),
            Column::ServiceDomains => labels(&org.service_domains, |v| {
                Domain::parse(v).map(Domain::label_key)
            }),
            Column::Industry => text(&org.industry),
            Column::FulltimeStaff => org.fulltime_staff.into(),
            Column::Volunteers => org.volunteers.into(),
            Column::SocialWorkers => org.social_workers.into(),
            Column::AnnualRevenue => Fen(org.annual_revenue_fen).into(),
            Column::FundingSources => labels(&org.funding_sources, |v| {
                FundingSource::parse(v).map(FundingSource::label_key)
            }),
            Column::Activities => text(&org.activities),
            Column::WorkingMethods => text(&org.working_methods),
            Column::GuidanceCategory => zh(org.guidance_category.label_key()).into(),
            Column::Relationship => zh(org.relationship.label_key()).into(),
            Column::HomeUnion => org.union_name.as_str().into(),
            Column::HomeUnionId => org.union_id.into(),
            Column::ContactInterval => org.contact_interval_days.into(),
            Column::Tags => org.tags.join(JOIN).into(),
            Column::Notes => text(&org.notes),
            Column::RecordId => org.id.to_string().into(),
            Column::Status => zh(org.status.label_key()).into(),
            Column::Rating => org.rating_level.map(|l| format!("{l}A")).into(),
            Column::UnionBuilding => zh(org.union_building.label_key()).into(),
            Column::NextContactDue => org.next_contact_due.into(),
        })
        .collect()
}

/// The code of a closed-list value written as its Chinese name or its code.
fn code_of(cell: &str, options: &[(&'static str, &'static str)]) -> String {
    let cell = cell.trim();
    options
        .iter()
        .find(|(code, key)| *code == cell || zh(key) == cell)
        .map_or_else(|| cell.to_owned(), |(code, _)| (*code).to_owned())
}

fn codes_of(cell: &str, options: &[(&'static str, &'static str)]) -> Vec<String> {
    cell.split([JOIN.chars().next().unwrap_or('、'), ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| code_of(v, options))
        .collect()
}

/// The form a row fills, with the home union as written (its id, else its
/// name), for the importer to resolve within the scope.
#[derive(Debug)]
pub struct ImportedRow {
    pub form: OrgForm,
    pub union_id: Option<String>,
    pub union_name: Option<String>,
    /// The record the row was exported from, if it says.
    pub record_id: Option<String>,
}

/// Reads one row's cells (by column) into the organization form.
pub fn import_row(cells: &[(Column, String)]) -> ImportedRow {
    let cell = |column: Column| -> String {
        cells
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let non_empty = |value: String| (!value.is_empty()).then_some(value);
    let direct = cell(Column::DirectRegistration);
    let form = OrgForm {
        name: cell(Column::Name),
        credit_code: cell(Column::CreditCode),
        org_type: code_of(&cell(Column::OrgType), &OrgType::options()),
        registration_level: code_of(
            &cell(Column::RegistrationLevel),
            &RegistrationLevel::options(),
        ),
        registered_on: cell(Column::RegisteredOn),
        supervising_unit: cell(Column::SupervisingUnit),
        direct_registration: matches!(direct.as_str(), "是" | "Y" | "y" | "yes" | "true" | "1")
            .then(|| "on".to_owned()),
        address: cell(Column::Address),
        division_code: cell(Column::DivisionCode),
        legal_representative: cell(Column::LegalRepresentative),
        industry: cell(Column::Industry),
        guidance_category: code_of(&cell(Column::GuidanceCategory), &Category::options()),
        relationship: code_of(&cell(Column::Relationship), &Relationship::options()),
        union_id: String::new(),
        tags: cell(Column::Tags),
        notes: cell(Column::Notes),
        contact_interval_days: cell(Column::ContactInterval),
        service_domains: codes_of(&cell(Column::ServiceDomains), &Domain::options()),
        contact_person: cell(Column::ContactPerson),
        contact_phone: cell(Column::ContactPhone),
        contact_email: cell(Column::ContactEmail),
        fulltime_staff: cell(Column::FulltimeStaff),
        volunteers: cell(Column::Volunteers),
        social_workers: cell(Column::SocialWorkers),
        annual_revenue: cell(Column::AnnualRevenue),
        funding_sources: codes_of(&cell(Column::FundingSources), &FundingSource::options()),
        activities: cell(Column::Activities),
        working_methods: cell(Column::WorkingMethods),
        version: 0,
    };
    ImportedRow {
        form,
        union_id: non_empty(cell(Column::HomeUnionId)),
        union_name: non_empty(cell(Column::HomeUnion)),
        record_id: non_empty(cell(Column::RecordId)),
    }
}

/// The header of the field a form error belongs to, for the error report.
pub fn header_of_field(field: &str) -> &'static str {
    let column = match field {
        "name" => Column::Name,
        "credit_code" => Column::CreditCode,
        "org_type" => Column::OrgType,
        "registration_level" => Column::RegistrationLevel,
        "registered_on" => Column::RegisteredOn,
        "supervising_unit" => Column::SupervisingUnit,
        "address" => Column::Address,
        "division_code" => Column::DivisionCode,
        "legal_representative" => Column::LegalRepresentative,
        "contact_person" => Column::ContactPerson,
        "contact_phone" => Column::ContactPhone,
        "contact_email" => Column::ContactEmail,
        "service_domains" => Column::ServiceDomains,
        "industry" => Column::Industry,
        "fulltime_staff" => Column::FulltimeStaff,
        "volunteers" => Column::Volunteers,
        "social_workers" => Column::SocialWorkers,
        "annual_revenue" | "annual_revenue_fen" => Column::AnnualRevenue,
        "direct_registration" => Column::DirectRegistration,
        "funding_sources" => Column::FundingSources,
        "activities" => Column::Activities,
        "working_methods" => Column::WorkingMethods,
        "guidance_category" => Column::GuidanceCategory,
        "relationship" => Column::Relationship,
        "union_id" => Column::HomeUnion,
        "contact_interval_days" => Column::ContactInterval,
        "tags" => Column::Tags,
        "notes" => Column::Notes,
        _ => return "",
    };
    header_of(column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_with_decorations() {
        assert_eq!(column_of(" 组织名称* "), Some(Column::Name));
        assert_eq!(column_of("年度收入（元）"), Some(Column::AnnualRevenue));
        assert_eq!(column_of("别的列"), None);
    }

    #[test]
    fn chinese_names_and_codes_both_import() {
        let row = import_row(&[
            (Column::Name, "某某服务中心".into()),
            (Column::OrgType, "社会服务机构".into()),
            (
                Column::ServiceDomains,
                "法律援助、employment，技能培训".into(),
            ),
            (Column::GuidanceCategory, "guide".into()),
            (Column::DirectRegistration, "是".into()),
            (Column::HomeUnionId, "42".into()),
        ]);
        assert_eq!(row.form.org_type, "social_service_agency");
        assert_eq!(
            row.form.service_domains,
            vec!["legal_aid", "employment", "skills_training"]
        );
        assert_eq!(row.form.guidance_category, "guide");
        assert!(row.form.direct_registration.is_some());
        assert_eq!(row.union_id.as_deref(), Some("42"));
        assert_eq!(header_of_field("contact_phone"), "联系电话");
    }
}
