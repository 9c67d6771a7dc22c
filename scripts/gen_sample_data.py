#!/usr/bin/env python3
"""Generates khumue's sample report data for fiscal year 2564 (October 2563 - September 2564).

    python3 scripts/gen_sample_data.py            # writes into ./data (seed 2564)
    python3 scripts/gen_sample_data.py --seed 2564 --out data
    python3 scripts/gen_sample_data.py --units 93 --out /tmp/p/data   # a unit per sub-district

The same seed always gives byte-identical files. With the default two units the files are the
sample in data/ (the two units the source document reports). With `--units N` the two are joined
by N - 2 more, spread over Chachoengsao's 11 districts and 93 sub-districts; every unit reports
every month, each SNB-2 sums the units' rows, and the annual targets grow with the units.

Everything is synthetic: names are plainly
made up (surnames such as สมมติ, ตัวอย่าง, ทดสอบ) and national ID numbers are random digits with
a valid check digit, so they pass `khumue check` but belong to no one.

Writes (and replaces) data/org.yaml, data/reports/2564/, data/targets/2564.yaml and
data/competency/; leaves data/site.yaml and data/glossary.yaml alone. The file layout and
every field are documented in content/reference/data-files.md.
"""

import argparse
import json
import random
import shutil
from pathlib import Path

FISCAL_YEAR = 2564
MONTHS = [(FISCAL_YEAR - 1, m) for m in (10, 11, 12)] + [(FISCAL_YEAR, m) for m in range(1, 10)]
DAYS_IN_MONTH = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}

UNITS = [
    {
        "id": "klong-niyom",
        "name": "หน่วยบริการชุมชนแรงงานนอกระบบ บ้านคลองนิยม",
        "village": "บ้านคลองนิยม",
        "moo": 3,
        "sub_district": "พิมพา",
        "district": "บางปะกง",
    },
    {
        "id": "wari-samankhun",
        "name": "หน่วยบริการชุมชนแรงงานนอกระบบ ชุมชนวาริ สมานคุณ",
        "village": "ชุมชนวาริ สมานคุณ",
        "moo": 2,
        "sub_district": "เกาะขนุน",
        "district": "พนมสารคาม",
    },
]

# Chachoengsao's 11 districts with how many sub-districts each has here (93 in all). The district
# names are real; the sub-district names after the two real ones above are made up from
# syllables, as are the villages, so no generated unit claims to be a real place.
DISTRICTS = [
    ("เมืองฉะเชิงเทรา", 19), ("บ้านโพธิ์", 17), ("บางปะกง", 12), ("บางคล้า", 9), ("พนมสารคาม", 8),
    ("บางน้ำเปรี้ยว", 8), ("สนามชัยเขต", 6), ("คลองเขื่อน", 5), ("แปลงยาว", 4), ("ราชสาส์น", 3),
    ("ท่าตะเกียบ", 2),
]
SYLLABLES_FIRST = ["บาง", "หนอง", "คลอง", "โคก", "ดอน", "ท่า", "วัง", "บึง", "สระ", "ห้วย", "นา", "เขา", "ลาด", "หัว"]
SYLLABLES_LAST = ["สมมติ", "ตัวอย่าง", "ทดลอง", "จำลอง", "ใหม่", "งาม", "ทอง", "สุข", "ศรี", "เจริญ", "พัฒนา", "ร่มเย็น", "สว่าง", "ดี"]
MAX_UNITS = sum(count for _, count in DISTRICTS)


def scaled_units(count, seed):
    """The two real units, then one unit per made-up sub-district, districts taken in turn so
    that every district has units before any has two."""
    if count <= len(UNITS):
        return UNITS[:count]
    rng = random.Random(f"units-{seed}")
    names = [a + b for a in SYLLABLES_FIRST for b in SYLLABLES_LAST]
    rng.shuffle(names)
    places = {district: [] for district, _ in DISTRICTS}
    taken = {unit["sub_district"] for unit in UNITS}
    for unit in UNITS:
        places[unit["district"]].append(unit["sub_district"])
    for district, size in DISTRICTS:
        while len(places[district]) < size:
            name = names.pop()
            if name not in taken:
                taken.add(name)
                places[district].append(name)
    order = []
    for turn in range(max(size for _, size in DISTRICTS)):
        for district, size in DISTRICTS:
            if turn < size:
                order.append((district, places[district][turn]))
    units = list(UNITS)
    used = {(unit["district"], unit["sub_district"]) for unit in UNITS}
    for district, sub_district in order:
        if len(units) == count:
            break
        if (district, sub_district) in used:
            continue
        n = len(units) + 1
        village = f"บ้าน{names.pop()}"
        units.append({
            "id": f"unit-{n:03d}",
            "name": f"หน่วยบริการชุมชนแรงงานนอกระบบ {village}",
            "village": village,
            "moo": rng.randint(1, 12),
            "sub_district": sub_district,
            "district": district,
        })
    return units

