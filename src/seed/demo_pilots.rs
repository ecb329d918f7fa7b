//! The demo's pilots and typical experiences: a pilot in 广东 (广州市总工会),
//! 四川 (成都市总工会) and 北京 (朝阳区总工会), each with milestones (one of
//! 广州's overdue) and a progress note; and the brand projects 心灵港湾
//! (广东, published and featured nationwide), 环卫工人爱心驿站 (北京,
//! published), 鲁班工程 (四川, submitted) and a draft in 广州. Dates are
//! relative to the day the demo is loaded. Once: nothing when pilots exist.

use sqlx::PgConnection;

/// (union division code, designated by, title, goals, months since start,
/// months planned, milestones: (title, days from today, owner, status)).
type DemoPilot = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i32,
    i32,
    &'static [(&'static str, i32, &'static str, &'static str)],
);

const PILOTS: &[DemoPilot] = &[
    (
        "440100",
        "gd-admin",
        "新就业形态劳动者服务阵地建设试点",
        "在全市建成 100 个户外劳动者服务站点，联系外卖、快递、网约车等新就业形态劳动者社会组织不少于 30 家，形成可在全省推广的服务规范。",
        5,
        18,
        &[
            (
                "摸清新就业形态劳动者和相关社会组织底数",
                -120,
                "广州市总工会社会联络部",
                "done",
            ),
            (
                "出台服务站点建设与运营规范",
                -20,
                "广州市总工会社会联络部",
                "in_progress",
            ),
            ("建成首批 50 个服务站点", 60, "各区总工会", "planned"),
            ("试点中期评估", 150, "广东省总工会", "planned"),
        ],
    ),
    (
        "510100",
        "national-admin",
        "社会组织孵化基地与职工服务中心联动试点",
        "依托市、区职工服务中心孵化培育劳动关系领域社会组织 20 家，建立定期联系和项目对接机制。",
        3,
        24,
        &[
            ("孵化基地挂牌运行", -40, "成都市总工会", "done"),
            (
                "首批入驻组织完成能力评估",
                30,
                "武侯区总工会",
                "in_progress",
            ),
        ],
    ),
    (
        "110105",
        "bj-admin",
        "快递外卖从业人员法律服务试点",
        "联合法律援助类社会组织，为辖区快递外卖从业人员提供法律咨询、劳动争议调解服务，年服务不少于 2,000 人次。",
        2,
        12,
        &[
            ("确定合作社会组织和服务点位", -10, "朝阳区总工会", "done"),
            (
                "开展集中法律宣传月活动",
                45,
                "朝阳区职工法律援助服务中心",
                "planned",
            ),
        ],
    ),
];

/// (union division code, kind, title, summary, body, status, featured).
type DemoExperience = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

const EXPERIENCES: &[DemoExperience] = &[
    (
        "440000",
        "brand_project",
        "心灵港湾",
        "广东省总工会联合心理服务类社会组织，为一线职工提供心理咨询、危机干预和团体辅导，打造覆盖全省的职工心理服务品牌。",
        "## 做法\n\n1. **阵地建设**：依托各级职工服务中心设立“心灵港湾”服务站。\n2. **专业力量**：购买心理服务类社会组织的服务，组建志愿者队伍。\n3. **线上线下结合**：开通心理援助热线和网上预约。\n\n## 成效\n\n- 服务职工超过 10 万人次\n- 培训企业心理联络员 3,000 余名\n",
        "published",
        true,
    ),
    (
        "110000",
        "brand_project",
        "环卫工人爱心驿站",
        "北京市总工会在街道、社区设立爱心驿站，为环卫工人等户外劳动者提供饮水、热饭、休息、如厕等服务，社会组织参与日常运营。",
        "## 做法\n\n- 工会出资建站，社会组织运营\n- 驿站纳入“15 分钟服务圈”统一标识\n\n## 成效\n\n全市建成爱心驿站一千余个，冬季提供取暖服务。\n",
        "published",
        false,
    ),
    (
        "510000",
        "experience",
        "鲁班工程：产业工人技能提升",
        "四川省总工会联合技能培训类社会组织开展“鲁班工程”，以师带徒、技能竞赛和培训补贴推动产业工人技能提升。",
        "## 做法\n\n- 建立技能大师工作室\n- 购买社会组织培训服务\n",
        "submitted",
        false,
    ),
    (
        "440100",
        "experience",
        "新市民法律服务驿站的做法",
        "广州市总工会依托社会组织在产业园区设立法律服务驿站，为新市民职工提供就近法律咨询。",
        "（草稿，待补充）",
        "draft",
        false,
    ),
];

pub async fn seed_pilots(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let seeded = sqlx::query_scalar!(r#"select exists (select 1 from pilots) as "seeded!""#)
        .fetch_one(&mut *conn)
        .await?;
    if seeded {
        return Ok(());
    }
    for (code, by, title, goals, since, months, milestones) in PILOTS {
        let pilot = sqlx::query_scalar!(
            "insert into pilots (union_id, title, goals, starts_on, planned_end_on, designated_by)
             select u.id, $2, $3, (current_date - make_interval(months => $4))::date,
                    (current_date - make_interval(months => $4) + make_interval(months => $5))::date,
                    (select id from users where username = $6)
               from unions u where u.division_code = $1 and u.level <> 'grassroots'
             returning id",
            code,
            title,
            goals,
            since,
            months,
            by
        )
        .fetch_one(&mut *conn)
        .await?;
        for (milestone, days, owner, status) in *milestones {
            sqlx::query!(
                "insert into pilot_milestones (pilot_id, union_path, title, due_on, owner_name,
                                               status, done_on)
                 select p.id, p.union_path, $2, current_date + $3::int, $4, $5,
                        case when $5 = 'done' then current_date + $3::int end
                   from pilots p where p.id = $1",
                pilot,
                milestone,
                days,
                owner,
                status
            )
            .execute(&mut *conn)
            .await?;
        }
        sqlx::query!(
            "insert into pilot_notes (pilot_id, union_path, body, author_id, author_name)
             select p.id, p.union_path, '已召开试点启动会，明确分工和时间表。', u.id, u.display_name
               from pilots p, users u where p.id = $1 and u.username = $2",
            pilot,
            by
        )
        .execute(&mut *conn)
        .await?;
    }
    for (code, kind, title, summary, body, status, featured) in EXPERIENCES {
        sqlx::query!(
            "insert into experiences (union_id, union_name, kind, title, summary, body)
             select u.id, u.name, $2, $3, $4, $5
               from unions u where u.division_code = $1 and u.level <> 'grassroots'",
            code,
            kind,
            title,
            summary,
            body
        )
        .execute(&mut *conn)
        .await?;
        sqlx::query!(
            "update experiences
                set status = $2,
                    submitted_at = case when $2 <> 'draft' then now() end,
                    published_at = case when $2 = 'published' then now() end,
                    featured = $3, featured_at = case when $3 then now() end
              where title = $1",
            title,
            status,
            featured
        )
        .execute(&mut *conn)
        .await?;
    }
    // 广州's draft names the organization that runs its stations.
    sqlx::query!(
        "insert into experience_links (experience_id, union_path, target_kind, target_id,
                                       target_key, label)
         select e.id, e.union_path, 'organization', o.id, o.credit_code, o.name
           from experiences e, organizations o
          where e.title = '新市民法律服务驿站的做法' and o.credit_code = '52440106MJ00XGM11Y'"
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
