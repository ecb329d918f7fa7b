//! The demo's work systems and cadre trainings. Every province but four has
//! named its responsible department (the four with the highest division
//! codes have not yet), so the national dashboard reads "27 of 31"; the
//! national union, 北京, 广东, 四川 and 陕西 have a leader, staff and funding
//! lines, and a few cities their department. Trainings and exchanges in 2026
//! in 广东 (one of them 广州's), 四川 (one of them 成都's) and 陕西.

use sqlx::PgConnection;

/// Provinces without a department: the last four by division code.
const WITHOUT_DEPARTMENT: usize = 4;

/// A union's work system: (division code, `""` for national; leader,
/// title, department).
type System = (&'static str, &'static str, &'static str, &'static str);

const SYSTEMS: &[System] = &[
    ("", "王志强", "书记处书记", "社会联络部"),
    ("110000", "赵立新", "副主席", "社会联络部"),
    ("440000", "黄志坚", "党组成员、副主席", "社会联络部"),
    ("510000", "刘建国", "副主席", "基层工作部"),
    ("610000", "张秦生", "副主席", "社会联络部"),
    ("440100", "陈卫东", "副主席", "社会联络部"),
    ("440300", "周海鹏", "副主席", "基层工作部"),
    ("510100", "", "", "社会联络部"),
    ("610100", "", "", "基层工作部"),
    ("440106", "", "", "综合办公室"),
];

/// Named staff: (union code, name, duty, phone, the account they are).
const STAFF: &[(&str, &str, &str, &str, Option<&str>)] = &[
    (
        "",
        "刘晓燕",
        "社会组织工作处处长",
        "010-68590000",
        Some("national-admin"),
    ),
    ("", "陈伟", "联络员", "", None),
    (
        "110000",
        "孙丽",
        "专职干部",
        "010-65120000",
        Some("bj-admin"),
    ),
    (
        "440000",
        "林晓琳",
        "社会组织联络处处长",
        "020-83870000",
        Some("gd-admin"),
    ),
    ("440000", "何志明", "联络员", "13800138001", None),
    ("440100", "梁敏", "专职干部", "", Some("gz-staff")),
    ("440300", "郑浩", "联络员", "13800138002", Some("sz-staff")),
    ("510000", "杨帆", "专职干部", "028-86650000", None),
    ("610000", "王静", "联络员", "029-87450000", None),
];

/// Funding lines: (union code, year, yuan, note).
const FUNDING: &[(&str, i32, i64, &str)] = &[
    ("", 2026, 10_000_000, "全总本级社会组织工作专项经费"),
    ("110000", 2025, 1_800_000, "市总工会年度预算安排"),
    ("110000", 2026, 2_000_000, "市总工会年度预算安排"),
    ("440000", 2025, 3_000_000, "省总工会本级预算"),
    (
        "440000",
        2026,
        3_500_000,
        "省总工会本级预算，含联合会工作经费",
    ),
    ("510000", 2026, 1_800_000, "省总工会本级预算"),
    ("610000", 2026, 1_200_000, "省总工会本级预算"),
    ("440100", 2026, 800_000, "市总工会预算"),
    ("440300", 2026, 600_000, "市总工会预算"),
];

/// Trainings: (organizer code, date, kind, topic, hours in tenths, the
/// accounts that attended, attendees without an account).
type Training = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i32,
    &'static [&'static str],
    i32,
);

