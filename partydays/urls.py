app_name = "partydays"
urlpatterns = []
