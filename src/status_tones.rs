//! Which tone each area's statuses take on their badges, in one place so that
//! "waiting" looks the same on a project, a report and a review. It lives at
//! the root because it names every area's statuses; the areas and their
//! templates only name the foundation's `web::tone`. A new status fails to
//! build here until it is given its tone.

use crate::delivery::rectifications::db::RectificationStatus;
use crate::delivery::reports::db::ReportStatus;
use crate::experiences::ExperienceStatus;
use crate::meetings::{Answer as InvitationAnswer, MeetingStatus};
use crate::orgs::kinds::OrgStatus;
use crate::pilots::{MilestoneStatus, PilotStatus};
use crate::projects::Status as ProjectStatus;
use crate::projects::applications::db::AppStatus;
use crate::projects::reviews::db::ReviewStatus;
use crate::users::db::AccountState;
use crate::web::tone::{Named, Tone, Toned};

/// A status by its name takes the tone of the status it names; an unknown
/// name stays neutral.
impl Toned for Named<'_> {
    fn tone(&self) -> Tone {
        let Named(prefix, value) = *self;
        named(ProjectStatus::ALL, ProjectStatus::label_key, prefix, value)
            .or_else(|| named(AppStatus::ALL, AppStatus::label_key, prefix, value))
            .or_else(|| named(ReviewStatus::ALL, ReviewStatus::label_key, prefix, value))
            .or_else(|| named(ReportStatus::ALL, ReportStatus::label_key, prefix, value))
            .or_else(|| {
                let all = RectificationStatus::ALL;
                named(all, RectificationStatus::label_key, prefix, value)
            })
            .or_else(|| named(OrgStatus::ALL, OrgStatus::label_key, prefix, value))
            .or_else(|| named(AccountState::ALL, AccountState::label_key, prefix, value))
            .or_else(|| named(PilotStatus::ALL, PilotStatus::label_key, prefix, value))
            .or_else(|| {
                let all = MilestoneStatus::ALL;
                named(all, MilestoneStatus::label_key, prefix, value)
            })
            .or_else(|| {
                let all = ExperienceStatus::ALL;
                named(all, ExperienceStatus::label_key, prefix, value)
            })
            .or_else(|| named(MeetingStatus::ALL, MeetingStatus::label_key, prefix, value))
            .or_else(|| {
                let all = InvitationAnswer::ALL;
                named(all, InvitationAnswer::label_key, prefix, value)
            })
            .unwrap_or(Tone::Draft)
    }
}

/// The tone of the status among `all` whose catalog key is `prefix.value`.
fn named<S: Toned + Copy>(
    all: &[S],
    label_key: fn(S) -> &'static str,
    prefix: &str,
    value: &str,
) -> Option<Tone> {
    all.iter()
        .copied()
        .find(|s| {
            label_key(*s)
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('.'))
                == Some(value)
        })
        .map(|s| s.tone())
}

impl Toned for ProjectStatus {
    fn tone(&self) -> Tone {
        match self {
            ProjectStatus::Draft => Tone::Draft,
            ProjectStatus::PendingApproval => Tone::Waiting,
            ProjectStatus::Approved | ProjectStatus::Open => Tone::Open,
            ProjectStatus::Reviewing
            | ProjectStatus::Awarded
            | ProjectStatus::Contracted
            | ProjectStatus::InProgress
            | ProjectStatus::FinalEvaluation => Tone::Active,
            ProjectStatus::Closed => Tone::Done,
            ProjectStatus::Cancelled => Tone::Ended,
        }
    }
}

impl Toned for AppStatus {
    fn tone(&self) -> Tone {
        match self {
            AppStatus::Draft => Tone::Draft,
            AppStatus::Submitted => Tone::Active,
            AppStatus::Awarded => Tone::Done,
            AppStatus::Rejected => Tone::Refused,
            AppStatus::Withdrawn => Tone::Ended,
        }
    }
}

impl Toned for ReviewStatus {
    fn tone(&self) -> Tone {
        match self {
            ReviewStatus::Assigned => Tone::Waiting,
            ReviewStatus::Scoring => Tone::Active,
            ReviewStatus::Submitted => Tone::Done,
            ReviewStatus::Conflict => Tone::Refused,
        }
    }
}

impl Toned for ReportStatus {
    fn tone(&self) -> Tone {
        match self {
            ReportStatus::Due | ReportStatus::Submitted => Tone::Waiting,
            ReportStatus::Draft => Tone::Draft,
            ReportStatus::Returned => Tone::Refused,
            ReportStatus::Accepted => Tone::Done,
        }
    }
}

