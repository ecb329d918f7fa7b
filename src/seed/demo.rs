//! `niudai seed demo`: below the national and provincial unions that every
//! database has, a few municipal, county and grassroots unions under 北京, 上海,
//! 广东, 重庆, 四川 and 陕西, and the demo accounts.
//! Running it again changes nothing but the demo accounts' passwords.

use sqlx::{PgConnection, PgPool};

use crate::auth::password::hash_blocking;
use crate::db::{Actor, Tx};

pub const DEMO_PASSWORD: &str = "niudai-demo";

/// (username, display name, role, union division code or `None` for national).
pub const DEMO_ACCOUNTS: &[(&str, &str, &str, Option<&str>)] = &[
    ("national-admin", "全总管理员", "admin", None),
    ("bj-admin", "北京市总工会管理员", "admin", Some("110000")),
    ("gd-admin", "广东省总工会管理员", "admin", Some("440000")),
    ("gz-staff", "广州市总工会干部", "staff", Some("440100")),
    ("sz-staff", "深圳市总工会干部", "staff", Some("440300")),
    ("gd-viewer", "广东省总工会领导", "viewer", Some("440000")),
    ("reviewer-1", "评审专家一", "reviewer", Some("440000")),
    ("reviewer-2", "评审专家二", "reviewer", Some("440000")),
    ("reviewer-3", "评审专家三", "reviewer", Some("440000")),
    ("evaluator-1", "第三方评估机构", "evaluator", Some("440000")),
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

pub async fn seed_demo(pool: &PgPool, password: &str) -> Result<(), sqlx::Error> {
    let hash = {
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .expect("hashing does not panic")
    };
    let mut tx = Tx::begin(pool, &Actor::national_system()).await?;
    // The national and provincial unions come with the schema (a migration).
    let national: i64 = sqlx::query_scalar("select id from unions where parent_id is null")
        .fetch_one(&mut *tx)
        .await?;
    for (parent_code, level, name, code) in LOCAL_UNIONS {
        let parent = union_by_code(&mut tx, parent_code).await?;
        ensure_union(&mut tx, Some(parent), level, name, *code).await?;
    }
    for (username, display_name, role, code) in DEMO_ACCOUNTS {
        let union_id = match code {
            Some(code) => union_by_code(&mut tx, code).await?,
            None => national,
        };
        sqlx::query(
            "insert into users (username, display_name, role, union_id, password_hash)
             values ($1, $2, $3, $4, $5)
             on conflict (username) do update
                set password_hash = excluded.password_hash, failed_logins = 0, locked_until = null",
        )
        .bind(username)
        .bind(display_name)
        .bind(role)
        .bind(union_id)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

async fn ensure_union(
    conn: &mut PgConnection,
    parent_id: Option<i64>,
    level: &str,
    name: &str,
    code: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let existing: Option<i64> = sqlx::query_scalar(
        "select id from unions where parent_id is not distinct from $1 and name = $2",
    )
    .bind(parent_id)
    .bind(name)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    sqlx::query_scalar(
        "insert into unions (parent_id, level, name, division_code) values ($1, $2, $3, $4) returning id",
    )
    .bind(parent_id)
    .bind(level)
    .bind(name)
    .bind(code)
    .fetch_one(conn)
    .await
}

async fn union_by_code(conn: &mut PgConnection, code: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select id from unions where division_code = $1 and level <> 'grassroots'")
        .bind(code)
        .fetch_one(conn)
        .await
}
