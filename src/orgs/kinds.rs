//! The closed lists of the registry (DOMAIN.md): the values stored, and the
//! catalog keys of their names.

crate::text_enum!(pub enum OrgType("orgs.type") {
    SocialGroup => "social_group",
    Foundation => "foundation",
    SocialServiceAgency => "social_service_agency",
    Unregistered => "unregistered",
});

crate::text_enum!(pub enum RegistrationLevel("orgs.registration_level") {
    National => "national",
    Provincial => "provincial",
    Municipal => "municipal",
    County => "county",
});

crate::text_enum!(pub enum Domain("orgs.domain") {
    Employment => "employment",
    SkillsTraining => "skills_training",
    IncomeDistribution => "income_distribution",
    SocialSecurity => "social_security",
    SafetyHealth => "safety_health",
    DemocraticRights => "democratic_rights",
    Culture => "culture",
    LegalAid => "legal_aid",
    PsychologicalSupport => "psychological_support",
    OutdoorWorkers => "outdoor_workers",
    Other => "other",
});

crate::text_enum!(pub enum FundingSource("orgs.funding") {
    UnionFunds => "union_funds",
    GovernmentPurchase => "government_purchase",
    Donations => "donations",
    ServiceFees => "service_fees",
    FoundationGrants => "foundation_grants",
    Other => "other",
});

crate::text_enum!(pub enum Category("orgs.category") {
    Cultivate => "cultivate",
    Guide => "guide",
});

crate::text_enum!(pub enum Relationship("orgs.relationship") {
    Founded => "founded",
    Guided => "guided",
    Contacted => "contacted",
});

crate::text_enum!(pub enum OrgStatus("orgs.status") {
    Active => "active",
    Suspended => "suspended",
    Deregistered => "deregistered",
});

crate::text_enum!(pub enum UnionBuilding("orgs.union_building") {
    None => "none",
    Preparing => "preparing",
    Established => "established",
    Joint => "joint",
});

crate::text_enum!(pub enum ContactMethod("orgs.contact_method") {
    Visit => "visit",
    Meeting => "meeting",
    Phone => "phone",
    Online => "online",
    Event => "event",
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::i18n::catalog_keys;

    #[test]
    fn every_value_has_a_name_in_both_languages() {
        let keys: Vec<&str> = OrgType::ALL
            .iter()
            .map(|v| v.label_key())
            .chain(RegistrationLevel::ALL.iter().map(|v| v.label_key()))
            .chain(Domain::ALL.iter().map(|v| v.label_key()))
            .chain(FundingSource::ALL.iter().map(|v| v.label_key()))
            .chain(Category::ALL.iter().map(|v| v.label_key()))
            .chain(Relationship::ALL.iter().map(|v| v.label_key()))
            .chain(OrgStatus::ALL.iter().map(|v| v.label_key()))
            .chain(UnionBuilding::ALL.iter().map(|v| v.label_key()))
            .chain(ContactMethod::ALL.iter().map(|v| v.label_key()))
            .collect();
        for lang in Lang::ALL {
            let catalog = catalog_keys(lang);
            let missing: Vec<_> = keys.iter().filter(|k| !catalog.contains(k)).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
        }
    }

    #[test]
    fn values_round_trip() {
        assert_eq!(Domain::parse("legal_aid"), Some(Domain::LegalAid));
        assert_eq!(Domain::LegalAid.label_key(), "orgs.domain.legal_aid");
        assert_eq!(OrgType::parse("company"), None);
    }
}
