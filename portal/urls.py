"""The public portal's addresses. They are stable: the ITA/OIT catalogue links its items to them.

Public (no login):
  portal:home                        /public/
  portal:section  <key>              /public/s/<key>/   key: structure, executives, duties, strategy, contact,
                                     laws, news, qa, social, manuals, hr_policy, integrity_plan, results,
                                     budget, participation
                                     (portal.models.Section; one page per OIT category, live or typed)
  portal:budget   <kind>             /public/s/budget/<kind>/    kind: plan, half_year, annual: the spending
                                     plan or report finance published (ITA O18, O19, O20), every year
  portal:page     <slug>             /public/p/<slug>/           a typed page (410 tombstone once withdrawn)
  portal:page_history <slug>         /public/p/<slug>/history/   its revisions (dates; full texts for staff)
  portal:news     <pk>               /public/news/<pk>/          a news item; portal:news_history likewise
  portal:page_file <pk>              /public/files/<pk>/         a page's attachment, while the page is public
  portal:result   <round pk>         /public/results/<round pk>/ a compiled round's results, once published
  portal:result_file <pk>            /public/results/files/<pk>/ its frozen PDF/DOCX
Staff (portal.edit / portal.publish): /public/manage/…
"""

from django.urls import path

from portal.views import public, staff

app_name = "portal"

urlpatterns = [
    path("", public.home, name="home"),
    path("s/<slug:key>/", public.section, name="section"),
    path("s/budget/<slug:kind>/", public.budget, name="budget"),
    path("p/<slug:slug>/", public.page, name="page"),
    path("p/<slug:slug>/history/", public.page_history, name="page_history"),
    path("news/<int:pk>/", public.news, name="news"),
    path("news/<int:pk>/history/", public.news_history, name="news_history"),
    path("files/<int:pk>/", public.page_file, name="page_file"),
    path("results/<int:pk>/", public.result, name="result"),
    path("results/files/<int:pk>/", public.result_file, name="result_file"),
    path("manage/", staff.manage, name="manage"),
    path("manage/new/", staff.page_new, name="page_new"),
    path("manage/<int:pk>/", staff.page_edit, name="page_edit"),
    path("manage/<int:pk>/files/", staff.page_file_add, name="page_file_add"),
    path("manage/files/<int:pk>/remove/", staff.page_file_remove, name="page_file_remove"),
    path("manage/<int:pk>/publish/", staff.page_publish, name="page_publish"),
    path("manage/<int:pk>/unpublish/", staff.page_unpublish, name="page_unpublish"),
    path("manage/results/", staff.results_manage, name="results_manage"),
    path("manage/results/<int:pk>/publish/", staff.results_publish, name="results_publish"),
    path("manage/results/<int:pk>/unpublish/", staff.results_unpublish, name="results_unpublish"),
]
