//! The world map of the country index: an inline SVG drawn at build time.
//!
//! The map data is Natural Earth's admin-0 countries (public domain) as the
//! theme keeps them in `data/world-110m.json`, converted from the npm package
//! `world-atlas` by `tools/map-data/convert.py` (its README tells how and
//! what was decided there). [`WorldMap::parse`] reads that file once,
//! projects every ring and keeps each country's path data as text;
//! [`WorldMap::svg`] then only picks classes, links and titles, so one parsed
//! map serves any number of pages.
//!
//! Decisions:
//!
//! - **Projection**: Equal Earth (Šavrič, Patterson and Jenny, 2018), an
//!   equal-area pseudocylindrical projection, so a country's shaded area is
//!   true to its size. 1 radian on the equator's scale is [`SCALE`] user
//!   units: the map is about 974 units wide. The viewBox is centred on the
//!   Greenwich meridian (x = 0) and spans the data's latitudes only, so
//!   (0°, 0°) is at x = 0, y = 0, the horizontal centre.
//! - **Antimeridian**: world-atlas stitched Natural Earth's polygons into one
//!   topology, so the rings of Russia and Fiji jump from 180° to -180°. Each
//!   ring with such a jump is cut where it crosses the antimeridian (the
//!   crossing latitude interpolated) and each piece is closed along the map's
//!   edge, following the curved meridian in 1° steps. A piece that starts on
//!   one edge and ends on the other (a ring around a pole, as Antarctica's
//!   would be) is closed through the nearer pole.
//! - **Classes**: counts are bucketed on a log scale relative to the largest
//!   count drawn: a count `n` of a map whose largest count is `max` gets the
//!   smallest class `k` in 1..=5 with `n <= max^(k/5)`. So the largest count
//!   is always `c5` (unless it is 1: then every shaded country is `c1`), and
//!   with `max = 100` the classes hold 1-2, 3-6, 7-15, 16-39 and 40-100.
//!   Quantiles were not taken: on a small archive most counts are equal and
//!   quantile breaks collapse. [`WorldMap::legend`] lists the ranges.
//! - **Small countries**: a shaded country smaller than [`MARKER_AREA`]
//!   (about 19,000 km²: Qatar, Lebanon, Singapore, Malta, ...) gets a circle
//!   of radius [`MARKER_RADIUS`] at the centroid of its largest ring, in the
//!   same `<path>`, so it can be seen and clicked. Its winding follows that
//!   ring's, so the default nonzero fill rule never cuts a hole where they
//!   overlap.
//! - **Order**: paths are sorted by ISO numeric code, except that the
//!   1:50m additions come after the 1:110m countries (San Marino must lie on
//!   top of Italy) and countries drawn with a marker come last (so that no
//!   neighbour hides the marker).
//! - **Accessibility**: the `<svg>` is labelled by its `<title>`. With no
//!   link in it, it is `role="img"`; with links it is `role="group"`,
//!   because `img` makes its children presentational and would hide the
//!   links (focusable, so still reached by Tab) from screen readers. Each
//!   linked country is an `<a href>` whose first child is its `<title>`
//!   ("Kazakhstan: 12 articles"), its accessible name.
//! - **Ids**: the only id is the `<title>`'s, `map-` and a hash of the
//!   drawn content, so two different maps on one page never share one and
//!   the same input always gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::hash::fnv1a;
use crate::html::escape_keeping_apostrophes as escape;
use crate::text::Text;

/// User units per projected unit (the Equal Earth formulas work on a sphere
/// of radius 1): the map is `2 * 2.7066 * SCALE` ≈ 974 units wide.
pub const SCALE: f64 = 180.0;

/// Shaded countries whose projected area is below this many square user
/// units (≈ 1,250 km² each at [`SCALE`] 180) get a circle marker.
pub const MARKER_AREA: f64 = 15.0;

/// Radius of the marker of a small country, in user units.
pub const MARKER_RADIUS: f64 = 2.5;

/// Space around the data's extent, in user units, so borders are not cut.
const MARGIN: f64 = 2.0;

/// One country to draw: ISO numeric code, display name, how many articles, and the page's address (None: not linked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapCountry<'a> {
    /// ISO 3166-1 numeric code, e.g. 398 for Kazakhstan.
    pub numeric: u16,
    /// Name shown in the country's tooltip and accessible name.
    pub name: &'a str,
    /// Articles on the country; 0 draws it unshaded and unlinked.
    pub count: usize,
    /// Address of the country's page, written as given into `href`.
    pub path: Option<&'a str>,
}

/// The counts one shading class holds, for a legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassRange {
    /// 1 to 5: the class is `c{class}`.
    pub class: u8,
    /// Smallest count in the class.
    pub min: usize,
    /// Largest count in the class.
    pub max: usize,
}

/// The parsed map data.
#[derive(Debug, Clone)]
pub struct WorldMap {
    source: String,
    shapes: Vec<Shape>,
    /// `min_x min_y width height`, already formatted.
    view_box: String,
}

