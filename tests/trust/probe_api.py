"""A small API built like the boards' routers, to prove the fuzz harness.

It is mounted only by ``tests.trust.probe_urls`` in the harness's own tests;
the real API is fuzzed as it is.
"""

from ninja import NinjaAPI, Router, Schema, Status
from pydantic import Field

from accounts.api_auth import API_AUTH
from common.api import install_error_handlers, responses
from common.errors import NotFound

router = Router(tags=["probe"])


class NoteIn(Schema):
    title: str = Field(max_length=50)
    body: str = ""
    stars: int = Field(default=0, ge=0, le=5)


class NoteOut(Schema):
    title: str
    body: str
    stars: int
    author: str


class ItemOut(Schema):
    id: int
    name: str


@router.get("/items/{item_id}", response=responses(200, ItemOut))
def item(request, item_id: int):
    if item_id != 1:
        raise NotFound
    return {"id": 1, "name": "示例"}


@router.post("/notes", response=responses(201, NoteOut), auth=API_AUTH)
def add_note(request, payload: NoteIn):
    return Status(201, {**payload.dict(), "author": str(request.auth)})


@router.get("/search", response=responses(200, list[ItemOut]))
def search(request, q: str = "", page: int = 1):
    return [{"id": page, "name": q[:10]}]


def build_api():
    api = NinjaAPI(title="probe", version="1", urls_namespace="probe-api")
    install_error_handlers(api)
    api.add_router("/", router)
    return api


probe_api = build_api()
