"""The JSON API for the mini-program, version 1, mounted at ``/api/v1/``."""

from ninja import NinjaAPI

from accounts.api import router as accounts_router
from campaign.api import router as campaign_router
from common.api import install_error_handlers
from complaints.api import router as complaints_router
from indicators.api import router as indicators_router
from notifications.api import router as notifications_router
from organizations.api import router as organizations_router
from places.api import router as places_router
from serviceweek.api import router as serviceweek_router
from showcase.api import router as showcase_router

api = NinjaAPI(
    title="红管家 联万家 API",
    version="1",
    urls_namespace="api-v1",
    docs_url="/docs",
)
install_error_handlers(api)

# Django tries the URL patterns in order: the showcase's come first, since
# public voting is by far the busiest use of the API.
api.add_router("/showcase/", showcase_router)
api.add_router("/accounts/", accounts_router)
api.add_router("/notifications/", notifications_router)
api.add_router("/places/", places_router)
api.add_router("/organizations/", organizations_router)
api.add_router("/campaign/", campaign_router)
api.add_router("/serviceweek/", serviceweek_router)
api.add_router("/complaints/", complaints_router)
api.add_router("/indicators/", indicators_router)
