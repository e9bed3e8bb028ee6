//! SVG charts drawn with plotters' SVG backend.

use plotters::prelude::*;

use crate::error::{Error, Result};

/// Favor green, against red (the same colours as the HTML labels).
const FAVOR: RGBColor = RGBColor(0x1b, 0x7f, 0x4b);
const AGAINST: RGBColor = RGBColor(0xc0, 0x39, 0x2b);

fn plot_error(e: impl std::fmt::Display) -> Error {
    Error::InvalidParam {
        name: "plot",
        message: e.to_string(),
    }
}

/// One small multiple: the share of favor and against per period (`None`
/// where the period has no quote), all panels on the same axes. `periods`
/// label the x axis; `counts` are the quotes per period.
pub fn stance_over_time(
    title: &str,
    periods: &[String],
    favor: &[Option<f64>],
    against: &[Option<f64>],
    counts: &[usize],
) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (280, 165)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let last = periods.len().saturating_sub(1).max(1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 13))
            .margin(6)
            .x_label_area_size(22)
            .y_label_area_size(30)
            .build_cartesian_2d(-0.3..last + 0.3, 0.0..1.0)
            .map_err(plot_error)?;
        let label = |x: &f64| {
            let i = x.round();
            if (x - i).abs() > 0.01 || i < 0.0 {
                return String::new();
            }
            periods.get(i as usize).cloned().unwrap_or_default()
        };
        chart
            .configure_mesh()
            .x_labels(periods.len().min(6))
            .x_label_formatter(&label)
            .y_labels(3)
            .y_label_formatter(&|y| format!("{:.0}%", 100.0 * y))
            .label_style(("sans-serif", 10))
            .light_line_style(WHITE)
            .draw()
            .map_err(plot_error)?;
        for (series, colour) in [(favor, FAVOR), (against, AGAINST)] {
            let points: Vec<(f64, f64)> = series
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
                .collect();
            // Lines join adjacent periods only: a gap stays a gap.
            for pair in points.windows(2).filter(|w| w[1].0 - w[0].0 < 1.5) {
                chart
                    .draw_series(LineSeries::new(
                        pair.iter().copied(),
                        colour.stroke_width(2),
                    ))
                    .map_err(plot_error)?;
            }
            chart
                .draw_series(points.iter().map(|&(x, y)| {
                    Circle::new((x, y), 3 + circle_size(counts[x as usize]), colour.filled())
                }))
                .map_err(plot_error)?;
        }
        root.present().map_err(plot_error)?;
    }
    Ok(svg)
}

/// Extra marker radius for a period with `n` quotes (more quotes, bigger).
fn circle_size(n: usize) -> i32 {
    match n {
        0..=1 => 0,
        2..=4 => 1,
        5..=19 => 2,
        _ => 3,
    }
}

/// One curve of a reliability diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct ReliabilitySeries {
    /// Its legend entry (e.g. `all (ECE 4.2)`).
    pub name: String,
    /// Per bin of top-class probability (equal widths over `[0, 1]`),
    /// `(count, mean confidence, accuracy)`.
    pub bins: Vec<(usize, f64, f64)>,
}

/// Series colours of the reliability diagram, in order.
const SERIES: [RGBColor; 3] = [
    RGBColor(0x1f, 0x4e, 0xa8),
    RGBColor(0xd3, 0x7a, 0x00),
    RGBColor(0x6a, 0x3d, 0x9a),
];

