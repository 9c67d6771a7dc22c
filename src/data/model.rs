//! The report data as the rest of khumue sees it, after loading and normalisation: typed,
//! with Thai digits turned into numbers, B.E. dates into calendar dates and enum labels into
//! enums. The PDF layouts read these types; keep their fields stable.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::thai::dates;

/// How a labour volunteer or unit helped a person (the forms' ประเภทการช่วยเหลือ/การให้บริการ).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum AssistanceType {
    /// ส่งเสริม: employment, occupation, income.
    Promote,
    /// คุ้มครอง: legal rights, social security.
    Protect,
    /// พัฒนา: skills, networks, systems.
    Develop,
    /// ระวังภัย: drug-prevention publicity (SP-12 only).
    Watch,
}

/// The forms' ประเภทของแรงงาน.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum WorkerType {
    /// แรงงานนอกระบบ
    Informal,
    /// แรงงานสูงอายุ
    Elderly,
    /// แรงงานคนพิการ
    Disabled,
}

/// Who a competency course is meant for (Table 1's กลุ่มเป้าหมาย): the same roles a handbook
/// page is written for (`audience:`), so pages and courses match without a mapping.
pub use crate::site::Audience as TargetGroup;

/// How a course is delivered (Table 1's วิธีการพัฒนา).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum DevelopmentMethod {
    Training,
    OnTheJobTraining,
    Manual,
    Mentoring,
    Coaching,
    Seminar,
    StudyVisit,
    SelfLearning,
    Assignment,
    InternalTrainer,
    Counselling,
}

/// A closed set of values written in the data files by Thai label or short English code.
pub trait Coded: Sized + Copy + 'static {
    /// What the value is called in messages: `assistance type`.
    const KIND: &'static str;
    const ALL: &'static [Self];
    /// The short English code (`promote`).
    fn code(self) -> &'static str;
    /// The Thai label as printed on the forms (`ส่งเสริม`).
    fn label(self) -> &'static str;
    /// Further spellings accepted on input (long Thai forms).
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
}

impl Coded for AssistanceType {
    const KIND: &'static str = "assistance type";
    const ALL: &'static [Self] = &[Self::Promote, Self::Protect, Self::Develop, Self::Watch];
    fn code(self) -> &'static str {
        match self {
            Self::Promote => "promote",
            Self::Protect => "protect",
            Self::Develop => "develop",
            Self::Watch => "watch",
        }
    }
    fn label(self) -> &'static str {
        AssistanceType::label(self)
    }
}

impl AssistanceType {
    pub fn label(self) -> &'static str {
        match self {
            Self::Promote => "ส่งเสริม",
            Self::Protect => "คุ้มครอง",
            Self::Develop => "พัฒนา",
            Self::Watch => "ระวังภัย",
        }
    }

    /// What the type covers, from the forms' notes.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Promote => "ส่งเสริมการมีงานทำ การมีอาชีพ และการมีรายได้",
            Self::Protect => "คุ้มครองสิทธิตามกฎหมายและสร้างหลักประกันทางสังคม",
            Self::Develop => "พัฒนาทักษะฝีมือ เครือข่าย และระบบบริหารจัดการ",
            Self::Watch => "ประชาสัมพันธ์ให้ความรู้ในการป้องกันและแก้ไขปัญหายาเสพติด",
        }
    }
}

impl Coded for WorkerType {
    const KIND: &'static str = "worker type";
    const ALL: &'static [Self] = &[Self::Informal, Self::Elderly, Self::Disabled];
    fn code(self) -> &'static str {
        match self {
            Self::Informal => "informal",
            Self::Elderly => "elderly",
            Self::Disabled => "disabled",
        }
    }
    fn label(self) -> &'static str {
        WorkerType::label(self)
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Informal => &["แรงงานนอกระบบ"],
            Self::Elderly => &["แรงงานสูงอายุ"],
            Self::Disabled => &["แรงงานคนพิการ", "พิการ"],
        }
    }
}

impl WorkerType {
    pub fn label(self) -> &'static str {
        match self {
            Self::Informal => "นอกระบบ",
            Self::Elderly => "สูงอายุ",
            Self::Disabled => "คนพิการ",
        }
    }

    /// The label with its noun, as in running text: `แรงงานนอกระบบ`.
    pub fn long_label(self) -> &'static str {
        match self {
            Self::Informal => "แรงงานนอกระบบ",
            Self::Elderly => "แรงงานสูงอายุ",
            Self::Disabled => "แรงงานคนพิการ",
        }
    }
}

impl Coded for TargetGroup {
    const KIND: &'static str = "target group";
    /// Volunteers are no course's target group.
    const ALL: &'static [Self] = &TargetGroup::COURSE_GROUPS;
    fn code(self) -> &'static str {
        TargetGroup::code(self)
    }
    fn label(self) -> &'static str {
        self.course_label()
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::NewStaff => &["บรรจุใหม่", "เจ้าหน้าที่ใหม่"],
            Self::ExperiencedStaff => &["ระดับผู้ที่มีประสบการณ์หรือเชี่ยวชาญ", "ผู้มีประสบการณ์"],
            Self::Supervisor => &["ระดับหัวหน้างาน", "หัวหน้างาน"],
            Self::Executive => &["ระดับผู้บริหาร", "ผู้บริหาร"],
            Self::Volunteer => &[],
        }
    }
}

