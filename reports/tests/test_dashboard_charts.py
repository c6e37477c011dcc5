import re

from reports.dashboard_charts import status_chart


def test_chart_is_plain_svg_with_a_text_alternative():
    svg = status_chart(
        [
            {
                "label": "ส่วนกลาง",
                "reports": 3,
                "counts": {"accepted": 1, "waiting": 1, "returned": 0, "draft": 0, "not_started": 1},
            }
        ]
    )
    assert svg.startswith("<svg") and "<script" not in svg and "style=" not in svg
    assert re.search(r"<desc[^>]*>ส่วนกลาง: ผ่านการตรวจ 1", svg)
