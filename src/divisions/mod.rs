//! China's administrative divisions (行政区划, GB/T 2260): which six-digit
//! codes exist, their names, their parents, and whether one division lies
//! inside another. The lists are the seed's (`seed/divisions/*.csv`, see its
//! SOURCE.md), embedded in the binary and parsed once, on first use.
//!
//! A code has six digits: `PP0000` a province, `PPCC00` a prefecture, `PPCCDD`
//! a county. Prefectures of the municipalities are `市辖区`/`县` rows, and a
//! county may hang straight under its province's `省直辖县级行政区划` row, so
//! parents come from the lists, not from the digits.

use std::collections::HashMap;
use std::sync::LazyLock;

const PROVINCES_CSV: &str = include_str!("../seed/divisions/provinces.csv");
const CITIES_CSV: &str = include_str!("../seed/divisions/cities.csv");
const AREAS_CSV: &str = include_str!("../seed/divisions/areas.csv");

/// The three tiers of the lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    Province,
    Prefecture,
    County,
}

/// One division of the lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Division {
    pub code: String,
    pub name: String,
    pub parent: Option<String>,
    pub tier: Tier,
}

static DIVISIONS: LazyLock<HashMap<String, Division>> = LazyLock::new(load);

fn load() -> HashMap<String, Division> {
    let mut map = HashMap::new();
    let mut add = |code: String, name: &str, parent: Option<String>, tier| {
        let division = Division {
            code: code.clone(),
            name: name.to_owned(),
            parent,
            tier,
        };
        map.insert(code, division);
    };
    for row in csv_rows(PROVINCES_CSV) {
        add(pad(&row[0]), &row[1], None, Tier::Province);
    }
    for row in csv_rows(CITIES_CSV) {
        add(pad(&row[0]), &row[1], Some(pad(&row[2])), Tier::Prefecture);
    }
    // A prefecture without counties (东莞 441900, 中山 442000, 儋州 460400) is
    // listed again as its own county: the prefecture is kept.
    for row in csv_rows(AREAS_CSV) {
        let (code, parent) = (pad(&row[0]), pad(&row[2]));
        if code != parent {
            add(code, &row[1], Some(parent), Tier::County);
        }
    }
    map
}

fn pad(code: &str) -> String {
    format!("{code:0<6}")
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|record| record.iter().map(str::to_owned).collect())
        .collect()
}

/// The division of a six-digit code, if the lists know it.
pub fn get(code: &str) -> Option<&'static Division> {
    DIVISIONS.get(code)
}

/// Whether the lists know the code.
pub fn is_known(code: &str) -> bool {
    get(code).is_some()
}

/// The division's own name (成都市, 武侯区).
pub fn name(code: &str) -> Option<&'static str> {
    get(code).map(|d| d.name.as_str())
}

/// The division and every division above it, itself first, its province
/// last; empty for an unknown code.
pub fn chain(code: &str) -> Vec<&'static Division> {
    let mut chain = Vec::new();
    let mut next = get(code);
    // Three tiers at most: a malformed list cannot make this loop forever.
    while let Some(division) = next.filter(|_| chain.len() < 3) {
        chain.push(division);
        next = division.parent.as_deref().and_then(get);
    }
    chain
}

/// The name with its parents, from the province down (四川省成都市武侯区);
/// the placeholder prefectures of the municipalities (市辖区, 县, 省直辖…)
/// are left out.
pub fn full_name(code: &str) -> Option<String> {
    let chain = chain(code);
    if chain.is_empty() {
        return None;
    }
    let names: Vec<&str> = chain
        .iter()
        .rev()
        .filter(|d| !(d.tier == Tier::Prefecture && is_placeholder(&d.name)))
        .map(|d| d.name.as_str())
        .collect();
    Some(names.concat())
}

fn is_placeholder(name: &str) -> bool {
    matches!(name, "市辖区" | "县") || name.starts_with("省直辖") || name.starts_with("自治区直辖")
}

/// Whether `inner` lies inside `outer` (a division contains itself). Both
/// must be known.
pub fn contains(outer: &str, inner: &str) -> bool {
    is_known(outer) && chain(inner).iter().any(|d| d.code == outer)
}

/// The digits a code's descendants start with: `51` for 510000, `5101` for
/// 510100, the whole code for a county. For a list's "in this division" filter.
pub fn prefix(code: &str) -> &str {
    if code.len() != 6 {
        return code;
    }
    if code.ends_with("0000") {
        &code[..2]
    } else if code.ends_with("00") {
        &code[..4]
    } else {
        code
    }
}

/// The divisions directly below `code`, by code.
pub fn children(code: &str) -> Vec<&'static Division> {
    let mut children: Vec<&Division> = DIVISIONS
        .values()
        .filter(|d| d.parent.as_deref() == Some(code))
        .collect();
    children.sort_by(|a, b| a.code.cmp(&b.code));
    children
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_division_is_there_with_its_parent() {
        // Three prefectures without counties are listed as their own county too.
        assert_eq!(DIVISIONS.len(), 31 + 342 + 2978 - 3);
        assert_eq!(chain("441900").len(), 2, "东莞 is a prefecture of 广东");
        assert!(contains("440000", "441900"));
        assert_eq!(name("510107"), Some("武侯区"));
        assert_eq!(get("510100").map(|d| d.tier), Some(Tier::Prefecture));
        let chain: Vec<&str> = chain("510107").iter().map(|d| d.code.as_str()).collect();
        assert_eq!(chain, ["510107", "510100", "510000"]);
        assert!(
            DIVISIONS
                .values()
                .all(|d| d.parent.as_deref().is_none_or(is_known))
        );
    }

    #[test]
    fn unknown_codes_are_not_known() {
        assert!(!is_known("519999"));
        assert!(!is_known("51010"));
        assert!(chain("999999").is_empty());
        assert_eq!(full_name("123456"), None);
    }

    #[test]
    fn containment_follows_the_lists() {
        assert!(contains("510000", "510107"));
        assert!(contains("510100", "510107"));
        assert!(contains("510107", "510107"));
        assert!(!contains("511800", "510107"));
        assert!(!contains("440000", "510107"));
        assert!(contains("110000", "110105"));
        // A county directly under its province's 省直辖 row.
        assert!(contains("420000", "429004"));
        assert!(!contains("999900", "510107"));
    }

    #[test]
    fn full_names_leave_out_placeholder_prefectures() {
        assert_eq!(full_name("510107").as_deref(), Some("四川省成都市武侯区"));
        assert_eq!(full_name("110105").as_deref(), Some("北京市朝阳区"));
    }

    #[test]
    fn prefixes_name_a_division_and_everything_below() {
        assert_eq!(prefix("510000"), "51");
        assert_eq!(prefix("510100"), "5101");
        assert_eq!(prefix("510107"), "510107");
        assert_eq!(children("510000").len(), 21);
    }
}
