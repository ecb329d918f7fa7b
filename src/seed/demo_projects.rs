//! The demo's worker needs and projects: Guangdong and Beijing each have
//! projects at several points of the lifecycle, with their timelines, so that
//! every demo account finds work waiting.

use sqlx::PgConnection;
use uuid::Uuid;

/// A demo project: (union code, drafter, title, domain, budget in yuan,
/// status, the worker needs it was drafted from).
type DemoProject = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static [&'static str],
);

const PROJECTS: &[DemoProject] = &[
    (
        "440100",
        "gz-staff",
        "新就业形态劳动者驿站关爱服务",
        "outdoor_workers",
        300_000,
        "open",
        &["外卖骑手夏季防暑与休息点需求", "快递员职业伤害保障咨询需求"],
    ),
    (
        "440100",
        "gz-staff",
        "新市民职工心理关爱服务",
        "psychological_support",
        180_000,
        "pending_approval",
        &["制造业青年职工心理压力疏导需求"],
    ),
    (
        "440100",
        "gz-staff",
        "产业工人技能提升夜校",
        "skills_training",
        250_000,
        "draft",
        &[],
    ),
    (
        "440000",
        "gd-admin",
        "全省劳动争议调解社会组织能力建设",
        "legal_aid",
        900_000,
        "pending_approval",
        &[],
    ),
    (
        "440300",
        "sz-staff",
        "电子厂女职工权益维护服务",
        "democratic_rights",
        200_000,
        "reviewing",
        &["电子厂女职工孕哺期权益咨询需求"],
    ),
    (
        "110000",
        "bj-admin",
        "快递外卖从业人员法律援助服务",
        "legal_aid",
        350_000,
        "open",
        &["快递外卖从业人员劳动争议调解需求"],
    ),
    (
        "110000",
        "bj-admin",
        "职工子女暑期托管服务",
        "culture",
        120_000,
        "cancelled",
        &[],
    ),
    (
        "440100",
        "gz-staff",
        "新市民法律服务驿站",
        "legal_aid",
        200_000,
        "contracted",
        &[],
    ),
    (
        "110000",
        "bj-admin",
        "职工心理健康关爱服务",
        "psychological_support",
        160_000,
        "awarded",
        &[],
    ),
    (
        "440100",
        "gz-staff",
        "外卖骑手职业伤害保障宣传服务",
        "outdoor_workers",
        240_000,
        "in_progress",
        &[],
    ),
    (
        "440100",
        "gz-staff",
        "产业工人技能提升培训服务",
        "skills_training",
        300_000,
        "final_evaluation",
        &[],
    ),
    (
        "440100",
        "gz-staff",
        "职工法律服务进园区",
        "legal_aid",
        200_000,
        "closed",
        &["园区职工劳动合同法律咨询需求"],
    ),
    (
        "110000",
        "bj-admin",
        "环卫工人冬季关爱服务",
        "outdoor_workers",
        150_000,
        "in_progress",
        &[],
    ),
];

/// The lifecycle's steps in order (without cancellation).
const LIFECYCLE: [&str; 10] = [
    "draft",
    "pending_approval",
    "approved",
    "open",
    "reviewing",
    "awarded",
    "contracted",
    "in_progress",
    "final_evaluation",
    "closed",
];

/// The lifecycle up to `status`, as the timeline shows it.
fn steps(status: &str) -> &'static [&'static str] {
    match status {
        "pending_approval" => &["draft", "pending_approval"],
        "approved" => &["draft", "pending_approval", "approved"],
        "open" => &["draft", "pending_approval", "approved", "open"],
        "reviewing" => &["draft", "pending_approval", "approved", "open", "reviewing"],
        "awarded" => &[
            "draft",
            "pending_approval",
            "approved",
            "open",
            "reviewing",
            "awarded",
        ],
        "contracted" => &LIFECYCLE[..7],
        "in_progress" => &LIFECYCLE[..8],
        "final_evaluation" => &LIFECYCLE[..9],
        "closed" => &LIFECYCLE,
        "cancelled" => &["draft", "cancelled"],
        _ => &["draft"],
    }
}

/// A need not yet in a project: (union code, title, domain, source, suitable
/// for purchase, why not).
type OpenNeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    Option<&'static str>,
);

