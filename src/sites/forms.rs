//! The site form: what a cadre typed, kept verbatim to show again, and its
//! parsing into the record's fields. The rules that need the database — the
//! owning union is in the cadre's scope, the division lies inside the union's,
//! the operator is an organization the cadre sees — are checked by the
//! handler with [`within_union`] and the site queries.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::SiteRow;
use super::{Datum, SiteKind};
use crate::divisions;
use crate::orgs::kinds::Domain;
use crate::web::FieldErrors;
use crate::web::forms::{optional_text, required_text};
use crate::web::validate::{is_phone, parse_date};

/// China's bounding box, in degrees: (south, north, west, east).
pub const CHINA_BOX: (f64, f64, f64, f64) = (3.5, 53.6, 73.4, 135.1);

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SiteForm {
    pub union_id: String,
    pub kind: String,
    pub name: String,
    pub address: String,
    pub division_code: String,
    pub latitude: String,
    pub longitude: String,
    pub datum: String,
    pub opening_hours: String,
    pub services: Vec<String>,
    /// The operating organization's credit code or exact name.
    pub operator: String,
    pub opened_on: String,
    pub closed_on: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub version: i32,
}

/// A site's typed fields, valid (the operator is found by the handler).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SiteInput {
    pub union_id: i64,
    pub kind: &'static str,
    pub name: String,
    pub address: String,
    pub division_code: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub datum: Option<&'static str>,
    pub opening_hours: Option<String>,
    pub services: Vec<String>,
    /// As typed: a credit code or a name.
    #[serde(skip)]
    pub operator: Option<String>,
    pub operator_org_id: Option<Uuid>,
    pub opened_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

impl SiteForm {
    /// The form filled with a record, as its edit page shows it.
    pub fn of(site: &SiteRow) -> Self {
        let text = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        Self {
            union_id: site.union_id.to_string(),
            kind: site.kind.as_str().to_owned(),
            name: site.name.clone(),
            address: site.address.clone(),
            division_code: site.division_code.clone(),
            latitude: text(site.latitude),
            longitude: text(site.longitude),
            datum: site
                .datum
                .map_or(Datum::Gcj02.as_str(), Datum::as_str)
                .to_owned(),
            opening_hours: site.opening_hours.clone().unwrap_or_default(),
            services: site.services.clone(),
            operator: site.operator_name.clone().unwrap_or_default(),
            opened_on: site.opened_on.map(|d| d.to_string()).unwrap_or_default(),
            closed_on: site.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            contact_name: site.contact_name.clone().unwrap_or_default(),
            contact_phone: site.contact_phone.clone().unwrap_or_default(),
            version: site.version,
        }
    }

    pub fn parse(&self) -> Result<SiteInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let kind = SiteKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "form.choose");
        }
        let name = required_text(&mut errors, "name", &self.name, 200);
        if errors.get("name").is_none() && name.chars().count() < 2 {
            errors.add("name", "sites.name_short");
        }
        let address = required_text(&mut errors, "address", &self.address, 300);
        if errors.get("address").is_none() && address.chars().count() < 2 {
            errors.add("address", "sites.address_short");
        }
        let division_code = self.division_code.trim().to_owned();
        if division_code.is_empty() {
            errors.add("division_code", "form.required");
        } else if division_code.len() != 6 || !division_code.bytes().all(|b| b.is_ascii_digit()) {
            errors.add("division_code", "unions.code_format");
        } else if !divisions::is_known(&division_code) {
            errors.add("division_code", "sites.division_unknown");
        }
        let (latitude, longitude, datum) = self.coordinates(&mut errors);
        let opening_hours = optional_text(&mut errors, "opening_hours", &self.opening_hours, 200);
        let mut services = Vec::new();
        for value in self
            .services
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
        {
            match Domain::parse(value) {
                Some(domain) if !services.contains(&domain.as_str().to_owned()) => {
                    services.push(domain.as_str().to_owned());
                }
                Some(_) => {}
                None => errors.add("services", "form.choose"),
            }
        }
        let operator = optional_text(&mut errors, "operator", &self.operator, 200);
        let opened_on = date(&mut errors, "opened_on", &self.opened_on);
        let closed_on = date(&mut errors, "closed_on", &self.closed_on);
        if let (Some(opened), Some(closed)) = (opened_on, closed_on)
            && closed < opened
        {
            errors.add("closed_on", "sites.closed_before_opened");
        }
        let contact_name = optional_text(&mut errors, "contact_name", &self.contact_name, 100);
        let contact_phone = optional_text(&mut errors, "contact_phone", &self.contact_phone, 40);
        if contact_phone.as_deref().is_some_and(|p| !is_phone(p)) {
            errors.add("contact_phone", "orgs.phone_format");
        }
        match (union_id, kind) {
            (Some(union_id), Some(kind)) if errors.is_empty() => Ok(SiteInput {
                union_id,
                kind: kind.as_str(),
                name,
                address,
                division_code,
                latitude,
                longitude,
                datum,
                opening_hours,
                services,
                operator,
                operator_org_id: None,
                opened_on,
                closed_on,
                contact_name,
                contact_phone,
            }),
            _ => Err(errors),
        }
    }

    /// Latitude, longitude and their datum: all three or none; inside China.
    fn coordinates(
        &self,
        errors: &mut FieldErrors,
    ) -> (Option<f64>, Option<f64>, Option<&'static str>) {
        let number = |errors: &mut FieldErrors, field: &'static str, value: &str| {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            let parsed = value.parse::<f64>().ok().filter(|v| v.is_finite());
            if parsed.is_none() {
                errors.add(field, "sites.coordinate_format");
            }
            parsed
        };
        let latitude = number(errors, "latitude", &self.latitude);
        let longitude = number(errors, "longitude", &self.longitude);
        let typed = |v: &str| !v.trim().is_empty();
        if typed(&self.latitude) != typed(&self.longitude) {
            let missing = if typed(&self.latitude) {
                "longitude"
            } else {
                "latitude"
            };
            errors.add(missing, "sites.coordinate_pair");
            return (None, None, None);
        }
        let (Some(lat), Some(lon)) = (latitude, longitude) else {
            return (None, None, None);
        };
        let (south, north, west, east) = CHINA_BOX;
        if !(south..=north).contains(&lat) || !(west..=east).contains(&lon) {
            errors.add("latitude", "sites.outside_china");
            return (None, None, None);
        }
        let Some(datum) = Datum::parse(self.datum.trim()) else {
            errors.add("datum", "sites.datum_required");
            return (None, None, None);
        };
        (Some(lat), Some(lon), Some(datum.as_str()))
    }
}

