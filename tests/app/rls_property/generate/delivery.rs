//! Delivery of the awarded applications of contracted projects, as far as
//! each project's state says it went: contract and installments (its
//! reports scheduled by the database), reports submitted and decided, site
//! visits, rectification orders, evaluations with their sheets and results,
//! payments, and the closing.

use uuid::Uuid;

use super::Gen;

impl Gen<'_> {
    pub(super) async fn delivery(&mut self) -> sqlx::Result<()> {
        for (application, project_status, own) in self.applications.clone() {
            let started = matches!(
                project_status,
                "in_progress" | "final_evaluation" | "closed"
            );
            if own != "awarded" || !(started || project_status == "contracted") {
                continue;
            }
            let contract = self.contract(application).await?;
            if !started {
                continue;
            }
            let finished = project_status != "in_progress";
            self.reports(contract, finished).await?;
            if self.rng.chance(50) {
                self.visit(contract).await?;
            }
            if self.rng.chance(40) {
                self.rectification(contract).await?;
            }
            if finished || self.rng.chance(50) {
                self.evaluation(contract, "midterm", finished).await?;
            }
            if finished {
                let closed = project_status == "closed";
                self.evaluation(contract, "final", closed).await?;
                if closed {
                    self.closing(contract).await?;
                }
            }
            let decision = *self.rng.pick(&["paid", "paid", "withheld"]);
            self.payment(contract, 1, decision).await?;
        }
        Ok(())
    }

    /// The contract of an awarded application, supervised by a random
    /// evaluator, paid in two installments.
    async fn contract(&mut self, application: Uuid) -> sqlx::Result<Uuid> {
        let id = self.rng.uuid();
        let supervisor = *self.rng.pick(&self.evaluators);
        sqlx::query(
            "insert into contracts (id, project_id, union_path, application_id, org_id, amount_fen,
                                    service_starts_on, service_ends_on, supervisor_id,
                                    report_cycle, signed_on, created_by)
             select $1, p.id, p.union_path, a.id, a.org_id, 1000000, p.service_starts_on,
                    p.service_ends_on, $2, 'quarterly', p.service_starts_on - 5, p.created_by
               from applications a join projects p on p.id = a.project_id where a.id = $3",
        )
        .bind(id)
        .bind(supervisor)
        .bind(application)
        .execute(&mut *self.conn)
        .await?;
        sqlx::query(
            "insert into contract_installments (contract_id, union_path, position, percent, condition)
             select id, union_path, v.position, v.percent, v.condition
               from contracts, (values (1::smallint, 40::smallint, 'on_signing'),
                                       (2::smallint, 60::smallint, 'after_final'))
                               v (position, percent, condition)
              where id = $1",
        )
        .bind(id)
        .execute(&mut *self.conn)
        .await?;
        if self.rng.chance(60) {
            self.file("contract", "contracts", id, true).await?;
        }
        Ok(id)
    }

    /// The first report (or, when the service is over, every one) submitted,
    /// then accepted, returned or left waiting.
    async fn reports(&mut self, contract: Uuid, all: bool) -> sqlx::Result<()> {
        sqlx::query(
            "update reports set status = 'submitted', people_served = 10
              where contract_id = $1
                and ($2 or period_starts_on = (select min(period_starts_on) from reports
                                                where contract_id = $1))",
        )
        .bind(contract)
        .bind(all)
        .execute(&mut *self.conn)
        .await?;
        let decision = if all {
            Some("accepted")
        } else {
            *self.rng.pick(&[None, Some("accepted"), Some("returned")])
        };
        if let Some(decision) = decision {
            sqlx::query(
                "update reports set status = $2, reviewed_at = now(), review_comment = '审核'
                  where contract_id = $1 and status = 'submitted'",
            )
            .bind(contract)
            .bind(decision)
            .execute(&mut *self.conn)
            .await?;
        }
        let submitted: Vec<Uuid> = sqlx::query_scalar(
            "select id from reports where contract_id = $1 and status <> 'due' order by period_starts_on",
        )
        .bind(contract)
        .fetch_all(&mut *self.conn)
        .await?;
        for report in submitted {
            if self.rng.chance(40) {
                self.file("report", "reports", report, true).await?;
            }
        }
        Ok(())
    }

    async fn visit(&mut self, contract: Uuid) -> sqlx::Result<()> {
        let id = self.rng.uuid();
        sqlx::query(
            "insert into site_visits (id, contract_id, union_path, org_id, supervisor_id, visited_on,
                                      findings, created_by, created_by_name)
             select $1, id, union_path, org_id, supervisor_id, current_date, '查看台账',
                    supervisor_id, '监管方'
               from contracts where id = $2",
        )
        .bind(id)
        .bind(contract)
        .execute(&mut *self.conn)
        .await?;
        if self.rng.chance(50) {
            self.file("site_visit", "site_visits", id, false).await?;
        }
        Ok(())
    }

    /// An order issued by the supervisor, answered (with evidence) at times.
    async fn rectification(&mut self, contract: Uuid) -> sqlx::Result<()> {
        let id = self.rng.uuid();
        sqlx::query(
            "insert into rectifications (id, contract_id, project_id, union_path, org_id,
                                         supervisor_id, problem, requirement, deadline, issued_by)
             select $1, id, project_id, union_path, org_id, supervisor_id, '台账不全', '补齐台账',
                    current_date + 10, supervisor_id
               from contracts where id = $2",
        )
        .bind(id)
        .bind(contract)
        .execute(&mut *self.conn)
        .await?;
        let mut events = vec!["issued"];
        if self.rng.chance(50) {
            sqlx::query(
                "update rectifications set status = 'answered', answer = '已补齐' where id = $1",
            )
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
            events.push("answered");
            self.file("rectification", "rectifications", id, true)
                .await?;
        }
        for kind in events {
            sqlx::query(
                "insert into rectification_events (rectification_id, union_path, org_id,
                                                   supervisor_id, kind, actor_name)
                 select id, union_path, org_id, supervisor_id, $2, '经办人'
                   from rectifications where id = $1",
            )
            .bind(id)
            .bind(kind)
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// An evaluation scored by the supervisor (and at times by a cadre),
    /// made final with its results when `make_final`.
    async fn evaluation(
        &mut self,
        contract: Uuid,
        kind: &str,
        make_final: bool,
    ) -> sqlx::Result<()> {
        let id = self.rng.uuid();
        sqlx::query(
            "insert into evaluations (id, contract_id, project_id, union_path, org_id,
                                      supervisor_id, kind, system_id)
             select $1, c.id, c.project_id, c.union_path, c.org_id, c.supervisor_id, $3,
                    case $3 when 'midterm' then p.midterm_system_id else p.performance_system_id end
               from contracts c join projects p on p.id = c.project_id where c.id = $2",
        )
        .bind(id)
        .bind(contract)
        .bind(kind)
        .execute(&mut *self.conn)
        .await?;
        let mut scorers = vec![None];
        if self.rng.chance(50) {
            scorers.push(Some(self.rng.pick(&self.cadres).0));
        }
        for scorer in scorers {
            let sheet = self.rng.uuid();
            sqlx::query(
                "insert into evaluation_sheets (id, evaluation_id, union_path, supervisor_id,
                                                evaluator_id, evaluator_name)
                 select $1, id, union_path, supervisor_id, coalesce($3, supervisor_id), '评估人'
                   from evaluations where id = $2",
            )
            .bind(sheet)
            .bind(id)
            .bind(scorer)
            .execute(&mut *self.conn)
            .await?;
            sqlx::query(
                "insert into evaluation_scores (sheet_id, indicator_id, union_path, supervisor_id,
                                                score_tenths)
                 select s.id, i.id, s.union_path, s.supervisor_id, 50
                   from evaluation_sheets s join evaluations e on e.id = s.evaluation_id
                   join indicators i on i.system_id = e.system_id
                  where s.id = $1 and not exists (select 1 from indicators c where c.parent_id = i.id)
                  order by i.code limit 2",
            )
            .bind(sheet)
            .execute(&mut *self.conn)
            .await?;
            if make_final || self.rng.chance(50) {
                sqlx::query(
                    "update evaluation_sheets set status = 'submitted', submitted_at = now()
                      where id = $1",
                )
                .bind(sheet)
                .execute(&mut *self.conn)
                .await?;
            }
        }
        if make_final {
            sqlx::query(
                "insert into evaluation_results (evaluation_id, indicator_id, union_path, org_id,
                                                 supervisor_id, mean_hundredths)
                 select e.id, i.id, e.union_path, e.org_id, e.supervisor_id, 5000
                   from evaluations e join indicators i on i.system_id = e.system_id
                  where e.id = $1 and not exists (select 1 from indicators c where c.parent_id = i.id)
                  order by i.code limit 2",
            )
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
            sqlx::query(
                "update evaluations set status = 'final', total_hundredths = 8000, grade = 'good',
                                        conclusion = '良好', finalized_at = now()
                  where id = $1",
            )
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    async fn payment(&mut self, contract: Uuid, position: i16, decision: &str) -> sqlx::Result<()> {
        let id = self.rng.uuid();
        sqlx::query(
            "insert into payments (id, contract_id, union_path, org_id, supervisor_id, position,
                                   decision, amount_fen, paid_on, reason, decided_by)
             select $1, c.id, c.union_path, c.org_id, c.supervisor_id, i.position, $4,
                    case when $4 = 'paid' then c.amount_fen * i.percent / 100 else 0 end,
                    case when $4 = 'paid' then current_date end,
                    case when $4 = 'withheld' then '未达拨付条件' end, c.created_by
               from contracts c join contract_installments i on i.contract_id = c.id
              where c.id = $2 and i.position = $3",
        )
        .bind(id)
        .bind(contract)
        .bind(position)
        .bind(decision)
        .execute(&mut *self.conn)
        .await?;
        if decision == "paid" && self.rng.chance(50) {
            self.file("payment", "payments", id, false).await?;
        }
        Ok(())
    }

    /// The closing of a contract's project, with the last installment paid.
    async fn closing(&mut self, contract: Uuid) -> sqlx::Result<()> {
        sqlx::query(
            "insert into project_closings (project_id, union_path, people_served, activities_held,
                                           service_hours, outcomes, lessons, closed_by)
             select project_id, union_path, 0, 0, 0, '成效', '经验', created_by
               from contracts where id = $1
             on conflict do nothing",
        )
        .bind(contract)
        .execute(&mut *self.conn)
        .await?;
        self.payment(contract, 2, "paid").await
    }
}