FIRST_NAMES = {
    "นาย": ["สมชาย", "สมศักดิ์", "ประเสริฐ", "วิชัย", "สุรชัย", "บุญมี", "ชาญ", "อำนาจ", "ประยูร", "สมบัติ", "ธนา", "ก้องเกียรติ"],
    "นาง": ["สมศรี", "บุญเรือน", "มาลี", "สุดา", "ประไพ", "ละออ", "จำเนียร", "วันเพ็ญ", "ทองใบ", "สายทอง"],
    "นางสาว": ["กนกวรรณ", "สุภาพร", "ศิริพร", "วิไลวรรณ", "นิตยา", "ปราณี", "อรุณี", "จันทร์เพ็ญ", "รัตนา", "พรทิพย์"],
}
# Plainly made-up surnames: every one says "example", "test", "pretend" or "simulated".
SURNAMES = ["สมมติ", "ตัวอย่าง", "ทดสอบ", "จำลอง", "สมมติวงศ์", "ตัวอย่างดี", "ทดสอบสุข", "จำลองศรี", "สมมติชัย", "ตัวอย่างงาม"]

ASSISTANCE = ["ส่งเสริม", "คุ้มครอง", "พัฒนา", "ระวังภัย"]
ASSISTANCE_WEIGHTS = [2, 3, 4, 2]  # the units mostly trained people (พัฒนา), as the source reports
WORKERS = ["นอกระบบ", "สูงอายุ", "คนพิการ"]
WORKER_WEIGHTS = [8, 3, 1]
SNB2_PLAN = {
    "ส่งเสริม": "โครงการส่งเสริมการมีงานทำและอาชีพแก่แรงงานนอกระบบ",
    "คุ้มครอง": "โครงการขยายความคุ้มครองผู้ประกันตนมาตรา ๔๐",
    "พัฒนา": "โครงการแก้ไขปัญหาความเดือดร้อนด้านอาชีพ",
}