/// One country of the data, projected.
#[derive(Debug, Clone)]
struct Shape {
    numeric: Option<u16>,
    name: String,
    /// From the 1:50m file: drawn after the 1:110m countries.
    detail: bool,
    /// Path data of all its rings, in tenths of user units.
    d: String,
    /// Projected area in square user units.
    area: f64,
    /// Path data of the circle drawn for it when shaded and small.
    marker: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    source: String,
    countries: Vec<RawCountry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    id: Option<u16>,
    name: String,
    scale: u16,
    polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

/// A projected point in tenths of user units: x right, y down.
type Tenths = (i32, i32);

impl WorldMap {
    /// Reads the theme's map data (`data/world-110m.json`) and projects it.
    ///
    /// Fails on JSON that is not of that shape, a coordinate off the globe, a
    /// ring of fewer than 3 points or an ISO code given twice.
    pub fn parse(json: &str) -> Result<WorldMap, String> {
        let raw: RawMap =
            serde_json::from_str(json).map_err(|e| format!("map data is not valid: {e}"))?;
        let mut seen = BTreeMap::new();
        let mut shapes = Vec::with_capacity(raw.countries.len());
        let (mut min_y, mut max_y) = (f64::INFINITY, f64::NEG_INFINITY);
        for country in raw.countries {
            if let Some(code) = country.id {
                if let Some(first) = seen.insert(code, country.name.clone()) {
                    return Err(format!(
                        "map data gives code {code} twice: {first} and {}",
                        country.name
                    ));
                }
            }
            let mut rings = Vec::new();
            // Every projected point, for a country too small to keep a ring.
            let mut points_seen: Vec<Tenths> = Vec::new();
            for polygon in &country.polygons {
                for ring in polygon {
                    if ring.len() < 3 {
                        return Err(format!("{}: a ring has fewer than 3 points", country.name));
                    }
                    if let Some([lon, lat]) = ring
                        .iter()
                        .find(|[lon, lat]| !(lon.abs() <= 180.0 && lat.abs() <= 90.0))
                    {
                        return Err(format!(
                            "{}: point ({lon}, {lat}) is off the globe",
                            country.name
                        ));
                    }
                    let points: Vec<(f64, f64)> =
                        ring.iter().map(|&[lon, lat]| (lon, lat)).collect();
                    for piece in split_antimeridian(&points) {
                        let projected = project_ring(&piece);
                        points_seen.extend_from_slice(&projected);
                        // A piece that only runs along the edge has no area;
                        // nor has a ring of Vatican's size at this precision.
                        if projected.len() >= 3 && signed_area(&projected) != 0.0 {
                            rings.push(projected);
                        }
                    }
                }
            }
            if points_seen.is_empty() {
                return Err(format!("{}: no polygon to draw", country.name));
            }
            for &(_, y) in &points_seen {
                min_y = min_y.min(f64::from(y) / 10.0);
                max_y = max_y.max(f64::from(y) / 10.0);
            }
            shapes.push(Shape::new(
                country.id,
                country.name,
                country.scale != 110,
                &rings,
                &points_seen,
            ));
        }
        if shapes.is_empty() {
            return Err("map data has no country".to_string());
        }
        shapes.sort_by(|a, b| (a.detail, a.numeric, &a.name).cmp(&(b.detail, b.numeric, &b.name)));
        let half_width = project(180.0, 0.0).0 + MARGIN;
        let top = (min_y - MARGIN).floor();
        let bottom = (max_y + MARGIN).ceil();
        let view_box = format!(
            "{} {} {} {}",
            decimal(-half_width),
            decimal(top),
            decimal(2.0 * half_width),
            decimal(bottom - top)
        );
        Ok(WorldMap {
            source: raw.source,
            shapes,
            view_box,
        })
    }

    /// Where the data came from, as its file says: for a credit line.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The data's name for the country with this ISO numeric code (short
    /// forms such as "Dem. Rep. Congo"), or `None` if the map does not draw
    /// it (Antarctica, or a code it does not know): its articles cannot
    /// show on the map.
    pub fn name(&self, numeric: u16) -> Option<&str> {
        self.shapes
            .iter()
            .find(|s| s.numeric == Some(numeric))
            .map(|s| s.name.as_str())
    }

    /// The `viewBox` of every SVG of this map: `min-x min-y width height`.
    pub fn view_box(&self) -> &str {
        &self.view_box
    }

