"""Thai names for audit actions and fields, for people reading the trail."""

ACTION_LABELS = {
    "unit.create": "เพิ่มหน่วยงาน", "unit.update": "แก้ไขหน่วยงาน",
    "user.create": "เพิ่มผู้ใช้", "user.update": "แก้ไขผู้ใช้", "user.password": "ตั้งรหัสผ่าน",
    "role.assign": "มอบบทบาท", "role.revoke": "ยกเลิกบทบาท",
    "token.create": "สร้างโทเค็น API", "token.revoke": "ยกเลิกโทเค็น API",
    "plan.load": "นำเข้าแผน", "plan.approve": "อนุมัติแผน", "plan.reopen": "เปิดแผนเพื่อแก้ไข",
    "plan.import": "นำเข้าการแก้ไขแผนจาก Excel",
    "indicator.update": "แก้ไขตัวชี้วัด", "indicator.create": "เพิ่มตัวชี้วัด", "indicator.delete": "ลบตัวชี้วัด",
    "activity.update": "แก้ไขกิจกรรม",
}

FIELD_LABELS = {
    "text": "ข้อความ", "kind": "ชนิดเป้าหมาย", "comparison": "เงื่อนไข", "value": "ค่าเป้าหมาย",
    "unit_label": "หน่วยนับ", "period": "รอบเวลา", "due_month": "ภายในเดือน", "due_date": "ภายในวันที่",
    "scope": "ขอบเขต", "variants": "เป้าหมายรายปี", "note": "หมายเหตุ", "number": "เลขที่", "title": "ชื่อ",
    "items": "รายการย่อย", "host_units": "หน่วยงานเจ้าภาพ", "implementing_rule": "หน่วยงานปฏิบัติ",
    "implementing_units": "หน่วยงานปฏิบัติที่ระบุ", "status": "สถานะ", "approved_by": "ผู้อนุมัติ",
    "approved_on": "วันที่อนุมัติ", "approval_memo": "หนังสืออนุมัติ", "name": "ชื่อ", "abbreviation": "ชื่อย่อ",
    "aliases": "ชื่ออื่น", "region": "สังกัด", "unit": "สังกัด", "is_active": "ใช้งาน", "role": "บทบาท",
    "username": "ชื่อผู้ใช้", "email": "อีเมล", "position": "ตำแหน่ง", "first_name": "ชื่อ", "last_name": "นามสกุล",
}


def register_labels(actions: dict[str, str] | None = None, fields: dict[str, str] | None = None) -> None:
    """Other apps add their own action and field names (called from their AppConfig.ready)."""
    ACTION_LABELS.update(actions or {})
    FIELD_LABELS.update(fields or {})
