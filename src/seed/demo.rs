//! `niudai seed demo`: below the national and provincial unions that every
//! database has, a few municipal, county and grassroots unions under 北京, 上海,
//! 广东, 重庆, 四川 and 陕西, and the demo accounts.
//! Running it again changes nothing but the demo accounts' passwords.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::{Actor, Tx};
use crate::identity::password::hash_blocking;

pub const DEMO_PASSWORD: &str = "niudai-demo";

/// (username, display name, role, union division code or `None` for national).
pub const DEMO_ACCOUNTS: &[(&str, &str, &str, Option<&str>)] = &[
    ("national-admin", "全总管理员", "admin", None),
    ("bj-admin", "北京市总工会管理员", "admin", Some("110000")),
    ("gd-admin", "广东省总工会管理员", "admin", Some("440000")),
    ("gz-staff", "广州市总工会干部", "staff", Some("440100")),
    ("sz-staff", "深圳市总工会干部", "staff", Some("440300")),
    ("gd-viewer", "广东省总工会领导", "viewer", Some("440000")),
    ("sc-staff", "四川省总工会干部", "staff", Some("510000")),
    ("reviewer-1", "评审专家一", "reviewer", Some("440000")),
    ("reviewer-2", "评审专家二", "reviewer", Some("440000")),
    ("reviewer-3", "评审专家三", "reviewer", Some("440000")),
    ("evaluator-1", "第三方评估机构", "evaluator", Some("440000")),
];

/// The demo's organization accounts: (username, organization).
pub const DEMO_ORG_ACCOUNTS: &[(&str, &str)] = &[
    ("org-1", "广州市新市民社会工作服务中心"),
    ("org-2", "北京市朝阳区职工法律援助服务中心"),
];

/// Unions below the provinces: (parent division code, level, name, own code).
const LOCAL_UNIONS: &[(&str, &str, &str, Option<&str>)] = &[
    ("110000", "county", "朝阳区总工会", Some("110105")),
    ("110000", "county", "海淀区总工会", Some("110108")),
    ("110105", "grassroots", "北京朝阳某科技有限公司工会", None),
    ("310000", "county", "浦东新区总工会", Some("310115")),
    ("310000", "county", "徐汇区总工会", Some("310104")),
    ("440000", "municipal", "广州市总工会", Some("440100")),
    ("440100", "county", "天河区总工会", Some("440106")),
    ("440100", "county", "越秀区总工会", Some("440104")),
    ("440106", "grassroots", "广州天河软件园联合工会", None),
    ("440000", "municipal", "深圳市总工会", Some("440300")),
    ("440300", "county", "南山区总工会", Some("440305")),
    ("440300", "county", "宝安区总工会", Some("440306")),
    ("440000", "municipal", "东莞市总工会", Some("441900")),
    ("440000", "municipal", "中山市总工会", Some("442000")),
    ("440000", "municipal", "佛山市总工会", Some("440600")),
    ("440600", "county", "顺德区总工会", Some("440606")),
    ("440606", "grassroots", "顺德区家电产业联合工会", None),
    ("500000", "county", "渝中区总工会", Some("500103")),
    ("500000", "county", "九龙坡区总工会", Some("500107")),
    ("510000", "municipal", "成都市总工会", Some("510100")),
    ("510100", "county", "武侯区总工会", Some("510107")),
    ("510000", "municipal", "雅安市总工会", Some("511800")),
    ("511800", "county", "雨城区总工会", Some("511802")),
    ("610000", "municipal", "西安市总工会", Some("610100")),
    ("610100", "county", "雁塔区总工会", Some("610113")),
];

/// Loads the demo (see the module's doc) in one transaction, as the national
/// system actor; every demo account gets `password`.
pub async fn seed_demo(pool: &PgPool, password: &str) -> Result<(), sqlx::Error> {
    let hash = hash_password(password).await;
    let mut tx = Tx::begin(pool, &Actor::national_system()).await?;
    add_local_unions(&mut tx).await?;
    add_accounts(&mut tx, &hash).await?;
    for org in DEMO_ORGS {
        seed_org(&mut tx, org, &hash).await?;
    }
    // A living registry around them: generated records in the seed's provinces.
    crate::seed::add_organizations(&mut tx, GENERATED_ORGS, Some("11,31,44,50,51,61"), |_| {})
        .await?;
    crate::seed::finish_organizations(&mut tx).await?;
    super::demo_projects::seed_projects(&mut tx).await?;
    super::demo_pilots::seed_pilots(&mut tx).await?;
    super::demo_work_system::seed_work_system(&mut tx).await?;
    super::demo_federations::seed_federations(&mut tx).await?;
    super::demo_sites::seed_sites(&mut tx).await?;
    super::demo_meetings::seed_meetings(&mut tx).await?;
    // The dashboards show the demo at once, not after the first periodic refresh.
    crate::stats::db::refresh(&mut tx).await?;
    tx.commit().await
}

/// The password's hash, made off the async threads (hashing is slow on purpose).
async fn hash_password(password: &str) -> String {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .expect("hashing does not panic")
}

/// The unions of [`LOCAL_UNIONS`], each below its parent (once).
async fn add_local_unions(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    for (parent_code, level, name, code) in LOCAL_UNIONS {
        let parent = union_by_code(conn, parent_code).await?;
        ensure_union(conn, Some(parent), level, name, *code).await?;
    }
    Ok(())
}

