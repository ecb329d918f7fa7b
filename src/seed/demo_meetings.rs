//! The demo's partners and contact meetings: Sichuan's 协力伙伴 (foundations
//! and media, in 四川 and 成都) and a few in 重庆; a newspaper in 广东 and in
//! 北京 each co-funding a project of its union; in 广州 a contact meeting to
//! come with invitations to `org-1`'s organization and other 广州
//! organizations (one already accepted), and last month's regular meeting
//! with its minutes and a follow-up action of `gz-staff`; in 北京 a regular
//! meeting held with `org-2`'s organization and an action of `bj-admin`. Dates are relative to the day the demo is loaded. Once:
//! nothing when partners or meetings exist.

use sqlx::PgConnection;

/// (union division code, name, kind, brings, contact, description).
type DemoPartner = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
);

const PARTNERS: &[DemoPartner] = &[
    (
        "510000",
        "四川省青少年发展基金会",
        "foundation",
        &["funds", "volunteers"],
        "李老师",
        "协力伙伴：资助青年职工和新就业形态劳动者关爱项目，组织志愿者参与服务。",
    ),
    (
        "510000",
        "四川省慈善联合总会",
        "foundation",
        &["funds", "venues"],
        "王主任",
        "协力伙伴：联合募集困难职工帮扶资金，提供公益活动场地。",
    ),
    (
        "510000",
        "四川日报",
        "media",
        &["publicity"],
        "张记者",
        "协力伙伴：宣传社会组织服务职工的典型经验和品牌项目。",
    ),
    (
        "510100",
        "成都传媒集团",
        "media",
        &["publicity", "venues"],
        "陈编辑",
        "协力伙伴：开设“职工服务在身边”专栏，提供户外宣传点位。",
    ),
    (
        "510100",
        "四川大学社会发展与西部开发研究院",
        "university",
        &["expertise", "volunteers"],
        "刘教授",
        "为职工服务类社会组织提供能力建设培训和项目评估支持。",
    ),
    (
        "440000",
        "南方都市报",
        "media",
        &["publicity", "funds"],
        "林编辑",
        "开设职工服务专版，资助“心灵港湾”宣传活动。",
    ),
    (
        "110000",
        "北京青年报社",
        "media",
        &["publicity", "funds"],
        "高记者",
        "报道环卫工人爱心驿站，联合募集冬季关爱物资。",
    ),
    (
        "500000",
        "重庆市青少年发展基金会",
        "foundation",
        &["funds"],
        "周老师",
        "与团市委、市妇联共建群团组织社会服务平台，资助青年职工服务项目。",
    ),
    (
        "500000",
        "重庆日报",
        "media",
        &["publicity"],
        "吴记者",
        "报道联系会议和社会组织服务成效。",
    ),
    (
        "500103",
        "重庆渝中律师事务所",
        "law_firm",
        &["expertise", "volunteers"],
        "郑律师",
        "为户外劳动者和新就业形态劳动者提供公益法律服务。",
    ),
];

pub async fn seed_meetings(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let seeded = sqlx::query_scalar!(
        r#"select exists (select 1 from partners) or exists (select 1 from meetings) as "seeded!""#
    )
    .fetch_one(&mut *conn)
    .await?;
    if seeded {
        return Ok(());
    }
    for (code, name, kind, brings, contact, description) in PARTNERS {
        let brings: Vec<String> = brings.iter().map(|b| (*b).to_owned()).collect();
        sqlx::query!(
            "insert into partners (union_id, name, kind, brings, contact_name, description)
             select id, $2, $3, $4, $5, $6 from unions
              where division_code = $1 and level <> 'grassroots'",
            code,
            name,
            kind,
            &brings,
            contact,
            description
        )
        .execute(&mut *conn)
        .await?;
    }
    // The provincial newspapers co-fund a project of their own union.
    sqlx::query!(
        "insert into partner_projects (partner_id, project_id, union_path, partner_name, amount_fen)
         select p.id, pr.id, pr.union_path, p.name, 5000000
           from partners p,
                lateral (select id, union_path from projects
                          where union_id = p.union_id order by code limit 1) pr
          where p.name in ('南方都市报', '北京青年报社')"
    )
    .execute(&mut *conn)
    .await?;
    seed_guangzhou(conn).await?;
    seed_beijing(conn).await
}

