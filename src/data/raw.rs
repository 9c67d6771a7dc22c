//! The data files exactly as written. Values a person types in many ways (numbers in Thai
//! digits, B.E. dates, enum labels) stay text here so that `load` can report each bad value
//! with its position instead of giving up on the whole file at the first one.

use serde::Deserialize;

/// A plain YAML scalar: `12`, `๑๒`, `2564-01-29`, `"1-1037-00001-23-9"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Int(i64),
    Float(f64),
    Text(String),
}

impl Scalar {
    pub fn text(&self) -> String {
        match self {
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Text(s) => s.clone(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    pub province: String,
    #[serde(default)]
    pub office: String,
    #[serde(default)]
    pub centre: Centre,
    #[serde(default)]
    pub units: Vec<Unit>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Centre {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub order: String,
    #[serde(default)]
    pub established: Option<Scalar>,
    #[serde(default)]
    pub advisors: Vec<String>,
    #[serde(default)]
    pub committee: Vec<CommitteeRole>,
    #[serde(default)]
    pub working_groups: Vec<WorkingGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitteeRole {
    pub role: String,
    pub count: Scalar,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingGroup {
    pub name: String,
    #[serde(default)]
    pub lead_agency: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub village: String,
    pub moo: Scalar,
    pub sub_district: String,
    pub district: String,
    #[serde(default)]
    pub established: Option<Scalar>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sp12 {
    pub unit: String,
    pub month: Scalar,
    pub count: Scalar,
    #[serde(default)]
    pub submitted: Option<Scalar>,
    #[serde(default)]
    pub rows: Vec<Sp12Row>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sp12Row {
    #[serde(default)]
    pub seq: Option<Scalar>,
    pub name: String,
    pub national_id: Scalar,
    pub assistance: String,
    pub worker: String,
    #[serde(default)]
    pub served: Option<Scalar>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snb2 {
    pub province: String,
    pub month: Scalar,
    pub count: Scalar,
    #[serde(default)]
    pub submitted: Option<Scalar>,
    #[serde(default)]
    pub rows: Vec<Snb2Row>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snb2Row {
    #[serde(default)]
    pub seq: Option<Scalar>,
    pub plan: String,
    pub name: String,
    pub national_id: Scalar,
    pub assistance: String,
    pub worker: String,
    pub listed_in_2563_db: bool,
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub fiscal_year: Scalar,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub target: Scalar,
    pub unit: String,
    pub measure: String,
    #[serde(default)]
    pub assistance: Option<String>,
    #[serde(default)]
    pub actual: Option<Scalar>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub title: String,
    pub groups: Vec<SkillGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillGroup {
    pub id: String,
    pub name: String,
    pub courses: Vec<Course>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub id: String,
    pub name: String,
    pub targets: Vec<String>,
    pub methods: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub staff: Vec<StaffMember>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffMember {
    pub code: String,
    pub group: String,
    #[serde(default)]
    pub completed: Vec<Completion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    pub course: String,
    pub date: Scalar,
}