PLAN = [
    ("strategic", "ทักษะเชิงยุทธศาสตร์", [
        ("บทบาทและภารกิจของสำนักงานปลัดกระทรวงและกระทรวงแรงงาน", ["new-staff"], ["training", "manual"]),
        ("การเตรียมความพร้อมทางกายและสร้างเจตคติต่อการเป็นข้าราชการที่ดี", ["new-staff"], ["training", "seminar"]),
        ("วินัยสำหรับข้าราชการ", ["new-staff", "experienced-staff", "supervisor"], ["training", "manual", "self-learning"]),
        ("นวัตกรรมในภาครัฐเพื่อการเป็นภาครัฐ ๔.๐ อย่างยั่งยืน", ["experienced-staff", "supervisor"], ["training", "seminar", "study-visit"]),
        ("ทักษะดิจิทัล", ["new-staff", "experienced-staff", "supervisor"], ["training", "manual"]),
        ("ทักษะการสื่อสารโน้มน้าว (การทำสื่อนำเสนองาน เทคนิคการพูดในที่ประชุม)", ["new-staff", "experienced-staff", "supervisor"], ["training", "mentoring"]),
        ("การประเมินและบริหารจัดการความเสี่ยงดิจิทัลขององค์กร", ["executive"], ["training", "seminar"]),
        ("การสื่อสารในภาวะวิกฤตและเทคนิคการตอบข้อซักถามของสื่อมวลชน", ["executive"], ["training", "seminar"]),
    ]),
    ("leadership", "ทักษะด้านภาวะผู้นำ", [
        ("ภาวะผู้นำกับการแก้ไขปัญหาและการตัดสินใจ", ["experienced-staff", "supervisor"], ["training", "assignment", "mentoring"]),
        ("การคิดวิเคราะห์ข้อมูลสถานการณ์แรงงานและเศรษฐกิจสำหรับนักบริหาร", ["experienced-staff", "supervisor"], ["training", "seminar", "assignment", "mentoring", "coaching"]),
        ("การเสริมสร้างภาพลักษณ์และบุคลิกภาพนักบริหาร", ["supervisor", "executive"], ["training", "internal-trainer"]),
        ("การพัฒนาศักยภาพภาวะผู้นำ", ["supervisor", "executive"], ["training", "internal-trainer"]),
        ("การผลักดันให้เกิดนวัตกรรมและการเปลี่ยนแปลง", ["experienced-staff", "supervisor", "executive"], ["training", "seminar", "study-visit"]),
        ("การผลักดันให้เกิดการปฏิบัติและผลสัมฤทธิ์", ["experienced-staff", "supervisor", "executive"], ["training", "seminar", "study-visit"]),
        ("สมรรถนะการบริหารผลการปฏิบัติราชการ (Performance Management)", ["supervisor", "executive"], ["training", "seminar", "study-visit"]),
        ("การสร้างและส่งเสริมการบูรณาการและความร่วมมือในองค์กร", ["executive"], ["seminar"]),
        ("การสร้างวัฒนธรรมและสภาพแวดล้อมที่ผลักดันการปฏิบัติและผลสัมฤทธิ์ของงาน", ["executive"], ["seminar"]),
    ]),
    ("functional", "ทักษะตามสายงาน", [
        ("การพัฒนาบุคลากรตามมาตรฐานวิชาชีพ", ["new-staff", "experienced-staff", "supervisor"], ["training", "seminar"]),
        ("การเสริมสร้างสมรรถนะด้านการเงินและการคลัง", ["new-staff", "experienced-staff", "supervisor"], ["on-the-job-training", "coaching", "self-learning"]),
        ("การเขียนหนังสือราชการ", ["new-staff"], ["training", "mentoring", "self-learning"]),
        ("เทคนิคการสร้างทีมงานและเชื่อมโยงเครือข่ายคุณภาพ", ["experienced-staff", "supervisor"], ["training", "seminar", "mentoring"]),
        ("การพัฒนาองค์กรสู่ความเป็น ๔.๐ และการปรับตัวด้านเทคโนโลยี", ["new-staff", "experienced-staff", "supervisor"], ["training", "seminar"]),
        ("การแก้ไขความขัดแย้งและการเจรจาต่อรอง", ["supervisor", "executive"], ["counselling"]),
        ("การบริหารทรัพยากรเชิงกลยุทธ์", ["supervisor", "executive"], ["training", "seminar"]),
        ("การบริหารและขับเคลื่อนองค์กรด้วยข้อมูล (Big Data)", ["executive"], ["training", "seminar"]),
        ("การบริหารความหลากหลายของบุคลากรในองค์กร", ["executive"], ["training", "seminar"]),
    ]),
]

# A provincial labour office has six positions (FACTS: 4 civil servants, 2 government employees).
STAFF_GROUPS = ["executive", "supervisor", "experienced-staff", "experienced-staff", "new-staff", "new-staff"]


def q(text):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def national_id(rng, used):
    while True:
        digits = [rng.choice([1, 3])] + [rng.randrange(10) for _ in range(11)]
        total = sum(d * (13 - i) for i, d in enumerate(digits))
        digits.append((11 - total % 11) % 10)
        text = "".join(map(str, digits))
        if text not in used:
            used.add(text)
            return f"{text[0]}-{text[1:5]}-{text[5:10]}-{text[10:12]}-{text[12]}"


def people_pool(rng, used_ids, size):
    pool, names = [], set()
    while len(pool) < size:
        title = rng.choice(list(FIRST_NAMES))
        name = f"{title}{rng.choice(FIRST_NAMES[title])} {rng.choice(SURNAMES)}"
        if name in names:
            continue
        names.add(name)
        worker = rng.choices(WORKERS, WORKER_WEIGHTS)[0]
        pool.append({"name": name, "national_id": national_id(rng, used_ids), "worker": worker})
    return pool


def date(be_year, month, day):
    return f"{be_year}-{month:02d}-{day:02d}"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


HEADER = "# Synthetic sample data: python3 scripts/gen_sample_data.py --seed {seed}{units}. Names and IDs are made up.\n"


def header(seed, units):
    return HEADER.format(seed=seed, units="" if len(units) == len(UNITS) else f" --units {len(units)}")


