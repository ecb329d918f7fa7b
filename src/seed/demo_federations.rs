//! The demo's federations: the Guangdong provincial 职工服务类社会组织联合会
//! (founded May 2012) with city federations in 广州, 深圳, 东莞, 中山 and 佛山
//! and district ones in 顺德 and 南海, members from the demo registry (one of
//! them admitted across regions, one membership ended); and the joint
//! platforms of Chongqing (with 共青团重庆市委 and 重庆市妇联) and 广州. The demo tree has
//! no 南海区总工会, so 南海's federation is led by 佛山市总工会, its nearest
//! union. Once: nothing when federations exist.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

/// The provincial federation's name (the scale seed fills it to 1,600 members).
pub const GUANGDONG_FEDERATION: &str = "广东省职工服务类社会组织联合会";

/// (leading union's division code, kind, name, founded (y, m, d), parent's
/// index in this list, members to admit).
type DemoFederation = (
    &'static str,
    &'static str,
    &'static str,
    (i32, u32, u32),
    Option<usize>,
    i64,
);

const FEDERATIONS: &[DemoFederation] = &[
    (
        "440000",
        "federation",
        GUANGDONG_FEDERATION,
        (2012, 5, 18),
        None,
        24,
    ),
    (
        "440100",
        "federation",
        "广州市职工服务类社会组织联合会",
        (2013, 9, 10),
        Some(0),
        10,
    ),
    (
        "440300",
        "federation",
        "深圳市职工服务类社会组织联合会",
        (2014, 3, 28),
        Some(0),
        8,
    ),
    (
        "441900",
        "federation",
        "东莞市职工服务类社会组织联合会",
        (2014, 11, 6),
        Some(0),
        6,
    ),
    (
        "442000",
        "federation",
        "中山市职工服务类社会组织联合会",
        (2015, 4, 22),
        Some(0),
        6,
    ),
    (
        "440600",
        "federation",
        "佛山市职工服务类社会组织联合会",
        (2015, 8, 15),
        Some(0),
        6,
    ),
    (
        "440606",
        "federation",
        "顺德区职工服务类社会组织联合会",
        (2016, 6, 1),
        Some(5),
        4,
    ),
    (
        "440600",
        "federation",
        "南海区职工服务类社会组织联合会",
        (2017, 3, 12),
        Some(5),
        3,
    ),
    (
        "440100",
        "joint_platform",
        "广州市群团社会组织服务平台",
        (2019, 5, 4),
        None,
        3,
    ),
    (
        "500000",
        "joint_platform",
        "重庆市群团社会组织服务平台",
        (2018, 7, 20),
        None,
        6,
    ),
];

pub async fn seed_federations(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let seeded = sqlx::query_scalar!(r#"select exists (select 1 from federations) as "seeded!""#)
        .fetch_one(&mut *conn)
        .await?;
    if seeded {
        return Ok(());
    }
    let mut ids: Vec<Uuid> = Vec::new();
    for (code, kind, name, (y, m, d), parent, members) in FEDERATIONS {
        let founded = NaiveDate::from_ymd_opt(*y, *m, *d).expect("a demo date");
        let parent_id = parent.map(|i| ids[i]);
        let id = sqlx::query_scalar!(
            "insert into federations (union_id, kind, name, parent_id, founded_on, charter,
                                      chair, vice_chairs, secretary_general, council_size)
             select u.id, $2, $3, $4, $5,
                    '第一条 本会是在' || u.name || '指导下，由本地区职工服务类社会组织自愿结成的联合性、非营利性社会组织。'
                    || E'\\n第二条 本会宗旨：团结服务会员单位，承接工会委托的职工服务项目，维护职工合法权益。',
                    '陈志明', '李慧、黄文静', '王晓峰', 15
               from unions u where u.division_code = $1 and u.level <> 'grassroots'
             returning id",
            code,
            kind,
            name,
            parent_id,
            founded
        )
        .fetch_one(&mut *conn)
        .await?;
        admit_members(conn, id, *members).await?;
        ids.push(id);
    }
    let guangzhou_platform = ids[FEDERATIONS.len() - 2];
    let chongqing = ids[FEDERATIONS.len() - 1];
    for (platform, kind, unit) in [
        (guangzhou_platform, "youth_league", "共青团广州市委"),
        (guangzhou_platform, "womens_federation", "广州市妇联"),
        (chongqing, "youth_league", "共青团重庆市委"),
        (chongqing, "womens_federation", "重庆市妇联"),
    ] {
        sqlx::query!(
            "insert into federation_partners (federation_id, union_path, kind, unit_name)
             select id, union_path, $2, $3 from federations where id = $1",
            platform,
            kind,
            unit
        )
        .execute(&mut *conn)
        .await?;
    }
    history_and_exceptions(conn, ids[0], ids[1]).await
}

/// Admits up to `count` active organizations of the federation's region, the
/// first as chair unit, the next two vice-chair units, three council members.
async fn admit_members(conn: &mut PgConnection, id: Uuid, count: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into federation_members (federation_id, union_path, org_id, org_union_path, role,
                                         joined_on)
         select f.id, f.union_path, o.id, o.union_path,
                case when o.n = 1 then 'chair_unit' when o.n <= 3 then 'vice_chair_unit'
                     when o.n <= 6 then 'council_member' else 'member' end,
                least(current_date, f.founded_on + (o.n * 37)::int)
           from federations f
           cross join lateral (
               select x.id, x.union_path, row_number() over (order by x.name, x.id) as n
                 from organizations x
                where x.union_path <@ f.union_path and x.status = 'active'
                  and x.name <> '广州市新市民社会工作服务中心'
                order by x.name, x.id
                limit $2) o
          where f.id = $1",
        id,
        count
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// `org-1` in the provincial and the Guangzhou federations; a Shenzhen
/// organization admitted to Guangzhou's across regions; one membership of
/// the province ended (the history).
async fn history_and_exceptions(
    conn: &mut PgConnection,
    province: Uuid,
    guangzhou: Uuid,
) -> Result<(), sqlx::Error> {
    for (federation, role) in [(province, "council_member"), (guangzhou, "vice_chair_unit")] {
        sqlx::query!(
            "insert into federation_members (federation_id, union_path, org_id, org_union_path,
                                             role, joined_on)
             select f.id, f.union_path, o.id, o.union_path, $2, date '2019-03-01'
               from federations f, organizations o
              where f.id = $1 and o.name = '广州市新市民社会工作服务中心'",
            federation,
            role
        )
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query!(
        "insert into federation_members (federation_id, union_path, org_id, org_union_path,
                                         role, joined_on, cross_region, cross_region_reason)
         select f.id, f.union_path, o.id, o.union_path, 'member', date '2021-06-15', true,
                '在广州设有服务点，长期承接广州外卖骑手关爱服务'
           from federations f
           cross join lateral (
               select x.id, x.union_path from organizations x
                where x.union_path <@ (select path from unions where division_code = '440300'
                                                                  and level = 'municipal')
                  and x.status = 'active'
                order by x.name, x.id limit 1) o
          where f.id = $1",
        guangzhou
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update federation_members
            set left_on = joined_on + 400, leave_reason = '组织业务调整，主动申请退会'
          where id = (select m.id from federation_members m
                       where m.federation_id = $1 and m.role = 'member'
                       order by m.joined_on, m.id limit 1)",
        province
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
