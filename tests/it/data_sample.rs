//! The committed sample data loads, passes every rule and adds up.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn sample_data_has_no_problems() {
    let (data, load_diags) = khumue::data::load(root());
    let mut all: Vec<String> = load_diags.iter().map(|d| d.to_string()).collect();
    all.extend(khumue::data::validate(&data).iter().map(|d| d.to_string()));
    assert!(all.is_empty(), "{}", all.join("\n"));
    assert_eq!(data.sp12.len(), 24, "two units, twelve months");
    assert_eq!(data.snb2.len(), 12);
}

#[test]
fn sample_data_covers_fiscal_2564_within_bounds() {
    let (data, _) = khumue::data::load(root());
    for report in &data.sp12 {
        let r = &report.value;
        assert_eq!(r.month.fiscal_year(), 2564, "{}", report.file.display());
        assert!(
            (15..=60).contains(&r.rows.len()),
            "{}: {} rows",
            report.file.display(),
            r.rows.len()
        );
        for row in &r.rows {
            assert!(khumue::data::national_id::is_valid(&row.national_id));
        }
    }
    let totals = khumue::data::totals(&data);
    let year = totals.year(2564).expect("fiscal year 2564");
    let staff = year
        .indicators
        .iter()
        .find(|i| i.indicator.id == "staff-developed")
        .expect("staff indicator");
    assert!(staff.actual.unwrap_or(0.0) >= 85.0, "{:?}", staff.actual);
    assert_eq!(
        data.plan.as_ref().map(|p| p
            .value
            .groups
            .iter()
            .map(|g| g.courses.len())
            .collect::<Vec<_>>()),
        Some(vec![8, 9, 9])
    );
}