def gen_org(out, seed, units):
    lines = [header(seed, units),
             'province: "ฉะเชิงเทรา"',
             'office: "สำนักงานแรงงานจังหวัดฉะเชิงเทรา"',
             "centre:",
             '  name: "ศูนย์ประสานงานแรงงานนอกระบบจังหวัดฉะเชิงเทรา (ภาคประชาชน)"',
             '  location: "ศาลากลางจังหวัดฉะเชิงเทรา ชั้น ๑"',
             '  order: "คำสั่งจังหวัดฉะเชิงเทรา ที่ ๒๙๒/๒๕๖๔"',
             '  established: "2564-01-29"',
             "  advisors:"]
    for advisor in ["แรงงานจังหวัดฉะเชิงเทรา", "ผู้อำนวยการสำนักงานพัฒนาฝีมือแรงงานฉะเชิงเทรา", "จัดหางานจังหวัดฉะเชิงเทรา",
                    "สวัสดิการและคุ้มครองแรงงานจังหวัดฉะเชิงเทรา", "ประกันสังคมจังหวัดฉะเชิงเทรา"]:
        lines.append(f"    - {q(advisor)}")
    lines.append("  committee:")
    for role, count in [("ประธานกรรมการ", 1), ("รองประธานกรรมการ", 1), ("กรรมการ", 11), ("กรรมการและเลขานุการ", 1),
                        ("ผู้ช่วยเลขานุการ", 1)]:
        lines += [f"    - role: {q(role)}", f"      count: {count}"]
    lines.append("  working_groups:")
    for name, agency in [("ด้านการประสานงานและสนับสนุน", "สำนักงานแรงงานจังหวัด"),
                         ("ด้านการพัฒนาทักษะฝีมือ", "สำนักงานพัฒนาฝีมือแรงงาน"),
                         ("ด้านการแนะแนวอาชีพและการจัดหางาน", "สำนักงานจัดหางานจังหวัด"),
                         ("ด้านการคุ้มครองสิทธิแรงงาน", "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด"),
                         ("ด้านประกันสังคมและการออม", "สำนักงานประกันสังคมจังหวัด")]:
        lines += [f"    - name: {q(name)}", f"      lead_agency: {q(agency)}"]
    lines.append("units:")
    for unit in units:
        lines.append(f"  - id: {unit['id']}")
        for key in ("name", "village"):
            lines.append(f"    {key}: {q(unit[key])}")
        lines.append(f"    moo: {unit['moo']}")
        for key in ("sub_district", "district"):
            lines.append(f"    {key}: {q(unit[key])}")
    write(out / "org.yaml", "\n".join(lines) + "\n")


def gen_reports(rng, out, seed, units):
    used_ids = set()
    pools = {unit["id"]: people_pool(rng, used_ids, 160) for unit in units}
    for be_year, month in MONTHS:
        snb2_rows = []
        for unit in units:
            size = rng.randint(15, 60)
            people = rng.sample(pools[unit["id"]], size)
            rows = []
            for seq, person in enumerate(people, 1):
                assistance = rng.choices(ASSISTANCE, ASSISTANCE_WEIGHTS)[0]
                served = date(be_year, month, rng.randint(1, 24))
                rows.append((seq, person, assistance, served))
                if assistance in SNB2_PLAN:
                    snb2_rows.append((unit["id"], person, assistance))
            lines = [header(seed, units),
                     f"unit: {unit['id']}",
                     f'month: "{be_year}-{month:02d}"',
                     f"count: {len(rows)}",
                     f'submitted: "{date(be_year, month, rng.randint(20, 25))}"',
                     "rows:"]
            for seq, person, assistance, served in rows:
                lines += [f"  - seq: {seq}",
                          f"    name: {q(person['name'])}",
                          f"    national_id: {q(person['national_id'])}",
                          f"    assistance: {assistance}",
                          f"    worker: {person['worker']}",
                          f'    served: "{served}"']
            write(out / "reports" / str(FISCAL_YEAR) / "sp12" / unit["id"] / f"{month:02d}.yaml", "\n".join(lines) + "\n")
        next_year, next_month = (be_year + 1, 1) if month == 12 else (be_year, month + 1)
        lines = [header(seed, units),
                 'province: "ฉะเชิงเทรา"',
                 f'month: "{be_year}-{month:02d}"',
                 f"count: {len(snb2_rows)}",
                 f'submitted: "{date(next_year, next_month, rng.randint(1, 5))}"',
                 "rows:"]
        for seq, (unit_id, person, assistance) in enumerate(snb2_rows, 1):
            lines += [f"  - seq: {seq}",
                      f"    plan: {q(SNB2_PLAN[assistance])}",
                      f"    name: {q(person['name'])}",
                      f"    national_id: {q(person['national_id'])}",
                      f"    assistance: {assistance}",
                      f"    worker: {person['worker']}",
                      f"    listed_in_2563_db: {'true' if rng.random() < 0.6 else 'false'}",
                      f"    unit: {unit_id}"]
        write(out / "reports" / str(FISCAL_YEAR) / "snb2" / f"{month:02d}.yaml", "\n".join(lines) + "\n")