impl Toned for RectificationStatus {
    fn tone(&self) -> Tone {
        match self {
            RectificationStatus::Open | RectificationStatus::Answered => Tone::Waiting,
            RectificationStatus::Closed => Tone::Done,
        }
    }
}

impl Toned for OrgStatus {
    fn tone(&self) -> Tone {
        match self {
            OrgStatus::Active => Tone::Active,
            OrgStatus::Suspended => Tone::Refused,
            OrgStatus::Deregistered => Tone::Ended,
        }
    }
}

impl Toned for AccountState {
    fn tone(&self) -> Tone {
        match self {
            AccountState::Active => Tone::Active,
            AccountState::Locked => Tone::Refused,
            AccountState::Disabled => Tone::Ended,
        }
    }
}

impl Toned for PilotStatus {
    fn tone(&self) -> Tone {
        match self {
            PilotStatus::Active => Tone::Active,
            PilotStatus::Concluded => Tone::Done,
            PilotStatus::Cancelled => Tone::Ended,
        }
    }
}

impl Toned for MilestoneStatus {
    fn tone(&self) -> Tone {
        match self {
            MilestoneStatus::Planned => Tone::Draft,
            MilestoneStatus::InProgress => Tone::Active,
            MilestoneStatus::Done => Tone::Done,
        }
    }
}

impl Toned for ExperienceStatus {
    fn tone(&self) -> Tone {
        match self {
            ExperienceStatus::Draft => Tone::Draft,
            ExperienceStatus::Submitted => Tone::Waiting,
            ExperienceStatus::Published => Tone::Done,
        }
    }
}

impl Toned for MeetingStatus {
    fn tone(&self) -> Tone {
        match self {
            MeetingStatus::Planned => Tone::Open,
            MeetingStatus::Held => Tone::Done,
            MeetingStatus::Cancelled => Tone::Ended,
        }
    }
}

impl Toned for InvitationAnswer {
    fn tone(&self) -> Tone {
        match self {
            InvitationAnswer::Pending => Tone::Waiting,
            InvitationAnswer::Accepted => Tone::Active,
            InvitationAnswer::Declined => Tone::Ended,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_by_its_name_takes_the_tone_of_its_type() {
        let by_name = |p, v| Named(p, v).tone();
        assert_eq!(
            by_name("projects.status", "pending_approval"),
            Tone::Waiting
        );
        assert_eq!(by_name("projects.status", "in_progress"), Tone::Active);
        assert_eq!(by_name("reports.status", "returned"), Tone::Refused);
        assert_eq!(by_name("projects.status", "nonsense"), Tone::Draft);
    }

    /// Every badged status, by its catalog key.
    fn badged() -> Vec<(&'static str, Tone)> {
        let mut all: Vec<(&str, Tone)> = Vec::new();
        all.extend(ProjectStatus::ALL.iter().map(|s| (s.label_key(), s.tone())));
        all.extend(AppStatus::ALL.iter().map(|s| (s.label_key(), s.tone())));
        all.extend(ReviewStatus::ALL.iter().map(|s| (s.label_key(), s.tone())));
        all.extend(ReportStatus::ALL.iter().map(|s| (s.label_key(), s.tone())));
        let orders = RectificationStatus::ALL.iter();
        all.extend(orders.map(|s| (s.label_key(), s.tone())));
        all.extend(OrgStatus::ALL.iter().map(|s| (s.label_key(), s.tone())));
        all.extend(AccountState::ALL.iter().map(|s| (s.label_key(), s.tone())));
        all
    }

    /// A badge always shows the status's name: every one is in both catalogs.
    #[test]
    fn every_badged_status_has_its_name_in_both_catalogs() {
        for lang in crate::i18n::Lang::ALL {
            let known = crate::i18n::catalog_keys(lang);
            for (key, _) in badged() {
                assert!(known.contains(&key), "{key} in {lang:?}");
            }
        }
    }

    /// Waiting means "someone has to act": every status named 待… is amber.
    #[test]
    fn every_status_named_waiting_takes_the_waiting_tone() {
        let lang = crate::i18n::Lang::Zh;
        for (key, tone) in badged() {
            let name = lang.t(key);
            assert_eq!(
                name.starts_with('待'),
                tone == Tone::Waiting,
                "{key} ({name}) is {tone:?}"
            );
        }
    }
}
