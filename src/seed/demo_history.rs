//! The projects of the year before, closed and graded, so that the four
//! provinces of the seed hold projects and money in the seed's proportions
//! (one twentieth of its figures, with this year's projects counted in):
//! 北京 353 projects and 2,500万 invested → 18 and 125万; 广东 500+ → 25;
//! 四川 114 and 3,500万 → 6 and 175万; 陕西, whose figures are services
//! rather than projects, two legal-aid projects. Read on a dashboard whose
//! period spans both years.

use sqlx::PgConnection;

/// (union code, who drafted and closed, how many, their budgets together in
/// yuan, the titles' subject and domain by turns).
type PastProjects = (
    &'static str,
    &'static str,
    i64,
    i64,
    &'static [(&'static str, &'static str)],
);

const PAST: &[PastProjects] = &[
    (
        "110000",
        "bj-admin",
        15,
        590_000,
        &[
            ("快递外卖从业人员法律服务", "legal_aid"),
            ("环卫工人爱心驿站关爱服务", "outdoor_workers"),
            ("楼宇职工社工服务", "culture"),
        ],
    ),
    (
        "440000",
        "gd-admin",
        19,
        1_330_000,
        &[
            ("心灵港湾职工心理关爱", "psychological_support"),
            ("异地务工人员技能提升", "skills_training"),
            ("劳动争议调解服务", "legal_aid"),
        ],
    ),
    (
        "510000",
        "national-admin",
        6,
        1_750_000,
        &[
            ("农民工就业创业服务", "employment"),
            ("户外劳动者关爱服务", "outdoor_workers"),
        ],
    ),
    (
        "610000",
        "national-admin",
        2,
        300_000,
        &[("职工法律服务中心法律援助", "legal_aid")],
    ),
];

/// Drafts, funds and closes last year's projects of [`PAST`], each graded.
pub async fn seed_past_projects(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let last_year = crate::projects::year::this_year() - 1;
    for &(code, by, count, total_yuan, subjects) in PAST {
        for n in 0..count {
            let (subject, domain) = subjects[n as usize % subjects.len()];
            // Equal shares, the last one taking what is left: the total exact.
            let share = total_yuan / count;
            let budget_yuan = if n == count - 1 {
                total_yuan - share * (count - 1)
            } else {
                share
            };
            let grade = ["excellent", "good", "good", "pass"][n as usize % 4];
            let drafted = chrono::NaiveDate::from_ymd_opt(last_year, 1 + (n % 6) as u32, 10)
                .expect("a real date");
            sqlx::query!(
                "with drafted as (
                   insert into projects (union_id, code, title, domain, description, target_group,
                          target_people, target_activities, target_service_hours, budget_fen,
                          union_funds_fen, fiscal_funds_fen, eligible_types, min_rating, min_years,
                          apply_opens_on, apply_closes_on, service_starts_on, service_ends_on,
                          review_system_id, midterm_system_id, performance_system_id,
                          created_by, created_at, status)
                   select u.id, project_code_next(u.id), $2 || '（' || $3 || '年第' || $4 || '期）', $5,
                          '往年购买服务项目，已结项。', '本地区一线职工', 800, 20, 500, $6::int8,
                          $6 / 2, $6 - $6 / 2, '{social_service_agency,social_group}', 3, 1,
                          $7::date, $7::date + 30, $7::date + 50, $7::date + 300,
                          (select id from indicator_systems where kind = 'approval_review' and status = 'published' order by nlevel(union_path) limit 1),
                          (select id from indicator_systems where kind = 'midterm' and status = 'published' order by nlevel(union_path) limit 1),
                          (select id from indicator_systems where kind = 'performance' and status = 'published' order by nlevel(union_path) limit 1),
                          a.id, $7::date::timestamp at time zone 'Asia/Shanghai',
                          'closed'
                     from unions u, users a
                    where u.division_code = $1 and u.level <> 'grassroots' and a.username = $8
                   returning id, union_path, created_by)
                 insert into project_closings (project_id, union_path, people_served, activities_held,
                        service_hours, score_hundredths, grade, outcomes, lessons, closed_by, closed_at)
                 select id, union_path, 900, 22, 560, 8500, $9, '服务目标全部完成。', '需求调研要更早开始。',
                        created_by, ($7::date + 320)::timestamp at time zone 'Asia/Shanghai'
                   from drafted",
                code,
                subject,
                last_year.to_string(),
                (n + 1).to_string(),
                domain,
                budget_yuan * 100,
                drafted,
                by,
                grade
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_past_is_a_twentieth_of_the_seed() {
        let by = |code: &str| PAST.iter().find(|p| p.0 == code).expect("a province");
        // With this year's demo projects (北京 3 funded, 66万; 广东 6).
        assert_eq!(by("110000").2 + 3, 18);
        assert_eq!(by("110000").3 + 660_000, 1_250_000);
        assert_eq!(by("440000").2 + 6, 25);
        assert_eq!((by("510000").2, by("510000").3), (6, 1_750_000));
    }
}