def gen_targets(out, seed, units):
    def scaled(target):
        return round(target * len(units) / len(UNITS))

    indicators = [
        ("service-units", "จำนวนหน่วยบริการชุมชนที่จัดตั้ง", len(units), "หน่วย", "service-units", None),
        ("persons-served", "แรงงานนอกระบบที่ได้รับความช่วยเหลือ (ไม่นับซ้ำ)", scaled(250), "คน", "persons-served", None),
        ("persons-developed", "แรงงานนอกระบบที่ได้รับการพัฒนาทักษะ", scaled(120), "คน", "persons-served", "develop"),
        ("persons-protected", "แรงงานนอกระบบที่ได้รับการคุ้มครองและหลักประกันทางสังคม", scaled(100), "คน", "persons-served", "protect"),
        ("staff-developed", "บุคลากรสำนักงานแรงงานจังหวัดที่ได้รับการพัฒนาสมรรถนะ", 85, "ร้อยละ", "staff-developed-percent", None),
    ]
    lines = [header(seed, units), f"fiscal_year: {FISCAL_YEAR}", "indicators:"]
    for ident, name, target, unit, measure, assistance in indicators:
        lines += [f"  - id: {ident}", f"    name: {q(name)}", f"    target: {target}", f"    unit: {q(unit)}",
                  f"    measure: {measure}"]
        if assistance:
            lines.append(f"    assistance: {assistance}")
    write(out / "targets" / f"{FISCAL_YEAR}.yaml", "\n".join(lines) + "\n")


def gen_competency(rng, out, seed, units):
    lines = [header(seed, units), 'title: "แผนปฏิบัติการพัฒนาสมรรถนะและความรู้ที่จำเป็นในการปฏิบัติงาน"', "groups:"]
    courses_for = {group: [] for group in set(STAFF_GROUPS)}
    for group_id, group_name, courses in PLAN:
        lines += [f"  - id: {group_id}", f"    name: {q(group_name)}", "    courses:"]
        for i, (name, targets, methods) in enumerate(courses, 1):
            course_id = f"{group_id}-{i}"
            lines += [f"      - id: {course_id}", f"        name: {q(name)}",
                      f"        targets: [{', '.join(targets)}]", f"        methods: [{', '.join(methods)}]"]
            for target in targets:
                courses_for[target].append(course_id)
    write(out / "competency" / "plan.yaml", "\n".join(lines) + "\n")

    lines = [header(seed, units), "staff:"]
    for n, group in enumerate(STAFF_GROUPS, 1):
        lines += [f"  - code: S{n:02d}", f"    group: {group}", "    completed:"]
        for course in sorted(rng.sample(courses_for[group], rng.randint(1, 3))):
            be_year, month = rng.choice(MONTHS)
            day = rng.randint(1, DAYS_IN_MONTH[month])
            lines += [f"      - course: {course}", f'        date: "{date(be_year, month, day)}"']
    write(out / "competency" / "staff.yaml", "\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2564)
    parser.add_argument("--out", type=Path, default=Path("data"))
    parser.add_argument("--units", type=int, default=len(UNITS),
                        help=f"community service units, 1 to {MAX_UNITS} (default: the document's {len(UNITS)})")
    args = parser.parse_args()
    if not 1 <= args.units <= MAX_UNITS:
        parser.error(f"--units must be between 1 and {MAX_UNITS}, one unit per sub-district at most")
    units = scaled_units(args.units, args.seed)
    rng = random.Random(args.seed)
    out = args.out
    for generated in (out / "reports" / str(FISCAL_YEAR), out / "targets", out / "competency"):
        shutil.rmtree(generated, ignore_errors=True)
    gen_org(out, args.seed, units)
    gen_reports(rng, out, args.seed, units)
    gen_targets(out, args.seed, units)
    gen_competency(rng, out, args.seed, units)


if __name__ == "__main__":
    main()
