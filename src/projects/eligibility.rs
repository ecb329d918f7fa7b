//! Eligibility (准入条件): whether an organization may apply to a project's
//! call, and if not, why. Checked when the call is shown and again at submit.

use chrono::{Datelike, NaiveDate};

use super::db::ProjectRow;
use crate::orgs::db::OrgRow;
use crate::orgs::kinds::OrgStatus;
use crate::policy::is_within;

/// Why an organization may not apply: a catalog key and its argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub key: &'static str,
    pub arg: String,
}

fn reason(key: &'static str, arg: impl ToString) -> Reason {
    Reason {
        key,
        arg: arg.to_string(),
    }
}

/// Whole years from `from` to `to`.
fn years_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

/// The reasons `org` may not apply to `project` on `today`; empty when it may.
pub fn reasons(project: &ProjectRow, org: &OrgRow, today: NaiveDate) -> Vec<Reason> {
    let mut out = Vec::new();
    if org.status != OrgStatus::Active || org.serious_violation {
        out.push(reason("apply.not_in_good_standing", ""));
    }
    if !project
        .eligible_types
        .iter()
        .any(|t| t == org.org_type.as_str())
    {
        out.push(reason("apply.type_not_allowed", ""));
    }
    if let Some(min) = project.min_rating {
        let valid = org
            .rating_level
            .filter(|_| org.rating_valid_until.is_some_and(|until| until >= today));
        if valid.is_none_or(|level| level < min) {
            out.push(reason("apply.rating_too_low", min));
        }
    }
    if project.min_years > 0 {
        let old_enough = org
            .registered_on
            .is_some_and(|on| years_between(on, today) >= i32::from(project.min_years));
        if !old_enough {
            out.push(reason("apply.too_young", project.min_years));
        }
    }
    if !is_within(&org.union_path, &project.union_path) {
        out.push(reason("apply.outside_scope", ""));
    }
    out
}

/// Why `org` may not apply as far as commissioning goes: a project a
/// federation commissions (委托) admits only the federation's current members.
pub async fn commission_reason(
    conn: &mut sqlx::PgConnection,
    project: &ProjectRow,
    org: &OrgRow,
) -> sqlx::Result<Option<Reason>> {
    let Some(name) = &project.commissioned_by_name else {
        return Ok(None);
    };
    let admits = super::db::commission_admits(conn, project.id, org.id).await?;
    Ok((!admits).then(|| reason("apply.commission_members_only", name)))
}

/// Every reason `org` may not apply to `project` on `today`: [`reasons`] and
/// the commissioning's.
pub async fn all_reasons(
    conn: &mut sqlx::PgConnection,
    project: &ProjectRow,
    org: &OrgRow,
    today: NaiveDate,
) -> sqlx::Result<Vec<Reason>> {
    let mut out = reasons(project, org, today);
    out.extend(commission_reason(conn, project, org).await?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_count_whole_anniversaries() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(years_between(d("2020-06-01"), d("2022-05-31")), 1);
        assert_eq!(years_between(d("2020-06-01"), d("2022-06-01")), 2);
    }
}