/// Needs not yet in a project, to start one from.
const OPEN_NEEDS: [OpenNeed; 4] = [
    (
        "440100",
        "园区青年职工婚恋交友需求",
        "culture",
        "online",
        true,
        None,
    ),
    (
        "440106",
        "软件园程序员颈椎健康讲座需求",
        "safety_health",
        "grassroots_report",
        true,
        None,
    ),
    (
        "440100",
        "个别职工工资拖欠投诉",
        "income_distribution",
        "hotline",
        false,
        Some("属于劳动监察个案，转劳动保障监察部门处理"),
    ),
    (
        "110105",
        "朝阳区环卫工人冬季取暖点需求",
        "outdoor_workers",
        "visit",
        true,
        None,
    ),
];

/// The demo's projects with their timelines, applications, reviews, awards
/// and delivery, and the needs still open (once: nothing when projects exist).
pub async fn seed_projects(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let seeded = sqlx::query_scalar!(r#"select exists (select 1 from projects) as "seeded!""#)
        .fetch_one(&mut *conn)
        .await?;
    if seeded {
        return Ok(());
    }
    for project in PROJECTS {
        seed_project(conn, project).await?;
    }
    super::demo_history::seed_past_projects(conn).await?;
    seed_applications(conn).await?;
    seed_awards(conn).await?;
    super::demo_delivery::seed_delivery(conn).await?;
    for (code, title, domain, source, suitable, reason) in OPEN_NEEDS {
        sqlx::query!(
            "insert into needs (union_id, title, domain, source, workers_affected, collected_on,
                                priority, suitable_for_purchase, suitability_reason)
             select id, $2, $3, $4, 260, current_date - 12, 'medium', $5, $6
               from unions where division_code = $1 and level <> 'grassroots'",
            code,
            title,
            domain,
            source,
            suitable,
            reason
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One project: drafted, taken along its lifecycle up to its status, with
/// the worker needs it was drafted from.
async fn seed_project(conn: &mut PgConnection, project: &DemoProject) -> Result<(), sqlx::Error> {
    let &(code, drafter, title, domain, budget_yuan, status, needs) = project;
    let drafted = sqlx::query!(
        r#"select u.id as "union_id", a.id as "creator" from unions u, users a
            where u.division_code = $1 and u.level <> 'grassroots' and a.username = $2"#,
        code,
        drafter
    )
    .fetch_one(&mut *conn)
    .await?;
    let draft = Draft {
        union_id: drafted.union_id,
        creator: drafted.creator,
        title,
        domain,
        budget: budget_yuan * 100,
        closes_in: closes_in(title, status),
    };
    let id = insert_project(conn, &draft).await?;
    follow_lifecycle(conn, id, status, drafter).await?;
    for need in needs {
        sqlx::query!(
            "insert into needs (union_id, title, domain, source, workers_affected, collected_on,
                                priority, suitable_for_purchase, project_id)
             values ($1, $2, $3, 'survey', 800, current_date - 40, 'high', true, $4)",
            draft.union_id,
            need,
            domain,
            id
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Days from today to a project's call closing: calls past review closed
/// earlier; the others close in three weeks. A project in delivery closed its
/// call twenty days before its service began, which was as long ago as the
/// delivery demo says.
fn closes_in(title: &str, status: &str) -> i32 {
    let delivered = super::demo_delivery::DELIVERY
        .iter()
        .find(|(t, ..)| *t == title)
        .map(|(_, _, started, _)| -(started + 20));
    match (status, delivered) {
        (_, Some(days)) => days,
        ("reviewing", _) => -1,
        ("awarded" | "contracted", _) => -10,
        _ => 21,
    }
}

/// A project as drafted, before its lifecycle.
struct Draft<'a> {
    union_id: i64,
    creator: Uuid,
    title: &'a str,
    domain: &'a str,
    /// In fen.
    budget: i64,
    /// Days from today to the call's closing.
    closes_in: i32,
}

/// The drafted project, with the published indicator systems nearest the
/// root; its id.
async fn insert_project(conn: &mut PgConnection, draft: &Draft<'_>) -> Result<Uuid, sqlx::Error> {
    // The budget ($4) is bigint fen: typed at its first use, so that the
    // shares computed from it stay bigint.
    sqlx::query_scalar!(
        "insert into projects (union_id, code, title, domain, description, target_group,
                target_people, target_activities, target_service_hours, budget_fen,
                union_funds_fen, fiscal_funds_fen, eligible_types, min_rating, min_years,
                apply_opens_on, apply_closes_on, service_starts_on, service_ends_on,
                review_system_id, midterm_system_id, performance_system_id, created_by)
         select $1, project_code_next($1), $2, $3,
                '围绕' || $2 || '，由社会组织提供专业服务，工会全程监管、第三方评估。',
                '本地区一线职工', 1000, 24, 600, $4::int8, $4 * 7 / 10, $4 - $4 * 7 / 10,
                '{social_service_agency,social_group}', 3, 1,
                current_date + least(-30, $5 - 30), current_date + $5, current_date + $5 + 20,
                current_date + $5 + 385,
                (select id from indicator_systems where kind = 'approval_review' and status = 'published' order by nlevel(union_path) limit 1),
                (select id from indicator_systems where kind = 'midterm' and status = 'published' order by nlevel(union_path) limit 1),
                (select id from indicator_systems where kind = 'performance' and status = 'published' order by nlevel(union_path) limit 1),
                $6
         returning id",
        draft.union_id,
        draft.title,
        draft.domain,
        draft.budget,
        draft.closes_in,
        draft.creator
    )
    .fetch_one(conn)
    .await
}

/// The project's timeline up to `status` (each step by the drafter, the
/// approval by `gd-admin`), then the status itself.
async fn follow_lifecycle(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    drafter: &str,
) -> Result<(), sqlx::Error> {
    let mut from: Option<&str> = None;
    for step in steps(status) {
        sqlx::query!(
            "insert into project_events (project_id, from_status, to_status, actor_id, actor_name, comment)
             select $1, $2, $3, id, display_name, $4 from users where username = $5",
            id,
            from,
            step,
            (*step == "cancelled").then_some("预算调整，本年度暂缓实施"),
            if matches!(*step, "approved") { "gd-admin" } else { drafter }
        )
        .execute(&mut *conn)
        .await?;
        from = Some(step);
    }
    sqlx::query!(
        "update projects set status = $2,
                cancel_reason = case when $2 = 'cancelled' then '预算调整，本年度暂缓实施' end
          where id = $1",
        id,
        status
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Submitted applications: three Shenzhen organizations to the call under
/// review, and the Beijing demo organization (`org-2`) to Beijing's open call.
async fn seed_applications(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let shenzhen = sqlx::query_scalar!(
        "select o.id from organizations o, unions u
          where u.division_code = '440300' and u.level = 'municipal'
            and o.union_path <@ u.path and o.org_type <> 'unregistered' and o.status = 'active'
          order by o.name limit 3"
    )
    .fetch_all(&mut *conn)
    .await?;
    for org_id in shenzhen {
        apply(conn, "电子厂女职工权益维护服务", org_id).await?;
    }
    let beijing =
        sqlx::query_scalar!(r#"select org_id as "org_id!" from users where username = 'org-2'"#)
            .fetch_all(&mut *conn)
            .await?;
    for org_id in beijing {
        apply(conn, "快递外卖从业人员法律援助服务", org_id).await?;
    }
    sqlx::query!(
        "update applications set status = 'submitted', submitted_at = now() - interval '3 days'"
    )
    .execute(&mut *conn)
    .await?;
    seed_reviews(conn).await
}

/// The organization's application (a draft, nine tenths of the budget asked
/// for) to the project of that title.
async fn apply(conn: &mut PgConnection, project: &str, org_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into applications (project_id, org_id, proposal, needs_analysis, objectives,
                 activities_plan, team, performance_targets, requested_fen, personnel_fen,
                 activities_fen, publicity_fen, evaluation_fen)
         select p.id, $2,
                '围绕' || p.title || '开展驻点服务、个案咨询和小组活动。',
                '前期走访 200 名职工，主要诉求集中在权益咨询和心理支持。',
                '一年内服务 1000 人次，开展活动 24 场。',
                '第一季度需求调研与宣传，第二、三季度集中服务，第四季度总结评估。',
                '项目负责人 1 名（中级社工师），一线社工 4 名，志愿者 20 名。',
                '服务人次、活动场次、满意度不低于 90%。',
                p.budget_fen * 9 / 10, p.budget_fen * 9 / 10 * 5 / 10,
                p.budget_fen * 9 / 10 * 3 / 10, p.budget_fen * 9 / 10 * 1 / 10,
                p.budget_fen * 9 / 10 - p.budget_fen * 9 / 10 * 5 / 10
                    - p.budget_fen * 9 / 10 * 3 / 10 - p.budget_fen * 9 / 10 * 1 / 10
           from projects p
          where p.title = $1",
        project,
        org_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The three Guangdong reviewers on the first Shenzhen application: one has
/// scored and submitted, one is scoring, one has still to declare.
async fn seed_reviews(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into review_assignments (application_id, org_id, project_id, union_path,
                                         reviewer_id, assigned_by)
         select a.id, a.org_id, a.project_id, a.union_path, r.id, s.id
           from (select * from applications a
                  where a.project_id = (select id from projects where title = '电子厂女职工权益维护服务')
                  order by organization_public_name(a.org_id) limit 1) a,
                users r, users s
          where r.username in ('reviewer-1', 'reviewer-2', 'reviewer-3') and s.username = 'sz-staff'"
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update review_assignments ra set status = 'scoring', declared_at = now() - interval '1 day'
           from users u where u.id = ra.reviewer_id and u.username in ('reviewer-1', 'reviewer-2')"
    )
    .execute(&mut *conn)
    .await?;
    // Reviewer 1 gives 85 % of every weight (one decimal), then submits.
    sqlx::query!(
        "insert into review_scores (assignment_id, indicator_id, score_tenths)
         select ra.id, i.id, i.weight * 85 / 10
           from review_assignments ra join users u on u.id = ra.reviewer_id
           join projects p on p.id = ra.project_id
           join indicators i on i.system_id = p.review_system_id
          where u.username = 'reviewer-1'
            and not exists (select 1 from indicators c where c.parent_id = i.id)"
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update review_assignments ra set status = 'submitted', submitted_at = now() - interval '2 hours'
           from users u where u.id = ra.reviewer_id and u.username = 'reviewer-1'"
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// `org-1` holds the contract of 广州's legal-service stations (supervised by
/// `evaluator-1`); `org-2` won 北京's psychological-care call, whose contract
/// is still to be signed. Both were told.
async fn seed_awards(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    for (project, account) in [
        ("新市民法律服务驿站", "org-1"),
        ("职工心理健康关爱服务", "org-2"),
    ] {
        award(conn, project, account).await?;
    }
    sign_legal_stations(conn).await
}

/// The account's organization awarded the project of that title (its
/// application made as awarded), and told.
async fn award(conn: &mut PgConnection, project: &str, account: &str) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into applications (project_id, org_id, status, proposal, needs_analysis,
                 objectives, activities_plan, team, performance_targets, requested_fen,
                 personnel_fen, activities_fen, submitted_at, decided_at, decision_reason)
         select p.id, u.org_id, 'awarded', '驻点提供法律咨询、心理疏导和小组活动。',
                '新市民职工对法律和心理服务需求集中。', '一年服务 1500 人次。',
                '每周驻点两天，每月一次主题活动。', '社工 4 名，律师志愿者 6 名。',
                '满意度不低于 90%。', p.budget_fen, p.budget_fen * 6 / 10,
                p.budget_fen - p.budget_fen * 6 / 10, now() - interval '30 days',
                now() - interval '8 days', '综合评分第一，方案可行'
           from projects p, users u where p.title = $1 and u.username = $2",
        project,
        account
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into notifications (org_id, union_path, project_id, message_key, arg, created_at)
         select a.org_id, a.union_path, a.project_id, 'notices.awarded', p.title, now() - interval '8 days'
           from applications a join projects p on p.id = a.project_id where p.title = $1",
        project
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The contract of 广州's legal-service stations, signed five days ago, and
/// its installments: 40 % on signing, 30 % after the mid-term, 30 % at the
/// end (the only contract so far).
async fn sign_legal_stations(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into contracts (project_id, union_path, application_id, org_id, amount_fen,
                                service_starts_on, service_ends_on, supervisor_id, report_cycle,
                                signed_on, created_by)
         select p.id, p.union_path, a.id, a.org_id, a.requested_fen, p.service_starts_on,
                p.service_ends_on, e.id, 'quarterly', current_date - 5, s.id
           from projects p join applications a on a.project_id = p.id, users e, users s
          where p.title = '新市民法律服务驿站' and e.username = 'evaluator-1' and s.username = 'gz-staff'"
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into contract_installments (contract_id, union_path, position, percent, condition)
         select c.id, c.union_path, v.position, v.percent, v.condition
           from contracts c, (values (1::smallint, 40::smallint, 'on_signing'),
                                     (2::smallint, 30::smallint, 'after_midterm'),
                                     (3::smallint, 30::smallint, 'after_final')) v (position, percent, condition)"
    )
    .execute(conn)
    .await?;
    Ok(())
}
