from django.http import Http404
from ninja import Router

from api.auth import optional_user
from api.params import Code, ObjectId
from api.schemas import PlanIndicatorOut, PlanOut, PlanSummary, UnitOut, errors
from org.models import Unit
from plans.models import Indicator, Plan
from plans.selectors import plan_with_tree, plans_visible

router = Router(tags=["หน่วยงานและแผน"])


@router.get("/units", response={200: list[UnitOut], **errors(422)}, summary="รายชื่อหน่วยงาน (สาธารณะ)",
            description="ทุกหน่วยงานในครั้งเดียว (ไม่แบ่งหน้า: โครงสร้างหน่วยงานมีจำนวนจำกัด) เรียงตามผังองค์กร")
def list_units(request, agency: Code | None = None):
    qs = Unit.objects.filter(is_active=True).order_by("path")
    if agency:
        root = Unit.objects.filter(code=agency, parent__isnull=True).first()
        qs = qs.filter(path__startswith=root.path) if root else qs.none()
    return qs


@router.get("/plans", response={200: list[PlanSummary]}, summary="แผน (ที่อนุมัติแล้วเป็นสาธารณะ)")
def list_plans(request):
    return plans_visible(optional_user(request) or request.user)


@router.get("/plans/{plan_id}", response={200: PlanOut, **errors(404, 422)}, summary="แผนพร้อมโครงสร้างทั้งหมด")
def get_plan(request, plan_id: ObjectId):
    user = optional_user(request) or request.user
    try:
        plan = plan_with_tree(plan_id, base=plans_visible(user))
    except Plan.DoesNotExist:
        raise Http404("ไม่พบแผน") from None
    return _plan_tree(plan)


@router.get("/plans/{plan_id}/indicators", response={200: list[PlanIndicatorOut], **errors(404, 422)},
            summary="ตัวชี้วัดทั้งหมดของแผนพร้อมเป้าหมายและแหล่งข้อมูล",
            description="แหล่งข้อมูล `reported` = หน่วยงานรายงาน, `computed` = คำนวณจากข้อมูลในระบบตามชื่อการคำนวณ")
def list_plan_indicators(request, plan_id: ObjectId):
    user = optional_user(request) or request.user
    plan = plans_visible(user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("ไม่พบแผน")
    qs = Indicator.objects.filter(activity__measure__policy__plan=plan).select_related("activity").order_by(
        "activity__measure__policy__number", "activity__measure__sort_key", "activity__sort_order",
        "sort_order")
    return [{"id": i.pk, "key": i.key, "activity_key": i.activity.key, "number": i.number,
             "text": i.text, "target": _target(i), "source": _source(i)} for i in qs]


def _source(i: Indicator) -> dict:
    source = i.source or {}
    if i.is_computed:
        return {"kind": "computed", "name": source.get("name"), "label": i.source_display,
                "params": source.get("params") or {}}
    return {"kind": "reported", "name": None, "label": i.source_display, "params": {}}


def _target(i: Indicator) -> dict:
    return {"kind": i.kind, "comparison": i.comparison or None, "value": i.value, "unit": i.unit_label,
            "period": i.period or None, "due_month": i.due_month, "due_date": i.due_date, "scope": i.scope,
            "variants": i.variants}


def _unit_ref(u: Unit) -> dict:
    return {"id": u.pk, "name": u.name, "abbreviation": u.abbreviation}


def _plan_tree(plan: Plan) -> dict:
    return {
        "id": plan.pk, "title": plan.title, "agency_id": plan.agency_id, "period_start": plan.period_start,
        "period_end": plan.period_end, "status": plan.status, "approved_on": plan.approved_on,
        "approval_memo": plan.approval_memo, "source": plan.source,
        "policies": [{
            "id": pol.pk, "number": pol.number, "title": pol.title, "verbatim": pol.verbatim,
            "measures": [{
                "id": m.pk, "number": m.number, "parent_id": m.parent_id, "text": m.text,
                "verbatim": m.verbatim, "activities": [{
                    "id": a.pk, "key": a.key, "title": a.title, "text": a.text, "items": a.items,
                    "verbatim": a.verbatim, "host_units": [_unit_ref(u) for u in a.host_units.all()],
                    "host_verbatim": a.host_verbatim, "implementing_rule": a.implementing_rule,
                    "implementing_units": [_unit_ref(u) for u in a.implementing_units.all()],
                    "implementing_verbatim": a.implementing_verbatim,
                    "indicators": [{
                        "id": i.pk, "number": i.number, "text": i.text, "verbatim": i.verbatim,
                        "target": _target(i),
                    } for i in a.indicators.all()],
                } for a in m.activities.all()],
            } for m in pol.measures.all()],
        } for pol in plan.policies.all()],
    }