const TRAININGS: &[Training] = &[
    (
        "440000",
        "2026-03-18",
        "training",
        "全省劳动关系领域社会组织工作业务培训班",
        160,
        &["gd-admin", "gz-staff", "sz-staff"],
        85,
    ),
    (
        "440000",
        "2026-06-25",
        "exchange",
        "粤港澳大湾区职工服务类社会组织交流研讨会",
        40,
        &["gd-admin", "gd-viewer"],
        40,
    ),
    (
        "440100",
        "2026-09-10",
        "training",
        "新就业形态劳动者服务社会组织能力建设培训",
        60,
        &["gz-staff"],
        30,
    ),
    (
        "510000",
        "2026-04-22",
        "training",
        "全省工会社会组织联络员培训班",
        120,
        &[],
        120,
    ),
    (
        "510000",
        "2026-10-15",
        "exchange",
        "川渝工会服务社会组织工作交流会",
        35,
        &[],
        36,
    ),
    (
        "510100",
        "2026-08-12",
        "exchange",
        "社会组织服务站点建设经验交流会",
        25,
        &[],
        25,
    ),
    (
        "610000",
        "2026-05-20",
        "training",
        "全省工会干部联系引导社会组织专题培训",
        80,
        &[],
        95,
    ),
];

/// Loads the work systems and trainings, once.
pub async fn seed_work_system(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let seeded = sqlx::query_scalar!(r#"select exists (select 1 from work_systems) as "seeded!""#)
        .fetch_one(&mut *conn)
        .await?;
    if seeded {
        return Ok(());
    }
    let optional = |text: &'static str| Some(text).filter(|t| !t.is_empty());
    for (code, leader, title, department) in SYSTEMS {
        let union_id = union_of(conn, code).await?;
        sqlx::query!(
            "insert into work_systems (union_id, leader_name, leader_title, department)
             values ($1, $2, $3, $4)",
            union_id,
            optional(leader),
            optional(title),
            department
        )
        .execute(&mut *conn)
        .await?;
    }
    // The other provinces have their department, but for the last four.
    sqlx::query!(
        "insert into work_systems (union_id, department)
         select id, '社会联络部'
           from unions
          where level = 'provincial'
            and id not in (select union_id from work_systems)
            and division_code not in (select division_code from unions where level = 'provincial'
                                       order by division_code desc limit $1)",
        WITHOUT_DEPARTMENT as i64
    )
    .execute(&mut *conn)
    .await?;
    for (code, name, duty, phone, account) in STAFF {
        let union_id = union_of(conn, code).await?;
        sqlx::query!(
            "insert into work_system_staff (union_id, name, duty, phone, user_id)
             values ($1, $2, $3, $4, (select id from users where username = $5))",
            union_id,
            name,
            duty,
            optional(phone),
            *account
        )
        .execute(&mut *conn)
        .await?;
    }
    for (code, year, yuan, note) in FUNDING {
        let union_id = union_of(conn, code).await?;
        sqlx::query!(
            "insert into work_years (union_id, year, funding_fen, funding_note)
             values ($1, $2, $3, $4)",
            union_id,
            year,
            yuan * 100,
            note
        )
        .execute(&mut *conn)
        .await?;
    }
    for (code, held_on, kind, topic, hours_tenths, accounts, external) in TRAININGS {
        let union_id = union_of(conn, code).await?;
        // The date is written as text above, and read as a date here.
        let id = sqlx::query_scalar!(
            "insert into trainings (union_id, held_on, kind, topic, hours_tenths,
                                    external_attendees)
             values ($1, $2::text::date, $3, $4, $5, $6) returning id",
            union_id,
            held_on,
            kind,
            topic,
            hours_tenths,
            external
        )
        .fetch_one(&mut *conn)
        .await?;
        // `&[&str]` is a text[] as `&[String]` is (the macro only knows the latter).
        sqlx::query!(
            "insert into training_attendees (training_id, union_path, user_id)
             select t.id, t.union_path, u.id from trainings t, users u
              where t.id = $1 and u.username = any($2)",
            id,
            accounts as &[&str]
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The id of the union of a division code (`""`: the national union).
async fn union_of(conn: &mut PgConnection, code: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        "select id from unions
          where coalesce(division_code, '') = $1 and level <> 'grassroots'
          order by id limit 1",
        code
    )
    .fetch_one(conn)
    .await
}
