from accounts import policy


def navigation(request):
    """Menu entries the current user may open, decided by the policy module (nothing hidden is merely CSS)."""
    user = request.user
    items = [("site_shell:home", "หน้าหลัก", True), ("plans:list", "แผนการดำเนินงาน", True)]
    if getattr(user, "is_authenticated", False):
        items += [
            ("plans:my_work", "งานของหน่วยงาน", user.unit_id is not None),
            ("site_shell:national_rollup", "ภาพรวมส่วนราชการ", policy.can(user, "national.rollup")),
            ("reports:home", "รายงานผล", policy.can(user, "round.view") or policy.can(user, "report.view")),
            ("procurement:list", "จัดซื้อจัดจ้าง", policy.can(user, "procurement.view")),
            ("complaints:list", "เรื่องร้องเรียน", policy.can(user, "complaint.view")),
            ("integrity:home", "ผลประโยชน์ทับซ้อนและวินัย", any(policy.can(user, a) for a in (
                "integrity.coi.view", "integrity.declaration.view", "integrity.issuance.view",
                "integrity.discipline.counts")) or user.unit_id is not None),
            ("budget:home", "ติดตามงบประมาณ", policy.can(user, "budget.view")),
            ("surveys:list", "แบบสำรวจ", policy.can(user, "survey.view")),
            ("hr:home", "การบริหารงานบุคคล", policy.can(user, "hr.view")),
            ("ita:home", "ความพร้อม ITA", policy.can(user, "ita.view")),
            ("campaigns:list", "แสดงเจตจำนง", policy.can(user, "campaign.view")),
            # the information centre's staff page needs info.submit; one who only handles requests (มาตรา ๑๑)
            # is sent to the requests page instead, which the manage page would refuse them
            ("infocentre:manage", "ศูนย์ข้อมูลข่าวสาร",
             policy.can(user, "info.submit") or policy.can(user, "info.publish")),
            ("infocentre:requests", "ศูนย์ข้อมูลข่าวสาร",
             policy.can(user, "inforequest.handle") and not policy.can(user, "info.submit")
             and not policy.can(user, "info.publish")),
            ("registers:home", "ทะเบียนคู่มือ ควบคุมภายใน และการสื่อสาร",
             any(policy.can(user, a) for a in ("manual.view", "icontrol.view", "workplace.view",
                                                "publicity.view"))),
            ("portal:manage", "จัดการเว็บไซต์สาธารณะ",
             policy.can(user, "portal.edit") or policy.can(user, "portal.publish")),
            ("site_shell:trail", "บันทึกการเปลี่ยนแปลง", policy.can(user, "audit.view")),
            ("accounts:users", "ผู้ใช้และบทบาท", policy.can(user, "user.manage")),
            ("accounts:supervisions", "หน่วยงานกำกับ", policy.can_manage_supervision(user)),
            ("org:units", "หน่วยงาน", True),
        ]
    from django.urls import NoReverseMatch, reverse

    menu = []
    for name, label, allowed in items:
        if not allowed:
            continue
        try:
            menu.append({"url": reverse(name), "label": label, "name": name})
        except NoReverseMatch:
            continue
    return {"nav_items": menu, "user_roles": sorted(policy.roles_of(user))}
