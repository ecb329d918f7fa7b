//! The national view's map: the 31 provinces as a grid of equal tiles, each
//! roughly where the province lies, coloured by the figure the reader picks.
//! A tile grid needs no outline geometry (and so no map data with a licence
//! to check) and keeps every province, Beijing as much as Xinjiang, big
//! enough to read and to click.

/// (division code's first two digits, short name, row, column).
const TILES: [(&str, &str, u32, u32); 31] = [
    ("23", "黑龙江", 0, 7),
    ("65", "新疆", 1, 1),
    ("15", "内蒙古", 1, 5),
    ("22", "吉林", 1, 7),
    ("62", "甘肃", 2, 2),
    ("64", "宁夏", 2, 3),
    ("14", "山西", 2, 4),
    ("13", "河北", 2, 5),
    ("11", "北京", 2, 6),
    ("21", "辽宁", 2, 7),
    ("54", "西藏", 3, 1),
    ("63", "青海", 3, 2),
    ("61", "陕西", 3, 3),
    ("41", "河南", 3, 4),
    ("37", "山东", 3, 5),
    ("12", "天津", 3, 6),
    ("51", "四川", 4, 2),
    ("50", "重庆", 4, 3),
    ("42", "湖北", 4, 4),
    ("34", "安徽", 4, 5),
    ("32", "江苏", 4, 6),
    ("53", "云南", 5, 2),
    ("52", "贵州", 5, 3),
    ("43", "湖南", 5, 4),
    ("36", "江西", 5, 5),
    ("33", "浙江", 5, 6),
    ("31", "上海", 5, 7),
    ("45", "广西", 6, 3),
    ("44", "广东", 6, 4),
    ("35", "福建", 6, 5),
    ("46", "海南", 7, 3),
];

const TILE_W: u32 = 72;
const TILE_H: u32 = 50;
const GAP: u32 = 4;

/// One province's tile: where it is drawn, its name, its figure as shown,
/// its shade (0 none … 5 the most) and its dashboard.
#[derive(Clone, Debug)]
pub struct Tile {
    pub x: u32,
    pub y: u32,
    pub name: &'static str,
    pub value: String,
    pub shade: u8,
    pub href: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Map {
    pub tiles: Vec<Tile>,
    pub width: u32,
    pub height: u32,
}

/// A province's figure: its division code, its value, the value as shown and
/// its dashboard.
#[derive(Clone, Debug)]
pub struct Province {
    pub division_code: String,
    pub value: i64,
    pub shown: String,
    pub href: String,
}

impl Map {
    /// The tiles, shaded in five steps of the largest value; a province the
    /// reader has no figure for is drawn blank.
    pub fn new(provinces: &[Province]) -> Self {
        let largest = provinces.iter().map(|p| p.value).max().unwrap_or(0).max(1);
        let tiles = TILES
            .iter()
            .map(|(code, name, row, col)| {
                let province = provinces.iter().find(|p| p.division_code.starts_with(code));
                let shade = province.map_or(0, |p| {
                    if p.value <= 0 {
                        0
                    } else {
                        1 + u8::try_from((p.value * 4 / largest).clamp(0, 4)).unwrap_or(4)
                    }
                });
                Tile {
                    x: col * (TILE_W + GAP),
                    y: row * (TILE_H + GAP),
                    name,
                    value: province.map_or_else(|| "—".to_owned(), |p| p.shown.clone()),
                    shade,
                    href: province.map(|p| p.href.clone()),
                }
            })
            .collect();
        Self {
            tiles,
            width: 8 * (TILE_W + GAP),
            height: 8 * (TILE_H + GAP),
        }
    }

    pub fn tile_w(&self) -> u32 {
        TILE_W
    }

    pub fn tile_h(&self) -> u32 {
        TILE_H
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_has_one_tile_of_its_own() {
        let mut codes: Vec<&str> = TILES.iter().map(|t| t.0).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 31);
        let mut places: Vec<(u32, u32)> = TILES.iter().map(|t| (t.2, t.3)).collect();
        places.sort_unstable();
        places.dedup();
        assert_eq!(places.len(), 31, "two provinces on one tile");
    }

    #[test]
    fn tiles_are_shaded_by_their_share_of_the_largest() {
        let province = |code: &str, value| Province {
            division_code: code.into(),
            value,
            shown: value.to_string(),
            href: format!("/stats/{code}"),
        };
        let map = Map::new(&[province("440000", 100), province("110000", 10)]);
        let shade = |name| map.tiles.iter().find(|t| t.name == name).map(|t| t.shade);
        assert_eq!(shade("广东"), Some(5));
        assert_eq!(shade("北京"), Some(1));
        assert_eq!(shade("西藏"), Some(0));
    }
}
