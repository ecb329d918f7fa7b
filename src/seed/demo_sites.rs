//! The demo's service sites: Sichuan's service centers at province, 成都 and
//! 雅安 level (and in 武侯区 and 雨城区) with township and street points,
//! stations, 15分钟之家 and rest stops below them; Beijing's 环卫工人爱心驿站
//! in 朝阳区 (run by the demo's legal-aid center) and 楼宇工会服务站 in 海淀区;
//! a rest stop in 广州 run by the demo's 新市民 service center.
//! Once: nothing when sites exist.

use sqlx::PgConnection;

/// (owning union's division code, kind, name, address, division code,
/// coordinates (GCJ-02), opening hours, services, operator's name).
type DemoSite = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<(f64, f64)>,
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
);

const WEEKDAYS: &str = "周一至周五 9:00–17:30";
const ALL_WEEK: &str = "每天 8:00–20:00";

const SITES: &[DemoSite] = &[
    (
        "510000",
        "service_center",
        "四川省职工服务中心",
        "成都市青羊区人民中路二段 68 号",
        "510105",
        Some((30.6701, 104.0652)),
        WEEKDAYS,
        &[
            "employment",
            "legal_aid",
            "psychological_support",
            "skills_training",
        ],
        None,
    ),
    (
        "510000",
        "station",
        "四川省总工会藏区职工服务站（康定）",
        "甘孜藏族自治州康定市炉城镇",
        "513301",
        None,
        WEEKDAYS,
        &["employment", "culture"],
        None,
    ),
    (
        "510100",
        "service_center",
        "成都市职工服务中心",
        "成都市成华区建设路 55 号",
        "510108",
        Some((30.6776, 104.1113)),
        WEEKDAYS,
        &["employment", "legal_aid", "skills_training"],
        None,
    ),
    (
        "510100",
        "outdoor_rest",
        "天府广场户外劳动者歇脚点",
        "成都市青羊区天府广场东侧",
        "510105",
        Some((30.6574, 104.0664)),
        ALL_WEEK,
        &["outdoor_workers"],
        None,
    ),
    (
        "510107",
        "service_center",
        "武侯区职工服务中心",
        "成都市武侯区人民南路四段 19 号",
        "510107",
        Some((30.6297, 104.0723)),
        WEEKDAYS,
        &["employment", "legal_aid", "psychological_support"],
        None,
    ),
    (
        "510107",
        "service_point",
        "浆洗街街道职工服务点",
        "成都市武侯区浆洗街 12 号",
        "510107",
        None,
        WEEKDAYS,
        &["legal_aid", "social_security"],
        None,
    ),
    (
        "510107",
        "service_point",
        "玉林街道职工服务点",
        "成都市武侯区玉林北路 3 号",
        "510107",
        None,
        WEEKDAYS,
        &["employment"],
        None,
    ),
    (
        "510107",
        "home_15min",
        "红牌楼社区 15分钟职工之家",
        "成都市武侯区红牌楼路 88 号",
        "510107",
        None,
        ALL_WEEK,
        &["culture", "outdoor_workers"],
        None,
    ),
    (
        "510107",
        "home_15min",
        "簇桥社区 15分钟职工之家",
        "成都市武侯区簇桥街道锦城大道",
        "510107",
        None,
        ALL_WEEK,
        &["culture"],
        None,
    ),
    (
        "511800",
        "service_center",
        "雅安市职工服务中心",
        "雅安市雨城区雅州大道 1 号",
        "511802",
        Some((29.9806, 103.0133)),
        WEEKDAYS,
        &["employment", "legal_aid"],
        None,
    ),
    (
        "511802",
        "service_center",
        "雨城区职工服务中心",
        "雅安市雨城区少年宫路 6 号",
        "511802",
        None,
        WEEKDAYS,
        &["employment", "skills_training"],
        None,
    ),
    (
        "511802",
        "service_point",
        "河北街道职工服务点",
        "雅安市雨城区河北街道",
        "511802",
        None,
        WEEKDAYS,
        &["social_security"],
        None,
    ),
    (
        "511802",
        "home_15min",
        "东城街道 15分钟职工之家",
        "雅安市雨城区东城街道",
        "511802",
        None,
        ALL_WEEK,
        &["culture"],
        None,
    ),
    (
        "440100",
        "outdoor_rest",
        "天河路户外劳动者驿站",
        "广州市天河区天河路 208 号",
        "440106",
        Some((23.1321, 113.3270)),
        ALL_WEEK,
        &["outdoor_workers", "legal_aid"],
        Some("广州市新市民社会工作服务中心"),
    ),
    (
        "110105",
        "sanitation_station",
        "朝阳区三里屯环卫工人爱心驿站",
        "北京市朝阳区三里屯路 19 号",
        "110105",
        Some((39.9365, 116.4551)),
        ALL_WEEK,
        &["outdoor_workers", "safety_health"],
        Some("北京市朝阳区职工法律援助服务中心"),
    ),
    (
        "110105",
        "sanitation_station",
        "朝阳区望京环卫工人爱心驿站",
        "北京市朝阳区望京街 10 号",
        "110105",
        None,
        ALL_WEEK,
        &["outdoor_workers"],
        None,
    ),
    (
        "110108",
        "building_station",
        "中关村科技园楼宇工会服务站",
        "北京市海淀区中关村大街 27 号",
        "110108",
        Some((39.9834, 116.3164)),
        WEEKDAYS,
        &["legal_aid", "psychological_support", "democratic_rights"],
        None,
    ),
];

pub async fn seed_sites(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let seeded = sqlx::query_scalar!(r#"select exists (select 1 from service_sites) as "seeded!""#)
        .fetch_one(&mut *conn)
        .await?;
    if seeded {
        return Ok(());
    }
    for (union_code, kind, name, address, division, coordinates, hours, services, operator) in SITES
    {
        let services: Vec<String> = services.iter().map(|s| (*s).to_owned()).collect();
        sqlx::query!(
            "insert into service_sites (union_id, kind, name, address, division_code, latitude,
                                        longitude, datum, opening_hours, services,
                                        operator_org_id, opened_on, contact_name, contact_phone)
             select u.id, $2, $3, $4, $5, $6, $7, case when $6::float8 is null then null else 'gcj02' end,
                    $8, $9, (select o.id from organizations o where o.name = $10),
                    current_date - 400, '值班人员', '12351'
               from unions u where u.division_code = $1 and u.level <> 'grassroots'",
            union_code,
            kind,
            name,
            address,
            division,
            coordinates.map(|c| c.0),
            coordinates.map(|c| c.1),
            hours,
            &services,
            *operator
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