    /// The classes that [`WorldMap::svg`] uses for these countries and the
    /// counts each holds, lightest first; classes no count can fall in are
    /// left out. Empty when no drawn country has an article.
    pub fn legend(&self, countries: &[MapCountry<'_>]) -> Vec<ClassRange> {
        let max = self.max_count(&by_code(countries));
        let mut ranges = Vec::new();
        let mut min = 1;
        for class in 1..=5u8 {
            // The largest count of the class: near max^(class/5), then exact.
            let mut upper = if class == 5 {
                max
            } else {
                ((max as f64).powf(f64::from(class) / 5.0).floor() as usize).min(max)
            };
            while upper < max && count_class(upper + 1, max) <= class {
                upper += 1;
            }
            while upper > 0 && count_class(upper, max) > class {
                upper -= 1;
            }
            if upper >= min {
                ranges.push(ClassRange {
                    class,
                    min,
                    max: upper,
                });
                min = upper + 1;
            }
        }
        ranges
    }

    /// The inline SVG: every country drawn as a <path> (projected with the Equal Earth projection), those with count > 0 shaded in one of 5 classes by count (`c1`..`c5`, log scale: see the module docs), wrapped in `<a href=path>` with a `<title>` "Kazakhstan: 12 articles" for each linked country; countries without articles get class `c0` and no link.
    ///
    /// The tooltips are worded by `text` (its `map-country` message).
    ///
    /// A country given twice counts once (the first entry); one the map
    /// does not draw is left out, see [`WorldMap::name`]. A shaded country
    /// without a path gets its `<title>` but no link.
    pub fn svg(&self, countries: &[MapCountry<'_>], title: &str, text: &Text) -> String {
        let given = by_code(countries);
        let max = self.max_count(&given);
        let mut body = String::with_capacity(140_000);
        let mut linked = false;
        // Countries with a marker last, so that no neighbour covers it.
        for with_marker in [false, true] {
            for shape in &self.shapes {
                let country = shape
                    .numeric
                    .and_then(|n| given.get(&n))
                    .filter(|c| c.count > 0);
                let marked = country.is_some() && shape.area < MARKER_AREA;
                if marked != with_marker {
                    continue;
                }
                let Some(country) = country else {
                    // Too small to draw unless shaded (then it has a marker).
                    if !shape.d.is_empty() {
                        let _ = write!(body, r#"<path class="c0" d="{}"/>"#, shape.d);
                    }
                    continue;
                };
                let class = count_class(country.count, max);
                let label = text.map_country(country.name, country.count);
                let marker = if marked { shape.marker.as_str() } else { "" };
                match country.path {
                    Some(href) => {
                        linked = true;
                        let _ = write!(
                            body,
                            r#"<a href="{}"><title>{}</title><path class="c{class}" d="{}{marker}"/></a>"#,
                            escape(href),
                            escape(&label),
                            shape.d
                        );
                    }
                    None => {
                        let _ = write!(
                            body,
                            r#"<path class="c{class}" d="{}{marker}"><title>{}</title></path>"#,
                            shape.d,
                            escape(&label)
                        );
                    }
                }
            }
        }
        let id = format!(
            "map-{:08x}",
            fnv1a(&[title.as_bytes(), b"\0", body.as_bytes()])
        );
        let role = if linked { "group" } else { "img" };
        let mut svg = String::with_capacity(body.len() + 300);
        let _ = write!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="world-map" viewBox="{}" role="{role}" aria-labelledby="{id}"><title id="{id}">{}</title>{body}</svg>"#,
            self.view_box,
            escape(title)
        );
        svg
    }

    /// The largest count among the countries this map draws.
    fn max_count(&self, given: &BTreeMap<u16, &MapCountry<'_>>) -> usize {
        self.shapes
            .iter()
            .filter_map(|s| s.numeric.and_then(|n| given.get(&n)))
            .map(|c| c.count)
            .max()
            .unwrap_or(0)
    }
}

impl Shape {
    /// From its rings; `points`, all the points projected, place the
    /// marker of a country too small to keep any ring.
    fn new(
        numeric: Option<u16>,
        name: String,
        detail: bool,
        rings: &[Vec<Tenths>],
        points: &[Tenths],
    ) -> Shape {
        let mut d = String::new();
        let mut area = 0.0;
        let mut largest: Option<(f64, &[Tenths])> = None;
        for ring in rings {
            write_ring(&mut d, ring);
            let signed = signed_area(ring);
            area += signed.abs();
            if largest.is_none_or(|(a, _)| signed.abs() > a.abs()) {
                largest = Some((signed, ring));
            }
        }
        // Tenths squared to square user units.
        let area = area / 100.0;
        let marker = match largest {
            Some((signed, ring)) => {
                let (cx, cy) = centroid(ring);
                circle(cx, cy, signed >= 0.0)
            }
            None => {
                let (cx, cy) = centroid(points);
                circle(cx, cy, true)
            }
        };
        Shape {
            numeric,
            name,
            detail,
            d,
            area,
            marker,
        }
    }
}

/// The Equal Earth projection of a point in degrees, in user units: x to
/// the right, y down, (0°, 0°) at the origin, 1 radian = [`SCALE`] units.
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    const A1: f64 = 1.340264;
    const A2: f64 = -0.081106;
    const A3: f64 = 0.000893;
    const A4: f64 = 0.003796;
    let m = 3f64.sqrt() / 2.0;
    let (lambda, phi) = (lon.to_radians(), lat.to_radians());
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x * SCALE, -y * SCALE)
}

/// The class, 1 to 5, of `count` articles when the largest count is `max`
/// (`count` is at least 1 and at most `max`; 0 gives 0): the smallest `k`
/// with `count^5 <= max^k`, that is `count <= max^(k/5)`.
pub fn count_class(count: usize, max: usize) -> u8 {
    if count == 0 {
        return 0;
    }
    let max = max.max(count);
    for k in 1..=4u32 {
        // Exact in integers while they fit (counts below ~50 million).
        let fits = match ((count as u128).checked_pow(5), (max as u128).checked_pow(k)) {
            (Some(lhs), Some(rhs)) => lhs <= rhs,
            _ => 5.0 * (count as f64).ln() <= f64::from(k) * (max as f64).ln(),
        };
        if fits {
            return k as u8;
        }
    }
    5
}

/// Countries by code, the first entry of a code winning.
fn by_code<'c, 'a>(countries: &'c [MapCountry<'a>]) -> BTreeMap<u16, &'c MapCountry<'a>> {
    let mut map = BTreeMap::new();
    for c in countries {
        map.entry(c.numeric).or_insert(c);
    }
    map
}