/// The accounts of [`DEMO_ACCOUNTS`], added or given `hash` (and unlocked).
async fn add_accounts(conn: &mut PgConnection, hash: &str) -> Result<(), sqlx::Error> {
    // The national and provincial unions come with the schema (a migration).
    let national = sqlx::query_scalar!("select id from unions where parent_id is null")
        .fetch_one(&mut *conn)
        .await?;
    for (username, display_name, role, code) in DEMO_ACCOUNTS {
        let union_id = match code {
            Some(code) => union_by_code(conn, code).await?,
            None => national,
        };
        sqlx::query!(
            "insert into users (username, display_name, role, union_id, password_hash)
             values ($1, $2, $3, $4, $5)
             on conflict (username) do update
                set password_hash = excluded.password_hash, failed_logins = 0, locked_until = null",
            username,
            display_name,
            role,
            union_id,
            hash
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Generated organizations in the demo.
const GENERATED_ORGS: u64 = 300;

/// An organization of the demo with its own account.
struct DemoOrg {
    name: &'static str,
    credit_code: &'static str,
    home_union_code: &'static str,
    domains: &'static [&'static str],
    rating: (i16, &'static str, &'static str),
    account: (&'static str, &'static str),
    contact: (&'static str, &'static str),
}

const DEMO_ORGS: &[DemoOrg] = &[
    DemoOrg {
        name: "广州市新市民社会工作服务中心",
        credit_code: "52440106MJ00XGM11Y",
        home_union_code: "440106",
        domains: &["legal_aid", "employment", "psychological_support"],
        rating: (4, "2023-06-01", "广州市民政局"),
        account: ("org-1", "新市民社工中心"),
        contact: (
            "visit",
            "走访了解新市民法律援助和就业服务开展情况，反映场地紧张。",
        ),
    },
    DemoOrg {
        name: "北京市朝阳区职工法律援助服务中心",
        credit_code: "52110105MJ00FLY21L",
        home_union_code: "110105",
        domains: &["legal_aid", "democratic_rights"],
        rating: (3, "2022-09-15", "北京市朝阳区民政局"),
        account: ("org-2", "朝阳职工法援中心"),
        contact: ("meeting", "座谈了解快递、外卖从业人员劳动争议调解情况。"),
    },
];

/// Adds a demo organization, a rating, a contact and its account (once).
async fn seed_org(conn: &mut PgConnection, org: &DemoOrg, hash: &str) -> Result<(), sqlx::Error> {
    let union_id = union_by_code(conn, org.home_union_code).await?;
    let Some(id) = insert_org(conn, org, union_id).await? else {
        return Ok(());
    };
    add_org_history(conn, org, id).await?;
    let (username, display_name) = org.account;
    sqlx::query!(
        "insert into users (username, display_name, role, union_id, org_id, password_hash)
         values ($1, $2, 'org', $3, $4, $5)
         on conflict (username) do update set password_hash = excluded.password_hash",
        username,
        display_name,
        union_id,
        id,
        hash
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The organization's record; its id, or `None` when its credit code is
/// already registered (the demo ran before).
async fn insert_org(
    conn: &mut PgConnection,
    org: &DemoOrg,
    union_id: i64,
) -> Result<Option<Uuid>, sqlx::Error> {
    // `&[&str]` is a text[] as `&[String]` is (the macro only knows the latter).
    sqlx::query_scalar!(
        "insert into organizations (union_id, name, credit_code, org_type, registration_level,
                                    registered_on, service_domains, guidance_category, relationship,
                                    contact_person, contact_phone, fulltime_staff, volunteers,
                                    social_workers, annual_revenue_fen, funding_sources, activities)
         values ($1, $2, $3, 'social_service_agency', 'county', '2018-03-20', $4, 'cultivate', 'guided',
                 '陈静', '13800138000', 12, 60, 5, 180000000, '{government_purchase,union_funds}',
                 '为职工提供法律咨询、劳动争议调解和职业发展服务。')
         on conflict (credit_code) do nothing
         returning id",
        union_id,
        org.name,
        org.credit_code,
        org.domains as &[&str]
    )
    .fetch_optional(conn)
    .await
}

/// A new organization's rating, first contact and union building.
async fn add_org_history(
    conn: &mut PgConnection,
    org: &DemoOrg,
    id: Uuid,
) -> Result<(), sqlx::Error> {
    let (level, rated_on, authority) = org.rating;
    // The date is written as text in DEMO_ORGS, and read as a date here.
    sqlx::query!(
        "insert into organization_ratings (org_id, level, rated_on, authority, certificate_no)
         values ($1, $2, $3::text::date, $4, 'PG-' || $2::int2 || '-0001')",
        id,
        level,
        rated_on,
        authority
    )
    .execute(&mut *conn)
    .await?;
    let (method, summary) = org.contact;
    sqlx::query!(
        "insert into organization_contacts (org_id, contacted_on, method, cadre, summary)
         values ($1, current_date - 75, $2, '张明', $3)",
        id,
        method,
        summary
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into organization_union_building (org_id, status, founded_on, members, employees, chair, changed_on)
         values ($1, 'established', '2021-05-01', 10, 12, '陈静', '2021-05-01')",
        id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The union `name` below `parent_id`, added when missing; its id.
async fn ensure_union(
    conn: &mut PgConnection,
    parent_id: Option<i64>,
    level: &str,
    name: &str,
    code: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let existing = sqlx::query_scalar!(
        "select id from unions where parent_id is not distinct from $1 and name = $2",
        parent_id,
        name
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    sqlx::query_scalar!(
        "insert into unions (parent_id, level, name, division_code) values ($1, $2, $3, $4) returning id",
        parent_id,
        level,
        name,
        code
    )
    .fetch_one(conn)
    .await
}

/// The id of the (non-grassroots) union of a division code.
async fn union_by_code(conn: &mut PgConnection, code: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        "select id from unions where division_code = $1 and level <> 'grassroots'",
        code
    )
    .fetch_one(conn)
    .await
}
