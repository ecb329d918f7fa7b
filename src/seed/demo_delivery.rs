//! The demo's delivery: contracts in every state after signing, so that each
//! demo account finds a living workload. In 广州, `org-1` delivers three
//! projects supervised by `evaluator-1`: one under way (a report returned and
//! corrected, one waiting for review, an open rectification order, a site
//! visit, the first installment paid), one in its final evaluation (the
//! mid-term passed, staff have scored, the supervisor has still to), and one
//! closed with its grade. In 北京, `org-2` has a report returned to correct.

use sqlx::PgConnection;
use uuid::Uuid;

/// (title, account, days since the service started, status)
pub const DELIVERY: [(&str, &str, i32, &str); 4] = [
    ("外卖骑手职业伤害保障宣传服务", "org-1", 200, "in_progress"),
    ("产业工人技能提升培训服务", "org-1", 385, "final_evaluation"),
    ("职工法律服务进园区", "org-1", 480, "closed"),
    ("环卫工人冬季关爱服务", "org-2", 100, "in_progress"),
];

pub async fn seed_delivery(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    for (title, account, _, status) in DELIVERY {
        let contract = sign(conn, title, account).await?;
        match status {
            "in_progress" if account == "org-1" => under_way(conn, contract).await?,
            "in_progress" => returned(conn, contract).await?,
            "final_evaluation" => in_final_evaluation(conn, contract).await?,
            _ => closed(conn, contract, title).await?,
        }
    }
    Ok(())
}

/// The awarded application and the contract, signed five days before the
/// service began: 40 % on signing, 30 % after the mid-term, 30 % at the end.
async fn sign(conn: &mut PgConnection, title: &str, account: &str) -> Result<Uuid, sqlx::Error> {
    sqlx::query!(
        "insert into applications (project_id, org_id, status, proposal, needs_analysis,
                 objectives, activities_plan, team, performance_targets, requested_fen,
                 personnel_fen, activities_fen, submitted_at, decided_at, decision_reason)
         select p.id, u.org_id, 'awarded', '驻点服务、个案咨询、主题活动相结合。',
                '前期走访发现需求集中。', '一年服务 1000 人次。', '每周驻点两天，每月一次主题活动。',
                '社工 4 名，志愿者 10 名。', '满意度不低于 90%。', p.budget_fen, p.budget_fen * 6 / 10,
                p.budget_fen - p.budget_fen * 6 / 10, p.created_at, p.created_at, '综合评分第一'
           from projects p, users u where p.title = $1 and u.username = $2",
        title,
        account
    )
    .execute(&mut *conn)
    .await?;
    let contract = sqlx::query_scalar!(
        "insert into contracts (project_id, union_path, application_id, org_id, amount_fen,
                                service_starts_on, service_ends_on, supervisor_id, report_cycle,
                                signed_on, created_by)
         select p.id, p.union_path, a.id, a.org_id, a.requested_fen, p.service_starts_on,
                p.service_ends_on, e.id, 'quarterly', p.service_starts_on - 5, p.created_by
           from projects p join applications a on a.project_id = p.id, users e
          where p.title = $1 and e.username = 'evaluator-1'
         returning id",
        title
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into contract_installments (contract_id, union_path, position, percent, condition)
         select $1, c.union_path, v.position, v.percent, v.condition
           from contracts c, (values (1::smallint, 40::smallint, 'on_signing'),
                                     (2::smallint, 30::smallint, 'after_midterm'),
                                     (3::smallint, 30::smallint, 'after_final')) v (position, percent, condition)
          where c.id = $1",
        contract
    )
    .execute(&mut *conn)
    .await?;
    Ok(contract)
}

/// Which of a contract's reports a step acts on (the statements spell each
/// one out in a `case` on [`Reports::as_str`]).
#[derive(Clone, Copy, Debug)]
enum Reports {
    /// Every one the step's own conditions let through.
    All,
    /// The first period's.
    First,
    /// Those whose period has ended.
    Ended,
    /// Those still due whose period has ended.
    DueAndEnded,
}