/// 北京's regular meeting of last month, with `org-2`'s organization invited
/// (it accepted) and a follow-up action of `bj-admin`.
async fn seed_beijing(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let held = sqlx::query_scalar!(
        "insert into meetings (union_id, kind, title, held_on, place, agenda, minutes, decisions,
                               status, created_by)
         select u.id, 'regular', '北京市职工服务社会组织工作例会', current_date - 20,
                '北京市总工会职工服务中心', '研究环卫工人爱心驿站冬季服务安排。',
                '会议研究了冬季驿站开放时间和社会组织值守安排。',
                '各区总工会一周内报送驿站值守名单。',
                'held', (select id from users where username = 'bj-admin')
           from unions u where u.division_code = '110000' and u.level = 'provincial'
         returning id"
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into meeting_invitations (meeting_id, union_path, org_id, response, responded_at)
         select m.id, m.union_path, us.org_id, 'accepted', now() - interval '25 days'
           from meetings m, users us
          where m.id = $1 and us.username = 'org-2'",
        held
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into meeting_actions (meeting_id, union_path, title, responsible_user_id, due_on,
                                      created_by)
         select m.id, m.union_path, '汇总各区驿站值守名单', us.id, current_date + 7, us.id
           from meetings m, users us
          where m.id = $1 and us.username = 'bj-admin'",
        held
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// 广州's meetings: the contact meeting to come, and last month's.
async fn seed_guangzhou(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let coming = sqlx::query_scalar!(
        "insert into meetings (union_id, kind, title, held_on, place, agenda, status, created_by)
         select u.id, 'contact', '广州市劳动关系领域社会组织联系会议', current_date + 10,
                '广州市总工会职工服务中心三楼会议室',
                '一、通报全市购买社会组织服务项目进展；二、新就业形态劳动者服务需求对接；三、社会组织组建工会工作交流。',
                'planned', (select id from users where username = 'gz-staff')
           from unions u where u.division_code = '440100'
         returning id"
    )
    .fetch_one(&mut *conn)
    .await?;
    // `org-1`'s organization and four more of 广州's, one of which accepted.
    sqlx::query!(
        "insert into meeting_invitations (meeting_id, union_path, org_id, response, responded_at)
         select m.id, m.union_path, o.id,
                case when o.rn = 2 then 'accepted' else 'pending' end,
                case when o.rn = 2 then now() end
           from meetings m,
                lateral (select id, row_number() over (order by (name <> '广州市新市民社会工作服务中心'), name) as rn
                           from organizations
                          where union_path <@ m.union_path and status = 'active'
                          order by (name <> '广州市新市民社会工作服务中心'), name limit 5) o
          where m.id = $1",
        coming
    )
    .execute(&mut *conn)
    .await?;
    let held = sqlx::query_scalar!(
        "insert into meetings (union_id, kind, title, held_on, place, agenda, minutes, decisions,
                               status, created_by)
         select u.id, 'regular', '广州市总工会社会联络工作例会', current_date - 30,
                '广州市总工会 301 会议室', '研究下季度社会组织联系走访安排。',
                '会议听取了各区联系走访情况汇报，研究了下季度重点联系的社会组织名单。',
                '由市总工会社会联络部牵头，两周内完成重点组织走访计划。',
                'held', (select id from users where username = 'gz-staff')
           from unions u where u.division_code = '440100'
         returning id"
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into meeting_actions (meeting_id, union_path, title, responsible_user_id, due_on,
                                      created_by)
         select m.id, m.union_path, '制定下季度重点社会组织走访计划', us.id, current_date + 14, us.id
           from meetings m, users us
          where m.id = $1 and us.username = 'gz-staff'",
        held
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