impl Coded for DevelopmentMethod {
    const KIND: &'static str = "development method";
    const ALL: &'static [Self] = &[
        Self::Training,
        Self::OnTheJobTraining,
        Self::Manual,
        Self::Mentoring,
        Self::Coaching,
        Self::Seminar,
        Self::StudyVisit,
        Self::SelfLearning,
        Self::Assignment,
        Self::InternalTrainer,
        Self::Counselling,
    ];
    fn code(self) -> &'static str {
        match self {
            Self::Training => "training",
            Self::OnTheJobTraining => "on-the-job-training",
            Self::Manual => "manual",
            Self::Mentoring => "mentoring",
            Self::Coaching => "coaching",
            Self::Seminar => "seminar",
            Self::StudyVisit => "study-visit",
            Self::SelfLearning => "self-learning",
            Self::Assignment => "assignment",
            Self::InternalTrainer => "internal-trainer",
            Self::Counselling => "counselling",
        }
    }
    fn label(self) -> &'static str {
        DevelopmentMethod::label(self)
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Manual => &["คู่มือ"],
            Self::Mentoring => &["โปรแกรมพี่เลี้ยง"],
            Self::Seminar => &["การประชุม/สัมมนา", "การประชุม"],
            _ => &[],
        }
    }
}

impl DevelopmentMethod {
    pub fn label(self) -> &'static str {
        match self {
            Self::Training => "การอบรม",
            Self::OnTheJobTraining => "การอบรมในขณะทำงาน",
            Self::Manual => "คู่มือการปฏิบัติงาน",
            Self::Mentoring => "ระบบพี่เลี้ยง",
            Self::Coaching => "การสอนงาน",
            Self::Seminar => "การประชุมหรือสัมมนา",
            Self::StudyVisit => "การดูงานนอกสถานที่",
            Self::SelfLearning => "การเรียนรู้ด้วยตนเอง",
            Self::Assignment => "การมอบหมายงาน",
            Self::InternalTrainer => "การเป็นวิทยากรภายใน",
            Self::Counselling => "การให้คำปรึกษาแนะนำ",
        }
    }
}

macro_rules! display_by_label {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    )*};
}
display_by_label!(AssistanceType, WorkerType, DevelopmentMethod);

/// A report month named as Thai forms name it: B.E. calendar year and month 1-12.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct ReportMonth {
    pub be_year: i32,
    pub month: u32,
}

impl ReportMonth {
    /// The fiscal year (B.E.) the month belongs to: October opens the next one.
    pub fn fiscal_year(self) -> i32 {
        dates::fiscal_year_of_month(self.be_year, self.month)
    }

    /// Position in its fiscal year: October = 0 … September = 11.
    pub fn fiscal_index(self) -> usize {
        ((self.month + 2) % 12) as usize
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(dates::ce_year(self.be_year), self.month, 1)
    }

    /// The month's last day: the date a report for the month is as of.
    pub fn last_day(self) -> Option<NaiveDate> {
        self.next().first_day()?.pred_opt()
    }

    /// The same day number in this month, if it exists.
    pub fn day(self, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(dates::ce_year(self.be_year), self.month, day)
    }

    pub fn next(self) -> ReportMonth {
        if self.month == 12 {
            ReportMonth {
                be_year: self.be_year + 1,
                month: 1,
            }
        } else {
            ReportMonth {
                be_year: self.be_year,
                month: self.month + 1,
            }
        }
    }

    /// `2563-10`, the form used in data files and messages.
    pub fn code(self) -> String {
        format!("{}-{:02}", self.be_year, self.month)
    }

    /// `ตุลาคม 2563` (digits as the caller applies them).
    pub fn thai(self) -> String {
        format!("{} {}", dates::month_name(self.month), self.be_year)
    }

    /// The report month a date falls in.
    pub fn of_date(date: NaiveDate) -> ReportMonth {
        ReportMonth {
            be_year: dates::be_year(date.year()),
            month: date.month(),
        }
    }
}

impl fmt::Display for ReportMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// `data/org.yaml`: the province, its coordination centre and the community service units.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Org {
    pub province: String,
    /// The provincial labour office that runs the centre.
    pub office: String,
    pub centre: Centre,
    pub units: Vec<Unit>,
}

impl Org {
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Centre {
    pub name: String,
    pub location: String,
    /// Number and date of the provincial order that appointed the committee.
    pub order: String,
    pub established: Option<NaiveDate>,
    /// Heads of the ministry's provincial offices who advise the centre.
    pub advisors: Vec<String>,
    pub committee: Vec<CommitteeRole>,
    pub working_groups: Vec<WorkingGroup>,
}

/// A seat on the centre's committee and how many people hold it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct CommitteeRole {
    pub role: String,
    pub count: u32,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct WorkingGroup {
    pub name: String,
    pub lead_agency: String,
}

/// A community service unit (หน่วยบริการชุมชน).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Unit {
    /// Short Latin id used in file paths and URLs: `klong-niyom`.
    pub id: String,
    pub name: String,
    /// Village or community (บ้าน/ชุมชน).
    pub village: String,
    pub moo: u32,
    pub sub_district: String,
    pub district: String,
    pub established: Option<NaiveDate>,
}

