//! The report forms' documentation (แบบ สป-๑๒, แบบ สนบ.๒): every field of the paper form and
//! of the data file, unless the handbook explains a form on a page of its own.

use std::fmt::Write;

use super::{front, page};
use crate::data::{AssistanceType, Coded, WorkerType};
use crate::site::{Audience, Page, VirtualPage};

/// The form pages to generate: none for a form the handbook explains itself.
pub(super) fn pages(forms: &Handbook) -> Vec<VirtualPage> {
    let mut pages = Vec::new();
    if !forms.sp12_written || !forms.snb2_written {
        pages.push(forms_index(forms));
    }
    if !forms.sp12_written {
        pages.push(sp12_form_page(forms));
    }
    if !forms.snb2_written {
        pages.push(snb2_form_page(forms));
    }
    pages
}

/// Where each form is explained: a handbook page written by hand (`content/reporting/<form>.md`)
/// when there is one, otherwise a page generated here under `results/forms/`.
pub(super) struct Handbook {
    sp12_written: bool,
    snb2_written: bool,
    /// `content/reference/data-files.md`, the data file documentation, exists.
    data_doc: bool,
}

impl Handbook {
    pub(super) fn find(pages: &[Page]) -> Self {
        let exists = |id: &str| pages.iter().any(|p| !p.generated && p.id == id);
        Handbook {
            sp12_written: exists("reporting/sp12"),
            snb2_written: exists("reporting/snb2"),
            data_doc: exists("reference/data-files"),
        }
    }

    fn written(&self, form: &str) -> bool {
        if form == "sp12" {
            self.sp12_written
        } else {
            self.snb2_written
        }
    }

    /// Link to the form's page from a page in `results/`.
    pub(super) fn link_from_results(&self, form: &str) -> String {
        if self.written(form) {
            format!("../reporting/{form}.md")
        } else {
            format!("forms/{form}.md")
        }
    }

    /// A pointer to the data file documentation for a page in `results/forms/`, if it exists.
    fn data_doc_line(&self) -> &'static str {
        if self.data_doc {
            "รายละเอียดของทุกช่องในไฟล์ข้อมูลและตัวอย่าง ดูที่ [ไฟล์ข้อมูลรายงาน](../../reference/data-files.md)\n"
        } else {
            ""
        }
    }

    /// Link to the form's page from a page in `results/forms/`.
    fn link_from_forms(&self, form: &str) -> String {
        if self.written(form) {
            format!("../../reporting/{form}.md")
        } else {
            format!("{form}.md")
        }
    }
}

fn forms_index(forms: &Handbook) -> VirtualPage {
    let md = format!("แบบรายงานผลการช่วยเหลือแรงงานนอกระบบ แรงงานสูงอายุ และแรงงานคนพิการ มีสองแบบ \
              ข้อมูลของทั้งสองแบบเก็บเป็นไฟล์ YAML ใต้โฟลเดอร์ `data/reports/` แล้ว khumue ตรวจและพิมพ์เป็น PDF\n\n\
              - [แบบ สป-๑๒]({}) — หน่วยบริการชุมชนรายงานต่อสำนักงานแรงงานจังหวัด ทุกวันที่ ๒๕ ของเดือน\n\
              - [แบบ สนบ.๒]({}) — สำนักงานแรงงานจังหวัดรายงานต่อสำนักงานปลัดกระทรวงแรงงาน ทุกวันที่ ๕ ของเดือนถัดไป\n\n{}",
        forms.link_from_forms("sp12"),
        forms.link_from_forms("snb2"),
        forms.data_doc_line()
    );
    page(
        "results/forms/_index.md",
        "data/reports",
        front(
            "แบบรายงาน".into(),
            70,
            "แบบ สป-๑๒ และแบบ สนบ.๒: ช่องในแบบและกำหนดส่ง".into(),
            vec![Audience::Volunteer, Audience::NewStaff],
        ),
        md,
    )
}

