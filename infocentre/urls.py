app_name = "infocentre"
urlpatterns = []
