//! The partner form: what a cadre typed, kept verbatim to show again, and its
//! parsing into the record's fields; and the co-funding link's form.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::PartnerRow;
use super::{Brings, PartnerKind};
use crate::web::FieldErrors;
use crate::web::forms::{optional_text, required_text};
use crate::web::money::Fen;
use crate::web::validate::{is_email, is_phone};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PartnerForm {
    pub union_id: String,
    pub name: String,
    pub kind: String,
    pub brings: Vec<String>,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub description: String,
    pub version: i32,
}

/// A partner's typed fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerInput {
    pub union_id: i64,
    pub name: String,
    pub kind: &'static str,
    pub brings: Vec<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub description: Option<String>,
}

impl PartnerForm {
    pub fn of(partner: &PartnerRow) -> Self {
        Self {
            union_id: partner.union_id.to_string(),
            name: partner.name.clone(),
            kind: partner.kind.as_str().to_owned(),
            brings: partner.brings.clone(),
            contact_name: partner.contact_name.clone().unwrap_or_default(),
            contact_phone: partner.contact_phone.clone().unwrap_or_default(),
            contact_email: partner.contact_email.clone().unwrap_or_default(),
            description: partner.description.clone().unwrap_or_default(),
            version: partner.version,
        }
    }

    pub fn parse(&self) -> Result<PartnerInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let name = required_text(&mut errors, "name", &self.name, 200);
        if errors.get("name").is_none() && name.chars().count() < 2 {
            errors.add("name", "partners.name_short");
        }
        let kind = PartnerKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "form.choose");
        }
        let mut brings: Vec<String> = Vec::new();
        for value in self
            .brings
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
        {
            match Brings::parse(value) {
                Some(b) if !brings.iter().any(|x| x == b.as_str()) => {
                    brings.push(b.as_str().to_owned())
                }
                Some(_) => {}
                None => errors.add("brings", "form.choose"),
            }
        }
        if brings.is_empty() && errors.get("brings").is_none() {
            errors.add("brings", "partners.brings_required");
        }
        // Kept in the list's order, whatever order the boxes came in.
        brings.sort_by_key(|b| Brings::ALL.iter().position(|x| x.as_str() == b));
        let contact_name = optional_text(&mut errors, "contact_name", &self.contact_name, 100);
        let contact_phone = optional_text(&mut errors, "contact_phone", &self.contact_phone, 30);
        if contact_phone.as_deref().is_some_and(|p| !is_phone(p)) {
            errors.add("contact_phone", "orgs.phone_format");
        }
        let contact_email = optional_text(&mut errors, "contact_email", &self.contact_email, 100);
        if contact_email.as_deref().is_some_and(|e| !is_email(e)) {
            errors.add("contact_email", "orgs.email_format");
        }
        let description = optional_text(&mut errors, "description", &self.description, 4000);
        match (union_id, kind) {
            (Some(union_id), Some(kind)) if errors.is_empty() => Ok(PartnerInput {
                union_id,
                name,
                kind: kind.as_str(),
                brings,
                contact_name,
                contact_phone,
                contact_email,
                description,
            }),
            _ => Err(errors),
        }
    }
}

/// Naming a partner as a co-funder of a project, on the project's page.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CoFunderForm {
    pub partner_id: String,
    /// In yuan; optional.
    pub amount: String,
}

impl CoFunderForm {
    /// (partner, amount in fen), or the problems.
    pub fn parse(&self) -> Result<(Uuid, Option<i64>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let partner = self.partner_id.trim().parse::<Uuid>().ok();
        if partner.is_none() {
            errors.add("partner_id", "form.choose");
        }
        let amount = match self.amount.trim() {
            "" => None,
            typed => match Fen::parse_yuan(typed) {
                Some(Fen(fen)) if fen > 0 => Some(fen),
                _ => {
                    errors.add("amount", "partners.amount_format");
                    None
                }
            },
        };
        match partner {
            Some(partner) if errors.is_empty() => Ok((partner, amount)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> PartnerForm {
        PartnerForm {
            union_id: "23".into(),
            name: "四川省青少年发展基金会".into(),
            kind: "foundation".into(),
            brings: vec!["volunteers".into(), "funds".into(), "funds".into()],
            contact_phone: "028-86123456".into(),
            ..PartnerForm::default()
        }
    }

    #[test]
    fn a_filled_form_parses_with_what_it_brings_in_order() {
        let input = filled().parse().expect("valid");
        assert_eq!(input.brings, vec!["funds", "volunteers"]);
    }

    #[test]
    fn a_partner_brings_something_and_has_a_reachable_phone() {
        let mut form = filled();
        form.brings.clear();
        form.contact_phone = "12345".into();
        form.kind = "ngo".into();
        let errors = form.parse().expect_err("invalid");
        assert_eq!(
            errors.get("brings").map(|m| m.key),
            Some("partners.brings_required")
        );
        assert_eq!(
            errors.get("contact_phone").map(|m| m.key),
            Some("orgs.phone_format")
        );
        assert_eq!(errors.get("kind").map(|m| m.key), Some("form.choose"));
    }

    #[test]
    fn a_co_funding_amount_is_in_yuan_and_positive() {
        let form = CoFunderForm {
            partner_id: Uuid::nil().to_string(),
            amount: "12,000.50".into(),
        };
        assert_eq!(form.parse().expect("valid").1, Some(1_200_050));
        let form = CoFunderForm {
            partner_id: Uuid::nil().to_string(),
            amount: "0".into(),
        };
        assert!(form.parse().is_err());
    }
}