impl Unit {
    /// The name as the forms print it: `หน่วยบริการชุมชน…` added when the name lacks it.
    pub fn form_name(&self) -> String {
        if self.name.starts_with("หน่วยบริการชุมชน") {
            self.name.clone()
        } else {
            format!("หน่วยบริการชุมชน{}", self.name)
        }
    }

    /// `หมู่ที่ 3 ตำบลพิมพา อำเภอบางปะกง`.
    pub fn address(&self) -> String {
        format!(
            "หมู่ที่ {} ตำบล{} อำเภอ{}",
            self.moo, self.sub_district, self.district
        )
    }
}

/// One person helped, as a row of แบบ สป-๑๒.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Sp12Row {
    /// ลำดับที่ as written (1-based).
    pub seq: u32,
    pub name: String,
    /// 13 Arabic digits after normalisation (Thai digits, dashes and spaces removed). May be
    /// malformed when the data has errors; `validate` reports that.
    pub national_id: String,
    pub assistance: AssistanceType,
    pub worker: WorkerType,
    pub served: Option<NaiveDate>,
    pub note: Option<String>,
    /// Index of the row in the file's `rows` list (for diagnostics).
    pub source_index: usize,
}

/// แบบ สป-๑๒: one community service unit's report for one month.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Sp12Report {
    pub unit: String,
    pub month: ReportMonth,
    /// จำนวน … คน as written in the header.
    pub declared_count: u32,
    pub submitted: Option<NaiveDate>,
    pub rows: Vec<Sp12Row>,
    /// Rows left out because a value could not be read (already reported by `load`).
    pub skipped_rows: usize,
}

impl Sp12Report {
    /// Due on the 25th of the report month.
    pub fn due(&self) -> Option<NaiveDate> {
        self.month.day(25)
    }
}

/// One person helped, as a row of แบบ สนบ.๒.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Snb2Row {
    pub seq: u32,
    /// ชื่อแผนงาน/โครงการ/กิจกรรม.
    pub plan: String,
    pub name: String,
    pub national_id: String,
    pub assistance: AssistanceType,
    pub worker: WorkerType,
    /// ✓ in "มีรายชื่อในฐานข้อมูลแรงงานนอกระบบ ปี ๒๕๖๓" (false = the "not listed" column).
    pub listed_in_2563_db: bool,
    /// The community service unit that served the person, when one did.
    pub unit: Option<String>,
    pub source_index: usize,
}

/// แบบ สนบ.๒: the province's report for one month.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Snb2Report {
    pub province: String,
    pub month: ReportMonth,
    pub declared_count: u32,
    pub submitted: Option<NaiveDate>,
    pub rows: Vec<Snb2Row>,
    pub skipped_rows: usize,
}

impl Snb2Report {
    /// Due on the 5th of the following month.
    pub fn due(&self) -> Option<NaiveDate> {
        self.month.next().day(5)
    }
}

/// What an indicator counts, so its result can be computed from the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Measure {
    /// Community service units in `org.yaml`.
    ServiceUnits,
    /// Distinct people in the year's SP-12 reports (optionally of one assistance type).
    PersonsServed(Option<AssistanceType>),
    /// Share of staff in `competency/staff.yaml` who completed a course in the year, in %.
    StaffDevelopedPercent,
    /// Entered by hand in the targets file (`actual:`).
    Manual,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub target: f64,
    /// ราย, หน่วย, ร้อยละ …
    pub unit: String,
    pub measure: Measure,
    /// For `Measure::Manual`: the reported figure.
    pub actual: Option<f64>,
}

/// `data/targets/<fiscal year>.yaml`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Targets {
    pub fiscal_year: i32,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Course {
    /// `strategic-1`.
    pub id: String,
    pub name: String,
    pub targets: Vec<TargetGroup>,
    pub methods: Vec<DevelopmentMethod>,
}

/// A skill group of Table 1 and its courses.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SkillGroup {
    pub id: String,
    pub name: String,
    pub courses: Vec<Course>,
}

/// `data/competency/plan.yaml`: Table 1, the competency development plan.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct CompetencyPlan {
    pub title: String,
    pub groups: Vec<SkillGroup>,
}

impl CompetencyPlan {
    pub fn course(&self, id: &str) -> Option<&Course> {
        self.groups
            .iter()
            .flat_map(|g| &g.courses)
            .find(|c| c.id == id)
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Completion {
    pub course: String,
    pub date: Option<NaiveDate>,
}

/// A member of staff under a pseudonymous code (no names in the data).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StaffMember {
    pub code: String,
    pub group: TargetGroup,
    pub completed: Vec<Completion>,
    /// Index in the file's `staff` list (for diagnostics).
    pub source_index: usize,
}

/// `data/competency/staff.yaml`.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct StaffRecords {
    pub staff: Vec<StaffMember>,
}
