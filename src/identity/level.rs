//! Union levels. They nest downward: a child's level is always below its parent's.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    National,
    Provincial,
    Municipal,
    County,
    Grassroots,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::National,
        Level::Provincial,
        Level::Municipal,
        Level::County,
        Level::Grassroots,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Provincial => "provincial",
            Level::Municipal => "municipal",
            Level::County => "county",
            Level::Grassroots => "grassroots",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.as_str() == value)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Level::National => "level.national",
            Level::Provincial => "level.provincial",
            Level::Municipal => "level.municipal",
            Level::County => "level.county",
            Level::Grassroots => "level.grassroots",
        }
    }

    /// The levels a child of a union at this level may have.
    pub fn child_levels(self) -> impl Iterator<Item = Level> {
        Self::ALL
            .into_iter()
            .filter(move |level| *level > self && *level != Level::National)
    }

    /// How many leading digits of a division code identify a division at this
    /// level (`44` province, `4401` prefecture, `440106` county); a child's code
    /// must start with its parent's.
    pub fn division_prefix_len(self) -> usize {
        match self {
            Level::National => 0,
            Level::Provincial => 2,
            Level::Municipal => 4,
            Level::County | Level::Grassroots => 6,
        }
    }
}

crate::text_column!(Level);

impl TryFrom<String> for Level {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value).ok_or_else(|| format!("unknown union level {value}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_sit_strictly_below() {
        let under_county: Vec<_> = Level::County.child_levels().collect();
        assert_eq!(under_county, vec![Level::Grassroots]);
        assert_eq!(Level::Grassroots.child_levels().count(), 0);
        assert_eq!(Level::National.child_levels().count(), 4);
    }
}