fn assistance_meanings() -> String {
    let mut md = String::from("| ประเภท | รหัสในไฟล์ข้อมูล | ความหมาย |\n|---|---|---|\n");
    for kind in AssistanceType::ALL {
        let _ = writeln!(
            md,
            "| {} | `{}` | {} |",
            kind.label(),
            kind.code(),
            kind.meaning()
        );
    }
    md.push_str("\n| ประเภทของแรงงาน | รหัสในไฟล์ข้อมูล |\n|---|---|\n");
    for kind in WorkerType::ALL {
        let _ = writeln!(md, "| {} | `{}` |", kind.long_label(), kind.code());
    }
    md
}

fn see_also(md: &mut String, handbook: &Handbook) {
    if handbook.data_doc {
        md.push('\n');
        md.push_str(handbook.data_doc_line());
    }
}

fn sp12_form_page(handbook: &Handbook) -> VirtualPage {
    let mut md = String::from(
        "แบบรายงานผลการช่วยเหลือแรงงานนอกระบบ แรงงานสูงอายุ และแรงงานคนพิการ ของศูนย์ประสานงานแรงงานนอกระบบ (ภาคประชาชน) \
         หน่วยบริการชุมชนกรอกเดือนละหนึ่งแบบ แล้วส่งให้สำนักงานแรงงานจังหวัด**ทุกวันที่ ๒๕ ของเดือน**\n\n\
         ## ส่วนหัวของแบบ\n\n\
         | ช่องในแบบ | ช่องในไฟล์ข้อมูล | คำอธิบาย |\n|---|---|---|\n\
         | จังหวัด | (จาก `data/org.yaml`) | จังหวัดที่ตั้งศูนย์ประสานงาน |\n\
         | หน่วยบริการ | `unit` | รหัสหน่วยบริการตามที่กำหนดใน `data/org.yaml` |\n\
         | ประจำเดือน | `month` | เดือนที่รายงาน เขียนเป็น ปี พ.ศ.-เดือน เช่น `2563-10` |\n\
         | จำนวน … คน | `count` | จำนวนรายชื่อในแบบ ต้องเท่ากับจำนวนแถว |\n\
         | วันที่ส่ง | `submitted` | วันที่ส่งแบบ ถ้าเลยวันที่ ๒๕ ระบบจะเตือน |\n\n\
         ## ช่องในตาราง\n\n\
         | ช่องในแบบ | ช่องในไฟล์ข้อมูล | คำอธิบาย |\n|---|---|---|\n\
         | ลำดับที่ | `seq` | ลำดับแถว |\n\
         | ชื่อ-สกุล ผู้ที่ได้รับการช่วยเหลือ | `name` | ชื่อและนามสกุล (แสดงเฉพาะใน PDF ไม่แสดงในเว็บไซต์) |\n\
         | เลขบัตรประชาชน ๑๓ หลัก | `national_id` | เลขอารบิกหรือเลขไทย มีขีดหรือเว้นวรรคได้ ระบบตรวจหลักตรวจสอบ (หลักที่ ๑๓) |\n\
         | ประเภทการช่วยเหลือ/การให้บริการ | `assistance` | ดูตารางประเภทด้านล่าง |\n\
         | ประเภทของแรงงาน | `worker` | แรงงานนอกระบบ แรงงานสูงอายุ หรือแรงงานคนพิการ |\n\n\
         ## ประเภทการช่วยเหลือ\n\n",
    );
    md.push_str(&assistance_meanings());
    md.push_str("\nคนเดียวกันต้องมีรายชื่อเพียงครั้งเดียวในแบบของหน่วยบริการในเดือนเดียวกัน\n");
    see_also(&mut md, handbook);
    page(
        "results/forms/sp12.md",
        "data/reports",
        front(
            "แบบ สป-๑๒".into(),
            1,
            "รายงานผลการช่วยเหลือรายเดือนของหน่วยบริการชุมชน: ช่องในแบบและกำหนดส่ง".into(),
            vec![Audience::Volunteer, Audience::NewStaff],
        ),
        md,
    )
}

