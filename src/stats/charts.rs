//! Charts drawn as SVG on the server: horizontal bars, a donut of shares and
//! a line of a trend. Each is a few shapes whose geometry is computed here and
//! written by `templates/stats/_charts.html`; they need no script and print as
//! they look. A crate (plotters, charts-rs) would bring its own text layout,
//! which draws Chinese labels only with fonts it embeds; the browser already
//! lays out Chinese text, so the page keeps the text and draws only shapes.

/// Where the bars start and how long the longest is, in SVG units of a
/// 640-wide drawing.
const LABEL_WIDTH: u32 = 168;
const BAR_SPACE: u32 = 380;
const BAR_ROW: u32 = 26;
/// Characters of a label shown in a chart (the table beside has it whole).
const LABEL_CHARS: usize = 11;

/// One bar: its label, the value as shown, its length and where it sits.
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub value: String,
    pub y: u32,
    pub text_y: u32,
    pub width: u32,
    pub value_x: u32,
}

#[derive(Clone, Debug)]
pub struct Bars {
    pub bars: Vec<Bar>,
    pub height: u32,
    pub bar_x: u32,
}

/// A label cut to what fits beside a bar.
fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        let mut cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

impl Bars {
    /// Bars of (label, value, value as shown), scaled to the largest
    /// value; negative values draw as nothing.
    pub fn new(items: Vec<(String, i64, String)>) -> Self {
        let largest = items.iter().map(|(_, v, _)| *v).max().unwrap_or(0).max(1);
        let bars = items
            .into_iter()
            .enumerate()
            .map(|(i, (label, value, shown))| {
                let y = u32::try_from(i).unwrap_or(u32::MAX).saturating_mul(BAR_ROW);
                let width = u32::try_from(value.clamp(0, largest) * i64::from(BAR_SPACE) / largest)
                    .unwrap_or(0);
                Bar {
                    label: short(&label),
                    value: shown,
                    y: y + 5,
                    text_y: y + 18,
                    width,
                    value_x: LABEL_WIDTH + width + 6,
                }
            })
            .collect::<Vec<_>>();
        let height = u32::try_from(bars.len()).unwrap_or(0) * BAR_ROW + 4;
        Self {
            bars,
            height,
            bar_x: LABEL_WIDTH,
        }
    }
}

/// One slice of a donut: a stroke along a circle of circumference 100, so
/// that its length is its share in percent (`dasharray`) and it starts where
/// the one before ended (`offset`, counted from twelve o'clock).
#[derive(Clone, Debug)]
pub struct Slice {
    pub label: String,
    pub share: String,
    pub dasharray: String,
    pub offset: String,
    pub class: &'static str,
}

#[derive(Clone, Debug)]
pub struct Donut {
    pub slices: Vec<Slice>,
    pub total: String,
}

const PALETTE: [&str; 8] = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"];

impl Donut {
    /// Slices of (label, value) with the total as shown in the middle; zero
    /// and negative values are left out.
    pub fn new(items: Vec<(String, i64)>, total: String) -> Self {
        let sum: i64 = items.iter().map(|(_, v)| (*v).max(0)).sum();
        let mut before = 0.0_f64;
        let slices = items
            .into_iter()
            .filter(|(_, v)| *v > 0)
            .enumerate()
            .map(|(i, (label, value))| {
                let share = value as f64 * 100.0 / sum.max(1) as f64;
                let slice = Slice {
                    label,
                    share: format!("{share:.1}%"),
                    dasharray: format!("{share:.3} {:.3}", 100.0 - share),
                    offset: format!("{:.3}", 25.0 - before),
                    class: PALETTE[i % PALETTE.len()],
                };
                before += share;
                slice
            })
            .collect();
        Self { slices, total }
    }
}

/// A line over months: the points, the axis labels under them, and the
/// largest value (the top of the drawing).
#[derive(Clone, Debug)]
pub struct Line {
    pub points: String,
    pub dots: Vec<(String, String, String)>,
    pub labels: Vec<(String, String)>,
    pub top: String,
}

const LINE_WIDTH: f64 = 600.0;
const LINE_HEIGHT: f64 = 160.0;

impl Line {
    /// A line through (label, value, value as shown) from left to right.
    pub fn new(points: Vec<(String, i64, String)>) -> Self {
        let top = points.iter().map(|(_, v, _)| *v).max().unwrap_or(0).max(1);
        let step = LINE_WIDTH / (points.len().max(2) - 1) as f64;
        let place = |i: usize, v: i64| {
            let x = 20.0 + i as f64 * step * (LINE_WIDTH - 40.0) / LINE_WIDTH;
            let y = 10.0 + (LINE_HEIGHT - 20.0) * (1.0 - v.max(0) as f64 / top as f64);
            (format!("{x:.1}"), format!("{y:.1}"))
        };
        let mut dots = Vec::new();
        let mut labels = Vec::new();
        let mut line = Vec::new();
        for (i, (label, value, shown)) in points.into_iter().enumerate() {
            let (x, y) = place(i, value);
            line.push(format!("{x},{y}"));
            labels.push((x.clone(), label));
            dots.push((x, y, shown));
        }
        Self {
            points: line.join(" "),
            dots,
            labels,
            top: top.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest() {
        let bars = Bars::new(vec![
            ("广东省总工会".into(), 200, "200".into()),
            ("一个名字很长很长很长的工会委员会".into(), 50, "50".into()),
            ("负数".into(), -3, "-3".into()),
        ]);
        let widths: Vec<u32> = bars.bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, vec![BAR_SPACE, BAR_SPACE / 4, 0]);
        assert_eq!(bars.bars[1].label.chars().count(), LABEL_CHARS);
        assert!(bars.bars[1].label.ends_with('…'));
    }

    #[test]
    fn a_donut_goes_once_round() {
        let donut = Donut::new(
            vec![("a".into(), 1), ("b".into(), 3), ("none".into(), 0)],
            "4".into(),
        );
        assert_eq!(donut.slices.len(), 2);
        assert_eq!(donut.slices[0].share, "25.0%");
        assert_eq!(donut.slices[0].offset, "25.000");
        assert_eq!(donut.slices[1].offset, "0.000");
        assert_eq!(donut.slices[1].dasharray, "75.000 25.000");
    }

    #[test]
    fn a_line_runs_from_the_bottom_to_the_top() {
        let line = Line::new(vec![
            ("1月".into(), 0, "0".into()),
            ("2月".into(), 10, "10".into()),
        ]);
        assert_eq!(line.points, "20.0,150.0 580.0,10.0");
        assert_eq!(line.top, "10");
    }
}
