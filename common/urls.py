app_name = "common"
urlpatterns = []