impl Reports {
    fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::First => "first",
            Self::Ended => "ended",
            Self::DueAndEnded => "due_and_ended",
        }
    }
}

/// Submits the contract's reports that `which` selects, with a quarter's
/// worth of work (a sixth of each budget line spent).
async fn submit(
    conn: &mut PgConnection,
    contract: Uuid,
    which: Reports,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update reports r
            set people_served = 280, activities_held = 6, service_hours = 150, volunteer_hours = 40,
                personnel_fen = a.personnel_fen / 6, activities_fen = a.activities_fen / 6,
                narrative = '本期驻点服务 24 次，开展主题活动 6 场，个案咨询 60 人次。',
                problems = '部分活动受加班影响，参与人数不稳定。',
                status = 'submitted', submitted_by = (select id from users where org_id = r.org_id limit 1)
           from contracts c join applications a on a.id = c.application_id
          where c.id = r.contract_id and r.contract_id = $1
            and case $2::text
                    when 'all' then true
                    when 'first' then r.period_starts_on = (select min(period_starts_on) from reports
                                                             where contract_id = r.contract_id)
                    when 'ended' then r.period_ends_on < current_date
                    when 'due_and_ended' then r.status = 'due' and r.period_ends_on < current_date
                end",
        contract,
        which.as_str()
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Decides the submitted reports that `which` selects, as the supervisor.
async fn decide(
    conn: &mut PgConnection,
    contract: Uuid,
    which: Reports,
    to: &str,
    comment: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update reports r set status = $2, review_comment = $3, reviewed_at = now(),
                reviewed_by = r.supervisor_id
          where r.contract_id = $1 and r.status = 'submitted'
            and case $4::text
                    when 'all' then true
                    when 'first' then r.period_starts_on = (select min(period_starts_on) from reports
                                                             where contract_id = r.contract_id)
                    when 'ended' then r.period_ends_on < current_date
                    when 'due_and_ended' then r.status = 'due' and r.period_ends_on < current_date
                end",
        contract,
        to,
        comment,
        which.as_str()
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every report whose period has ended, submitted and accepted.
async fn all_accepted(conn: &mut PgConnection, contract: Uuid) -> Result<(), sqlx::Error> {
    submit(conn, contract, Reports::Ended).await?;
    decide(conn, contract, Reports::All, "accepted", None).await
}

/// Pays the installments up to `last`, each a day after it fell due.
async fn pay(conn: &mut PgConnection, contract: Uuid, last: i16) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into payments (contract_id, union_path, org_id, supervisor_id, position, decision,
                               amount_fen, paid_on, decided_by)
         select c.id, c.union_path, c.org_id, c.supervisor_id, i.position, 'paid',
                c.amount_fen * i.percent / 100, least(c.signed_on + 30 * i.position, current_date),
                (select u.id from users u where u.role = 'admin' and u.union_path @> c.union_path
                  order by nlevel(u.union_path) desc limit 1)
           from contracts c join contract_installments i on i.contract_id = c.id
          where c.id = $1 and i.position <= $2",
        contract,
        last
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An evaluation of the contract with one sheet per (account, percent of
/// each weight), submitted; made final (by the mean) when `conclusion` is given.
async fn evaluate(
    conn: &mut PgConnection,
    contract: Uuid,
    kind: &str,
    sheets: &[(&str, i32)],
    conclusion: Option<&str>,
) -> Result<(), sqlx::Error> {
    let evaluation = sqlx::query_scalar!(
        "insert into evaluations (contract_id, project_id, union_path, org_id, supervisor_id, kind, system_id)
         select c.id, c.project_id, c.union_path, c.org_id, c.supervisor_id, $2,
                case $2 when 'midterm' then p.midterm_system_id else p.performance_system_id end
           from contracts c join projects p on p.id = c.project_id where c.id = $1
         returning id",
        contract,
        kind
    )
    .fetch_one(&mut *conn)
    .await?;
    for (account, percent) in sheets {
        score_sheet(conn, evaluation, account, *percent).await?;
    }
    sqlx::query!(
        "update evaluation_sheets s
            set total_tenths = (select coalesce(sum(score_tenths), 0) from evaluation_scores where sheet_id = s.id),
                status = 'submitted', submitted_at = now()
          where s.evaluation_id = $1",
        evaluation
    )
    .execute(&mut *conn)
    .await?;
    match conclusion {
        Some(conclusion) => finalize(conn, evaluation, conclusion).await,
        None => Ok(()),
    }
}

/// The account's sheet on the evaluation, `percent` of every leaf
/// indicator's weight (in tenths).
async fn score_sheet(
    conn: &mut PgConnection,
    evaluation: Uuid,
    account: &str,
    percent: i32,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "with sheet as (
             insert into evaluation_sheets (evaluation_id, union_path, supervisor_id, evaluator_id,
                                            evaluator_name, evidence)
             select e.id, e.union_path, e.supervisor_id, u.id, u.display_name, '查阅报告与台账，走访服务对象'
               from evaluations e, users u where e.id = $1 and u.username = $2
             returning id, union_path, supervisor_id)
         insert into evaluation_scores (sheet_id, indicator_id, union_path, supervisor_id, score_tenths)
         select sheet.id, i.id, sheet.union_path, sheet.supervisor_id, i.weight * $3::int4 / 10
           from sheet, evaluations e join indicators i on i.system_id = e.system_id
          where e.id = $1 and not exists (select 1 from indicators c where c.parent_id = i.id)",
        evaluation,
        account,
        percent
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The evaluation made final: each indicator's mean over the sheets, the
/// total, the grade by the system's thresholds, and the conclusion.
async fn finalize(
    conn: &mut PgConnection,
    evaluation: Uuid,
    conclusion: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into evaluation_results (evaluation_id, indicator_id, union_path, org_id, supervisor_id, mean_hundredths)
         select e.id, sc.indicator_id, e.union_path, e.org_id, e.supervisor_id, round(avg(sc.score_tenths) * 10)
           from evaluations e join evaluation_sheets s on s.evaluation_id = e.id
           join evaluation_scores sc on sc.sheet_id = s.id
          where e.id = $1 group by e.id, sc.indicator_id",
        evaluation
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update evaluations e
            set status = 'final', conclusion = $2, finalized_at = now(),
                finalized_by = (select id from users where username = 'gz-staff'),
                total_hundredths = t.mean,
                grade = case when t.mean >= s.excellent_min * 100 then 'excellent'
                             when t.mean >= s.good_min * 100 then 'good'
                             when t.mean >= s.pass_min * 100 then 'pass' else 'fail' end
           from (select round(avg(total_tenths) * 10)::int as mean from evaluation_sheets
                  where evaluation_id = $1) t, indicator_systems s
          where e.id = $1 and s.id = e.system_id",
        evaluation,
        conclusion
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Under way: the first report returned once and accepted on its second
/// version, the second waiting for review, a site visit, an open
/// rectification order, the first installment paid.
async fn under_way(conn: &mut PgConnection, contract: Uuid) -> Result<(), sqlx::Error> {
    submit(conn, contract, Reports::First).await?;
    decide(
        conn,
        contract,
        Reports::First,
        "returned",
        Some("请补充活动签到表和照片。"),
    )
    .await?;
    submit(conn, contract, Reports::First).await?;
    decide(conn, contract, Reports::First, "accepted", None).await?;
    submit(conn, contract, Reports::DueAndEnded).await?;
    visit_site(conn, contract).await?;
    order_rectification(conn, contract).await?;
    pay(conn, contract, 1).await
}

/// `evaluator-1`'s site visit twenty days ago, with what it found.
async fn visit_site(conn: &mut PgConnection, contract: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into site_visits (contract_id, union_path, org_id, supervisor_id, visited_on, findings,
                                  created_by, created_by_name)
         select c.id, c.union_path, c.org_id, c.supervisor_id, current_date - 20,
                '驿站开放时间与公示不一致，服务台账缺少 3 月份记录。', u.id, u.display_name
           from contracts c, users u where c.id = $1 and u.username = 'evaluator-1'",
        contract
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An open rectification order `evaluator-1` issued five days ago (due in
/// ten), with its "issued" event.
async fn order_rectification(conn: &mut PgConnection, contract: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "with issued as (
             insert into rectifications (contract_id, project_id, union_path, org_id, supervisor_id,
                                         problem, requirement, deadline, issued_by, issued_at)
             select c.id, c.project_id, c.union_path, c.org_id, c.supervisor_id,
                    '驿站开放时间与公示不一致，服务台账不完整。',
                    '按公示时间开放；补齐 3 月份服务台账并报送。', current_date + 10, u.id,
                    now() - interval '5 days'
               from contracts c, users u where c.id = $1 and u.username = 'evaluator-1'
             returning id, union_path, org_id, supervisor_id, problem, issued_by, issued_at)
         insert into rectification_events (rectification_id, union_path, org_id, supervisor_id, kind,
                                           body, actor_id, actor_name, at)
         select i.id, i.union_path, i.org_id, i.supervisor_id, 'issued', i.problem, i.issued_by,
                (select display_name from users where id = i.issued_by), i.issued_at
           from issued i",
        contract
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// In 北京: the first report returned for correction.
async fn returned(conn: &mut PgConnection, contract: Uuid) -> Result<(), sqlx::Error> {
    submit(conn, contract, Reports::Ended).await?;
    decide(
        conn,
        contract,
        Reports::All,
        "returned",
        Some("支出明细与票据不符，请核对后重新提交。"),
    )
    .await?;
    pay(conn, contract, 1).await
}

/// Service over, every report accepted, the mid-term passed and paid; staff
/// have scored the final evaluation, the supervisor has still to.
async fn in_final_evaluation(conn: &mut PgConnection, contract: Uuid) -> Result<(), sqlx::Error> {
    all_accepted(conn, contract).await?;
    evaluate(
        conn,
        contract,
        "midterm",
        &[("evaluator-1", 82)],
        Some("服务有序开展，台账规范，按计划推进。"),
    )
    .await?;
    evaluate(conn, contract, "final", &[("gz-staff", 88)], None).await?;
    pay(conn, contract, 2).await
}

/// Delivered and closed: both evaluations final, every installment paid,
/// outcomes recorded and the worker need it answered marked addressed.
async fn closed(conn: &mut PgConnection, contract: Uuid, title: &str) -> Result<(), sqlx::Error> {
    all_accepted(conn, contract).await?;
    evaluate(
        conn,
        contract,
        "midterm",
        &[("evaluator-1", 85)],
        Some("进展良好。"),
    )
    .await?;
    evaluate(
        conn,
        contract,
        "final",
        &[("evaluator-1", 90), ("gz-staff", 94)],
        Some("目标全面完成，服务对象满意度 96%。"),
    )
    .await?;
    pay(conn, contract, 3).await?;
    record_closing(conn, title).await
}

/// The closing of the project of that title: the accepted reports' sums,
/// the final grade, outcomes and lessons; and the worker need it answered
/// marked addressed.
async fn record_closing(conn: &mut PgConnection, title: &str) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into project_closings (project_id, union_path, people_served, activities_held,
                                       service_hours, score_hundredths, grade, outcomes, lessons,
                                       closed_by, closed_at)
         select p.id, p.union_path,
                (select sum(people_served) from reports where project_id = p.id and status = 'accepted'),
                (select sum(activities_held) from reports where project_id = p.id and status = 'accepted'),
                (select sum(service_hours) from reports where project_id = p.id and status = 'accepted'),
                e.total_hundredths, e.grade,
                '为园区职工提供法律咨询 1100 人次，调解劳动争议 36 件，开展普法讲座 24 场。',
                '律师志愿者驻点效果好；线上预约减少了等待。', u.id, now() - interval '30 days'
           from projects p join contracts c on c.project_id = p.id
           join evaluations e on e.contract_id = c.id and e.kind = 'final', users u
          where p.title = $1 and u.username = 'gd-admin'",
        title
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update needs set addressed = true, addressed_note = '园区职工法律咨询需求已由驻点服务回应'
          where project_id = (select id from projects where title = $1)",
        title
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