fn snb2_form_page(handbook: &Handbook) -> VirtualPage {
    let mut md = String::from(
        "แบบรายงานผลการช่วยเหลือแรงงานนอกระบบ แรงงานสูงอายุ และแรงงานคนพิการ ภายใต้แผนปฏิบัติการส่งเสริม คุ้มครอง และพัฒนาแรงงานนอกระบบ \
         สำนักงานแรงงานจังหวัดจัดทำเดือนละหนึ่งแบบ ส่งพร้อมแบบ สนบ.๑ (รายงานผลการดำเนินงาน) **ทุกวันที่ ๕ ของเดือนถัดไป**\n\n\
         ## ส่วนหัวของแบบ\n\n\
         | ช่องในแบบ | ช่องในไฟล์ข้อมูล | คำอธิบาย |\n|---|---|---|\n\
         | จังหวัด | `province` | ชื่อจังหวัด |\n\
         | ประจำเดือน | `month` | เดือนที่รายงาน เช่น `2564-01` |\n\
         | จำนวน … คน | `count` | จำนวนรายชื่อในแบบ ต้องเท่ากับจำนวนแถว |\n\
         | วันที่ส่ง | `submitted` | ถ้าเลยวันที่ ๕ ของเดือนถัดไประบบจะเตือน |\n\n\
         ## ช่องในตาราง\n\n\
         | ช่องในแบบ | ช่องในไฟล์ข้อมูล | คำอธิบาย |\n|---|---|---|\n\
         | ลำดับที่ | `seq` | ลำดับแถว |\n\
         | ชื่อแผนงาน/โครงการ/กิจกรรม | `plan` | แผนงาน โครงการ หรือกิจกรรมที่ให้ความช่วยเหลือ |\n\
         | ชื่อ-สกุล ผู้ที่ได้รับการช่วยเหลือ | `name` | แสดงเฉพาะใน PDF |\n\
         | เลขบัตรประชาชน ๑๓ หลัก | `national_id` | ตรวจหลักตรวจสอบเช่นเดียวกับแบบ สป-๑๒ |\n\
         | ประเภทการช่วยเหลือ/การให้บริการ | `assistance` | ส่งเสริม คุ้มครอง หรือพัฒนา |\n\
         | ประเภทของแรงงาน | `worker` | แรงงานนอกระบบ แรงงานสูงอายุ หรือแรงงานคนพิการ |\n\
         | หมายเหตุ: มี/ไม่มีรายชื่อในฐานข้อมูลแรงงานนอกระบบ ปี ๒๕๖๓ | `listed_in_2563_db` | `true` = มีรายชื่อ, `false` = ไม่มีรายชื่อ (พิมพ์เป็นเครื่องหมาย ✓ ในช่องที่ตรงกัน) |\n\
         | (ไม่มีในแบบ) | `unit` | หน่วยบริการที่ให้ความช่วยเหลือ ใช้เทียบจำนวนกับแบบ สป-๑๒ ของหน่วยนั้น |\n\n\
         ## ประเภทการช่วยเหลือ\n\n",
    );
    md.push_str(&assistance_meanings());
    md.push_str(
        "\nถ้าจำนวนรายชื่อของหน่วยบริการในแบบ สนบ.๒ ไม่ตรงกับแบบ สป-๑๒ ของหน่วยนั้นในเดือนเดียวกัน ระบบจะเตือน\n",
    );
    see_also(&mut md, handbook);
    page(
        "results/forms/snb2.md",
        "data/reports",
        front(
            "แบบ สนบ.๒".into(),
            2,
            "รายงานผลการช่วยเหลือรายเดือนของจังหวัด: ช่องในแบบและกำหนดส่ง".into(),
            vec![Audience::NewStaff, Audience::ExperiencedStaff],
        ),
        md,
    )
}
