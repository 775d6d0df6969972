app_name = "serviceweek"
urlpatterns = []