/// A ring of [lon, lat] points (implicitly closed) as one or more rings that
/// do not cross the antimeridian: where consecutive longitudes differ by
/// more than 180°, the ring is cut at ±180° and each piece closed along the
/// map's edge (through a pole if it ends on the other edge).
fn split_antimeridian(ring: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let n = ring.len();
    let crosses = |i: usize| (ring[(i + 1) % n].0 - ring[i].0).abs() > 180.0;
    let Some(first) = (0..n).find(|&i| crosses(i)) else {
        return vec![ring.to_vec()];
    };
    // The edge from p to q crosses: the latitude where it meets the edge of
    // p's side, and that side's sign.
    let crossing = |p: (f64, f64), q: (f64, f64)| {
        let side = if p.0 >= 0.0 { 1.0 } else { -1.0 };
        let q_lon = q.0 + 360.0 * side;
        let t = if q_lon == p.0 {
            0.0
        } else {
            (180.0 * side - p.0) / (q_lon - p.0)
        };
        (side, p.1 + (q.1 - p.1) * t)
    };
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let (side, lat) = crossing(ring[first], ring[(first + 1) % n]);
    let mut piece = vec![(-180.0 * side, lat)];
    for step in 1..=n {
        let i = (first + step) % n;
        let p = ring[i];
        piece.push(p);
        if crosses(i) {
            let (side, lat) = crossing(p, ring[(i + 1) % n]);
            piece.push((180.0 * side, lat));
            pieces.push(std::mem::take(&mut piece));
            piece.push((-180.0 * side, lat));
        }
    }
    pieces.into_iter().map(close_along_edge).collect()
}

/// Closes a piece that starts and ends on the map's edge: back along the
/// edge meridian in 1° steps, or, if it ends on the other edge, to the
/// nearer pole, across it and along the first edge.
fn close_along_edge(mut piece: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (start, end) = (piece[0], piece[piece.len() - 1]);
    if start.0 == end.0 {
        push_meridian(&mut piece, end.0, end.1, start.1);
    } else {
        let mean = piece.iter().map(|p| p.1).sum::<f64>() / piece.len() as f64;
        let pole = if mean >= 0.0 { 90.0 } else { -90.0 };
        push_meridian(&mut piece, end.0, end.1, pole);
        piece.push((end.0, pole));
        piece.push((start.0, pole));
        push_meridian(&mut piece, start.0, pole, start.1);
    }
    piece
}

/// Points on meridian `lon` strictly between latitudes `from` and `to`, 1° apart.
fn push_meridian(points: &mut Vec<(f64, f64)>, lon: f64, from: f64, to: f64) {
    let steps = (to - from).abs().floor() as usize;
    let dir = if to > from { 1.0 } else { -1.0 };
    for s in 1..=steps {
        let lat = from + dir * s as f64;
        if (to - lat) * dir > 0.0 {
            points.push((lon, lat));
        }
    }
}