/// Confusion matrices (one per target) and a reliability diagram side by
/// side. `matrices`: target, counts (rows truth, columns predicted, order
/// favor/against/none). `series`: the reliability curves; the first is also
/// drawn as bars (accuracy per bin), every one as points at (mean
/// confidence, accuracy) joined by a line, with a legend.
pub fn evaluation(
    matrices: &[(String, [[usize; 3]; 3])],
    series: &[ReliabilitySeries],
) -> Result<String> {
    let cell = 44i32;
    let panel_w = 3 * cell + 90;
    let width = panel_w * matrices.len() as i32 + 380;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width as u32, 260)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let names = ["favor", "against", "none"];
        let text = |s: &str, x: i32, y: i32, size: i32| {
            Text::new(
                s.to_owned(),
                (x, y),
                ("sans-serif", size).into_font().color(&BLACK),
            )
        };
        for (k, (target, m)) in matrices.iter().enumerate() {
            let x0 = k as i32 * panel_w + 70;
            let y0 = 50;
            root.draw(&text(&format!("{target} (rows truth)"), x0 - 50, 12, 13))
                .map_err(plot_error)?;
            let max = m.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
            for (i, row) in m.iter().enumerate() {
                root.draw(&text(
                    names[i],
                    x0 - 60,
                    y0 + i as i32 * cell + cell / 2 - 5,
                    11,
                ))
                .map_err(plot_error)?;
                for (j, &c) in row.iter().enumerate() {
                    let shade = 1.0 - 0.75 * c as f64 / max;
                    let blue = RGBColor((255.0 * shade) as u8, (255.0 * shade) as u8, 255);
                    let (x, y) = (x0 + j as i32 * cell, y0 + i as i32 * cell);
                    root.draw(&Rectangle::new(
                        [(x, y), (x + cell, y + cell)],
                        blue.filled(),
                    ))
                    .map_err(plot_error)?;
                    root.draw(&Rectangle::new(
                        [(x, y), (x + cell, y + cell)],
                        BLACK.stroke_width(1),
                    ))
                    .map_err(plot_error)?;
                    root.draw(&text(
                        &c.to_string(),
                        x + cell / 2 - 8,
                        y + cell / 2 - 6,
                        12,
                    ))
                    .map_err(plot_error)?;
                }
            }
            for (j, name) in names.iter().enumerate() {
                root.draw(&text(name, x0 + j as i32 * cell + 2, y0 - 14, 10))
                    .map_err(plot_error)?;
            }
        }
        let right = root.margin(0, 0, (panel_w * matrices.len() as i32) as u32, 0);
        draw_reliability(&right, series)?;
        root.present().map_err(plot_error)?;
    }
    Ok(svg)
}

/// The reliability diagram of `series` on `area` (see [`evaluation`]).
fn draw_reliability<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    series: &[ReliabilitySeries],
) -> Result<()> {
    let mut chart = ChartBuilder::on(area)
        .caption("reliability (top-class probability)", ("sans-serif", 13))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(36)
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)
        .map_err(plot_error)?;
    chart
        .configure_mesh()
        .x_desc("confidence")
        .y_desc("accuracy")
        .label_style(("sans-serif", 10))
        .draw()
        .map_err(plot_error)?;
    chart
        .draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], BLACK.mix(0.4)))
        .map_err(plot_error)?;
    if let Some(first) = series.first() {
        let n = first.bins.len().max(1) as f64;
        chart
            .draw_series(
                first
                    .bins
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.0 > 0)
                    .map(|(i, b)| {
                        let (lo, hi) = (i as f64 / n, (i + 1) as f64 / n);
                        Rectangle::new([(lo, 0.0), (hi, b.2)], SERIES[0].mix(0.25).filled())
                    }),
            )
            .map_err(plot_error)?;
    }
    for (s, colour) in series.iter().zip(SERIES.iter().cycle()) {
        let points: Vec<(f64, f64)> = s
            .bins
            .iter()
            .filter(|b| b.0 > 0)
            .map(|b| (b.1, b.2))
            .collect();
        let colour = *colour;
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                colour.stroke_width(2),
            ))
            .map_err(plot_error)?
            .label(s.name.as_str())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour.stroke_width(2)));
        chart
            .draw_series(
                points
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), 3, colour.filled())),
            )
            .map_err(plot_error)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 10))
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(plot_error)?;
    Ok(())
}