fn date(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        return None;
    }
    let parsed = parse_date(value);
    if parsed.is_none() {
        errors.add(field, "form.invalid_date");
    }
    parsed
}

/// Whether a site's division `code` lies inside its owning union's division:
/// a union without a code takes any known code; a union whose code the lists
/// do not know takes the codes that start as its own does.
pub fn within_union(union_code: Option<&str>, code: &str) -> bool {
    match union_code {
        None => true,
        Some(own) if divisions::is_known(own) => divisions::contains(own, code),
        Some(own) => code.starts_with(divisions::prefix(own)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> SiteForm {
        SiteForm {
            union_id: "4".into(),
            kind: "service_center".into(),
            name: "武侯区职工服务中心".into(),
            address: "成都市武侯区人民南路四段 1 号".into(),
            division_code: "510107".into(),
            latitude: "30.64".into(),
            longitude: "104.07".into(),
            datum: "gcj02".into(),
            services: vec!["legal_aid".into(), "employment".into()],
            opened_on: "2020-05-01".into(),
            contact_phone: "028-85551234".into(),
            ..SiteForm::default()
        }
    }

    #[test]
    fn a_filled_form_parses() {
        let input = filled().parse().expect("valid");
        assert_eq!(input.latitude, Some(30.64));
        assert_eq!(input.datum, Some("gcj02"));
        assert_eq!(input.services, vec!["legal_aid", "employment"]);
    }

    #[test]
    fn coordinates_outside_china_are_refused() {
        let mut form = filled();
        form.latitude = "48.85".into();
        form.longitude = "2.35".into();
        let errors = form.parse().expect_err("Paris");
        assert_eq!(
            errors.get("latitude").map(|m| m.key),
            Some("sites.outside_china")
        );
    }

    #[test]
    fn unknown_codes_half_pairs_and_dates_in_the_wrong_order_are_refused() {
        let mut form = filled();
        form.division_code = "519999".into();
        form.longitude = String::new();
        form.closed_on = "2019-01-01".into();
        let errors = form.parse().expect_err("invalid");
        assert_eq!(
            errors.get("division_code").map(|m| m.key),
            Some("sites.division_unknown")
        );
        assert_eq!(
            errors.get("longitude").map(|m| m.key),
            Some("sites.coordinate_pair")
        );
        assert_eq!(
            errors.get("closed_on").map(|m| m.key),
            Some("sites.closed_before_opened")
        );
    }

    #[test]
    fn a_site_lies_inside_its_unions_division() {
        assert!(within_union(Some("510000"), "510107"));
        assert!(within_union(Some("510100"), "510107"));
        assert!(!within_union(Some("511800"), "510107"));
        assert!(within_union(None, "110105"));
    }
}