/// The projected ring in tenths of user units, without repeated
/// consecutive points or a closing repeat of the first.
fn project_ring(ring: &[(f64, f64)]) -> Vec<Tenths> {
    let mut out: Vec<Tenths> = Vec::with_capacity(ring.len());
    for &(lon, lat) in ring {
        let (x, y) = project(lon, lat);
        // Rounded half away from zero; |x| < 500, so tenths fit an i32.
        let p = ((x * 10.0).round() as i32, (y * 10.0).round() as i32);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// The signed area of a ring in tenths squared, positive when the ring runs
/// clockwise on screen (y down).
fn signed_area(ring: &[Tenths]) -> f64 {
    let mut sum = 0i64;
    for (i, &(x0, y0)) in ring.iter().enumerate() {
        let (x1, y1) = ring[(i + 1) % ring.len()];
        sum += i64::from(x0) * i64::from(y1) - i64::from(x1) * i64::from(y0);
    }
    sum as f64 / 2.0
}

/// The centroid of a ring, in tenths; the mean of its points if it has no area.
fn centroid(ring: &[Tenths]) -> (f64, f64) {
    let (mut cx, mut cy, mut a) = (0.0, 0.0, 0.0);
    for (i, &(x0, y0)) in ring.iter().enumerate() {
        let (x1, y1) = ring[(i + 1) % ring.len()];
        let (x0, y0, x1, y1) = (f64::from(x0), f64::from(y0), f64::from(x1), f64::from(y1));
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a == 0.0 {
        let n = ring.len() as f64;
        let sx: f64 = ring.iter().map(|p| f64::from(p.0)).sum();
        let sy: f64 = ring.iter().map(|p| f64::from(p.1)).sum();
        return (sx / n, sy / n);
    }
    (cx / (3.0 * a), cy / (3.0 * a))
}

/// A circle of [`MARKER_RADIUS`] around (cx, cy) in tenths, as two arcs,
/// clockwise on screen if `clockwise`.
fn circle(cx: f64, cy: f64, clockwise: bool) -> String {
    let r = (MARKER_RADIUS * 10.0).round() as i32;
    let (cx, cy) = (cx.round() as i32, cy.round() as i32);
    let sweep = if clockwise { 1 } else { 0 };
    let mut d = String::new();
    d.push('M');
    push_pair(&mut d, cx - r, cy, true);
    for dx in [2 * r, -2 * r] {
        d.push('a');
        push_number(&mut d, r, true);
        push_number(&mut d, r, false);
        let _ = write!(d, " 0 1 {sweep}");
        push_pair(&mut d, dx, 0, false);
    }
    d.push('z');
    d
}

/// One ring as `M x y l dx dy ... z`, in user units with one decimal.
fn write_ring(d: &mut String, ring: &[Tenths]) {
    d.push('M');
    push_pair(d, ring[0].0, ring[0].1, true);
    d.push('l');
    for (i, w) in ring.windows(2).enumerate() {
        push_pair(d, w[1].0 - w[0].0, w[1].1 - w[0].1, i == 0);
    }
    d.push('z');
}

/// A coordinate pair; `after_command` when it directly follows a command
/// letter and needs no separator.
fn push_pair(d: &mut String, x: i32, y: i32, after_command: bool) {
    push_number(d, x, after_command);
    push_number(d, y, false);
}

/// Tenths as the shortest decimal SVG reads: 15 -> `1.5`, -5 -> `-.5`,
/// 20 -> `2`. A space separates it from what came before unless it follows
/// a command letter or starts with a minus sign.
fn push_number(d: &mut String, tenths: i32, after_command: bool) {
    if tenths < 0 {
        d.push('-');
    } else if !after_command {
        d.push(' ');
    }
    let a = tenths.unsigned_abs();
    let (whole, frac) = (a / 10, a % 10);
    if whole != 0 || frac == 0 {
        let _ = write!(d, "{whole}");
    }
    if frac != 0 {
        let _ = write!(d, ".{frac}");
    }
}

/// A number of user units with at most one decimal, for the viewBox.
fn decimal(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{:.1}", tenths as f64 / 10.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real_map() -> WorldMap {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/data/world-110m.json"
        );
        let json = std::fs::read_to_string(path).expect("the theme keeps the map data");
        WorldMap::parse(&json).expect("the theme's map data parses")
    }

    const KAZAKHSTAN: u16 = 398;
    const RUSSIA: u16 = 643;

    fn central_asia() -> Vec<MapCountry<'static>> {
        vec![
            MapCountry {
                numeric: KAZAKHSTAN,
                name: "Kazakhstan",
                count: 12,
                path: Some("/countries/kazakhstan/"),
            },
            MapCountry {
                numeric: 860,
                name: "Uzbekistan",
                count: 7,
                path: Some("/countries/uzbekistan/"),
            },
            MapCountry {
                numeric: 417,
                name: "Kyrgyzstan",
                count: 1,
                path: Some("/countries/kyrgyzstan/"),
            },
            MapCountry {
                numeric: 762,
                name: "Tajikistan",
                count: 3,
                path: None,
            },
            MapCountry {
                numeric: 795,
                name: "Turkmenistan",
                count: 0,
                path: Some("/countries/turkmenistan/"),
            },
        ]
    }

    /// Every subpath of every `d` in the SVG as absolute points, in user units.
    fn subpaths(svg: &str) -> Vec<Vec<(f64, f64)>> {
        let mut out = Vec::new();
        for part in svg.split(" d=\"").skip(1) {
            let d = &part[..part.find('"').expect("d is quoted")];
            let mut tokens = Vec::new();
            let mut chars = d.char_indices().peekable();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_ascii_alphabetic() {
                    tokens.push(d[i..i + 1].to_string());
                    chars.next();
                } else if c == '-' || c == '.' || c.is_ascii_digit() {
                    let start = i;
                    chars.next();
                    let mut seen_dot = c == '.';
                    while let Some(&(_, c)) = chars.peek() {
                        if c.is_ascii_digit() || (c == '.' && !seen_dot) {
                            seen_dot |= c == '.';
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    let end = chars.peek().map_or(d.len(), |&(j, _)| j);
                    tokens.push(d[start..end].to_string());
                } else {
                    chars.next();
                }
            }
            let num = |t: &String| t.parse::<f64>().expect("a number in path data");
            let (mut x, mut y) = (0.0, 0.0);
            let mut cmd = String::new();
            let mut i = 0;
            while i < tokens.len() {
                if tokens[i].chars().all(|c| c.is_ascii_alphabetic()) {
                    cmd = tokens[i].clone();
                    i += 1;
                    if cmd == "z" {
                        continue;
                    }
                }
                match cmd.as_str() {
                    "M" => {
                        x = num(&tokens[i]);
                        y = num(&tokens[i + 1]);
                        out.push(vec![(x, y)]);
                        i += 2;
                    }
                    "l" => {
                        x += num(&tokens[i]);
                        y += num(&tokens[i + 1]);
                        out.last_mut().expect("l after M").push((x, y));
                        i += 2;
                    }
                    "a" => {
                        x += num(&tokens[i + 5]);
                        y += num(&tokens[i + 6]);
                        out.last_mut().expect("a after M").push((x, y));
                        i += 7;
                    }
                    other => panic!("unexpected path command {other:?} in {d}"),
                }
            }
        }
        out
    }

    fn path_of(svg: &str, href: &str) -> String {
        let at = svg
            .find(&format!("<a href=\"{href}\">"))
            .expect("the country is linked");
        let rest = &svg[at..];
        rest[..rest.find("</a>").expect("its link closes")].to_string()
    }

    #[test]
    fn parses_the_real_data() {
        let map = real_map();
        assert_eq!(map.name(KAZAKHSTAN), Some("Kazakhstan"));
        assert_eq!(map.name(RUSSIA), Some("Russia"));
        assert_eq!(
            map.name(702),
            Some("Singapore"),
            "1:50m fills in what 1:110m lacks"
        );
        assert_eq!(map.name(10), None, "Antarctica is left out");
        assert!(
            map.source().contains("world-atlas 2.0.2"),
            "{}",
            map.source()
        );
        assert_eq!(map.shapes.len(), 237);
    }

    #[test]
    fn rejects_bad_data() {
        assert!(WorldMap::parse("{").is_err());
        assert!(WorldMap::parse(r#"{"source":"x","countries":[]}"#).is_err());
        let ring = "[[[[0,0],[1,0],[1,1]]]]";
        let twice = format!(
            r#"{{"source":"x","countries":[{{"id":1,"name":"A","scale":110,"polygons":{ring}}},{{"id":1,"name":"B","scale":110,"polygons":{ring}}}]}}"#
        );
        assert_eq!(
            WorldMap::parse(&twice).unwrap_err(),
            "map data gives code 1 twice: A and B"
        );
        let off = r#"{"source":"x","countries":[{"id":1,"name":"A","scale":110,"polygons":[[[[0,0],[181,0],[1,1]]]]}]}"#;
        assert!(WorldMap::parse(off).unwrap_err().contains("off the globe"));
        let extra = r#"{"source":"x","countries":[],"more":1}"#;
        assert!(WorldMap::parse(extra).is_err());
    }

    #[test]
    fn projects_the_origin_to_the_centre() {
        let (x, y) = project(0.0, 0.0);
        assert!(x.abs() < 1e-12 && y.abs() < 1e-12);
        let map = real_map();
        let v: Vec<f64> = map
            .view_box()
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(v[0] + v[2] / 2.0, 0.0, "x = 0 is the horizontal centre");
        assert!(v[1] < 0.0 && v[1] + v[3] > 0.0, "the equator is inside");
        // Equal Earth's extent: 2.7066 across at the equator, 1.3173 up at the pole.
        assert!((project(180.0, 0.0).0 / SCALE - 2.706_629).abs() < 1e-5);
        assert!((project(0.0, 90.0).1 / SCALE + 1.317_362).abs() < 1e-5);
        // Symmetric about both axes.
        let (a, b) = (project(71.4, 51.2), project(-71.4, -51.2));
        assert!((a.0 + b.0).abs() < 1e-9 && (a.1 + b.1).abs() < 1e-9);
    }

    #[test]
    fn shades_links_and_titles() {
        let svg = real_map().svg(
            &central_asia(),
            "Articles by country",
            Text::default_interface(),
        );
        let kz = path_of(&svg, "/countries/kazakhstan/");
        assert!(kz.starts_with(r#"<a href="/countries/kazakhstan/"><title>Kazakhstan: 12 articles</title><path class="c5" d="M"#), "{kz:.200}");
        let kg = path_of(&svg, "/countries/kyrgyzstan/");
        assert!(
            kg.contains("<title>Kyrgyzstan: 1 article</title><path class=\"c1\""),
            "{kg:.200}"
        );
        // 7 of max 12: 7^5 = 16807 <= 12^4 = 20736, so class 4; 3: 3^5 = 243
        // <= 12^3 = 1728 but > 12^2, so class 3.
        assert!(path_of(&svg, "/countries/uzbekistan/").contains("class=\"c4\""));
        assert!(
            svg.contains(r#"<path class="c3" d=""#)
                && svg.contains("<title>Tajikistan: 3 articles</title></path>")
        );
        // No articles: no link even with a path, no title.
        assert!(!svg.contains("turkmenistan") && !svg.contains("Turkmenistan"));
        assert_eq!(svg.matches("<a href=").count(), 3);
        let drawn = real_map().shapes.iter().filter(|s| !s.d.is_empty()).count();
        assert_eq!(svg.matches("<path class=\"c0\"").count(), drawn - 4);
        assert!(svg
            .starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" class="world-map" viewBox=""#));
        assert!(svg.contains(r#" role="group" aria-labelledby="map-"#));
        assert!(!svg.contains("xlink"));
        // Well-formed XML with one id, the one the label points at.
        let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed");
        let ids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("id"))
            .collect();
        assert_eq!(ids.len(), 1);
        assert_eq!(
            doc.root_element().attribute("aria-labelledby"),
            Some(ids[0])
        );
    }

    #[test]
    fn no_links_make_an_image() {
        let map = real_map();
        let svg = map.svg(&[], "Empty", Text::default_interface());
        assert!(svg.contains(r#" role="img" "#));
        assert!(!svg.contains("<a ") && !svg.contains("class=\"c1\""));
        let other = map.svg(&[], "Other", Text::default_interface());
        assert_ne!(
            svg[..300].split("id=").nth(1),
            other[..300].split("id=").nth(1),
            "ids differ with content"
        );
    }

    #[test]
    fn escapes_names_and_titles() {
        let countries = [MapCountry {
            numeric: 384,
            name: r#"Côte d'Ivoire & <"Ivory Coast">"#,
            count: 2,
            path: Some("/countries/a&b/"),
        }];
        let svg = real_map().svg(
            &countries,
            "Map <of> \"all\" & more",
            Text::default_interface(),
        );
        assert!(svg.contains(
            r#"<title>Côte d'Ivoire &amp; &lt;&quot;Ivory Coast&quot;&gt;: 2 articles</title>"#
        ));
        assert!(svg.contains(r#"<a href="/countries/a&amp;b/">"#));
        assert!(svg.contains(">Map &lt;of&gt; &quot;all&quot; &amp; more</title>"));
        roxmltree::Document::parse(&svg).expect("escaped text stays well-formed");
    }

    #[test]
    fn is_deterministic() {
        let map = real_map();
        let mut countries = central_asia();
        let a = map.svg(&countries, "Map", Text::default_interface());
        countries.reverse();
        let b = real_map().svg(&countries, "Map", Text::default_interface());
        assert_eq!(a, b, "same countries in another order, same bytes");
        // A country given twice counts once: the first entry.
        countries.push(MapCountry {
            numeric: KAZAKHSTAN,
            name: "Again",
            count: 99,
            path: None,
        });
        assert_eq!(map.svg(&countries, "Map", Text::default_interface()), a);
    }

    #[test]
    fn no_line_crosses_the_map() {
        let map = real_map();
        let width: f64 = map.view_box().split(' ').nth(2).unwrap().parse().unwrap();
        let russia = [MapCountry {
            numeric: RUSSIA,
            name: "Russia",
            count: 5,
            path: Some("/ru/"),
        }];
        let svg = map.svg(&russia, "Russia", Text::default_interface());
        let ru = subpaths(&path_of(&svg, "/ru/"));
        assert!(ru.len() > 10, "Russia's rings, cut at the antimeridian");
        // Chukotka lies both at the far left and at the far right (at 66°N
        // the antimeridian is at x = ±345).
        let xs: Vec<f64> = ru.iter().flatten().map(|p| p.0).collect();
        assert!(xs.iter().any(|&x| x < -330.0) && xs.iter().any(|&x| x > 330.0));
        // No step of any country, Russia and Fiji included, spans half the map.
        for ring in subpaths(&svg) {
            let closed = ring.iter().zip(ring.iter().cycle().skip(1));
            for (p, q) in closed {
                assert!((q.0 - p.0).abs() < width / 4.0, "jump from {p:?} to {q:?}");
            }
            for p in &ring {
                assert!(p.0.abs() <= width / 2.0, "{p:?} is off the map");
            }
        }
    }

    #[test]
    fn splits_rings_at_the_antimeridian() {
        let square = [(170.0, 10.0), (-170.0, 10.0), (-170.0, 20.0), (170.0, 20.0)];
        let pieces = split_antimeridian(&square);
        assert_eq!(pieces.len(), 2);
        for piece in &pieces {
            let east = piece[0].0 > 0.0;
            assert!(piece.iter().all(|p| (p.0 > 0.0) == east), "{piece:?}");
            assert!(piece.iter().any(|p| p.0.abs() == 180.0));
        }
        // A ring around the south pole closes through it.
        let around = [(-120.0, -70.0), (0.0, -70.0), (120.0, -70.0)];
        let pieces = split_antimeridian(&around);
        assert_eq!(pieces.len(), 1);
        assert!(pieces[0].contains(&(180.0, -90.0)) && pieces[0].contains(&(-180.0, -90.0)));
        // Without a jump the ring is kept as it is.
        let plain = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)];
        assert_eq!(split_antimeridian(&plain), vec![plain.to_vec()]);
    }

    #[test]
    fn classes_follow_a_log_scale() {
        assert_eq!(count_class(0, 10), 0);
        assert_eq!(count_class(1, 1), 1);
        assert_eq!(count_class(1, 2), 1);
        assert_eq!(count_class(2, 2), 5);
        let classes: Vec<u8> = (1..=10).map(|n| count_class(n, 10)).collect();
        assert_eq!(classes, [1, 2, 3, 4, 4, 4, 5, 5, 5, 5]);
        assert_eq!(count_class(usize::MAX, usize::MAX), 5);
        let map = real_map();
        let hundred = [
            MapCountry {
                numeric: KAZAKHSTAN,
                name: "K",
                count: 100,
                path: None,
            },
            MapCountry {
                numeric: 10,
                name: "Antarctica",
                count: 1000,
                path: None,
            },
        ];
        let legend: Vec<(u8, usize, usize)> = map
            .legend(&hundred)
            .iter()
            .map(|r| (r.class, r.min, r.max))
            .collect();
        assert_eq!(
            legend,
            [(1, 1, 2), (2, 3, 6), (3, 7, 15), (4, 16, 39), (5, 40, 100)],
            "Antarctica is not drawn: not counted"
        );
        for r in map.legend(&hundred) {
            assert!((r.min..=r.max).all(|n| count_class(n, 100) == r.class));
        }
        let two = [MapCountry {
            numeric: KAZAKHSTAN,
            name: "K",
            count: 2,
            path: None,
        }];
        let legend: Vec<(u8, usize, usize)> = map
            .legend(&two)
            .iter()
            .map(|r| (r.class, r.min, r.max))
            .collect();
        assert_eq!(legend, [(1, 1, 1), (5, 2, 2)]);
        assert!(map.legend(&[]).is_empty());
    }

    #[test]
    fn small_countries_get_a_marker() {
        let map = real_map();
        let singapore = [MapCountry {
            numeric: 702,
            name: "Singapore",
            count: 4,
            path: Some("/sg/"),
        }];
        let svg = map.svg(&singapore, "Map", Text::default_interface());
        let sg = path_of(&svg, "/sg/");
        assert_eq!(
            sg.matches("a2.5 2.5 0 1 ").count(),
            2,
            "a circle of two arcs: {sg}"
        );
        assert!(svg.ends_with("</a></svg>"), "drawn last");
        let big = [MapCountry {
            numeric: KAZAKHSTAN,
            name: "Kazakhstan",
            count: 4,
            path: Some("/kz/"),
        }];
        assert!(
            !path_of(&map.svg(&big, "Map", Text::default_interface()), "/kz/").contains("a2.5")
        );
        // Unshaded, no marker.
        assert!(!map
            .svg(&[], "Map", Text::default_interface())
            .contains("a2.5"));
    }

    #[test]
    fn stays_small() {
        let map = real_map();
        let typical = map.svg(
            &central_asia(),
            "Articles by country",
            Text::default_interface(),
        );
        assert!(typical.len() < 150_000, "{} bytes", typical.len());
        // Every country linked and titled: the largest it gets.
        let names: Vec<String> = map.shapes.iter().map(|s| s.name.clone()).collect();
        let paths: Vec<String> = map
            .shapes
            .iter()
            .map(|s| format!("/countries/{}/", s.name.to_lowercase().replace(' ', "-")))
            .collect();
        let all: Vec<MapCountry<'_>> = map
            .shapes
            .iter()
            .zip(names.iter().zip(&paths))
            .filter_map(|(s, (name, path))| {
                s.numeric.map(|numeric| MapCountry {
                    numeric,
                    name,
                    count: usize::from(numeric) % 40 + 1,
                    path: Some(path),
                })
            })
            .collect();
        let full = map.svg(&all, "Articles by country", Text::default_interface());
        assert!(full.len() < 150_000, "{} bytes", full.len());
    }
}
