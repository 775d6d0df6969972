app_name = "exemplars"
urlpatterns = []
